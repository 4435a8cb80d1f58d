"""Hypothesis strategies for hostile inputs, one per input kind, and the one property they
share: reading and analysing any input gives either a valid analysis (the offsets contract
holds) or a Failure whose code is an InputError's. Anything else (an internal error NT099, an
exception escaping `analyze_many`) is a crash.

Used by tests/test_fuzz.py (a fast subset in the normal suite) and fuzz/run.py (the long run,
with counts per kind).
"""

from __future__ import annotations

import gzip
import io
import json
import tempfile
from pathlib import Path

from hypothesis import strategies as st

import newstrace
from newstrace import AnalyzeOptions, Failure
from newstrace.errors import InputError
from newstrace.invariants import offset_errors



def _codes(cls: type) -> set[str]:
    return {cls.code}.union(*(_codes(sub) for sub in cls.__subclasses__()))


INPUT_CODES = _codes(InputError)  # the allowed failures: NT001-NT010

# characters that break naive text handling
NASTY = ("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
         "\u2066\u2067\u2068\u2069\x00\x01\x07\x08\x1b\x7f\x85\x9b\r\x0b\x0c\u2028\u2029"
         "“”‘’\"'«»„‟‹›「」—–…\t\n")
WORDS = ["The", "mayor", "said", "“We", "are", "ready,”", "told", "reporters", "Monday",
         "according", "to", "police", "17", "people", "killed", "allegedly", "Ana", "Ruiz",
         "Lima", "\"", "”", "“", "'", ".", ",", ";", ":", "—", "(", ")"]

unicode_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=400)
nasty_text = st.text(alphabet=st.sampled_from(NASTY + "ab .,"), max_size=300)
wordy_text = st.lists(st.sampled_from(WORDS), max_size=120).map(" ".join)


