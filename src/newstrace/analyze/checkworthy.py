"""checkworthy component (placeholder until its issue lands: assigns nothing yet)."""

from __future__ import annotations

from typing import Any

from .context import Context
from .registry import component


@component("checkworthy", assigns=("checkworthy",), requires=())
def make_checkworthy(config: dict[str, Any]):
    def run(ctx: Context) -> None:
        return None

    return run
