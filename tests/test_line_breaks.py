"""Lines bound sentences: headings and paragraphs are never glued to the next sentence."""

import pytest

from newstrace import analyze_text
from newstrace import nlp as nlp_module


@pytest.fixture(scope="module")
def nlp():
    return nlp_module.load()


def _sents(nlp, text):
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_component_runs_before_the_parser(nlp):
    names = nlp.pipe_names
    assert nlp_module.LINE_BREAKS in names
    if "parser" in names:
        assert names.index(nlp_module.LINE_BREAKS) < names.index("parser")


@pytest.mark.parametrize("text, first", [
    ("Prices and shortages\n\nThe ministry said prices rose by 5 percent in May.", "Prices and shortages"),
    ("4. Questioning the budget\n\nThe auditor said the figures were wrong.", "4. Questioning the budget"),
    ("RISING PRICES AND SHORTAGES The ministry said prices rose by 5 percent.", "RISING PRICES AND SHORTAGES"),
    ("NEXT\n\nThe team plays at home on Friday.", "NEXT"),
])
def test_heading_is_its_own_segment(nlp, text, first):
    sents = _sents(nlp, text)
    assert sents[0] == first
    assert sents[1].startswith("The ")


def test_closing_quote_stays_with_its_sentence(nlp):
    sents = _sents(nlp, 'She said: "Prices rose."\n\nThe ministry disagreed.')
    assert sents[-1] == "The ministry disagreed."
    assert not any(s.startswith('"') and len(s) == 1 for s in sents)


@pytest.mark.parametrize("text", [
    "US and EU officials said NATO was fine.",
    "The FBI said the suspect fled.",
])
def test_acronyms_are_not_headings(nlp, text):
    assert len(_sents(nlp, text)) == 1


def test_heading_in_capitals_is_no_claimant():
    text = ("Oil prices climbed for a third week.\n\n"
            "RISING PRICES AND SHORTAGES The ministry said fuel imports fell by 12 percent in May.")
    analysis = analyze_text(text, stages="claims")
    names = [c.claimant.name for c in analysis.claims if c.claimant]
    assert names and not any("RISING" in n for n in names), names
