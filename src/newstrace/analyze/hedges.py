"""Hedge cues ("reportedly", "is said to be", "alleged", "an estimated 4,500") found in text.

The cues are data (`resources/hedge_cues.tsv`); each has a kind: `attribution` hedges make a
clause a claim of someone unnamed, `epistemic` ones mark uncertainty, `label` ones hedge a noun
phrase, `number` ones a quantity (they only count before a number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import resources

HEDGE_RESOURCE = "hedge_cues.tsv"
_NUMBER_AHEAD = re.compile(
    r"\s+(?:US\s?)?[$€£]?\s?\d|\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|hundred|a hundred|a thousand|a dozen|dozens|hundreds|thousands|"
    r"half|a third|a quarter)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class HedgeCue:
    kind: str
    claimant: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class HedgeMatch:
    start: int
    end: int
    text: str
    kind: str
    claimant: str


def bounded(pattern: str) -> re.Pattern[str]:
    """A lexicon regex that must end at a word boundary, case-insensitively. Use
    `word_matches` to also require a boundary before it (a leading look-behind would make
    every pattern ten times slower)."""
    return re.compile(r"(?:" + pattern + r")(?![\w-])", re.IGNORECASE)


def word_matches(regex: re.Pattern[str], text: str, start: int = 0, end: int | None = None):
    """Matches of `regex` in text[start:end] that start at a word boundary."""
    for m in regex.finditer(text, start, len(text) if end is None else end):
        s = m.start()
        if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "-_"):
            continue
        yield m


@lru_cache(maxsize=4)
def hedge_cues(name: str = HEDGE_RESOURCE) -> tuple[HedgeCue, ...]:
    return tuple(
        HedgeCue(row["kind"], row.get("claimant", ""), bounded(row["pattern"]))
        for row in resources.table(name)
    )


def find_hedges(text: str, start: int = 0, end: int | None = None,
                cues: tuple[HedgeCue, ...] | None = None) -> list[HedgeMatch]:
    """Hedges inside text[start:end], leftmost-longest, without overlaps."""
    end = len(text) if end is None else end
    found: list[HedgeMatch] = []
    for cue in cues or hedge_cues():
        for m in word_matches(cue.pattern, text, start, end):
            if cue.kind == "number" and not _NUMBER_AHEAD.match(text, m.end()):
                continue
            found.append(HedgeMatch(m.start(), m.end(), m.group(0), cue.kind, cue.claimant))
    found.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[HedgeMatch] = []
    for h in found:
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out
