"""Every speed figure of the project in one table: runs each speed benchmark and rewrites the
table in benchmarks/README.md (between its BEGIN/END markers).

    make bench                                   # all of them (about 30 minutes on 2 idle cores)
    .venv/bin/python benchmarks/speed_table.py --only throughput,length --dry-run

Each row names the command that produced it; the figure is the line of that command's output
that states it, copied as printed. Every figure is a ratio to a baseline measured in the same
run (these machines are noisy), except latencies, printed with their baseline beside them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "benchmarks" / "README.md"
BEGIN, END = "<!-- speed-table:begin -->", "<!-- speed-table:end -->"


@dataclass(frozen=True)
class Figure:
    key: str
    what: str
    goal: str
    command: str
    pattern: str  # a regex for the output lines that carry the figure


FIGURES = [
    Figure("throughput", "full pipeline / bare spaCy parse, CPU, 400 real articles", "<= 1.25",
           "benchmarks/throughput.py --n 400 --memory 1000,10000",
           r"^(pipeline / bare parse.*|--processes 2 speed-up.*|ingest / analyze.*|peak memory.*)$"),
    Figure("length", "cost per character by article length (one article each)", "<= 1.3 each; 2 MB peak < 1.5 GB",
           "benchmarks/length_scaling.py --sizes 5,50,500,2000", r"^\s*\d+ KB .*$"),
    Figure("quotes", "quotes + speech, share of the parse", "<= 15 %",
           "benchmarks/stage_cost.py --stages quotes,speech", r"^quotes \+ speech.*$"),
    Figure("claims", "claims + events + check-worthiness, share of the parse", "<= 25 %",
           "benchmarks/stage_cost.py --stages claims,events,checkworthy",
           r"^claims \+ events \+ checkworthy.*$"),
    Figure("naeb", "clean stage / bare trafilatura, naeb-dev pages", "<= 1.0 (issue 15), <= 1.5 (issue 11)",
           "benchmarks/naeb_metadata.py", r"^clean-stage time ratio.*$"),
    Figure("aeb", "clean stage / bare trafilatura, AEB pages", "—",
           "benchmarks/aeb_extraction.py", r"^F1 difference.*$"),
    Figure("scale", "one process, --processes 2, Dask with 2 workers", ">= 1.7x (2 cores)",
           "benchmarks/scale.py --n 400", r"^(\S.*\d\.\d\dx|dask: .*)$"),
    Figure("serve", "100 concurrent article-page requests on 127.0.0.1", "no error",
           "benchmarks/serve_load.py", r"^(article.*p50.*|health.*p50.*|errors: .*)$"),
    Figure("trace", "trace latency over 100,000 stored articles (SQLite)", "< 1 s",
           "benchmarks/trace_latency.py", r"^trace over .*$"),
]


def run(figure: Figure) -> tuple[list[str], float]:
    argv = [sys.executable, *figure.command.split()]
    t0 = time.perf_counter()
    out = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    seconds = time.perf_counter() - t0
    text = out.stdout + ("\n" + out.stderr if out.returncode else "")
    lines = [ln.strip() for ln in text.splitlines() if re.match(figure.pattern, ln.strip())]
    if out.returncode:
        lines.append(f"FAILED (exit {out.returncode}): {out.stderr.strip().splitlines()[-1:] or ''}")
    return lines or ["(no figure line printed)"], seconds


def table(rows: list[tuple[Figure, list[str], float]]) -> str:
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load = os.getloadavg()[0]
    out = [f"Measured {now} on {os.cpu_count()} cores (load average {load:.1f} at the end), "
           "by `make bench`.", "",
           "| figure | goal | result (as printed) | command |", "| --- | --- | --- | --- |"]
    for fig, lines, secs in rows:
        result = "<br>".join(ln.replace("|", "\\|") for ln in lines)
        out.append(f"| {fig.what} | {fig.goal} | {result} | `python {fig.command}` ({secs:.0f} s) |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", help="comma-separated keys: " + ", ".join(f.key for f in FIGURES))
    ap.add_argument("--dry-run", action="store_true", help="print the table, do not write it")
    args = ap.parse_args(argv)
    keys = set(args.only.split(",")) if args.only else {f.key for f in FIGURES}
    rows = []
    for fig in FIGURES:
        if fig.key in keys:
            print(f"running {fig.command} …", file=sys.stderr, flush=True)
            lines, secs = run(fig)
            rows.append((fig, lines, secs))
    new = table(rows)
    print(new)
    if args.dry_run:
        return 0
    current = README.read_text(encoding="utf-8") if README.exists() else f"{BEGIN}\n{END}\n"
    if args.only and BEGIN in current:  # keep the rows of the figures not rerun
        old_rows = {line.split(" | ")[0][2:]: line for line in
                    current.split(BEGIN)[1].split(END)[0].splitlines() if line.startswith("| ")}
        fresh = {line.split(" | ")[0][2:] for line in new.splitlines() if line.startswith("| ")}
        kept = [line for what, line in old_rows.items()
                if what not in fresh and what not in ("figure", "---")]
        new = new + ("\n" + "\n".join(kept) if kept else "")
    head, _, rest = current.partition(BEGIN)
    tail = rest.partition(END)[2]
    README.write_text(f"{head}{BEGIN}\n{new}\n{END}{tail}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
