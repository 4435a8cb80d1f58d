"""Claim tracing: matches in time order, first carrier, hedges and evidence added/dropped."""

from __future__ import annotations

import pytest

from newstrace import StoreError
from newstrace.corpus import TraceOptions, match_claims, trace_claim
from newstrace.corpus.records import ClaimRecord
from newstrace.store import Store

from .store_factory import make_analysis

A, B, C, D, E = ("a" * 40, "b" * 40, "c" * 40, "d" * 40, "e" * 40)

CLAIMS = [
    # listed out of time order on purpose
    ClaimRecord(C, "c2", "US forces struck drug boats in the Caribbean, killing 11 people",
                claimant="Trump", outlet="MENAFN", published="2025-09-05",
                evidence=("unqualified",)),
    ClaimRecord(A, "c1", "US forces struck alleged drug boats in the Caribbean, killing 11 "
                "people", claimant="Donald Trump", hedges=("alleged",), outlet="Venezuelanalysis",
                published="2025-09-02", evidence=("unsupported",)),
    ClaimRecord(B, "c3", "US forces reportedly struck alleged drug boats in the Caribbean, "
                "killing 11 people", claimant="President Donald Trump",
                hedges=("reportedly",), outlet="Caribbean News Global", published="2025-09-03",
                evidence=("unsupported", "reported")),
    ClaimRecord(D, "c1", "Venezuela's oil output rose sharply in August", claimant="OPEC",
                outlet="Reuters", published="2025-09-01"),
    ClaimRecord(E, "c1", "US forces struck drug boats in the Caribbean, killing 11 people",
                claimant="Nicolas Maduro", outlet="Telesur", published="2025-09-04"),
]


def test_text_query_in_time_order_with_first_carrier():
    trace = match_claims("alleged drug boats struck in the Caribbean", CLAIMS)
    assert [s.outlet for s in trace.claims] == ["Venezuelanalysis", "Caribbean News Global",
                                                "Telesur", "MENAFN"]
    assert [s.first for s in trace.claims] == [True, False, False, False]
    assert trace.first.outlet == "Venezuelanalysis"
    assert all(s.score >= TraceOptions().threshold for s in trace.claims)
    assert "Reuters" not in {s.outlet for s in trace.claims}


def test_hedges_and_evidence_added_and_dropped_against_the_first_carrier():
    trace = match_claims("US forces struck drug boats in the Caribbean", CLAIMS,
                         claimant="Trump")
    steps = {s.outlet: s for s in trace.claims}
    first, cng, menafn = (steps["Venezuelanalysis"], steps["Caribbean News Global"],
                          steps["MENAFN"])
    assert first.hedges_added == first.hedges_dropped == []
    # CNG adds "reportedly" and keeps "alleged" (in its text, though its analysis did not
    # record it as a hedge), and adds the "reported" label
    assert cng.hedges_added == ["reportedly"] and cng.hedges_dropped == []
    assert cng.evidence_added == ["reported"] and cng.evidence_dropped == []
    # MENAFN drops the first carrier's hedge: "alleged drug boats" became "drug boats"
    assert menafn.hedges_dropped == ["alleged"] and menafn.hedges_added == []
    assert menafn.evidence_added == ["unqualified"]
    assert menafn.evidence_dropped == ["unsupported"]


def test_claimant_agreement_boosts_and_disagreement_costs():
    trace = match_claims("US forces struck drug boats in the Caribbean", CLAIMS,
                         claimant="Trump")
    outlets = [s.outlet for s in trace.claims]
    assert "Telesur" not in outlets  # Maduro, not Trump
    assert outlets == ["Venezuelanalysis", "Caribbean News Global", "MENAFN"]
    loose = match_claims("US forces struck drug boats in the Caribbean", CLAIMS,
                         TraceOptions(claimant_penalty=0), claimant="Trump")
    assert "Telesur" in [s.outlet for s in loose.claims]


