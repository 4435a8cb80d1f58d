"""Cost per character against article length: is the pipeline linear?

    .venv/bin/python benchmarks/length_scaling.py [--sizes 5,50,500,2000] [--json]

For each size (KB) one article is made by concatenating real article text (the news-dev and
PolNeAR dev texts, paragraph by paragraph, cycling when the size asks for more), and run in a
fresh process: the bare spaCy parse of the same text (`nlp.pipe` over paragraph-aligned chunks
of at most 100,000 characters, which is what spaCy needs for a long text anyway), then the full
newstrace analysis (parse included, `Runner.analyze_article`) of the same text as one
article, after a warm-up article (lexicons load once per process). Reported: CPU seconds of
each, their ratio (goal <= 1.3 at every size), the seconds of each analysis stage and the peak
resident memory of the process (goal for 2 MB: < 1.5 GB). CPU time, not wall time, so another
process on the machine moves the figures less.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CHUNK = 100_000


def eval_dir() -> Path:
    return Path(os.environ.get("NEWSTRACE_EVAL_DIR") or ROOT.parent / "shared" / "eval")


def paragraphs() -> list[str]:
    paths = [*sorted((eval_dir() / "news-dev").glob("*.txt")),
             *sorted((eval_dir() / "polnear-dev" / "text").glob("*.txt"))]
    out = []
    for p in paths:
        out += [x.strip() for x in p.read_text(encoding="utf-8").split("\n\n") if x.strip()]
    return out


def make_text(size: int) -> str:
    paras, parts, n, i = paragraphs(), [], 0, 0
    while n < size:
        para = paras[i % len(paras)]
        parts.append(para)
        n += len(para) + 2
        i += 1
    return "\n\n".join(parts)


def chunks(text: str, limit: int = CHUNK) -> list[str]:
    out, cur, n = [], [], 0
    for para in text.split("\n\n"):
        if cur and n + len(para) > limit:
            out.append("\n\n".join(cur))
            cur, n = [], 0
        cur.append(para)
        n += len(para) + 2
    if cur:
        out.append("\n\n".join(cur))
    return out


def one(size_kb: int) -> dict:
    from newstrace import nlp as nlp_module
    from newstrace.model import Article, Source
    from newstrace.pipeline import AnalyzeOptions, Runner

    text = make_text(size_kb * 1000)
    nlp = nlp_module.load()
    nlp("warm up the pipeline.")
    t0 = time.process_time()
    n_tokens = sum(len(d) for d in nlp.pipe(chunks(text), batch_size=1))
    bare = time.process_time() - t0

    runner = Runner(AnalyzeOptions())
    stage_seconds: dict[str, float] = {}
    timed = []
    for name, fn in runner._components:
        def wrapped(ctx, _fn=fn, _name=name):
            s = time.process_time()
            _fn(ctx)
            stage_seconds[_name] = stage_seconds.get(_name, 0.0) + time.process_time() - s
        timed.append((name, wrapped))
    runner._components = timed
    # warm up: lexicons and components load on first use, once per process
    runner.analyze_article(Article(source=Source(uri="warm-up"), text=make_text(3000)))
    stage_seconds.clear()
    article = Article(source=Source(uri=f"scaling-{size_kb}kb"), text=text)
    t0 = time.process_time()
    analysis = runner.analyze_article(article)
    full = time.process_time() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"size_kb": size_kb, "chars": len(text), "tokens": n_tokens, "bare_parse_s": bare,
            "full_s": full, "ratio": full / bare, "stages_s": stage_seconds, "peak_mb": peak_mb,
            "found": {"entities": len(analysis.entities), "quotes": len(analysis.quotes),
                      "claims": len(analysis.claims), "events": len(analysis.events)}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="5,50,500,2000", help="article sizes in KB")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one)))
        return 0
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True,
                             text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        if out.returncode != 0:
            print(f"{size} KB failed:\n{out.stderr[-2000:]}", file=sys.stderr)
            return 1
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        r = rows[-1]
        print(f"{r['size_kb']:>6} KB  bare parse {r['bare_parse_s']:7.1f}s  full {r['full_s']:7.1f}s"
              f"  ratio {r['ratio']:.2f}  peak {r['peak_mb']:,.0f} MB  "
              + " ".join(f"{k} {v:.1f}" for k, v in sorted(r["stages_s"].items(), key=lambda kv: -kv[1])[:5]),
              flush=True)
    if args.json:
        print(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
