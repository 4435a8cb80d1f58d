"""WARC archives (`.warc`, `.warc.gz`) → Documents (FastWARC).

Only HTML responses become documents: `response` records whose HTTP status is 200 and whose
Content-Type is text/html (or application/xhtml+xml). The URL comes from WARC-Target-URI, the
date from WARC-Date, the outlet from the URL's host. Other records (requests, metadata,
images, redirects, errors) are skipped. A truncated or corrupt record yields a Failure naming
the archive and the record, and reading goes on where it can; nothing is fatal.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import EmptyInput, InputError, MalformedInput
from ..model import Document, Failure, Source

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _failure(exc: InputError) -> Failure:
    return Failure(uri=exc.input or "", code=exc.code, message=str(exc))


def read_warc(path: Path, *, only: range | None = None) -> Iterator[Document | Failure]:
    """One Document per HTML response in the archive at `path`, in archive order; a broken
    record or archive yields a Failure naming it, the rest go on.

    `only`: read just these response records (numbered from 0 in archive order; the others
    are skipped unparsed). Damage to the archive is reported by the slice it falls in, and
    a cut end by the slice that reads to the end (the Dask runner splits big archives so)."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    path = Path(path)
    uri = str(path)
    seen = responses = 0
    last: tuple[int, int] | None = None  # (offset, block length) of the last record read
    last_failed = False
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield _failure(MalformedInput(f"cannot read the archive: {exc}", input=uri))
        return
    try:
        with fh:
            for record in ArchiveIterator(fh, parse_http=False):
                seen += 1
                last = (record.stream_pos, record.content_length)
                last_failed = False
                if record.record_type != WarcRecordType.response:
                    continue
                responses += 1
                if only is not None and responses - 1 not in only:
                    if responses > only.stop:
                        return
                    continue
                item = _document(record, uri)
                if item is not None:
                    last_failed = isinstance(item, Failure)
                    yield item
    except Exception as exc:  # the library gave up on a corrupt record
        if only is not None and not only.start <= responses < only.stop:
            return  # another slice of the archive reports it
        yield _failure(MalformedInput(
            f"not a WARC archive ({exc})" if seen == 0 else
            f"corrupt WARC data after {seen} record(s) ({exc}); the records before it were "
            "read", input=uri))
        return
    problem = _gzip_truncated(path) if _is_gzip(path) else _plain_cut(path, last, last_failed)
    if problem:
        yield _failure(MalformedInput(
            f"the archive is truncated or corrupt ({problem}) after {seen} record(s); the "
            "records before the cut were read", input=uri))
    elif seen == 0:
        yield _failure(MalformedInput("not a WARC archive (no WARC records found)", input=uri))


def _plain_cut(path: Path, last: tuple[int, int] | None, reported: bool) -> str | None:
    """For an uncompressed archive: whether bytes follow the last whole record (a record
    cut inside its header, or garbage), or the last record itself is cut short."""
    size = path.stat().st_size
    if last is None:
        return None
    offset, length = last
    with open(path, "rb") as fh:
        fh.seek(offset)
        head = fh.read(65536)
        header_end = head.find(b"\r\n\r\n")
        if header_end < 0:
            return "a record header is cut off"
        end = offset + header_end + 4 + length
        if end > size:
            return None if reported else f"the last record needs {end - size} more bytes"
        fh.seek(end)
        rest = fh.read(65536)
    if not rest.startswith(b"\r\n\r\n"):
        # every record ends with CRLF CRLF: without it the archive was cut right after a body
        return None if reported else "the last record's end marker is missing"
    if rest.strip():
        return f"{size - end - 4} bytes after the last whole record are not a complete record"
    return None


