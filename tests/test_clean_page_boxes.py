"""Page boxes named by their markup (resources/page_boxes.tsv): set aside before extraction,
one by one, never the element that holds the article. Composed fixtures only."""

from __future__ import annotations

import pytest
from trafilatura.utils import load_html

from newstrace.clean import boxes
from newstrace.clean.extract import extract_html

from .page_fixtures import HARBOUR_STORY

STORY = HARBOUR_STORY[:4]
BOX = ("Readers who wrote in this week said that the waterfront cafes should stay open late "
       "through the summer, and that the ferry timetable ought to be printed again in full.")


def _page(inner: str, wrapper: str = "article-body") -> str:
    first, second = ("".join(f"<p>{p}</p>" for p in part) for part in (STORY[:2], STORY[2:]))
    return ("<html><head><title>Council Votes To Rebuild Harbour Wall</title></head><body>"
            "<h1>Council Votes To Rebuild Harbour Wall</h1>"
            f"<article><div class='{wrapper}'>{first}{inner}{second}</div></article>"
            "</body></html>")


def _text(html: str) -> str:
    return extract_html(html, "p.html").text


@pytest.mark.parametrize("rule", boxes.rules(), ids=lambda r: r.name)
def test_each_row_matches_its_example(rule):
    assert boxes.box_rule(rule.example) is not None


@pytest.mark.parametrize("rule", boxes.rules(), ids=lambda r: r.name)
def test_each_row_sets_its_box_aside_inside_a_widget_wrapper(rule):
    # the wrapper's "widget" class makes trafilatura's own class pruning give up on the page
    html = _page(f"<div class='{rule.example}'><p>{BOX}</p></div>",
                 wrapper="clear-both widget widget-content")
    text = _text(html)
    assert BOX not in text
    assert all(p in text for p in STORY)


def test_without_the_boxes_the_widget_page_keeps_the_box():
    # the case the module is for: trafilatura alone keeps the newsletter box here
    import trafilatura

    html = _page(f"<div class='newsletter-form__wrapper'><p>{BOX}</p></div>",
                 wrapper="clear-both widget widget-content")
    assert BOX in trafilatura.extract(html, favor_precision=True)


@pytest.mark.parametrize("value", [
    "sourced-paragraph",          # a word that only starts like a row's word
    "commentary",                 # an opinion column is not a comment thread
    "promotion-banner",
    "article comments-open",      # settings of the page, not boxes
    "showCommentsIconInShareSec",
    "enableCommentsCountViaOpenweb",
    "is-smallPromo",
    "has-newsletter",
    "author-name",
])
def test_what_is_no_box(value):
    assert boxes.box_rule(value) is None


def test_name_words():
    assert boxes.name_words("newsletterForm-articleInbodyContent") == (
        "newsletter", "form", "article", "inbody", "content")
    assert boxes.name_words("author__biography") == ("author", "biography")
    assert boxes.name_words("c-globalDisclosure_modal") == ("c", "global", "disclosure", "modal")


def test_an_element_holding_the_article_is_no_box_but_the_boxes_inside_it_are():
    html = _page(f"<div class='promo-item'><p>{BOX}</p></div>",
                 wrapper="promo-layout")  # a page that puts its article in a "promo" element
    text = _text(html)
    assert all(p in text for p in STORY)
    assert BOX not in text
    tree = load_html(html)
    marked = boxes.mark_boxes(tree)
    assert [el.get("class") for el, _ in marked] == ["promo-item"]
    assert [el.get(boxes.MARK) for el, _ in marked] == ["promo"]


def test_a_page_without_boxes_is_left_as_it_is():
    tree = load_html(_page(""))
    assert boxes.mark_boxes(tree) == []
    assert tree.xpath(boxes.PRUNE_XPATH) == []
