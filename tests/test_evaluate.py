"""The scorer, on hand-built analyses (no pipeline run): each rule of shared/eval/README.md."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newstrace.errors import GoldFileError, InputNotFound
from newstrace.evaluate import (
    NameMatcher,
    gold_files,
    load_gold,
    norm,
    score_file,
    token_f1,
)
from newstrace.model import (
    AgentRef,
    Analysis,
    Claim,
    Cue,
    Entity,
    Event,
    Meta,
    Quote,
    ReportedSpeech,
    Source,
    Trigger,
)

TEXT = "Alpha said: “We will win.” Officials say the ship left Xland. Beta called it “lies”."

GOLD = {
    "schema": "newstrace-gold/1",
    "id": "toy",
    "input": "toy.txt",
    "article": {"headline": ["Toy", "A toy"], "authors": ["Ann Writer"], "body_paragraphs": 1,
                "body_starts_with": "alpha said", "not_in_body": ["Most popular"]},
    "entities": [
        {"name": "Alpha Person", "type": "PERSON", "aliases": ["Alpha"], "roles": []},
        {"name": "Xland", "type": "GPE", "aliases": [], "roles": []},
    ],
    "quotes": [{"kind": "direct", "text": "We will [...] win.", "speaker": "Alpha Person", "cue": "said"},
               {"kind": "partial", "text": "lies", "speaker": "Beta", "cue": "called"}],
    "reported_speech": [{"speaker": "officials", "cue": "say", "gist": "the ship left"}],
    "claims": [{"gist": "ship left Xland", "claimant": "officials", "evidence": ["unsupported", "reported"]}],
    "events": [{"type": "ACCUSE", "actor": "Beta", "target": None, "gist": "called it"}],
}


def analysis(**parts) -> Analysis:
    base = dict(id="x", source=Source(uri="toy.txt"), text=TEXT,
                meta=Meta(headline="Toy story", authors=["Ann Writer"]))
    base.update(parts)
    return Analysis(**base)


def test_norm_unifies_marks_accents_case_and_space():
    assert norm("  “Chávez”\n SAID ") == '"chavez" said'


def test_token_f1():
    assert token_f1("a b c", "a b c") == 1.0
    assert token_f1("a b", "c d") == 0.0
    assert token_f1("a b c d", "a b") == pytest.approx(2 * 1 * 0.5 / 1.5)


def test_name_matcher_aliases_and_head_words():
    m = NameMatcher(GOLD["entities"])
    assert m.matches("Alpha", "Alpha Person")
    assert m.matches("alpha person", "Alpha Person")
    assert not m.matches("Xland", "Alpha Person")
    assert m.matches("US officials", "officials")
    assert not m.matches("officials", None)
    assert m.matches(None, None)


def test_metadata_checks():
    result = score_file(GOLD, analysis())
    assert result.metadata == {"headline": False, "authors": True, "body_starts_with": True,
                               "body_paragraphs": True, "not_in_body": True}
    assert score_file(GOLD, analysis(meta=Meta(headline="a toy", authors=["Ann Writer"]))).metadata["headline"]


def test_entities_quotes_speech_claims_events_scored():
    a = analysis(
        entities=[Entity(id="e1", name="Alpha Person", type="PERSON", aliases=["Alpha"]),
                  Entity(id="e2", name="Xland", type="LOC"),
                  Entity(id="e3", name="Bogus", type="ORG"),
                  Entity(id="e4", name="Xlandish", type="NORP")],
        quotes=[Quote(kind="direct", text="We will win.", span=(13, 25),
                      speaker=AgentRef(entity="e1", name="Alpha Person")),
                Quote(kind="term", text="lies", span=(78, 82))],
        reported_speech=[ReportedSpeech(text="the ship left Xland", span=(41, 60),
                                        speaker=AgentRef(name="Officials"),
                                        cue=Cue(text="say", span=(37, 40)))],
        claims=[Claim(id="c1", text="the ship left Xland", span=(41, 60),
                      claimant=AgentRef(name="Officials"), evidence=["reported"])],
        events=[Event(type="ACCUSE", text="Beta called it “lies”.", span=(62, 84),
                      trigger=Trigger(text="called", span=(67, 73)), actor=AgentRef(name="Beta"))],
    )
    r = score_file(GOLD, a)
    ent = r.scores["entities"].as_dict()
    assert (ent["tp"], ent["fp"], ent["fn"]) == (2, 1, 0)  # LOC ~ GPE; NORP not scored
    assert r.ratios["entity_aliases"].as_dict()["accuracy"] == 1.0
    q = r.scores["quotes"].as_dict()
    assert (q["tp"], q["fp"], q["fn"]) == (1, 1, 1)  # kind must agree: term ≠ partial
    assert r.scores["quotes_e2e"].tp == 1
    assert r.scores["reported_speech_e2e"].tp == 1
    assert r.scores["claims_e2e"].tp == 1
    ev = r.scores["evidence"].as_dict()
    assert (ev["tp"], ev["fp"], ev["fn"]) == (1, 0, 1)
    assert r.scores["events_e2e"].tp == 1


def test_undefined_scores_are_none():
    r = score_file({"schema": "newstrace-gold/1", "input": "x", "quotes": []}, analysis())
    assert r.scores["quotes"].as_dict()["f1"] is None


def test_gold_file_errors(tmp_path):
    bad = tmp_path / "bad.gold.json"
    bad.write_text(json.dumps({"schema": "other"}))
    with pytest.raises(GoldFileError, match="bad.gold.json"):
        load_gold(bad)
    broken = tmp_path / "broken.gold.json"
    broken.write_text("{not json")
    with pytest.raises(GoldFileError, match="broken.gold.json"):
        load_gold(broken)
    with pytest.raises(InputNotFound, match="no such gold file"):
        gold_files(tmp_path / "nothing")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputNotFound):
        gold_files(empty)


@given(st.text(), st.text())
def test_token_f1_is_symmetric_and_bounded(a, b):
    f = token_f1(a, b)
    assert 0.0 <= f <= 1.0
    assert f == pytest.approx(token_f1(b, a))
