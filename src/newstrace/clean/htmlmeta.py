"""What a web page says about itself: headline, publication time, authors and the outlet
that published this copy, read the way a careful reader reads the page.

Each field is chosen from candidates the page's markup offers (JSON-LD, Open Graph and
Twitter cards, other `<meta>` tags, `<h1>`, `<title>`, `<time>`, `rel=author` links, bylines)
by a short ordered list of named rules; the rule that decided is kept (`PageMeta.why`), so a
reader sees why a value was chosen. Patterns (site separators, section labels, byline words,
copyright lines) are data in `resources/page_meta.tsv`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from urllib.parse import urlsplit

from .. import resources
from .normalize import clean_inline

PATTERNS_FILE = "page_meta.tsv"

_ARTICLE_TYPES = re.compile(r"(?:Article|BlogPosting|Posting|Report|Review)$", re.IGNORECASE)
_WS = re.compile(r"\s+")


@dataclass
class PageMeta:
    headline: str | None = None
    published: str | None = None  # ISO 8601, with time and offset when the page gives them
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    why: dict[str, str] = field(default_factory=dict)  # field → the rule that decided it
    article_body: str | None = None  # the JSON-LD articleBody, when the page gives one
    description: str | None = None


@lru_cache(maxsize=1)
def patterns() -> dict[str, list[re.Pattern[str]]]:
    """Patterns of resources/page_meta.tsv by kind."""
    out: dict[str, list[re.Pattern[str]]] = {}
    for row in resources.table(PATTERNS_FILE):
        out.setdefault(row["kind"], []).append(re.compile(row["pattern"], re.IGNORECASE))
    return out


def _text(el) -> str:
    return clean_inline(_WS.sub(" ", el.text_content() or "")).strip()


def _key(text: str | None) -> str:
    return "".join(re.findall(r"\w+", (text or "").casefold()))


# ---------------------------------------------------------------------------------- markup


@dataclass
class Markup:
    """The metadata-bearing parts of a page, read once."""

    jsonld: list[dict] = field(default_factory=list)  # article-like objects first
    publisher: list[str] = field(default_factory=list)
    meta: dict[str, list[str]] = field(default_factory=dict)
    h1: list[str] = field(default_factory=list)
    title: str | None = None
    times: list[tuple[str, str]] = field(default_factory=list)  # (datetime attr, how found)
    rel_authors: list[str] = field(default_factory=list)
    url: str | None = None
    canonical: str | None = None  # <link rel="canonical">


def _flatten(obj) -> list[dict]:
    out: list[dict] = []
    stack = [obj]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[:0] = item
        elif isinstance(item, dict):
            out.append(item)
            if "@graph" in item:
                stack.extend(item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]])
            main = item.get("mainEntity") or item.get("mainEntityOfPage")
            if isinstance(main, dict) and main.get("@type"):
                stack.append(main)
    return out


def _types(obj: dict) -> list[str]:
    kind = obj.get("@type") or []
    return [str(k) for k in (kind if isinstance(kind, list) else [kind])]


def _names(value) -> list[str]:
    """Names in a JSON-LD author/publisher value (a string, an object or a list of them)."""
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, list):
            name = name[0] if name else None
        return [clean_inline(str(name))] if name else []
    if isinstance(value, str) and value.strip() and not value.startswith(("http", "/")):
        return [clean_inline(value)]
    return []


def read_markup(tree, url: str | None = None) -> Markup:
    """The markup's metadata of a parsed page (an lxml HTML tree)."""
    mk = Markup(url=url)
    for script in tree.iterfind(".//script"):
        if "ld+json" not in (script.get("type") or ""):
            continue
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            try:
                data = json.loads(re.sub(r"[\x00-\x1f]", " ", raw))
            except ValueError:
                continue
        for obj in _flatten(data):
            if any(_ARTICLE_TYPES.search(t) for t in _types(obj)):
                mk.jsonld.append(obj)
            if "publisher" in obj:
                mk.publisher.extend(_names(obj["publisher"]))
            if any(t in ("NewsMediaOrganization", "Organization", "WebSite") for t in _types(obj)) \
                    and obj.get("name") and not mk.publisher:
                pass
    for el in tree.iterfind(".//meta"):
        name = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = el.get("content")
        if name and content and content.strip():
            mk.meta.setdefault(name, []).append(" ".join(content.split()))
    for el in tree.iterfind(".//h1"):
        text = _text(el)
        if text:
            mk.h1.append(text)
    title = tree.find(".//title")
    if title is not None:
        mk.title = _text(title) or None
    for el in tree.iterfind(".//time"):
        value = el.get("datetime") or ""
        if not value.strip():
            continue
        how = "time"
        if (el.get("itemprop") or "").lower() == "datepublished" or el.get("pubdate") is not None:
            how = "time published"
        mk.times.append((value.strip(), how))
    for el in tree.iterfind(".//link[@rel]"):
        if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
            mk.canonical = el.get("href").strip()
            break
    for el in tree.iterfind(".//a[@rel]"):
        if "author" in (el.get("rel") or "").lower().split():
            text = _text(el)
            if text:
                mk.rel_authors.append(text)
    return mk


