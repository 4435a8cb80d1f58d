"""Syndication chrome and page furniture: which paragraphs (or parts of them) are not the
article, why, and which outlets they name. The patterns are data: resources/chrome_patterns.tsv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import resources
from ..model import Removed
from .normalize import MappedText

PATTERNS_FILE = "chrome_patterns.tsv"
SCOPES = ("line", "inline", "block", "section", "meta", "tail")
# tail rules look at this many paragraphs at the end of the body, from the last one back
TAIL_PARAGRAPHS = 3
ROLES = ("", "origin", "republisher")

# matching sees odd spaces as spaces (same length, so spans stay valid) and no zero-widths
_ODD_SPACE = str.maketrans({c: " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005"
                            "\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"})
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
BULLET = re.compile(r"^\s*(?:[-–•*·▪►]|\d{1,2}[.)])\s+")
_TERMINAL = re.compile(r"[.!?][\"”’)\]]*$")


@dataclass(frozen=True)
class ChromeRule:
    name: str
    scope: str
    reason: str
    role: str
    regex: re.Pattern[str]
    example: str


@lru_cache(maxsize=1)
def rules() -> tuple[ChromeRule, ...]:
    out = []
    for row in resources.table(PATTERNS_FILE):
        if row["scope"] not in SCOPES or row["role"] not in ROLES:
            raise ValueError(f"{PATTERNS_FILE}: row {row['name']!r} has an unknown scope or role")
        out.append(ChromeRule(row["name"], row["scope"], row["reason"], row["role"],
                              re.compile(row["pattern"], re.IGNORECASE), row["example"]))
    return tuple(out)


@lru_cache(maxsize=None)
def _of_scope(*scopes: str) -> tuple[ChromeRule, ...]:
    return tuple(r for r in rules() if r.scope in scopes)


def _top_level_branches(pattern: str) -> list[str]:
    """The alternatives of a regex at nesting depth 0."""
    out, depth, start, k, in_class = [], 0, 0, 0, False
    while k < len(pattern):
        c = pattern[k]
        if c == "\\":
            k += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[k + 1:k + 2] == "]":
                k += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:k])
            start = k + 1
        k += 1
    out.append(pattern[start:])
    return out


@lru_cache(maxsize=1)
def _paragraph_filter() -> re.Pattern[str]:
    """One regex that matches at a paragraph's start whenever some whole-paragraph rule
    would: a paragraph it does not match (most of them) is tried against no rule. Every
    such rule is anchored at the start (checked here), so matching at 0 is searching."""
    parts = []
    for rule in _of_scope("line", "block", "section"):
        if not all(b.startswith("^") for b in _top_level_branches(rule.regex.pattern)):
            raise ValueError(f"{PATTERNS_FILE}: row {rule.name!r} must start with ^")
        parts.append("(?:" + re.sub(r"\(\?P<\w+>", "(?:", rule.regex.pattern) + ")")
    return re.compile("|".join(parts), re.IGNORECASE)


@dataclass
class Unit:
    """One paragraph of a body, mapped to the source."""

    text: MappedText
    blank_before: bool = False


@dataclass
class Outlet:
    name: str
    role: str  # origin or republisher


@dataclass
class ChromeResult:
    kept: list[Unit]
    removed: list[Removed] = field(default_factory=list)
    outlets: list[Outlet] = field(default_factory=list)


def match_paragraph(text: str) -> tuple[ChromeRule, re.Match[str]] | None:
    """The first whole-paragraph rule (line, block, section) `text` matches."""
    return _match_paragraph(text)


@lru_cache(maxsize=4096)
def _match_paragraph(text: str) -> tuple[ChromeRule, re.Match[str]] | None:
    # paragraph splitting and chrome stripping ask about the same paragraphs: cached
    stripped = _ZERO_WIDTH.sub("", text.translate(_ODD_SPACE)).strip()
    if not stripped or len(stripped) > 1500 or not _paragraph_filter().match(stripped):
        return None
    for rule in _of_scope("line", "block", "section"):
        m = rule.regex.search(stripped)
        if m:
            return rule, m
    return None


def is_link_like(text: str) -> bool:
    """A short list item or link title (what sits under a "Related" heading)."""
    stripped = text.strip()
    words = len(stripped.split())
    if BULLET.match(stripped):
        return words <= 40
    return words <= 20 and not _TERMINAL.search(stripped)


def _outlet(m: re.Match[str]) -> str | None:
    if "outlet" not in m.re.groupindex or not m.group("outlet"):
        return None
    name = m.group("outlet").strip(" \t\n.,;:–—-")
    return name or None


def strip_chrome(units: list[Unit]) -> ChromeResult:
    """Drop chrome paragraphs and inline chrome; keep the rest in order."""
    result = ChromeResult(kept=[])
    owners: list[list[Outlet]] = []  # outlets named by each removed entry, in order
    state: ChromeRule | None = None
    absorbed_lines = 0  # chrome lines met inside the current block

    def remove(text: str, rule: ChromeRule, m: re.Match[str] | None) -> None:
        result.removed.append(Removed(text=text, reason=rule.reason))
        named = _outlet(m) if (m is not None and rule.role) else None
        owners.append([Outlet(named, rule.role)] if named else [])

    for unit in units:
        text = unit.text.text.strip()
        if not text:
            continue
        hit = match_paragraph(text)
        if hit:
            rule, m = hit
            remove(text, rule, m)
            # a block heading ("Disclaimer:") takes the paragraphs under it; a block rule that
            # matched a whole notice ("Disclaimer: the views…") is one paragraph
            bare = len(text) - (m.end() - m.start()) < 40 and len(text) < 60
            # a chrome line inside a block (no blank line before it) does not end the block
            inside = (state is not None and state.scope == "block" and rule.scope == "line"
                      and not unit.blank_before)
            state = rule if rule.scope == "section" or (rule.scope == "block" and bare) else (
                state if inside else None)
            absorbed_lines = absorbed_lines + 1 if inside else 0
            continue
        if state is not None:
            # a heading's first paragraph, and a line continuing a sentence, belong to the
            # block even after a blank line (double-spaced text)
            first_under_heading = (result.removed[-1].text.count("\n") == 0
                                   and not absorbed_lines)
            in_block = (first_under_heading or not unit.blank_before or text[:1].islower())
            absorbed = (state.scope == "block" and in_block) or (
                state.scope == "section" and is_link_like(text))
            if absorbed:
                last = result.removed[-1]
                result.removed[-1] = Removed(text=f"{last.text}\n{text}", reason=last.reason)
                continue
            state = None
        result.kept.append(_strip_inline(unit, remove))

    for entry, named in zip(result.removed, owners):
        result.outlets.extend(named)
        for rule in _of_scope("meta"):
            for m in rule.regex.finditer(entry.text):
                outlet = _outlet(m)
                if outlet and rule.role:
                    result.outlets.append(Outlet(outlet, rule.role))
    result.kept = [u for u in result.kept if u.text.text.strip()]
    _strip_tail(result, remove)
    return result


def _strip_tail(result: ChromeResult, remove) -> None:
    """Tail rules: the body's last paragraphs, from the end back, while they match (an
    author's bio or address closes an article; the same words inside it are the story)."""
    tail = _of_scope("tail")
    for _ in range(TAIL_PARAGRAPHS):
        if not result.kept:
            return
        text = _ZERO_WIDTH.sub("", result.kept[-1].text.text.translate(_ODD_SPACE)).strip()
        hit = next(((r, m) for r in tail if len(text) <= 1500 and (m := r.regex.search(text))),
                   None)
        if hit is None:
            return
        remove(text, hit[0], hit[1])
        result.kept.pop()


