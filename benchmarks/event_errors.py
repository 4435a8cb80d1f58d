"""Event errors on a gold folder, per article: missed events, extra events, wrong actors.

    .venv/bin/python benchmarks/event_errors.py [../shared/eval/news-dev] [--json OUT]

Runs the stages events needs (entities, quotes, dates, events) through `newstrace.evaluate`
and prints each file's event misses (the evaluator's own lines), then counts by kind and type,
so the patterns with the biggest count can be fixed first. Dev data stays in ../shared/eval.
"""

from __future__ import annotations

import argparse
import json
import os
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
    from newstrace import analyze
    from newstrace.evaluate import gold_files, load_gold, norm

    opts = AnalyzeOptions(stages="events", config=json.loads(os.environ.get("EV_CONFIG", "{}")))
    out = evaluate(a.gold, opts)
    wrong_type: dict[str, list[str]] = {}
    for path in gold_files(a.gold):  # a missed gold event whose sentence codes another type
        data = load_gold(path)
        analysis = analyze((path.parent / data["input"]).resolve(), options=opts)
        for g in data.get("events", []):
            got = [p.type for p in analysis.events if norm(g["gist"]) in norm(p.text)]
            if got and g["type"] not in got:
                wrong_type.setdefault(data.get("id", analysis.source.uri), []).append(
                    f"wrong type {g['type']} as {'/'.join(got)} “{g['gist']}”")
    kinds: Counter = Counter()
    all_misses = {}
    for f in out["files"]:
        misses = f["misses"].get("events", [])
        all_misses[f["id"]] = misses
        s = f["scores"].get("events", {})
        print(f"## {f['id']}  tp={s.get('tp')} fp={s.get('fp')} fn={s.get('fn')}")
        for m in misses + wrong_type.get(f["id"], []):
            print("   ", m)
            kind, rest = m.split(" ", 1)
            if kind == "wrong":
                kind, rest = "wrong " + rest.split(" ", 1)[0], rest.split(" ", 1)[1]
            kinds[(kind, rest.split(" ", 1)[0])] += 1
    print()
    for (kind, type_), n in kinds.most_common():
        print(f"{n:4d} {kind:12s} {type_}")
    ov = out["overall"]
    print("events", ov["events"], "\ne2e", ov["events_e2e"])
    if a.json:
        Path(a.json).write_text(json.dumps(all_misses, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
