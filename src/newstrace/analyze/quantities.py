"""Quantities: counts of dead, injured, people, troops, vessels, warships and sums of money.

`parse_number("4,500")`, `parse_number("5.1 million")`, `parse_number("eight")` normalise a
number phrase. `find_quantities(span)` reads a parsed sentence (or any spaCy Span/Doc) and returns
`Quantity` items with character offsets: "at least 17" after "killing" → dead 17, "4,500 US
troops" → troops 4500, "eight warships" → warships 8, "$50 million bounty" or "US $50 million"
→ usd 50000000. Words live in `resources/quantity_units.tsv`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .. import resources

Number = int | float


@dataclass(frozen=True)
class Quantity:
    text: str
    span: tuple[int, int]
    value: Number
    key: str  # dead, injured, troops, warships, vessels, people, usd, ...
    qualifier: str = ""  # min ("at least"), max ("up to"), approx ("an estimated")


class _Lexicon(NamedTuple):
    count: dict[str, str]
    currency: dict[str, str]
    dead: frozenset[str]
    injured: frozenset[str]
    multiplier: dict[str, int]
    number: dict[str, int]
    qualifier: dict[str, str]
    number_re: re.Pattern
    money_re: re.Pattern


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    rows = resources.table("quantity_units.tsv")
    by = {k: {r["term"]: r for r in rows if r["kind"] == k} for k in
          ("count", "currency", "dead", "injured", "multiplier", "number", "qualifier")}
    number = {t: int(r["value"]) for t, r in by["number"].items()}
    multiplier = {t: int(r["value"]) for t, r in by["multiplier"].items()}
    words = _alt(number)
    num = (rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:{words})(?:[- ](?:and[- ])?(?:{words}))*)"
           rf"(?:\s*(?:{_alt(multiplier)})\b)?")
    symbols = [t for t in by["currency"] if not t.isalpha()]
    names = [t for t in by["currency"] if t.isalpha()]
    money = (rf"(?:\bUS\s?)?(?:{_alt(symbols)})\s?(?P<n1>{num})"
             rf"|\b(?P<n2>{num})\s+(?:(?:US|U\.S\.)\s+)?(?P<cur>{_alt(names)})\b")
    return _Lexicon(
        count={t: r["key"] for t, r in by["count"].items()},
        currency={t: r["key"] for t, r in by["currency"].items()},
        dead=frozenset(by["dead"]),
        injured=frozenset(by["injured"]),
        multiplier=multiplier,
        number=number,
        qualifier={t: r["key"] for t, r in by["qualifier"].items()},
        number_re=re.compile(rf"(?<![\w$€£.,]){num}(?![\w%])", re.IGNORECASE),
        money_re=re.compile(money, re.IGNORECASE),
    )


def parse_number(text: str) -> Number | None:
    """The value of a number phrase: "4,500", "5.1 million", "eight", "twenty-five", "five
    hundred", "12M"; None if it is not one."""
    lex = _lexicon()
    s = text.casefold().replace(",", "").strip()
    m = re.fullmatch(rf"(.*?)\s*\b({_alt(lex.multiplier)})", s) if s else None
    factor = 1
    if m and m[1]:
        s, factor = m[1], lex.multiplier[m[2]]
    elif m is None:
        m2 = re.fullmatch(rf"([\d.]+)({_alt(lex.multiplier)})", s)
        if m2:
            s, factor = m2[1], lex.multiplier[m2[2]]
    value: Number
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        value = float(s) if "." in s else int(s)
    else:
        parts = [p for p in re.split(r"[\s-]+", s) if p and p != "and"]
        if not parts or any(p not in lex.number for p in parts):
            return None
        value, current = 0, 0
        for p in parts:
            n = lex.number[p]
            if n == 100:
                current = max(current, 1) * 100
            else:
                current += n
        value = current
    result = value * factor
    if isinstance(result, float) and result.is_integer():
        return int(result)
    return result


