"""Plain records the corpus algorithms work on, and outlet/credit helpers.

The algorithms take these records (or any object with the same attribute names, such as the
store's light article records), so they run without a database.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from .. import resources
from .shingles import normalize


@dataclass(frozen=True)
class DocRecord:
    """One stored article as the corpus steps see it."""

    id: str
    uri: str = ""
    outlet: str | None = None
    published: str | None = None
    text: str = ""
    url: str | None = None
    headline: str | None = None
    origin_outlet: str | None = None
    republished_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClaimRecord:
    """One claim of one stored article, with the article's outlet and date (the fields of the
    store's ClaimRecord that tracing uses)."""

    article_id: str
    claim_id: str  # the claim's id inside its article (c1, c2…)
    text: str
    claimant: str | None = None
    hedges: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    outlet: str | None = None
    published: str | None = None
    uri: str = ""

    @property
    def ref(self) -> str:
        """Corpus-wide claim id: `ARTICLE_ID/CLAIM_ID`."""
        return f"{self.article_id}/{self.claim_id}"


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def iso_date(value: Any) -> str | None:
    """An ISO date string for a date, datetime or string (None stays None)."""
    if value is None or value == "":
        return None
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return tuple(x.strip() for x in value.split(",") if x.strip())
    return tuple(str(v) for v in value if v)


def as_doc_record(obj: Any) -> DocRecord:
    """A DocRecord from a DocRecord, a mapping, an `Analysis` or a store record."""
    if isinstance(obj, DocRecord):
        return obj
    meta = _get(obj, "meta")
    source = _get(obj, "source")

    def pick(name: str) -> Any:
        value = _get(obj, name)
        if value is None and meta is not None:
            value = _get(meta, name)
        if value is None and source is not None:
            value = _get(source, name)
        return value

    # The carrier: the outlet that published this copy. A store record's `outlet` falls back
    # to the credited origin, so the container's own outlet (`source_outlet`) comes first.
    outlet = pick("source_outlet")
    if outlet is None and meta is not None:
        outlet = _get(meta, "outlet")  # the outlet cleaning found for this copy
    if outlet is None and not pick("origin_outlet"):
        outlet = pick("outlet")
    return DocRecord(
        id=str(_get(obj, "id")),
        uri=str(pick("uri") or ""),
        outlet=outlet,
        published=iso_date(pick("published")),
        text=_get(obj, "text") or "",
        url=pick("url"),
        headline=pick("headline"),
        origin_outlet=pick("origin_outlet"),
        republished_by=_tuple(pick("republished_by")),
    )


def as_doc_records(objs: Iterable[Any]) -> Iterable[DocRecord]:
    return (as_doc_record(o) for o in objs)


def as_claim_record(obj: Any) -> ClaimRecord:
    """A ClaimRecord from a ClaimRecord, the store's ClaimRecord or a mapping."""
    if isinstance(obj, ClaimRecord):
        return obj
    claimant = _get(obj, "claimant")
    if claimant is not None and not isinstance(claimant, str):
        claimant = _get(claimant, "name")
    hedges = _get(obj, "hedges") or ()
    return ClaimRecord(
        article_id=str(_get(obj, "article_id")),
        claim_id=str(_get(obj, "claim_id") or _get(obj, "id")),
        text=_get(obj, "text") or "",
        claimant=claimant,
        hedges=tuple(h if isinstance(h, str) else _get(h, "text") for h in hedges),
        evidence=_tuple(_get(obj, "evidence")),
        outlet=_get(obj, "outlet"),
        published=iso_date(_get(obj, "published")),
        uri=_get(obj, "uri") or "",
    )


_TLD = re.compile(r"\.(?:com|org|net|info|news|co|uk|us|ca|au|in|io|tv|fm|de|fr|es|it)\b")


@lru_cache(maxsize=65536)
def outlet_key(name: str | None) -> str:
    """A comparison key for an outlet name or domain: "The Guardian", "theguardian.com" and
    "www.theguardian.com" all give "guardian"."""
    if not name:
        return ""
    text = normalize(name.strip())
    if "://" in text:
        text = urlsplit(text).netloc or text
    text = re.sub(r"^www\.", "", text)
    text = _TLD.sub("", text)
    key = re.sub(r"[^0-9a-z]+", "", text)
    return key[3:] if key.startswith("the") and len(key) > 6 else key


def record_outlet(record: DocRecord) -> str | None:
    """The outlet that carried a record: its `outlet`, else the host of its URL, else the
    last outlet of its republication chain (cleaning appends the carrier there)."""
    if record.outlet:
        return record.outlet
    for candidate in (record.url, record.uri):
        if candidate and "://" in candidate:
            host = urlsplit(candidate).netloc
            if host:
                return re.sub(r"^www\.", "", host)
    if record.republished_by:
        return record.republished_by[-1]
    return None


@lru_cache(maxsize=1)
def _credit_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE | re.MULTILINE)
                 for p in resources.lines("syndication_credits.txt"))


def credited_outlets(record: DocRecord) -> tuple[str, ...]:
    """Outlets a record credits as earlier carriers: its `origin_outlet` metadata when that
    differs from its own outlet, the outlets before its own in `republished_by`, and credit
    lines in its text ("The post … appeared first on X", "This article originally appeared
    on X", "Republished from X")."""
    found: list[str] = []
    own = outlet_key(record_outlet(record))
    if record.origin_outlet and outlet_key(record.origin_outlet) != own:
        found.append(record.origin_outlet)
    # `republished_by` lists the carriers in order: those before this one carried it earlier.
    chain = [outlet_key(name) for name in record.republished_by]
    earlier = record.republished_by[:chain.index(own)] if own in chain else record.republished_by
    found.extend(name for name in earlier if outlet_key(name) != own)
    if record.text:
        for pattern in _credit_patterns():
            for match in pattern.finditer(record.text):
                name = match.group("outlet").strip(" .\"'“”‘’()[]")
                if name and outlet_key(name) and outlet_key(name) != own:
                    found.append(name)
    seen: set[str] = set()
    out = []
    for name in found:
        key = outlet_key(name)
        if key not in seen:
            seen.add(key)
            out.append(name)
    return tuple(out)


def date_key(published: str | None, ident: str) -> tuple[bool, str, bool, str, str]:
    """Sort key: dated before undated, earlier day first; within a day, copies with a time of
    day by the instant they give (offsets taken into account: 06:54-05:00 is after
    10:00+00:00), then copies dated by the day only; ties by id."""
    if not published:
        return (True, "", True, "", ident)
    day = published[:10]
    return (False, day, not has_time(published), utc_instant(published), ident)


def has_time(published: str | None) -> bool:
    """Does an ISO value give a time of day ("2023-12-19T06:54:00")?"""
    return bool(published) and len(published) > 10 and published[10] in "T "


def utc_instant(published: str) -> str:
    """An ISO time in UTC when it has an offset ("2023-12-19T06:54:00-05:00" →
    "2023-12-19T11:54:00"); other values as they are."""
    if not has_time(published):
        return published
    try:
        at = datetime.fromisoformat(published.replace(" ", "T", 1))
    except ValueError:
        return published
    if at.tzinfo is not None:
        at = at.astimezone(timezone.utc).replace(tzinfo=None)
    return at.isoformat()

