"""PLOVER benchmark: recall of the gold events of the PLOVER Gold Standard Records (dev half).

Each of the 158 sentences of ../shared/eval/plover/plover-gsr-dev.jsonl (read at run time, never
copied) is annotated for ONE target event, so recall is the measure (extra events in a sentence
are not penalised). Every sentence is analysed as a one-sentence article (stages entities, dates,
events) and, per gold event:

- type recall: some predicted event of the sentence has the gold type;
- type+source recall: one such event also has a matching actor;
- type+target recall: one such event also has a matching target.

Actor (source) / target match rule: texts are casefolded, accents stripped and non-alphanumerics
turned into spaces. The gold text is split into parts on ";" (compound actors such as
"Hungarian; Romanian") and each part into segments on "..." (elided spans such as "U.S. ...
negotiators"). A part matches when every one of its segments occurs in the predicted agent's text
(its canonical name plus the words of its span), or when the predicted name (3+ characters)
occurs in the part. The agent matches when ANY part matches. A gold event without a source
(target) is not counted in that measure's denominator.

Two configurations run in the same pass: the default one, and the recall-oriented one
(`keep_hypothetical`: events in purpose clauses or under "call for", "urge" are kept). The
baseline, in the same run, is the trigger lexicon alone: the type of the first lexicon word
(by lemma, any part of speech) in the sentence, and the first named entity as source/target.

    .venv/bin/python benchmarks/plover_events.py [--verbose] [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newstrace.analyze import events as events_mod  # noqa: E402
from newstrace.model import Article, Source  # noqa: E402
from newstrace.pipeline import AnalyzeOptions, Runner  # noqa: E402


def eval_dir() -> Path:
    override = os.environ.get("NEWSTRACE_EVAL_DIR")
    return Path(override) if override else ROOT.parent / "shared" / "eval"


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", (text or "").casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z.]+", " ", text).replace(".", "").split())


def agent_matches(gold: str | None, predicted_texts: list[str], predicted_name: str) -> bool:
    """The rule in the module docstring."""
    if not gold:
        return False
    haystack = " " + " ".join(norm(t) for t in predicted_texts) + " "
    name = norm(predicted_name)
    for part in gold.split(";"):
        segments = [norm(s) for s in part.split("...") if norm(s)]
        if not segments:
            continue
        if all(f" {s} " in haystack or (len(s) > 3 and s in haystack) for s in segments):
            return True
        if len(name) >= 3 and name in " ".join(segments):
            return True
    return False


def _agent_texts(agent, text: str) -> tuple[list[str], str]:
    if agent is None:
        return [], ""
    texts = [agent.name]
    if agent.span:
        texts.append(text[agent.span[0]:agent.span[1]])
    return texts, agent.name


def load(path: Path, limit: int | None) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows[:limit] if limit else rows


def predict(rows: list[dict], config: dict) -> list[list]:
    runner = Runner(AnalyzeOptions(stages="events", config={"events": config}))
    articles = [Article(source=Source(uri=r["id"]), text=r["text"]) for r in rows]
    docs = runner.nlp.pipe((a.text for a in articles), batch_size=64)
    return [runner.analyze_doc(a, d).events for a, d in zip(articles, docs)]


class _Pred:
    """A predicted event reduced to what is scored."""

    def __init__(self, type_: str, actor: tuple[list[str], str], target: tuple[list[str], str]):
        self.type, self.actor, self.target = type_, actor, target


def baseline(rows: list[dict], nlp) -> list[list[_Pred]]:
    lex = events_mod.lexicon()
    heads = {}
    for (word, _pos), entries in lex.by_head.items():
        for row in entries:
            if len(row.words) == 1:
                heads.setdefault(word, row.type)
    out = []
    for row, doc in zip(rows, nlp.pipe((r["text"] for r in rows), batch_size=64)):
        type_ = next((heads[t.lemma_.casefold()] for t in doc if t.lemma_.casefold() in heads), None)
        ents = [e.text for e in doc.ents if e.label_ in ("GPE", "NORP", "ORG", "PERSON")]
        src = ([ents[0]], ents[0]) if ents else ([], "")
        tgt = ([ents[1]], ents[1]) if len(ents) > 1 else ([], "")
        out.append([_Pred(type_, src, tgt)] if type_ else [])
    return out


def reduce(rows: list[dict], predicted: list[list]) -> list[list[_Pred]]:
    return [[_Pred(e.type, _agent_texts(e.actor, r["text"]), _agent_texts(e.target, r["text"]))
             for e in evs] for r, evs in zip(rows, predicted)]


def score(rows: list[dict], preds: list[list[_Pred]]) -> dict:
    per_type: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    misses = []
    for row, evs in zip(rows, preds):
        for gold in row["events"]:
            t = gold["type"]
            same = [p for p in evs if p.type == t]
            hit_type = bool(same)
            per_type[t]["type"][0] += hit_type
            per_type[t]["type"][1] += 1
            if gold.get("source"):
                ok = any(agent_matches(gold["source"], *p.actor) for p in same)
                per_type[t]["source"][0] += ok
                per_type[t]["source"][1] += 1
            if gold.get("target"):
                ok = any(agent_matches(gold["target"], *p.target) for p in same)
                per_type[t]["target"][0] += ok
                per_type[t]["target"][1] += 1
            if not hit_type or (gold.get("source") and not any(
                    agent_matches(gold["source"], *p.actor) for p in same)):
                misses.append((row, gold, evs))
    overall = {m: [sum(per_type[t][m][0] for t in per_type), sum(per_type[t][m][1] for t in per_type)]
               for m in ("type", "source", "target")}
    return {"per_type": per_type, "overall": overall, "misses": misses}


def _r(pair: list[int]) -> str:
    hit, total = pair
    return f"{hit / total:.3f} ({hit}/{total})" if total else "-"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=None, help="plover-gsr-dev.jsonl (default: eval dir)")
    ap.add_argument("--limit", type=int, default=None, help="first N sentences only")
    ap.add_argument("--verbose", action="store_true", help="print every miss (default config)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    path = args.data or eval_dir() / "plover" / "plover-gsr-dev.jsonl"
    rows = load(path, args.limit)

    t0 = time.perf_counter()
    default = predict(rows, {})
    t1 = time.perf_counter()
    recall_cfg = predict(rows, {"keep_hypothetical": True})
    runner_nlp = Runner(AnalyzeOptions(stages="events")).nlp
    base = baseline(rows, runner_nlp)

    results = {
        "default": score(rows, reduce(rows, default)),
        "keep_hypothetical": score(rows, reduce(rows, recall_cfg)),
        "baseline (lexicon only)": score(rows, base),
    }
    if args.json:
        print(json.dumps({name: {"overall": {m: dict(zip(("hit", "total"), v)) for m, v in r["overall"].items()},
                                 "per_type": {t: {m: dict(zip(("hit", "total"), v)) for m, v in d.items()}
                                              for t, d in r["per_type"].items()}}
                          for name, r in results.items()}, indent=1))
        return 0
    print(f"PLOVER GSR dev: {len(rows)} sentences, "
          f"{sum(len(r['events']) for r in rows)} gold events ({path})")
    print(f"default run: {t1 - t0:.1f}s (parse + entities + dates + events)\n")
    print(f"{'configuration':26} {'type recall':>18} {'type+source':>18} {'type+target':>18}")
    for name, r in results.items():
        o = r["overall"]
        print(f"{name:26} {_r(o['type']):>18} {_r(o['source']):>18} {_r(o['target']):>18}")
    print("\nper type (default configuration):")
    print(f"{'type':10} {'type recall':>18} {'type+source':>18} {'type+target':>18}")
    pt = results["default"]["per_type"]
    for t in sorted(pt, key=lambda t: -pt[t]["type"][1]):
        print(f"{t:10} {_r(pt[t]['type']):>18} {_r(pt[t]['source']):>18} {_r(pt[t]['target']):>18}")
    if args.verbose:
        print("\nmisses (default configuration): type missed, or type found with a wrong source")
        for row, gold, evs in results["default"]["misses"]:
            print(f"- {row['id']}: {row['text']}")
            print(f"    gold {gold['type']} source={gold.get('source')!r} target={gold.get('target')!r}")
            for p in evs:
                print(f"    pred {p.type} actor={p.actor[1]!r} target={p.target[1]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
