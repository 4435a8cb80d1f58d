"""Analysis components: pure functions of (spaCy Doc, earlier results).

Run order (each requires the ones it reads): entities → quotes → speech → claims,
dates → events, claims → checkworthy (derived from each component's
`requires` by `order()`).
"""

from .context import Context
from .registry import PREFERRED as ORDER
from .registry import build, check_contract, component, get, names, order, validate_config

__all__ = ["Context", "ORDER", "build", "check_contract", "component", "get", "names", "order",
           "validate_config"]
