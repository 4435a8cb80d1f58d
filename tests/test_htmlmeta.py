"""Page metadata (newstrace.clean.htmlmeta): headline, date, authors and outlet of composed
pages in tests/data/pages, and every row of resources/page_meta.tsv against its example."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace import resources
from newstrace.clean import htmlmeta
from newstrace.clean.pipeline import clean
from newstrace.model import Document, Source

PAGES = Path(__file__).parent / "data" / "pages"


def page(name: str, url: str | None = None) -> htmlmeta.PageMeta:
    return htmlmeta.read_page((PAGES / name).read_text(encoding="utf-8"), url,
                              crawled="2024-06-01")


@pytest.mark.parametrize("row", resources.table(htmlmeta.PATTERNS_FILE),
                         ids=lambda r: f"{r['kind']}:{r['example']}")
def test_pattern_rows_match_their_example(row):
    import re

    pat = re.compile(row["pattern"], re.IGNORECASE)
    assert pat.fullmatch(row["example"]) or pat.search(row["example"]), row


def test_site_suffix_is_dropped_and_h1_agrees():
    meta = page("riverside-suffix.html", "https://www.riversidetimes.example/news/market")
    assert meta.headline == "Council backs market plan after long debate"
    assert meta.why["headline"] == "h1 agreed"


def test_utc_time_is_kept_in_the_page_s_local_offset():
    meta = page("riverside-suffix.html")
    assert meta.published == "2023-12-19T06:54:00-05:00"
    assert meta.why["published"] == "json-ld datePublished"


def test_json_ld_authors_lose_their_affiliation():
    meta = page("riverside-suffix.html")
    assert meta.authors == ["Jane Doe", "Omar Haddad"]
    assert meta.outlet == "Riverside Times"


def test_staff_byline_names_the_outlet_not_a_person():
    meta = page("valley-staff.html", "https://valleycourier.example/opinion/bridge")
    assert meta.authors == []
    assert meta.outlet == "Valley Courier"
    assert meta.why["outlet"] == "staff byline"


def test_title_prefix_and_suffix_are_dropped():
    meta = page("valley-staff.html", "https://valleycourier.example/opinion/bridge")
    assert meta.headline == "Why the valley needs a new bridge"


def test_date_written_near_the_headline_when_markup_has_none():
    meta = page("valley-staff.html")
    assert meta.published == "2024-03-04"
    assert meta.why["published"] == "near headline"


def test_date_after_the_crawl_is_refused():
    html = (PAGES / "valley-staff.html").read_text(encoding="utf-8")
    meta = htmlmeta.read_page(html, None, crawled="2024-01-01")
    assert meta.published is None or meta.published <= "2024-01-01"


def test_kicker_inside_h1_is_dropped():
    meta = page("kicker-h1.html", "https://coastlinedaily.example/2024/harbour")
    assert meta.headline == "Harbour reopens to fishing boats"
    assert meta.why["headline"] == "h1 kicker stripped"


def test_parsely_author_and_the_date_the_page_shows():
    meta = page("kicker-h1.html")
    assert meta.authors == ["Ana Lima"]
    # the page shows "Updated Feb 10, 2024" under the headline: the reader's date
    assert meta.published == "2024-02-10"
    assert meta.why["published"] == "near headline, after meta parsely-pub-date"


def test_time_of_day_kept_when_the_shown_day_agrees():
    html = (PAGES / "kicker-h1.html").read_text(encoding="utf-8").replace(
        "Updated Feb 10, 2024", "Feb 9, 2024")
    meta = htmlmeta.read_page(html, None, crawled="2024-06-01")
    assert meta.published == "2024-02-09T08:15:00-03:00"


@pytest.mark.parametrize("title,expected", [
    ("Storm closes schools | CBC News", "Storm closes schools"),
    ("Opinion | What I'll be praying for", "What I'll be praying for"),
    ("PolitiFact - Lie of the year: the claims", "Lie of the year: the claims"),
    ("Plan passes | News | The Harvard Crimson", "Plan passes"),
    ("Trump: 'I'm not a student of Hitler'", "Trump: 'I'm not a student of Hitler'"),
])
def test_strip_site(title, expected):
    sites = ["CBC News", "PolitiFact", "The Harvard Crimson"]
    assert htmlmeta.strip_site(title, sites, None) == expected


@pytest.mark.parametrize("raw,expected", [
    ("2023-12-22T11:35:04-05:00", "2023-12-22T11:35:04-05:00"),
    ("2023-12-22T16:35:04.000Z", "2023-12-22T16:35:04+00:00"),
    ("2023-12-22 11:35:04", "2023-12-22T11:35:04"),
    ("2023-12-20 08:57:25 -0500", "2023-12-20T08:57:25-05:00"),
    ("2023-12-21T02:00-05:00", "2023-12-21T02:00:00-05:00"),
    ("Thursday, December 21, 2023, 01:28 PM", "2023-12-21"),
    ("01 Jan, 001", None),
])
def test_parse_timestamp(raw, expected):
    assert htmlmeta.parse_timestamp(raw) == expected


@pytest.mark.parametrize("raw,expected", [
    ("View all posts by Will Macmaster", "Will Macmaster"),
    ("Anneice Coady | acoady@mlive.com", "Anneice Coady"),
    ("Stephen Edelstein - Contributing Writer", "Stephen Edelstein"),
    ("John Garcia Jr.", "John Garcia Jr."),
    ("Greg Potts Published", "Greg Potts"),
])
def test_clean_name(raw, expected):
    assert htmlmeta.clean_name(raw) == expected


def test_clean_sets_outlet_and_full_timestamp():
    html = (PAGES / "riverside-suffix.html").read_text(encoding="utf-8")
    doc = Document(source=Source(uri="riverside.html", format="html",
                                 url="https://www.riversidetimes.example/news/market"),
                   content=html)
    article = clean(doc)
    assert article.meta.outlet == "Riverside Times"
    assert article.meta.published == "2023-12-19T06:54:00-05:00"
    assert article.meta.headline == "Council backs market plan after long debate"
    assert article.meta.authors == ["Jane Doe", "Omar Haddad"]


# ---- plain text: the same lines name the outlet and keep the time ------------------------

def test_plain_text_staff_byline_copyright_and_time():
    from newstrace.ingest import read_documents

    article = clean(read_documents(PAGES / "riverside-staff.txt")[0])
    meta = article.meta
    assert meta.authors == []
    assert meta.outlet == "Riverside Times"
    assert meta.published == "2023-12-19T06:54:00"
    assert meta.dek is None  # the staff byline is no dek
    assert "Riverside Times" not in article.text


@pytest.mark.parametrize("line,outlet", [
    ("By Riverside Times staff", "Riverside Times"),
    ("Riverside Times Staff Report", "Riverside Times"),
    ("From staff reports", ""),
    ("By Jane Doe, staff writer", None),
    ("The staff met on Monday", None),
])
def test_staff_credit(line, outlet):
    from newstrace.clean.metadata import staff_credit

    assert staff_credit(line) == outlet


@pytest.mark.parametrize("line,iso", [
    ("Published 2023-12-19 06:54", "2023-12-19T06:54:00"),
    ("Dec 19, 2023 6:54 p.m. EST", "2023-12-19T18:54:00-05:00"),
    ("Updated 19 December 2023 at 10:05 GMT", "2023-12-19T10:05:00+00:00"),
    ("Published: Sept 10, 2025", "2025-09-10"),
])
def test_date_line_keeps_time_and_zone(line, iso):
    from newstrace.clean.metadata import parse_date_line

    assert parse_date_line(line) == iso


@pytest.mark.parametrize("line,holder", [
    ("© Riverside Times. All rights reserved.", "Riverside Times"),
    ("Copyright 2023 Valley Courier, Inc. All rights reserved.", "Valley Courier"),
    ("© 2024 Coastline Daily", "Coastline Daily"),
])
def test_copyright_outlet(line, holder):
    assert htmlmeta.copyright_outlet(line) == holder


def test_by_split_from_the_name_photo_credit_and_role():
    meta = page("campus-byline.html")
    # "By A By B": A credits the photo, B wrote the piece; the role is no name
    assert meta.authors == ["Tomas Reyes"]
    assert meta.why["authors"] == "byline"


def test_bare_name_followed_by_a_date_is_the_byline():
    meta = page("bare-name-byline.html")
    assert meta.authors == ["Lena Kowalski"]
    assert meta.published == "2023-12-21"


def test_editorial_board_signs_the_editorial():
    found = htmlmeta.split_authors(["Valley Courier Editorial Board"], ["Valley Courier"], None)
    assert found.names == ["Valley Courier Editorial Board"]


def test_site_name_tagline_and_handle_dropped():
    assert htmlmeta._site_name("Sci.News: Breaking Science News") == "Sci.News"
    assert htmlmeta._site_name("Washingtonian - The website that Washington lives by") == \
        "Washingtonian"
    assert htmlmeta._site_name("@politifact") == "politifact"
    assert htmlmeta._site_name("https://example.org") is None


def test_three_plain_text_copies_of_one_day_origin_by_time(tmp_path):
    """Copies name their outlet by a staff byline or a copyright line and keep the time of
    their date line; the earliest instant is the origin (offsets compared)."""
    import newstrace
    from newstrace.corpus.dedupe import find_duplicates

    body = ("The city council voted on Tuesday to keep the riverside market open through the "
            "winter, ending a debate that had run for three months and divided the old town.\n\n"
            "Supporters of the plan said the market brings shoppers to the old town, while "
            "opponents worried about the cost of heating the hall through January.\n\n"
            "The plan now goes to the mayor, who is expected to sign it before the end of the "
            "year, aides said on Wednesday evening.")
    copies = {
        "c.txt": "Published 2023-12-19 14:30 GMT\n\n{b}\n\n© Coastline Daily",
        "b.txt": "By Jane Doe\n\nPublished Dec 19, 2023 9:10 a.m. EST\n\n{b}\n\n"
                 "© 2023 Valley Courier. All rights reserved.",
        "a.txt": "By Riverside Times staff\n\nPublished 2023-12-19 06:54 EST\n\n{b}",
    }
    docs = []
    for name, text in copies.items():
        path = tmp_path / name
        path.write_text("Council backs market plan\n\n" + text.format(b=body), encoding="utf-8")
        docs.append(newstrace.analyze(path, stages="clean"))
    assert [d.meta.outlet for d in docs] == ["Coastline Daily", "Valley Courier", "Riverside Times"]
    group = find_duplicates(docs).groups[0]
    assert group.reason == "earliest time"
    assert [m.outlet for m in group.members] == ["Riverside Times", "Valley Courier",
                                                 "Coastline Daily"]


# ---- the headline element, bylines in several nodes, JSON-LD credits beyond the byline ----

_LOGO_PAGE = """<html><head><title>Harbour wall to be rebuilt - Riverside Times</title>
<meta property="og:title" content="Harbour wall to be rebuilt">
<meta property="og:site_name" content="Riverside Times">{ld}</head><body>
<header><h1>RIVERSIDE TIMES Riverside Times Logo</h1><ul><li><a href="/world">World</a></li>
<li><a href="/uk">United Kingdom</a></li></ul><p>Dec 20, 2023</p></header>
<main><h2>Harbour wall to be rebuilt</h2>
<p class="byline">By <a href="/staff/jane-roe">Jane Roe</a> and <a href="/staff/john-doe">John
Doe</a> | Dec 21, 2023</p>
<p>The city council voted on Tuesday to rebuild the harbour wall before the winter storms.</p>
</main></body></html>"""


def test_a_logo_h1_is_not_the_headline_the_byline_follows():
    meta = htmlmeta.read_page(_LOGO_PAGE.format(ld=""), "https://riversidetimes.example/a",
                              crawled="2024-06-01")
    assert meta.headline == "Harbour wall to be rebuilt"
    assert meta.authors == ["Jane Roe", "John Doe"]  # not the menu's "United Kingdom"
    assert meta.published == "2023-12-21"


def test_json_ld_credits_beyond_the_byline_are_not_authors():
    import json

    ld = json.dumps({"@type": "NewsArticle", "headline": "Harbour wall to be rebuilt",
                     "author": [{"@type": "Person", "name": n}
                                for n in ("Jane Roe", "John Doe", "Ann Lens")]})
    meta = htmlmeta.read_page(_LOGO_PAGE.format(ld=f'<script type="application/ld+json">{ld}'
                                                   "</script>"),
                              "https://riversidetimes.example/a", crawled="2024-06-01")
    assert meta.authors == ["Jane Roe", "John Doe"]  # Ann Lens took the photos
    assert meta.why["authors"] == "byline, of the json-ld names"


_DATE_PAGE = """<html><head><title>Harbour wall to be rebuilt</title></head><body>
<h1>Harbour wall to be rebuilt</h1>
<p>The council settled a two-year dispute over the wall on Tuesday; the work is to start on
July 1, 2024 and to end before the winter storms, engineers said in their report.</p>
{line}
<p>The city council voted on Tuesday to rebuild the harbour wall before the winter storms.</p>
</body></html>"""


@pytest.mark.parametrize("line, expected", [
    # a US numeric date: the <time>'s datetime says which day it shows
    ('<p>By Jane Roe <time datetime="2023-12-22 05:00:00">12/22/2023 05:00 AM EST</time></p>',
     "2023-12-22"),
    ("<p>Updated on December 14, 2023</p>", "2023-12-14"),
    # no date line: a date inside the dek's sentence is not the publication date
    ("", None),
])
def test_date_shown_under_the_headline_is_a_date_node(line, expected):
    meta = htmlmeta.read_page(_DATE_PAGE.format(line=line), crawled="2025-01-01")
    if expected is None:  # (htmldate's text search may still guess it, as its own rule)
        assert not meta.why["published"].startswith("near headline")
    else:
        assert (meta.published, meta.why["published"]) == (expected, "near headline")


def test_title_with_a_series_label_agrees_with_the_h1():
    html = ("<html><head><title>All Harbour Walks and Routes - The Riverside Coast Guide - "
            "Riverside Times</title><meta property='og:site_name' content='Riverside Times'>"
            "</head><body><h1>Riverside Maps</h1><h1>All Harbour Walks and Routes</h1>"
            "<p>The coast path runs for twelve miles from the harbour to the lighthouse.</p>"
            "</body></html>")
    meta = htmlmeta.read_page(html, "https://riversidetimes.example/guide", crawled="2024-06-01")
    assert (meta.headline, meta.why["headline"]) == ("All Harbour Walks and Routes", "h1 agreed")


def test_a_byline_naming_more_writers_than_the_json_ld_wins():
    import json

    ld = json.dumps({"@type": "NewsArticle", "headline": "Harbour wall to be rebuilt",
                     "author": {"@type": "Person", "name": "Jane Roe"}})
    meta = htmlmeta.read_page(_LOGO_PAGE.format(ld=f'<script type="application/ld+json">{ld}'
                                                   "</script>"),
                              "https://riversidetimes.example/a", crawled="2024-06-01")
    assert meta.authors == ["Jane Roe", "John Doe"]
    assert meta.why["authors"] == "byline, beyond the json-ld names"


@pytest.mark.parametrize("raws, names, outlet", [
    (["Next Post"], [], None),
    (["Browse All Posts"], [], None),
    (["admin"], [], None),
    (["Jdadmin"], [], None),
    (["Sherif Saed, Wednesday"], ["Sherif Saed"], None),
    (["Analysis Chris Cillizza"], ["Chris Cillizza"], None),
    (["Tom Krisher, AP Auto Writer"], ["Tom Krisher"], "AP"),
    (["AP National Security"], [], "AP"),
    (["ERIC TUCKER Associated Press"], ["Eric Tucker"], "Associated Press"),
    (["Mary Wednesday Adams"], ["Mary Wednesday Adams"], None),
])
def test_author_values_that_are_no_person(raws, names, outlet):
    found = htmlmeta.split_authors(raws, [], None)
    assert found.names == names
    assert found.outlet == outlet
