"""Kill -9 during an ingest, then rerun: every article stored exactly once, no partial rows,
and the rerun picks up where the killed run stopped (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import text

from newstrace.store import Store

N = 500
BATCH = 7  # articles per transaction: what was stored at the kill is whole batches


def write_articles(folder):
    folder.mkdir()
    for i in range(N):
        (folder / f"a{i:03d}.txt").write_text(
            f"Harbour works, part {i}.\n\nOfficials said on Monday that berth {i} would reopen "
            f"in {2026 + i % 5}. “We are ready,” the harbour master said. The work cost "
            f"{i * 3} thousand dollars.\n", encoding="utf-8")


def stored(url: str) -> int:
    try:
        with Store(url) as store:
            return store.count()
    except Exception:  # not created yet, or mid-migration
        return 0


def run(folder, url, *extra):
    return [sys.executable, "-m", "newstrace", "ingest", str(folder), "--db", url,
            "--stages", "clean", "--batch-size", str(BATCH), "--quiet", *extra]


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_kill_9_then_rerun_stores_each_article_once(tmp_path, db_url):
    folder = tmp_path / "in"
    write_articles(folder)
    proc = subprocess.Popen(run(folder, db_url), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    try:
        while stored(db_url) < 40:
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "ingest stored nothing within 60 s"
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    at_kill = stored(db_url)
    assert 0 < at_kill < N, f"the kill should land mid-run, {at_kill} of {N} were stored"
    assert at_kill % BATCH == 0, "a killed transaction left part of a batch behind"

    rerun = subprocess.run(run(folder, db_url, "--format", "json"), capture_output=True,
                           text=True, timeout=90)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["skipped"] == at_kill and summary["added"] == N - at_kill
    assert summary["failed"] == 0

    with Store(db_url) as store, store.engine.connect() as conn:
        assert store.count() == N and store.count("documents") == N
        uris = conn.execute(text("SELECT uri, count(*) FROM articles GROUP BY uri")).all()
        assert len(uris) == N and all(n == 1 for _, n in uris)
        assert {u.rsplit("/", 1)[-1] for u, _ in uris} == {f"a{i:03d}.txt" for i in range(N)}
        orphans = conn.execute(text(
            "SELECT count(*) FROM documents d LEFT JOIN articles a ON a.id = d.article_id "
            "WHERE a.id IS NULL")).scalar_one()
        assert orphans == 0
        children = {tbl: dict(conn.execute(text(
            f"SELECT article_id, count(*) FROM {tbl} GROUP BY article_id")).all())
            for tbl in ("entities", "mentions", "quotes", "claims", "events")}
        for record in store.articles():
            analysis = store.analysis(record.id)
            assert analysis.text == record.text and analysis.stages == ["clean"]
            expected = {"entities": len(analysis.entities), "quotes": len(analysis.quotes),
                        "mentions": sum(len(e.mentions) for e in analysis.entities),
                        "claims": len(analysis.claims), "events": len(analysis.events)}
            for tbl, n in expected.items():
                assert children[tbl].get(record.id, 0) == n, (tbl, record.uri)
