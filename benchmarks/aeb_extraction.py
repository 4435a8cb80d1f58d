"""Article extraction on the article-extraction-benchmark pages (../shared/eval/aeb).

Runs newstrace's cleaner (ingest → clean, `Article.text`) and bare `trafilatura.extract`
(default settings) over the same 181 pages in one run and prints, for each:

- body F1 with the benchmark's own metric: word 4-gram shingles per page (normalised
  TP/FP/FN), precision and recall averaged over pages, F1 of the two means;
- the share of pages with a title extracted;
- extraction time (reading the page included for both; trafilatura's separate metadata pass
  for the title is not timed), and newstrace's time as a ratio to trafilatura's.

    .venv/bin/python benchmarks/aeb_extraction.py [--limit N] [--worst K]

The eval folder is `../shared/eval` from the repository root, or $NEWSTRACE_EVAL_DIR.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = Path(os.environ.get("NEWSTRACE_EVAL_DIR") or ROOT.parent / "shared" / "eval")
AEB = EVAL_DIR / "aeb"

_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)

Triple = tuple[float, float, float]


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i:i + n])


def shingle_match(true: str, pred: str) -> Triple:
    """Normalised (tp, fp, fn) of 4-gram shingles, as the benchmark's evaluate.py."""
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def scores(rows: list[Triple]) -> dict[str, float]:
    p = statistics.mean(precision(*r) for r in rows if r[0] + r[1] > 0)
    r = statistics.mean(recall(*x) for x in rows if x[0] + x[2] > 0)
    return {"f1": 2 * p * r / (p + r) if p + r else 0.0, "precision": p, "recall": r}


def newstrace_extract(path: Path) -> tuple[str, str | None]:
    from newstrace.clean import clean
    from newstrace.errors import NewstraceError
    from newstrace.ingest import read_documents

    try:
        article = clean(read_documents(path)[0])
    except NewstraceError:
        return "", None
    return article.text, article.meta.headline


def trafilatura_extract(path: Path) -> tuple[str, Callable[[], str | None]]:
    """Bare `extract` (timed); the title comes from a separate metadata pass (not timed)."""
    import trafilatura

    html = gzip.decompress(path.read_bytes())
    text = trafilatura.extract(html) or ""

    def title() -> str | None:
        meta = trafilatura.extract_metadata(html)
        return meta.title if meta else None

    return text, title


def run(name: str, fn: Callable[[Path], tuple[str, object]], pages: list[str],
        truth: dict) -> dict:
    rows, titles, per_page = [], 0, {}
    seconds = 0.0
    for page in pages:
        start = time.perf_counter()
        text, title = fn(AEB / "html" / f"{page}.html.gz")
        seconds += time.perf_counter() - start
        if callable(title):
            title = title()
        row = shingle_match(truth[page]["articleBody"], text)
        rows.append(row)
        per_page[page] = row
        titles += bool(title and str(title).strip())
    return {"name": name, **scores(rows), "titles": titles / len(pages), "seconds": seconds,
            "per_page": per_page}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--worst", type=int, default=0,
                        help="list the K pages where newstrace trails trafilatura most")
    args = parser.parse_args(argv)
    if not (AEB / "ground-truth.json").exists():
        print(f"no benchmark at {AEB} (set NEWSTRACE_EVAL_DIR)", file=sys.stderr)
        return 2
    logging.disable(logging.WARNING)
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    pages = sorted(truth)[: args.limit or None]
    # import and warm both once so neither pays the start-up inside its timing
    newstrace_extract(AEB / "html" / f"{pages[0]}.html.gz")
    trafilatura_extract(AEB / "html" / f"{pages[0]}.html.gz")
    base = run("trafilatura.extract (defaults)", trafilatura_extract, pages, truth)
    ours = run("newstrace clean", newstrace_extract, pages, truth)
    print(f"Article extraction benchmark: {len(pages)} pages ({AEB})")
    print(f"{'extractor':34} {'F1':>7} {'prec':>7} {'recall':>7} {'titles':>7} {'seconds':>8}")
    for r in (ours, base):
        print(f"{r['name']:34} {r['f1']:7.4f} {r['precision']:7.4f} {r['recall']:7.4f} "
              f"{r['titles']:7.1%} {r['seconds']:8.1f}")
    print(f"F1 difference (newstrace - trafilatura): {ours['f1'] - base['f1']:+.4f}; "
          f"time ratio newstrace/trafilatura: {ours['seconds'] / base['seconds']:.2f}x")
    if args.worst:
        diffs = sorted(pages, key=lambda p: (ours["per_page"][p][0] - base["per_page"][p][0]))
        for page in diffs[: args.worst]:
            o, b = ours["per_page"][page], base["per_page"][page]
            print(f"  {page[:16]}  newstrace P={precision(*o):.2f} R={recall(*o):.2f}   "
                  f"trafilatura P={precision(*b):.2f} R={recall(*b):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
