"""Relayed opinions, feelings, forecasts and questions are not claims (resources/claim_opinions.tsv)."""

import pytest

from newstrace import analyze_text, resources
from newstrace.pipeline import AnalyzeOptions
from newstrace import nlp as nlp_module
from newstrace.analyze.claims import opinion_kind

ROWS = resources.table("claim_opinions.tsv")


@pytest.fixture(scope="module")
def nlp():
    return nlp_module.load()


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['kind']}-{r['word']}" for r in ROWS])
def test_opinion_row_rejects_its_example(row, nlp):
    assert row["word"] in row["example"].lower().split() or row["kind"] in ("feeling", "request")
    doc = nlp(row["example"])
    assert opinion_kind(doc[:]) == row["kind"], row
    analysis = analyze_text(f"Officials said {row['example']}.", stages="claims")
    assert not [c.text for c in analysis.claims if row["example"][:20] in c.text], row


@pytest.mark.parametrize("content", [
    "Vindman had become frustrated over his exclusion from the meetings",  # a third party's state
    "the disgraced financier may have been murdered",  # perfect: a claim about the past
    "it should be noted that artists do not need label approval",  # the modal frames the claim
    "he tried to work with the lawyer to convince the president",  # a past attempt happened
    "when the tanks arrived, 20 people died in the square",  # a time clause, not a question
    "the Russian claims are false",
])
def test_checkable_contents_stay_claims(content, nlp):
    assert opinion_kind(nlp(content)[:]) is None
    # The opinion filter alone (the check-worthiness floor is tested in test_claims.py).
    options = AnalyzeOptions(stages="claims", config={"claims": {"speech_min_checkworthy": 0}})
    analysis = analyze_text(f"The report said {content}.", options=options)
    assert analysis.claims, content


SOURCE_ROWS = resources.table("unnamed_sources.tsv")


@pytest.mark.parametrize("row", SOURCE_ROWS, ids=[f"{r['kind']}-{r['word']}" for r in SOURCE_ROWS])
def test_claim_from_unnamed_source_is_reported(row):
    analysis = analyze_text(row["example"], stages="claims")
    claims = [c for c in analysis.claims if "closed since 2019" in c.text]
    assert claims and "reported" in claims[0].evidence, [(c.text, c.evidence) for c in analysis.claims]


@pytest.mark.parametrize("source", ["PG&E officials", "Legal experts", "The mayor"])
def test_placed_sources_are_not_unnamed(source):
    analysis = analyze_text(f"{source} said the bridge had been closed since 2019.", stages="claims")
    claims = [c for c in analysis.claims if "closed since 2019" in c.text]
    assert claims and "reported" not in claims[0].evidence
