"""Scale-out benchmark: the same N articles ingested (full pipeline, into SQLite) by one
process, by `--processes 2` (spaCy's n_process) and by `--dask` with a LocalCluster of 2
workers, as throughput ratios to the one-process run measured in the same run; plus the Dask
scheduler overhead per article.

Articles are the bodies of ../shared/eval/aeb/ground-truth.json (read at run time, written to
a temporary JSON Lines file, never copied into the project), cycled with a numbered dateline
when N exceeds them so every article is distinct.

Overhead: the cluster's worker-seconds not spent inside tasks, per article,
(wall x workers - sum of task seconds) / N, against the per-article task time (sum of task
seconds / N). It counts the scheduler, serialisation and the idle tail at the end of the run
(an upper bound); spaCy is loaded on the workers before the clock starts, as the one-process
run loads it before its clock.

    .venv/bin/python benchmarks/scale.py [--n 2000] [--workers 2] [--partition-size 16]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newstrace import AnalyzeOptions  # noqa: E402
from newstrace.store import Store  # noqa: E402


def eval_dir() -> Path:
    env = os.environ.get("NEWSTRACE_EVAL_DIR")
    return Path(env) if env else ROOT.parent / "shared" / "eval"


def write_corpus(path: Path, n: int) -> int:
    """N JSON Lines records from the AEB bodies; returns the characters written."""
    data = json.loads((eval_dir() / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    bodies = [v["articleBody"] for _, v in sorted(data.items())
              if v.get("articleBody", "").strip()]
    chars = 0
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            body = bodies[i % len(bodies)]
            if i >= len(bodies):
                body = f"Dispatch {i // len(bodies)}.\n\n{body}"
            chars += len(body)
            fh.write(json.dumps({"text": body, "id": i, "url": f"https://o{i % 7}.example/{i}"})
                     + "\n")
    return chars


def run_local(corpus: Path, db: Path, processes: int, batch: int) -> tuple[float, int]:
    from newstrace import scale

    # spaCy and the lazy lexicons loaded before the clock, as the Dask worker plugin does
    scale.warm_up(__import__("newstrace").pipeline.Runner(AnalyzeOptions()))
    with Store(db) as store:
        t0 = time.perf_counter()
        summary = store.ingest([str(corpus)], AnalyzeOptions(n_process=processes,
                                                             batch_size=batch))
        return time.perf_counter() - t0, summary.added


def run_dask(corpus: Path, db: Path, workers: int, partition: int, batch: int):
    from distributed import Client, LocalCluster

    from newstrace import scale

    options = AnalyzeOptions(batch_size=batch)
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0", silence_logs=40) as cluster, Client(cluster) as c:
        c.register_plugin(scale.PipelinePlugin(options), name=scale.PipelinePlugin.name)
        t0 = time.perf_counter()
        summary = scale.ingest([str(corpus)], options,
                               scale.ScaleOptions(db=str(db), partition_size=partition),
                               client=c)
        elapsed = time.perf_counter() - t0
        rss = c.run(lambda: __import__("psutil").Process().memory_info().rss)
        # storage: the same articles as Parquet (not timed)
        scale.ingest([str(corpus)], options, scale.ScaleOptions(
            parquet=str(db.with_suffix(".parquet")), partition_size=partition), client=c)
        return elapsed, summary, max(rss.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="articles (default 2000)")
    parser.add_argument("--workers", type=int, default=2, help="processes / Dask workers")
    parser.add_argument("--partition-size", type=int, default=16, help="articles per task")
    parser.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch")
    parser.add_argument("--skip", default="", help="comma list of runs to skip: one,processes")
    parser.add_argument("--dask-first", action="store_true",
                        help="run the Dask run first (to see drift in the machine's load)")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        corpus = tmp_path / "corpus.jsonl"
        chars = write_corpus(corpus, args.n)
        print(f"{args.n} articles, {chars / args.n:.0f} characters each on average; "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
        rows = []
        if args.dask_first:
            t_dask, summary, rss = run_dask(corpus, tmp_path / "d.db", args.workers,
                                            args.partition_size, args.batch_size)
            dask_load = os.getloadavg()[0]
        if "one" not in skip:
            t, added = run_local(corpus, tmp_path / "one.db", 1, args.batch_size)
            rows.append(("1 process", t, added, os.getloadavg()[0]))
        if "processes" not in skip:
            t, added = run_local(corpus, tmp_path / "p.db", args.workers, args.batch_size)
            rows.append((f"--processes {args.workers}", t, added, os.getloadavg()[0]))
        if not args.dask_first:
            t_dask, summary, rss = run_dask(corpus, tmp_path / "d.db", args.workers,
                                            args.partition_size, args.batch_size)
            dask_load = os.getloadavg()[0]
        rows.append((f"--dask, {args.workers} workers", t_dask, summary.added, dask_load))
        base = rows[0][1]
        print(f"\n{'run':<22} {'seconds':>8} {'articles/s':>11} {'ratio':>6} {'load at end':>12}")
        for name, secs, added, load in rows:
            print(f"{name:<22} {secs:8.1f} {added / secs:11.2f} {base / secs:6.2f}x {load:12.1f}")
        per_article = summary.worker_seconds / max(1, summary.analysed)
        overhead = (t_dask * args.workers - summary.worker_seconds) / max(1, summary.analysed)
        print(f"\ndask: {summary.partitions} tasks; task time per article {per_article * 1000:.0f} ms; "
              f"overhead per article {overhead * 1000:.1f} ms "
              f"({100 * overhead / per_article:.1f} % of the per-article time; goal < 5 %)")
        db_bytes = (tmp_path / "d.db").stat().st_size
        pq_bytes = sum(f.stat().st_size for f in (tmp_path / "d.parquet").rglob("*.parquet"))
        print(f"worker memory (RSS, largest worker at the end): {rss / 2**20:.0f} MB; storage "
              f"per article: SQLite {db_bytes / summary.analysed / 1024:.1f} KB, Parquet "
              f"{pq_bytes / summary.analysed / 1024:.1f} KB; input {chars / args.n / 1024:.1f} KB")
        print(f"load average {os.getloadavg()[0]:.1f} at the end (the machine is shared)")


if __name__ == "__main__":
    main()
