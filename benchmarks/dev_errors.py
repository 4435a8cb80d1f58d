"""List the errors behind the speaker figures of the dev report, per article.

    .venv/bin/python benchmarks/dev_errors.py                       # news-dev, every task below
    .venv/bin/python benchmarks/dev_errors.py --tasks quotes --set seed

For each news-dev gold file: entity misses and extras, gold aliases the matched entity lacks,
quote misses / wrong speakers / extras, reported-speech misses / wrong speakers / extras. Used to
group errors into patterns before changing a rule; it prints, it never changes anything.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dev_report import eval_dir  # noqa: E402

TASKS = ("entities", "aliases", "quotes", "reported_speech")


def alias_misses(gold: dict, analysis) -> list[str]:
    from newstrace.evaluate import COARSE_TYPES, NameMatcher, _greedy, norm

    matcher = NameMatcher(gold.get("entities") or [])
    pred = [e for e in analysis.entities if e.type in COARSE_TYPES]
    golds = gold.get("entities") or []

    def match(g, p):
        if COARSE_TYPES.get(g["type"]) != COARSE_TYPES.get(p.type):
            return 0.0
        if norm(p.name) == norm(g["name"]):
            return 2.0
        return 1.0 if matcher.matches(p.name, g["name"]) else 0.0

    matched = dict(_greedy(golds, pred, match))
    out = []
    for gi, g in enumerate(golds):
        for alias in g.get("aliases") or []:
            if gi not in matched:
                out.append(f"alias “{alias}” of unmatched {g['name']}")
                continue
            p = pred[matched[gi]]
            if norm(alias) not in {norm(p.name)} | {norm(a) for a in p.aliases}:
                out.append(f"alias “{alias}” of {g['name']}: have {p.name} {p.aliases}")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", default="news-dev")
    ap.add_argument("--tasks", default=",".join(TASKS))
    ap.add_argument("--only", default="", help="substring of gold file names")
    ap.add_argument("--dump", type=Path, help="also write the analyses as JSON lines here")
    args = ap.parse_args(argv)
    tasks = args.tasks.split(",")
    from newstrace import analyze
    from newstrace.evaluate import gold_files, load_gold, score_file

    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    for path in gold_files(eval_dir() / args.set):
        if args.only and args.only not in path.name:
            continue
        gold = load_gold(path)
        analysis = analyze((path.parent / gold["input"]).resolve())
        if dump:
            dump.write(json.dumps({"gold": path.name, "analysis": analysis.to_dict(explain=True)})
                       + "\n")
        res = score_file(gold, analysis)
        print(f"## {path.name.replace('.gold.json', '')}")
        for task in tasks:
            items = alias_misses(gold, analysis) if task == "aliases" else res.misses.get(task, [])
            for item in items:
                print(f"  {task}: {item}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
