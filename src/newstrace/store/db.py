"""Opening a database: URL normalisation, engine settings, migrations on open."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine, make_url

from ..errors import StoreError

DEFAULT_DB = "newstrace.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 30_000  # how long a writer waits for another's lock before it fails


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


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases and in-memory SQLite)."""
    try:
        parsed = make_url(url)
    except Exception:
        return None
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    name = parsed.database
    if name.startswith("file:"):  # a SQLite URI filename (?uri=true), e.g. file:x.db?mode=ro
        name = name[5:].split("?", 1)[0]
        if not name or "memory" in parsed.query.get("mode", ""):
            return None
    return Path(name).expanduser()


def reason(exc: BaseException) -> str:
    """A database error's own message, without the SQL statement and parameters SQLAlchemy
    appends (they can hold a whole article, or a password)."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc)
    return text.split("\n[SQL:")[0].strip().splitlines()[0] if text.strip() else type(exc).__name__


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # pysqlite's own implicit BEGIN skips DDL and SELECTs; SQLAlchemy's documented recipe:
    # turn it off and emit BEGIN ourselves (see _sqlite_begin), so every transaction is real.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    _set_wal(cursor)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _set_wal(cursor) -> None:
    # Switching a new file to WAL needs an exclusive lock, and SQLite answers "database is
    # locked" at once (without the busy handler) while another process is doing the same, so
    # two first openings of one file race; the mode is stored in the file, so one wins and the
    # other sees "wal" on its next try.
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.01
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


def _sqlite_begin(conn) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that writes: on SQLite it takes the write lock at BEGIN (IMMEDIATE), so
    concurrent writers queue (busy_timeout) instead of failing on a lock upgrade."""
    with engine.connect() as conn:
        conn.execution_options(sqlite_begin="IMMEDIATE")
        with conn.begin():
            yield conn


def create_engine_for(url: str | Path | None) -> Engine:
    """An engine for `url`; raises StoreError (naming the database) if it cannot be built."""
    full = normalize_url(url)
    try:
        parsed = make_url(full)
        if parsed.get_backend_name() == "sqlite":
            file = sqlite_file(full)
            if file is not None:
                parent = file.resolve().parent
                if not parent.is_dir():
                    raise StoreError(f"folder {parent} does not exist", input=str(url))
            engine = create_engine(full)
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        else:
            engine = create_engine(full, pool_pre_ping=True)
    except StoreError:
        raise
    except Exception as exc:  # bad URL, missing driver
        raise StoreError(f"cannot open the database: {reason(exc)}", input=_safe(full)) from exc
    return engine


def display_url(url: str) -> str:
    """The URL without its password, for messages: postgresql://me:***@host/db."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


_safe = display_url


def migrate(engine: Engine) -> None:
    """Bring the schema up to the newest Alembic revision (creates it on a new database)."""
    from alembic import command
    from alembic.config import Config
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        head = ScriptDirectory.from_config(config).get_current_head()
        with engine.connect() as connection:  # the common case: nothing to do, no lock taken
            if MigrationContext.configure(connection).get_current_revision() == head:
                return
        # One migrator at a time: SQLite's write lock (BEGIN IMMEDIATE) or a PostgreSQL
        # advisory lock; alembic then reads the version inside the locked transaction.
        with write_transaction(engine) as connection:
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql("SELECT pg_advisory_xact_lock(727274)")
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except Exception as exc:
        raise StoreError(f"cannot open or migrate the database: {reason(exc)}",
                         input=_safe(str(engine.url))) from exc
