"""Ingest: every input format, every encoding case, folders, globs and stdin."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.errors import EmptyInput, InputError, InputNotFound, MalformedInput
from newstrace.ingest import document_from_text, iter_documents, read_documents, sniff
from newstrace.model import Document, Failure

DATA = Path(__file__).resolve().parent / "data" / "ingest"
FRENCH_LINE = "“It’s been a hard year,” said Zoë Müller, who runs a"
JAPANESE = "東京都は月曜日、港地区の新しい橋が来週再開すると発表しました。"


def one(path: Path | str) -> Document:
    docs = read_documents(path)
    assert len(docs) == 1
    return docs[0]


def test_plain_text_file():
    doc = one(DATA / "article.txt")
    assert doc.source.format == "text"
    assert doc.source.uri == str(DATA / "article.txt")
    assert doc.content_type == "text"
    assert doc.content.startswith("Bridge To Reopen After Repairs\nBy Jane Doe\n")
    assert doc.encoding == "utf-8"


@pytest.mark.parametrize("name", ["article.html", "article.html.gz"])
def test_html_and_gzipped_html(name):
    doc = one(DATA / name)
    assert doc.source.format == "html"
    assert doc.content_type == "html"
    assert FRENCH_LINE in doc.content
    assert "<title>Café owners welcome the “new” bridge</title>" in doc.content


@pytest.mark.parametrize("name, encoding", [
    ("article-cp1252.html", "cp1252"),         # declared windows-1252
    ("article-latin1-label.html", "cp1252"),   # declared iso-8859-1, read as browsers do
    ("article-cp1252.txt", "cp1252"),          # undeclared: sniffed
    ("article-utf16.txt", "utf-16"),           # BOM
    ("article-utf8-bom.txt", "utf-8"),         # BOM, not kept in the text
])
def test_non_utf8_western_pages_read_correctly(name, encoding):
    doc = one(DATA / name)
    assert doc.encoding == encoding
    assert "Zoë Müller" in doc.content and "crêperie" in doc.content
    assert "“It’s been a hard year,”" in doc.content
    assert not doc.content.startswith("\ufeff")


def test_latin1_text_without_declaration():
    doc = one(DATA / "article-latin1.txt")
    assert '"It\'s been a hard year," said Zoë Müller' in doc.content
    assert doc.content.startswith("Café Owners Welcome The Bridge")


@pytest.mark.parametrize("name", ["article-shift_jis.html", "article-sjis.txt"])
def test_shift_jis(name):
    doc = one(DATA / name)
    assert doc.encoding == "cp932"
    assert JAPANESE in doc.content


def test_declared_charset_that_lies_falls_back_to_sniffing(tmp_path):
    page = tmp_path / "lie.html"
    page.write_bytes('<html><head><meta charset="iso-8859-1"></head><body><p>Zoë’s café</p>'
                     '</body></html>'.encode().replace(b"iso-8859-1", b"shift_jis"))
    doc = one(page)
    assert "Zoë’s café" in doc.content


def test_declared_charset_parsing():
    assert sniff.declared_charset(b'<meta http-equiv="Content-Type" content="text/html; '
                                  b'charset=ISO-8859-1">') == "cp1252"
    assert sniff.declared_charset(b"<meta charset='Shift_JIS'>") == "cp932"
    assert sniff.declared_charset(b'<?xml version="1.0" encoding="utf-8"?><rss>') == "utf-8"
    assert sniff.declared_charset(b"<meta charset=nonsense-enc>") is None


def test_jsonl_records_keep_id_url_and_metadata():
    docs = read_documents(DATA / "records.jsonl")
    assert [d.source.format for d in docs] == ["jsonl", "jsonl"]
    first, second = docs
    assert first.source.record_id == "r1" and first.source.url == "https://example.org/a"
    assert (first.title, first.date, first.outlet) == ("Bridge reopens", "2025-09-10", "Example Times")
    assert first.content == "The bridge reopened on Monday." and first.content_type == "text"
    assert first.source.uri == f"{DATA / 'records.jsonl'}:1"
    assert second.source.record_id == "2" and second.content_type == "html"
    assert second.content.startswith("<html><body><article><p>Café owners")


def test_jsonl_broken_records_fail_alone():
    items = list(iter_documents([DATA / "broken.jsonl"]))
    kinds = [(type(i).__name__, i.code if isinstance(i, Failure) else i.content) for i in items]
    assert kinds == [
        ("Document", "The bridge reopened on Monday."),
        ("Failure", "NT007"),
        ("Failure", "NT002"),
        ("Failure", "NT007"),
        ("Document", "Last record stands."),
    ]
    assert items[1].uri.endswith("broken.jsonl:2")
    assert "is not a JSON record" in items[1].message
    assert 'neither a "text" nor an "html" field' in items[3].message
    with pytest.raises(MalformedInput, match=r"broken\.jsonl:2: is not a JSON record"):
        read_documents(DATA / "broken.jsonl")


def test_gzipped_jsonl(tmp_path):
    path = tmp_path / "records.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g1", "text": "Gzipped record text."}) + "\n")
    doc = one(path)
    assert (doc.source.record_id, doc.content) == ("g1", "Gzipped record text.")


def test_jsonl_sniffed_without_the_extension(tmp_path):
    path = tmp_path / "dump.txt"
    path.write_text(json.dumps({"text": "A record in a .txt file."}) + "\n", encoding="utf-8")
    assert one(path).source.format == "jsonl"


def test_folder_is_recursive_and_skips_hidden_and_non_articles():
    docs = read_documents(DATA / "folder")
    names = [Path(d.source.uri).relative_to(DATA / "folder").as_posix() for d in docs]
    assert names == ["one.txt", "sub/two.html"]


def test_glob():
    docs = read_documents(str(DATA / "article-*.txt"))
    assert sorted(Path(d.source.uri).name for d in docs) == [
        "article-cp1252.txt", "article-latin1.txt", "article-sjis.txt", "article-utf16.txt",
        "article-utf8-bom.txt"]


def test_recursive_glob_skips_hidden():
    docs = read_documents(str(DATA / "folder" / "**" / "*.txt"))
    assert [Path(d.source.uri).name for d in docs] == ["one.txt"]


def test_stdin(monkeypatch):
    raw = "Stdin Headline Here\nA body paragraph read from standard input.\n".encode("cp1252")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    doc = one("-")
    assert doc.source.uri == "<stdin>"
    assert doc.content.startswith("Stdin Headline Here")


def test_stdin_html(monkeypatch):
    raw = (DATA / "article.html.gz").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    doc = one("-")
    assert doc.source.format == "html" and FRENCH_LINE in doc.content


def test_feed_is_dispatched_to_read_feed():
    doc = one(DATA / "feed.xml")
    assert doc.source.format == "feed"
    assert doc.title == "Bridge reopens"
    assert doc.content.startswith("<p>Officials said on Monday")


def test_atom_feed_is_sniffed():
    atom = b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>'
    assert sniff.sniff_format(atom, "anything.dat") == "feed"
    assert sniff.sniff_format(b"<rdf:RDF xmlns:rdf='x'><channel></channel></rdf:RDF>") == "feed"


def _warc_bytes() -> bytes:
    html = ("<html><head><title>Warc story</title></head><body><article><p>"
            + "The archived article says the bridge reopened on Monday after repairs. " * 4
            + "</p></article></body></html>").encode("utf-8")
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            b"Content-Length: " + str(len(html)).encode() + b"\r\n\r\n" + html)
    head = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/story\r\n"
            "WARC-Date: 2025-09-08T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode("ascii")
    return head + http + b"\r\n\r\n"


@pytest.mark.parametrize("name, compress", [("a.warc", False), ("a.warc.gz", True)])
def test_warc_is_sniffed_and_dispatched(tmp_path, name, compress):
    data = _warc_bytes()
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if compress else data)
    assert sniff.sniff_format(data) == "warc"
    docs = read_documents(path)
    assert len(docs) == 1
    assert docs[0].source.format == "warc"
    assert docs[0].source.url == "https://example.org/story"
    assert "bridge reopened on Monday" in docs[0].content


def test_missing_feed_or_warc_module_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "newstrace.ingest.feed", None)
    monkeypatch.setitem(sys.modules, "newstrace.ingest.warc", None)
    with pytest.raises(InputError, match="feed reading is not available"):
        read_documents(DATA / "feed.xml")
    path = tmp_path / "a.warc"
    path.write_bytes(_warc_bytes())
    with pytest.raises(InputError, match="WARC reading is not available"):
        read_documents(path)


def test_document_from_text():
    doc = document_from_text("Headline\nBody text.", "memo")
    assert (doc.source.format, doc.source.uri) == ("text", "memo")
    html = document_from_text("<html><body><p>Body</p></body></html>")
    assert html.source.format == "html" and html.source.uri == "<text>"
    with pytest.raises(EmptyInput):
        document_from_text("  \n ")


def test_iter_documents_goes_on_after_failures(tmp_path):
    items = list(iter_documents([tmp_path / "missing.txt", DATA / "article.txt",
                                 DATA / "empty_folder"]))
    assert [type(i).__name__ for i in items] == ["Failure", "Document", "Failure"]
    assert items[0].code == InputNotFound.code and "missing.txt" in items[0].message
    assert items[2].code == InputNotFound.code and "no article files" in items[2].message


def test_page_declaring_utf8_but_written_in_cp1252(tmp_path):
    page = tmp_path / "stale.html"
    page.write_bytes('<html><head><meta charset="utf-8"></head><body><p>“Zoë’s café” is open '
                     'again, the owners said on Monday.</p></body></html>'.encode("cp1252"))
    doc = one(page)
    assert "“Zoë’s café” is open again" in doc.content
    assert doc.encoding == "cp1252"


def test_cli_reads_stdin():
    from typer.testing import CliRunner

    from newstrace.cli import app

    text = "Stdin Headline Here\nBy Jane Doe\nA body paragraph read from standard input.\n"
    result = CliRunner().invoke(app, ["analyze", "-", "--stages", "clean", "-f", "json"],
                                input=text.encode("utf-8"))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["source"]["uri"] == "<stdin>"
    assert data["meta"]["headline"] == "Stdin Headline Here"
    assert data["meta"]["authors"] == ["Jane Doe"]
    assert data["text"] == "A body paragraph read from standard input."


def test_cli_reads_folders_and_globs():
    from typer.testing import CliRunner

    from newstrace.cli import app

    result = CliRunner().invoke(app, ["analyze", str(DATA / "folder"), str(DATA / "records.jsonl"),
                                      "--stages", "clean", "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    uris = [json.loads(line)["source"]["uri"] for line in result.stdout.splitlines()]
    assert uris == [str(DATA / "folder" / "one.txt"), str(DATA / "folder" / "sub" / "two.html"),
                    f"{DATA / 'records.jsonl'}:1", f"{DATA / 'records.jsonl'}:2"]


def test_a_reader_crash_fails_that_file_only(monkeypatch):
    from newstrace.ingest import paths

    real = paths.read_html

    def crash(data, uri):
        raise RuntimeError("boom")

    monkeypatch.setattr(paths, "read_html", crash)
    items = list(iter_documents([DATA / "folder", DATA / "article.html"]))
    monkeypatch.setattr(paths, "read_html", real)
    kinds = [(type(i).__name__, Path(i.uri if isinstance(i, Failure) else i.source.uri).name)
             for i in items]
    assert kinds == [("Document", "one.txt"), ("Failure", "two.html"), ("Failure", "article.html")]
    assert items[1].code == "NT010" and "RuntimeError: boom" in items[1].message


def _cut_gzip(raw: bytes, keep: float = 0.6) -> bytes:
    packed = gzip.compress(raw)
    return packed[: int(len(packed) * keep)]


def test_inflate_tolerates_truncation_and_reads_every_member():
    text = b"".join(b"line %d of the article body\n" % i for i in range(2000))
    whole = sniff.inflate(io.BytesIO(gzip.compress(text[:30000]) + gzip.compress(text[30000:])).read,
                          10**6)
    assert whole.data == text and whole.problem is None and not whole.truncated
    cut = sniff.inflate(io.BytesIO(_cut_gzip(text)).read, 10**6)
    assert cut.truncated and cut.problem and 0 < len(cut.data) < len(text)
    assert text.startswith(cut.data)
    head = sniff.inflate(io.BytesIO(_cut_gzip(text)).read, 100)
    assert head.data == text[:101] and head.over and head.problem is None
    bad = sniff.inflate(io.BytesIO(b"\x1f\x8b\x08\x00" + b"\xff" * 40).read, 1000)
    assert bad.data == b"" and bad.problem and not bad.truncated


def test_truncated_gzipped_jsonl_keeps_the_records_before_the_cut(tmp_path):
    lines = [json.dumps({"id": f"r{i}", "text": f"Record {i} says the bridge reopened. " * 3})
             for i in range(40)]
    path = tmp_path / "records.jsonl.gz"
    path.write_bytes(_cut_gzip("\n".join(lines).encode()))
    items = list(iter_documents([path]))
    docs = [i for i in items if isinstance(i, Document)]
    [fail] = [i for i in items if isinstance(i, Failure)]
    assert 5 < len(docs) < 40
    assert [d.source.record_id for d in docs] == [f"r{i}" for i in range(len(docs))]
    assert fail.code == "NT007" and str(path) in fail.message and "records before" in fail.message


@pytest.mark.parametrize("name", ["page.html.gz", "page.gz"])
def test_truncated_gzipped_page_is_reported_as_cut(tmp_path, name):
    html = ("<html><head><title>Cut page</title></head><body><article>"
            + "".join(f"<p>Paragraph {i} of the cut article, with words.</p>" for i in range(300))
            + "</article></body></html>").encode()
    path = tmp_path / name
    path.write_bytes(_cut_gzip(html))
    [fail] = list(iter_documents([path]))
    assert isinstance(fail, Failure) and fail.code == "NT007"
    assert str(path) in fail.message and "cut short" in fail.message and "html" in fail.message
    with pytest.raises(MalformedInput, match="cut short"):
        read_documents(path)


def test_truncated_gzip_on_stdin_keeps_records_and_reports_the_cut(monkeypatch):
    lines = [json.dumps({"id": f"s{i}", "text": f"Stdin record {i} about the port. " * 3})
             for i in range(40)]
    raw = _cut_gzip(("\n".join(lines) + "\n").encode())
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    items = list(iter_documents(["-"]))
    docs = [i for i in items if isinstance(i, Document)]
    fails = [i for i in items if isinstance(i, Failure)]
    assert 5 < len(docs) < 40 and docs[0].source.record_id == "s0"
    assert fails and all(f.code == "NT007" and "<stdin>" in f.message for f in fails)


def test_corrupt_gzip_is_still_not_valid_gzip(tmp_path):
    path = tmp_path / "junk.html.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00" + b"\xff" * 200)
    [fail] = list(iter_documents([path]))
    assert fail.code == "NT003" and "not valid gzip data" in fail.message


RSS_LINKING = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Port Weekly</title>
<item><title>Port reopens</title><link>https://port.example/news/port-reopens</link>
<guid>p1</guid><description>Teaser.</description></item>
<item><title>Strike ends</title><link>https://port.example/news/strike-ends.html</link>
<guid>p2</guid><description>Teaser.</description></item>
</channel></rss>
"""


