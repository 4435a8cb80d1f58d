"""Shared fixtures. The spaCy model is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run (CI included): a red run is a real defect
# that reproduces, not a draw that another run does not make. The fuzz benchmark explores.
settings.register_profile("newstrace", derandomize=True, database=None, deadline=None)
settings.load_profile("newstrace")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "venezuela-syndicated.txt"
DATA = Path(__file__).resolve().parent / "data"

# PostgreSQL server and the per-test `db_url` (SQLite and PostgreSQL) for the store tests.
from .postgres import db_url, pg_server, pg_url  # noqa: E402,F401


@pytest.fixture(scope="session")
def nlp():
    from newstrace import nlp as nlp_module

    return nlp_module.load()


@pytest.fixture(scope="session")
def example_analysis():
    """The full analysis of the example article (computed once)."""
    import newstrace

    return newstrace.analyze(EXAMPLE)


def assert_offsets(analysis) -> None:
    """The offsets contract: every span points at exactly its text."""
    text = analysis.text
    for e in analysis.entities:
        for s, t in e.mentions:
            assert 0 <= s < t <= len(text)
    for item in [*analysis.quotes, *analysis.reported_speech, *analysis.claims]:
        s, t = item.span
        assert text[s:t] == item.text, (item, text[s:t])
        if item.__class__.__name__ != "Claim" and item.cue is not None:
            assert text[item.cue.span[0]:item.cue.span[1]] == item.cue.text
    for claim in analysis.claims:
        for h in claim.hedges:
            assert text[h.span[0]:h.span[1]] == h.text
        for c in claim.evidence_cues:
            assert text[c.span[0]:c.span[1]] == c.text
        for src in claim.sources:
            assert 0 <= src.span[0] < src.span[1] <= len(text)
    for ev in analysis.events:
        assert text[ev.span[0]:ev.span[1]] == ev.text
        assert text[ev.trigger.span[0]:ev.trigger.span[1]] == ev.trigger.text
    for d in analysis.dates:
        assert text[d.span[0]:d.span[1]] == d.text