def _meta(mk: Markup, *names: str) -> str | None:
    for name in names:
        if mk.meta.get(name):
            return mk.meta[name][0]
    return None


# --------------------------------------------------------------------------------- outlet


def domain(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    host = re.sub(r"^(?:www\d?|m|amp|edition|news)\.", "", host.lower())
    return host or None


def domain_stem(url: str | None) -> str | None:
    """The name part of a site's domain: "www.sci-news.com" → "scinews"."""
    host = domain(url)
    if not host:
        return None
    parts = host.split(".")
    # "timesofindia.indiatimes.com", "bbc.co.uk": the first label that is not a suffix
    while len(parts) > 1 and (parts[-1] in _SUFFIXES or len(parts[-1]) <= 2):
        parts = parts[:-1]
    return _key(parts[0]) if parts else None


_SUFFIXES = {"com", "org", "net", "gov", "edu", "co", "news", "info", "tv", "io", "ac"}


def site_names(mk: Markup) -> list[str]:
    """What the page calls its site: og:site_name, application-name, JSON-LD publisher."""
    names = [n for n in (_meta(mk, "og:site_name", "application-name", "al:ios:app_name",
                               "twitter:app:name:iphone", "apple-mobile-web-app-title"),)
             if n]
    names += mk.publisher
    return names


def is_site_label(segment: str, sites: list[str], stem: str | None) -> bool:
    """Does a title segment name the site ("CBC News", "Sci.News", "Tennis.com")?"""
    key = _key(segment)
    if not key:
        return False
    for site in sites:
        skey = _key(site)
        if skey and (key == skey or (len(skey) >= 4 and skey in key and len(key) <= len(skey) + 12)
                     or (len(key) >= 4 and key in skey)):
            return True
    if stem and len(stem) >= 3:
        bare = key[3:] if key.startswith("the") else key
        if bare == stem or stem in key and len(key) <= len(stem) + 14 or (
                len(bare) >= 5 and bare in stem):
            return True
    return False


# ------------------------------------------------------------------------------- headline

_TITLE_SEP = re.compile(r"\s+[|–—•·»]\s+|\s+-{1,2}\s+|\s*\|\s*|:\s+(?=[A-Z])")


def strip_site(title: str, sites: list[str], stem: str | None) -> str:
    """`title` without leading or trailing segments that name the site or a section of it
    ("… | CBC News", "Opinion | …", "PolitiFact - …", "… | News | The Harvard Crimson")."""
    parts = _TITLE_SEP.split(title)
    seps = _TITLE_SEP.findall(title)
    if len(parts) < 2:
        return title
    labels = patterns().get("section", [])

    def removable(seg: str) -> bool:
        return is_site_label(seg, sites, stem) or any(p.fullmatch(seg.strip()) for p in labels)

    lo, hi = 0, len(parts)
    # trailing: drop from the end while segments are site or section labels, if one is the site
    end = hi
    while end - lo > 1 and removable(parts[end - 1]):
        end -= 1
    if end < hi and any(is_site_label(p, sites, stem) for p in parts[end:hi]):
        hi = end
    elif end < hi and all(any(p.fullmatch(s.strip()) for p in labels) for s in parts[end:hi]) \
            and not seps[end - 1].strip().startswith(":"):
        hi = end
    start = lo
    while hi - start > 1 and removable(parts[start]):
        start += 1
    if start > lo and not seps[start - 1].strip().startswith(":"):
        lo = start
    if (lo, hi) == (0, len(parts)):
        return title
    # rebuild with the original separators between the kept parts
    out = parts[lo]
    for k in range(lo + 1, hi):
        out += seps[k - 1] + parts[k]
    return out.strip()


def _headline_candidates(mk: Markup) -> list[tuple[str, str]]:
    sites = site_names(mk)
    stem = domain_stem(mk.url)
    out: list[tuple[str, str]] = []
    for obj in mk.jsonld:
        value = obj.get("headline") or obj.get("name")
        if isinstance(value, str) and value.strip():
            out.append(("json-ld headline", clean_inline(value)))
            break
    for name, why in (("og:title", "og:title"), ("twitter:title", "twitter:title")):
        if mk.meta.get(name):
            out.append((why, mk.meta[name][0]))
    for text in mk.h1:
        if not is_site_label(text, sites, stem):
            out.append(("h1", text))
    if mk.title:
        out.append(("title", mk.title))
    return [(why, strip_site(_unescape(text), sites, stem)) for why, text in out if text]


def _unescape(text: str) -> str:
    import html

    return clean_inline(html.unescape(text)).strip()


def _contains(outer: str, inner: str) -> bool:
    """`inner` is `outer`, or one of its separator-bounded parts runs."""
    if outer == inner:
        return True
    ko, ki = _key(outer), _key(inner)
    # "Headline - Series Guide - Site": the first or last dash- or bar-bounded part
    parts = re.split(r"\s+[-–—|]\s+", outer)
    if len(parts) > 1 and ki and ki in (_key(parts[0]), _key(parts[-1])) and len(ki) >= 12:
        return True
    return bool(ki) and len(ki) >= 0.5 * len(ko) and (ko.startswith(ki) or ko.endswith(ki)) \
        and ko != ki


def _inside(outer: str, inner: str) -> bool:
    """`inner` is `outer` less a few words at its start or end."""
    ko, ki = _key(outer), _key(inner)
    if not ki or ko == ki or len(ki) < 12 or not (ko.startswith(ki) or ko.endswith(ki)):
        return False
    extra = len(outer.split()) - len(inner.split())
    return 0 < extra <= 3


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]{4,}", text.casefold())}


