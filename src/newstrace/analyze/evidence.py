"""Evidence cues: the phrases by which an article says what backs a claim, or that nothing does.

`find_cues` finds the cues of `resources/evidence_cues.tsv` in a text, with negation applied
("there is evidence" is supported, "investigators have not found evidence" unsupported).
`overlap` scores how much two stretches of text are about the same thing (content lemmas
weighted by how rare they are in the article), used to link a denial or a contrary finding to
the claim it contests.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .. import resources
from ..model import EvidenceCue
from .hedges import bounded, word_matches

EVIDENCE_RESOURCE = "evidence_cues.tsv"
# A negation shortly before a cue, in the same clause, turns "supported" into "unsupported".
# Lemmas are cut to a stem so that "inspection" and "inspected" meet.
STEM = 6
_INNER_NEGATION = re.compile(r"\b(?:not|never)\b|n't\b", re.IGNORECASE)
_NEGATED = re.compile(r"(?:\bnot|n't|\bnever|\bno|\bwithout)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def negated_before(text: str, start: int, lo: int = 0) -> bool:
    """Whether a negation stands shortly before text[start:] in its clause ("has not presented
    any evidence", "found no proof"), looking back no further than `lo`."""
    return bool(_NEGATED.search(text[max(lo, start - 40):start]))


@dataclass(frozen=True)
class EvidencePattern:
    label: str
    pattern: re.Pattern[str]


@lru_cache(maxsize=4)
def evidence_patterns(name: str = EVIDENCE_RESOURCE) -> tuple[EvidencePattern, ...]:
    return tuple(EvidencePattern(row["label"], bounded(row["pattern"])) for row in resources.table(name))


def find_cues(text: str, start: int = 0, end: int | None = None) -> list[EvidenceCue]:
    """Evidence cues in text[start:end]: leftmost-longest, no overlaps, negation applied."""
    end = len(text) if end is None else end
    found: list[tuple[int, int, str]] = []
    for pat in evidence_patterns():
        for m in word_matches(pat.pattern, text, start, end):
            found.append((m.start(), m.end(), pat.label))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[EvidenceCue] = []
    last_end = -1
    for s, e, label in found:
        if s < last_end:
            continue
        last_end = e
        if label == "supported" and (negated_before(text, s, start)
                                     or _INNER_NEGATION.search(text, s, e)):
            label = "unsupported"
        elif label == "contested" and _NEGATED.search(text[max(start, s - 25):s]):
            continue  # "did not deny" disputes nothing
        if (label == "unsupported" and out and out[-1].label == "supported"
                and not text[out[-1].span[1]:s].strip()):
            # "investigators found | no evidence": a finding of no evidence backs nothing.
            out[-1] = EvidenceCue(text=out[-1].text, span=out[-1].span, label="unsupported")
        out.append(EvidenceCue(text=text[s:e], span=(s, e), label=label))  # type: ignore[arg-type]
    return out


class LemmaWeights:
    """Content lemmas of an article's sentences, weighted by inverse sentence frequency."""

    def __init__(self, doc, stop: Iterable[str] = (), sents: list | None = None) -> None:
        """`sents`: list(doc.sents), if at hand."""
        self.stop = {s.lower()[:STEM] for s in stop}
        self._cache: dict[tuple[int, int], frozenset[str]] = {}
        df: Counter[str] = Counter()
        sents = list(doc.sents) if sents is None else sents
        for sent in sents:
            df.update(set(self.lemmas(sent)))
        n = max(len(sents), 1)
        self.weight = {lem: math.log((n + 1) / (c + 0.5)) for lem, c in df.items()}
        # The weight of a word that only two sentences share (a claim and what answers it):
        # thresholds are a share of it, so they scale with the article's length.
        self.max_weight = math.log((n + 1) / 2.5)

    def lemmas(self, tokens, skip_dates: bool = False) -> list[str]:
        out = []
        for tok in tokens:
            if tok.is_stop or tok.is_punct or not tok.is_alpha or len(tok) < 3:
                continue
            if skip_dates and tok.ent_type_ in ("DATE", "TIME"):
                continue
            lem = tok.lemma_.lower()[:STEM]
            if lem in self.stop:
                continue
            out.append(lem)
        return out

    def lemma_set(self, span) -> frozenset[str]:
        """`set(self.lemmas(span))`, remembered per span: a claim is compared with many
        sentences, and rebuilding its lemmas each time made contest linking quadratic."""
        key = (span.start, span.end) if hasattr(span, "start") and hasattr(span, "end") else None
        if key is None:
            return frozenset(self.lemmas(span))
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = frozenset(self.lemmas(span))
        return cached

    def shared(self, a, b) -> float:
        """Summed weight of the content lemmas a and b share."""
        return sum(self.weight.get(x, 0.0) for x in self.lemma_set(a) & self.lemma_set(b))

    def overlap(self, a, b) -> float:
        """Weighted share of a's content lemmas that b also has (0..1)."""
        la, lb = self.lemma_set(a), self.lemma_set(b)
        total = sum(self.weight.get(x, 0.0) for x in la)
        if not total:
            return 0.0
        return sum(self.weight.get(x, 0.0) for x in la & lb) / total
