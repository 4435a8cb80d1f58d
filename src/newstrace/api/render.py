"""View models for the pages: the article text cut at every quote, claim and sentence
boundary, so the template can wrap each piece (escaped on its own by Jinja's autoescape) in
the right marks. Pure presentation: no analysis happens here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Analysis

PALETTE = 8  # speaker colours (css .spk-0 … .spk-7)


@dataclass
class Segment:
    text: str
    start: int
    quote: int | None = None       # index into analysis.quotes
    claim: int | None = None       # index into analysis.claims
    cw: int | None = None          # check-worthiness bucket 0..3 of the sentence
    quote_start: bool = False      # first piece of its quote: carries focus and the tooltip
    claim_start: bool = False
    claim_end: bool = False        # last piece of its claim: the evidence badges follow


@dataclass
class ArticleView:
    analysis: Analysis
    segments: list[Segment]
    speaker_colour: dict[int, int]           # quote index → colour index
    speakers: list[tuple[str, int]]          # legend: (speaker name, colour index)
    events: list[Any] = field(default_factory=list)


def _cw_bucket(score: float) -> int:
    """0: not check-worthy (< 0.5); 1, 2, 3: check-worthy, more and more surely."""
    return 0 if score < 0.5 else 1 if score < 0.7 else 2 if score < 0.85 else 3


def _speaker_key(q) -> str | None:
    if q.speaker is None:
        return None
    return q.speaker.entity or q.speaker.name.casefold()


def _innermost(spans: list[tuple[int, int, int]], pos: int) -> int | None:
    best = None
    for s, e, i in spans:
        if s <= pos < e and (best is None or e - s < best[1] - best[0]):
            best = (s, e, i)
    return None if best is None else best[2]


def article_view(analysis: Analysis) -> ArticleView:
    text = analysis.text
    n = len(text)

    def ok(span) -> bool:
        return 0 <= span[0] < span[1] <= n

    quotes = [(q.span[0], q.span[1], i) for i, q in enumerate(analysis.quotes) if ok(q.span)]
    claims = [(c.span[0], c.span[1], i) for i, c in enumerate(analysis.claims) if ok(c.span)]
    sents = [(c.span[0], c.span[1], i) for i, c in enumerate(analysis.checkworthy)
             if ok(c.span)]
    cuts = {0, n}
    for s, e, _ in quotes + claims + sents:
        cuts.update((s, e))
    points = sorted(cuts)
    segments: list[Segment] = []
    seen_q: set[int] = set()
    seen_c: set[int] = set()
    for a, b in zip(points, points[1:]):
        qi = _innermost(quotes, a)
        ci = _innermost(claims, a)
        si = _innermost(sents, a)
        cw = None
        if si is not None:
            cw = _cw_bucket(analysis.checkworthy[si].score)
        seg = Segment(text=text[a:b], start=a, quote=qi, claim=ci, cw=cw)
        if qi is not None and qi not in seen_q:
            seg.quote_start = True
            seen_q.add(qi)
        if ci is not None and ci not in seen_c:
            seg.claim_start = True
            seen_c.add(ci)
        if ci is not None and b == analysis.claims[ci].span[1]:
            seg.claim_end = True
        segments.append(seg)
    # a claim whose end lies inside a longer claim's piece still gets its badges: mark the
    # last piece that belongs to it
    for ci, c in enumerate(analysis.claims):
        if ok(c.span) and not any(s.claim == ci and s.claim_end for s in segments):
            pieces = [s for s in segments if s.claim == ci]
            if pieces:
                pieces[-1].claim_end = True
    colours: dict[str, int] = {}
    legend: list[tuple[str, int]] = []
    speaker_colour: dict[int, int] = {}
    for i, q in enumerate(analysis.quotes):
        key = _speaker_key(q)
        if key is None:
            continue
        if key not in colours:
            colours[key] = len(colours) % PALETTE
            legend.append((q.speaker.name, colours[key]))
        speaker_colour[i] = colours[key]
    events = sorted(analysis.events, key=lambda e: (e.when or "9999", e.span[0]))
    return ArticleView(analysis=analysis, segments=segments, speaker_colour=speaker_colour,
                       speakers=legend, events=events)
