"""Claim errors on a gold folder, per article: missed claims, extra claims, wrong claimants,
wrong evidence labels (the evaluator's own lines), then counts by kind.

    .venv/bin/python benchmarks/claim_errors.py [../shared/eval/news-dev] [--json OUT]

Runs the stages claims needs through `newstrace.evaluate`, so the patterns with the biggest
count can be fixed first. Dev data stays in ../shared/eval.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newstrace.evaluate import evaluate  # noqa: E402
from newstrace.pipeline import AnalyzeOptions  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="?", default=str(ROOT.parent / "shared" / "eval" / "news-dev"))
    ap.add_argument("--json", help="write the misses as JSON here")
    a = ap.parse_args()
    out = evaluate(a.gold, AnalyzeOptions(stages="claims"))
    kinds: Counter = Counter()
    all_misses = {}
    for f in out["files"]:
        misses = f["misses"].get("claims", [])
        all_misses[f["id"]] = misses
        s, e = f["scores"].get("claims", {}), f["scores"].get("claims_e2e", {})
        print(f"## {f['id']}  tp={s.get('tp')} fp={s.get('fp')} fn={s.get('fn')} e2e_tp={e.get('tp')}")
        for m in misses:
            print("   ", m)
            kinds[m.split(" ", 1)[0] + (" " + m.split(" ", 2)[1] if m.startswith(("missed", "extra", "wrong")) else "")] += 1
    print()
    for kind, n in kinds.most_common():
        print(f"{n:4d} {kind}")
    ov = out["overall"]
    for k in ("claims", "claims_e2e", "evidence"):
        print(k, {x: ov[k][x] for x in ("precision", "recall", "f1", "tp", "fp", "fn") if x in ov[k]})
    if a.json:
        Path(a.json).write_text(json.dumps(all_misses, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
