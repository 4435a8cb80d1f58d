"""Figures in text, normalised so that two ways of writing one figure compare equal.

`figures(text)` reads every figure of a sentence: digits with any grouping ("20,000",
"20 000", "20k"), decimals, scales ("4.5 million", "$350m", "€2.3bn"), number words
("fourteen", "a dozen"), fractions of a point ("a quarter point"), hours and a half, what the
figure measures (percent, percentage points and basis points, money by currency, durations in
minutes, quake magnitudes, counts of a noun, years, calendar days) and the hedge before it
("more than", "an estimated", "nearly"). Two figures side by side joined by "plus" also give
their sum ("a 25% tariff plus a 2.5% levy" states 27.5 %).

Each figure is an interval of the values its wording allows: an exact figure is as precise as
its last significant digit ("12,000" allows 11,500–12,500), "more than X" allows X up to the
next step of X's precision (at least 10 % above), "nearly X" the step below, "about X" a step
either side. `compare(a, b)` says whether two figures measure the same kind of thing and, if
so, whether their intervals meet. The words are data: resources/trace_words.tsv.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .. import resources

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december"
    .split(), start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9


ROUND_WORDS = frozenset({"dozen", "hundred", "thousand"})


@dataclass(frozen=True)
class Figure:
    """One figure. value: in the kind's base unit; low/high: the interval its wording allows.
    kind: percent, pp, money:<currency>, duration (minutes), magnitude, count, year or date
    (month * 100 + day). noun: the counted noun's group for counts. qualifier: the hedge
    words before it ("more than"), as written, casefolded. span: offsets into the text."""

    value: float
    low: float
    high: float
    kind: str
    span: tuple[int, int]
    text: str
    noun: str | None = None
    qualifier: str | None = None
    derived: bool = False  # a sum of two written figures


@lru_cache(maxsize=1)
def _words() -> dict[str, dict[str, tuple[str, str]]]:
    out: dict[str, dict[str, tuple[str, str]]] = {}
    for row in resources.table("trace_words.tsv"):
        out.setdefault(row["kind"], {})[row["word"].casefold()] = (row["key"], row["value"])
    return out


def words_of(kind: str) -> dict[str, tuple[str, str]]:
    """The rows of resources/trace_words.tsv of one kind: word -> (key, value)."""
    return _words().get(kind, {})


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    numbers = words_of("number")
    scales = words_of("scale")
    units = words_of("unit")
    currencies = words_of("currency")
    qualifiers = words_of("qualifier")
    word_units = [u for u in units if u != "%"]
    digits = r"\d{1,3}(?:(?:,|[ \u00a0\u2009\u202f](?=\d{3}(?![\d,.]\d)))\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
    word_number = rf"(?:{_alt(numbers)})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    symbols = [c for c in currencies if not c.isalpha()]
    glued_scale = _alt([s for s in scales if len(s) <= 2])
    spaced_scale = _alt([s for s in scales if len(s) > 2])
    figure = (
        rf"(?P<cur>{_alt(symbols)})?\s?"
        rf"(?:(?P<num>{digits})|(?P<word>{word_number})|(?P<frac>a quarter|quarter|half a|a half|half))"
        rf"(?:(?P<glued>{glued_scale})\b|[ -](?P<scale>{spaced_scale})\b)?"
        rf"(?P<hours>[ -](?:hours? and a half))?"
        rf"(?:\s?(?P<pct>%)|[ -](?P<unit>{_alt(word_units)})\b)?"
        rf"(?:[ -](?P<curword>{_alt([c for c in currencies if c.isalpha()])})\b)?"
    )
    return {
        "figure": re.compile(rf"(?<![\w.$€£]){figure}", re.IGNORECASE),
        "hour_and_half": re.compile(r"\b(?:an|one) hour and a half\b|\bhalf an hour\b",
                                    re.IGNORECASE),
        "qualifier": re.compile(rf"\b(?:{_alt(qualifiers)})\s*$", re.IGNORECASE),
        "magnitude_before": re.compile(r"\bmagnitude[- ]?$", re.IGNORECASE),
        "date_md": re.compile(rf"\b(?P<m>{_alt(MONTHS)})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
                              rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
                              rf"(?P<m2>{_alt(MONTHS)})\b", re.IGNORECASE),
        "noun": re.compile(r"[\s-]*((?:[A-Za-z][\w'’-]*\s*){1,4})"),
        "plus": re.compile(r"^\W*(?:\w+\W+){0,3}?plus\W+(?:an?\s+|another\s+)?$", re.IGNORECASE),
    }


def _unit_of(written: str) -> float:
    """The rounding step of a written number: 10^(position of its last significant digit)
    from a thousand up ("20,000" is rounded to the ten thousand, "20" is twenty)."""
    if "." in written:
        return 10.0 ** -len(written.split(".", 1)[1])
    if len(written) < 4:
        return 1.0
    stripped = written.rstrip("0")
    return 10.0 ** (len(written) - len(stripped)) if stripped else 1.0


def _interval(value: float, step: float, how: str | None) -> tuple[float, float]:
    wide = max(step, abs(value) * 0.1)
    if how == "min":
        return value, value + wide
    if how == "max":
        return max(0.0, value - wide), value
    if how == "below":
        return value - wide, value
    if how == "over":
        return value, value + max(step, abs(value) * 0.05)
    if how == "approx":
        half = max(step / 2, abs(value) * 0.1)
        return value - half, value + half
    half = min(step, max(abs(value) * 0.1, 1e-9)) / 2  # "1,000" is not 1,400
    return value - half, value + half


def _number(m: re.Match[str]) -> tuple[float, float] | None:
    """(value, rounding step) of the number part of a figure match."""
    if m.group("num"):
        raw = re.sub(r"[,\s\u00a0\u2009\u202f]", "", m.group("num"))
        return float(raw), _unit_of(raw if not raw.startswith(".") else "0" + raw)
    if m.group("word"):
        parts = re.split(r"[- ]", m.group("word").casefold())
        table = words_of("number")
        whole = " ".join(parts)
        if whole in table:
            v = float(table[whole][1])
        else:
            v = sum(float(table[p][1]) for p in parts if p in table)
        # a round word is as precise as itself: "more than a dozen" is 13 to 24
        return v, (v if parts[-1] in ROUND_WORDS else 1.0)
    if m.group("frac"):
        frac = m.group("frac").casefold()
        return (0.25 if "quarter" in frac else 0.5), 0.01
    return None


def figures(text: str) -> list[Figure]:
    """The figures of `text` in order (sums of "X plus Y" added after their parts)."""
    pats = _patterns()
    units = words_of("unit")
    currencies = words_of("currency")
    scales = words_of("scale")
    qualifiers = words_of("qualifier")
    out: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for m in pats["hour_and_half"].finditer(text):
        v = 30.0 if m.group(0).casefold().startswith("half") else 90.0
        out.append(Figure(v, v - 3, v + 3, "duration", m.span(), m.group(0)))
        taken.append(m.span())
    for m in pats["date_md"].finditer(text):
        month = MONTHS[(m.group("m") or m.group("m2")).casefold().rstrip(".")]
        day = int(m.group("d") or m.group("d2"))
        if 1 <= day <= 31 and m.group("m") != "may":  # "may 12 people" is no date
            v = month * 100 + day
            out.append(Figure(v, v, v, "date", m.span(), m.group(0)))
            taken.append(m.span())
    for m in pats["figure"].finditer(text):
        start, end = m.span()
        if any(s <= start < e for s, e in taken):
            continue
        got = _number(m)
        if got is None:
            continue
        value, step = got
        frac = m.group("frac")
        unit_word = (m.group("unit") or m.group("pct") or "").casefold()
        scale_word = (m.group("glued") or m.group("scale") or "").casefold()
        cur = (m.group("cur") or m.group("curword") or "").casefold()
        if frac and unit_word not in ("point", "points", "percentage point",
                                      "percentage points", "percentage-point"):
            continue  # "half" alone is no figure
        if m.group("word") and not (unit_word or cur or scale_word) and \
                m.group("word").casefold() in ("one", "a dozen", "dozen"):
            pass
        if scale_word:
            if scale_word in ("m", "b") and not cur:
                continue  # "30 m" is metres
            factor = float(scales[scale_word][1])
            value, step = value * factor, step * factor
        if m.group("hours"):
            value, step = value * 60 + 30, 1.0
            kind = "duration"
        elif unit_word:
            key, factor = units[unit_word]
            value, step = value * float(factor), step * float(factor)
            kind = key
        elif cur:
            kind = f"money:{currencies[cur][0]}"
        else:
            kind = "count"
        before = text[max(0, start - 40):start]
        if kind == "count":
            if pats["magnitude_before"].search(before):
                kind = "magnitude"
            elif m.group("num") and re.fullmatch(r"(?:1[89]|20)\d\d", m.group("num")):
                kind = "year"
        qual = None
        q = pats["qualifier"].search(before)
        if q and kind not in ("year",):
            qual = q.group(0).strip().casefold()
        how = qualifiers[qual][0] if qual else None
        if kind == "year":
            low = high = value
        else:
            low, high = _interval(value, step, how)
        noun = None
        if kind == "count":
            nm = pats["noun"].match(text, end)
            if nm:
                noun = _noun_key(nm.group(1).split())
        span = (start if not m.group("cur") or text[start] in "$€£" or True else start, end)
        out.append(Figure(value, low, high, kind, span, text[start:end].strip(), noun, qual))
    out.sort(key=lambda f: f.span)
    out.extend(_sums(text, out))
    return out


_NOT_NOUNS = frozenset("a an the of in on at to by for from and or but as is are was were be "
                       "been has have had will would went said per than with".split())


def _noun_key(following: list[str]) -> str | None:
    """The group of the noun a count counts: the first of the next words (up to a function
    word) that is in a group or plural ("14 mandatory safety inspections"), else the first."""
    nouns = words_of("noun")
    words = []
    for word in following:
        w = word.casefold().strip("-'’").split("-")[0]
        if not w.isalpha() or w in _NOT_NOUNS:
            break
        words.append(w)
    for w in words:
        if w in nouns:
            return nouns[w][0]
        if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            return w[:-1]
    if not words or len(words[0]) < 3:
        return None
    w = words[0]
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def _sums(text: str, figs: list[Figure]) -> list[Figure]:
    plus = _patterns()["plus"]
    out = []
    for a, b in zip(figs, figs[1:]):
        if a.kind == b.kind and a.kind not in ("year", "date") and \
                plus.match(text[a.span[1]:b.span[0]]):
            out.append(Figure(a.value + b.value, a.low + b.low, a.high + b.high, a.kind,
                              (a.span[0], b.span[1]), text[a.span[0]:b.span[1]], a.noun,
                              a.qualifier, derived=True))
    return out


def comparable(a: Figure, b: Figure) -> bool:
    """Whether two figures measure the same kind of thing (counts: the same noun group, or
    a noun on one side only)."""
    if a.kind != b.kind:
        return False
    if a.kind == "count" and a.noun and b.noun and a.noun != b.noun:
        return False
    return True


def agree(a: Figure, b: Figure) -> bool:
    """Whether two comparable figures can state the same value (their intervals meet)."""
    eps = 1e-9 * max(1.0, abs(a.value), abs(b.value))
    return a.low <= b.high + eps and b.low <= a.high + eps


def compare(a: Figure, b: Figure) -> str | None:
    """"agree", "conflict", or None when the figures are not comparable."""
    if not comparable(a, b):
        return None
    return "agree" if agree(a, b) else "conflict"


def canonical(f: Figure) -> str:
    """A short canonical text of a figure: "20000 count:household", "27.5 percent"."""
    v = f"{f.value:.6g}" if not math.isnan(f.value) else "?"
    noun = f":{f.noun}" if f.noun else ""
    return f"{v} {f.kind}{noun}"


__all__ = ["Figure", "agree", "canonical", "comparable", "compare", "figures", "replace"]
