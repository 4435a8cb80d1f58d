"""WARC / WARC.gz archives → Documents: HTML 200 responses only; broken records reported."""

from __future__ import annotations

import gzip
import uuid
from pathlib import Path

import pytest

from newstrace.ingest.warc import read_warc
from newstrace.model import Document, Failure

PAGE_1 = "<html><head><title>One</title></head><body><p>First article, café.</p></body></html>"
PAGE_2 = "<html><body><p>" + "Second article body. " * 40 + "</p></body></html>"


def warc_record(kind: str, uri: str, block: bytes, content_type: str) -> bytes:
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Date: 2025-09-10T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def response(uri: str, body: bytes, *, status: str = "200 OK",
             content_type: str = "text/html; charset=utf-8") -> bytes:
    http = (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body
    return warc_record("response", uri, http, "application/http; msgtype=response")


def records() -> list[bytes]:
    return [
        warc_record("warcinfo", "", b"software: test\r\n", "application/warc-fields"),
        warc_record("request", "https://www.outlet.example/a",
                    b"GET /a HTTP/1.1\r\nHost: outlet.example\r\n\r\n",
                    "application/http; msgtype=request"),
        response("https://www.outlet.example/a", PAGE_1.encode()),
        response("https://outlet.example/logo.png", b"\x89PNG\r\n\x1a\n....", content_type="image/png"),
        response("https://outlet.example/gone", b"<html>gone</html>", status="404 Not Found"),
        response("https://outlet.example/moved", b"", status="301 Moved Permanently"),
        response("https://other.example/latin", "<p>Señor Müller said.</p>".encode("latin-1"),
                 content_type="text/html; charset=iso-8859-1"),
        response("https://other.example/b", PAGE_2.encode()),
    ]


def write(path: Path, recs: list[bytes], *, gz: bool = False) -> Path:
    # a .warc.gz is one gzip member per record, as crawlers write them
    path.write_bytes(b"".join(gzip.compress(r) for r in recs) if gz else b"".join(recs))
    return path


def docs(items):
    return [i for i in items if isinstance(i, Document)]


def fails(items):
    return [i for i in items if isinstance(i, Failure)]


def check_archive(path: Path) -> None:
    items = list(read_warc(path))
    assert not fails(items)
    a, latin, b = docs(items)
    assert a.source.format == "warc" and a.source.uri == str(path)
    assert a.source.url == "https://www.outlet.example/a" and a.source.record_id.startswith("<urn:uuid:")
    assert a.date == "2025-09-10" and a.outlet == "outlet.example" and a.content_type == "html"
    assert a.content == PAGE_1
    assert latin.content == "<p>Señor Müller said.</p>" and latin.encoding == "iso-8859-1"
    assert b.content == PAGE_2 and b.outlet == "other.example"


def test_html_responses_only(tmp_path):
    check_archive(write(tmp_path / "crawl.warc", records()))


def test_gzipped_archive(tmp_path):
    check_archive(write(tmp_path / "crawl.warc.gz", records(), gz=True))


def test_truncated_archive_keeps_earlier_records(tmp_path):
    data = b"".join(records())
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: len(data) - 300])
    items = list(read_warc(path))
    assert [d.source.url for d in docs(items)] == ["https://www.outlet.example/a",
                                                   "https://other.example/latin"]
    [fail] = fails(items)
    assert fail.code == "NT007" and fail.uri == f"{path}#https://other.example/b"
    assert "truncated record" in fail.message and str(path) in fail.message


def test_truncated_gzip_archive_is_reported(tmp_path):
    data = b"".join(gzip.compress(r) for r in records())
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 200])
    items = list(read_warc(path))
    assert [d.source.url for d in docs(items)][:2] == ["https://www.outlet.example/a",
                                                       "https://other.example/latin"]
    assert fails(items) and all(f.code == "NT007" and str(path) in f.message for f in fails(items))
    assert any("truncated" in f.message for f in fails(items))


def test_empty_html_record_is_a_failure(tmp_path):
    path = write(tmp_path / "empty.warc", [response("https://x.example/empty", b"   "),
                                           response("https://x.example/ok", PAGE_1.encode())])
    items = list(read_warc(path))
    [fail] = fails(items)
    assert fail.code == "NT002" and fail.uri == f"{path}#https://x.example/empty"
    assert [d.source.url for d in docs(items)] == ["https://x.example/ok"]


