"""Every entry of the claim lexicons works on its own example (hedges, evidence cues, sources,
claim nouns and verbs, filters, publication words)."""

from __future__ import annotations

import re

import pytest

from newstrace import analyze_text, resources
from newstrace.analyze.claim_sources import find_sources, is_publication
from newstrace.analyze.evidence import find_cues
from newstrace.analyze.hedges import bounded, find_hedges

HEDGES = resources.table("hedge_cues.tsv")
EVIDENCE = resources.table("evidence_cues.tsv")
SOURCES = resources.table("source_patterns.tsv")
VERBS = resources.table("claim_verbs.tsv")
FILTERS = resources.table("claim_filters.tsv")


@pytest.mark.parametrize("row", HEDGES, ids=[r["pattern"] for r in HEDGES])
def test_hedge_entry_found_in_its_example(row):
    example = row["example"]
    m = bounded(row["pattern"]).search(example)
    assert m, row
    hits = [h for h in find_hedges(example) if h.start <= m.start() < h.end]
    assert hits and hits[0].kind == row["kind"], (row, hits)
    assert example[hits[0].start:hits[0].end] == hits[0].text


def test_number_hedges_need_a_number():
    assert [h.text for h in find_hedges("About 15 people were injured.")] == ["About"]
    assert find_hedges("They talked about the weather.") == []
    assert find_hedges("Some officials were angry.") == []


@pytest.mark.parametrize("row", EVIDENCE, ids=[r["pattern"][:40] for r in EVIDENCE])
def test_evidence_entry_found_with_its_label(row):
    example = row["example"]
    m = bounded(row["pattern"]).search(example)
    assert m, row
    cues = [c for c in find_cues(example) if c.span[0] <= m.start() < c.span[1]]
    assert cues and cues[0].label == row["label"], (row, cues)
    assert example[cues[0].span[0]:cues[0].span[1]] == cues[0].text


@pytest.mark.parametrize("row", SOURCES, ids=[r["pattern"][:30] for r in SOURCES])
def test_source_entry_names_its_source(row, nlp):
    doc = nlp(row["example"])
    names = [s.citation.name for s in find_sources(doc)]
    assert row["source"] in names, (row, names)


@pytest.mark.parametrize("row", VERBS, ids=[r["lemma"] for r in VERBS])
def test_claim_verb_entry_makes_a_claim(row):
    analysis = analyze_text(row["example"], stages="claims")
    texts = [c.text for c in analysis.claims]
    assert any(row["content"] in t for t in texts), (row, texts)


@pytest.mark.parametrize("noun", resources.lines("claim_nouns.txt"))
def test_claim_noun_with_evidence_modifier_makes_a_claim(noun):
    analysis = analyze_text(f"Critics repeated the unproven {noun} against the mayor on Monday.",
                            stages="claims")
    claims = [c for c in analysis.claims if noun in c.text]
    assert claims, [c.text for c in analysis.claims]
    assert claims[0].evidence == ["unsupported"]
    assert claims[0].evidence_cues[0].text == "unproven"


def test_claim_noun_without_content_is_no_claim():
    analysis = analyze_text("The minister repeated the claims on Monday.", stages="claims")
    assert analysis.claims == []


CUE_FILTERS = [r for r in FILTERS if r["kind"] in ("cue", "source_cue")]
CONTENT_FILTERS = [r for r in FILTERS if r["kind"] == "content"]


@pytest.mark.parametrize("row", CUE_FILTERS, ids=[r["pattern"] for r in CUE_FILTERS])
def test_cue_filter_names_a_known_speech_cue(row):
    # A filter on a lemma the speech component never produces could not fire.
    lemmas = {r["lemma"] for r in resources.table("speech_cues.tsv")}
    assert row["pattern"] in lemmas


@pytest.mark.parametrize("row", CONTENT_FILTERS, ids=[r["pattern"][:30] for r in CONTENT_FILTERS])
def test_content_filter_rejects_its_example(row):
    from newstrace.analyze.claims import _filters

    assert re.match(r"^(?:\S+\s+){0,4}?(?:" + row["pattern"] + ")", row["example"], re.IGNORECASE)
    assert any(p.match(row["example"]) for p in _filters()[1])


@pytest.mark.parametrize("word", resources.lines("publication_words.txt"))
def test_publication_word(word):
    assert is_publication(word)
    assert is_publication(f"the {word}")


@pytest.mark.parametrize("name", ["officials", "legal experts", "Stephen Miller", "", None])
def test_not_a_publication(name):
    assert not is_publication(name)


@pytest.mark.parametrize("noun", resources.lines("referring_nouns.txt"))
def test_denial_of_a_referring_noun_contests_the_previous_claim(noun):
    analysis = analyze_text("Local media reported that 120 people had died in the floods. "
                            f"The ministry rejected the {noun} on Tuesday.", stages="claims")
    media = [c for c in analysis.claims if "120 people" in c.text]
    assert media and "contested" in media[0].evidence, [(c.text, c.evidence) for c in analysis.claims]


@pytest.mark.parametrize("row", resources.table("outlet_links.tsv"), ids=lambda r: r["word"])
def test_outlet_link_makes_the_relayed_claim_reported(row):
    """A claim relayed by someone the article ties to a publication is `reported`; the same
    sentence with a company in place of the publication is not."""
    claims = analyze_text(row["example"], stages="claims").claims
    assert any(c.claimant and c.claimant.name == row["bound"] and "reported" in c.evidence
               for c in claims), [(c.text, c.claimant, c.evidence) for c in claims]
    plain = analyze_text(row["example"].replace("The Daily Herald", "Acme Foods"), stages="claims").claims
    assert plain and not any("reported" in c.evidence for c in plain), [(c.text, c.evidence) for c in plain]


def test_outlet_bound_by_possessive_and_apposition():
    text = ("The Daily Herald's Jo Lee said the bridge had been closed since 2019. "
            "The mayor said so too, according to the Courier, the Springfield News-Register.")
    claims = analyze_text(text, stages="claims").claims
    assert all("reported" in c.evidence for c in claims) and len(claims) == 2, \
        [(c.text, c.claimant, c.evidence) for c in claims]


@pytest.mark.parametrize("name", ["the Springfield News-Register", "Fox-News"])
def test_publication_in_a_hyphenated_name(name):
    assert is_publication(name)
    assert not is_publication("a post-election audit")