def _feed_folder(root: Path) -> Path:
    (root / "news").mkdir(parents=True)
    (root / "feed.xml").write_text(RSS_LINKING, encoding="utf-8")
    # "a-" sorts before "feed.xml": the walk meets the linked page before the feed
    (root / "a-port-reopens.html").write_text("<p>unused</p>", encoding="utf-8")
    (root / "news" / "port-reopens.html").write_text(
        "<html><body><article><p>The port reopened on Monday after a week.</p></article>"
        "</body></html>", encoding="utf-8")
    (root / "news" / "strike-ends.html").write_text(
        "<html><body><article><p>The dockers' strike ended on Tuesday.</p></article>"
        "</body></html>", encoding="utf-8")
    (root / "standalone.html").write_text(
        "<html><body><article><p>An unrelated standalone story.</p></article></body></html>",
        encoding="utf-8")
    return root


def _summary(items) -> list[tuple[str, str]]:
    assert all(isinstance(i, Document) for i in items), items
    return sorted((i.source.format, Path(i.source.uri).name) for i in items)


def test_pages_a_feed_reads_are_not_ingested_again(tmp_path):
    root = _feed_folder(tmp_path / "site")
    items = list(iter_documents([root]))
    assert _summary(items) == [("feed", "feed.xml"), ("feed", "feed.xml"),
                               ("html", "a-port-reopens.html"), ("html", "standalone.html")]
    feed_docs = [i for i in items if i.source.format == "feed"]
    assert "The port reopened on Monday" in feed_docs[0].content
    assert "strike ended on Tuesday" in feed_docs[1].content
    # the same when the pages are named one by one before the feed, or matched by a glob
    pages = [root / "news" / "port-reopens.html", root / "news" / "strike-ends.html"]
    assert _summary(list(iter_documents([*pages, root / "feed.xml"]))) == [
        ("feed", "feed.xml"), ("feed", "feed.xml")]
    assert _summary(list(iter_documents([str(root / "**" / "*.*")]))) == _summary(items)
    # without the feed in the run, the pages are articles of their own
    assert _summary(list(iter_documents(pages))) == [("html", "port-reopens.html"),
                                                     ("html", "strike-ends.html")]
    assert [d.source.format for d in read_documents(root)].count("html") == 2


