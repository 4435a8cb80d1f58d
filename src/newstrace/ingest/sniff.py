"""Sniffing: what an input's bytes are (format) and how they are written (encoding).

Formats: plain text, HTML, JSON Lines, RSS/Atom feeds, WARC (each also gzip-compressed).
Encodings: a byte-order mark wins, then strict UTF-8, then an HTML page's declared charset
(when the bytes fit it), then near-certain UTF-8 (a page that declares UTF-8, or text full of
valid multi-byte UTF-8 sequences, with a few bad bytes: each is replaced by U+FFFD and the
Document carries a warning saying how many), then charset-normalizer's best guess.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import BinaryInput, DecodeError, EmptyInput, InputTooLarge, MalformedInput
from ..model import Document, InputFormat, Source

DEFAULT_MAX_MB = 20.0
MAX_MB_ENV = "NEWSTRACE_MAX_INPUT_MB"

GZIP_MAGIC = b"\x1f\x8b"
WARC_MAGIC = b"WARC/1."

# (magic bytes, offset, what it is): inputs that are certainly not text
_BINARY_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "a PNG image"),
    (b"\xff\xd8\xff", 0, "a JPEG image"),
    (b"GIF87a", 0, "a GIF image"),
    (b"GIF89a", 0, "a GIF image"),
    (b"WEBP", 8, "a WebP image"),
    (b"%PDF-", 0, "a PDF document"),
    (b"PK\x03\x04", 0, "a ZIP archive (or an Office document)"),
    (b"\x7fELF", 0, "an executable"),
    (b"7z\xbc\xaf\x27\x1c", 0, "a 7-Zip archive"),
    (b"Rar!\x1a\x07", 0, "a RAR archive"),
    (b"\x00\x00\x01\x00", 0, "an icon image"),
    (b"ID3\x03", 0, "an MP3 file"),
    (b"ID3\x04", 0, "an MP3 file"),
    (b"OggS", 0, "an Ogg media file"),
    (b"\x1a\x45\xdf\xa3", 0, "a video file"),
    (b"ftyp", 4, "a video file"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""")
_HTML_HINT = re.compile(
    r"<(?:!doctype\s+html|html|head|body|article|main|div|p|span|section|title|meta|br|h[1-6]|table|ul|a)\b",
    re.IGNORECASE,
)
_FEED_HINT = re.compile(r"<(?:rss|feed|rdf:RDF|channel)\b", re.IGNORECASE)

# Single-byte Latin code pages charset-normalizer may pick among near-equals; for such
# bytes Windows-1252 (what browsers read "latin-1" as) is by far the likeliest.
_WESTERN_PREFERRED = "cp1252"
_SINGLE_BYTE_LATIN = {
    "cp1250", "cp1252", "cp1254", "cp1257", "cp775", "cp850", "cp437", "cp858", "cp1125",
    "cp1006", "hp_roman8", "latin_1", "iso8859_2", "iso8859_4", "iso8859_9", "iso8859_13",
    "iso8859_15", "iso8859_16", "mac_latin2", "mac_roman", "mac_iceland", "mac_turkish",
}
# What browsers (WHATWG) decode a declared label as.
_LABEL_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                  "us-ascii": "cp1252", "ascii": "cp1252", "iso8859-1": "cp1252",
                  "shift-jis": "cp932", "shift_jis": "cp932", "sjis": "cp932",
                  "x-sjis": "cp932", "gb2312": "gb18030", "gbk": "gb18030"}


def max_bytes(limit_mb: float | None = None) -> int:
    """The size limit in bytes: the argument, else $NEWSTRACE_MAX_INPUT_MB, else 20 MB."""
    if limit_mb is None:
        raw = os.environ.get(MAX_MB_ENV, "").strip()
        try:
            limit_mb = float(raw) if raw else DEFAULT_MAX_MB
        except ValueError:
            limit_mb = DEFAULT_MAX_MB
    return int(limit_mb * 1024 * 1024)


def too_large(size: int, limit: int, uri: str) -> InputTooLarge:
    shown = f"{size / 1048576:.1f} MB" if size >= 104858 else f"{size / 1024:.1f} KB"
    return InputTooLarge(
        f"is {shown}, over the {round(limit / 1048576, 3):g} MB limit "
        f"(set {MAX_MB_ENV} to raise it)",
        input=uri,
    )