def strip_leading(unit: Unit) -> tuple[Unit, list[Removed], list[Outlet]]:
    """Inline chrome at the very start of a paragraph ("(MENAFN- X)", "(AP) —"), removed so
    that a dateline after it can be read."""
    removed: list[Removed] = []
    outlets: list[Outlet] = []
    for _ in range(3):
        text = unit.text.text.translate(_ODD_SPACE)
        lead = len(text) - len(text.lstrip())
        for rule in _of_scope("inline"):
            m = rule.regex.match(text, lead)
            if m and m.end() > m.start() and (m.start() == lead):
                removed.append(Removed(text=m.group(0).strip(), reason=rule.reason))
                named = _outlet(m) if rule.role else None
                if named:
                    outlets.append(Outlet(named, rule.role))
                unit = Unit(unit.text.slice(m.end(), len(unit.text)), unit.blank_before)
                break
        else:
            break
    return unit, removed, outlets


def _strip_inline(unit: Unit, remove) -> Unit:
    edits = []
    text = unit.text.text.translate(_ODD_SPACE)
    for rule in _of_scope("inline"):
        for m in rule.regex.finditer(text):
            if m.end() > m.start():
                edits.append((m.start(), m.end(), ""))
                remove(m.group(0).strip(), rule, m)
    if not edits:
        return unit
    # keep the earliest of overlapping edits
    edits.sort()
    chosen: list[tuple[int, int, str]] = []
    for e in edits:
        if not chosen or e[0] >= chosen[-1][1]:
            chosen.append(e)
    return Unit(unit.text.edit(chosen), unit.blank_before)
