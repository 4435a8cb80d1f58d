"""README.md is true: every ```bash block runs, in order, on a fresh copy of the repository,
and the ```text block right after a bash block is checked against what that block printed (the
way sqlite-utils and Datasette keep their docs honest).

What an output block promises: each of its lines stands in one line of the output (stdout and
stderr together), cell by cell — a line is split into cells at runs of two or more spaces, and
every cell must appear in the same output line. So a table in the README matches the
tab-separated rows the command prints when piped, and a line may leave out columns. Lines that
start `make ` are the set-up commands: they are what runs this test, so they are skipped here."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
IGNORE = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.db", "*.db-*", ".pytest_cache",
                                ".hypothesis", "artifacts", "*.egg-info", "build", "dist")


def readme_steps(text: str) -> list[tuple[str, str | None]]:
    """(bash script, expected output or None) for every bash block, in order."""
    steps: list[tuple[str, str | None]] = []
    last_end, last_was_bash = 0, False
    for m in FENCE.finditer(text):
        lang, body = m.group(1), m.group(2)
        between = text[last_end:m.start()]
        if lang == "text" and last_was_bash and not between.strip():
            steps[-1] = (steps[-1][0], body)
        if lang == "bash":
            script = "\n".join(line for line in body.splitlines()
                               if not line.strip().startswith("make "))
            steps.append((script, None))
        last_was_bash = lang == "bash"
        last_end = m.end()
    return steps


def cells(line: str) -> list[str]:
    return [c for c in re.split(r"\s{2,}|\t", line.strip()) if c]


def unmatched(expected: str, output: str) -> list[str]:
    lines = output.splitlines()
    return [want for want in expected.splitlines() if want.strip()
            and not any(all(c in line for c in cells(want)) for line in lines)]


def test_readme_steps_are_found():
    steps = readme_steps((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(steps) >= 5
    assert all("make demo" not in script for script, _ in steps)
    assert sum(expected is not None for _, expected in steps) >= 3


def test_cells_match_a_tab_separated_row():
    assert not unmatched("kind   text    published\nclaim  Blue ferries  2025-09-12",
                         "kind\ttext\tspeaker\tpublished\nclaim\tBlue ferries sailed\tX\t2025-09-12")
    assert unmatched("claim  2025-09-13", "claim\t2025-09-12\nquote\t2025-09-13")


@pytest.mark.slow
def test_every_readme_block_runs(tmp_path):
    copy = tmp_path / "newstrace"
    shutil.copytree(ROOT, copy, ignore=IGNORE)
    (copy / ".venv").symlink_to(Path(sys.prefix))
    env = {**os.environ, "PYTHONPATH": str(copy / "src"),
           "PATH": f"{Path(sys.prefix) / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("NEWSTRACE_MODEL", None)
    for n, (script, expected) in enumerate(readme_steps((copy / "README.md").read_text("utf-8"))):
        result = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=copy, env=env,
                                capture_output=True, text=True, timeout=600)
        output = result.stdout + result.stderr
        assert result.returncode == 0, f"README block {n} failed:\n{script}\n---\n{output[-3000:]}"
        assert "Traceback" not in output, f"README block {n}:\n{output[-3000:]}"
        if expected is not None:
            missing = unmatched(expected, output)
            assert not missing, (f"README block {n} ({script.strip()}) did not print:\n"
                                 + "\n".join(missing) + f"\n--- it printed:\n{output[-3000:]}")
