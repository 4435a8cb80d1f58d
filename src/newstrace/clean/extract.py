"""HTML page → main text (trafilatura) and metadata (htmlmeta).

The settings were chosen by measuring on the article-extraction benchmark
(benchmarks/aeb_extraction.py): precision-leaning extraction without comments, and a
recall-leaning second try when the first finds nothing.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from ..errors import NoArticleFound
from .boxes import PRUNE_XPATH, mark_boxes
from .htmlmeta import read_page

# trafilatura logs every page it finds too short at WARNING; the caller gets an error instead
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)

EXTRACT_SETTINGS = {"favor_precision": True, "include_comments": False, "include_tables": True}
FALLBACK_SETTINGS = {"include_comments": False, "include_tables": True}
# a precise extraction shorter than this is checked against the fallback (it may have kept
# only a stray notice and missed the article)
SHORT_CHARS = 600
# a page's text counts as an article only if some paragraph reads like prose: a few words
# (or, in a script written without spaces, a few characters), not a lone link or label
MIN_PARAGRAPH_WORDS = 3
# the page's JSON-LD articleBody replaces an extraction that holds less than this share of
# its words, when it has at least this many words (a teaser or a cut-off body is shorter)
MARKUP_BODY_COVER = 0.5
MARKUP_BODY_WORDS = 150
_WORD = re.compile(r"\w+")
_UNSPACED = re.compile("[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _prose(line: str) -> bool:
    return (len(re.findall(r"\w+", line)) >= MIN_PARAGRAPH_WORDS
            or len(_UNSPACED.findall(line)) >= 10)


@dataclass
class Extracted:
    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    sitename: str | None = None
    description: str | None = None
    url: str | None = None
    outlet: str | None = None  # the outlet that published this copy
    why: dict[str, str] = field(default_factory=dict)  # metadata field → the rule that chose it


def _authors(raw: str | None) -> list[str]:
    if not raw:
        return []
    parts = re.split(r"\s*(?:;|,|\band\b|&)\s*", raw)
    return [p.strip() for p in parts if p.strip() and len(p.split()) <= 5]


def extract_html(html: str, uri: str, *, url: str | None = None, crawled: str | None = None
                 ) -> Extracted:
    """The article in a page, with its metadata as `htmlmeta.read_page` reads it (headline,
    publication time, authors, outlet; no date after `crawled`, an ISO date, or today);
    raises NoArticleFound when the page has no article.

    The page is parsed once: trafilatura extracts from a copy of the tree and htmlmeta reads
    the tree itself. trafilatura's own metadata pass (and its date search) does not run: it
    is asked only for what htmlmeta did not find (a headline, an author, the site name)."""
    import trafilatura
    from trafilatura.utils import load_html

    try:
        tree = load_html(html)
    except Exception:  # noqa: BLE001 -- lxml fails on broken markup
        tree = None
    if tree is None:
        raise NoArticleFound("the page could not be parsed", input=uri)
    doc = None
    # page boxes are marked on the page's tree and pruned from trafilatura's copy of it
    prune = PRUNE_XPATH if mark_boxes(tree) else None
    for settings in (EXTRACT_SETTINGS, FALLBACK_SETTINGS):
        try:
            found = trafilatura.bare_extraction(tree, url=url, prune_xpath=prune, **settings)
        except Exception as exc:  # noqa: BLE001 -- lxml/trafilatura fail on broken markup
            raise NoArticleFound(f"the page could not be parsed ({exc.__class__.__name__})",
                                 input=uri) from None
        if found is not None and len((found.text or "").strip()) > 2 * len(
                (doc.text or "").strip() if doc is not None else ""):
            doc = found
        if doc is not None and len((doc.text or "").strip()) >= SHORT_CHARS:
            break
    if doc is None or not any(_prose(line) for line in (doc.text or "").splitlines()):
        raise NoArticleFound("no article text found in the page (navigation, forms or "
                             "scripts only?)", input=uri)
    extractor = _ExtractorMeta(tree, url)
    text_html = html if isinstance(html, str) else bytes(html).decode("utf-8", "replace")
    page = read_page(tree, url, crawled=crawled, html=text_html,
                     fallback_authors=lambda: _authors(extractor.get().author))
    outlet = page.outlet
    text, why_text = _checked_against_markup(doc.text, page.article_body)
    return Extracted(
        text=text,
        title=page.headline or extractor.get().title or None,
        authors=page.authors,
        date=page.published,
        sitename=None if outlet else (extractor.get().sitename or None),
        description=page.description,
        url=url,
        outlet=outlet,
        why={**page.why, "text": why_text},
    )


def _words(text: str) -> Counter:
    return Counter(_WORD.findall(text.casefold()))


def _checked_against_markup(text: str, body: str | None) -> tuple[str, str]:
    """The extracted text, or the page's own JSON-LD `articleBody` when the extraction
    missed the article: the body is long enough to be one (MARKUP_BODY_WORDS) and the
    extraction holds less than MARKUP_BODY_COVER of its words (it took a list of other
    stories, a cookie notice or a teaser instead)."""
    if not body:
        return text, "extractor"
    want = _words(body)
    total = sum(want.values())
    if total < MARKUP_BODY_WORDS:
        return text, "extractor"
    cover = sum((want & _words(text)).values()) / total
    if cover >= MARKUP_BODY_COVER:
        return text, "extractor"
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", body)]
    return "\n".join(p for p in paras if p), "json-ld articleBody"


class _ExtractorMeta:
    """trafilatura's guesses at a page's title, author and site name, read only when first
    asked for (its metadata pass less the date search, URL, categories and tags)."""

    def __init__(self, tree, url: str | None):
        self.tree, self.url, self._found = tree, url, None

    def get(self):
        if self._found is None:
            from copy import deepcopy

            from trafilatura.metadata import (META_URL, Document, examine_meta, extract_author,
                                              extract_meta_json, extract_sitename,
                                              extract_title)

            try:
                tree = deepcopy(self.tree)
                found = examine_meta(tree)
                if found.author and " " not in found.author:
                    found.author = None
                found = extract_meta_json(tree, found)
                found.title = found.title or extract_title(tree)
                found.author = found.author or extract_author(tree)
                found.sitename = found.sitename or extract_sitename(tree)
                if found.sitename:
                    found.sitename = found.sitename.lstrip("@")
                    if found.sitename and "." not in found.sitename \
                            and not found.sitename[0].isupper():
                        found.sitename = found.sitename.title()
                elif self.url and (m := META_URL.match(self.url)):
                    found.sitename = m[1]
                found.clean_and_trim()
            except Exception:  # noqa: BLE001 -- a failing guess is no guess
                found = Document()
            self._found = found
        return self._found
