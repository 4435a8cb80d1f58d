"""Analysis components: pure functions of (spaCy Doc, earlier results).

Run order (each requires the ones it reads): entities → quotes → speech → claims,
dates → events, checkworthy.
"""

from .context import Context
from .registry import build, component, get, names

ORDER = ("entities", "quotes", "speech", "claims", "dates", "events", "checkworthy")

__all__ = ["Context", "ORDER", "build", "component", "get", "names"]
