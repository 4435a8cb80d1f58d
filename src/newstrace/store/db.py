"""Opening a database: URL normalisation, engine settings, migrations on open."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy import create_engine

from ..errors import StoreError

DEFAULT_DB = "newstrace.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def normalize_url(url: str | Path | None) -> str:
    """A SQLAlchemy URL for what a user typed: a file path (SQLite), `sqlite:///…`,
    or `postgresql://…` (mapped to the psycopg 3 driver)."""
    if url is None or str(url) == "":
        url = DEFAULT_DB
    text = str(url)
    if "://" not in text:
        return f"sqlite:///{Path(text).expanduser()}"
    for prefix in ("postgresql://", "postgres://"):
        if text.startswith(prefix):
            return "postgresql+psycopg://" + text[len(prefix):]
    return text


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_engine_for(url: str | Path | None) -> Engine:
    """An engine for `url`; raises StoreError (naming the database) if it cannot be built."""
    full = normalize_url(url)
    try:
        parsed = make_url(full)
        if parsed.get_backend_name() == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                parent = Path(parsed.database).expanduser().resolve().parent
                if not parent.is_dir():
                    raise StoreError(f"folder {parent} does not exist", input=str(url))
            engine = create_engine(full)
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(full, pool_pre_ping=True)
    except StoreError:
        raise
    except Exception as exc:  # bad URL, missing driver
        raise StoreError(f"cannot open the database: {exc}", input=_safe(full)) from exc
    return engine


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


def migrate(engine: Engine) -> None:
    """Bring the schema up to the newest Alembic revision (creates it on a new database)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except Exception as exc:
        raise StoreError(f"cannot open or migrate the database: {exc}",
                         input=_safe(str(engine.url))) from exc
