"""Headline, date, authors and body on the news-article-extraction pages (../shared/eval/naeb-dev).

Runs, in one process over the same pages: newstrace's cleaner (ingest → clean), bare
`trafilatura.bare_extraction` (defaults, with metadata) and `htmldate.find_date` (defaults:
extensive search on) for the date. Every page is given its URL, as a crawl would. Prints:

- headline exact (casefolded, word characters only), date exact (first 10 characters),
  authors exact (the set of names; gold split on commas and " and "), body bag-of-words F1
  (casefolded `\\w+` tokens, averaged over pages), as the benchmark's README defines them;
- the clean-stage time of newstrace and of trafilatura (reading the file excluded for both),
  and newstrace's time as a ratio to trafilatura's.

    .venv/bin/python benchmarks/naeb_metadata.py [--limit N] [--misses FIELD]

`--misses headline|date|authors` lists the pages newstrace gets wrong on that field. The eval
folder is `../shared/eval` from the repository root, or $NEWSTRACE_EVAL_DIR.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = Path(os.environ.get("NEWSTRACE_EVAL_DIR") or ROOT.parent / "shared" / "eval")
NAEB = EVAL_DIR / "naeb-dev"

_WORD = re.compile(r"\w+")


def title_key(text: str | None) -> str:
    return "".join(_WORD.findall((text or "").casefold()))


def author_set(value: str | list[str] | None) -> frozenset[str]:
    if not value:
        return frozenset()
    parts = value if isinstance(value, list) else re.split(r",|\band\b", value)
    return frozenset(" ".join(p.casefold().split()) for p in parts if p.strip())


def body_f1(true: str, pred: str) -> float:
    t, p = Counter(_WORD.findall(true.casefold())), Counter(_WORD.findall(pred.casefold()))
    if not t and not p:
        return 1.0
    tp = sum((t & p).values())
    if not tp:
        return 0.0
    prec, rec = tp / sum(p.values()), tp / sum(t.values())
    return 2 * prec * rec / (prec + rec)


def load(page: str, url: str):
    from newstrace.ingest import read_documents

    doc = read_documents(NAEB / "html" / f"{page}.html.gz")[0]
    doc = doc.model_copy(update={"source": doc.source.model_copy(update={"url": url})})
    html = gzip.decompress((NAEB / "html" / f"{page}.html.gz").read_bytes())
    return doc, html


def newstrace_run(doc) -> dict:
    from newstrace.clean import clean
    from newstrace.errors import NewstraceError

    try:
        article = clean(doc)
    except NewstraceError:
        return {"title": None, "date": None, "authors": [], "text": ""}
    m = article.meta
    return {"title": m.headline, "date": m.published, "authors": m.authors, "text": article.text,
            "outlet": getattr(m, "outlet", None)}


def trafilatura_run(html: bytes, url: str) -> dict:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return {"title": None, "date": None, "authors": [], "text": ""}
    authors = re.split(r"\s*(?:;|,|\band\b|&)\s*", doc.author) if doc.author else []
    return {"title": doc.title, "date": doc.date, "authors": authors, "text": doc.text or ""}


def score(truth: dict, got: dict) -> dict[str, float]:
    return {
        "headline": float(title_key(truth["title"]) == title_key(got["title"])),
        "date": float((got["date"] or "")[:10] == truth["date"][:10]),
        "authors": float(author_set(truth["authors"]) == author_set(got["authors"])),
        "body": body_f1(truth["articleBody"], got["text"]),
    }


def measure(pages: list[str], truth: dict, *, baselines: bool = True):
    """Per-page scores and clean-stage seconds of newstrace (and, with `baselines`, of bare
    trafilatura and htmldate), and newstrace's outputs by page."""
    import htmldate

    # warm both once so neither pays its start-up inside the timing
    doc, html = load(pages[0], truth[pages[0]]["url"])
    newstrace_run(doc)
    trafilatura_run(html, truth[pages[0]]["url"])
    rows: dict[str, list[dict]] = {"newstrace": [], "trafilatura": [], "htmldate": []}
    seconds = {"newstrace": 0.0, "trafilatura": 0.0}
    outputs = {}
    for page in pages:
        url = truth[page]["url"]
        doc, html = load(page, url)
        t0 = time.perf_counter()
        ours = newstrace_run(doc)
        t1 = time.perf_counter()
        seconds["newstrace"] += t1 - t0
        rows["newstrace"].append(score(truth[page], ours))
        outputs[page] = ours
        if not baselines:
            continue
        base = trafilatura_run(html, url)
        seconds["trafilatura"] += time.perf_counter() - t1
        found = htmldate.find_date(html, url=url)
        rows["trafilatura"].append(score(truth[page], base))
        rows["htmldate"].append({"date": float((found or "")[:10] == truth[page]["date"])})
    return rows, seconds, outputs


def dev_figures() -> dict[str, float]:
    """newstrace's four figures on all pages (for benchmarks/dev_report.py)."""
    logging.disable(logging.WARNING)
    truth = json.loads((NAEB / "articles.json").read_text(encoding="utf-8"))
    rows, _, _ = measure(sorted(truth), truth, baselines=False)
    ours = rows["newstrace"]
    return {f"page {k} (naeb)": statistics.mean(r[k] for r in ours)
            for k in ("headline", "date", "authors", "body")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--misses", choices=("headline", "date", "authors", "outlet"),
                        help="list newstrace's misses on this field")
    args = parser.parse_args(argv)
    if not (NAEB / "articles.json").exists():
        print(f"no benchmark at {NAEB} (set NEWSTRACE_EVAL_DIR)", file=sys.stderr)
        return 2
    logging.disable(logging.WARNING)
    truth = json.loads((NAEB / "articles.json").read_text(encoding="utf-8"))
    pages = sorted(truth)[: args.limit or None]
    rows, seconds, outputs = measure(pages, truth)
    print(f"News article extraction benchmark, dev half: {len(pages)} pages ({NAEB})")
    print(f"{'system':12} {'headline':>9} {'date':>7} {'authors':>8} {'body F1':>8} {'seconds':>8}")
    for name in ("newstrace", "trafilatura", "htmldate"):
        means = {k: statistics.mean(r[k] for r in rows[name]) for k in rows[name][0]}
        cells = [f"{means[k]:9.3f}" if k in means else f"{'-':>9}" for k in ("headline",)]
        cells += [f"{means[k]:7.3f}" if k in means else f"{'-':>7}" for k in ("date",)]
        cells += [f"{means[k]:8.3f}" if k in means else f"{'-':>8}" for k in ("authors", "body")]
        secs = f"{seconds[name]:8.1f}" if name in seconds else f"{'-':>8}"
        print(f"{name:12} {' '.join(cells)} {secs}")
    print(f"clean-stage time ratio newstrace/trafilatura: "
          f"{seconds['newstrace'] / seconds['trafilatura']:.2f}x")
    if args.misses:
        for page, row in zip(pages, rows["newstrace"]):
            got = outputs[page]
            if args.misses == "outlet":
                print(f"  {page[:10]} {truth[page]['site']:30} {got.get('outlet')!r}")
                continue
            if row[args.misses] == 1.0:
                continue
            field = {"headline": "title"}.get(args.misses, args.misses)
            print(f"  {page[:10]} {truth[page]['site'][7:30]:23} gold={truth[page][field]!r}"
                  f"\n  {'':34}got ={got[field]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