def choose_headline(mk: Markup) -> tuple[str | None, str]:
    """The headline and the rule that chose it. Rules in order:

    - `h1 agreed`: the page's visible `<h1>` that another source repeats or contains
      (h1 "X", og:title "X | Site");
    - `h1`: the one article-sized `<h1>` of the page, when it shares a word with the page's
      other titles (a reader sees the h1, whatever the share card says);
    - `agreement`: a candidate (site labels stripped) that another source repeats or contains;
    - `structured`: JSON-LD headline, og:title, twitter:title, in that order;
    - `title`: the `<title>`, site labels stripped.
    """
    cands = _headline_candidates(mk)
    if not cands:
        return None, "none"

    def support(why: str, text: str) -> int:
        return sum(1 for w, t in cands if w != why and (_key(t) == _key(text) or _contains(t, text)))

    h1s = [t for w, t in cands if w == "h1" and len(t.split()) >= 2 and len(t) >= 12]
    agreed = [t for t in h1s if support("h1", t)]
    if agreed:
        return max(agreed, key=lambda t: support("h1", t)), "h1 agreed"
    others = [t for w, t in cands if w != "h1"]
    # an h1 with a kicker or a tag inside ("Opinion What I'll…", "… [Watch]"): the part
    # another source gives on its own
    for h1 in h1s:
        inner = [t for t in others if _inside(h1, t)]
        if inner:
            return max(inner, key=len), "h1 kicker stripped"
    if len(h1s) == 1 and len(h1s[0].split()) >= 3 and (
            not others or _content_words(h1s[0]) & set().union(*map(_content_words, others))):
        return h1s[0], "h1"
    order = {"json-ld headline": 1, "og:title": 2, "twitter:title": 3, "title": 4}
    ranked = sorted(((-support(w, t), order[w], t) for w, t in cands if w != "h1"
                     and (len(t.split()) >= 2 or len(t) >= 12)), key=lambda r: r[:2])
    if ranked and ranked[0][0] < 0:
        return ranked[0][2], "agreement"
    if ranked:
        return ranked[0][2], "structured" if ranked[0][1] < 4 else "title"
    return cands[0][1], cands[0][0]


# ----------------------------------------------------------------------------------- date

