"""Cleaning one Document into an Article: main text (HTML via trafilatura), paragraphs,
structure (headline, dek, byline, date line, dateline), chrome removal, normalisation and
metadata. Paragraphs are separated by "\\n" in `Article.text`.

`clean_with_offsets` also returns the offset map from `Article.text` back to the text the
structure step read: the Document's content for text, the extracted main text for HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import NoArticleFound
from ..model import Article, Document, Meta, Removed
from . import chrome, htmlmeta, metadata
from .extract import extract_html
from .normalize import MappedText, clean_inline, normalize

_TERMINAL = re.compile(r"[.!?:;][\"”’)\]]*\s*$")


@dataclass
class _Line:
    start: int
    end: int  # without the newline
    text: str


def _lines(text: str) -> list[_Line]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        out.append(_Line(pos, pos + len(raw), raw.rstrip("\r")))
        pos += len(raw) + 1
    return out


def paragraphs(source: str, *, join_wrapped: bool = True) -> list[chrome.Unit]:
    """Paragraph units of a text: one per line, but hard-wrapped lines are joined (a line
    that continues in lowercase, or a block whose lines mostly do not end a sentence) unless
    `join_wrapped` is False (text extracted from HTML has one paragraph a line)."""
    lines = _lines(source)
    blocks: list[list[_Line]] = []
    blanks: list[bool] = []
    current: list[_Line] = []
    blank = False
    for line in lines:
        if not line.text.strip():
            if current:
                blocks.append(current)
                blanks.append(blank)
                current = []
            blank = True
            continue
        current.append(line)
    if current:
        blocks.append(current)
        blanks.append(blank)
    src_len = len(source)
    units: list[chrome.Unit] = []
    for block, blank_before in zip(blocks, blanks):
        hard = [bool(chrome.match_paragraph(ln.text)) or _header_line(ln.text) for ln in block]
        soft = [ln for ln, h in zip(block, hard) if not h and not chrome.BULLET.match(ln.text)]
        open_lines = [ln for ln in soft[:-1] if not _TERMINAL.search(ln.text)]
        widest = max((len(ln.text) for ln in soft), default=0)
        wrapped = (len(soft) >= 3 and len(open_lines) >= 0.6 * (len(soft) - 1)
                   and sum(len(ln.text) for ln in open_lines) >= 40 * len(open_lines))
        groups: list[list[_Line]] = []
        for k, line in enumerate(block):
            joins = (join_wrapped and groups and not hard[k] and not hard[k - 1]
                     and not chrome.BULLET.match(line.text) and (
                line.text.lstrip()[:1].islower()
                or (wrapped and not _TERMINAL.search(block[k - 1].text)
                    and len(block[k - 1].text) >= 0.6 * widest)))
            if joins:
                groups[-1].append(line)
            else:
                groups.append([line])
        for g, group in enumerate(groups):
            start, end = group[0].start, group[-1].end
            mapped = MappedText.of(source[start:end], start, src_len)
            if len(group) > 1:  # line breaks inside a paragraph become spaces
                mapped = mapped.sub(re.compile(r"\r?\n"), lambda m: " " * len(m.group(0)))
            units.append(chrome.Unit(mapped, blank_before=blank_before and g == 0))
    return units


def _header_line(text: str) -> bool:
    """A byline or a date line ("By Riverside Times staff", "Published 2025-03-04 06:54"):
    its own paragraph even inside a block of hard-wrapped lines (a header written one field
    a line: headline, byline, date)."""
    text = text.strip()
    if not text or len(text) > 80:
        return False
    return (metadata.parse_date_line(text) is not None or metadata.staff_credit(text) is not None
            or bool(metadata.parse_byline(text)))


def _unit_text(unit: chrome.Unit) -> str:
    return clean_inline(unit.text.text)


def _plain_structure(units: list[chrome.Unit], meta: Meta, removed: list[Removed]) -> list[chrome.Unit]:
    """Headline, dek, byline, date line and dateline of a plain-text article."""
    texts = [u.text.text.strip() for u in units]
    header = metadata.detect_header(texts)
    labels = {header.headline: "headline", header.dek: "dek", header.byline: "byline",
              header.date_line: "date line"}
    for i in header.separators:
        labels[i] = "separator"
    for i in range(header.body_start):
        reason = labels.get(i)
        if reason is None:
            continue
        removed.append(Removed(text=texts[i], reason=reason))
    if header.headline is not None:
        meta.headline = _unit_text(units[header.headline])
    if header.dek is not None:
        meta.dek = _unit_text(units[header.dek])
    meta.authors = header.authors
    meta.published = header.published
    if header.outlet:
        meta.outlet = metadata.canonical_outlet(header.outlet)
    body = units[header.body_start:]
    # a byline or date line right after the header's other parts
    return _leading_byline(body, meta, removed)


def _leading_byline(body: list[chrome.Unit], meta: Meta, removed: list[Removed]) -> list[chrome.Unit]:
    while body:
        text = body[0].text.text.strip()
        staff = metadata.staff_credit(text)
        if staff is not None:  # "By Riverside Times staff": the outlet, not a person
            meta.outlet = meta.outlet or metadata.canonical_outlet(staff) or None
            removed.append(Removed(text=text, reason="byline"))
            body = body[1:]
            continue
        names = metadata.parse_byline(text)
        iso = None if names else metadata.parse_date_line(text)
        if names and not meta.authors:
            meta.authors = names
        if names and not meta.outlet and (named := metadata.byline_outlet(text)):
            meta.outlet = named
        if names:
            removed.append(Removed(text=text, reason="byline"))
        elif iso:
            meta.published = meta.published or iso
            removed.append(Removed(text=text, reason="date line"))
        else:
            break
        body = body[1:]
    return body


def _dateline(body: list[chrome.Unit], meta: Meta, removed: list[Removed]) -> list[chrome.Unit]:
    if not body:
        return body
    first, lead_removed, lead_outlets = chrome.strip_leading(body[0])
    found = metadata.parse_dateline(first.text.text.lstrip())
    if found is None:
        return body  # the leading chrome, if any, goes with the other inline chrome
    removed.extend(lead_removed)
    if found.outlet:
        meta.origin_outlet = found.outlet
    _add_outlets(meta, lead_outlets)
    lead = len(first.text.text) - len(first.text.text.lstrip())
    cut = lead + found.end
    removed.append(Removed(text=first.text.text[:cut].strip(), reason="dateline"))
    meta.dateline = found.city
    meta.published = meta.published or found.date
    return [chrome.Unit(first.text.slice(cut, len(first.text)), first.blank_before), *body[1:]]


def _add_outlets(meta: Meta, outlets: list[chrome.Outlet]) -> None:
    for outlet in outlets:
        name = metadata.canonical_outlet(outlet.name)
        if not name:
            continue
        if outlet.role == "origin" and not meta.origin_outlet:
            meta.origin_outlet = name
            continue
        if metadata.same_outlet(name, meta.origin_outlet):
            continue
        if not any(metadata.same_outlet(name, r) for r in meta.republished_by):
            meta.republished_by.append(name)


def _meta_from_removed(meta: Meta, removed: list[Removed]) -> None:
    """What chrome set aside still says: a trailing "First published on …" gives the date, a
    wire credit ("Reporting by …") the authors when no byline did, a copyright line ("©
    Riverside Times. All rights reserved.") the outlet when nothing else named it."""
    for entry in removed:
        if entry.reason == "copyright" and not meta.outlet:
            holder = htmlmeta.copyright_outlet(entry.text)
            meta.outlet = metadata.canonical_outlet(holder) if holder else None
        if entry.reason == "date line" and not meta.published:
            meta.published = metadata.parse_date_line(entry.text)
        elif entry.reason == "wire credit" and not meta.authors:
            meta.authors = metadata.reporters_from_credit(entry.text) or []


def content_type(document: Document) -> str:
    if document.content_type:
        return document.content_type
    if document.source.format in ("html", "warc"):
        return "html"
    if document.source.format == "feed":
        from ..ingest.sniff import looks_like_html

        text = document.content.lstrip()
        return "html" if looks_like_html(text) or re.search(r"<(p|div|br)\b", text[:4000], re.IGNORECASE) \
            else "text"
    return "text"


def clean_with_offsets(document: Document) -> tuple[Article, MappedText]:
    """The Article, and the map from its text to the text cleaning started from."""
    uri = document.source.uri
    kind = content_type(document)
    meta = Meta()
    removed: list[Removed] = []
    structured = document.source.format in ("jsonl", "feed") and kind == "text"
    carrier: str | None = None  # the outlet whose copy this is (a page's site)
    if kind == "html":
        ex = extract_html(document.content, uri, url=document.source.url)
        source = ex.text
        meta.headline = clean_inline(ex.title) if ex.title else None
        meta.authors = [clean_inline(a) for a in ex.authors]
        meta.published = ex.date
        carrier = ex.outlet or ex.sitename
    else:
        source = document.content
    # normalised first, so that structure and chrome patterns see tidy text
    units = [chrome.Unit(normalize(u.text), u.blank_before)
             for u in paragraphs(source, join_wrapped=kind != "html")]
    if kind == "html":
        units = _drop_repeated_title(units, meta.headline, removed)
        units = _leading_byline(units, meta, removed)
        units = _dateline(units, meta, removed)
    elif not structured:
        units = _plain_structure(units, meta, removed)
        units = _dateline(units, meta, removed)
    result = chrome.strip_chrome(units)
    if structured and not result.kept:
        result = chrome.ChromeResult(kept=units)  # a record is taken at its word
    removed.extend(result.removed)
    _add_outlets(meta, result.outlets)
    _meta_from_removed(meta, result.removed)
    body = [normalize(u.text).strip() for u in result.kept]
    body = [b for b in body if b.text]
    if not body:
        raise NoArticleFound("no article text left once headline, byline and page furniture "
                             "were set aside", input=uri)
    joined: list[MappedText] = []
    for k, part in enumerate(body):
        if k:
            joined.append(MappedText.literal("\n", part.starts[0] if part.starts else 0,
                                             len(source)))
        joined.append(part)
    text = MappedText.join(joined, len(source))

    # the container's word beats what was guessed from the text
    if document.title:
        meta.headline = clean_inline(document.title)
    if document.date:
        meta.published = _iso(document.date) or meta.published
    if document.outlet:
        carrier = document.outlet
    carrier = carrier or meta.outlet
    if carrier:
        name = metadata.canonical_outlet(carrier)
        meta.outlet = name
        if not meta.origin_outlet and not meta.republished_by:
            meta.origin_outlet = name
        elif name and not metadata.same_outlet(name, meta.origin_outlet) and not any(
                metadata.same_outlet(name, r) for r in meta.republished_by):
            meta.republished_by.append(name)
    if kind == "html" and not meta.dek:
        meta.dek = _dek_from_description(ex.description, text.text)
    article = Article(source=document.source, text=text.text, meta=meta, removed=removed,
                      warnings=list(document.warnings))
    return article, text


def _iso(raw: str) -> str | None:
    raw = raw.strip()
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", raw)
    if m:
        return "-".join(g for g in m.groups() if g)
    return metadata.iso_date(raw)


def _dek_from_description(description: str | None, body: str) -> str | None:
    if not description:
        return None
    desc = clean_inline(description)
    if len(desc.split()) < 5 or body[:80].casefold().startswith(desc[:60].casefold()):
        return None
    return desc


def _drop_repeated_title(units: list[chrome.Unit], title: str | None, removed: list[Removed]
                         ) -> list[chrome.Unit]:
    if units and title and _unit_text(units[0]).casefold() == title.casefold():
        removed.append(Removed(text=units[0].text.text.strip(), reason="headline"))
        return units[1:]
    return units


def clean(document: Document) -> Article:
    """Document → Article (see the module docstring)."""
    return clean_with_offsets(document)[0]