def storm(n: int) -> str:
    return "“" * n + " said ” " + '"' * (n // 2)


quote_storm = st.integers(1, 300).map(storm)
big_quote_storm = st.sampled_from([1000, 3000, 5000]).map(storm)


@st.composite
def paragraphs(draw, big: bool = False) -> str:
    """A text of paragraphs: words, nasty characters, quote storms, 1-character paragraphs,
    and (big=True) one paragraph of up to 3 MB."""
    parts = draw(st.lists(st.one_of(wordy_text, nasty_text, unicode_text, quote_storm,
                                    st.just("x"), st.just("")), min_size=1, max_size=8))
    if big and draw(st.booleans()):
        parts.append(draw(big_quote_storm))
    elif big:
        size = draw(st.sampled_from([100_000, 1_000_000, 3_000_000]))
        parts.insert(draw(st.integers(0, len(parts))), ("word " * (size // 5))[:size])
    sep = draw(st.sampled_from(["\n\n", "\n", "\r\n", "\r", "\u2029", " "]))
    return sep.join(parts)


def text_bytes(big: bool = False):
    return st.one_of(
        paragraphs(big).map(lambda t: t.encode("utf-8")),
        paragraphs().map(lambda t: t.encode("utf-16")),
        st.binary(max_size=600),
        st.tuples(paragraphs(), st.binary(min_size=1, max_size=3)).map(
            lambda p: p[0].encode("utf-8")[: len(p[0]) // 2] + p[1] + p[0].encode("utf-8")),
    )


@st.composite
def html_bytes(draw) -> bytes:
    body = draw(paragraphs())
    kind = draw(st.sampled_from(["plain", "unclosed", "deep", "attribute", "charset", "script"]))
    charset = draw(st.sampled_from(["utf-8", "iso-8859-1", "shift_jis", "utf-16", "bogus-x"]))
    esc = body.replace("&", "&amp;").replace("<", "&lt;")
    if kind == "unclosed":
        page = f"<html><body><div><p>{esc}<p><b><i>{esc}<table><tr><td>"
    elif kind == "deep":
        depth = draw(st.sampled_from([100, 1000, 10_000]))
        page = "<html><body>" + "<div>" * depth + f"<p>{esc}</p>" + "</div>" * (depth // 2)
    elif kind == "attribute":
        size = draw(st.sampled_from([1000, 100_000, 1_000_000]))
        page = f'<html><body><p data-x="{"a" * size}">{esc}</p></body></html>'
    elif kind == "script":
        page = f"<html><body><script>{body}</script><p>{esc}</p><!-- {body}"
    else:
        page = f"<html><head><title>{esc[:80]}</title></head><body><article><p>{esc}</p></article></body></html>"
    head = f'<meta charset="{charset}">' if kind in ("charset", "plain") else ""
    data = page.replace("<html>", f"<html><head>{head}</head>", 1)
    encoding = draw(st.sampled_from(["utf-8", "cp1252", "utf-16"]))
    return data.encode(encoding, "replace")


@st.composite
def jsonl_bytes(draw) -> bytes:
    value = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                      paragraphs(), st.lists(st.integers(), max_size=3))
    records = draw(st.lists(st.fixed_dictionaries(
        {"text": value}, optional={"title": value, "date": value, "url": value, "outlet": value,
                                   "html": value, "id": value}), min_size=1, max_size=4))
    lines = [json.dumps(r) for r in records]
    lines += draw(st.lists(st.sampled_from(["", "{", "[1,2]", "null", '{"text": "cut', "\x00"]),
                           max_size=2))
    data = "\n".join(lines).encode("utf-8")
    cut = draw(st.integers(0, len(data)))
    return data[:cut] if draw(st.booleans()) else data


@st.composite
def feed_bytes(draw) -> bytes:
    items = draw(st.lists(paragraphs(), min_size=0, max_size=3))
    kind = draw(st.sampled_from(["rss", "atom"]))
    esc = [t.replace("&", "&amp;").replace("<", "&lt;") for t in items]
    if kind == "rss":
        body = "".join(f"<item><title>{t[:50]}</title><link>http://x.example/{i}</link>"
                       f"<description>{t}</description><pubDate>{draw(unicode_text)[:30]}"
                       "</pubDate></item>" for i, t in enumerate(esc))
        data = f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{body}</channel></rss>'
    else:
        body = "".join(f"<entry><title>{t[:50]}</title><content type=\"html\">{t}</content>"
                       f"<link href=\"../page{i}.html\"/></entry>" for i, t in enumerate(esc))
        data = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>{body}</feed>'
    raw = data.encode("utf-8")
    return raw[: draw(st.integers(0, len(raw)))] if draw(st.booleans()) else raw


def _warc_record(target: str, html: bytes, length_delta: int = 0) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {target}\r\n"
            f"WARC-Date: 2025-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:{abs(hash(target))}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {max(0, len(http) + length_delta)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


@st.composite
def warc_bytes(draw) -> bytes:
    pages = draw(st.lists(html_bytes(), min_size=1, max_size=3))
    deltas = draw(st.lists(st.sampled_from([0, 0, 0, -5, 7, -10_000, 1_000_000]),
                           min_size=len(pages), max_size=len(pages)))
    data = b"".join(_warc_record(f"http://x.example/{i}", p, d)
                    for i, (p, d) in enumerate(zip(pages, deltas)))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    if draw(st.booleans()):
        data = gzip.compress(data)
        if draw(st.booleans()):
            data = data[: draw(st.integers(0, len(data)))]
    return data


def gzip_bomb(mb: int) -> bytes:
    """A small gzip file that inflates to `mb` MB of zeros-and-text."""
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9) as f:
        chunk = b"a" * (1 << 20)
        for _ in range(mb):
            f.write(chunk)
    return buf.getvalue()


bomb_bytes = st.sampled_from([21, 64]).map(gzip_bomb)

KINDS = {
    "text": (text_bytes(), "article.txt"),
    "text_big": (text_bytes(big=True), "article.txt"),
    "html": (html_bytes(), "page.html"),
    "jsonl": (jsonl_bytes(), "records.jsonl"),
    "feed": (feed_bytes(), "feed.xml"),
    "warc": (warc_bytes(), "crawl.warc"),
    "gzip_bomb": (bomb_bytes, "bomb.txt.gz"),
}


def check_input(data: bytes, name: str, stages: str = "all") -> list[str]:
    """Analyse `data` saved as `name`; return what is wrong (empty: an allowed outcome)."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            for item in newstrace.analyze_many([path], AnalyzeOptions(stages=stages)):
                if isinstance(item, Failure):
                    if item.code not in INPUT_CODES:
                        problems.append(f"failure {item.code}: {item.message[:300]}")
                else:
                    problems += offset_errors(item)
        except Exception as exc:  # noqa: BLE001 -- that is the crash being looked for
            problems.append(f"exception {exc!r}")
    return problems
