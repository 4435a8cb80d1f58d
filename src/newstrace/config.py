"""Config files: one TOML table per component, plus `[limits]` and `[language]`.

```toml
[quotes]
max_term_words = 6

[events]
keep_hypothetical = true

[limits]
max_chars = 5_000_000
article_seconds = 120

[language]
policy = "skip"
```

Every key is checked against the component's `default_config` (or the fields of
`newstrace.limits.Limits`): an unknown table, key or a value of the wrong type is a
ConfigError naming it (`quotes.max_term_word: is not a setting of 'quotes' …`).
`newstrace config show [--config FILE]` prints the effective config (defaults with the file's
values over them) in the same format, so its output is a valid config file.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import Any

from .analyze import registry as components
from .errors import ConfigError
from .limits import Limits
from .pipeline import AnalyzeOptions

LIMITS = "limits"
LANGUAGE = "language"


def read_config(path: str | Path) -> dict[str, dict[str, Any]]:
    """The tables of a TOML config file, validated (see the module docstring)."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except FileNotFoundError:
        raise ConfigError("no such config file", input=str(path)) from None
    except IsADirectoryError:
        raise ConfigError("is a folder, not a config file", input=str(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot be read: {exc.strerror or exc}", input=str(path)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"is not valid TOML: {exc}", input=str(path)) from None
    known = [LIMITS, LANGUAGE, *components.names()]
    for name, table in data.items():
        if name not in known:
            raise ConfigError(f"is not a component or [limits] (choose from {', '.join(known)})",
                              input=f"{path}: [{name}]")
        if not isinstance(table, dict):
            raise ConfigError("must be a [table] of settings", input=f"{path}: {name}")
        try:
            if name == LIMITS:
                limits_from(table)
            elif name == LANGUAGE:
                _language_from(table)
            else:
                components.validate_config(name, table)
        except ConfigError as exc:
            raise ConfigError(exc.reason, input=f"{path}: {exc.input}") from None
    return data


def limits_from(table: dict[str, Any], base: Limits | None = None) -> Limits:
    """Limits with the values of a `[limits]` table (ConfigError naming an unknown key)."""
    names = {f.name for f in fields(Limits)}
    for key in table:
        if key not in names:
            raise ConfigError(f"is not a limit (the limits: {', '.join(sorted(names))})",
                              input=f"limits.{key}")
    return replace(base or Limits(), **table)


def _language_from(table: dict[str, Any]) -> str | None:
    from .language import check_policy

    for key in table:
        if key != "policy":
            raise ConfigError("is not a language setting (the one setting: policy)",
                              input=f"language.{key}")
    if "policy" in table:
        if not isinstance(table["policy"], str):
            raise ConfigError(f"must be a string, not {table['policy']!r}",
                              input="language.policy")
        return check_policy(table["policy"])
    return None


def load_options(path: str | Path | None, base: AnalyzeOptions | None = None) -> AnalyzeOptions:
    """`base` (default AnalyzeOptions()) with the config file's component tables and limits."""
    base = base or AnalyzeOptions()
    if path is None:
        return base.validate()
    data = read_config(path)
    config = {k: dict(v) for k, v in base.config.items()}
    for name, table in data.items():
        if name not in (LIMITS, LANGUAGE):
            config[name] = {**config.get(name, {}), **table}
    limits = limits_from(data.get(LIMITS, {}), base.limits)
    language = _language_from(data.get(LANGUAGE, {})) or base.language
    return replace(base, config=config, limits=limits, language=language).validate()


def effective_config(options: AnalyzeOptions | None = None) -> dict[str, dict[str, Any]]:
    """Every component's settings (defaults with `options.config` over them) and the limits."""
    options = (options or AnalyzeOptions()).validate()
    out: dict[str, dict[str, Any]] = {}
    for name in components.order():
        out[name] = components.validate_config(name, options.config.get(name))
    out[LIMITS] = asdict(options.limits)
    out[LANGUAGE] = {"policy": options.language}
    return out


def to_toml(config: dict[str, dict[str, Any]]) -> str:
    """The config as TOML (scalars and lists of scalars; a None value is left out, commented)."""
    lines: list[str] = []
    for name, table in config.items():
        lines.append(f"[{name}]")
        for key, value in table.items():
            if value is None:
                lines.append(f"# {key} = (not set)")
            else:
                lines.append(f"{key} = {_toml_value(value)}")
        lines.append("")
    return "\n".join(lines)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        import json

        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + "}"
    raise ConfigError(f"cannot be written as TOML: {value!r}")
