"""Entities on the gold files of an eval set (default: ../shared/eval/seed): newstrace's
entities against spaCy's NER grouped by surface form (the baseline), in the same run, scored
with `newstrace.evaluate.score_entities`; also the time entities and coreference take against
the parse.

    .venv/bin/python benchmarks/entities_seed.py [GOLD_DIR]
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from newstrace import nlp as nlp_module
from newstrace.analyze.entities import EntityIndex, build_entities
from newstrace.clean import clean
from newstrace.evaluate import NameMatcher, Ratio, Score, score_entities
from newstrace.ingest import read_documents
from newstrace.model import Analysis, Entity

EVAL = Path(os.environ.get("NEWSTRACE_EVAL_DIR") or Path(__file__).resolve().parents[1].parent / "shared" / "eval")
SCORED = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"}


def baseline(doc) -> list[Entity]:
    """spaCy's NER alone: one entity per (text, label)."""
    groups: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for ent in doc.ents:
        if ent.label_ in SCORED:
            groups.setdefault((ent.text, ent.label_), []).append((ent.start_char, ent.end_char))
    return [Entity(id=f"e{i}", name=name, type=label, mentions=spans)
            for i, ((name, label), spans) in enumerate(groups.items(), start=1)]


def main() -> None:
    gold_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else EVAL / "seed"
    nlp = nlp_module.load()
    totals = {name: (Score(), Ratio()) for name in ("spaCy NER alone", "newstrace")}
    parse_s = build_s = resolve_s = 0.0
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        document = read_documents((gold_path.parent / gold["input"]).resolve())[0]
        article = clean(document)
        t0 = time.perf_counter()
        doc = nlp(article.text)
        parse_s += time.perf_counter() - t0
        t0 = time.perf_counter()
        entities, genders, kinds = build_entities(doc)
        index = EntityIndex(article.text, entities, doc=doc, genders=genders, kinds=kinds)
        build_s += time.perf_counter() - t0
        t0 = time.perf_counter()
        for chunk in doc.noun_chunks:
            index.resolve(chunk.start_char, chunk.end_char)
        resolve_s += time.perf_counter() - t0
        matcher = NameMatcher(gold["entities"])
        for name, predicted in (("spaCy NER alone", baseline(doc)), ("newstrace", entities)):
            analysis = Analysis(id=gold_path.name, source=article.source, text=article.text, entities=predicted)
            score, aliases, _ = score_entities(gold["entities"], analysis, matcher)
            totals[name][0].add(score)
            totals[name][1].add(aliases)
    print(f"{'system':<18} {'P':>6} {'R':>6} {'F1':>6} {'alias recall':>13}")
    for name, (score, aliases) in totals.items():
        s, a = score.as_dict(), aliases.as_dict()
        print(f"{name:<18} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} {a['accuracy']:13.3f}")
    print(f"parse {parse_s * 1000:.0f} ms; entities + index {build_s * 1000:.1f} ms "
          f"({100 * build_s / parse_s:.1f} % of parse); resolving every noun chunk "
          f"{resolve_s * 1000:.1f} ms ({100 * resolve_s / parse_s:.1f} %)")


if __name__ == "__main__":
    main()
