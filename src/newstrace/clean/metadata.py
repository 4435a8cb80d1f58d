"""An article's metadata from its text: headline, dek, byline, date line, dateline and origin
outlet, for plain-text articles whose structure nobody marked up; and outlet names made
canonical (resources/outlets.tsv)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from .. import resources
from .normalize import clean_inline

OUTLETS_FILE = "outlets.tsv"
OUTLET_WORDS_FILE = "outlet_name_words.txt"

_SEPARATOR = re.compile(r"^\s*[-–—*=~•_·#]{1,10}\s*$")
_BYLINE = re.compile(
    r"^(?:by|words by|written by|story by|reporting by|text by|author:)\s+(?P<names>[^\n]{2,160})$",
    re.IGNORECASE)
_NAME = r"[A-Z][\w'’.-]+(?: (?:[A-Z][\w'’.-]+|de|da|del|van|von|der|al|el|bin|dos)){1,3}"
_BARE_BYLINE = re.compile(
    r"^(?P<names>" + _NAME + r"(?:(?:, | and | & )" + _NAME + r"){0,3})"
    r" (?:in|at) [A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,2}$")
# a wire story's credit line names its reporters: "(Reporting by A in X; Editing by B)"
_CREDIT_REPORTERS = re.compile(r"^\(?\s*(?:reporting|writing) by (?P<names>[^;)\n]{2,200})",
                               re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\|)\s*")
_NAME_PARTICLES = {"de", "da", "del", "della", "van", "von", "der", "den", "la", "le", "bin",
                   "al", "el", "dos", "das", "di", "du", "ibn", "y", "e"}
_NOT_NAMES = {"staff", "agencies", "agency", "staff writer", "staff reporter", "editor",
              "editors", "the editors", "news desk", "newsroom", "wires", "wire services",
              "editorial board", "the editorial board", "correspondent", "our correspondent"}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_RE = r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATE_LINE = re.compile(
    r"^(?:(?:published|posted|updated|first published|date|dated|last updated)\s*(?:on|at)?\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?P<date>" + _MONTH_RE + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH_RE + r",?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2})"
    r"(?:(?:\s*(?:[,|•·-]|at)?\s*|T)(?P<time>\d{1,2}[:.]\d{2})(?::\d{2}(?:\.\d+)?)?"
    r"(?:\s*(?P<ampm>[ap])\.?m\.?)?(?:\s*(?P<tz>Z|[A-Z]{2,4}|[+-]\d{2}:?\d{2}))?)?\s*$",
    re.IGNORECASE)
# time zone abbreviations a date line may give, as UTC offsets
_ZONES = {"utc": "+00:00", "gmt": "+00:00", "z": "+00:00", "bst": "+01:00", "cet": "+01:00",
          "cest": "+02:00", "eet": "+02:00", "eest": "+03:00", "msk": "+03:00", "ist": "+05:30",
          "est": "-05:00", "edt": "-04:00", "cst": "-06:00", "cdt": "-05:00", "mst": "-07:00",
          "mdt": "-06:00", "pst": "-08:00", "pdt": "-07:00", "aest": "+10:00", "aedt": "+11:00",
          "jst": "+09:00", "kst": "+09:00", "sgt": "+08:00", "hkt": "+08:00", "wib": "+07:00"}
_DATELINE_DATE = (_MONTH_RE + r"\s+\d{1,2}(?:,?\s*\d{4})?|\d{1,2}\s+" + _MONTH_RE
                  + r"(?:,?\s*\d{4})?")
# "(Reuters)", and a press wire's "/PRNewswire/"
_OUTLET_IN_PARENS = (r"(?:(?:\(\s*(?P<outlet>[^()\n]{1,40}?)\s*\)"
                     r"|/(?P<slashed>[A-Za-z][\w.-]{1,30}(?: [\w.-]{1,30}){0,2})/)\s*)")
_DASH = r"[-–—]{1,2}"
# "CARACAS, (venezuelanalysis ) – ", "WASHINGTON (AP) — ", "NEW YORK, Sept 10 (Reuters) - ",
# "KYIV, Ukraine — "
_DATELINE_CAPS = re.compile(
    r"^(?P<city>[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2}))??"
    r"(?:,?\s+(?P<date>" + _DATELINE_DATE + r"))?"
    r"\s*,?\s*(?:" + _DASH + r"\s*(?=\())?" + _OUTLET_IN_PARENS + r"?" + _DASH + r"\s+(?=\S)")
# "London (Reuters) - ", "Caracas, Sept 10 (AFP) — ": a title-case city needs an outlet
_DATELINE_TITLE = re.compile(
    r"^(?P<city>[A-Z][a-zà-ÿ'’\-]+(?: [A-Z][a-zà-ÿ'’\-]+){0,2})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2}))?"
    r"(?:,?\s+(?P<date>" + _DATELINE_DATE + r"))?"
    r"\s*,?\s*" + _OUTLET_IN_PARENS + "(?:" + _DASH + r")?\s+(?=\S)")
_CITY_STOP = {"BY", "THE", "A", "AN", "UPDATE", "BREAKING", "EXCLUSIVE", "WATCH", "PHOTOS",
              "VIDEO", "ANALYSIS", "OPINION", "EDITORIAL", "NOTE", "UPDATED"}


# capitalised words that open sentences, not city names ("In Caracas (…) – …")
_LEAD_WORDS = {"In", "On", "At", "The", "A", "An", "As", "For", "From", "By", "After", "Before",
               "When", "While", "With", "Since", "Under", "Over", "During", "Meanwhile", "But",
               "And", "Yet", "So", "If", "This", "That", "These", "Those", "It", "He", "She",
               "They", "We", "I", "You"}


@dataclass
class Dateline:
    city: str
    outlet: str | None
    end: int  # where the body text starts after it
    date: str | None = None  # ISO, when the dateline gives a full date


@dataclass
class Header:
    """What the top of a plain-text article holds; indices are paragraph indices."""

    headline: int | None = None
    separators: list[int] = field(default_factory=list)
    dek: int | None = None
    byline: int | None = None
    date_line: int | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    outlet: str | None = None  # a staff byline's outlet ("By Riverside Times staff")
    body_start: int = 0


def _words(text: str) -> int:
    return len(text.split())


def parse_dateline(text: str) -> Dateline | None:
    """The dateline at the start of a first paragraph, if any."""
    for regex in (_DATELINE_CAPS, _DATELINE_TITLE):
        m = regex.match(text)
        if not m:
            continue
        city = m.group("city").strip(" ,.")
        if regex is _DATELINE_CAPS and (city.upper() != city or city.split()[0].upper() in _CITY_STOP
                                        or len(city.replace(" ", "")) < 3):
            continue
        group = "outlet" if m.group("outlet") else "slashed"
        outlet = m.group(group)
        if regex is _DATELINE_TITLE and (city.split()[0] in _LEAD_WORDS or not outlet
                                         or not (outlet[:1].isupper() or _known_outlet(outlet))):
            continue
        dashless = not re.search(_DASH, m.group(0)[m.start(group) - m.start():]
                                 if outlet else "-")
        # "Havana, Oct 1 (Prensa Latina) The Cuban…": no dash, so a sentence must start
        if dashless and not (text[m.end():m.end() + 1].isupper()
                             and (m.group("date") or _known_outlet(outlet))):
            continue
        when = iso_date(m.group("date")) if m.group("date") else None
        return Dateline(city=_title_city(city), outlet=canonical_outlet(outlet) if outlet else None,
                        end=m.end(), date=when)
    return None


def _title_city(city: str) -> str:
    if city.upper() != city:
        return city
    return " ".join(w.upper() if re.fullmatch(r"(?:[a-z]\.){2,}", w) else w.capitalize()
                    for w in re.split(r"\s+", city.lower()))


@lru_cache(maxsize=1)
def _outlet_name_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in resources.lines(OUTLET_WORDS_FILE))


def _outlet_like(part: str) -> bool:
    """A byline part that names an outlet ("Riverside Times", "The Northern Ledger"), not a
    person: two words or more, starting with "The" or ending in an outlet word."""
    words = part.strip(" .").split()
    return len(words) >= 2 and words[0][:1].isupper() and (
        words[0] == "The" or words[-1].casefold() in _outlet_name_words())


def byline_outlet(text: str) -> str | None:
    """The outlet a byline names after its authors ("By Jane Doe, Riverside Times", "By Jane
    Doe | The Northern Ledger"), else None."""
    m = _BYLINE.match(text.strip())
    if not m:
        return None
    first, *rest = re.split(r"\s+(?:[|•·–—]|-{1,2})\s+", m.group("names"))
    for part in [*_NAME_SPLIT.split(first)[1:], *rest]:
        if _outlet_like(part):
            return canonical_outlet(part.strip(" ."))
    return None


def parse_byline(text: str) -> list[str] | None:
    """Author names from a byline ("By A and B"), or None if `text` is no byline."""
    m = _BYLINE.match(text.strip())
    if not m:
        return None
    names_part = re.split(r"\s+(?:[|•·–—]|-{1,2})\s+", m.group("names"))[0]
    names = []
    for k, part in enumerate(_NAME_SPLIT.split(names_part)):
        if k and _outlet_like(part):
            continue  # "By Jane Doe, Riverside Times": the outlet (byline_outlet)
        # "Jane Doe for The Guardian", "Jane Doe in Caracas"
        part = re.sub(r"\s+(?:for|in|at|from|of|with)\s+\S.*$", "", part).strip(" .")
        if not part or _known_outlet(part) or part.casefold() in _NOT_NAMES:
            continue
        words = part.split()
        if not 1 <= len(words) <= 5:
            continue
        if any(w[0].islower() and w.lower() not in _NAME_PARTICLES for w in words):
            continue  # "staff writer", "in Caracas"
        names.append(clean_inline(part))
    return names or None


def parse_bare_byline(text: str) -> list[str] | None:
    """Authors from a byline without "By" that names a place ("Jane Doe in Madrid")."""
    m = _BARE_BYLINE.match(text.strip())
    if not m:
        return None
    return parse_byline("By " + m.group("names"))


def reporters_from_credit(text: str) -> list[str] | None:
    """Reporters named by a wire credit line ("(Reporting by A and B; Editing by C)")."""
    m = _CREDIT_REPORTERS.match(text.strip())
    if not m:
        return None
    return parse_byline("By " + m.group("names"))


def parse_date_line(text: str) -> str | None:
    """An ISO date from a paragraph that is only a date ("Published: Sept 10, 2025"), with
    the time of day and its offset when the line gives them ("Published 2023-12-19 06:54"
    → "2023-12-19T06:54:00"; "Dec 19, 2023 6:54 a.m. EST" → "2023-12-19T06:54:00-05:00";
    a bare ISO 8601 timestamp "2023-12-19T06:54:12Z" → "2023-12-19T06:54:00+00:00")."""
    m = _DATE_LINE.match(text.strip())
    if not m:
        return None
    day = iso_date(m.group("date"))
    if not day or not m.group("time"):
        return day
    hour, minute = (int(x) for x in re.split(r"[:.]", m.group("time")))
    ampm = (m.group("ampm") or "").lower()
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return day
    zone = m.group("tz") or ""
    offset = _ZONES.get(zone.lower(), "")
    if not offset and re.fullmatch(r"[+-]\d{2}:?\d{2}", zone):
        offset = zone if ":" in zone else zone[:3] + ":" + zone[3:]
    return f"{day}T{hour:02d}:{minute:02d}:00{offset}"


def staff_credit(text: str) -> str | None:
    """The outlet a staff byline credits ("By Riverside Times staff", "Riverside Times Staff
    Report", "From staff reports" → "" when it names none), else None."""
    from .htmlmeta import _staff_outlet

    line = clean_inline(text).strip(" .")
    m = re.match(r"^(?:by|from)\s+(?P<rest>.+)$", line, re.IGNORECASE)
    rest = m.group("rest") if m else line
    if len(rest.split()) > 8 or not re.search(r"\b(?:staff|desk|newsroom|wire services)\b",
                                                 rest, re.IGNORECASE):
        return None
    outlet = _staff_outlet(rest)
    if outlet is None or (outlet and not (outlet[:1].isupper() or outlet[:1].isdigit())):
        return None
    return outlet


def iso_date(raw: str) -> str | None:
    raw = raw.strip().lower().replace(",", " ")
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", raw)
    if m:
        y, mo, d = map(int, m.groups())
    else:
        tokens = [t.rstrip(".") for t in raw.split()]
        tokens = [re.sub(r"(st|nd|rd|th)$", "", t) if t[:1].isdigit() else t for t in tokens]
        month = next((i + 1 for t in tokens for i, name in enumerate(_MONTHS)
                      if t.startswith(name)), None)
        nums = [int(t) for t in tokens if t.isdigit()]
        if month is None or len(nums) != 2:
            return None
        d, y = (nums[0], nums[1]) if nums[0] <= 31 else (nums[1], nums[0])
        mo = month
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


def _headline_like(text: str) -> bool:
    if not text or _words(text) > 30 or len(text) > 250:
        return False
    if _SEPARATOR.match(text) or parse_byline(text) or parse_date_line(text) or (
            staff_credit(text) is not None):
        return False
    return not (text.rstrip().endswith((".", ",", ";", ":")) and not _title_case(text))


def _byline_or_date(text: str) -> bool:
    return bool(parse_byline(text) or parse_date_line(text) or staff_credit(text) is not None)


def _title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text)]
    if len(words) < 3:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) >= 0.7


