"""Helpers for the quote and reported-speech tests: run the pipeline up to `speech` on a raw
text (no cleaning, so the test controls the exact typography and offsets)."""

from __future__ import annotations

from functools import lru_cache

from newstrace.model import Analysis, Article, Source
from newstrace.pipeline import AnalyzeOptions, Runner

from .conftest import assert_offsets


@lru_cache(maxsize=1)
def runner() -> Runner:
    return Runner(AnalyzeOptions(stages="speech"))


def attribute(text: str) -> Analysis:
    """Entities, quotes and reported speech of `text` as it stands; checks the offsets contract
    and that every speaker span lies in the text."""
    r = runner()
    analysis = r.analyze_doc(Article(source=Source(uri="<test>"), text=text), r.nlp(text))
    assert_offsets(analysis)
    for item in [*analysis.quotes, *analysis.reported_speech]:
        if item.speaker is not None and item.speaker.span is not None:
            s, e = item.speaker.span
            assert 0 <= s < e <= len(text)
    return analysis


def span_of(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of `part` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def speaker_text(analysis: Analysis, item) -> str | None:
    if item.speaker is None or item.speaker.span is None:
        return None
    s, e = item.speaker.span
    return analysis.text[s:e]
