"""Cost of the quote and reported-speech stages, as a share of spaCy's parse time.

    .venv/bin/python benchmarks/quote_speed.py [--repeat N] [--limit N]

Articles: the PolNeAR dev texts (`../shared/eval/polnear-dev/text`, override the eval folder
with NEWSTRACE_EVAL_DIR) plus the example article. Each is parsed once with `nlp.pipe`
(timed: the baseline); the entities component runs once (not timed: it is its own stage);
then the `quotes` and `speech` components run `--repeat` times over every parsed article and
the best total is kept. Goal: quotes + speech <= 15 % of the parse time.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def eval_dir() -> Path:
    env = os.environ.get("NEWSTRACE_EVAL_DIR")
    return Path(env) if env else ROOT.parent / "shared" / "eval"


def texts(limit: int | None) -> list[str]:
    paths = sorted((eval_dir() / "polnear-dev" / "text").glob("*.txt"))[:limit]
    out = [p.read_text(encoding="utf-8") for p in paths]
    example = ROOT / "examples" / "venezuela-syndicated.txt"
    if example.exists():
        out.append(example.read_text(encoding="utf-8"))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)

    from newstrace import nlp as nlp_module
    from newstrace.analyze.context import Context
    from newstrace.analyze.registry import build
    from newstrace.model import Article, Source

    corpus = texts(args.limit)
    if not corpus:
        print("no articles found; set NEWSTRACE_EVAL_DIR", file=sys.stderr)
        return 2
    nlp = nlp_module.load()
    nlp("warm up")
    t0 = time.perf_counter()
    docs = list(nlp.pipe(corpus, batch_size=16))
    parse = time.perf_counter() - t0

    entities = build("entities")
    quotes = build("quotes")
    speech = build("speech")
    contexts = []
    for text, doc in zip(corpus, docs):
        ctx = Context(article=Article(source=Source(uri="<bench>"), text=text), doc=doc)
        entities(ctx)
        contexts.append(ctx)

    best = {"quotes": float("inf"), "speech": float("inf")}
    counts = {}
    for _ in range(max(1, args.repeat)):
        spent = {"quotes": 0.0, "speech": 0.0}
        for ctx in contexts:
            ctx.doc.user_data.pop("newstrace.parsed_text", None)  # no help from an earlier round
            t = time.perf_counter()
            quotes(ctx)
            spent["quotes"] += time.perf_counter() - t
            t = time.perf_counter()
            speech(ctx)
            spent["speech"] += time.perf_counter() - t
        best = {k: min(v, spent[k]) for k, v in best.items()}
        counts = {"quotes": sum(len(c.quotes) for c in contexts),
                  "reported speech": sum(len(c.reported_speech) for c in contexts)}

    words = sum(len(d) for d in docs)
    total = best["quotes"] + best["speech"]
    print(f"{len(corpus)} articles, {words} tokens; found {counts['quotes']} quotes, "
          f"{counts['reported speech']} reported speech")
    print(f"spaCy parse (baseline)   {parse:8.3f} s")
    print(f"quotes                   {best['quotes']:8.3f} s  {100 * best['quotes'] / parse:5.1f} %")
    print(f"speech                   {best['speech']:8.3f} s  {100 * best['speech'] / parse:5.1f} %")
    print(f"quotes + speech          {total:8.3f} s  {100 * total / parse:5.1f} % of parse "
          f"(goal <= 15 %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
