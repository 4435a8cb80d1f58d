from __future__ import annotations

import pytest

import newstrace
from newstrace.pipeline import STAGES, resolve_stages

from .conftest import EXAMPLE, assert_offsets


def test_resolve_stages_pulls_in_dependencies():
    assert resolve_stages("clean") == ("clean",)
    assert resolve_stages("entities") == ("clean", "parse", "entities")
    assert resolve_stages("all") == STAGES
    assert "entities" in resolve_stages("quotes")


def test_unknown_stage_is_named():
    with pytest.raises(ValueError, match="bogus"):
        resolve_stages("bogus")


def test_clean_stage_needs_no_spacy():
    result = newstrace.analyze(EXAMPLE, stages="clean")
    assert result.stages == ["clean"]
    assert result.entities == []
    assert "Donald Trump" in result.text


def test_full_analysis_keeps_offsets(example_analysis):
    assert example_analysis.entities
    assert_offsets(example_analysis)


def test_public_api_is_exactly_all():
    """Every public name is in __all__ (submodules aside: importing one sets an attribute)."""
    import types

    public = {n for n in dir(newstrace) if not n.startswith("_")
              and not isinstance(getattr(newstrace, n), types.ModuleType)}
    assert set(newstrace.__all__) - {"__version__"} <= public
    assert public == set(newstrace.__all__) - {"__version__"}