@dataclass(frozen=True)
class Inflated:
    """What a gzip stream decompressed to, and why it stopped early (if it did)."""

    data: bytes
    problem: str | None = None  # the stream is cut short or corrupt: why
    truncated: bool = False  # the compressed input ended inside a member
    over: bool = False  # decompression stopped after `want` + 1 bytes; more may follow


_CHUNK = 65536


def inflate(read: Callable[[int], bytes], want: int) -> Inflated:
    """Decompress gzip data pulled from `read` (every member, as `gzip` does) until the input
    ends or more than `want` bytes are out. Unlike `gzip.open`, a cut or corrupt stream is no
    error: the bytes before the damage come back with the reason, so that the content can be
    sniffed and each reader report what was cut."""
    out = bytearray()
    decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
    fed = False  # the current member has been given input
    buf = b""
    while True:
        if not buf:
            buf = read(_CHUNK)
            if not buf:
                if decomp.eof or not fed:
                    return Inflated(bytes(out))
                return Inflated(bytes(out), "the gzip data ends before its end marker",
                                truncated=True)
        if decomp.eof:  # the next member starts here
            if len(buf) < 2:
                buf += read(_CHUNK)
            if buf == GZIP_MAGIC[:1]:  # the input ends one byte into the next member
                return Inflated(bytes(out), "the gzip data ends before its end marker",
                                truncated=True)
            if buf[:2] != GZIP_MAGIC:
                return Inflated(bytes(out))  # trailing bytes ignored, as gzip(1) does
            decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
            fed = False
        try:
            out += decomp.decompress(buf, want + 1 - len(out))
        except zlib.error as exc:
            return Inflated(bytes(out), f"corrupt gzip data ({exc})")
        fed = True
        buf = decomp.unused_data if decomp.eof else decomp.unconsumed_tail
        if len(out) > want:
            return Inflated(bytes(out), over=True)


def gunzip(data: bytes, uri: str, limit: int) -> bytes:
    """Decompress gzip data, refusing output over `limit` bytes and cut or corrupt data."""
    result = inflate(io.BytesIO(data).read, limit)
    if result.over:
        raise too_large(len(result.data), limit, uri)
    if result.problem:
        if not result.data and not result.truncated:
            raise BinaryInput(f"is not valid gzip data ({result.problem})", input=uri)
        raise MalformedInput(f"is cut short: {result.problem} after {len(result.data)} "
                             "decompressed bytes", input=uri)
    return result.data


def binary_kind(data: bytes) -> str | None:
    """What binary thing `data` is (e.g. "a PNG image"), or None if it may be text."""
    head = data[:64]
    if head.startswith(tuple(b for b, _ in _BOMS)):
        return None
    for magic, offset, what in _BINARY_MAGIC:
        if head[offset:offset + len(magic)] == magic:
            return what
    sample = data[:8192]
    if b"\x00" in sample:
        if _utf16_without_bom(sample):
            return None
        return "binary data (NUL bytes)"
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    even, odd = sample[0::2], sample[1::2]
    if len(sample) >= 4 and odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if len(sample) >= 4 and even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML document declares in its first 4 KB, as a Python codec name."""
    head = data[:4096]
    m = _XML_ENCODING.search(head.lstrip()) or _META_CHARSET.search(head)
    if not m:
        return None
    label = m.group(1).decode("ascii", "ignore").strip().lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None = None  # e.g. bad bytes replaced


def _mostly_utf8(data: bytes, declared_utf8: bool) -> Decoded | None:
    """UTF-8 with its few invalid bytes replaced, when UTF-8 is near-certain: the page declares
    it, or valid multi-byte sequences outnumber the invalid bytes four to one (text in a
    single-byte code page almost never forms valid UTF-8 sequences by chance)."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    if bad <= 0:
        return None
    multibyte = sum(1 for ch in text if ord(ch) > 127) - text.count("\ufffd")
    if bad > max(1, len(data) // 200):  # more than 0.5 % bad: not a stray byte or two
        return None
    if not declared_utf8 and multibyte < 4 * bad:
        return None
    return Decoded(text, "utf-8", f"{bad} byte{'s' if bad > 1 else ''} not valid UTF-8 "
                                  "replaced with U+FFFD")


def decode(data: bytes, uri: str, *, markup: bool = False) -> Decoded:
    """Bytes → text. `markup`: honour an HTML/XML charset declaration."""
    kind = binary_kind(data)
    if kind:
        raise BinaryInput(f"is {kind}, not text", input=uri)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec.replace("-sig", ""))
            except UnicodeDecodeError:
                break
    utf16 = _utf16_without_bom(data[:8192])
    if utf16:
        try:
            return Decoded(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    # Bytes that are valid UTF-8 are UTF-8 whatever a page declares (pages saved as UTF-8
    # often keep a stale declaration; other encodings rarely form valid UTF-8 by chance).
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data) if markup else None
    if declared and declared != "utf-8":
        try:
            return Decoded(data.decode(declared), declared)
        except UnicodeDecodeError:
            pass  # the declaration does not fit the bytes; guess below
    mostly = _mostly_utf8(data, declared == "utf-8")
    if mostly is not None:
        return mostly
    return _guess(data, uri)