# `<meta>` names that carry the publication time, most trusted first
DATE_META = ("article:published_time", "og:article:published_time", "datepublished",
             "published_time", "og:published_time", "article.published", "pubdate",
             "publishdate", "publish-date", "publish_date", "pub_date", "publisheddate",
             "parsely-pub-date", "cxenseparse:publishtime", "dc.date.issued", "dcterms.issued",
             "dcterms.date", "dc.date", "sailthru.date", "citation_publication_date",
             "article:published", "date", "datecreated")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_TIME = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})(?:[T ]\s*(?P<time>\d{1,2}:\d{2}(?::\d{2})?)(?P<frac>\.\d+)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?")


def parse_timestamp(raw: str | None) -> str | None:
    """An ISO 8601 date or time from a markup value: the date, and the time of day and the
    offset when the value gives them ("2023-12-22T11:35:04-05:00", "2023-12-22 11:35:04",
    "2023-12-22"). Values that are no date give None."""
    if not raw:
        return None
    m = _ISO_TIME.search(raw.strip())
    if not m:
        from .metadata import iso_date

        day = iso_date(re.sub(r"\b\d{1,2}:\d{2}.*$", "", raw)) if re.search(r"[A-Za-z]{3}", raw) \
            else None
        return day if day and day >= "1900" else None
    day = m.group("date")
    try:
        datetime.fromisoformat(day)
    except ValueError:
        return None
    if not m.group("time"):
        return day
    clock = m.group("time")
    if len(clock) == 5 or len(clock) == 4:
        clock += ":00"
    clock = clock.zfill(8)
    tz = m.group("tz") or ""
    if tz and tz != "Z" and ":" not in tz:
        tz = tz[:3] + ":" + tz[3:]
    if tz in ("Z", "+00:00", "-00:00"):
        tz = "+00:00"
    try:
        datetime.fromisoformat(f"{day}T{clock}{tz}")
    except ValueError:
        return day
    return f"{day}T{clock}{tz}"


def _instant(iso: str) -> datetime | None:
    if "T" not in iso or iso[-6] not in "+-":
        return None
    return datetime.fromisoformat(iso)


@dataclass(frozen=True)
class DateGuard:
    """Bounds a publication date must keep: not after the crawl (or today) and not before
    the web."""

    latest: str
    earliest: str = "1995-01-01"

    def ok(self, iso: str | None) -> bool:
        return bool(iso) and self.earliest <= iso[:10] <= self.latest


def default_guard(crawled: str | None = None) -> DateGuard:
    day = (crawled or "")[:10] or datetime.now(timezone.utc).date().isoformat()
    return DateGuard(latest=day)


def _structured_dates(mk: Markup) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for obj in mk.jsonld:
        value = obj.get("datePublished") or obj.get("dateCreated")
        if isinstance(value, str) and (iso := parse_timestamp(value)):
            out.append((iso, "json-ld datePublished"))
    for name in DATE_META:
        for value in mk.meta.get(name, [])[:1]:
            if iso := parse_timestamp(value):
                out.append((iso, f"meta {name}"))
    for value, how in mk.times:
        if how == "time published" and (iso := parse_timestamp(value)):
            out.append((iso, "time datePublished"))
    return out


# a wall clock and a UTC time of one instant differ by whole quarter hours, at most this much
_MAX_OFFSET = timedelta(hours=14)
_WALL_CLOCK = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")


def _local_form(iso: str, others: list[tuple[str, str]]) -> str:
    """A UTC time the page also gives in its local offset, in that offset (the date a reader
    of the page sees): "2023-12-02T00:46:23+00:00" and "2023-12-01T19:46:23-05:00". A local
    wall-clock time without an offset counts when it has the UTC time's minutes and seconds
    and lies whole quarter hours from it, at most 14 hours (the offset is then known):
    "2023-11-09T03:28:35+00:00" and "2023-11-08T22:28:35" give "2023-11-08T22:28:35-05:00"."""
    if not iso.endswith("+00:00"):
        return iso
    at = _instant(iso)
    if at is None:
        return iso
    for other, _ in others:
        there = _instant(other)
        if there is not None and not other.endswith("+00:00") and abs(
                (there - at).total_seconds()) <= 60:
            return other
    for other, _ in others:
        if _WALL_CLOCK.match(other):
            try:
                offset = datetime.fromisoformat(other) - at.replace(tzinfo=None)
            except ValueError:  # a page's "2023-13-45T99:00:00"
                continue
            if offset and abs(offset) <= _MAX_OFFSET and not offset % timedelta(minutes=15):
                return other + _offset_text(offset)
    return iso


def _offset_text(offset: timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


_URL_DAY = re.compile(r"/((?:19|20)\d\d)[/_-](\d{1,2})[/_-](\d{1,2})(?=/|[-_.]|$)")
# a UTC time earlier than this hour may fall on the day before in the Americas' local time
# (UTC-3 to UTC-9)
_WEST_HOURS = 9


def url_day(mk: Markup) -> str | None:
    """The day written in the page's address (its URL, else its canonical link or og:url) as
    year/month/day: "https://example.com/2023/11/08/story/" gives "2023-11-08"."""
    for url in (mk.url, mk.canonical, _meta(mk, "og:url")):
        m = _URL_DAY.search(url or "")
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            except ValueError:
                return None
    return None


def _local_day_of_url(iso: str, mk: Markup) -> str | None:
    """The local day of a UTC time early in the day that the page's own address dates the
    day before: the site's clock is west of Greenwich (a US paper's 2023-11-09T03:28:35Z is
    the evening of 2023-11-08, its URL's day). None when the address says nothing of it."""
    if not iso.endswith("+00:00") or int(iso[11:13]) >= _WEST_HOURS:
        return None
    day = url_day(mk)
    if day and day == (date.fromisoformat(iso[:10]) - timedelta(days=1)).isoformat():
        return day
    return None


_TEXT_DATE = re.compile(
    r"\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)


def headline_element(tree, headline: str | None, sites: list[str], stem: str | None):
    """The element that shows the article's headline, where its byline and date follow:
    the `<h1>` (else an `<h2>`) whose text is the chosen headline, else the first `<h1>` that
    is not the site's name or logo, else the first `<h1>`."""
    key = _key(headline)
    h1s = list(tree.iterfind(".//h1"))
    if key:
        for tag in ("h1", "h2"):
            for el in (h1s if tag == "h1" else tree.iterfind(".//h2")):
                if _key(_text(el)) == key:
                    return el
    for el in h1s:
        text = _text(el)
        if text and not is_site_label(text, sites, stem) and not re.search(r"(?i)\blogo\b", text):
            return el
    return h1s[0] if h1s else None


DATE_NODE_CHARS = 120


def date_near_headline(tree, guard: DateGuard, *, chars: int = 600, h1=None) -> str | None:
    """The first full date written in the page's text just after its headline element `h1`
    (default: the first `<h1>`; where the byline and date line stand), within `chars`
    characters."""
    from .metadata import iso_date

    h1 = h1 if h1 is not None else next(tree.iterfind(".//h1"), None)
    if h1 is None:
        return None
    seen = 0
    parts: list[str] = []
    for text in _following(h1):
        parts.append(text)
        seen += len(text)
        if seen >= chars:
            break
    text = " ".join(parts)
    # a date line or byline node, not a date inside the article's or the dek's sentences
    for part in parts:
        if len(part) > DATE_NODE_CHARS:
            continue
        for m in _TEXT_DATE.finditer(part):
            iso = iso_date(m.group(0))
            if iso and guard.ok(iso):
                return iso
    # a date written in a form the text patterns do not read ("12/22/2023 05:00 AM") inside
    # a <time> whose machine-readable datetime says which day it is
    squeezed = " ".join(text.split())
    for el in h1.xpath("following::time[@datetime][position() <= 3]"):
        shown = " ".join(el.text_content().split())
        iso = parse_timestamp(el.get("datetime"))
        if shown and shown in squeezed and iso and guard.ok(iso[:10]):
            return iso[:10]
    return None


_SKIP_TAGS = {"script", "style", "noscript", "svg", "template", "button", "figcaption"}


def _following(el):
    """Text nodes after `el` in document order (its tail, then the following elements'),
    without scripts and styles."""
    if el.tail and el.tail.strip():
        yield el.tail.strip()
    node = el
    while node is not None:
        for sib in node.itersiblings():
            yield from _texts(sib)
        node = node.getparent()


def _texts(el):
    if isinstance(el.tag, str) and el.tag not in _SKIP_TAGS:
        if el.text and el.text.strip():
            yield el.text.strip()
        for child in el:
            yield from _texts(child)
    if el.tail and el.tail.strip():
        yield el.tail.strip()


def choose_date(mk: Markup, tree, guard: DateGuard, html: str | None = None, h1=None
                ) -> tuple[str | None, str]:
    """The publication time and the rule that chose it. Rules in order:

    - `structured`: JSON-LD datePublished, then the publication `<meta>` tags, then a
      `<time>` marked as the publication time; a UTC time the page also gives in its local
      offset (or as a local wall clock) is kept in that offset; a UTC time in the small hours
      whose page address names the day before is that day (`local day of the URL`);
    - `near headline`: a full date written just after the `<h1>`, where the reader sees it;
      it also wins over a structured date of an earlier day: the page shows the local day
      of a UTC time, or the day of its update ("Updated Dec 22"), and a reader dates the
      article by what the page shows (the naeb gold does so on pages of six sites);
    - `htmldate`: htmldate's search (fast, then extensive; original date), within the guard,
      and not a bare year (which it reads as 1 January). It reads the page's own text, not the
      parsed tree: the tree has lost the page's comments, where blogs keep their trackback
      record (`<!-- <rdf:RDF … dc:date="2020-07-12…"> -->`, which htmldate reads).
    Every date must pass `guard` (not after the crawl).
    """
    found = [(iso, why) for iso, why in _structured_dates(mk) if guard.ok(iso)]
    near = date_near_headline(tree, guard, h1=h1)
    if found:
        times = [(iso, "time") for value, _ in mk.times if (iso := parse_timestamp(value))]
        iso, why = found[0]
        iso = _local_form(iso, found + times)
        if local := _local_day_of_url(iso, mk):
            iso, why = local, why + ", local day of the URL"
        if near and near > iso[:10]:
            return near, "near headline, after " + why
        return iso, why
    if near:
        return near, "near headline"
    if html is None:
        return None, "none"
    import htmldate
    from htmldate.utils import load_html

    try:
        page = load_html(html)  # htmldate's parser keeps comments; parsed once for both modes
        if page is None:
            return None, "none"
        quick = htmldate.find_date(page, extensive_search=False, original_date=True,
                                   url=mk.url, max_date=guard.latest, min_date=guard.earliest)
        if quick and guard.ok(quick):
            return quick, "htmldate"
        deep = htmldate.find_date(page, extensive_search=True, original_date=True,
                                  url=mk.url, max_date=guard.latest, min_date=guard.earliest)
    except Exception:  # noqa: BLE001 -- htmldate fails on odd markup; no date then
        return None, "none"
    if deep and guard.ok(deep) and (not deep.endswith("-01-01") or deep in html):
        return deep, "htmldate extensive"
    return None, "none"


# -------------------------------------------------------------------------------- authors

_SPLIT_NAMES = re.compile(r"\s*(?:;|\||,|&|\band\b|\bund\b|\by\b|\bet\b)\s*")
_PERSON_TYPES = {"Person", ""}


def _staff_outlet(name: str) -> str | None:
    """The outlet a staff credit names ("Riverside Times staff" → "Riverside Times"), ""
    for a bare staff credit ("Staff reports"), None for a person."""
    name = name.strip(" .")
    for pat in patterns().get("staff", []):
        m = pat.fullmatch(name)
        if m:
            return (m.groupdict().get("outlet") or "").strip(" .,") if "outlet" in m.groupdict() \
                else ""
    return None


def clean_name(raw: str) -> str:
    """One author's name without the words around it ("View all posts by X", "X | x@y.com",
    "X - Contributing Writer", "X Updated Dec 21"); keeps the name's own punctuation."""
    import html

    name = clean_inline(html.unescape(raw)).strip()
    for pat in patterns().get("name_noise", []):
        name = pat.sub(" ", name).strip()
    return re.sub(r"\s+", " ", name).strip(" ,.;:|-–—") + ("." if re.search(
        r"\b(?:Jr|Sr|[A-Z])\.$", name.strip()) else "")


def looks_like_person(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= 6 or len(name) > 60 or re.search(r"\d|@|https?:|www\.", name):
        return False
    if len(words) == 1:
        return bool(re.fullmatch(r"[A-Z][\w'’.-]+", name)) and not name.isupper()
    if name.isupper():
        return False
    lower = [w for w in words if w[0].islower() and w.lower() not in _PARTICLES]
    return not lower


_PARTICLES = {"de", "da", "del", "della", "van", "von", "der", "den", "la", "le", "bin", "al",
              "el", "dos", "das", "di", "du", "ibn", "ter", "ten"}


@dataclass
class Authors:
    names: list[str]
    why: str
    outlet: str | None = None  # a staff credit's outlet ("By Riverside Times staff")
    staff: bool = False  # a staff credit was seen


def _is_outlet_name(name: str, sites: list[str], stem: str | None) -> bool:
    from .metadata import _known_outlet

    return is_site_label(name, sites, stem) or _known_outlet(name)


def split_authors(raws: list[str], sites: list[str], stem: str | None,
                  *, split: bool = True) -> Authors:
    """Persons among raw author values; a staff credit or an outlet's name is set aside as
    the outlet, not an author."""
    names: list[str] = []
    outlet = None
    seen_staff = False
    for raw in raws:
        parts = _SPLIT_NAMES.split(raw) if split else [re.split(r"\s*[,|]\s*", raw)[0]]
        for part in parts:
            name = clean_name(part)
            if not name:
                continue
            staff = _staff_outlet(name)
            if staff is not None:
                outlet = outlet or staff or None
                seen_staff = True
                continue
            if re.search(r"\beditorial (?:board|staff)$", name, re.IGNORECASE) and len(
                    name.split()) >= 3:
                names.append(name)  # "Sun Sentinel Editorial Board" signs the editorial
                continue
            if _is_outlet_name(name, sites, stem):
                outlet = outlet or name
                seen_staff = True  # the page credits its outlet, not a person
                continue
            if any(p.fullmatch(name) or p.fullmatch(part.strip(" ,.")) for p in patterns().get("role", [])):
                continue  # "Contributing Opinion Writer": a role, not a name
            if any(p.fullmatch(name) for p in patterns().get("not_name", [])):
                continue  # "Next Post", "admin", "Wednesday"
            name, credited = _without_trailing_outlet(name, sites, stem)
            if credited:
                outlet = outlet or credited
            if looks_like_person(name) and name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
    return Authors(names, "", outlet, seen_staff)


def _without_trailing_outlet(name: str, sites: list[str], stem: str | None) -> tuple[str, str | None]:
    """A name the page runs into its outlet ("ERIC TUCKER Associated Press", "Finian Cunningham.
    Sputnik") as the person's name, in title case when it is in capitals, and the outlet."""
    words = name.split()
    for k in (3, 2, 1):
        if len(words) - k < 2:
            continue
        tail = " ".join(words[-k:])
        if _is_outlet_name(tail, sites, stem):
            person = " ".join(words[:-k]).strip(" .,;|-–—")
            if person.isupper():
                person = " ".join(w.capitalize() for w in person.split())
            return person, tail
    return name, None


def _jsonld_authors(mk: Markup) -> tuple[list[str], list[str]]:
    """(persons, organisations) named as the article's authors in JSON-LD."""
    persons: list[str] = []
    orgs: list[str] = []
    for obj in mk.jsonld[:1]:
        value = obj.get("author") or obj.get("creator")
        for item in value if isinstance(value, list) else [value]:
            if item is None:
                continue
            kinds = (set(_types(item)) or {""}) if isinstance(item, dict) else {""}
            target = persons if kinds & _PERSON_TYPES or "Person" in kinds else orgs
            target.extend(_names(item))
    return persons, orgs


_BYLINE_TEXT = re.compile(
    r"(?:^|\s)(?i:by|words by|written by|story by)\s*:?\s+(?P<names>[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]*|de|da|del|van|von|der|al|el|bin))*"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]*|de|da|del|van|von|der|al|el|bin))*){0,3}"
    r"(?:\s+staff(?:\s+reports?|\s+writers?)?\b)?)")


