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
