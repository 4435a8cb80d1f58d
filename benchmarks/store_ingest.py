"""Store benchmark: what storing costs on top of analysing, and how fast reruns and search are.

In one run, over N generated short articles (JSON Lines, `--stages clean`, no spaCy):

- baseline: `newstrace.analyze_many` alone (ingest → clean, nothing stored);
- ingest into a fresh store (SQLite file, or `--db postgresql://…`): articles/s and the ratio
  to the baseline;
- rerun of the same ingest (every document skipped by hash): seconds;
- search: mean latency of article, claim and filtered queries.

    .venv/bin/python benchmarks/store_ingest.py [--n 5000] [--batch-size 64] [--db URL]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from newstrace import AnalyzeOptions, analyze_many
from newstrace.model import Analysis
from newstrace.store import Store

CITIES = ["Lima", "Quito", "Caracas", "Bogotá", "La Paz", "Santiago", "Montevideo", "Asunción"]
TOPICS = ["bridge", "harbour", "railway", "water plant", "school", "hospital", "airport"]


def generate(path: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            city, topic = rng.choice(CITIES), rng.choice(TOPICS)
            text = (f"Officials in {city} said on Monday that the new {topic} would open in "
                    f"{2026 + i % 4}. “We are ready,” the mayor told reporters. The project, "
                    f"number {i}, cost {rng.randint(2, 900)} million dollars and employs "
                    f"{rng.randint(10, 5000)} people, according to the ministry.")
            fh.write(json.dumps({"id": f"r{i}", "title": f"{topic.title()} in {city} ({i})",
                                 "date": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                                 "outlet": rng.choice(["Outlet A", "Outlet B", "Outlet C"]),
                                 "text": text}, ensure_ascii=False) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--db", default=None, help="postgresql://… (default: a temp SQLite file)")
    args = ap.parse_args()
    options = AnalyzeOptions(stages="clean", batch_size=args.batch_size)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl"
        generate(src, args.n)

        t = time.perf_counter()
        n_base = sum(isinstance(a, Analysis) for a in analyze_many([src], options))
        base_s = time.perf_counter() - t

        url = args.db or str(Path(tmp) / "bench.db")
        with Store(url) as store:
            t = time.perf_counter()
            first = store.ingest([src], options)
            ingest_s = time.perf_counter() - t
            t = time.perf_counter()
            again = store.ingest([src], options)
            rerun_s = time.perf_counter() - t
            assert first.added == n_base == args.n and again.added == 0, (first, again)
            queries = [("bridge Lima", {}), ('"new harbour"', {"kind": "article"}),
                       ("school", {"outlet": "outlet b", "since": "2025-06"}),
                       ("hospital -Quito", {"until": "2025-03"})]
            lat = []
            for _ in range(5):
                for q, kw in queries:
                    t = time.perf_counter()
                    store.search(q, limit=20, **kw)
                    lat.append(time.perf_counter() - t)
            dialect = store.dialect
    print(f"store benchmark: {args.n} generated articles, --stages clean, "
          f"batch size {args.batch_size}, {dialect}")
    print(f"{'step':<34}{'seconds':>9}{'articles/s':>12}{'× baseline':>12}")
    print(f"{'baseline: analyze_many (no store)':<34}{base_s:>9.2f}{args.n / base_s:>12.0f}{1:>12.2f}")
    print(f"{'ingest into a fresh store':<34}{ingest_s:>9.2f}{args.n / ingest_s:>12.0f}"
          f"{ingest_s / base_s:>12.2f}")
    print(f"{'rerun (all skipped by hash)':<34}{rerun_s:>9.2f}{args.n / rerun_s:>12.0f}"
          f"{rerun_s / base_s:>12.2f}")
    print(f"search: mean {statistics.mean(lat) * 1000:.1f} ms, max {max(lat) * 1000:.1f} ms "
          f"over {len(lat)} queries")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
