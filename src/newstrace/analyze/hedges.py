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
    """A lexicon regex matched as whole words, case-insensitively."""
    return re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])", re.IGNORECASE)


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
        for m in cue.pattern.finditer(text, start, end):
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