_DATEISH = re.compile(r"^(?:[-–—|·•,]\s*)?(?:(?:published|posted|updated|on)\b|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|"
                      r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d|\d{1,2}[\s/.-]|\d{4}-)",
                      re.IGNORECASE)
_MONTH_DAY = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b.*$",
                        re.IGNORECASE)


def _outlet_line(text: str) -> bool:
    """A node that only names an outlet: a known one, or a short name in capitals ("USA
    TODAY NETWORK")."""
    from .metadata import _known_outlet

    bare = re.sub(r"(?i)\s+(?:network|group|media|digital)$", "", text.strip())
    words = text.split()
    return bool(bare) and (_known_outlet(text) or _known_outlet(bare) or (
        text.isupper() and 1 <= len(words) <= 4 and not re.search(r"[\d&|/]", text)))


def byline_near_headline(tree, sites: list[str] | None = None, stem: str | None = None,
                         *, chars: int = 600, bare: bool = True, h1=None) -> str | None:
    """The byline written just after the page's headline element `h1` (default: the first
    `<h1>`): a "By …" line, or a text node that is only a name and is followed by a date or
    the site's name ("Kaitlin Serio" then "Dec 21, 2023"; "Craig Meyer" then "USA TODAY
    NETWORK")."""
    h1 = h1 if h1 is not None else next(tree.iterfind(".//h1"), None)
    if h1 is None:
        return None
    chunks: list[str] = []
    seen = 0
    for text in _following(h1):
        chunks.append(" ".join(text.split()))
        seen += len(text)
        if seen >= chars:
            break
    for k, chunk in enumerate(chunks):
        # "By" and the name are often separate nodes ("By <a>Jane Doe</a>")
        window = chunk
        if k + 1 < len(chunks) and re.search(r"(?i)\bby\s*:?$", chunk):
            window += " " + chunks[k + 1]
            j = k + 2
            # "By <a>A</a> and <a>B</a>": each name its own node
            while j + 1 < len(chunks) and re.fullmatch(r"(?i)(?:and|&|,)", chunks[j]):
                window += " " + chunks[j] + " " + chunks[j + 1]
                j += 2
            if j < len(chunks) and re.match(r"(?i)by\b", chunks[j]):
                window += " By"
        head = _MONTH_DAY.sub("", _TEXT_DATE.sub(" | ", window))
        m = _BYLINE_TEXT.search(head)
        if m and m.start() < min(40, len(chunk)):
            names = m.group("names")
            if re.search(r"\sBy$", names):
                continue  # "By A By B": A credits the photo above, B wrote the article
            return names
        if not bare:
            continue
        after = chunks[k + 1] if k + 1 < len(chunks) else ""
        name, _, rest = re.split(r"\s+[-–—|·•]\s+", chunk, maxsplit=1)[0], None, None
        bare = clean_name(name)
        if (2 <= len(bare.split()) <= 4 and looks_like_person(bare) and len(bare) >= 6
                and (_DATEISH.match(chunk[len(name):].strip() or after)
                     or is_site_label(after, sites or [], stem) or _outlet_line(after)
                     or (sites and any(_key(s) and _key(s) in _key(after) for s in sites)))):
            return bare
    return None


