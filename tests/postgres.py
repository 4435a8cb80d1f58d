"""A throwaway PostgreSQL server for the store tests (Debian's `postgresql` package).

The session fixture `pg_server` finds `/usr/lib/postgresql/*/bin/{initdb,pg_ctl}`, creates a
cluster in a temporary folder (as the `postgres` system user when the tests run as root, since
PostgreSQL refuses to run as root), starts it on a free localhost port and stops it at the end.
Each test gets its own database from `pg_url`. Without the binaries the tests skip, except
under CI=true where they fail: install them with `bash scripts/system-deps.sh`. Set
NEWSTRACE_TEST_PG to use a running server instead.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class PgServer:
    host: str
    port: int
    user: str
    password: str | None = None

    def url(self, database: str = "postgres") -> str:
        auth = f"{self.user}:{self.password}" if self.password else self.user
        return f"postgresql://{auth}@{self.host}:{self.port}/{database}"

    def create_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        import psycopg

        name = url.rsplit("/", 1)[-1]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def find_binaries() -> tuple[Path, Path] | None:
    """initdb and pg_ctl of the newest installed PostgreSQL, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    for pg_ctl in reversed(found):
        initdb = Path(pg_ctl).with_name("initdb")
        if initdb.exists():
            return initdb, Path(pg_ctl)
    for name in ("initdb", "pg_ctl"):
        if shutil.which(name) is None:
            return None
    return Path(shutil.which("initdb")), Path(shutil.which("pg_ctl"))  # type: ignore[arg-type]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _absent(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"PostgreSQL tests cannot run under CI: {reason}. "
                    "Run `bash scripts/system-deps.sh` (installs Debian's postgresql).")
    pytest.skip(f"PostgreSQL tests skipped: {reason} (install: bash scripts/system-deps.sh)")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A running PostgreSQL server for this test session (or the server named by
    NEWSTRACE_TEST_PG, e.g. postgresql://postgres@db:5432, whose user may create databases)."""
    external = os.environ.get("NEWSTRACE_TEST_PG")
    if external:
        from sqlalchemy.engine import make_url

        u = make_url(external)
        yield PgServer(host=u.host or "localhost", port=u.port or 5432,
                       user=u.username or "postgres", password=u.password)
        return
    bins = find_binaries()
    if bins is None:
        _absent("initdb/pg_ctl not found under /usr/lib/postgresql/*/bin")
    initdb, pg_ctl = bins  # type: ignore[misc]
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _absent("the psycopg driver is not installed (pip install 'newstrace[postgres]')")
    prefix: list[str] = []
    owner = None
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            _absent("running as root and there is no `postgres` system user to run the server")
        prefix = ["runuser", "-u", "postgres", "--"]
    base = Path(tempfile.mkdtemp(prefix="newstrace-pg-"))
    data = base / "data"
    if owner is not None:
        os.chown(base, owner.pw_uid, owner.pw_gid)
    port = _free_port()
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    subprocess.run([*prefix, str(initdb), "-D", str(data), "--auth=trust", "--username=postgres",
                    "--encoding=UTF8", "--no-sync"],
                   check=True, capture_output=True, env=env)
    opts = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off"
    started = subprocess.run([*prefix, str(pg_ctl), "-D", str(data), "-o", opts, "-l",
                              str(base / "log"), "-w", "-t", "60", "start"],
                             capture_output=True, text=True, env=env)
    if started.returncode != 0:
        log = (base / "log").read_text() if (base / "log").exists() else ""
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"could not start PostgreSQL: {started.stderr}\n{log}")
    try:
        yield PgServer(host="127.0.0.1", port=port, user="postgres")
    finally:
        subprocess.run([*prefix, str(pg_ctl), "-D", str(data), "-m", "immediate", "-w", "stop"],
                       capture_output=True, env=env)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh, empty PostgreSQL database URL for one test (dropped afterwards)."""
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """A fresh database URL: each test using it runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "newstrace.db")
    return request.getfixturevalue("pg_url")