def test_seed_claim_traces_its_own_claimant():
    seed = CLAIMS[1]
    trace = match_claims(seed, CLAIMS)
    assert trace.seed == f"{A}/c1"
    assert [s.ref for s in trace.claims] == [f"{A}/c1", f"{B}/c3", f"{C}/c2"]


def test_threshold_and_empty_query():
    assert match_claims("oil output rose in August", CLAIMS).claims[0].outlet == "Reuters"
    assert match_claims("completely unrelated football transfer", CLAIMS).claims == []
    assert match_claims("", CLAIMS).claims == []


def test_to_dict_shape():
    data = match_claims("drug boats struck in the Caribbean", CLAIMS).to_dict()
    assert set(data) >= {"query", "seed", "first", "claims"}  # extended, never narrowed
    step = data["claims"][0]
    for key in ("outlet", "published", "hedges", "evidence", "first", "hedges_added",
                "hedges_dropped", "evidence_added", "evidence_dropped", "text", "ref"):
        assert key in step
    assert data["first"] == {"ref": step["ref"], "outlet": step["outlet"],
                             "published": step["published"]}


@pytest.fixture
def store(db_url):
    with Store(db_url) as s:
        s.add_many([
            make_analysis(1, outlet="Caribbean News Global", published="2025-09-12"),
            make_analysis(2, outlet="Venezuelanalysis", published="2025-09-10"),
            make_analysis(3, outlet="MENAFN", published="2025-09-11", boats="drug boats",
                          evidence="contested"),
        ])
        yield s


def test_trace_through_the_store_by_text_and_by_reference(store):
    trace = trace_claim(store, "US forces struck alleged drug boats near Caracas")
    assert [(s.outlet, s.published) for s in trace.claims] == [
        ("Venezuelanalysis", "2025-09-10"), ("MENAFN", "2025-09-11"),
        ("Caribbean News Global", "2025-09-12")]
    assert trace.claims[1].evidence_added == ["contested"]
    assert trace.claims[1].evidence_dropped == ["unsupported"]
    ref = trace.claims[1].ref
    by_ref = trace_claim(store, ref)
    assert by_ref.seed == ref and len(by_ref.claims) == 3
    with pytest.raises(StoreError):
        trace_claim(store, ref[:41] + "c99")


# -- tracing by assertion: every sentence, figures, names, polarity, conflicts ------------

import hashlib  # noqa: E402

from newstrace.model import Analysis, Entity, Meta, Source  # noqa: E402

STORY = [
    # (outlet, date, text): one composed story at four outlets, and two other stories
    ("Harbor Daily", "2026-03-02", "Crews worked overnight in Lakeview. More than 20,000 "
     "households in Lakeview were left without running water after a main burst on Monday, "
     "the Lakeview Water Authority said."),
    ("Metro Wire", "2026-03-03", "Residents queued for bottled water. An estimated 20 000 homes "
     "in Lakeview lost running water when the old main burst, the LWA said."),
    ("Coastal Times", "2026-03-03", "The mayor spoke on Tuesday. The main burst left 12,000 "
     "households in Lakeview without running water, according to the mayor's office."),
    ("Valley Courier", "2026-03-04", "Officials in Lakeview denied that 20,000 households "
     "were left without running water after the main burst."),
    ("Plains Herald", "2026-03-02", "A main burst in Hillcrest left about 3,000 households "
     "without running water on Monday, the Hillcrest utility said."),
    ("Atlas Review", "2026-03-20", "The Lakeview Water Authority will raise water rates by 6 "
     "percent from July."),
]


def _plain(n: int, outlet: str, published: str, text: str) -> Analysis:
    """An analysed article without claims (the extractor found none): tracing still reads
    its sentences."""
    source = Source(uri=f"story/{n}.txt", format="text")
    entities = []
    if "LWA" in text:
        entities = [Entity(id="e1", name="Lakeview Water Authority", type="ORG",
                           aliases=["LWA"], mentions=[])]
    return Analysis(id=hashlib.sha1(f"{n}{text}".encode()).hexdigest(), source=source,
                    meta=Meta(headline=None, published=published, origin_outlet=outlet),
                    text=text, stages=["clean"], entities=entities)


