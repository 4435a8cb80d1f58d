"""Near-duplicate detection on small generated articles with known truth."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.corpus import DedupeOptions, DocRecord, find_duplicates
from newstrace.corpus.dedupe import duplicate_pairs
from newstrace.corpus.records import as_doc_record, credited_outlets, outlet_key
from newstrace.corpus.shingles import body_hash, overlap, shingles

_RNG = random.Random(7)
VOCAB = ["".join(_RNG.choice("bcdfghjklmnprstvwz") + _RNG.choice("aeiou") for _ in range(3))
         for _ in range(400)]


def paras(seed: int, n: int = 6, words: int = 30) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(VOCAB) for _ in range(words)).capitalize() + "." for _ in range(n)]


def body(ps: list[str]) -> str:
    return "\n\n".join(ps)


def edit(p: str, k: int, seed: int) -> str:
    rng = random.Random(seed)
    ws = p.split()
    for i in rng.sample(range(len(ws)), k):
        ws[i] = rng.choice(VOCAB)
    return " ".join(ws)


ORIG = paras(1)
CHROME_TOP = ["Subscribe to our newsletter", "Share this article"]


@pytest.fixture
def corpus() -> list[DocRecord]:
    return [
        DocRecord("a-origin", "https://harbor.example/1", "Harbor Daily", "2025-03-02",
                  body(ORIG)),
        # changed chrome and a credit line; dated a day *before* the origin it credits
        DocRecord("b-credit", "https://metro.example/9", "Metro Wire", "2025-03-01",
                  body([*CHROME_TOP, *ORIG,
                        "The post Strikes near Caracas appeared first on Harbor Daily.",
                        "Copyright 2025 Metro Wire. All rights reserved."])),
        # trimmed (two paragraphs cut) and reordered
        DocRecord("c-trim", "https://valley.example/3", "Valley Courier", "2025-03-04",
                  body([ORIG[0], ORIG[3], ORIG[2], ORIG[5]])),
        # light word edits in every paragraph, other chrome
        DocRecord("d-edit", "https://coast.example/4", "Coastal Times", "2025-03-03",
                  body(["Advertisement", *[edit(p, 2, i) for i, p in enumerate(ORIG)],
                        "Comments are closed."])),
        # truncated to its first two paragraphs
        DocRecord("e-lead", "https://summit.example/5", "Summit News", "2025-03-05",
                  body(ORIG[:2] + ["Read the full story on our partner site."])),
        # unrelated articles; one quotes a whole paragraph of the origin (same story, no copy)
        DocRecord("u-1", "https://plains.example/1", "Plains Herald", "2025-03-02",
                  body(paras(2))),
        DocRecord("u-2", "https://atlas.example/1", "Atlas Review", "2025-03-02",
                  body([*paras(3)[:3], ORIG[1], *paras(3)[3:]])),
        DocRecord("u-3", "https://bay.example/1", "Bay Sentinel", "2025-03-03",
                  body(paras(4, n=2))),
    ]


@pytest.mark.parametrize("backend", ["datasketch", "rensa"])
def test_copies_are_grouped_and_unrelated_are_not(corpus, backend):
    if backend == "rensa":
        pytest.importorskip("rensa")
    result = find_duplicates(corpus, DedupeOptions(backend=backend))
    assert result.stats["backend"] == backend
    assert len(result.groups) == 1
    group = result.groups[0]
    assert {m.id for m in group.members} == {"a-origin", "b-credit", "c-trim", "d-edit", "e-lead"}
    assert result.stats["documents"] == 8
    pairs = duplicate_pairs(result)
    assert frozenset(("a-origin", "u-2")) not in pairs
    assert len(pairs) == 10


def test_origin_follows_the_credit_over_the_date(corpus):
    group = find_duplicates(corpus).groups[0]
    assert group.origin == "a-origin"
    assert group.reason == "credit" and group.credited_outlet == "Harbor Daily"
    # origin first, then the republication chain by date
    assert [m.id for m in group.members] == ["a-origin", "b-credit", "d-edit", "c-trim", "e-lead"]
    assert [m.published for m in group.members][1:] == sorted(m.published for m in
                                                               group.members[1:])
    assert group.members[0].similarity == 1.0
    assert group.members[1].credits == ("Harbor Daily",)


def test_origin_is_the_earliest_without_credit(corpus):
    no_credit = [r for r in corpus if r.id != "b-credit"]
    group = find_duplicates(no_credit).groups[0]
    assert group.origin == "a-origin" and group.reason == "earliest date"
    # a tie on the date goes to the smaller id
    tied = [DocRecord("z", "", "X", "2025-01-01", body(ORIG)),
            DocRecord("y", "", "Y", "2025-01-01", body(ORIG[:5]))]
    assert find_duplicates(tied).groups[0].origin == "y"
    # undated copies come after dated ones
    undated = [DocRecord("a", "", "X", None, body(ORIG)),
               DocRecord("b", "", "Y", "2025-05-01", body(ORIG[1:]))]
    assert find_duplicates(undated).groups[0].origin == "b"


def test_credit_chain_goes_back_to_the_root():
    text = body(ORIG)
    records = [
        DocRecord("x1", "", "Island Tribune", "2025-01-03",
                  text + "\n\nThis article originally appeared on Civic Monitor."),
        DocRecord("x2", "", "Civic Monitor", "2025-01-02",
                  text + "\n\nRepublished with permission from Atlas Review."),
        DocRecord("x3", "", "Atlas Review", "2025-01-04", text),
    ]
    group = find_duplicates(records).groups[0]
    assert group.origin == "x3" and group.reason == "credit"


def test_origin_metadata_counts_as_credit_and_store_outlets_are_carriers():
    rec = as_doc_record({"id": "m", "uri": "u", "outlet": "Venezuelanalysis",
                         "origin_outlet": "Venezuelanalysis", "source_outlet": "MENAFN",
                         "published": "2025-09-09", "text": body(ORIG),
                         "republished_by": '["Caribbean News Global", "MENAFN"]'})
    assert rec.outlet == "MENAFN"
    assert rec.republished_by == ("Caribbean News Global", "MENAFN")
    # the origin credited in metadata, and the carriers before this one in the chain
    assert credited_outlets(rec) == ("Venezuelanalysis", "Caribbean News Global")
    cng = DocRecord("c", "", "Caribbean News Global", "2025-09-08", body(ORIG[1:]),
                    origin_outlet="Venezuelanalysis")
    origin = DocRecord("o", "", "venezuelanalysis.com", "2025-09-10", body(ORIG))
    group = find_duplicates([rec, origin, cng]).groups[0]
    assert group.origin == "o" and group.reason == "credit"
    assert [m.id for m in group.members] == ["o", "c", "m"]
    # without the origin stored, the credited carrier that credits no stored one wins
    group = find_duplicates([rec, DocRecord("c", "", "Caribbean News Global", "2025-09-10",
                                            body(ORIG[1:]))]).groups[0]
    assert group.origin == "c" and group.reason == "credit"
    # the carrier is the last of the chain when nothing else names it
    bare = as_doc_record({"id": "b", "text": "x", "republished_by": ["CNG", "MENAFN"]})
    assert credited_outlets(bare) == ("CNG",)


def test_credited_origin_missing_from_the_corpus_is_reported():
    records = [DocRecord("p", "", "A", "2025-01-02", body(ORIG) + "\n\nSource: Reuters"),
               DocRecord("q", "", "B", "2025-01-01", body(ORIG[:5]) + "\n\nSource: Reuters.")]
    group = find_duplicates(records).groups[0]
    assert group.origin == "q" and group.reason == "earliest date"
    assert group.credited_outlet == "Reuters"


def test_exact_duplicates_differ_only_in_case_and_punctuation():
    a = body(ORIG)
    b = a.upper().replace(".", "!").replace("\n\n", "\n")
    result = find_duplicates([DocRecord("a", "", "A", "2025-01-01", a),
                              DocRecord("b", "", "B", "2025-01-02", b)])
    assert result.groups[0].kind == "exact"
    assert result.stats["distinct_bodies"] == 1


def test_bodies_without_words_are_never_grouped():
    records = [DocRecord(f"e{i}", "", "X", "2025-01-01", "… — !") for i in range(3)]
    assert find_duplicates(records).groups == []


def test_shared_chrome_alone_makes_no_group():
    chrome = ["Subscribe to our newsletter today", "Follow us on social media",
              "Copyright 2025 Metro Wire. All rights reserved."]
    records = [DocRecord(f"s{i}", "", "Metro Wire", "2025-01-01",
                         body([*chrome, *paras(100 + i, n=1, words=7)]))
               for i in range(12)]
    assert find_duplicates(records).groups == []
    # without the boilerplate filter the chrome would make these short bodies "copies"
    assert find_duplicates(records, DedupeOptions(boilerplate_min_docs=100)).groups != []


def test_to_dict_has_exactly_the_interface_keys(corpus):
    data = find_duplicates(corpus).to_dict()
    assert list(data) == ["groups"]
    g = data["groups"][0]
    assert list(g) == ["origin", "origin_reason", "members"]
    assert g["members"][0]["id"] == g["origin"]
    assert all(list(m) == ["id", "uri", "outlet", "published"] for m in g["members"])


@pytest.mark.parametrize("backend", ["datasketch", "rensa"])
def test_no_blocking_still_finds_lightly_edited_copies(corpus, backend):
    if backend == "rensa":
        pytest.importorskip("rensa")
    options = DedupeOptions(paragraph_max_docs=1, backend=backend)  # LSH candidates only
    ids = {m.id for m in find_duplicates(corpus, options).groups[0].members}
    assert {"a-origin", "b-credit", "c-trim", "d-edit"} <= ids


def test_unknown_backend():
    with pytest.raises(ValueError, match="unknown LSH backend"):
        find_duplicates([], DedupeOptions(backend="faiss"))


@pytest.mark.parametrize("line, outlet", [
    ("The post Strikes near Caracas appeared first on Venezuelanalysis.", "Venezuelanalysis"),
    ("This article originally appeared on The Conversation.", "The Conversation"),
    ("This story was first published by ProPublica, a nonprofit newsroom.", "ProPublica"),
    ("Originally published on Common Dreams under a Creative Commons license.",
     "Common Dreams"),
    ("Republished with permission from Mongabay.", "Mongabay"),
    ("Source: Xinhua", "Xinhua"),
])
def test_credit_lines(line, outlet):
    rec = DocRecord("x", "", "Other Outlet", None, f"Body text here.\n\n{line}")
    assert credited_outlets(rec) == (outlet,)


def test_no_credit_in_plain_prose_or_for_the_outlet_itself():
    assert credited_outlets(DocRecord("x", "", "A", None, "The minister said the source "
                                      "of the leak was unclear.")) == ()
    assert credited_outlets(DocRecord("x", "", "Harbor Daily", None,
                                      "The post X appeared first on Harbor Daily.")) == ()


def test_outlet_keys():
    assert outlet_key("The Guardian") == outlet_key("theguardian.com") == \
        outlet_key("https://www.theguardian.com/world") == "guardian"
    assert outlet_key("Venezuelanalysis") == outlet_key("venezuelanalysis.com")
    assert outlet_key("Harbor Daily") != outlet_key("Metro Wire")
    assert outlet_key(None) == ""


paragraph = st.lists(st.sampled_from(VOCAB[:50]), min_size=1, max_size=12).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(paragraph, min_size=1, max_size=6), st.randoms(use_true_random=False))
def test_shingles_ignore_paragraph_order_case_and_spacing(ps, rnd):
    shuffled = list(ps)
    rnd.shuffle(shuffled)
    a = shingles("\n\n".join(ps))
    b = shingles("\n  \n".join(p.upper() + " ." for p in shuffled))
    assert a.tolist() == b.tolist()
    assert (a[1:] > a[:-1]).all()  # sorted, unique
    jac, cont, inter = overlap(a, b)
    assert jac == cont == 1.0 and inter == a.size


@settings(max_examples=60, deadline=None)
@given(st.lists(paragraph, min_size=1, max_size=6))
def test_body_hash_ignores_punctuation_and_line_breaks(ps):
    assert body_hash("\n".join(ps)) == body_hash(" ,".join(p.title() for p in ps) + "!")


def test_origin_by_full_timestamp_with_offsets():
    """Three copies of one day: the earliest instant wins, offsets taken into account."""
    records = [DocRecord("a", "", "A", "2023-12-19T06:54:00-05:00", body(ORIG)),  # 11:54 UTC
               DocRecord("b", "", "B", "2023-12-19T10:00:00+00:00", body(ORIG)),
               DocRecord("c", "", "C", "2023-12-19", body(ORIG))]
    group = find_duplicates(records).groups[0]
    assert group.origin == "b" and group.reason == "earliest time"
    assert [m.id for m in group.members] == ["b", "a", "c"]
    assert group.to_dict()["origin_reason"] == "earliest time"


def test_a_via_credit_beats_an_earlier_timestamp():
    records = [DocRecord("a", "", "Harbor Daily", "2023-12-19T12:00:00+00:00", body(ORIG)),
               DocRecord("b", "", "Coast Wire", "2023-12-19T08:00:00+00:00",
                         body(ORIG) + "\n\nReprinted with permission of Harbor Daily.")]
    group = find_duplicates(records).groups[0]
    assert group.origin == "a" and group.reason == "credit"
