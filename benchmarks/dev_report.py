"""The one-command dev report: every dev set scored, one table.

    .venv/bin/python benchmarks/dev_report.py                 # all sets (about 2 minutes)
    .venv/bin/python benchmarks/dev_report.py --sets news-dev,polnear
    .venv/bin/python benchmarks/dev_report.py --save /tmp/before.json
    .venv/bin/python benchmarks/dev_report.py --compare /tmp/before.json   # adds a Δ column

Sets (all read from ../shared/eval, or NEWSTRACE_EVAL_DIR):
- seed, news-dev: hand-made gold scored by `newstrace.evaluate` (the figures of
  `newstrace eval --gold DIR`): entities, quotes, reported speech, claims, evidence, events;
- polnear: PolNeAR dev attribution, matched one-to-one (benchmarks/polnear_attribution.py);
- plover: PLOVER GSR dev sentences, type recall, type+source, type precision
  (benchmarks/plover_events.py; precision = predicted events whose type is a gold type of that
  sentence / predicted events);
- naeb: news pages (naeb-dev): headline, date and authors exact, body bag-of-words F1
  (benchmarks/naeb_metadata.py, without its trafilatura/htmldate baselines);
- claimbuster: check-worthy F1 of the shipped model on ClaimBuster test (optimistic: most test
  sentences also occur in train; `benchmarks/checkworthy.py --debates-out` gives the honest one).

The `mean` column averages a row over the sets that have it. Put the before/after of this table
in the commit message of every rule change.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

SETS = ("seed", "news-dev", "polnear", "plover", "claimbuster", "naeb")

# (row label, key in the gold scores, field)
GOLD_ROWS = [
    ("metadata accuracy", "metadata", "accuracy"),
    ("entities F1", "entities", "f1"),
    ("entity alias recall", "entity_aliases", "accuracy"),
    ("quotes F1", "quotes", "f1"),
    ("quotes end-to-end F1", "quotes_e2e", "f1"),
    ("quote speaker accuracy", "quote_speakers", "accuracy"),
    ("reported speech F1", "reported_speech", "f1"),
    ("reported speech e2e F1", "reported_speech_e2e", "f1"),
    ("claims F1", "claims", "f1"),
    ("claims end-to-end F1", "claims_e2e", "f1"),
    ("evidence labels F1", "evidence", "f1"),
    ("events F1", "events", "f1"),
    ("events end-to-end F1", "events_e2e", "f1"),
]


def eval_dir() -> Path:
    env = os.environ.get("NEWSTRACE_EVAL_DIR")
    return Path(env) if env else ROOT.parent / "shared" / "eval"


def gold_set(folder: str) -> dict[str, float]:
    from newstrace.evaluate import evaluate

    overall = evaluate(eval_dir() / folder)["overall"]
    out = {}
    for label, key, field in GOLD_ROWS:
        if key in overall and overall[key].get(field) is not None:
            out[label] = overall[key][field]
    return out


def polnear() -> dict[str, float]:
    import polnear_attribution as pa

    from newstrace import nlp as nlp_module
    from newstrace.model import Article, Source
    from newstrace.pipeline import AnalyzeOptions, Runner

    root = eval_dir() / "polnear-dev"
    runner = Runner(AnalyzeOptions(stages="speech"))
    nlp = nlp_module.load()
    items = [(path, ann, path.read_text(encoding="utf-8")) for path, ann in pa.articles(root, None)]
    tally = pa.Tally()
    for (path, ann, text), doc in zip(items, nlp.pipe((t for _, _, t in items), batch_size=8)):
        analysis = runner.analyze_doc(Article(source=Source(uri=str(path)), text=text), doc)
        tally.add(pa.parse_ann(ann, text), text, pa.newstrace_predictions(analysis))
    s = tally.scores()
    return {
        "PolNeAR content P (1:1)": s["one_to_one_precision"],
        "PolNeAR content R (1:1)": s["one_to_one_recall"],
        "PolNeAR content F1 (1:1)": s["one_to_one_f1"],
        "PolNeAR source accuracy (1:1)": s["one_to_one_source_accuracy"],
        "PolNeAR content F1 (many:1)": s["f1"],
    }


def plover() -> dict[str, float]:
    import plover_events as pe

    rows = pe.load(eval_dir() / "plover" / "plover-gsr-dev.jsonl", None)
    preds = pe.reduce(rows, pe.predict(rows, {}))
    o = pe.score(rows, preds)["overall"]
    n_pred = sum(len(p) for p in preds)
    right = sum(sum(1 for p in ps if p.type in {g["type"] for g in r["events"]})
                for r, ps in zip(rows, preds))
    return {
        "PLOVER type recall": o["type"][0] / o["type"][1],
        "PLOVER type+source": o["source"][0] / o["source"][1] if o["source"][1] else 0.0,
        "PLOVER type precision": right / n_pred if n_pred else 0.0,
    }


def claimbuster() -> dict[str, float]:
    from sklearn.metrics import f1_score

    from newstrace import nlp as nlp_module
    from newstrace.analyze.checkworthy import load_model, sentence_features

    rows = json.loads((eval_dir() / "claimbuster" / "test.json").read_text(encoding="utf-8"))
    nlp, model = nlp_module.load(), load_model()
    feats = [sentence_features(d, d.text) for d in nlp.pipe((r["text"] for r in rows), batch_size=256)]
    y = [int(r["label"]) for r in rows]
    return {"check-worthy F1 (CB test)": float(f1_score(y, model.predict_proba(feats) >= 0.5))}


RUNNERS: dict[str, Callable[[], dict[str, float]]] = {
    "seed": lambda: gold_set("seed"),
    "news-dev": lambda: gold_set("news-dev"),
    "polnear": polnear,
    "plover": plover,
    "claimbuster": claimbuster,
    "naeb": lambda: __import__("naeb_metadata").dev_figures(),
}


def run(sets: list[str]) -> dict[str, dict[str, float]]:
    results = {}
    for name in sets:
        t0 = time.perf_counter()
        results[name] = RUNNERS[name]()
        print(f"  {name}: {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    return results


def table(results: dict[str, dict[str, float]], before: dict[str, dict[str, float]] | None) -> str:
    sets = list(results)
    labels: list[str] = []
    for name in sets:
        labels += [k for k in results[name] if k not in labels]
    head = f"{'':32}" + "".join(f"{s:>12}" for s in sets) + f"{'mean':>8}"
    if before:
        head += f"{'Δ mean':>9}"
    lines = [head, "-" * len(head)]

    def mean(res: dict[str, dict[str, float]], label: str) -> float | None:
        vals = [res[s][label] for s in res if label in res[s]]
        return sum(vals) / len(vals) if vals else None

    for label in labels:
        cells = "".join(f"{results[s][label]:12.3f}" if label in results[s] else f"{'':>12}"
                        for s in sets)
        m = mean(results, label)
        line = f"{label:32}{cells}{m:8.3f}"
        if before:
            old = mean({s: v for s, v in before.items() if s in results}, label)
            line += f"{m - old:+9.3f}" if old is not None else f"{'new':>9}"
        lines.append(line)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, of {', '.join(SETS)}")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--save", type=Path, help="also write the figures as JSON to this file")
    ap.add_argument("--compare", type=Path, help="a file written by --save: adds a Δ column")
    args = ap.parse_args(argv)
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = [s for s in sets if s not in RUNNERS]
    if unknown:
        ap.error(f"unknown set(s) {', '.join(unknown)}; choose from {', '.join(SETS)}")
    if not eval_dir().is_dir():
        print(f"eval data not found at {eval_dir()}; set NEWSTRACE_EVAL_DIR", file=sys.stderr)
        return 2
    results = run(sets)
    if args.save:
        args.save.write_text(json.dumps(results, indent=1), encoding="utf-8")
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    before = json.loads(args.compare.read_text(encoding="utf-8")) if args.compare else None
    print(table(results, before))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