def choose_authors(mk: Markup, tree, fallback: list[str] | None = None, h1=None) -> Authors:
    """The article's authors and the rule that found them. Rules in order: `parsely`
    (the parsely-author tags), `json-ld` (its Person authors), `meta author`
    (author/article:author/sailthru.author tags that are not links), `rel=author` links,
    `byline` (a "By …" line just after the h1), `extractor` (trafilatura's guess). Names
    that are the site's or a known outlet's, and staff credits, name the outlet instead."""
    sites = site_names(mk)
    stem = domain_stem(mk.url)
    persons, orgs = _jsonld_authors(mk)
    meta_names = [v for k in ("author", "article:author", "sailthru.author", "dcterms.creator",
                              "dc.creator", "byl", "article:author_name")
                  for v in mk.meta.get(k, []) if not v.startswith(("http", "/", "@"))]
    sources = [
        ("parsely", mk.meta.get("parsely-author", []), True),
        ("json-ld", persons, False),
        ("meta author", meta_names[:1], True),
        ("rel=author", mk.rel_authors[:4], True),
    ]
    outlet = None
    staff = False
    for why, raws, split in sources:
        if not raws:
            continue
        found = split_authors(raws, sites, stem, split=split)
        outlet = outlet or found.outlet
        staff = staff or found.staff
        if found.names:
            # the byline the reader sees wins where it names some of the markup's people
            # (the markup credits the photographer or stylist too) or all of them and more
            # (the markup lists the first writer only)
            line = byline_near_headline(tree, sites, stem, bare=False, h1=h1)
            shown = split_authors([line], sites, stem).names if line else []
            keys, seen = {_key(n) for n in found.names}, {_key(n) for n in shown}
            if shown and len(shown) < len(found.names) and seen <= keys:
                return Authors(shown, f"byline, of the {why} names", outlet)
            if len(shown) > len(found.names) and keys <= seen:
                return Authors(shown, f"byline, beyond the {why} names", outlet)
        if found.names:
            return Authors(found.names, why, outlet)
    if orgs and not outlet:
        outlet = orgs[0]
    # a bare name (no "By") only when the markup names no author at all, not even an outlet
    line = byline_near_headline(tree, sites, stem, bare=not (staff or orgs), h1=h1)
    outlet = outlet or (orgs[0] if orgs else None)
    if line:
        found = split_authors([line], sites, stem)
        outlet = outlet or found.outlet
        if found.names:
            return Authors(found.names, "byline", outlet)
    if callable(fallback):
        fallback = fallback()
    if fallback:
        found = split_authors(fallback, sites, stem)
        return Authors(found.names, "extractor" if found.names else "none", outlet or found.outlet)
    return Authors([], "none", outlet)


