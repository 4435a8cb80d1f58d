"""Issue 12: each defect found by trying newstrace as a hostile user would, as a regression
test through the CLI: no traceback, nothing lost, the input file intact, no markup or escape
sequence interpreted, no password shown."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newstrace
from newstrace import AnalyzeOptions, Limits
from newstrace.cli import app
from newstrace.errors import ConfigError, InputTooLarge, NewstraceError, StoreError
from newstrace.store import Store

from .conftest import EXAMPLE, assert_offsets

runner = CliRunner()

STORY = ("Officials in {city} said on Monday that the new bridge would open in {year}. "
         "“We are ready,” the mayor told reporters.\n\n“It will change the city,” she said. "
         "The project cost {n} million dollars, according to the ministry.\n")


def story(city: str = "Lima", year: int = 2026, n: int = 3) -> str:
    return STORY.format(city=city, year=year, n=n)


def invoke(args, **kw):
    """Run the CLI; fail on an exception that escaped it (a traceback for a user)."""
    result = runner.invoke(app, [str(a) for a in args], **kw)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"traceback from {args}: {result.exception!r}") from result.exception
    assert "Traceback" not in result.output
    assert "NT099" not in result.output, result.output
    return result


# -- -o/--output -------------------------------------------------------------------------


def test_output_onto_an_input_is_refused_and_the_input_is_intact(tmp_path):
    src = tmp_path / "story.txt"
    src.write_text(story(), encoding="utf-8")
    before = src.read_bytes()
    result = invoke(["analyze", src, "-o", src, "-f", "jsonl"])
    assert result.exit_code == 2
    assert "is also an input" in result.stderr
    assert src.read_bytes() == before


def test_output_into_a_missing_folder_or_onto_a_folder_is_one_line(tmp_path):
    src = tmp_path / "story.txt"
    src.write_text(story(), encoding="utf-8")
    missing = invoke(["analyze", src, "--stages", "clean", "-o", tmp_path / "nope" / "out.json"])
    assert missing.exit_code == 2 and "does not exist" in missing.stderr
    folder = invoke(["analyze", src, "--stages", "clean", "-o", tmp_path])
    assert folder.exit_code == 2 and "is a folder" in folder.stderr
    assert len(missing.stderr.strip().splitlines()) == 1


def test_output_inside_an_input_folder_is_never_read_back(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, city in enumerate(["Lima", "Quito"]):
        (folder / f"a{i}.txt").write_text(story(city), encoding="utf-8")
    out = folder / "out.jsonl"
    for _ in range(2):  # the second run finds last run's output in the folder
        result = invoke(["analyze", folder, "--stages", "clean", "-f", "jsonl", "-o", out])
        assert result.exit_code == 0, result.stderr
        lines = out.read_text(encoding="utf-8").splitlines()
        assert sorted(json.loads(x)["source"]["uri"].rsplit("/", 1)[-1] for x in lines) == [
            "a0.txt", "a1.txt"]
    assert sorted(p.name for p in folder.iterdir()) == ["a0.txt", "a1.txt", "out.jsonl"]


def test_output_keeps_successes_when_some_inputs_fail(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(story(), encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n")
    out = tmp_path / "out.jsonl"
    result = invoke(["analyze", good, tmp_path / "empty.txt", "--stages", "clean", "-f", "jsonl",
                     "-o", out])
    assert result.exit_code == 1
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


# -- long texts --------------------------------------------------------------------------


def _long_text(paragraphs: int) -> str:
    return "\n\n".join(story(f"City{i}", 2000 + i % 30, i) for i in range(paragraphs))


def test_a_text_over_the_model_limit_is_parsed_in_chunks_with_the_batch(tmp_path, nlp):
    """The 2.1 MB case, scaled down: spaCy's max_length lowered to 5,000 characters."""
    long = tmp_path / "long.txt"
    long.write_text(_long_text(60), encoding="utf-8")  # ~16,000 characters
    small = tmp_path / "small.txt"
    small.write_text(story("Quito"), encoding="utf-8")
    saved = nlp.max_length
    nlp.max_length = 5000
    try:
        result = invoke(["analyze", long, small, "-f", "jsonl"])
    finally:
        nlp.max_length = saved
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 2
    big = newstrace.Analysis.model_validate(rows[0])
    assert len(big.text) > 2 * 5000
    assert_offsets(big)
    # the quotes of (nearly) every paragraph are found, across chunk boundaries
    assert len(big.quotes) >= 100


