"""Every input error: a specific NewstraceError naming the input and the reason, through the
Python API and through the CLI (one line and a non-zero exit for a single input; in a batch,
the other articles are still written and the summary counts the failures)."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newstrace
from newstrace.cli import app
from newstrace.errors import (
    BinaryInput,
    DecodeError,
    EmptyInput,
    InputNotFound,
    InputTooLarge,
    NewstraceError,
    NoArticleFound,
)
from newstrace.ingest import read_documents

DATA = Path(__file__).resolve().parent / "data" / "ingest"
runner = CliRunner()

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(64)


def _undecodable_page() -> bytes:
    rng = random.Random(7)
    noise = bytes(rng.randrange(0x80, 0x100) for _ in range(3000))
    return b"<html><body><p>" + noise + b"</p></body></html>"


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, type[NewstraceError], str]]:
    """name → (path, error class, reason the message must give)."""
    empty_dir = tmp / "no-articles"
    empty_dir.mkdir()
    (empty_dir / "picture.png").write_bytes(PNG)
    (empty_dir / ".hidden.txt").write_text("A hidden story that must not count.\n")
    cases = {
        "missing": (tmp / "missing.txt", InputNotFound, "no such file or folder"),
        "no_articles": (empty_dir, InputNotFound, "the folder holds no article files"),
        "empty": (tmp / "empty.txt", EmptyInput, "is empty"),
        "whitespace": (tmp / "blank.txt", EmptyInput, "is empty"),
        "nul_bytes": (tmp / "data.txt", BinaryInput, "binary data (NUL bytes), not text"),
        "image": (tmp / "photo.html", BinaryInput, "is a PNG image, not text"),
        "undecodable": (tmp / "garbled.html", DecodeError, "could not determine the text encoding"),
        "no_article": (tmp / "nav.html", NoArticleFound, "no article text found in the page"),
        "too_large": (tmp / "huge.txt", InputTooLarge, "is 50.0 MB, over the 20 MB limit"),
        "glob": (tmp / "nothing-*.txt", InputNotFound, "the pattern matched no files"),
    }
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "blank.txt").write_text("  \n\t\n   \n")
    (tmp / "data.txt").write_bytes(b"abc\x00\x01\x02" * 100)
    (tmp / "photo.html").write_bytes(PNG)
    (tmp / "garbled.html").write_bytes(_undecodable_page())
    (tmp / "nav.html").write_text(
        "<html><head><title>Example</title></head><body><nav><a href='/'>Home</a> | "
        "<a href='/world'>World</a></nav><footer>Sign in</footer></body></html>")
    line = b"Officials said the bridge would reopen on Monday after months of repairs.\n"
    with open(tmp / "huge.txt", "wb") as fh:
        fh.write(line * (50 * 1024 * 1024 // len(line) + 1))
    return cases


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    return _bad_inputs(tmp_path_factory.mktemp("bad"))


CASES = ["missing", "no_articles", "empty", "whitespace", "nul_bytes", "image", "undecodable",
         "no_article", "too_large", "glob"]


@pytest.mark.parametrize("case", CASES)
def test_api_raises_a_specific_error_naming_the_input(bad, case):
    path, cls, reason = bad[case]
    with pytest.raises(cls) as info:
        newstrace.analyze(path, stages="clean")
    message = str(info.value)
    assert message.startswith(f"[{cls.code}] {path}: ")
    assert reason in message
    assert "\n" not in message
    assert info.value.input == str(path)


@pytest.mark.parametrize("case", CASES)
def test_cli_single_bad_input_prints_one_line_and_fails(bad, case):
    path, cls, reason = bad[case]
    result = runner.invoke(app, ["analyze", str(path), "--stages", "clean", "-f", "json"])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"[{cls.code}] {path}: " in lines[0] and reason in lines[0]


def test_cli_batch_writes_the_good_articles_and_lists_failures(bad):
    inputs = [bad[c][0] for c in CASES]
    good = DATA / "article.txt"
    result = runner.invoke(app, ["analyze", str(bad["missing"][0]), str(good),
                                 *map(str, inputs[1:]), "--stages", "clean", "-f", "jsonl"])
    assert result.exit_code == 1
    written = [json.loads(line) for line in result.stdout.splitlines()]
    assert [w["source"]["uri"] for w in written] == [str(good)]
    assert written[0]["meta"]["headline"] == "Bridge To Reopen After Repairs"
    err = result.stderr.strip().splitlines()
    failed = [line for line in err if line.startswith("failed:")]
    assert len(failed) == len(CASES)
    for case in CASES:
        path, cls, _ = bad[case]
        assert any(f"[{cls.code}] {path}:" in line for line in failed), case
    assert err[-1] == f"1 of {len(CASES) + 1} articles analysed; {len(CASES)} failed"


def test_size_limit_is_configurable(tmp_path, monkeypatch):
    path = tmp_path / "small.txt"
    path.write_text("Bridge Reopens\n" + "The bridge reopened on Monday. " * 100)
    assert read_documents(path)
    with pytest.raises(InputTooLarge, match=r"over the 0.001 MB limit"):
        read_documents(path, max_mb=0.001)
    monkeypatch.setenv("NEWSTRACE_MAX_INPUT_MB", "0.001")
    with pytest.raises(InputTooLarge, match=r"set NEWSTRACE_MAX_INPUT_MB to raise it"):
        read_documents(path)
    result = runner.invoke(app, ["analyze", str(path), "--stages", "clean", "-f", "json"])
    assert result.exit_code == 1 and "[NT005]" in result.stderr


def test_gzip_bomb_is_too_large(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSTRACE_MAX_INPUT_MB", "1")
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(b"<html><body><p>" + b"a " * 2_000_000 + b"</p></body></html>"))
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(InputTooLarge, match=r"bomb\.html\.gz: is .* MB, over the 1 MB limit"):
        read_documents(path)


def test_broken_gzip_is_binary(tmp_path):
    path = tmp_path / "broken.html.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00garbage that is not deflate data")
    with pytest.raises(BinaryInput, match=r"broken\.html\.gz: is not valid gzip data"):
        read_documents(path)


def test_analyze_text_empty_and_whitespace():
    with pytest.raises(EmptyInput, match=r"\[NT002\] <text>: is empty"):
        newstrace.analyze_text(" \n\t ", stages="clean")


def test_text_that_is_all_chrome_has_no_article(tmp_path):
    path = tmp_path / "chrome.txt"
    path.write_text("Share this article\nAdvertisement\nRead more: Ferry fares to rise\n")
    with pytest.raises(NoArticleFound, match=r"chrome\.txt: no article text left"):
        newstrace.analyze(path, stages="clean")
