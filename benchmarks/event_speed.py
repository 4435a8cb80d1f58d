"""Cost of the dates + events stages, as a share of spaCy's parse time on the same articles.

    .venv/bin/python benchmarks/event_speed.py [--repeat N] [--limit N]

Articles: the PolNeAR dev texts (`../shared/eval/polnear-dev/text`; override the eval folder
with NEWSTRACE_EVAL_DIR), the PLOVER dev sentences joined 20 to an article, and the example
article. Each is parsed once with `nlp.pipe` (timed: the baseline); the entities component runs
once (not timed: it is its own stage); then the `dates` and `events` components run `--repeat`
times over every parsed article and the best total is kept. Goal: dates + events <= 10 % of
the parse time.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def eval_dir() -> Path:
    env = os.environ.get("NEWSTRACE_EVAL_DIR")
    return Path(env) if env else ROOT.parent / "shared" / "eval"


def texts(limit: int | None) -> list[str]:
    out = [p.read_text(encoding="utf-8")
           for p in sorted((eval_dir() / "polnear-dev" / "text").glob("*.txt"))[:limit]]
    plover = eval_dir() / "plover" / "plover-gsr-dev.jsonl"
    if plover.exists():
        sents = [json.loads(line)["text"] for line in plover.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
        out += [" ".join(sents[i:i + 20]) for i in range(0, len(sents), 20)]
    example = ROOT / "examples" / "venezuela-syndicated.txt"
    if example.exists():
        out.append(example.read_text(encoding="utf-8"))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs of the timed stages (best kept)")
    ap.add_argument("--limit", type=int, default=None, help="first N PolNeAR texts only")
    args = ap.parse_args(argv)

    from newstrace import nlp as nlp_module
    from newstrace.analyze.context import Context
    from newstrace.analyze.registry import build
    from newstrace.model import Article, Meta, Source

    corpus = texts(args.limit)
    if not corpus:
        print("no articles found; set NEWSTRACE_EVAL_DIR", file=sys.stderr)
        return 2
    nlp = nlp_module.load()
    nlp("warm up")
    t0 = time.perf_counter()
    docs = list(nlp.pipe(corpus, batch_size=16))
    parse = time.perf_counter() - t0

    entities, dates, events = build("entities"), build("dates"), build("events")
    contexts = []
    for text, doc in zip(corpus, docs):
        ctx = Context(article=Article(source=Source(uri="<bench>"), text=text,
                                      meta=Meta(published="2025-09-10")), doc=doc)
        entities(ctx)
        contexts.append(ctx)
    dates(contexts[0])  # load the lexicons and compile the patterns outside the timing
    events(contexts[0])

    best_dates = best_events = float("inf")
    n_events = n_dates = 0
    for _ in range(max(1, args.repeat)):
        td = te = 0.0
        for ctx in contexts:
            t = time.perf_counter()
            dates(ctx)
            t2 = time.perf_counter()
            events(ctx)
            te += time.perf_counter() - t2
            td += t2 - t
        best_dates, best_events = min(best_dates, td), min(best_events, te)
        n_dates = sum(len(c.dates) for c in contexts)
        n_events = sum(len(c.events) for c in contexts)

    words = sum(len(d) for d in docs)
    stage = best_dates + best_events
    print(f"{len(corpus)} articles, {words} tokens; {n_dates} time expressions, {n_events} events")
    print(f"spaCy parse (baseline): {parse:8.3f} s")
    print(f"dates:                  {best_dates:8.3f} s  ({100 * best_dates / parse:5.2f} % of parse)")
    print(f"events:                 {best_events:8.3f} s  ({100 * best_events / parse:5.2f} % of parse)")
    print(f"dates + events:         {stage:8.3f} s  ({100 * stage / parse:5.2f} % of parse; goal <= 10 %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
