"""Dates: every temporal expression of the article, normalised against its publication date.

`normalize(expr, anchor)` is a pure function: an expression such as "last week", "Tuesday",
"in early September", "mid-August", "since 2020" or "the 1990s" and an anchor date give an ISO
value and its precision:

    day      2025-09-09          week    2025-W36        month   2025-09
    season   2025-SU (TIMEX3)    year    2020            decade  199X (EDTF)
    a range of years "1999-2013" → "1999/2013" (ISO interval), precision year.

Relative expressions need an anchor (the article's `meta.published`; failing that, the latest
explicit full date in the first two sentences, its dateline and lede); without one they keep `value=None`, while explicit years and
months ("in 2002", "September 2019") keep their values. Bare weekdays and months are read as
the most recent one on or before the anchor (news reports the past), unless `prefer_future`.

The `dates` component finds the expressions (spaCy DATE/TIME entities plus the patterns below
for what spaCy misses) and assigns `ctx.dates`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

from .. import resources
from ..model import TimeExpression
from .context import Context
from .mentions import doc_text
from .registry import component

PRECISIONS = ("day", "week", "month", "season", "year", "decade", "unknown")


class Normalized(NamedTuple):
    value: str | None
    precision: str


UNKNOWN = Normalized(None, "unknown")


class _Words(NamedTuple):
    month: dict[str, int]
    weekday: dict[str, int]
    season: dict[str, str]
    dayword: dict[str, int]
    shift: dict[str, int]
    part: dict[str, str]
    number: dict[str, int]


@lru_cache(maxsize=1)
def _words() -> _Words:
    kinds: dict[str, dict[str, Any]] = {k: {} for k in _Words._fields}
    for row in resources.table("date_words.tsv"):
        value: Any = row["value"]
        if row["kind"] in ("month", "weekday", "dayword", "shift", "number"):
            value = int(value)
        kinds[row["kind"]][row["word"]] = value
    return _Words(**kinds)


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


class _Patterns(NamedTuple):
    iso: re.Pattern
    year_range: re.Pattern
    decade: re.Pattern
    month_day: re.Pattern
    day_month: re.Pattern
    month_year: re.Pattern
    month: re.Pattern
    season: re.Pattern
    year: re.Pattern
    dayword: re.Pattern
    weekday: re.Pattern
    shifted_unit: re.Pattern
    ago: re.Pattern
    finder: re.Pattern


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    w = _words()
    mon = rf"(?P<mon>{_alt(w.month)})\.?"
    part = rf"(?:(?P<part>{_alt(w.part)})(?:[- ]|\s+of\s+)(?:the\s+)?)?"
    shift = rf"(?P<shift>{_alt(w.shift)})"
    year = r"(?P<year>(?:1[6-9]|20)\d\d)"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    wd = rf"(?P<wd>{_alt(w.weekday)})"
    num = rf"(?P<num>\d+|{_alt(w.number)})"
    b = r"\b"
    return _Patterns(
        iso=re.compile(r"\b(?P<y>\d{4})-(?P<m>[01]\d)(?:-(?P<d>[0-3]\d))?\b"),
        year_range=re.compile(rf"\b(?P<y1>(?:1[6-9]|20)\d\d)\s*[-–—/]\s*(?P<y2>(?:1[6-9]|20)?\d\d)\b"),
        decade=re.compile(rf"(?<!\w){part}(?:(?P<cent>1[6-9]|20)|')(?P<dec>\d)0'?s\b"),
        month_day=re.compile(rf"{b}{mon}\s+{day}\b(?:,?\s+{year}\b)?"),
        day_month=re.compile(rf"{b}{day}(?:\s+of)?\s+{mon}\b(?:,?\s+{year}\b)?"),
        month_year=re.compile(rf"{b}{part}{mon}\b,?\s+(?:of\s+)?{year}\b"),
        month=re.compile(rf"{b}{part}(?:{shift}\s+)?{mon}\b"),
        season=re.compile(
            rf"{b}{part}(?:{shift}\s+)?(?P<season>{_alt(w.season)})\b(?:\s+(?:of\s+)?{year}\b)?"
        ),
        year=re.compile(rf"{b}{part}{year}\b"),
        dayword=re.compile(rf"{b}(?P<dw>{_alt(w.dayword)})\b"),
        weekday=re.compile(rf"{b}(?:{shift}\s+)?{wd}\b"),
        shifted_unit=re.compile(
            rf"{b}{part}(?:(?:earlier|later)\s+)?(?:the\s+)?{shift}\s+(?P<unit>week(?:end)?|month|year|decade)\b"
        ),
        ago=re.compile(rf"{b}{num}\s+(?P<unit>day|week|month|year|decade)s?\s+(?:ago|earlier|before)\b"),
        finder=re.compile(
            "|".join(
                [
                    rf"{b}(?:{part}){mon}\b(?:\s+[0-3]?\d(?:st|nd|rd|th)?\b)?(?:,?\s+(?:1[6-9]|20)\d\d\b)?",
                    rf"{b}[0-3]?\d(?:st|nd|rd|th)?\s+{mon}\b(?:,?\s+(?:1[6-9]|20)\d\d\b)?".replace("(?P<mon>", "(?:"),
                    rf"{b}(?:{shift}\s+)?{wd}\b",
                    rf"{b}(?:{part})(?:{shift}\s+)?(?:week(?:end)?|month|year|decade)\b",
                    rf"{b}(?:{part})(?:the\s+)?(?:1[6-9]|20)\d0s\b",
                    rf"{b}(?:in|since|by|until|of|during)\s+(?:{part})(?:1[6-9]|20)\d\d\b",
                    rf"{b}(?P<dw>{_alt(w.dayword)})\b",
                ]
            ).replace("(?P<part>", "(?:").replace("(?P<shift>", "(?:").replace("(?P<mon>", "(?:")
            .replace("(?P<wd>", "(?:").replace("(?P<dw>", "(?:"),
            re.IGNORECASE,
        ),
    )


def parse_anchor(value: str | None) -> date | None:
    """The anchor date of an ISO string ("2025-09-10"; a coarser "2025-09" gives its first day)."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return None