def test_every_cut_of_a_gzipped_file_is_classified_by_content(tmp_path):
    """Cut a gzipped JSON Lines file and a gzipped page at many points: the records before a
    cut are kept, a cut page never comes out as a document, and no cut is 'not valid gzip'."""
    lines = [json.dumps({"id": f"c{i}", "text": f"Cut record {i} about the harbour. " * 2})
             for i in range(30)]
    records = ("\n".join(lines) + "\n").encode()
    page = ("<html><body><article>" + "<p>A paragraph of the page.</p>" * 200
            + "</article></body></html>").encode()
    for name, raw in (("r.jsonl.gz", records), ("p.html.gz", page)):
        packed = gzip.compress(raw)
        path = tmp_path / name
        for cut in range(2, len(packed), 7):
            path.write_bytes(packed[:cut])
            items = list(iter_documents([path]))
            docs = [i for i in items if isinstance(i, Document)]
            fails = [i for i in items if isinstance(i, Failure)]
            assert fails and all(f.code == "NT007" and str(path) in f.message for f in fails), cut
            if name.startswith("p."):
                assert not docs, cut
            else:
                assert [d.source.record_id for d in docs] == [f"c{i}" for i in range(len(docs))]


@settings(max_examples=120, deadline=None, derandomize=True)
@given(st.lists(st.binary(min_size=0, max_size=3000), min_size=1, max_size=4), st.data())
def test_inflate_gives_a_prefix_and_says_when_it_is_cut(parts, data):
    members = [gzip.compress(p, mtime=0) for p in parts]
    packed = b"".join(members)
    whole = b"".join(parts)
    cut = data.draw(st.integers(min_value=2, max_value=len(packed)))
    result = sniff.inflate(io.BytesIO(packed[:cut]).read, 10**6)
    assert whole.startswith(result.data)
    ends, pos = set(), 0
    for m in members:
        pos += len(m)
        ends.add(pos)
    if cut in ends:
        assert result.problem is None
        assert result.data == b"".join(parts[:sorted(ends).index(cut) + 1])
    else:
        assert result.truncated and result.problem


def test_a_json_lines_file_growing_while_read_ends(tmp_path):
    """`newstrace analyze . -f jsonl > out.jsonl` writes into a file it also reads."""
    import json as _json

    from newstrace.ingest import iter_documents

    path = tmp_path / "out.jsonl"
    path.write_text(_json.dumps({"text": "Officials said the port reopened."}) + "\n",
                    encoding="utf-8")
    seen = []
    with open(path, "a", encoding="utf-8") as out:
        for doc in iter_documents([path]):
            seen.append(doc)
            out.write(_json.dumps({"text": "Copy written while reading."}) + "\n")
            out.flush()
            assert len(seen) < 10
    assert len(seen) == 1
