"""Docs mirror the code (as sqlite-utils' test_docs does): every command has help text and
appears in docs/cli.md paired with its Python twin."""

from __future__ import annotations

import re

import pytest
import typer.main

from newstrace.cli import app

from .conftest import ROOT

COMMANDS = [c.name for c in app.registered_commands]
CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def test_there_are_commands():
    assert {"analyze", "eval", "ingest", "search", "dedupe", "trace"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_naming_its_python_api(name):
    command = typer.main.get_command(app).commands[name]
    assert command.help and "Python API" in command.help


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_paired_with_python_in_docs(name):
    row = re.search(rf"^\| `newstrace {name}\b[^|]*\| (.+) \|$", CLI_DOC, re.M)
    assert row, f"docs/cli.md has no table row for `newstrace {name}`"
    assert "newstrace." in row.group(1)


def test_readme_opens_with_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", readme, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["make demo", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_rest_route_is_paired_with_python_in_docs(tmp_path):
    pytest.importorskip("fastapi")
    from newstrace.api import create_app

    api_doc = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    app = create_app(tmp_path / "empty.db", token=None)
    routes = [(m.upper(), path) for path, item in app.openapi()["paths"].items() for m in item]
    assert len(routes) >= 8
    for method, path in routes:
        shown = path.replace("{article_id}", "{id}").replace("{story_id}", "{id}").replace(
            "{claim_ref}", "{id}")
        row = re.search(rf"^\| `{method} {re.escape(shown)}` \| (.+) \|$", api_doc, re.M)
        assert row, f"docs/api.md has no table row for `{method} {shown}`"
        assert "newstrace." in row.group(1)


def _documented_cli_defaults() -> list[tuple[str, str, str]]:
    """(command, option, default) for each row of docs/configuration.md's command-line table."""
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    section = text.split("## Command-line limits and tuning")[1].split("\n## ")[0]
    rows = []
    for line in section.splitlines():
        if not line.startswith("| `"):
            continue
        options, defaults, commands = (c.strip() for c in line.strip("|").split("|")[:3])
        names = re.findall(r"`(--[\w-]+)`", options)
        values = re.findall(r"`([^`]+)`", defaults)
        for command in (c.strip() for c in commands.split(",")):
            if command in COMMANDS:
                rows += [(command, n, v) for n, v in zip(names, values)]
    return rows


@pytest.mark.parametrize("command,option,default", _documented_cli_defaults())
def test_documented_cli_default_is_the_real_default(command, option, default):
    params = typer.main.get_command(app).commands[command].params
    param = next(p for p in params if option in p.opts)
    if param.default is None:  # resolved in the command body (e.g. ingest's --db)
        return
    actual = param.default
    assert str(actual) == default or (isinstance(actual, float) and actual == float(default))


def test_corpus_commands_default_to_the_library_defaults():
    from newstrace.corpus import ClusterOptions, DedupeOptions, TraceOptions

    commands = typer.main.get_command(app).commands

    def default(command: str, option: str):
        return next(p.default for p in commands[command].params if option in p.opts)

    assert default("clusters", "--threshold") == ClusterOptions().threshold
    assert default("clusters", "--window-days") == ClusterOptions().window_days
    assert default("trace", "--threshold") == TraceOptions().threshold
    assert default("dedupe", "--lsh-threshold") == DedupeOptions().lsh_threshold
    assert default("dedupe", "--shingle-size") == DedupeOptions().shingle_size