def _guess(data: bytes, uri: str) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError(
            "could not determine the text encoding (not UTF-8, and no other encoding fits); "
            "convert the file to UTF-8", input=uri)
    encoding = best.encoding
    if encoding in _SINGLE_BYTE_LATIN and encoding != _WESTERN_PREFERRED:
        alt = from_bytes(data, cp_isolation=[_WESTERN_PREFERRED]).best()
        if alt is not None and alt.chaos <= best.chaos + 0.05:
            best, encoding = alt, _WESTERN_PREFERRED
    text = str(best)
    bad = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f"))
    if bad > max(2, len(text) // 100):
        raise DecodeError(f"could not be decoded as {encoding} (too many invalid characters); "
                          "convert the file to UTF-8", input=uri)
    return Decoded(text, encoding)


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2048]
    return head.startswith("<") and bool(_HTML_HINT.search(head))


def looks_like_feed(text_head: str) -> bool:
    head = text_head.lstrip()[:2048]
    if not head.startswith("<"):
        return False
    return bool(_FEED_HINT.search(head)) and not re.search(r"<html\b", head, re.IGNORECASE)


def looks_like_jsonl(text: str) -> bool:
    for line in text.lstrip().splitlines()[:3]:
        line = line.strip()
        if not line:
            continue
        if not line.startswith("{"):
            return False
        try:
            record = json.loads(line)
        except ValueError:
            return False
        return isinstance(record, dict) and ("text" in record or "html" in record)
    return False


def sniff_format(head: bytes, name: str = "") -> InputFormat:
    """The format of an input from its first bytes (already decompressed) and its name."""
    if head.startswith(WARC_MAGIC):
        return "warc"
    lower = name.lower().removesuffix(".gz")
    text = _head_text(head[:8192])
    if lower.endswith((".jsonl", ".ndjson")) or looks_like_jsonl(text):
        return "jsonl"
    if looks_like_feed(text):
        return "feed"
    if lower.endswith((".html", ".htm", ".xhtml")) or looks_like_html(text):
        return "html"
    return "text"


def _head_text(head: bytes) -> str:
    """The first bytes as text, good enough to recognise markup."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return head.decode(codec, "ignore")
    utf16 = _utf16_without_bom(head)
    if utf16:
        return head.decode(utf16, "ignore")
    return head.decode("utf-8", "ignore")


def document_from_text(text: str, uri: str = "<text>") -> Document:
    """A Document from a string of plain text or HTML."""
    if not text.strip():
        raise EmptyInput("is empty (no text to analyse)", input=uri)
    fmt: InputFormat = "html" if looks_like_html(text) else "text"
    return Document(source=Source(uri=uri, format=fmt), content=text)


def is_gzip(data: bytes) -> bool:
    return data[:2] == GZIP_MAGIC


def maybe_gunzip(data: bytes, uri: str, limit: int) -> bytes:
    return gunzip(data, uri, limit) if is_gzip(data) else data


__all__ = [
    "DEFAULT_MAX_MB",
    "Decoded",
    "Inflated",
    "binary_kind",
    "declared_charset",
    "decode",
    "document_from_text",
    "gunzip",
    "inflate",
    "is_gzip",
    "looks_like_html",
    "max_bytes",
    "maybe_gunzip",
    "sniff_format",
    "too_large",
]