# --------------------------------------------------------------------------------- outlet


def _site_name(raw: str) -> str | None:
    """A site name without its tagline ("Sci.News: Breaking Science News" → "Sci.News";
    "@politifact" → "politifact"); None for a URL."""
    if re.search(r"https?://", raw):
        return None
    name = re.split(r"\s+[-–—|:]\s+|:\s+", raw.strip().lstrip("@"), maxsplit=1)[0].strip()
    return name or None


def _fits_domain(name: str, stem: str) -> bool:
    key = _key(name)
    bare = key[3:] if key.startswith("the") else key
    short = stem[3:] if stem.startswith("the") else stem
    return bool(bare) and (bare in stem or short in key or stem in key)


def copyright_outlet(text: str) -> str | None:
    """The holder a copyright line names ("© 2023 Riverside Times. All rights reserved.")."""
    for pat in patterns().get("copyright", []):
        for m in pat.finditer(text):
            name = m.group("outlet").strip(" .,")
            if name and not re.fullmatch(r"[\d\s-]+", name) and len(name.split()) <= 6:
                return name
    return None


def choose_outlet(mk: Markup, tree=None, staff: str | None = None) -> tuple[str | None, str]:
    """The outlet that published this copy, and the rule that named it: `og:site_name`,
    `json-ld publisher`, `staff byline`, `copyright` (the page's © line), `known domain`
    (resources/outlets.tsv), `application-name`."""
    from .metadata import _outlet_index, canonical_outlet

    stem = domain_stem(mk.url)
    named = [(_site_name(v), "og:site_name") for v in mk.meta.get("og:site_name", [])[:1]]
    named += [(_site_name(v), "json-ld publisher") for v in mk.publisher[:2]]
    named = [(n, why) for n, why in named if n]
    # the page's own name for itself, preferring one that agrees with its domain
    fitting = [(n, why) for n, why in named if stem and _fits_domain(n, stem)]
    for name, why in fitting or named:
        return canonical_outlet(name), why
    if staff:
        return canonical_outlet(staff), "staff byline"
    host = domain(mk.url)
    if host:
        index = _outlet_index()
        parts = host.split(".")
        for k in range(len(parts) - 1):
            key = ".".join(parts[k:])
            if key in index:
                return index[key], "known domain"
    if tree is not None:
        footer = tree.find(".//footer")
        holder = None
        if footer is not None:
            holder = copyright_outlet(" ".join(footer.text_content().split()))
        if holder:
            return canonical_outlet(holder), "copyright"
    name = _meta(mk, "application-name", "apple-mobile-web-app-title")
    if name:
        return canonical_outlet(name), "application-name"
    return None, "none"


