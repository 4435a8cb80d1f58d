"""Publication dates of composed pages (newstrace.clean.htmlmeta.choose_date): the rules that
read the day the page's own clock gives, written in the page's language."""

from __future__ import annotations

from newstrace.clean import htmlmeta

_BODY = """<p>The harbour board met on a wet evening to settle the dispute over the old wall, and
the members agreed that the work should start before the winter storms arrive.</p>
<p>Engineers told the board that the stones at the northern end had moved during the last
gale and that the repairs could not wait for another season.</p>"""


def _page(head: str = "", after_h1: str = "", extra: str = "") -> str:
    return (f"<html><head><title>Harbour wall to be rebuilt</title>{head}</head><body>"
            f"<h1>Harbour wall to be rebuilt</h1>{after_h1}{_BODY}{extra}</body></html>")


def test_htmldate_reads_the_trackback_record_in_a_comment():
    """A blog's trackback record sits in an HTML comment: htmldate reads the page's text,
    where the comment is still there (the extractor's parsed tree has dropped it)."""
    from newstrace.clean.extract import extract_html

    rdf = ('<!--\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<rdf:Description '
           'rdf:about="https://blog.example/e/1" dc:title="Harbour wall" '
           'dc:date="2020-07-12T09:30:00+09:00" />\n</rdf:RDF>\n-->')
    found = extract_html(_page(extra=rdf), "blog.html", crawled="2025-01-01")
    assert (found.date, found.why["published"]) == ("2020-07-12", "htmldate")


def _jsonld(published: str) -> str:
    return ('<script type="application/ld+json">{"@type": "NewsArticle", '
            f'"headline": "Harbour wall to be rebuilt", "datePublished": "{published}"}}'
            "</script>")


def test_utc_time_given_again_as_a_local_wall_clock_is_kept_in_that_offset():
    """The page's <time> shows the same instant on its own clock, without an offset: same
    minutes and seconds, whole hours earlier."""
    meta = htmlmeta.read_page(_page(_jsonld("2023-11-09T03:28:35Z"),
                                    '<time datetime="2023-11-08T22:28:35"></time>'),
                              crawled="2025-01-01")
    assert (meta.published, meta.why["published"]) == ("2023-11-08T22:28:35-05:00",
                                                       "json-ld datePublished")


def test_a_wall_clock_of_another_minute_is_another_time():
    meta = htmlmeta.read_page(_page(_jsonld("2023-11-09T03:28:35Z"),
                                    '<time datetime="2023-11-08T22:41:02"></time>'),
                              crawled="2025-01-01")
    assert meta.published == "2023-11-09T03:28:35+00:00"


def test_utc_small_hours_take_the_day_of_the_page_address():
    meta = htmlmeta.read_page(_page(_jsonld("2023-11-09T02:25:54Z")),
                              "https://www.riverside.example/2023/11/08/harbour-wall/",
                              crawled="2025-01-01")
    assert (meta.published, meta.why["published"]) == (
        "2023-11-08", "json-ld datePublished, local day of the URL")


def test_the_canonical_link_gives_the_address_when_no_url_is_known():
    head = _jsonld("2023-11-09T02:25:54Z") + (
        '<link rel="canonical" href="https://www.riverside.example/2023/11/08/harbour-wall/">')
    assert htmlmeta.read_page(_page(head), crawled="2025-01-01").published == "2023-11-08"


def test_a_utc_time_later_in_the_day_keeps_its_day():
    """10:04 UTC is the same morning in the Americas: the address's day before is the day
    the story was begun, not published."""
    meta = htmlmeta.read_page(_page(_jsonld("2020-07-09T10:04:04Z")),
                              "https://news.example/2020/07/08/workers-return/",
                              crawled="2025-01-01")
    assert meta.published == "2020-07-09T10:04:04+00:00"


def test_an_impossible_wall_clock_time_is_passed_over():
    from newstrace.clean.htmlmeta import _local_form

    iso = "2023-11-09T03:28:35+00:00"
    assert _local_form(iso, [("2023-13-45T99:99:99", "meta")]) == iso
    assert _local_form(iso, [("2023-13-45T99:99:99", "meta"), ("2023-11-08T22:28:35", "meta")]) \
        == "2023-11-08T22:28:35-05:00"
