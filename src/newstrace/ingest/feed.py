"""RSS and Atom feeds → Documents (feedparser).

An entry with full content (`content:encoded`, Atom `<content>`) becomes an HTML document. An
entry without it is read from its linked page when that page is a local file given alongside
the feed: `pages` maps links to files, else the feed's folder is searched for the link's path
(`host/path`, `path`, or its last segment, with `.html` tried when it has no suffix). Title,
date, link and outlet (the feed's title) come from the entry and the feed.
"""

from __future__ import annotations

import calendar
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import EmptyInput, MalformedInput, NoArticleFound
from ..model import Document, Failure, Source


def read_feed(data: bytes, uri: str, *, pages: Mapping[str, str | Path] | None = None
              ) -> Iterator[Document | Failure]:
    """One Document per usable entry of the feed in `data` (read from `uri`); an entry that
    cannot be used, or a malformed feed, yields a Failure naming it."""
    import feedparser

    try:
        parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # feedparser is lenient; anything it raises is a broken feed
        err = MalformedInput(f"malformed feed: {exc!r}", input=uri)
        yield Failure(uri=uri, code=err.code, message=str(err))
        return
    if not parsed.get("entries"):
        if parsed.get("bozo") or not parsed.get("version"):
            reason = parsed.get("bozo_exception") or "not an RSS or Atom feed"
            err = MalformedInput(f"malformed feed: {reason}", input=uri)
        else:
            err = EmptyInput("the feed holds no entries", input=uri)
        yield Failure(uri=uri, code=err.code, message=str(err))
        return
    yield from _entries(parsed, uri, pages)
    if parsed.get("bozo") and _is_xml_error(parsed.get("bozo_exception")):
        err = MalformedInput(f"malformed feed: {parsed.bozo_exception}; the "
                             f"{len(parsed.entries)} entries before the error were read", input=uri)
        yield Failure(uri=uri, code=err.code, message=str(err))


def linked_pages(data: bytes, uri: str, *, pages: Mapping[str, str | Path] | None = None
                 ) -> list[Path]:
    """The local files `read_feed(data, uri, pages=pages)` reads as its entries' articles
    (entries without full content whose link resolves to a local page), in entry order, each
    once; [] for a feed that cannot be parsed. Lets a batch skip those pages as articles of
    their own."""
    import feedparser

    try:
        parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    except Exception:  # noqa: BLE001 -- a broken feed links to nothing
        return []
    folder = Path(uri).parent if "://" not in uri else None
    found: list[Path] = []
    for entry in parsed.get("entries") or []:
        if _content(entry) is not None:
            continue
        page = _local_page(entry.get("link") or None, folder, pages)
        if page is not None and page not in found:
            found.append(page)
    return found


def _is_xml_error(exc: object) -> bool:
    from xml.sax import SAXException

    return isinstance(exc, SAXException)


def _entries(parsed, uri: str, pages: Mapping[str, str | Path] | None
             ) -> Iterator[Document | Failure]:
    outlet = _clean(parsed.get("feed", {}).get("title"))
    folder = Path(uri).parent if "://" not in uri else None
    for i, entry in enumerate(parsed.entries):
        link = entry.get("link") or None
        record = entry.get("id") or link or f"entry-{i + 1}"
        name = f"{uri}#{record}"
        content = _content(entry)
        if content is None:
            page = _local_page(link, folder, pages)
            if page is None:
                err = NoArticleFound(
                    "the entry has no full content and its link is not a local file given "
                    f"alongside the feed (link: {link or 'none'})", input=name)
                yield Failure(uri=name, code=err.code, message=str(err))
                continue
            content = _read_page(page, name)
            if isinstance(content, Failure):
                yield content
                continue
        if not content.strip():
            err = EmptyInput("the entry's content is empty", input=name)
            yield Failure(uri=name, code=err.code, message=str(err))
            continue
        yield Document(source=Source(uri=uri, format="feed", record_id=record, url=link),
                       content=content, title=_clean(entry.get("title")), date=_date(entry),
                       outlet=outlet, content_type="html")


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _content(entry) -> str | None:
    """The entry's full content (HTML preferred), or None when it only has a summary."""
    parts = entry.get("content") or []
    best = None
    for part in parts:
        value = part.get("value") or ""
        if not value.strip():
            continue
        if "html" in (part.get("type") or ""):
            return value
        best = best or value
    return best


def _date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%d", time.gmtime(calendar.timegm(parsed)))
    return None


def _local_page(link: str | None, folder: Path | None,
                pages: Mapping[str, str | Path] | None) -> Path | None:
    if not link:
        return None
    if pages and link in pages:
        return Path(pages[link])
    parts = urlsplit(link)
    if parts.scheme == "file":
        path = Path(unquote(parts.path))
        return path if path.is_file() else None
    if folder is None:
        return None
    path = unquote(parts.path).strip("/")
    candidates: list[Path] = []
    if parts.scheme in ("", None) and path:
        candidates.append(folder / path)
    if path:
        candidates += [folder / parts.netloc / path, folder / path, folder / Path(path).name]
    for c in list(candidates):
        if not c.suffix:
            candidates += [c.with_suffix(".html"), c / "index.html"]
    for c in candidates:
        try:
            if c.is_file() and c.resolve().is_relative_to(folder.resolve()):
                return c
        except OSError:
            continue
    return None


def _read_page(page: Path, name: str) -> str | Failure:
    """The linked page decoded (sniffing its encoding), or a Failure naming entry and file."""
    from .sniff import decode

    try:
        return decode(page.read_bytes(), uri=str(page), markup=True).text
    except Exception as exc:  # an unreadable or undecodable page fails this entry only
        code = getattr(exc, "code", "NT010")
        return Failure(uri=name, code=code, message=f"[{code}] {name}: linked page {page}: "
                                                    f"{getattr(exc, 'reason', exc)}")
