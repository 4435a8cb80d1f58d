"""The offsets contract, checkable on any Analysis: every span points at exactly its text.

    >>> from newstrace.invariants import offset_errors
    >>> offset_errors(analysis)        # [] when the contract holds
"""

from __future__ import annotations

from .model import Analysis


def offset_errors(analysis: Analysis) -> list[str]:
    """What breaks the offsets contract in `analysis` (an empty list when nothing does)."""
    text, n = analysis.text, len(analysis.text)
    errors: list[str] = []

    def span(what: str, s: int, e: int, expected: str | None = None) -> None:
        if not 0 <= s <= e <= n:
            errors.append(f"{what}: span {(s, e)} outside the text (length {n})")
        elif expected is not None and text[s:e] != expected:
            errors.append(f"{what}: text[{s}:{e}] is {text[s:e]!r}, not {expected!r}")

    for ent in analysis.entities:
        for s, e in ent.mentions:
            span(f"entity {ent.id} mention", s, e)
    for kind, items in (("quote", analysis.quotes), ("reported speech", analysis.reported_speech)):
        for item in items:
            span(kind, *item.span, item.text)
            if item.cue is not None:
                span(f"{kind} cue", *item.cue.span, item.cue.text)
            if item.speaker is not None and item.speaker.span:
                span(f"{kind} speaker", *item.speaker.span)
    for claim in analysis.claims:
        span(f"claim {claim.id}", *claim.span, claim.text)
        for h in claim.hedges:
            span(f"claim {claim.id} hedge", *h.span, h.text)
        for c in claim.evidence_cues:
            span(f"claim {claim.id} evidence cue", *c.span, c.text)
        for src in claim.sources:
            span(f"claim {claim.id} source", *src.span)
    for ev in analysis.events:
        span("event", *ev.span, ev.text)
        span("event trigger", *ev.trigger.span, ev.trigger.text)
    for d in analysis.dates:
        span("date", *d.span, d.text)
    for c in analysis.checkworthy:
        span("checkworthy sentence", *c.span)
    return errors
