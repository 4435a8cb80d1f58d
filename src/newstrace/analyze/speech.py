"""speech component (placeholder until its issue lands: assigns nothing yet)."""

from __future__ import annotations

from typing import Any

from .context import Context
from .registry import component


@component("speech", assigns=("reported_speech",), requires=('entities', 'quotes'))
def make_speech(config: dict[str, Any]):
    def run(ctx: Context) -> None:
        return None

    return run
