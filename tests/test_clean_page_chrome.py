"""Page chrome that closes or interrupts web articles (newsletter boxes, affiliate notices,
author bios and addresses, credits, reference lists, podcast promotions), and the check of
an extraction against the page's own JSON-LD articleBody. Composed fixtures only."""

from __future__ import annotations

import json

import pytest

from newstrace.clean import chrome, clean
from newstrace.clean.extract import _checked_against_markup, extract_html
from newstrace.model import Document, Source

from .page_fixtures import HARBOUR_STORY

BODY = [
    ("Officials in the port city said on Monday that the new bridge would reopen next week "
     "after months of repairs."),
    "“We are confident the repairs are complete,” the mayor told reporters at the site.",
    "The council said the works cost $4 million and finished two weeks ahead of schedule.",
]


def text_doc(text: str) -> Document:
    return Document(source=Source(uri="t.txt", format="text"), content=text)


def paragraphs(article) -> list[str]:
    return [p for p in article.text.split("\n") if p.strip()]


TAIL = [r for r in chrome.rules() if r.scope == "tail"]


@pytest.mark.parametrize("rule", TAIL, ids=lambda r: r.name)
def test_tail_row_is_removed_at_the_end_of_the_body(rule):
    text = "\n".join(["Bridge Reopens After Repairs", *BODY, rule.example])
    article = clean(text_doc(text))
    assert paragraphs(article) == BODY
    assert any(r.reason == rule.reason and r.text == rule.example for r in article.removed)


@pytest.mark.parametrize("rule", TAIL, ids=lambda r: r.name)
def test_tail_row_is_kept_inside_the_body(rule):
    text = "\n".join(["Bridge Reopens After Repairs", BODY[0], rule.example, BODY[1], BODY[2]])
    article = clean(text_doc(text))
    assert paragraphs(article) == [BODY[0], rule.example, BODY[1], BODY[2]]


def test_a_bio_and_an_address_after_a_newsletter_box_all_go():
    text = "\n".join([
        "Bridge Reopens After Repairs", *BODY,
        "Jane Roe is a staff writer for the Riverside Times covering transport.",
        "Contact Jane Roe at jroe@riversidetimes.example.",
        "Want more city news? Sign up for our free morning newsletter."])
    article = clean(text_doc(text))
    assert paragraphs(article) == BODY
    assert [r.reason for r in article.removed][-3:] == [
        "newsletter sign-up", "author contact", "author bio"]


@pytest.mark.parametrize("para", [
    # story sentences that share words with the new rows
    "The newsletter, which the mayor writes herself, reaches 4,000 residents a week.",
    "Drivers said they earn a commission on every fare, a practice the council wants to end.",
    "Roe, who is a former reporter, said the bridge had been neglected for years.",
    "Jane Roe is a senior engineer at the port and oversaw the repairs.",
    "The podcast host said listeners had complained about the closure.",
    "A correction was issued by the contractor after its first estimate proved wrong.",
    "References to the old bridge were removed from the city's website.",
])
def test_new_rows_leave_story_paragraphs_alone(para):
    text = "\n".join(["Bridge Reopens After Repairs", BODY[0], BODY[1], BODY[2], para])
    assert paragraphs(clean(text_doc(text)))[-1] == para


def test_credits_and_references_blocks():
    text = "\n".join([
        "Bridge Reopens After Repairs", *BODY,
        "Photographer: Jane Roe", "Hair and makeup: John Doe",
        "References:", "- https://example.org/report.pdf", "- https://example.org/minutes.pdf"])
    article = clean(text_doc(text))
    assert paragraphs(article) == BODY


# ---- the page's own articleBody -------------------------------------------------------

STORY = HARBOUR_STORY
TEASERS = [
    "Harbour festival returns after a three-year break with boats, music and food stalls.",
    "School board approves a new timetable for the autumn term after a long debate.",
    "Library extends its opening hours on weekends to meet demand from students.",
    "Local bakery wins a national prize for its sourdough loaf, the owners said proudly.",
]


def _page(article_html: str, body: str | None) -> str:
    ld = ""
    if body is not None:
        ld = ('<script type="application/ld+json">' + json.dumps(
            {"@context": "https://schema.org", "@type": "NewsArticle",
             "headline": "Council Votes To Rebuild Harbour Wall", "articleBody": body})
              + "</script>")
    return (f"<html><head><title>Council Votes To Rebuild Harbour Wall</title>{ld}</head>"
            f"<body><h1>Council Votes To Rebuild Harbour Wall</h1>{article_html}</body></html>")


def test_a_page_whose_article_is_only_in_its_json_ld_gets_that_body():
    # the page draws its article with a script; the markup shows only other stories
    teasers = "".join(f"<div class='teaser'><h3>Local News</h3><p>{t}</p><p>By Dec {d}, 2023"
                      "</p></div>" for d in range(1, 4) for t in TEASERS)
    ex = extract_html(_page(f"<main>{teasers}</main>", "\n\n".join(STORY)), "p.html")
    assert ex.text.split("\n") == STORY
    assert ex.why["text"] == "json-ld articleBody"


def test_an_extraction_that_holds_the_json_ld_body_is_kept():
    html = "".join(f"<p>{p}</p>" for p in STORY)
    cut = " ".join(STORY[:2])[:300]  # a teaser-length articleBody changes nothing either
    for body in ("\n\n".join(STORY), cut):
        ex = extract_html(_page(f"<article>{html}</article>", body), "p.html")
        assert ex.why["text"] == "extractor"
        assert all(p in ex.text for p in STORY)


def test_checked_against_markup_thresholds():
    body = "\n\n".join(STORY)
    assert _checked_against_markup("\n".join(TEASERS), body)[1] == "json-ld articleBody"
    assert _checked_against_markup("\n".join(STORY[:4]), body)[1] == "extractor"
    assert _checked_against_markup("\n".join(TEASERS), None) == ("\n".join(TEASERS), "extractor")


def test_every_paragraph_row_is_anchored_so_the_one_pass_filter_is_exact():
    # the filter raises if a row could match later than the paragraph's start
    assert chrome._paragraph_filter().match("Sign up for our daily newsletter.")
    assert chrome._top_level_branches(r"^a(?:b|c)|^[|]d|^e\|f") == ["^a(?:b|c)", "^[|]d", r"^e\|f"]
    for rule in chrome.rules():
        if rule.scope in ("line", "block", "section"):
            assert chrome._paragraph_filter().match(rule.example), rule.name


def test_a_page_given_as_bytes_reads_as_the_same_page_given_as_text():
    # the date here is only in the URL, so htmldate's search (which needs the page's text)
    # must run for bytes too
    html = _page("".join(f"<p>{p}</p>" for p in STORY), None)
    url = "https://riversidetimes.example/2024/03/05/harbour-wall"
    as_text = extract_html(html, "p.html", url=url)
    as_bytes = extract_html(html.encode("utf-8"), "p.html", url=url)
    assert as_text.date == as_bytes.date == "2024-03-05"
    assert (as_text.text, as_text.title) == (as_bytes.text, as_bytes.title)