def count_responses(path: Path) -> int:
    """How many response records the archive at `path` holds (headers only: fast)."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    n = 0
    try:
        with open(path, "rb") as fh:
            for _ in ArchiveIterator(fh, parse_http=False, record_types=WarcRecordType.response):
                n += 1
    except Exception:  # noqa: BLE001 -- a broken archive: read_warc reports it
        pass
    return n


def _document(record, uri: str) -> Document | Failure | None:
    headers = record.headers
    target = headers.get("WARC-Target-URI") or None
    record_id = headers.get("WARC-Record-ID") or None
    name = f"{uri}#{target or record_id or 'record'}"
    record.parse_http()
    http = record.http_headers
    if http is None:
        return _failure(MalformedInput("the record's HTTP headers are missing or cut off",
                                       input=name))
    content_type = (record.http_content_type or "").lower()
    if http.status_code != 200 or not content_type.startswith(HTML_TYPES):
        return None
    body = record.reader.read()
    expected = record.content_length
    if expected is not None and len(body) < expected:
        return _failure(MalformedInput(
            f"truncated record: {len(body)} of {expected} payload bytes", input=name))
    if headers.get("WARC-Truncated"):
        return _failure(MalformedInput(
            f"the crawler truncated this record (WARC-Truncated: {headers.get('WARC-Truncated')})",
            input=name))
    try:
        body = _decode_transfer(body, http.get("Transfer-Encoding"), http.get("Content-Encoding"))
    except ValueError as exc:
        return _failure(MalformedInput(str(exc), input=name))
    if not body.strip():
        return _failure(EmptyInput("the HTML response is empty", input=name))
    try:
        text, encoding, warning = _decode(body, record.http_charset, name)
    except InputError as exc:
        return _failure(exc)
    date = record.record_date
    return Document(
        source=Source(uri=uri, format="warc", record_id=record_id, url=target),
        content=text, date=date.date().isoformat() if date else None,
        outlet=_host(target), encoding=encoding, content_type="html",
        warnings=[warning] if warning else [])


def _decode_transfer(body: bytes, transfer: str | None, encoding: str | None) -> bytes:
    """The payload as the server meant it: chunked transfer coding undone, then gzip or
    deflate content coding (crawlers such as wget store responses as they came)."""
    if transfer and "chunked" in transfer.lower() and _looks_chunked(body):
        body = _dechunk(body)
    coding = (encoding or "").strip().lower()
    if coding in ("", "identity"):
        return body
    if coding in ("gzip", "x-gzip", "deflate"):
        for wbits in ((31,) if "gzip" in coding else (15, -15)):
            try:
                return zlib.decompress(body, wbits)
            except zlib.error:
                continue
        if body.lstrip()[:1] == b"<":  # already decoded by the crawler, header kept
            return body
        raise ValueError(f"the {coding}-encoded payload does not decompress")
    if body.lstrip()[:1] == b"<":
        return body
    raise ValueError(f"unsupported Content-Encoding {encoding!r}")


def _looks_chunked(body: bytes) -> bool:
    line = body.split(b"\r\n", 1)[0].split(b";", 1)[0].strip()
    return bool(line) and all(c in b"0123456789abcdefABCDEF" for c in line)


def _dechunk(body: bytes) -> bytes:
    out = bytearray()
    pos = 0
    while pos < len(body):
        end = body.find(b"\r\n", pos)
        if end < 0:
            raise ValueError("chunked payload is cut inside a chunk header")
        size = int(body[pos:end].split(b";", 1)[0].strip() or b"0", 16)
        if size == 0:
            break
        start = end + 2
        if start + size > len(body):
            raise ValueError("chunked payload is cut inside a chunk")
        out += body[start:start + size]
        pos = start + size + 2
    return bytes(out)


def _decode(body: bytes, charset: str | None, name: str) -> tuple[str, str, str | None]:
    from .sniff import _mostly_utf8, decode

    if charset:
        try:
            return body.decode(charset), charset.lower(), None
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declared charset: sniff instead
        if charset.lower().replace("_", "-") in ("utf-8", "utf8"):
            mostly = _mostly_utf8(body, True)
            if mostly is not None:
                return mostly.text, mostly.encoding, mostly.warning
    decoded = decode(body, name, markup=True)
    return decoded.text, decoded.encoding, decoded.warning


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def _gzip_truncated(path: Path) -> str | None:
    """Why a gzip-compressed archive is cut short, or None (also for uncompressed files)."""
    try:
        with gzip.open(path, "rb") as gz:
            while gz.read(1 << 20):
                pass
    except (EOFError, OSError, zlib.error) as exc:
        return str(exc).rstrip(".")
    return None


def _is_gzip(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(2) == b"\x1f\x8b"