def detect_header(paragraphs: list[str]) -> Header:
    """Headline, separator, dek, byline and date line at the top of a plain-text article."""
    header = Header()
    n = len(paragraphs)
    if n < 2:
        return header
    i = 0
    if parse_dateline(paragraphs[0]) is None and (_headline_like(paragraphs[0]) or (
            _byline_or_date(paragraphs[1]) and _words(paragraphs[0]) <= 30
            and len(paragraphs[0]) <= 250)):
        # a sentence-like first line is the headline too when a byline or date line follows
        # ("Government tech is bad. It doesn't have to be." / "By Jane Doe")
        header.headline = 0
        i = 1
    # up to five short paragraphs after the headline may be separator, dek, byline, date
    limit = min(n - 1, i + 5)
    candidates: list[int] = []
    while i < limit:
        text = paragraphs[i]
        if _SEPARATOR.match(text):
            header.separators.append(i)
        elif header.byline is None and (staff := staff_credit(text)) is not None:
            header.byline, header.outlet = i, staff or None
        elif header.byline is None and (names := parse_byline(text) or (
                header.headline is not None and parse_bare_byline(text))):
            header.byline, header.authors = i, names
            header.outlet = byline_outlet(text)
        elif header.date_line is None and (iso := parse_date_line(text)):
            header.date_line, header.published = i, iso
        elif (header.headline is not None and header.dek is None and header.byline is None
              and not candidates and _words(text) <= 60 and parse_dateline(text) is None):
            candidates.append(i)
        else:
            break
        i += 1
    header.body_start = i
    if candidates:
        c = candidates[0]
        after_separator = bool(header.separators) and header.separators[0] == c - 1
        # a byline or date line after it ends a dek; one before it does not (Headline / date
        # line / first paragraph is the lead, not a dek)
        before_meta = header.byline is not None or (header.date_line or -1) > c
        before_dateline = c + 1 < n and parse_dateline(paragraphs[c + 1]) is not None
        if after_separator or before_meta or (before_dateline and _words(paragraphs[c]) <= 45):
            header.dek = c
        else:
            header.body_start = c  # it is the first body paragraph
    return header


