"""The header of a plain-text copy (headline, byline, date line) read one field a line, the
outlet a byline names, bare ISO timestamps, and newsletter lines that do not swallow the lead.
Composed fixtures only."""

from __future__ import annotations

import pytest

from newstrace import resources
from newstrace.clean import clean
from newstrace.clean.metadata import byline_outlet, parse_byline, parse_date_line
from newstrace.model import Document, Source

LEAD = ("The city council voted on Tuesday to rebuild the harbour wall before the winter "
        "storms, ending a dispute that had delayed the work for two years.")
SECOND = ("Engineers told the council that the old wall had cracked in three places during the "
          "spring floods and that another season of high tides could bring it down.")


def _clean(text: str):
    return clean(Document(content=text, source=Source(uri="copy.txt", format="text")))


@pytest.mark.parametrize("word", resources.lines("outlet_name_words.txt"))
def test_each_outlet_word_ends_an_outlet_in_a_byline(word):
    outlet = f"Riverside {word.capitalize()}"
    assert parse_byline(f"By Jane Doe, {outlet}") == ["Jane Doe"]
    assert byline_outlet(f"By Jane Doe, {outlet}") == outlet


def test_byline_outlet_after_a_bar_and_with_the():
    assert byline_outlet("By Jane Doe | Riverside Times") == "Riverside Times"
    assert byline_outlet("By Helen Carter, The Northern Ledger") == "The Northern Ledger"
    assert parse_byline("By Helen Carter, The Northern Ledger") == ["Helen Carter"]


@pytest.mark.parametrize("line", ["By Jane Doe, John Roe", "By Jane Doe and John Roe",
                                  "By Jane Doe, Staff Writer"])
def test_a_second_person_is_no_outlet(line):
    assert byline_outlet(line) is None


@pytest.mark.parametrize("line, iso", [
    ("2025-03-04T06:54:00Z", "2025-03-04T06:54:00+00:00"),
    ("2025-03-04T06:54:12.5+02:00", "2025-03-04T06:54:00+02:00"),
    ("Published 2025-03-04 06:54:33 UTC", "2025-03-04T06:54:00+00:00"),
    ("Published 2025-03-04 06:54", "2025-03-04T06:54:00"),
])
def test_iso_timestamps_as_date_lines(line, iso):
    assert parse_date_line(line) == iso


def test_header_one_field_a_line():
    article = _clean("Harbour Wall Vote Ends Two-Year Dispute\nBy Jane Doe, Riverside Times\n"
                     f"2025-03-04T06:54:00Z\n\n{LEAD}\n\n{SECOND}\n")
    meta = article.meta
    assert meta.headline == "Harbour Wall Vote Ends Two-Year Dispute"
    assert meta.authors == ["Jane Doe"]
    assert meta.outlet == "Riverside Times"
    assert meta.published == "2025-03-04T06:54:00+00:00"
    assert article.text.startswith(LEAD[:40])


def test_staff_byline_line_is_not_joined_to_the_headline():
    article = _clean("Harbour Wall Vote Ends Two-Year Dispute\nRiverside Times Staff Report\n"
                     f"March 4, 2025 6:54 AM\n\n{LEAD}\n\n{SECOND}\n")
    assert article.meta.headline == "Harbour Wall Vote Ends Two-Year Dispute"
    assert article.meta.outlet == "Riverside Times"
    assert article.meta.published == "2025-03-04T06:54:00"


def test_the_paragraph_after_a_date_line_is_the_lead_not_a_dek():
    article = _clean(f"Harbour Wall Vote Ends Two-Year Dispute\n\nMarch 4, 2025 11:02 AM\n\n"
                     f"{LEAD}\n\n{SECOND}\n")
    assert article.meta.dek is None
    assert article.text.startswith(LEAD[:40])


def test_a_dek_before_the_byline_stays_a_dek():
    dek = "Engineers say the old wall would not survive another season of storms"
    article = _clean(f"Harbour Wall Vote Ends Two-Year Dispute\n\n{dek}\n\nBy Jane Doe\n\n"
                     f"{LEAD}\n\n{SECOND}\n")
    assert article.meta.dek == dek
    assert article.text.startswith(LEAD[:40])


def test_a_sentence_headline_before_a_byline_is_the_headline():
    headline = "Harbour walls are famously fragile. This one does not have to be."
    article = _clean(f"{headline}\nBy Jane Doe\nPublished 2025-03-04 06:54\n\n{LEAD}\n\n{SECOND}\n")
    assert article.meta.headline == headline
    assert article.meta.authors == ["Jane Doe"]
    assert article.text.startswith(LEAD[:40])


@pytest.mark.parametrize("line", ["Sign up for Email Alerts", "Sign up for breaking news alerts",
                                  "Subscribe to email updates", "Follow us on social media"])
def test_a_signup_line_does_not_take_the_lead_with_it(line):
    article = _clean(f"Harbour Wall Vote Ends Two-Year Dispute\n\nBy Jane Doe\n\n{line}\n\n"
                     f"{LEAD}\n\n{SECOND}\n")
    assert line not in article.text
    assert article.text.startswith(LEAD[:40])