def article_body(mk: Markup) -> str | None:
    """The longest `articleBody` the page's JSON-LD article objects give (entities decoded,
    tags dropped, paragraph breaks kept), or None."""
    import html

    best = None
    for obj in mk.jsonld:
        raw = obj.get("articleBody")
        if isinstance(raw, list):
            raw = "\n\n".join(str(r) for r in raw)
        if not isinstance(raw, str) or not raw.strip():
            continue
        text = html.unescape(re.sub(r"<[^>]{0,2000}>", " ", raw))
        if best is None or len(text) > len(best):
            best = text
    return best


def description(mk: Markup) -> str | None:
    """The page's summary of itself (og:description, description, twitter:description, or
    the JSON-LD article's description)."""
    found = _meta(mk, "og:description", "description", "twitter:description")
    if not found:
        for obj in mk.jsonld:
            if isinstance(obj.get("description"), str) and obj["description"].strip():
                found = obj["description"]
                break
    return _unescape(found) if found else None


def read_page(page, url: str | None = None, *, crawled: str | None = None,
              fallback_authors=None, html: str | None = None) -> PageMeta:
    """Headline, publication time, authors and outlet of a page (see the module docstring).
    `page` is the HTML or its parsed lxml tree (left as it was, `html` then its text);
    `fallback_authors` is a list,
    or a function giving one, asked only when the page's own markup names no author."""
    import lxml.html

    if isinstance(page, (str, bytes)):
        html = page if isinstance(page, str) else page.decode("utf-8", "replace")
        try:
            tree = lxml.html.fromstring(page)
        except (ValueError, TypeError, lxml.etree.ParserError):
            return PageMeta(why={"page": "unparsable"})
    else:
        tree = page
    mk = read_markup(tree, url)
    out = PageMeta()
    out.headline, out.why["headline"] = choose_headline(mk)
    h1 = headline_element(tree, out.headline, site_names(mk), domain_stem(mk.url))
    found = choose_authors(mk, tree, fallback_authors, h1=h1)
    out.authors, out.why["authors"] = found.names, found.why
    out.outlet, out.why["outlet"] = choose_outlet(mk, tree, found.outlet)
    # last: htmldate works on its own copy, but nothing after it reads the tree
    out.published, out.why["published"] = choose_date(mk, tree, default_guard(crawled), html, h1=h1)
    out.article_body = article_body(mk)
    out.description = description(mk)
    return out
