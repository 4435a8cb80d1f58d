"""Fuzzing, the fast subset: hostile text, HTML, JSON Lines, feeds, WARC and gzip bombs give a
valid analysis (the offsets contract holds) or an InputError's failure, never a crash.
The long run is `python fuzz/run.py` (counts per kind); each crash it finds becomes a
regression test in test_fuzz_regressions below."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from .fuzz_strategies import KINDS, check_input, gzip_bomb



def fast(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("kind,stages,examples", [
    ("text", "all", 10), ("text", "clean", 40), ("html", "clean", 15), ("html", "all", 4),
    ("jsonl", "all", 8), ("feed", "clean", 20), ("warc", "clean", 15),
])
def test_hostile_inputs_never_crash(kind, stages, examples):
    strategy, name = KINDS[kind]

    @fast(examples)
    @given(strategy)
    def run(data):
        assert check_input(data, name, stages) == []

    run()


def test_a_gzip_bomb_stops_at_the_size_limit():
    bomb = gzip_bomb(21)  # just over the 20 MB limit
    assert len(bomb) < 100_000
    assert check_input(bomb, "bomb.txt.gz", "clean") == []


# Crashes the long run (fuzz/run.py) found, kept with their minimal input.
REGRESSIONS = [
    # (name, bytes, stages)
    ("only-controls.txt", "\x1b\x07\x00".encode(), "all"),
    ("quote-storm.txt", ("“" * 3000 + " said ”").encode(), "clean"),
    ("rtl.txt", "\u202e\u2066said “x”\u2069 \u200f".encode(), "all"),
]


@pytest.mark.parametrize("name,data,stages", REGRESSIONS, ids=[r[0] for r in REGRESSIONS])
def test_fuzz_regressions(name, data, stages):
    assert check_input(data, name, stages) == []