@pytest.fixture
def story_store(db_url):
    with Store(db_url) as s:
        s.add_many([_plain(i, *row) for i, row in enumerate(STORY)])
        yield s


def test_trace_reads_every_sentence_and_flags_a_conflicting_figure(story_store):
    trace = trace_claim(story_store, "More than 20,000 Lakeview households were left without "
                                     "running water after a water main burst")
    outlets = [s.outlet for s in trace.claims]
    assert outlets == ["Harbor Daily", "Coastal Times", "Metro Wire"] or \
        outlets == ["Harbor Daily", "Metro Wire", "Coastal Times"]
    by = {s.outlet: s for s in trace.claims}
    assert by["Harbor Daily"].first and by["Harbor Daily"].hedges == ["more than"]
    assert by["Metro Wire"].hedges_added == ["an estimated"]
    assert by["Metro Wire"].hedges_dropped == ["more than"]
    assert by["Coastal Times"].conflicting and not by["Metro Wire"].conflicting
    assert by["Coastal Times"].figures["conflict"] == ["12,000"]
    assert by["Metro Wire"].claim_id is None and by["Metro Wire"].text.startswith("An estimated")
    assert by["Metro Wire"].ref == f"{by['Metro Wire'].article_id}:{by['Metro Wire'].span[0]}-" \
                                   f"{by['Metro Wire'].span[1]}"
    data = trace.to_dict()
    assert data["conflicting"] == [by["Coastal Times"].ref]
    # the denial (Valley Courier), another town's burst (Plains Herald) and another story of
    # the same authority (Atlas Review) carry no such assertion
    assert not {"Valley Courier", "Plains Herald", "Atlas Review"} & set(outlets)


def test_unknown_claim_reference_is_an_error_not_a_text_query(story_store):
    with pytest.raises(StoreError, match="is not stored"):
        trace_claim(story_store, "f" * 40 + "/c1")
    with pytest.raises(StoreError, match="looks like a claim reference"):
        trace_claim(story_store, "abcdef12/c1")


def test_headings_small_counts_and_names_alone_carry_no_assertion():
    from newstrace.corpus import match_documents
    from newstrace.corpus.trace import TraceDoc

    docs = [
        TraceDoc("h1", "Bugs fixed\nThe studio shipped a patch for the racing game on Friday."),
        TraceDoc("h2", "Google said on Monday that Stadia reached phase one of its plan."),
        TraceDoc("h3", "Google's streaming service Stadia launches today in 14 countries."),
    ]
    trace = match_documents("Stadia, Google's streaming platform, launches today in 14 "
                            "countries, none of its games free of bugs", docs)
    assert [s.article_id for s in trace.claims] == ["h3"]
    assert trace.claims[0].figures["agree"] == ["14"]


def test_names_and_a_direction_do_not_carry_a_passage_with_few_of_its_words():
    from newstrace.corpus.trace import TraceDoc, match_documents

    query = ("Rates of insomnia have risen among teenagers in U.S. states with late school "
             "starts, according to a study.")
    texts = ["Insomnia among teenagers has risen in U.S. states that start school late, a study "
             "found. The authors surveyed 9,000 pupils.",
             # the same name and direction, another assertion
             "Rates of melatonin use rose among U.S. teenagers last year, a market study said. "
             "Pharmacies reported shortages in winter.",
             "The council voted to repave the high street. Shops will stay open during the works.",
             "Heating bills in the north went up again in January. Energy firms blamed the cold."]
    pool = [TraceDoc(id=str(k), text=t) for k, t in enumerate(texts)]
    assert [s.article_id for s in match_documents(query, pool).claims] == ["0"]
