"""Lexicons and patterns: data files in this package, loaded once.

Formats: `.txt` (one entry a line; `#` starts a comment, blank lines are skipped),
`.tsv` (tab-separated columns, first line names them), `.json`.
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from importlib import resources as _res
from typing import Any


def _read(name: str) -> str:
    return _res.files(__name__).joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def lines(name: str) -> tuple[str, ...]:
    """Entries of a `.txt` lexicon."""
    out = []
    for raw in _read(name).splitlines():
        entry = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("\\#") else raw.strip()[1:]
        if entry:
            out.append(entry)
    return tuple(out)


@lru_cache(maxsize=None)
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a `.tsv` lexicon as dicts keyed by the header line."""
    rows = [
        line for line in _read(name).splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    reader = csv.DictReader(rows, delimiter="\t")
    return tuple({k: (v or "").strip() for k, v in row.items()} for row in reader)


@lru_cache(maxsize=None)
def data(name: str) -> Any:
    """A `.json` resource."""
    return json.loads(_read(name))


def path(name: str):
    """A Traversable for a binary resource (e.g. trained weights)."""
    return _res.files(__name__).joinpath(name)
