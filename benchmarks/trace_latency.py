"""Trace latency on a large SQLite store (issue 17: under 1 s at 100,000 articles).

Builds (or reuses, at --db) a store of N synthetic articles inserted in bulk straight into the
`articles` table (the FTS5 index fills through its triggers, as in an ingest), plus the 53
articles of the trace dev set, then times `trace_claim` for the 16 dev claims, and beside it
in the same run a plain full-text search for the same query (`Store.search`), and checks
that the dev carriers are still found among N distractors.

The synthetic articles are news-like: sentences from templates over a 6,000-word vocabulary
with names, places and figures, about 1,800 characters each.

    nice .venv/bin/python benchmarks/trace_latency.py [--articles 100000] [--db PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from trace_dev import load  # noqa: E402

SYLLABLES = ("ba be bi bo bu da de di do ka ke ki ko la le li lo ma me mi mo na ne ni no ra re "
             "ri ro sa se si so ta te ti to va ve vi vo").split()
COMMON = ("government minister council company report police city officials people year week "
          "market price rate water fire election vote study plan deal court union school "
          "hospital bank budget tax trade steel job workers residents health road rail "
          "stadium team season crisis talks border aid energy power prices growth").split()
VERBS = ("said announced reported approved rejected raised cut opened closed warned agreed "
         "found expected planned confirmed denied delayed launched signed").split()
TEMPLATES = [
    "{N1} {v} on {day} that {n} {w1} would {w2} the {w3} {w4}.",
    "The {w1} {w2} of {N1} {v} {num} {w3} in {P1}, {n2} {w4} said.",
    "About {num} {w1} were {w2} in {P1} after the {w3} {w4}, according to {N2}.",
    "{N2} {v} a {pct} percent {w1} in {w2} {w3} for {P1}.",
    "Officials in {P1} {v} the {w1} {w2} would cost ${money} million.",
    "{N1} told reporters the {w1} {w2} had {v} {w3} since {year}.",
    "The {w1} in {P2} is {w2} to {w3} by {pct} percent next {w4}.",
]


def vocabulary(rng: random.Random, n: int = 6000) -> list[str]:
    words = set()
    while len(words) < n:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words) + COMMON * 20


def synthetic(rng: random.Random, vocab: list[str], names: list[str], places: list[str]) -> str:
    def w() -> str:
        return vocab[min(len(vocab) - 1, int(rng.paretovariate(1.1))) if rng.random() < 0.3
                     else rng.randrange(len(vocab))]

    sents = []
    while sum(len(s) for s in sents) < 1800:
        t = rng.choice(TEMPLATES)
        sents.append(t.format(
            N1=rng.choice(names), N2=rng.choice(names), P1=rng.choice(places),
            P2=rng.choice(places), v=rng.choice(VERBS), n=w(), n2=w(), w1=w(), w2=w(),
            w3=w(), w4=w(), day=rng.choice(["Monday", "Tuesday", "Friday"]),
            num=f"{rng.randint(2, 90) * 100:,}", pct=rng.randint(1, 40),
            money=round(rng.uniform(1, 900), 1), year=rng.randint(1990, 2025)))
        sents[-1] = sents[-1][0].upper() + sents[-1][1:]
    return " ".join(sents)


def build(db: Path, n: int) -> None:
    from sqlalchemy import insert

    from newstrace.store import Store
    from newstrace.store import schema as t

    rng = random.Random(17)
    vocab = vocabulary(rng)
    names = [f"{rng.choice(vocab).title()} {rng.choice(vocab).title()}" for _ in range(3000)]
    places = [rng.choice(vocab).title() for _ in range(800)]
    store = Store(db)
    have = store.count()
    if have >= n:
        store.close()
        return
    t0 = time.perf_counter()
    batch = []
    outlets = ["Harbor Daily", "Metro Wire", "Valley Courier", "Coastal Times", "Atlas Review"]
    for i in range(have, n):
        text = synthetic(rng, vocab, names, places)
        day = 1 + i % 28
        batch.append({"id": hashlib.sha1(f"synthetic-{i}".encode()).hexdigest(),
                      "uri": f"synthetic/{i}", "format": "text", "headline": None,
                      "authors": "[]", "published": f"2026-{1 + i % 12:02d}-{day:02d}",
                      "outlet": rng.choice(outlets), "republished_by": "[]",
                      "stages": "clean", "text": text, "analysis": "{}",
                      "ingested_at": "2026-12-01T00:00:00"})
        if len(batch) == 5000 or i == n - 1:
            with store.engine.begin() as conn:
                conn.execute(insert(t.articles), batch)
            batch = []
            print(f"  {i + 1:,} articles ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    store.close()


def add_dev(db: Path) -> dict[str, str]:
    """The dev set's articles as rows (no analysis); dev id -> article id."""
    from sqlalchemy import insert, select

    from newstrace.store import Store
    from newstrace.store import schema as t

    articles, _ = load()
    store = Store(db)
    ids = {a["id"]: hashlib.sha1(f"dev-{a['id']}".encode()).hexdigest() for a in articles}
    with store.engine.begin() as conn:
        present = set(conn.execute(select(t.articles.c.id).where(
            t.articles.c.id.in_(list(ids.values())))).scalars())
        rows = [{"id": ids[a["id"]], "uri": f"dev/{a['id']}", "format": "text",
                 "headline": a["headline"], "authors": "[]", "published": a["published"][:10],
                 "outlet": a["outlet"], "republished_by": "[]", "stages": "clean",
                 "text": a["text"], "analysis": "{}", "ingested_at": "2026-12-01T00:00:00"}
                for a in articles if ids[a["id"]] not in present]
        if rows:
            conn.execute(insert(t.articles), rows)
    store.close()
    return ids


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--db", type=Path,
                    default=Path(tempfile.gettempdir()) / "trace-latency.db")
    ap.add_argument("--repeat", type=int, default=2, help="runs of each query (best kept)")
    args = ap.parse_args()

    from newstrace.corpus import trace_claim
    from newstrace.store import Store

    t0 = time.perf_counter()
    build(args.db, args.articles)
    ids = add_dev(args.db)
    dev_of = {v: k for k, v in ids.items()}
    print(f"store ready in {time.perf_counter() - t0:.0f} s: {args.db}")
    _, gold = load()
    store = Store(args.db)
    total = store.count()
    times, base_times, found, wanted = [], [], 0, 0
    for c in gold["claims"]:
        best = base = float("inf")
        for _ in range(args.repeat):
            t1 = time.perf_counter()
            trace = trace_claim(store, c["query"])
            best = min(best, time.perf_counter() - t1)
            t1 = time.perf_counter()
            store.search(" or ".join(c["query"].split()[:12]), kind="article", limit=50)
            base = min(base, time.perf_counter() - t1)
        times.append(best)
        base_times.append(base)
        got = {dev_of.get(s.article_id) for s in trace.claims}
        wanted += len(c["carriers"])
        found += len(set(c["carriers"]) & got)
    store.close()
    print(f"trace over {total:,} stored articles (SQLite), {len(times)} queries: "
          f"median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms "
          f"(target < 1000 ms)")
    print(f"  plain full-text search of the same words (Store.search, 50 hits): median "
          f"{statistics.median(base_times) * 1000:.0f} ms; trace / search = "
          f"{statistics.median(times) / statistics.median(base_times):.2f}x (the trace asks the "
          f"index for its rarer words only)")
    print(f"  dev carriers found among the distractors: {found}/{wanted} (recall "
          f"{found / wanted:.3f}; no analysis stored here, so names have no aliases)")
    print(json.dumps({"articles": total, "median_ms": round(statistics.median(times) * 1000),
                      "max_ms": round(max(times) * 1000), "recall": round(found / wanted, 3)}))


if __name__ == "__main__":
    main()
