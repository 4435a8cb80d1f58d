"""Kill -9 an ingest at N random points, then rerun: every article stored exactly once.

    .venv/bin/python fuzz/kill_points.py [--points 20] [--articles 300] [--stages entities]

One SQLite store, one folder of composed articles. Each round starts `newstrace ingest` and
kills it with SIGKILL after a random delay (--min-delay to --max-delay seconds, so kills
land during start-up, migration, parsing and writing); after each kill the store is checked: no partial rows
(every article's child rows match its stored analysis, no document without its article).
Finally a rerun must complete: exit 0, nothing failed, every input stored exactly once.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sqlalchemy import text  # noqa: E402

from newstrace.store import Store  # noqa: E402


def write_articles(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:04d}.txt").write_text(
            f"Harbour works, part {i}.\n\nOfficials in Lima said on Monday that berth {i} would "
            f"reopen in {2026 + i % 5}. “We are ready,” the harbour master, Ana Ruiz, said. "
            f"The work cost {i * 3} thousand dollars, according to the ministry.\n",
            encoding="utf-8")


def check(db: Path) -> int:
    """The number of stored articles; raises AssertionError on a partial write."""
    if not db.exists():
        return 0
    with Store(db) as store, store.engine.connect() as conn:
        orphans = conn.execute(text(
            "SELECT count(*) FROM documents d LEFT JOIN articles a ON a.id = d.article_id "
            "WHERE a.id IS NULL")).scalar_one()
        assert orphans == 0, f"{orphans} documents without their article"
        dup = conn.execute(text("SELECT count(*) FROM (SELECT uri FROM articles GROUP BY uri "
                                "HAVING count(*) > 1) x")).scalar_one()
        assert dup == 0, f"{dup} articles stored twice"
        quotes = dict(conn.execute(text(
            "SELECT article_id, count(*) FROM quotes GROUP BY article_id")).all())
        for record in store.articles():
            analysis = store.analysis(record.id)
            assert quotes.get(record.id, 0) == len(analysis.quotes), record.uri
        return store.count()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=20)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--stages", default="entities,quotes")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--min-delay", type=float, default=0.5)
    parser.add_argument("--max-delay", type=float, default=6.0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder, db = tmp / "in", tmp / "n.db"
        write_articles(folder, args.articles)
        cmd = [sys.executable, "-m", "newstrace", "ingest", str(folder), "--db", str(db),
               "--stages", args.stages, "--batch-size", "8", "--quiet"]
        survived = 0
        for point in range(args.points):
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                    env=env, start_new_session=True)
            delay = rng.uniform(args.min_delay, args.max_delay)
            time.sleep(delay)
            finished = proc.poll() is not None
            if not finished:
                os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            stored = check(db)
            survived += 1
            print(f"kill {point + 1:2d} after {delay:4.1f} s: "
                  f"{'(already finished) ' if finished else ''}{stored} of {args.articles} "
                  "stored, no partial rows", flush=True)
            if stored == args.articles:
                break
        rerun = subprocess.run([*cmd[:-1], "--format", "json"], capture_output=True, text=True,
                               env=env)
        summary = json.loads(rerun.stdout)
        final = check(db)
        ok = (rerun.returncode == 0 and summary["failed"] == 0 and final == args.articles)
        print(f"rerun: exit {rerun.returncode}, added {summary['added']}, skipped "
              f"{summary['skipped']}, failed {summary['failed']}; {final} of {args.articles} "
              f"stored exactly once; kill points survived: {survived}")
        return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
