"""The component contract: the run order comes from `requires`, `assigns`/`requires` are
checked when components are built, each component reads only what it requires, and every
stage subset gives the same answer as the full run for what it computes."""

from __future__ import annotations

from dataclasses import fields

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.analyze import registry
from newstrace.analyze.context import Context
from newstrace.errors import ConfigError
from newstrace.pipeline import STAGES, AnalyzeOptions, Runner
from newstrace.clean import clean
from newstrace.ingest import read_documents

from .conftest import EXAMPLE

COMPONENTS = registry.order()
FIELDS = ("entities", "quotes", "reported_speech", "claims", "dates", "events", "checkworthy")


def owner(field: str) -> str:
    return next(c for c in COMPONENTS if field in registry.get(c).assigns)


def closure(name: str) -> set[str]:
    out, todo = set(), [name]
    while todo:
        n = todo.pop()
        if n not in out:
            out.add(n)
            todo.extend(registry.get(n).requires)
    return out


def test_order_is_topological_and_matches_the_stage_list():
    assert STAGES[2:] == COMPONENTS
    for i, name in enumerate(COMPONENTS):
        assert set(registry.get(name).requires) <= set(COMPONENTS[:i])
    assert registry.order(["checkworthy"]) == ("entities", "quotes", "speech", "claims",
                                               "checkworthy")


def test_a_broken_contract_is_an_error_at_build_time():
    def make(config):
        return lambda ctx: None

    for kwargs, message in [({"assigns": ("entities",)}, "already assigned by 'entities'"),
                            ({"assigns": ("nothing_here",)}, "not a Context field"),
                            ({"assigns": ("quotes2",), "requires": ("nope",)}, "not a component")]:
        registry.component("broken", **kwargs)(make)
        try:
            with pytest.raises(ConfigError, match=message):
                registry.build("quotes")
        finally:
            del registry._REGISTRY["broken"]
    registry.component("loop_a", assigns=(), requires=("loop_b",))(make)
    registry.component("loop_b", assigns=(), requires=("loop_a",))(make)
    try:
        with pytest.raises(ConfigError, match="cycle"):
            registry.order(["loop_a"])
    finally:
        del registry._REGISTRY["loop_a"], registry._REGISTRY["loop_b"]
    registry.check_contract()


class _Tracing(Context):
    """A Context that records which component reads which field."""

    def __getattribute__(self, name):
        if name in FIELDS or name == "resolver":
            reads = object.__getattribute__(self, "__dict__").setdefault("_reads", set())
            current = object.__getattribute__(self, "__dict__").get("_current")
            if current:
                reads.add((current, name))
        return object.__getattribute__(self, name)


@pytest.fixture(scope="module")
def parsed(nlp):
    article = clean(read_documents(EXAMPLE)[0])
    return article, nlp(article.text)


def test_each_component_reads_only_what_it_requires(parsed):
    article, doc = parsed
    ctx = _Tracing(article=article, doc=doc)
    for name in COMPONENTS:
        ctx.__dict__["_current"] = name
        registry.build(name)(ctx)
    ctx.__dict__["_current"] = None
    for name, field in ctx.__dict__["_reads"]:
        source = "entities" if field == "resolver" else owner(field)
        assert source == name or source in closure(name), (
            f"{name} reads ctx.{field} (assigned by {source}) without requiring it")


@pytest.fixture(scope="module")
def full(parsed):
    article, doc = parsed
    return Runner(AnalyzeOptions()).analyze_doc(article, doc)


def _assert_subset_matches(stages: tuple[str, ...], parsed, full) -> None:
    article, doc = parsed
    runner = Runner(AnalyzeOptions(stages=",".join(stages)))
    part = runner.analyze_doc(article, doc)
    computed = {f for c in runner.stages if c in COMPONENTS for f in registry.get(c).assigns}
    for field in FIELDS:
        if field in computed:
            assert getattr(part, field) == getattr(full, field), (stages, field)
        else:
            assert getattr(part, field) == [], (stages, field)


@pytest.mark.parametrize("name", COMPONENTS)
def test_each_stage_alone_gives_the_full_run_answer(name, parsed, full):
    _assert_subset_matches((name,), parsed, full)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sets(st.sampled_from(COMPONENTS), min_size=1))
def test_every_stage_subset_gives_the_full_run_answer(parsed, full, subset):
    _assert_subset_matches(tuple(sorted(subset)), parsed, full)


def test_context_fields_are_the_assigned_ones():
    assigned = {f for c in COMPONENTS for f in registry.get(c).assigns}
    assert assigned == {f.name for f in fields(Context)} - {"article", "doc"}
