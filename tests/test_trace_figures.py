"""The figure normaliser of claim tracing: ways of writing one figure agree, other figures
conflict; every row of resources/trace_words.tsv is read in its example."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace import resources
from newstrace.corpus.figures import compare, figures, words_of
from newstrace.corpus.verify import assertion, polarity_flipped


def one(text: str):
    figs = [f for f in figures(text) if not f.derived]
    assert len(figs) == 1, (text, figs)
    return figs[0]


def summed(text: str):
    return next(f for f in figures(text) if f.derived)


AGREE = [
    ("more than 20,000 households", "an estimated 20 000 homes"),
    ("more than 20,000 households", "around 20k households"),
    ("an estimated 20 000 homes", "20,000 households"),
    ("about $4.5 million", "roughly 4.5 million dollars"),
    ("$350 million", "$350m"),
    ("$350 million", "$0.35 billion"),
    ("€2.3bn", "2.3 billion euros"),
    ("by a quarter point", "by 25 basis points"),
    ("a quarter-point increase", "a 0.25 percentage-point increase"),
    ("4.25 percent", "4.25%"),
    ("4.25 per cent", "4.25 percent"),
    ("nearly 28 percent", "27.5 percent"),
    ("12,400 acres", "roughly 12,000 acres"),
    ("12,400 acres", "more than 12,000 acres"),
    ("61.3 percent", "just over 61%"),
    ("61.3 percent", "more than 60 percent"),
    ("4,800 adults", "nearly 5,000 adults"),
    ("some 3,500 people", "at least 3,000 people"),
    ("140,000 bottles", "nearly 150,000 bottles"),
    ("at least 14 people", "at least fourteen people"),
    ("90 minutes", "an hour and a half"),
    ("a magnitude 6.2 earthquake", "a 6.2-magnitude quake"),
    ("June 14", "14 June"),
    ("1,200 jobs", "roughly 1,200 positions"),
]

CONFLICT = [
    ("more than 20,000 households", "12,000 households"),
    ("27.5 percent", "22.5 percent"),
    ("1,200 jobs", "2,000 jobs"),
    ("at least 14 people", "17 people"),
    ("15 percent", "20 percent"),
    ("$350 million", "$530 million"),
    ("June 14", "June 21"),
    ("4.25 percent", "3.5 percent"),
]

UNRELATED = [
    ("20,000 households", "20,000 jobs"),  # other nouns
    ("27.5 percent", "$27.5 million"),
    ("$4.5 million", "€4.5 million"),
    ("90 minutes", "90 percent"),
    ("since 1998", "1,998 people"),
]


@pytest.mark.parametrize(("a", "b"), AGREE)
def test_ways_of_writing_one_figure_agree(a, b):
    assert compare(one(a), one(b)) == "agree"
    assert compare(one(b), one(a)) == "agree"


@pytest.mark.parametrize(("a", "b"), CONFLICT)
def test_other_figures_conflict(a, b):
    assert compare(one(a), one(b)) == "conflict"


@pytest.mark.parametrize(("a", "b"), UNRELATED)
def test_figures_of_other_kinds_do_not_compare(a, b):
    assert compare(one(a), one(b)) is None


def test_sums_and_their_parts():
    s = summed("a 25% tariff plus a 2.5% safeguard levy")
    assert s.value == pytest.approx(27.5) and s.kind == "percent"
    assert compare(s, one("a 27.5 percent duty")) == "agree"
    assert not any(f.derived for f in figures("25% of voters and 2.5% of members"))


def test_kinds_qualifiers_nouns_and_years():
    f = one("More than 20,000 households were left")
    assert (f.value, f.kind, f.noun, f.qualifier) == (20000, "count", "household", "more than")
    assert one("highest since 1998").kind == "year"
    assert one("a 90-year-old main").noun == "year"
    assert one("it took 30 m of cable") .kind == "count"  # metres, not millions
    assert figures("she said it may rain") == []
    assert one("open on May 14").kind == "date"


def test_every_lexicon_row_is_read_in_its_example():
    for row in resources.table("trace_words.tsv"):
        kind, word, example = row["kind"], row["word"], row["example"]
        if kind in ("number", "scale", "unit", "currency", "qualifier", "noun"):
            figs = figures(example)
            assert figs, (word, example)
            f = figs[0]
            if kind == "unit":
                assert f.kind == row["key"], (word, example, f)
            elif kind == "currency":
                assert f.kind == f"money:{row['key']}", (word, example, f)
            elif kind == "qualifier":
                assert f.qualifier == word, (word, example, f)
            elif kind == "noun":
                assert f.noun == row["key"], (word, example, f)
        elif kind == "direction":
            assert row["key"] in assertion(example).directions, (word, example)
        elif kind in ("negation", "denial"):
            assert assertion(example).negations, (word, example)
        elif kind == "contrast":
            assert not assertion(example).negations, (word, example)
        elif kind == "modal":
            assert word in example.split()
    assert words_of("qualifier")["more than"][0] == "min"


def test_polarity():
    q = assertion("Altrion will cut 1,200 jobs")
    assert polarity_flipped(q, assertion("Altrion denied reports that it would cut 1,200 jobs"))
    assert polarity_flipped(q, assertion("Altrion will not cut 1,200 jobs"))
    assert not polarity_flipped(q, assertion("Altrion will cut 2,000 jobs, not the figure "
                                             "announced"))


def _grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1000, max_value=999_999_999), st.sampled_from([",", " ", "\u202f"]))
def test_digit_grouping_never_changes_the_value(n, sep):
    f = one(f"{_grouped(n, sep)} people")
    assert f.value == n and f.low <= n <= f.high


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.sampled_from([("k", 1e3), (" million", 1e6),
                                                                  ("m", 1e6), ("bn", 1e9)]))
def test_scales_multiply(n, scale):
    word, factor = scale
    f = one(f"${n}{word}")
    assert f.value == pytest.approx(n * factor) and f.kind == "money:usd"
    assert compare(f, one(f"${n * factor:,.0f}")) == "agree"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**7),
       st.sampled_from(["more than", "about", "nearly", "at least", "up to", "some",
                        "an estimated", "roughly", "just over", ""]))
def test_a_figure_agrees_with_itself_and_its_interval_holds_its_value(n, qualifier):
    text = f"{qualifier} {n:,} people".strip()
    f = one(text)
    assert f.low <= f.value <= f.high
    assert compare(f, one(f"{n:,} people")) == "agree"
    assert compare(f, f) == "agree"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=10, max_value=10**6), st.floats(min_value=1.5, max_value=20))
def test_a_figure_far_away_conflicts(n, ratio):
    a, b = one(f"{n:,} people"), one(f"{int(n * ratio):,} people")
    assert compare(a, b) == "conflict" and compare(b, a) == "conflict"


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_reads_without_error(text):
    for f in figures(text):
        assert f.low <= f.high
        assert 0 <= f.span[0] <= f.span[1] <= len(text)


def test_a_denial_after_the_assertion_does_not_flip_it():
    q = assertion("Blue Channel Ferries skipped 14 safety inspections")
    assert not polarity_flipped(q, assertion(
        "The union said Blue Channel Ferries skipped 14 mandatory safety inspections last year, "
        "a charge the company rejected."))
    assert polarity_flipped(q, assertion(
        "Blue Channel Ferries rejected the union's claim that it skipped 14 safety inspections."))


def test_round_number_words_are_as_precise_as_themselves():
    assert compare(one("more than a dozen inspections"), one("14 inspections")) == "agree"
    assert compare(one("a dozen inspections"), one("30 inspections")) == "conflict"
