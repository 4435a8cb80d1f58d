"""Speed of the claim stage (claims + check-worthiness) as a ratio to the spaCy parse.

    .venv/bin/python benchmarks/claim_speed.py [--limit N] [--repeat R]

Articles: the example, the composed gold articles in tests/data/gold, and the PolNeAR
development texts (../shared/eval/polnear-dev/text, read in place; NEWSTRACE_EVAL_DIR overrides
the folder). Baseline: `nlp.pipe` over the same texts in the same run. The components the claim
stage reads (entities, quotes, speech) run before the clock starts; the claims component and the
checkworthy component are timed separately. Target: claims ≤ 10 % of parse time.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import importlib  # noqa: E402

components = importlib.import_module("newstrace.analyze")  # the package, not the analyze() function
from newstrace import nlp as nlp_module  # noqa: E402
from newstrace.model import Article, Source  # noqa: E402


def eval_dir() -> Path:
    return Path(os.environ.get("NEWSTRACE_EVAL_DIR") or ROOT.parent / "shared" / "eval")


def texts(limit: int) -> list[str]:
    paths = [ROOT / "examples" / "venezuela-syndicated.txt", *sorted((ROOT / "tests" / "data" / "gold").glob("*.txt"))]
    polnear = eval_dir() / "polnear-dev" / "text"
    if polnear.is_dir():
        paths += sorted(polnear.glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths[:limit]]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    nlp = nlp_module.load()
    docs_text = texts(args.limit)
    n_chars = sum(len(t) for t in docs_text)
    nlp.pipe(docs_text[:2])  # warm up
    parse = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        docs = list(nlp.pipe(docs_text, batch_size=16))
        parse.append(time.perf_counter() - t0)

    before = [components.build(name) for name in ("entities", "quotes", "speech")]
    claims = components.build("claims")
    checkworthy = components.build("checkworthy")
    contexts = []
    for text, doc in zip(docs_text, docs):
        ctx = components.Context(article=Article(source=Source(uri="<bench>"), text=text), doc=doc)
        for run in before:
            run(ctx)
        contexts.append(ctx)
    claims(contexts[0])
    checkworthy(contexts[0])  # load lexicons and the model once, as a long-running process does

    def timed(fn) -> float:
        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            for ctx in contexts:
                fn(ctx)
            best = min(best, time.perf_counter() - t0)
        return best

    t_parse = min(parse)
    t_claims = timed(claims)
    t_cw = timed(checkworthy)
    n_claims = sum(len(c.claims) for c in contexts)
    print(f"{len(docs_text)} articles, {n_chars:,} characters, {n_claims} claims")
    print(f"spaCy parse (baseline) : {t_parse:7.3f} s")
    print(f"claims component       : {t_claims:7.3f} s  = {t_claims / t_parse:6.1%} of parse")
    print(f"checkworthy component  : {t_cw:7.3f} s  = {t_cw / t_parse:6.1%} of parse")
    print(f"claims + checkworthy   : {(t_claims + t_cw) / t_parse:6.1%} of parse")


if __name__ == "__main__":
    main()
