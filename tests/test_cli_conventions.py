"""The CLI behaves like its peers (sqlite-utils, Datasette, trafilatura): clean help, tables in a
terminal and plain rows in a pipe, nothing read as markup, explicit usage errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
import typer.main
from typer.testing import CliRunner

from newstrace import __version__
from newstrace.cli import app
from newstrace.cli_output import TableFormat, emit, plural, safe

runner = CliRunner()
COMMANDS = [c.name for c in app.registered_commands]


@pytest.mark.parametrize("name", [None, *COMMANDS])
def test_help_has_no_type_placeholders(name):
    args = [name, "--help"] if name else ["--help"]
    result = runner.invoke(app, args, terminal_width=100)
    assert result.exit_code == 0
    for noise in ("<bool>", "<str>", "<int", "<list", "{paths}", "{query}", "<path>"):
        assert noise not in result.output, f"{noise} in `newstrace {name or ''} --help`"


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"newstrace {__version__}"


@pytest.fixture
def db(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The mayor said the [bold red]bridge[/bold red] would reopen on Friday.\n\n"
                       "Engineers said the bridge\x1b[2J needed three more weeks of work.\n",
                       encoding="utf-8")
    other = tmp_path / "b.txt"
    other.write_text("Divers inspected the old bridge piers for cracks on Tuesday.\n", encoding="utf-8")
    path = str(tmp_path / "c.db")
    result = runner.invoke(app, ["ingest", str(article), str(other), "--db", path,
                                 "--stages", "clean"])
    assert result.exit_code == 0, result.output
    return path


def test_search_piped_is_tsv_and_keeps_brackets_and_defuses_escapes(db):
    result = runner.invoke(app, ["search", "bridge", "--db", db, "--kind", "article"])
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.splitlines()
    assert header.split("\t")[0:2] == ["kind", "text"]
    assert "[bold red]bridge[/bold red]" in result.stdout or "bridge" in rows[0]
    assert "\x1b" not in result.stdout


def test_table_format_shows_markup_literally(db):
    result = runner.invoke(app, ["search", "mayor", "--db", db, "-f", "table"])
    assert result.exit_code == 0
    assert "[bold red]" in result.output and "\x1b" not in result.output


def test_csv_and_json_formats(db):
    result = runner.invoke(app, ["search", "bridge", "--db", db, "-f", "csv"])
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:2] == ["kind", "text"] and len(rows) >= 2
    data = json.loads(runner.invoke(app, ["search", "bridge", "--db", db, "-f", "json"]).stdout)
    assert data["query"] == "bridge" and data["hits"]


def test_query_may_start_with_a_minus(db):
    result = runner.invoke(app, ["search", "-mayor bridge", "--db", db, "-f", "json"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)["hits"]
    assert len(hits) == 1 and "Divers" in hits[0]["text"]
    after = runner.invoke(app, ["search", "--db", db, "-f", "json", "-mayor bridge"])
    assert json.loads(after.stdout) == json.loads(result.stdout)


def test_unknown_long_option_is_still_a_usage_error(db):
    result = runner.invoke(app, ["search", "bridge", "--db", db, "--bogus"])
    assert result.exit_code == 2 and "No such option" in result.output


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_query_is_a_usage_error(db, query):
    result = runner.invoke(app, ["search", query, "--db", db])
    assert result.exit_code == 2 and "empty query" in result.output


def test_quiet_drops_the_ingest_summary(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The council said the bridge would reopen on Friday after repairs.\n")
    loud = runner.invoke(app, ["ingest", str(article), "--db", str(tmp_path / "a.db"),
                               "--stages", "clean"])
    assert "1 article added" in loud.output
    quiet = runner.invoke(app, ["-q", "ingest", str(article), "--db", str(tmp_path / "b.db"),
                                "--stages", "clean"])
    assert quiet.exit_code == 0 and quiet.output == ""


def test_emit_table_rows_are_never_cut():
    out = io.StringIO()
    long = "word " * 80
    emit(["a", "b"], [["x", long]], TableFormat.tsv, stream=out)
    assert out.getvalue().splitlines()[1] == "x\t" + long.strip() or long.rstrip() in out.getvalue()
    out = io.StringIO()
    emit(["a", "b"], [["x", long]], TableFormat.table, stream=out)
    assert out.getvalue().count("word") == 80


def test_plural_and_safe():
    assert plural(1, "carrier") == "1 carrier" and plural(0, "carrier") == "0 carriers"
    assert plural(2, "duplicate group") == "2 duplicate groups"
    assert safe("a\x1b[2Jb\u202ec") == "a\ufffd[2Jb\ufffdc"


def test_every_command_help_reads_cleanly_in_the_docs_sense():
    group = typer.main.get_command(app)
    for name in COMMANDS:
        assert group.commands[name].help
