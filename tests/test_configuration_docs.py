"""docs/configuration.md names every setting the code reads: each NEWSTRACE_* environment
variable in the package and each key of each component's default_config."""

from __future__ import annotations

import re

import pytest

from newstrace.analyze import registry

from .conftest import ROOT

DOC = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
SOURCES = sorted((ROOT / "src" / "newstrace").rglob("*.py"))
ENV_VARS = sorted({m for p in SOURCES
                   for m in re.findall(r"\bNEWSTRACE_[A-Z0-9_]+\b", p.read_text(encoding="utf-8"))})
SETTINGS = [(name, key) for name in registry.names() for key in registry.get(name).default_config]


def test_the_code_reads_settings():
    assert "NEWSTRACE_MODEL" in ENV_VARS and SETTINGS


@pytest.mark.parametrize("variable", ENV_VARS)
def test_environment_variable_is_documented(variable):
    assert re.search(rf"^\| `{variable}` \|", DOC, re.M), \
        f"{variable} is read by the code but has no row in docs/configuration.md"


@pytest.mark.parametrize("component,key", SETTINGS)
def test_component_setting_is_documented(component, key):
    assert re.search(rf"^\| `{component}` \| `{key}` \|", DOC, re.M), \
        f"{component}.{key} has no row in docs/configuration.md"
