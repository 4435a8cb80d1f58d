"""`newstrace ingest` and `newstrace search` through typer's CliRunner, checked through the
library, on SQLite and PostgreSQL."""

from __future__ import annotations

import gzip
import json

from typer.testing import CliRunner

import newstrace
from newstrace.cli import app
from newstrace.store import Store

from .conftest import EXAMPLE, assert_offsets
from .test_warc import PAGE_1, response

runner = CliRunner()

ARTICLE = ("Officials in {city} said on Monday that the new bridge would open in {year}. "
           "“We are ready,” the mayor told reporters.\n\nThe project cost {n} million dollars.")


PAGE_A = ("<html><head><title>Port reopens</title></head><body><article><h1>Port reopens</h1>"
          "<p>The port of La Guaira reopened on Tuesday after three weeks of repairs, the "
          "harbour authority said in a statement.</p><p>“Ships are already arriving,” a "
          "spokesperson told reporters, adding that traffic would be back to normal by "
          "October.</p></article></body></html>")


def bad_and_good_inputs(folder):
    folder.mkdir(exist_ok=True)
    for n, city in enumerate(["Lima", "Quito", "Bogotá"]):
        (folder / f"article-{n}.txt").write_text(ARTICLE.format(city=city, year=2026 + n, n=n),
                                                 encoding="utf-8")
    (folder / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "empty.txt").write_text("   \n")
    (folder / "broken.rss").write_text("<rss><channel><title>Broken</ti")
    big = "<html><body>" + "<p>A long archived page about the harbour works.</p>" * 1500
    records = [response("https://outlet.example/big", big.encode()),
               response("https://outlet.example/a", PAGE_A.encode()),
               response("https://outlet.example/b", PAGE_1.encode() * 5)]
    data = b"".join(gzip.compress(r) for r in records)  # one gzip member per record
    (folder / "cut.warc.gz").write_bytes(data[:-40])
    return folder


def test_bad_inputs_fail_by_name_and_the_batch_goes_on(tmp_path, db_url):
    folder = bad_and_good_inputs(tmp_path / "in")
    result = runner.invoke(app, ["ingest", str(folder), "--db", db_url, "--stages", "clean"])
    assert result.exit_code == 1, result.output
    out = result.output
    for name in ("photo.html", "empty.txt", "broken.rss", "cut.warc.gz"):
        assert any(line.startswith("failed: [NT0") and name in line
                   for line in out.splitlines()), name
    with Store(db_url) as store:
        stored = {r.uri.rsplit("/", 1)[-1] for r in store.articles()}
        assert stored == {"article-0.txt", "article-1.txt", "article-2.txt", "cut.warc.gz"}
        assert [r.url for r in store.articles() if r.url] == ["https://outlet.example/big",
                                                              "https://outlet.example/a"]
        failures = store.failures()
        codes = {f.uri.rsplit("/", 1)[-1].split("#")[0]: f.code for f in failures}
        assert codes["photo.html"] == "NT003" and codes["empty.txt"] == "NT002"
        assert codes["broken.rss"] == "NT007" and codes["cut.warc.gz"] == "NT007"
        n_articles, n_failures = store.count(), len(failures)
    # re-ingesting adds nothing: same articles, no new failure rows
    again = runner.invoke(app, ["ingest", str(folder), "--db", db_url, "--stages", "clean",
                                "--format", "json"])
    summary = json.loads(again.stdout)
    assert summary["added"] == 0 and summary["skipped"] == n_articles
    assert summary["failed"] == len({f.uri for f in failures}) or summary["failed"] >= 4
    with Store(db_url) as store:
        assert store.count() == n_articles and len(store.failures()) == n_failures


def test_full_analysis_is_stored_exactly(tmp_path, db_url, example_analysis):
    result = runner.invoke(app, ["ingest", str(EXAMPLE), "--db", db_url, "--batch-size", "4"])
    assert result.exit_code == 0, result.output
    assert "1 article added" in result.output
    with newstrace.open_corpus(db_url) as store:
        [record] = list(store.articles())
        stored = store.analysis(record.id)
    assert stored.id == example_analysis.id
    assert stored.to_dict() == example_analysis.to_dict()
    assert_offsets(stored)


def test_search_cli_json_and_table(tmp_path, db_url):
    folder = bad_and_good_inputs(tmp_path / "in")
    runner.invoke(app, ["ingest", str(folder), "--db", db_url, "--stages", "clean"])
    result = runner.invoke(app, ["search", "bridge Quito", "--db", db_url, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    [hit] = data["hits"]
    assert hit["kind"] == "article" and hit["uri"].endswith("article-1.txt")
    with Store(db_url) as store:
        body = store.article(hit["article_id"]).text
    assert body[hit["span"][0]:hit["span"][1]] == hit["text"]
    table = runner.invoke(app, ["search", "bridge", "--db", db_url, "--kind", "article",
                                "--format", "table"])
    assert table.exit_code == 0 and "3 hits for 'bridge'" in table.output
    piped = runner.invoke(app, ["search", "bridge", "--db", db_url, "--kind", "article"])
    rows = [line.split("\t") for line in piped.stdout.splitlines()]
    assert rows[0] == ["kind", "text", "speaker", "outlet", "published", "evidence", "article"]
    assert len(rows) == 4 and all(len(r) == 7 and len(r[6]) == 40 for r in rows[1:])
    none = runner.invoke(app, ["search", "bridge", "--db", db_url, "--since", "2030-01-01",
                               "--format", "json"])
    assert json.loads(none.stdout)["hits"] == []


def test_cli_errors(tmp_path):
    bad = runner.invoke(app, ["ingest", str(EXAMPLE), "--db", str(tmp_path / "x.db"),
                              "--stages", "nope"])
    assert bad.exit_code == 2 and "unknown stage 'nope'" in bad.output
    missing = runner.invoke(app, ["search", "x", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no such database" in missing.output
    label = runner.invoke(app, ["search", "x", "--db", str(tmp_path / "none.db"),
                                "--evidence", "maybe"])
    assert label.exit_code == 2 and "unknown evidence label 'maybe'" in label.output
    nodir = runner.invoke(app, ["ingest", str(EXAMPLE), "--db", str(tmp_path / "no" / "x.db")])
    assert nodir.exit_code == 1 and "NT030" in nodir.output


def test_ingest_python_api_mirrors_the_cli(tmp_path):
    folder = bad_and_good_inputs(tmp_path / "in")
    with newstrace.open_corpus(tmp_path / "api.db") as store:
        summary = store.ingest([folder], newstrace.AnalyzeOptions(stages="clean"))
        assert summary.added == store.count() >= 4  # 3 texts + the WARC record before the cut
        assert {f.code for f in summary.failures} >= {"NT002", "NT003", "NT007"}
        again = store.ingest([folder], newstrace.AnalyzeOptions(stages="clean"))
        assert again.added == 0 and again.skipped == summary.added