def test_chunked_parse_reproduces_the_text_exactly(nlp):
    from newstrace.nlp import parse_long, split_chunks

    text = "One line\nwithout breaks " * 50 + "x" * 700 + "\n\nLast paragraph.  \n"
    for size in (1, 7, 100, 333):
        chunks = split_chunks(text, size)
        assert "".join(chunks) == text and all(len(c) <= size for c in chunks)
    doc = parse_long(nlp, text, 200)
    assert doc.text == text
    assert [t.idx for t in doc] == sorted(t.idx for t in doc)


def test_an_article_over_the_hard_ceiling_fails_alone(tmp_path):
    (tmp_path / "limits.toml").write_text("[limits]\nmax_chars = 2000\n", encoding="utf-8")
    long = tmp_path / "long.txt"
    long.write_text(_long_text(20), encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text(story(), encoding="utf-8")
    result = invoke(["analyze", long, small, "-f", "jsonl", "--stages", "clean",
                     "--config", tmp_path / "limits.toml"])
    assert result.exit_code == 1
    assert "[NT005]" in result.stderr and "over the limit of 2,000" in result.stderr
    assert len(result.stdout.splitlines()) == 1
    with pytest.raises(InputTooLarge):
        newstrace.analyze(long, options=AnalyzeOptions(stages="clean", limits=Limits(max_chars=2000)))


def test_too_many_paragraphs_and_time_budget_fail_alone(tmp_path):
    from newstrace.errors import AnalysisTimeout

    text = _long_text(30)
    with pytest.raises(InputTooLarge, match="paragraphs"):
        newstrace.analyze_text(text, options=AnalyzeOptions(stages="clean",
                                                            limits=Limits(max_paragraphs=10)))
    with pytest.raises(AnalysisTimeout, match="time budget"):
        newstrace.analyze_text(text, options=AnalyzeOptions(
            stages="entities", limits=Limits(article_seconds=1e-9)))


def test_a_failing_nlp_pipe_batch_falls_back_to_one_at_a_time(tmp_path, nlp, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, city in enumerate(["Lima", "Quito", "Cali"]):
        (folder / f"a{i}.txt").write_text(story(city), encoding="utf-8")
    real_pipe = type(nlp).pipe

    def pipe(self, texts, **kw):
        texts = list(texts)
        if len(texts) > 1:
            raise ValueError("[E088] simulated batch failure")
        return real_pipe(self, texts, **kw)

    monkeypatch.setattr(type(nlp), "pipe", pipe)
    result = invoke(["analyze", folder, "-f", "jsonl", "--stages", "entities"])
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 3


# -- encodings ---------------------------------------------------------------------------


def test_one_bad_byte_keeps_utf8_with_a_warning(tmp_path):
    text = story() + "\n“Another line,” he said. “And one more,” she added.\n"
    good = text.encode("utf-8")
    bad = good.replace(b"bridge", b"bri\xffdge", 1)
    (tmp_path / "good.txt").write_bytes(good)
    (tmp_path / "bad.txt").write_bytes(bad)
    ok = json.loads(invoke(["analyze", tmp_path / "good.txt", "-f", "json", "--stages",
                            "quotes"]).stdout)
    result = invoke(["analyze", tmp_path / "bad.txt", "-f", "json", "--stages", "quotes"])
    assert result.exit_code == 0
    analysed = json.loads(result.stdout)
    assert "“We are ready,”" in analysed["text"] and "bri\ufffddge" in analysed["text"]
    assert len(analysed["quotes"]) == len(ok["quotes"]) > 0
    assert "1 byte not valid UTF-8" in result.stderr
    assert analysed["warnings"] == ["1 byte not valid UTF-8 replaced with U+FFFD"]


def test_declared_utf8_html_with_a_bad_byte_stays_utf8(tmp_path):
    page = ("<html><head><meta charset=\"utf-8\"><title>Bridge</title></head><body><article>"
            "<p>Officials said on Monday that the new bridge would open. “We are ready,” the "
            "mayor told reporters in Bogotá.</p><p>The café owners said they were glad.</p>"
            "</article></body></html>").encode("utf-8").replace(b"bridge", b"bri\xe9dge", 1)
    (tmp_path / "page.html").write_bytes(page)
    result = invoke(["analyze", tmp_path / "page.html", "-f", "json", "--stages", "clean"])
    assert result.exit_code == 0, result.stderr
    analysed = json.loads(result.stdout)
    assert "Bogotá" in analysed["text"] and "café" in analysed["text"]
    assert analysed["warnings"]


def test_cp1252_text_is_still_cp1252():
    from newstrace.ingest.sniff import decode

    decoded = decode("Le café de Bogotá a rouvert lundi, a dit le maire.".encode("cp1252"), "x")
    assert decoded.text.startswith("Le café") and decoded.warning is None


# -- terminal injection ------------------------------------------------------------------

HOSTILE = ("Officials said on Monday [link=https://evil.example]click here[/link] that the "
           "[bold red]bridge[/bold red] would open.\x1b[2J\x1b]8;;https://evil.example\x07x"
           "\x1b]8;;\x07 “We are [blink]ready[/blink],” Mayor Ana Ruiz\x1b[31m told reporters.\n")


def _no_escapes(output: str) -> None:
    # no screen clearing, no OSC 8 hyperlink, no bell: the ESC and BEL are gone, what is
    # left of the sequences ("[2J", "]8;;https://…") is plain text
    assert "\x1b[2J" not in output and "\x1b]8;" not in output and "\x07" not in output


def test_report_prints_markup_as_text_and_no_escape_sequences(tmp_path):
    src = tmp_path / "hostile.txt"
    src.write_text(HOSTILE, encoding="utf-8")
    result = invoke(["analyze", src, "-f", "report"], env={"FORCE_COLOR": "1", "COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    _no_escapes(result.stdout)
    assert "[bold red]" in result.stdout or "[link=" in result.stdout or "“We are" in result.stdout
    analysis = json.loads(invoke(["analyze", src, "-f", "json"]).stdout)
    assert not re.search("[\x00-\x08\x0e-\x1f\x7f-\x9f]", analysis["text"])
    for e in analysis["entities"]:
        assert not re.search("[\x00-\x1f\x7f-\x9f]", e["name"])


def test_search_and_trace_print_markup_as_text(tmp_path):
    db = tmp_path / "n.db"
    src = tmp_path / "hostile.txt"
    src.write_text(HOSTILE, encoding="utf-8")
    assert invoke(["ingest", src, "--db", db, "-q"]).exit_code == 0
    with Store(db) as store:
        for a in store.articles():
            assert "\x1b" not in a.text and "\x07" not in a.text
    env = {"FORCE_COLOR": "1", "COLUMNS": "250"}
    found = invoke(["search", "bridge", "--db", db, "-f", "table"], env=env)
    assert found.exit_code == 0
    assert "[link=https://evil.example]" in found.stdout.replace("\n", "") or "[link=" in found.stdout
    _no_escapes(found.stdout)
    traced = invoke(["trace", "[bold red]the bridge would open[/bold red]", "--db", db,
                     "-f", "table"], env=env)  # the query is shown in the title
    assert traced.exit_code == 0
    assert "[bold red]" in traced.stdout
    _no_escapes(traced.stdout)


def test_failure_messages_do_not_interpret_markup(tmp_path):
    name = tmp_path / "[link=https:⁄⁄evil.example]x[⁄link].txt"
    name.write_text("   ")
    result = invoke(["analyze", name], env={"FORCE_COLOR": "1"})
    assert result.exit_code == 1
    assert "[link=" in result.stderr and "\x1b]8;" not in result.stderr


# -- stores ------------------------------------------------------------------------------


def test_store_does_not_create_a_missing_file_when_told_not_to(tmp_path):
    missing = tmp_path / "missing.db"
    with pytest.raises(StoreError, match="no such database"):
        Store(missing, create=False)
    with pytest.raises(StoreError):
        newstrace.open_corpus(missing, create=False)
    for cmd in (["search", "x"], ["dedupe"], ["clusters"], ["trace", "x"]):
        result = invoke([*cmd, "--db", missing])
        assert result.exit_code == 1 and "no such database" in result.stderr
    assert not missing.exists()


def test_a_read_only_database_is_found_before_any_analysis(tmp_path):
    db = tmp_path / "ro.db"
    src = tmp_path / "a.txt"
    src.write_text(story(), encoding="utf-8")
    assert invoke(["ingest", src, "--db", db, "-q", "--stages", "clean"]).exit_code == 0
    other = tmp_path / "b.txt"
    other.write_text(story("Quito"), encoding="utf-8")
    url = f"sqlite:///file:{db}?mode=ro&uri=true"
    result = invoke(["ingest", other, "--db", url, "-q"])
    assert result.exit_code == 1
    assert "cannot be written" in result.stderr and "readonly" in result.stderr
    assert "INSERT" not in result.stderr and "SQL" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.postgres
def test_postgres_password_is_never_printed(pg_url, tmp_path):
    url = pg_url.replace("postgresql://postgres@", "postgresql://postgres:s3cret-pw@")
    src = tmp_path / "a.txt"
    src.write_text(story(), encoding="utf-8")
    result = invoke(["ingest", src, "--db", url, "--stages", "clean"])
    assert result.exit_code == 0, result.stderr
    assert "s3cret-pw" not in result.output and "***" in result.stderr
    bad = invoke(["ingest", src, "--db", url.replace(url.rsplit("/", 1)[-1], "no_such_db")])
    assert bad.exit_code == 1 and "s3cret-pw" not in bad.output


def test_a_20000_word_search_is_one_line(db_url, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(story(), encoding="utf-8")
    assert invoke(["ingest", src, "--db", db_url, "--stages", "clean", "-q"]).exit_code == 0
    query = " ".join(f"word{i}" for i in range(20000))
    result = invoke(["search", query, "--db", db_url])
    assert result.exit_code == 1 and "too long" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    # just under the limit still runs on both databases
    ok = invoke(["search", " OR ".join(f"w{i}" for i in range(200)) + " bridge", "--db", db_url])
    assert ok.exit_code == 0, ok.stderr


# -- config and the component contract ---------------------------------------------------


def test_config_keys_and_types_are_checked():
    with pytest.raises(ConfigError, match=r"quotez"):
        AnalyzeOptions(config={"quotez": {}}).validate()
    with pytest.raises(ConfigError, match=r"quotes\.max_term_word\b"):
        newstrace.analyze_text(story(), options=AnalyzeOptions(
            stages="quotes", config={"quotes": {"max_term_word": 3}}))
    with pytest.raises(ConfigError, match=r"events\.keep_hypothetical: must be a bool"):
        AnalyzeOptions(config={"events": {"keep_hypothetical": 1}}).validate()
    with pytest.raises(ConfigError, match="limits.max_chars"):
        Limits(max_chars="big")
    assert isinstance(ConfigError("x"), ValueError)


def test_cli_config_file_and_config_show(tmp_path):
    good = tmp_path / "good.toml"
    good.write_text("[quotes]\nmax_term_words = 6\n\n[limits]\narticle_seconds = 60\n\n"
                    "[language]\npolicy = \"skip\"\n", encoding="utf-8")
    shown = invoke(["config", "show", "--config", good])
    assert shown.exit_code == 0
    assert "[quotes]\nmax_term_words = 6\n" in shown.stdout
    assert "article_seconds = 60" in shown.stdout and 'policy = "skip"' in shown.stdout
    # the output is itself a valid config file
    again = tmp_path / "again.toml"
    again.write_text(shown.stdout, encoding="utf-8")
    assert invoke(["config", "show", "--config", again]).stdout == shown.stdout
    for body, named in [("[quotes]\nmax_term_word = 6\n", "quotes.max_term_word"),
                        ("[quotes]\nmax_term_words = \"6\"\n", "quotes.max_term_words"),
                        ("[quotez]\nx = 1\n", "[quotez]"),
                        ("[limits]\nmax_charz = 1\n", "limits.max_charz"),
                        ("not toml = = =\n", "is not valid TOML")]:
        bad = tmp_path / "bad.toml"
        bad.write_text(body, encoding="utf-8")
        for cmd in (["config", "show"], ["analyze", EXAMPLE], ["ingest", EXAMPLE,
                                                              "--db", tmp_path / "x.db"]):
            result = invoke([*cmd, "--config", bad])
            assert result.exit_code == 2 and named in result.stderr, (body, result.stderr)
    assert not (tmp_path / "x.db").exists()
    assert invoke(["analyze", EXAMPLE, "--config", tmp_path / "none.toml"]).exit_code == 2


def test_language_is_detected_recorded_and_policy_applied(tmp_path):
    spanish = ("El alcalde de la ciudad dijo el lunes que el nuevo puente se abrirá en 2026. "
               "«Estamos preparados», dijo la alcaldesa a los periodistas. El proyecto costó "
               "tres millones de dólares, según el ministerio de obras públicas.\n")
    src = tmp_path / "es.txt"
    src.write_text(spanish, encoding="utf-8")
    warned = invoke(["analyze", src, "-f", "json", "--stages", "clean"])
    assert warned.exit_code == 0
    analysis = json.loads(warned.stdout)
    assert analysis["meta"]["language"] == "es"
    assert "written in 'es'" in warned.stderr
    cfg = tmp_path / "skip.toml"
    cfg.write_text('[language]\npolicy = "skip"\n', encoding="utf-8")
    skipped = invoke(["analyze", src, "--config", cfg, "--stages", "clean"])
    assert skipped.exit_code == 1 and "[NT009]" in skipped.stderr
    english = newstrace.analyze_text(story(), stages="clean")
    assert english.meta.language == "en" and not english.warnings


def test_doctor_reports_every_check(tmp_path):
    result = invoke(["doctor", "--db", tmp_path / "n.db", "--format", "json"])
    checks = {c["name"]: c for c in json.loads(result.stdout)}
    assert checks["spaCy model"]["status"] == "ok"
    assert checks["lxml HTML cleaner"]["status"] == "ok"
    assert checks["store"]["status"] == "warn" and "does not exist" in checks["store"]["found"]
    assert result.exit_code == 0
    assert not (tmp_path / "n.db").exists()
    Store(tmp_path / "n.db").close()
    checks = {c["name"]: c for c in json.loads(
        invoke(["doctor", "--db", tmp_path / "n.db", "--format", "json"]).stdout)}
    assert checks["store"]["status"] == "ok"
    table = invoke(["doctor", "--db", tmp_path / "n.db"])
    assert "spaCy model" in table.stdout


def test_public_api_raises_only_newstrace_errors(tmp_path):
    cases = [
        lambda: newstrace.analyze(tmp_path / "missing.txt"),
        lambda: newstrace.analyze_text(""),
        lambda: newstrace.analyze_text(12),  # type: ignore[arg-type]
        lambda: newstrace.analyze_text("x", stages="nope"),
        lambda: list(newstrace.analyze_many([tmp_path], AnalyzeOptions(stages="nope"))),
        lambda: newstrace.analyze_text("x", options="all"),  # type: ignore[arg-type]
        lambda: newstrace.open_corpus(tmp_path / "no" / "x.db"),
        lambda: newstrace.open_corpus("postgresql://u:pw@127.0.0.1:1/none"),
        lambda: Store(tmp_path / "s.db").search("x", kind="nope"),
        lambda: Store(tmp_path / "s2.db").search("x", filters=None, kind="quote", limit=1,
                                                  speaker=None) and Store(tmp_path / "s2.db").search(
            "x", filters=object(), kind="quote"),
    ]
    for case in cases:
        try:
            case()
        except NewstraceError as exc:
            assert re.match(r"\[NT\d{3}\]", str(exc)), exc
            assert "pw@" not in str(exc)


# -- crash safety: two ingests on one SQLite file ----------------------------------------


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_two_concurrent_ingests_on_one_sqlite_file_both_finish(tmp_path):
    import os
    import subprocess
    import sys

    folders = []
    for k in range(2):
        folder = tmp_path / f"in{k}"
        folder.mkdir()
        for i in range(40):
            (folder / f"a{i:02d}.txt").write_text(story(f"City{k}-{i}", 2000 + i, i),
                                                  encoding="utf-8")
        folders.append(folder)
    shared = tmp_path / "shared.txt"  # in both runs: stored once
    shared.write_text(story("Shared"), encoding="utf-8")
    db = tmp_path / "n.db"
    env = {**os.environ, "PYTHONPATH": str(Path(newstrace.__file__).parents[1])}
    procs = [subprocess.Popen([sys.executable, "-m", "newstrace", "ingest", str(f), str(shared),
                               "--db", str(db), "--stages", "clean", "--batch-size", "3",
                               "--format", "json"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env) for f in folders]
    outs = [p.communicate(timeout=200) for p in procs]
    for p, (out, errs) in zip(procs, outs):
        assert p.returncode == 0, errs
        assert "Traceback" not in errs
        assert json.loads(out)["failed"] == 0
    with Store(db) as store:
        assert store.count() == 81
        assert len({a.uri for a in store.articles()}) == 81


# -- a corpus of hostile inputs through the real console script ----------------------------


def _hostile_corpus(folder: Path) -> None:
    import gzip

    from .fuzz_strategies import _warc_record, gzip_bomb

    folder.mkdir()
    files = {
        "empty.txt": b"",
        "controls.txt": "\x1b[2J\x07\x00 said \x1b]8;;http://e.example\x07x".encode(),
        "binary.txt": bytes(range(256)) * 8,
        "png.html": b"\x89PNG\r\n\x1a\n" + bytes(200),
        "bad-utf8.txt": story().encode() + b"\xff\xfe\xfa",
        "utf16.txt": story().encode("utf-16"),
        "quotes.txt": ("“" * 400 + " said ”" + '"' * 301).encode(),
        "rtl.txt": "\u202e\u2066Mayor said “x”\u2069 \u200f\u200b".encode(),
        "deep.html": ("<html><body>" + "<div>" * 10000 + "<p>" + story() + "</p>").encode(),
        "attr.html": f'<html><body><p title="{"a" * 500_000}">{story()}</p></body></html>'.encode(),
        "wrong-charset.html": ('<html><head><meta charset="shift_jis"></head><body><p>'
                               + story() + "</p></body></html>").encode("utf-8"),
        "unclosed.html": b"<html><body><p><b><i><table><tr><td>" + story().encode(),
        "broken.jsonl": b'{"text": "cut\n[1, 2]\nnull\n{"text": 12}\n{"text": "' + b"x" * 50,
        "truncated.rss": b"<rss><channel><item><title>T</title><description>Abc",
        "cut.warc": _warc_record("http://x.example/", story().encode(), 500)[:-200],
        "bomb.txt.gz": gzip_bomb(21),
        "cut.html.gz": gzip.compress(story().encode())[:-12],
        "[link=https:⁄⁄evil.example]x.txt": story().encode(),
        "good.txt": story("Quito").encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_hostile_corpus_never_prints_a_traceback(tmp_path):
    import os
    import subprocess
    import sys

    folder = tmp_path / "hostile"
    _hostile_corpus(folder)
    env = {**os.environ, "PYTHONPATH": str(Path(newstrace.__file__).parents[1]),
           "FORCE_COLOR": "1"}
    for cmd in (["analyze", str(folder), "-f", "jsonl"],
                ["ingest", str(folder), "--db", str(tmp_path / "n.db")],
                ["search", "bridge", "--db", str(tmp_path / "n.db"), "-f", "table"]):
        proc = subprocess.run([sys.executable, "-m", "newstrace", *cmd], capture_output=True,
                              text=True, env=env, timeout=240)
        output = proc.stdout + proc.stderr
        assert "Traceback" not in output and "NT099" not in output, output[-3000:]
        assert proc.returncode in (0, 1), (cmd, proc.returncode, output[-2000:])
        assert "\x1b]8;" not in output and "\x1b[2J" not in output
        if cmd[0] == "analyze":
            written = [json.loads(line) for line in proc.stdout.splitlines()]
            names = {Path(w["source"]["uri"]).name for w in written}
            assert {"good.txt", "bad-utf8.txt", "utf16.txt", "attr.html"} <= names
            for w in written:
                assert newstrace.Analysis.model_validate(w)
    for path in sorted(folder.iterdir()):  # one at a time, each a clean line or a result
        result = invoke(["analyze", path, "--stages", "clean", "-f", "json"])
        assert result.exit_code in (0, 1)
