"""Dates: the normaliser (a table of expressions and property tests) and the component."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.analyze.dates import PRECISIONS, extract_dates, normalize, parse_anchor

ANCHOR = date(2025, 9, 10)  # a Wednesday
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

TABLE = [
    # explicit dates
    ("2025-09-01", "2025-09-01", "day"),
    ("2019-07", "2019-07", "month"),
    ("September 5, 2019", "2019-09-05", "day"),
    ("Sept. 5, 2019", "2019-09-05", "day"),
    ("5 May 2003", "2003-05-05", "day"),
    ("the 3rd of March 2021", "2021-03-03", "day"),
    ("March 2021", "2021-03", "month"),
    ("in early March 2021", "2021-03", "month"),
    ("2020", "2020", "year"),
    ("in 2002", "2002", "year"),
    ("since 2020", "2020", "year"),
    ("late 2024", "2024", "year"),
    ("1999-2013", "1999/2013", "year"),
    ("1999–2003", "1999/2003", "year"),
    ("the 1990s", "199X", "decade"),
    ("the early 2000s", "200X", "decade"),
    ("the '90s", "199X", "decade"),
    ("mid-2010s", "201X", "decade"),
    ("summer 2024", "2024-SU", "season"),
    ("the winter of 2022", "2022-WI", "season"),
    # relative to the anchor
    ("September 5", "2025-09-05", "day"),
    ("on September 5", "2025-09-05", "day"),
    ("Aug. 28", "2025-08-28", "day"),
    ("December 24", "2024-12-24", "day"),
    ("in September", "2025-09", "month"),
    ("In early September", "2025-09", "month"),
    ("mid-August", "2025-08", "month"),
    ("since mid-August", "2025-08", "month"),
    ("in August", "2025-08", "month"),
    ("late October", "2024-10", "month"),
    ("last July", "2025-07", "month"),
    ("next March", "2026-03", "month"),
    ("Tuesday", "2025-09-09", "day"),
    ("on Wednesday", "2025-09-10", "day"),
    ("Thursday", "2025-09-04", "day"),
    ("last Tuesday", "2025-09-09", "day"),
    ("last Wednesday", "2025-09-03", "day"),
    ("next Friday", "2025-09-12", "day"),
    ("Sunday night", "2025-09-07", "day"),
    ("today", "2025-09-10", "day"),
    ("yesterday", "2025-09-09", "day"),
    ("tomorrow", "2025-09-11", "day"),
    ("last week", "2025-W36", "week"),
    ("this week", "2025-W37", "week"),
    ("next week", "2025-W38", "week"),
    ("the past week", "2025-W36", "week"),
    ("this weekend", "2025-W37", "week"),
    ("last month", "2025-08", "month"),
    ("earlier this month", "2025-09", "month"),
    ("next month", "2025-10", "month"),
    ("last year", "2024", "year"),
    ("late last year", "2024", "year"),
    ("this year", "2025", "year"),
    ("next year", "2026", "year"),
    ("two years ago", "2023", "year"),
    ("3 days ago", "2025-09-07", "day"),
    ("two weeks ago", "2025-W35", "week"),
    ("six months ago", "2025-03", "month"),
    ("last summer", "2024-SU", "season"),
    ("this spring", "2025-SP", "season"),
    # not dates
    ("four years", None, "unknown"),
    ("the next phase", None, "unknown"),
    ("", None, "unknown"),
]


@pytest.mark.parametrize("expr,value,precision", TABLE, ids=[t[0] or "<empty>" for t in TABLE])
def test_table(expr, value, precision):
    assert normalize(expr, ANCHOR) == (value, precision)


def test_table_is_large_enough():
    assert len([t for t in TABLE if t[1] is not None]) >= 40


def test_prefer_future_reads_forward():
    assert normalize("Friday", ANCHOR, prefer_future=True).value == "2025-09-12"
    assert normalize("in August", ANCHOR, prefer_future=True).value == "2026-08"
    assert normalize("May 1", ANCHOR, prefer_future=True).value == "2026-05-01"


def test_without_anchor_only_explicit_values():
    assert normalize("Tuesday", None) == (None, "unknown")
    assert normalize("last week", None) == (None, "unknown")
    assert normalize("in August", None) == (None, "unknown")
    assert normalize("September 5", None) == (None, "unknown")
    assert normalize("in 2002", None) == ("2002", "year")
    assert normalize("September 2019", None) == ("2019-09", "month")
    assert normalize("September 5, 2019", None) == ("2019-09-05", "day")


def test_parse_anchor():
    assert parse_anchor("2025-09-10") == date(2025, 9, 10)
    assert parse_anchor("2025-09") == date(2025, 9, 1)
    assert parse_anchor("2025-09-10T08:00:00Z") == date(2025, 9, 10)
    assert parse_anchor(None) is None
    assert parse_anchor("yesterday") is None


dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


@given(dates)
def test_iso_dates_round_trip(d):
    assert normalize(d.isoformat(), None) == (d.isoformat(), "day")


@given(dates)
def test_written_dates_round_trip(d):
    text = f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    assert normalize(text, None) == (d.isoformat(), "day")
    assert normalize(f"{d.day} {MONTHS[d.month - 1]} {d.year}", None) == (d.isoformat(), "day")


@given(dates, st.sampled_from(range(7)))
def test_bare_weekday_is_the_last_such_day(anchor, wd):
    value, precision = normalize(WEEKDAYS[wd], anchor)
    got = date.fromisoformat(value)
    assert precision == "day"
    assert got.weekday() == wd
    assert anchor - timedelta(days=6) <= got <= anchor


@given(dates, st.sampled_from(range(7)))
def test_next_weekday_is_ahead(anchor, wd):
    got = date.fromisoformat(normalize(f"next {WEEKDAYS[wd]}", anchor).value)
    assert got.weekday() == wd
    assert anchor < got <= anchor + timedelta(days=7)


@given(dates)
def test_last_week_is_the_previous_iso_week(anchor):
    year, week, _ = (anchor - timedelta(days=7)).isocalendar()
    assert normalize("last week", anchor) == (f"{year}-W{week:02d}", "week")


@given(dates, st.sampled_from(range(12)))
def test_bare_month_is_within_the_last_year(anchor, m):
    value, precision = normalize(f"in {MONTHS[m]}", anchor)
    year, month = map(int, value.split("-"))
    assert precision == "month" and month == m + 1
    assert (year, month) <= (anchor.year, anchor.month)
    assert (anchor.year * 12 + anchor.month) - (year * 12 + month) < 12


@given(st.integers(min_value=1600, max_value=2099))
def test_years(year):
    assert normalize(f"in {year}", None) == (str(year), "year")
    assert normalize(f"the {year // 10 * 10}s", None) == (f"{year // 10}X", "decade")


@settings(max_examples=300)
@given(st.text(max_size=40), st.one_of(st.none(), dates))
def test_never_fails_and_is_consistent(text, anchor):
    value, precision = normalize(text, anchor)
    assert precision in PRECISIONS
    assert (value is None) == (precision == "unknown")


def test_component_offsets_and_anchor(nlp):
    text = ("On Tuesday the ministers met in Brussels. In early September, the army deployed "
            "troops. The talks of May 4, 2024 failed, and mid-August saw new strikes. He may "
            "march on.")
    doc = nlp(text)
    found = extract_dates(doc, "2025-09-10")
    by_text = {d.text: d for d in found}
    for d in found:
        assert text[d.span[0]:d.span[1]] == d.text
    assert by_text["Tuesday"].value == "2025-09-09"
    assert by_text["early September"].value == "2025-09"
    assert by_text["May 4, 2024"].value == "2024-05-04"
    assert by_text["mid-August"].value == "2025-08"
    assert not any(d.text.lower() in ("may", "march") for d in found)


def test_component_without_publication_date_uses_latest_full_date(nlp):
    text = "The treaty was signed on March 3, 2021. Protests began on Tuesday and in 2019."
    found = {d.text: d for d in extract_dates(nlp(text), None)}
    assert found["March 3, 2021"].value == "2021-03-03"
    assert found["Tuesday"].value == "2021-03-02"  # the Tuesday before 2021-03-03 (a Wednesday)
    assert found["2019"].value == "2019"


def test_a_date_told_of_later_is_no_anchor(nlp):
    text = ("Two soldiers were killed in a crash on Wednesday, the army said. The cause is under "
            "investigation. Troops remain in the country. They arrived after the September 11, "
            "2001 attacks.")
    found = {d.text: d for d in extract_dates(nlp(text), None)}
    assert found["Wednesday"].value is None  # not the Wednesday before 2001-09-11