def test_not_a_warc(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_bytes(b"just some text that is not an archive\n")
    [fail] = read_warc(path)
    assert fail.code == "NT007" and "not a WARC" in fail.message and str(path) in fail.message


def test_warcs_are_dispatched_from_paths(tmp_path):
    from newstrace.ingest import iter_documents

    write(tmp_path / "crawl.warc.gz", records(), gz=True)
    items = list(iter_documents([tmp_path]))
    assert [d.source.url for d in docs(items)] == [
        "https://www.outlet.example/a", "https://other.example/latin", "https://other.example/b"]


@pytest.mark.parametrize("gz", [False, True])
def test_every_cut_gives_whole_documents_or_a_failure(tmp_path, gz):
    """Cut the archive at every byte near a record boundary and every 5th byte elsewhere:
    never an exception, never a silently cut page, and whenever records are missing a
    Failure says so (deterministic)."""
    recs = records()
    data = b"".join(gzip.compress(r) for r in recs) if gz else b"".join(recs)
    path = tmp_path / ("c.warc.gz" if gz else "c.warc")
    full = docs(list(read_warc(write(path, recs, gz=gz))))
    bodies = {d.content for d in full}
    boundaries, pos = {0}, 0
    for r in recs:
        pos += len(gzip.compress(r)) if gz else len(r)
        boundaries.add(pos)
    near = {b + d for b in boundaries for d in range(-40, 41)}  # every byte near a record end
    for cut in sorted(c for c in near | set(range(0, len(data) + 1, 5)) if 0 <= c <= len(data)):
        path.write_bytes(data[:cut])
        items = list(read_warc(path))
        assert all(d.content in bodies for d in docs(items)), cut
        assert all(str(path) in f.message for f in fails(items)), cut
        if cut not in boundaries and docs(items) != full:
            assert fails(items), cut  # a cut inside a record is always reported


def test_chunked_and_gzip_encoded_payloads_are_decoded(tmp_path):
    import zlib

    page = PAGE_2.encode()
    gz = gzip.compress(page)
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(gz[i:i + 100]), gz[i:i + 100])
                       for i in range(0, len(gz), 100)) + b"0\r\n\r\n"

    def raw(uri: str, body: bytes, headers: str) -> bytes:
        http = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n{headers}\r\n").encode() + body
        return warc_record("response", uri, http, "application/http; msgtype=response")

    deflated = zlib.compress(page)
    path = write(tmp_path / "enc.warc", [
        raw("https://x.example/chunked-gzip", chunked,
            "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n"),
        raw("https://x.example/deflate", deflated, "Content-Encoding: deflate\r\n"),
        raw("https://x.example/bad", b"\x00\x01garbage", "Content-Encoding: gzip\r\n"),
    ])
    items = list(read_warc(path))
    assert [d.content for d in docs(items)] == [PAGE_2, PAGE_2]
    [fail] = fails(items)
    assert fail.uri == f"{path}#https://x.example/bad" and "does not decompress" in fail.message


@pytest.mark.parametrize("name", ["cut.warc.gz", "crawl-data.gz"])
def test_small_truncated_gzip_archive_reaches_the_warc_reader(tmp_path, name):
    """A cut .warc.gz whose content is under the 64 KB sniffing window is still a WARC (by
    its decompressed content, whatever its name): the records before the cut come out and
    the cut is reported naming the file, never 'not valid gzip data'."""
    from newstrace.ingest import iter_documents

    data = b"".join(gzip.compress(r) for r in records())
    path = tmp_path / name
    path.write_bytes(data[: len(data) - 200])
    items = list(iter_documents([path]))
    assert [d.source.url for d in docs(items)] == ["https://www.outlet.example/a",
                                                   "https://other.example/latin"]
    assert all(d.source.format == "warc" for d in docs(items))
    assert fails(items) and all(f.code == "NT007" and str(path) in f.message
                                for f in fails(items))
    assert any("truncated" in f.message for f in fails(items))
