"""Whole-pipeline checks on articles composed for the tests (tests/data/articles): every
stage runs, finishes quickly, and keeps the offsets contract."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

import newstrace

from .conftest import DATA, EXAMPLE, assert_offsets

ARTICLES = sorted((DATA / "articles").glob("*.txt"))
SRC = Path(newstrace.__file__).parent


@pytest.mark.parametrize("path", [EXAMPLE, *ARTICLES], ids=lambda p: p.stem)
def test_full_pipeline_keeps_offsets_and_is_fast(path, nlp):
    started = time.perf_counter()
    analysis = newstrace.analyze(path)
    assert time.perf_counter() - started < 30
    assert analysis.entities and analysis.checkworthy
    assert_offsets(analysis)
    for cw in analysis.checkworthy:
        assert 0.0 <= cw.score <= 1.0


def test_kenya_article_speakers_and_metadata():
    a = newstrace.analyze(DATA / "articles" / "kenya-haiti.txt")
    assert a.meta.headline == "Kenya Deploys Police to Haiti as Gang Violence Spreads"
    assert a.meta.authors == ["Jane Mwangi"]
    assert a.meta.dateline == "Nairobi"
    assert a.text.startswith("Kenya will send 400 police officers")
    direct = [q for q in a.quotes if q.kind == "direct"]
    assert {q.speaker.name for q in direct} == {"Kithure Kindiki"}
    assert any(q.kind == "partial" and q.text == "a reckless adventure"
               and q.speaker.name == "Raila Odinga" for q in a.quotes)
    assert any(e.type == "THREATEN" for e in a.events)


def test_central_bank_article_structure_and_quotes():
    a = newstrace.analyze(DATA / "articles" / "central-bank.txt")
    assert a.meta.authors == ["Maria Lopez", "Tom Okafor"]
    assert a.meta.published == "2024-03-12"
    assert "originally appeared" not in a.text
    lagarde = [q for q in a.quotes if q.speaker and q.speaker.name == "Christine Lagarde"]
    assert any(q.text.startswith("We are not yet confident") for q in lagarde)
    lindner = [q for q in a.quotes if q.speaker and q.speaker.name == "Christian Lindner"]
    assert any("Stability matters" in q.text for q in lindner)
    ecb = next(e for e in a.entities if e.name == "European Central Bank")
    assert "ECB" in ecb.aliases


def test_no_identity_comparison_of_spacy_tokens():
    """spaCy builds a new Token object on every access, so `tok.head is tok` is always False
    (it looped forever twice during development): compare `.i` instead."""
    pattern = re.compile(r"\b(\w+)\.head is (not )?\1\b")
    offenders = [f"{p.relative_to(SRC)}:{n}" for p in SRC.rglob("*.py")
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if pattern.search(line)]
    assert not offenders
