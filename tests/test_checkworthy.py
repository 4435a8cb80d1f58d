"""Check-worthiness: the shipped model, its scores and the component's output."""

from __future__ import annotations

import json

import pytest

from newstrace import analyze_text, resources
from newstrace.analyze.checkworthy import MODEL_RESOURCE, _blend, load_model, score_texts


def test_model_is_small_json_and_loaded_once():
    path = resources.path(MODEL_RESOURCE)
    assert len(path.read_bytes()) < 2_000_000
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["format"] == "newstrace-checkworthy/1"
    assert "ClaimBuster" in saved["trained_on"]
    n_features = sum(len(saved["blocks"][b]["vocabulary"]) for b in ("words", "tags", "chars"))
    assert n_features == len(saved["coef"])
    assert load_model() is load_model()


@pytest.mark.parametrize("sentence", [
    "Unemployment fell to 6.4 percent in March, the lowest level since 1998.",
    "The company reported a net loss of $1.2 billion for the third quarter.",
    "Police arrested 14 people after protesters blocked the highway on Sunday.",
])
def test_factual_sentences_are_checkworthy(sentence, nlp):
    assert score_texts([sentence], nlp)[0] >= 0.5


@pytest.mark.parametrize("sentence", [
    "Thank you all for being here tonight.",
    "God bless you, and God bless our country.",
    "What kind of country do we want to leave to our children?",
])
def test_courtesies_and_questions_are_not(sentence, nlp):
    assert score_texts([sentence], nlp)[0] < 0.5


def test_scores_are_deterministic(nlp):
    sents = ["We have lost 700,000 jobs this year.", "I love this country."]
    assert list(score_texts(sents, nlp)) == list(score_texts(sents, nlp))


def test_one_score_per_sentence_with_exact_spans():
    text = ("Unemployment fell to 6.4 percent in March. Thank you all for coming.\n"
            "The bridge carries 90,000 vehicles a day.")
    analysis = analyze_text(text, stages="checkworthy")
    spans = [text[s:e] for (s, e) in (c.span for c in analysis.checkworthy)]
    assert spans == ["Unemployment fell to 6.4 percent in March.", "Thank you all for coming.",
                     "The bridge carries 90,000 vehicles a day."]
    scores = [c.score for c in analysis.checkworthy]
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert scores[0] >= 0.5 > scores[1] and scores[2] >= 0.5


def test_claims_nudge_the_score_up():
    assert _blend(0.4, 0, 0.25) == 0.4
    assert _blend(0.4, 1, 0.25) == pytest.approx(0.55)
    assert _blend(0.4, 2, 0.25) > _blend(0.4, 1, 0.25)
    assert _blend(0.99, 2, 0.25) <= 1.0


def test_example_has_a_score_for_every_sentence(example_analysis, nlp):
    doc_sents = [s for s in nlp(example_analysis.text).sents if s.text.strip()]
    assert len(example_analysis.checkworthy) == len(doc_sents)
    top = max(example_analysis.checkworthy, key=lambda c: c.score)
    assert top.score >= 0.5


def test_fast_scoring_equals_sklearn_transform(nlp):
    from newstrace.analyze.checkworthy import sentence_features

    model = load_model()
    docs = nlp.pipe(["We hit a number of boats.", "Crime has doubled since 2019!", "Hello.", ""])
    feats = [sentence_features(d, d.text) for d in docs]
    assert model.predict_proba(feats) == pytest.approx(model.predict_proba_sklearn(feats), abs=1e-9)
