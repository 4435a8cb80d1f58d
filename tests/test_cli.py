"""The CLI through typer's CliRunner, checked against the Python API (as sqlite-utils does)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import newstrace
from newstrace.cli import app

from .conftest import EXAMPLE

runner = CliRunner()


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"newstrace {newstrace.__version__}"


def test_analyze_json_matches_python_api():
    result = runner.invoke(app, ["analyze", str(EXAMPLE), "--format", "json", "--stages", "clean"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    api = newstrace.analyze(EXAMPLE, stages="clean")
    assert data == api.to_dict()
    assert data["schema"] == "newstrace/1"


def test_analyze_jsonl_one_line_per_article(tmp_path):
    second = tmp_path / "second.txt"
    second.write_text("Officials said the bridge would reopen on Monday.\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(EXAMPLE), str(second), "-f", "jsonl",
                                 "--stages", "clean"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["source"]["uri"] for line in lines] == [str(EXAMPLE), str(second)]


def test_analyze_report_and_output_file(tmp_path):
    out = tmp_path / "report.txt"
    result = runner.invoke(app, ["analyze", str(EXAMPLE), "-f", "report", "-o", str(out),
                                 "--stages", "entities"])
    assert result.exit_code == 0, result.output
    report = out.read_text(encoding="utf-8")
    assert "Who is in it" in report
    assert "Trump" in report


def test_unknown_stage_is_a_usage_error():
    result = runner.invoke(app, ["analyze", str(EXAMPLE), "--stages", "nope"])
    assert result.exit_code == 2
    assert "unknown stage 'nope'" in result.stderr


def test_batch_goes_on_after_a_missing_file(tmp_path):
    result = runner.invoke(app, ["analyze", str(tmp_path / "missing.txt"), str(EXAMPLE),
                                 "-f", "jsonl", "--stages", "clean"])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    assert "missing.txt" in result.stderr
    assert "1 of 2 articles analysed; 1 failed" in result.stderr


def test_eval_json_on_the_seed_gold():
    from pathlib import Path

    seed = Path(__file__).resolve().parents[2] / "shared" / "eval" / "seed"
    if not seed.exists():  # pragma: no cover - the shared folder sits beside every checkout
        import pytest

        pytest.skip("shared/eval/seed not beside the checkout")
    result = runner.invoke(app, ["eval", "--gold", str(seed), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data["overall"]) >= {"entities", "quotes", "claims", "events", "metadata"}
    assert data["files"][0]["id"] == "venezuela-syndicated"


def test_eval_bad_gold_path_names_it(tmp_path):
    result = runner.invoke(app, ["eval", "--gold", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "none" in result.stderr and "NT001" in result.stderr


def test_search_on_a_missing_database_names_it_and_creates_nothing(tmp_path):
    db = tmp_path / "typo.db"
    result = runner.invoke(app, ["search", "drugs", "--db", str(db)])
    assert result.exit_code == 1
    assert "NT030" in result.stderr and "typo.db" in result.stderr
    assert not db.exists()
