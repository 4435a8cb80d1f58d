"""Ingest: every input format, every encoding case, folders, globs and stdin."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

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
