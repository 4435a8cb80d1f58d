"""Every row of the PLOVER trigger lexicon codes its own example sentence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newstrace import resources
from newstrace.analyze.context import Context
from newstrace.analyze.entities import EntityIndex, extract_entities
from newstrace.analyze.events import _forms, extract_events, lexicon
from newstrace.model import Article, Source

ROWS = resources.table("plover_triggers.tsv")
TYPES = re.findall(r"^\| \d+ \| ([A-Z]+) \|", (
    Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "plover" / "PLOVER_TYPES.md"
).read_text(encoding="utf-8") if (Path(__file__).resolve().parents[1].parent / "shared" / "eval"
                                  / "plover" / "PLOVER_TYPES.md").exists() else "", re.M)
PLOVER_16 = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
             "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def _events(nlp, text: str):
    doc = nlp(text)
    return doc, _run(doc, text)


def _run(doc, text: str):
    article = Article(source=Source(uri="<test>"), text=text)
    ctx = Context(article=article, doc=doc)
    ctx.entities = extract_entities(doc)
    ctx.resolver = EntityIndex(text, ctx.entities)
    return extract_events(ctx, {})


def test_lexicon_covers_all_16_types():
    assert {r["type"] for r in ROWS} == PLOVER_16
    if TYPES:  # the shared summary of the ontology, when present
        assert set(TYPES) == PLOVER_16


def test_rows_are_well_formed():
    seen = set()
    for r in ROWS:
        assert r["type"] in PLOVER_16, r
        assert r["pos"] in ("VERB", "NOUN", "ADP"), r
        assert r["example"], r
        key = (r["trigger"], r["pos"], r["type"])
        assert key not in seen, f"duplicate row {key}"
        for col in ("needs", "unless"):
            for alt in filter(None, (r.get(col) or "").split("|")):
                assert alt.strip() == alt and alt, r
        seen.add(key)
    assert len(lexicon().by_head) > 200


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['trigger']}/{r['pos']}" for r in ROWS])
def test_row_codes_its_example(nlp, row):
    doc, events = _events(nlp, row["example"])
    words = set(re.split(r"[\s-]+", row["trigger"].casefold()))

    def shows_row(event) -> bool:
        span = doc.char_span(*event.trigger.span, alignment_mode="expand")
        return any(set(_forms(t)) & words for t in span)

    hits = [e for e in events if e.type == row["type"] and shows_row(e)]
    assert hits, f"{row['trigger']!r} → {row['type']} not coded in {row['example']!r}: {events}"
    event = hits[0]
    assert event.status == "asserted"
    assert event.actor is not None or event.target is not None
    if row["mode"]:
        assert event.mode == row["mode"]
    s, e = event.trigger.span
    assert row["example"][s:e] == event.trigger.text


COUNTER = [r for r in ROWS if r.get("counterexample")]


@pytest.mark.parametrize("row", COUNTER, ids=[f"{r['trigger']}/{r['pos']}/{r['type']}" for r in COUNTER])
def test_row_does_not_code_its_counterexample(nlp, row):
    """The subject/needs/unless/object columns keep the row off a sentence where the word has
    another sense ("pleaded guilty", "asked about", "plague killed")."""
    doc, events = _events(nlp, row["counterexample"])
    words = set(re.split(r"[\s-]+", row["trigger"].casefold()))

    def shows_row(event) -> bool:
        span = doc.char_span(*event.trigger.span, alignment_mode="expand")
        return any(set(_forms(t)) & words for t in span)

    assert not [e for e in events if e.type == row["type"] and shows_row(e)], (row, events)