def _month_year(month: int, anchor: date, prefer_future: bool) -> int:
    if prefer_future:
        return anchor.year if month >= anchor.month else anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def _week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _shift_month(d: date, months: int) -> tuple[int, int]:
    index = d.year * 12 + d.month - 1 + months
    return index // 12, index % 12 + 1


def _year(text: str | None) -> int | None:
    return int(text) if text else None


def _valid_day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def normalize(expr: str, anchor: date | None = None, *, prefer_future: bool = False) -> Normalized:
    """The ISO value and precision of a temporal expression, read against `anchor`."""
    s = " ".join(expr.casefold().replace("’", "'").split())
    if not s:
        return UNKNOWN
    w, p = _words(), _patterns()

    if m := p.iso.search(s):
        y, mo, d = int(m["y"]), int(m["m"]), m["d"]
        if 1 <= mo <= 12:
            if d and _valid_day(y, mo, int(d)):
                return Normalized(f"{y:04d}-{mo:02d}-{int(d):02d}", "day")
            if not d:
                return Normalized(f"{y:04d}-{mo:02d}", "month")
    if m := p.ago.search(s):
        n = int(m["num"]) if m["num"].isdigit() else w.number.get(m["num"], 1)
        unit = m["unit"]
        if anchor is None:
            return UNKNOWN
        if unit == "day":
            return Normalized((anchor - timedelta(days=n)).isoformat(), "day")
        if unit == "week":
            return Normalized(_week(anchor - timedelta(weeks=n)), "week")
        if unit == "month":
            y, mo = _shift_month(anchor, -n)
            return Normalized(f"{y:04d}-{mo:02d}", "month")
        if unit == "year":
            return Normalized(f"{anchor.year - n:04d}", "year")
        return Normalized(f"{(anchor.year - 10 * n) // 10:03d}X", "decade")
    if m := p.month_day.search(s):
        return _day(w.month[m["mon"]], int(m["day"]), _year(m["year"]), anchor, prefer_future)
    if m := p.day_month.search(s):
        return _day(w.month[m["mon"]], int(m["day"]), _year(m["year"]), anchor, prefer_future)
    if m := p.month_year.search(s):
        return Normalized(f"{int(m['year']):04d}-{w.month[m['mon']]:02d}", "month")
    if m := p.year_range.search(s):
        y1, y2 = m["y1"], m["y2"]
        if len(y2) == 2:
            y2 = y1[:2] + y2
        if int(y2) > int(y1):
            return Normalized(f"{y1}/{y2}", "year")
    if m := p.decade.search(s):
        century = m["cent"]
        if century is None:  # '90s
            century = "19" if int(m["dec"]) >= 3 else "20"
        return Normalized(f"{century}{m['dec']}X", "decade")
    if m := p.season.search(s):
        code = w.season[m["season"]]
        if m["year"]:
            return Normalized(f"{m['year']}-{code}", "season")
        if anchor is None:
            return UNKNOWN
        shift = w.shift.get(m["shift"] or "", 0)
        return Normalized(f"{anchor.year + shift:04d}-{code}", "season")
    if m := p.shifted_unit.search(s):
        if anchor is None:
            return UNKNOWN
        shift, unit = w.shift[m["shift"]], m["unit"]
        if unit.startswith("week"):
            return Normalized(_week(anchor + timedelta(weeks=shift)), "week")
        if unit == "month":
            y, mo = _shift_month(anchor, shift)
            return Normalized(f"{y:04d}-{mo:02d}", "month")
        if unit == "year":
            return Normalized(f"{anchor.year + shift:04d}", "year")
        return Normalized(f"{anchor.year // 10 + shift:03d}X", "decade")
    if m := p.month.search(s):
        mo = w.month[m["mon"]]
        if anchor is None:
            return UNKNOWN
        shift = m["shift"]
        if shift and w.shift[shift] < 0:
            y = anchor.year if mo < anchor.month else anchor.year - 1
        elif shift and w.shift[shift] > 0:
            y = anchor.year if mo > anchor.month else anchor.year + 1
        elif shift:
            y = anchor.year
        else:
            y = _month_year(mo, anchor, prefer_future)
        return Normalized(f"{y:04d}-{mo:02d}", "month")
    if m := p.year.search(s):
        return Normalized(m["year"], "year")
    if m := p.dayword.search(s):
        if anchor is None:
            return UNKNOWN
        return Normalized((anchor + timedelta(days=w.dayword[m["dw"]])).isoformat(), "day")
    if m := p.weekday.search(s):
        if anchor is None:
            return UNKNOWN
        wd = w.weekday[m["wd"]]
        shift = w.shift.get(m["shift"] or "", 0)
        if shift < 0:
            delta = -((anchor.weekday() - wd) % 7 or 7)
        elif shift > 0 or prefer_future:
            delta = (wd - anchor.weekday()) % 7 or (7 if shift > 0 else 0)
        else:
            delta = -((anchor.weekday() - wd) % 7)
        return Normalized((anchor + timedelta(days=delta)).isoformat(), "day")
    return UNKNOWN