@lru_cache(maxsize=1)
def _outlet_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for row in resources.table(OUTLETS_FILE):
        name = row["name"]
        keys = [name, *(a for a in row.get("aliases", "").split("|") if a),
                *(d for d in row.get("domains", "").split("|") if d)]
        for key in keys:
            index[_outlet_key(key)] = name
    return index


def _outlet_key(name: str) -> str:
    key = name.casefold().strip(" .,;:()[]")
    key = re.sub(r"^(?:www\.|the\s+)", "", key)
    return re.sub(r"\s+", " ", key)


def _known_outlet(name: str) -> bool:
    return _outlet_key(name) in _outlet_index()


def canonical_outlet(name: str | None) -> str | None:
    """An outlet's canonical name (resources/outlets.tsv), else the name tidied up."""
    if not name:
        return None
    tidy = clean_inline(name).strip(" .,;:()[]–—-")
    if not tidy:
        return None
    key = _outlet_key(tidy)
    if key in _outlet_index():
        return _outlet_index()[key]
    domain = re.sub(r"^https?://", "", key).split("/")[0]
    if domain in _outlet_index():
        return _outlet_index()[domain]
    if tidy.islower():
        return " ".join(w.capitalize() for w in tidy.split())
    return tidy


def same_outlet(a: str | None, b: str | None) -> bool:
    return bool(a and b and _outlet_key(canonical_outlet(a) or a) == _outlet_key(canonical_outlet(b) or b))
