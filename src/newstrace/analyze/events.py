"""events component (placeholder until its issue lands: assigns nothing yet)."""

from __future__ import annotations

from typing import Any

from .context import Context
from .registry import component


@component("events", assigns=("events",), requires=('entities', 'dates'))
def make_events(config: dict[str, Any]):
    def run(ctx: Context) -> None:
        return None

    return run