def _day(month: int, day: int, year: int | None, anchor: date | None, prefer_future: bool) -> Normalized:
    if year is None:
        if anchor is None:
            return UNKNOWN
        year = _month_year(month, anchor, prefer_future)
    if _valid_day(year, month, day) is None:
        return Normalized(f"{year:04d}-{month:02d}", "month")
    return Normalized(f"{year:04d}-{month:02d}-{day:02d}", "day")


def _has_explicit_year(text: str) -> bool:
    return re.search(r"\b(?:1[6-9]|20)\d\d\b", text) is not None


_FUTURE = frozenset({"will", "shall", "'ll"})


def _prefers_future(span) -> bool:
    """Whether the verb the expression hangs on is in the future tense ("will meet on Friday")."""
    tok = span.root
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    return any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in tok.children)


_AMBIGUOUS = frozenset({"may", "march", "mar", "jan", "sun", "sat", "wed", "dec"})
_CONTEXT_BEFORE = re.compile(r"(?i)(?:\b(?:in|since|until|by|from|early|late|last|next|this|of)\s+|mid-?)$")


def _plausible(text: str, start: int, end: int) -> bool:
    """A pattern match we keep: month and weekday names are capitalised in running text, and
    "May"/"March" need a date context (a day, a year or "in", "since", "early"...)."""
    expr = text[start:end]
    words = re.findall(r"[A-Za-z]+", expr)
    names = [t for t in words if t.casefold() in _words().month or t.casefold() in _words().weekday]
    if any(not t[0].isupper() for t in names):
        return False
    if expr.casefold() in _AMBIGUOUS:
        return _CONTEXT_BEFORE.search(text[max(0, start - 12):start]) is not None
    return True


def find_time_spans(doc) -> list[tuple[int, int]]:
    """Character spans of temporal expressions: spaCy DATE/TIME entities, plus our patterns for
    what the model misses; overlapping candidates are merged into the longest."""
    text = doc_text(doc)  # built once per Doc
    spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    for m in _patterns().finder.finditer(text):
        s, e = m.span()
        lead = re.match(r"(?i)(?:in|since|by|until|of|during)\s+", m.group())
        if lead:
            s += lead.end()
        if _plausible(text, s, e):
            spans.append((s, e))
    spans.sort(key=lambda se: (se[0], -se[1]))
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
            continue
        merged.append((s, e))
    return merged


def _lede_end(doc, sentences: int = 2) -> int:
    """Character end of the article's first sentences (its dateline and lede)."""
    end = 0
    for n, sent in enumerate(doc.sents):
        if n >= sentences:
            break
        end = sent.end_char
    return end


def extract_dates(doc, published: str | None) -> list[TimeExpression]:
    """Every temporal expression of `doc`, normalised against `published` (or, without it, the
    latest explicit full date of the dateline and lede: a date the story tells of further down,
    "the September 11, 2001 attacks", is no anchor for "on Wednesday")."""
    text = doc_text(doc)
    spans = find_time_spans(doc)
    anchor = parse_anchor(published)
    if anchor is None:
        lede_end = _lede_end(doc)
        explicit = [
            n.value
            for s, e in spans
            if s < lede_end and _has_explicit_year(text[s:e])
            for n in [normalize(text[s:e], None)]
            if n.precision == "day" and n.value
        ]
        anchor = parse_anchor(max(explicit)) if explicit else None
    out = []
    for s, e in spans:
        expr = text[s:e]
        span = doc.char_span(s, e, alignment_mode="expand")
        future = _prefers_future(span) if span is not None else False
        value, precision = normalize(expr, anchor, prefer_future=future)
        out.append(TimeExpression(text=expr, span=(s, e), value=value, precision=precision))
    return out


@component("dates", assigns=("dates",), requires=())
def make_dates(config: dict[str, Any]):
    def run(ctx: Context) -> None:
        ctx.dates = extract_dates(ctx.doc, ctx.article.meta.published)

    return run
