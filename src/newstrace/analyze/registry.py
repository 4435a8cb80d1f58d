"""Analysis components, registered by name the way spaCy registers its factories.

A component is made by a factory `make(config) -> Callable[[Context], None]`; it reads the
`Context` (the spaCy Doc and what earlier components found) and fills the fields named in
`assigns`. `requires` names the components whose output it reads, so asking for a stage runs
what it depends on. Defaults live in `default_config`; a caller's config overrides them.

The contract, checked when components are built (`check_contract`, `build`):
- every name in `requires` is a registered component, and the requirements have no cycle;
  the run order is derived from them (`order()`: topological, ties broken by `PREFERRED`);
- every name in `assigns` is a field of `Context`, and no two components assign one field;
- a config names only keys of the component's `default_config`, with values of their type
  (`validate_config`; a ConfigError names the key).
A component that reads a field some other component assigns must require that component
(tests/test_contract.py runs every stage subset against the full run).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from collections.abc import Iterable, Mapping
from typing import Any, Callable

from ..errors import ConfigError
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
        raise ConfigError(f"no analysis component of that name; known: "
                          f"{', '.join(sorted(_REGISTRY))}", input=repr(name)) from None


def names() -> list[str]:
    _load_builtin_components()
    return list(_REGISTRY)


# The preferred run order among components that do not depend on each other.
PREFERRED = ("entities", "quotes", "speech", "claims", "dates", "events", "checkworthy")


def order(wanted: Iterable[str] | None = None) -> tuple[str, ...]:
    """The components (all, or `wanted` and what they require) in a run order where each
    comes after everything it requires (Kahn's algorithm; ties follow `PREFERRED`, then
    registration order). Raises ConfigError on an unknown name or a cycle."""
    check_contract()
    todo: list[str] = list(_REGISTRY) if wanted is None else list(wanted)
    needed: set[str] = set()
    while todo:
        name = todo.pop()
        if name not in needed:
            needed.add(name)
            todo.extend(get(name).requires)
    rank = {n: i for i, n in enumerate(list(PREFERRED) + [n for n in _REGISTRY if n not in PREFERRED])}
    done: list[str] = []
    left = set(needed)
    while left:
        ready = sorted((n for n in left if all(r in done for r in _REGISTRY[n].requires)),
                       key=rank.__getitem__)
        if not ready:
            raise ConfigError("the components' requirements form a cycle",
                              input=", ".join(sorted(left)))
        done.append(ready[0])
        left.discard(ready[0])
    return tuple(done)


_CONTEXT_FIELDS = frozenset(f.name for f in fields(Context)) - {"article", "doc"}


def check_contract() -> None:
    """Every `requires` names a component, every `assigns` a Context field, no field is
    assigned twice (raises ConfigError naming the component)."""
    _load_builtin_components()
    owner: dict[str, str] = {}
    for info in _REGISTRY.values():
        for req in info.requires:
            if req not in _REGISTRY:
                raise ConfigError(f"requires {req!r}, which is not a component",
                                  input=f"component {info.name}")
        for name in info.assigns:
            if name not in _CONTEXT_FIELDS:
                raise ConfigError(f"assigns {name!r}, which is not a Context field "
                                  f"({', '.join(sorted(_CONTEXT_FIELDS))})",
                                  input=f"component {info.name}")
            if name in owner and owner[name] != info.name:
                raise ConfigError(f"assigns {name!r}, already assigned by {owner[name]!r}",
                                  input=f"component {info.name}")
            owner[name] = info.name


def _a(word: str) -> str:
    return ("an " if word[:1] in "aeiou" else "a ") + word


def _type_name(value: Any) -> str:
    return type(value).__name__


def validate_config(name: str, config: Mapping[str, Any] | None) -> dict[str, Any]:
    """The component's effective config: its `default_config` updated by `config`, whose keys
    must be in the defaults and whose values must have the defaults' types (an int is a good
    float; a None default takes anything). Raises ConfigError naming `name.key`."""
    info = get(name)
    if config is None:
        return dict(info.default_config)
    if not isinstance(config, Mapping):
        raise ConfigError(f"must be a table of settings, not {config!r}", input=name)
    for key, value in config.items():
        if key not in info.default_config:
            known = ", ".join(sorted(info.default_config)) or "none"
            raise ConfigError(f"is not a setting of {name!r} (its settings: {known})",
                              input=f"{name}.{key}")
        default = info.default_config[key]
        if default is None:
            continue
        ok = isinstance(value, type(default))
        if isinstance(default, bool) or isinstance(value, bool):
            ok = isinstance(value, bool) and isinstance(default, bool)
        elif isinstance(default, float) and isinstance(value, int):
            ok = True
        if not ok:
            raise ConfigError(f"must be {_a(_type_name(default))} like its default "
                              f"{default!r}, not {value!r}", input=f"{name}.{key}")
    return {**info.default_config, **config}


def build(name: str, config: Mapping[str, Any] | None = None) -> ComponentFn:
    """The component `name` made with its validated config (see `validate_config`)."""
    check_contract()
    return get(name).factory(validate_config(name, config))


def _load_builtin_components() -> None:
    # Importing the modules runs their @component decorators.
    from . import checkworthy, claims, dates, entities, events, quotes, speech  # noqa: F401