def _qualifier(text: str, start: int) -> tuple[str, int]:
    """The qualifier ("at least") just before `start`, and where it begins."""
    before = text[max(0, start - 24):start].casefold()
    for phrase, key in sorted(_lexicon().qualifier.items(), key=lambda kv: -len(kv[0])):
        m = re.search(rf"\b{re.escape(phrase)}\s+$", before)
        if m:
            return key, start - (len(before) - m.start())
    return "", start


def _casualty(noun) -> str:
    """'dead' or 'injured' when the counted noun is what a killing or wounding verb acts on."""
    lex = _lexicon()
    candidates = [noun]
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "nsubj", "attr", "appos", "conj", "pobj") and head.i != noun.i:
        candidates.append(head)
        if noun.dep_ == "pobj" and head.head.i != head.i:  # "killing of 17 people"
            candidates.append(head.head)
    elif head.i != noun.i and noun.pos_ == "NUM":  # "17 dead", "killed 20"
        candidates.append(head)
    candidates += [c for c in noun.children if c.dep_ in ("amod", "npadvmod") or (
        noun.pos_ == "NUM" and c.dep_ in ("amod", "acomp", "conj"))]
    for tok in candidates:
        word = tok.lower_
        if word in lex.dead or tok.lemma_.lower() in lex.dead:
            return "dead"
        if word in lex.injured or tok.lemma_.lower() in lex.injured:
            return "injured"
    return ""


def find_quantities(span) -> list[Quantity]:
    """Quantities in a parsed Span (a sentence) or Doc, with offsets into the Doc's text."""
    lex = _lexicon()
    doc = span.doc if hasattr(span, "doc") else span
    text = doc.text if span is doc else None
    base = span.start_char if span is not doc else 0
    sent_text = span.text
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in lex.money_re.finditer(sent_text):
        number = m["n1"] or m["n2"]
        value = parse_number(number)
        if value is None:
            continue
        if m["cur"]:
            key = lex.currency[m["cur"].casefold()]
        else:
            key = lex.currency.get(re.sub(r"[\s\d.,]", "", m.group().casefold())[:3].rstrip("0123456789"), "usd")
            symbol = re.search(r"[$€£]", m.group())
            key = lex.currency.get(symbol.group(), "usd") if symbol else key
        qualifier, start = _qualifier(sent_text, m.start())
        s, e = base + start, base + m.end()
        out.append(Quantity(sent_text[start:m.end()], (s, e), value, key, qualifier))
        taken.append((m.start(), m.end()))
    for m in lex.number_re.finditer(sent_text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        value = parse_number(m.group())
        if value is None:
            continue
        tok_span = doc.char_span(base + m.start(), base + m.end(), alignment_mode="expand")
        if tok_span is None:
            continue
        num = tok_span[-1]
        noun = num.head if num.dep_ in ("nummod", "compound", "quantmod") else num
        while noun.dep_ == "compound" and noun.head.i != noun.i and noun.head.i > noun.i:
            noun = noun.head
        key = _casualty(noun)
        if not key:
            key = lex.count.get(noun.lower_, "") if noun.i != num.i else ""
        if not key:  # "17 dead and 40 injured"
            follow = re.match(r"\s+(\w+)", sent_text[m.end():])
            word = follow[1].casefold() if follow else ""
            key = "dead" if word in lex.dead else "injured" if word in lex.injured else ""
            if key:
                noun = tok_span[-1].nbor() if tok_span[-1].i + 1 < len(doc) else num
        if not key and noun.i != num.i and noun.ent_type_ == "NORP":
            key = "people"
        if not key:
            continue
        qualifier, start = _qualifier(sent_text, m.start())
        end = max(m.end(), noun.idx + len(noun) - base) if noun.i != num.i and noun.i > num.i else m.end()
        out.append(Quantity(sent_text[start:end], (base + start, base + end), value, key, qualifier))
    del text
    out.sort(key=lambda q: q.span)
    return out


def count_key(word: str) -> str:
    """The key a counted noun gives ("soldiers" → "troops"), or ""."""
    return _lexicon().count.get(word.casefold(), "")


def as_dict(quantities: list[Quantity]) -> dict[str, Number]:
    """The first value of each key, as `Event.quantities` carries them."""
    out: dict[str, Number] = {}
    for q in quantities:
        out.setdefault(q.key, q.value)
    return out
