"""RSS/Atom feeds → Documents."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.ingest.feed import read_feed
from newstrace.model import Document, Failure

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Venezuelanalysis</title>
  <link>https://venezuelanalysis.com</link>
  <item>
    <title>US strikes boats off Venezuela</title>
    <link>https://venezuelanalysis.com/news/us-strikes-boats</link>
    <guid>va-1</guid>
    <pubDate>Wed, 10 Sep 2025 14:00:00 +0000</pubDate>
    <description>A short summary.</description>
    <content:encoded><![CDATA[<p>Washington “has not presented any evidence”, officials said.</p>]]></content:encoded>
  </item>
  <item>
    <title>Linked page only</title>
    <link>https://venezuelanalysis.com/news/linked-story</link>
    <pubDate>Thu, 11 Sep 2025 09:00:00 +0000</pubDate>
    <description>Only a teaser.</description>
  </item>
  <item>
    <title>Remote page</title>
    <link>https://elsewhere.example/remote</link>
    <description>Only a teaser.</description>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>MENAFN</title>
  <id>urn:menafn</id>
  <updated>2025-09-12T10:00:00Z</updated>
  <entry>
    <title>Republished: strikes</title>
    <id>urn:menafn:1</id>
    <link href="https://menafn.com/1"/>
    <updated>2025-09-12T10:00:00Z</updated>
    <content type="html">&lt;p&gt;The strikes killed 17 people.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def _docs(items):
    return [i for i in items if isinstance(i, Document)]


def _fails(items):
    return [i for i in items if isinstance(i, Failure)]


def test_rss_entries_with_content_and_linked_local_pages(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(RSS, encoding="utf-8")
    (tmp_path / "linked-story.html").write_text(
        "<html><body><article><p>The linked article body.</p></article></body></html>")
    items = list(read_feed(feed.read_bytes(), str(feed)))
    first, second = _docs(items)
    assert first.source.format == "feed" and first.source.uri == str(feed)
    assert first.source.record_id == "va-1"
    assert first.source.url == "https://venezuelanalysis.com/news/us-strikes-boats"
    assert first.title == "US strikes boats off Venezuela"
    assert first.date == "2025-09-10" and first.outlet == "Venezuelanalysis"
    assert first.content_type == "html"
    assert "has not presented any evidence" in first.content and "<p>" in first.content
    assert second.title == "Linked page only" and second.date == "2025-09-11"
    assert "The linked article body." in second.content
    [fail] = _fails(items)
    assert fail.code == "NT006"
    assert fail.uri == f"{feed}#https://elsewhere.example/remote"
    assert "https://elsewhere.example/remote" in fail.message and str(feed) in fail.message


def test_linked_pages_by_mapping_and_mirror_layout(tmp_path):
    feed = tmp_path / "feed.xml"
    page = tmp_path / "pages" / "story.htm"
    page.parent.mkdir()
    page.write_text("<p>Mapped page text.</p>", encoding="cp1252")
    mirror = tmp_path / "elsewhere.example" / "remote"
    mirror.parent.mkdir()
    mirror.with_suffix(".html").write_bytes("<p>Mirrored café page.</p>".encode("latin-1"))
    items = list(read_feed(RSS.encode(), str(feed),
                           pages={"https://venezuelanalysis.com/news/linked-story": page}))
    docs = _docs(items)
    assert [d.title for d in docs] == ["US strikes boats off Venezuela", "Linked page only",
                                       "Remote page"]
    assert "Mapped page text." in docs[1].content
    assert "Mirrored café page." in docs[2].content
    assert not _fails(items)


def test_atom_entry():
    [doc] = read_feed(ATOM.encode(), "menafn.atom")
    assert doc.title == "Republished: strikes" and doc.outlet == "MENAFN"
    assert doc.date == "2025-09-12" and doc.source.url == "https://menafn.com/1"
    assert doc.source.record_id == "urn:menafn:1"
    assert doc.content == "<p>The strikes killed 17 people.</p>"


def test_malformed_feed_is_a_failure_naming_it():
    [fail] = read_feed(b"<rss><channel><title>Broken</ti", "broken.rss")
    assert fail.code == "NT007" and fail.uri == "broken.rss"
    assert fail.message.startswith("[NT007] broken.rss: malformed feed")
    [fail] = read_feed(b"plain words, no feed", "words.xml")
    assert fail.code == "NT007" and "words.xml" in fail.message


def test_truncated_feed_keeps_entries_read_and_reports_the_rest():
    cut = RSS[: RSS.index("<item>", RSS.index("<item>") + 1) + 30]
    items = list(read_feed(cut.encode(), "cut.rss"))
    assert [d.title for d in _docs(items)] == ["US strikes boats off Venezuela"]
    assert [f.code for f in _fails(items)][-1] == "NT007"
    assert "cut.rss: malformed feed" in _fails(items)[-1].message


def test_empty_feed_and_empty_entry():
    [fail] = read_feed(b'<rss version="2.0"><channel><title>T</title></channel></rss>', "e.rss")
    assert fail.code == "NT002" and "no entries" in fail.message
    feed = ('<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            '<channel><title>T</title><item><guid>x1</guid><title>a</title>'
            '<content:encoded>   </content:encoded></item></channel></rss>')
    [fail] = read_feed(feed.encode(), "e.rss")
    assert fail.uri == "e.rss#x1" and fail.code == "NT006"


def test_feeds_are_dispatched_from_paths(tmp_path):
    from newstrace.ingest import iter_documents

    feed = tmp_path / "news.rss"
    feed.write_text(ATOM, encoding="utf-8")
    [doc] = list(iter_documents([feed]))
    assert isinstance(doc, Document) and doc.source.format == "feed" and doc.outlet == "MENAFN"


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_any_bytes_give_documents_or_failures_never_an_exception(data):
    for item in read_feed(data, "fuzz.xml"):
        assert isinstance(item, (Document, Failure))
        if isinstance(item, Failure):
            assert "fuzz.xml" in item.message


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.integers(min_value=0, max_value=len(RSS)))
def test_any_truncation_of_a_feed_never_raises(cut):
    items = list(read_feed(RSS[:cut].encode(), "cut.rss"))
    assert items and all(isinstance(i, (Document, Failure)) for i in items)


def test_linked_pages_lists_the_local_files_read_feed_reads(tmp_path):
    from newstrace.ingest.feed import linked_pages

    feed = tmp_path / "feed.xml"
    page = tmp_path / "linked-story.html"
    page.write_text("<p>The linked article body.</p>", encoding="utf-8")
    # the entry with full content also has a local namesake: read_feed does not read it
    (tmp_path / "us-strikes-boats.html").write_text("<p>Not read.</p>", encoding="utf-8")
    assert linked_pages(RSS.encode(), str(feed)) == [page]
    items = list(read_feed(RSS.encode(), str(feed)))
    assert "The linked article body." in _docs(items)[1].content
    mapped = tmp_path / "other.htm"
    mapped.write_text("<p>x</p>", encoding="utf-8")
    assert linked_pages(RSS.encode(), str(feed), pages={
        "https://venezuelanalysis.com/news/linked-story": mapped}) == [mapped]
    assert linked_pages(b"not a feed at all", str(feed)) == []
