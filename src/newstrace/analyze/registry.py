"""Analysis components, registered by name the way spaCy registers its factories.

A component is made by a factory `make(config) -> Callable[[Context], None]`; it reads the
`Context` (the spaCy Doc and what earlier components found) and fills the fields named in
`assigns`. `requires` names the components whose output it reads, so asking for a stage runs
what it depends on. Defaults live in `default_config`; a caller's config overrides them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from .context import Context

ComponentFn = Callable[[Context], None]
Factory = Callable[[dict[str, Any]], ComponentFn]


@dataclass(frozen=True)
class ComponentInfo:
    name: str
    factory: Factory
    assigns: tuple[str, ...]
    requires: tuple[str, ...] = ()
    default_config: dict[str, Any] = field(default_factory=dict)


_REGISTRY: dict[str, ComponentInfo] = {}


def component(
    name: str,
    *,
    assigns: tuple[str, ...] | list[str],
    requires: tuple[str, ...] | list[str] = (),
    default_config: dict[str, Any] | None = None,
) -> Callable[[Factory], Factory]:
    """Register `factory` as the component `name` (decorator)."""

    def register(factory: Factory) -> Factory:
        _REGISTRY[name] = ComponentInfo(
            name, factory, tuple(assigns), tuple(requires), dict(default_config or {})
        )
        return factory

    return register


def get(name: str) -> ComponentInfo:
    _load_builtin_components()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"no analysis component {name!r}; known: {', '.join(sorted(_REGISTRY))}") from None


def names() -> list[str]:
    _load_builtin_components()
    return list(_REGISTRY)


def build(name: str, config: dict[str, Any] | None = None) -> ComponentFn:
    info = get(name)
    return info.factory({**info.default_config, **(config or {})})


def _load_builtin_components() -> None:
    # Importing the modules runs their @component decorators.
    from . import checkworthy, claims, dates, entities, events, quotes, speech  # noqa: F401
