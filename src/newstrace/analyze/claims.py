"""claims component (placeholder until its issue lands: assigns nothing yet)."""

from __future__ import annotations

from typing import Any

from .context import Context
from .registry import component


@component("claims", assigns=("claims",), requires=('entities', 'quotes', 'speech'))
def make_claims(config: dict[str, Any]):
    def run(ctx: Context) -> None:
        return None

    return run
