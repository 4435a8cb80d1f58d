"""Long articles in one batch with a small one: all written, offsets intact, peak memory.

    .venv/bin/python benchmarks/long_articles.py [--sizes 2.5,15] [--stages all]

For each size (MB of UTF-8 text) a plain-text article of composed news paragraphs (varied
names, places, quotes, numbers and dates, so every stage has work) is written next to a small
article, and `newstrace analyze LONG SMALL -f jsonl -o OUT` runs in a child process (the
same command a user types). Reported per run: exit code, articles written, whether the
offsets contract holds on each (`newstrace.invariants.offset_errors`), the chunk count, wall
time, characters per second, and the child's peak resident memory (ru_maxrss). The baseline
in the same run is the small article alone: its time and memory.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

PEOPLE = ["Ana Ruiz", "John Okafor", "Mei Chen", "Carlos Mendes", "Fatima Diallo", "Peter Novak",
          "Laila Haddad", "Tom Becker", "Sofia Rossi", "Ravi Kumar"]
PLACES = ["Lima", "Quito", "Lagos", "Hanoi", "Porto", "Gdansk", "Mombasa", "Valparaiso"]
ORGS = ["the port authority", "the transport ministry", "the city council", "the harbour union",
        "the World Bank", "the regional court"]
TEMPLATES = [
    "Officials in {place} said on {day} that the new bridge would open in {year}, according to "
    "{org}. “We are ready,” {person} told reporters.",
    "{person}, a spokesperson for {org}, said the project had cost {n} million dollars and that "
    "{m} workers had been hired since {month}.",
    "“It will change {place},” {person} said. Critics said the plan had not been tested and "
    "that no evidence had been presented.",
    "On {day}, protesters gathered outside {org} in {place}; police said {m} people were "
    "detained and {k} were injured.",
    "The minister reportedly promised to review the contracts, {person} said, adding that the "
    "audit was expected by {month} {year}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def compose(chars: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    out: list[str] = ["Harbour works: a long record of the city's bridge project\n"]
    size = len(out[0])
    while size < chars:
        para = " ".join(rng.choice(TEMPLATES).format(
            person=rng.choice(PEOPLE), place=rng.choice(PLACES), org=rng.choice(ORGS),
            day=rng.choice(DAYS), month=rng.choice(MONTHS), year=rng.randrange(2020, 2031),
            n=rng.randrange(2, 900), m=rng.randrange(2, 500), k=rng.randrange(1, 40))
            for _ in range(rng.randrange(2, 5)))
        out.append(para + "\n\n")
        size += len(para) + 2
    return "".join(out)


def measure(inputs: list[Path], out: Path, stages: str) -> dict:
    # Each measurement runs in a fresh helper process so ru_maxrss covers that run only.
    helper = (
        "import resource, subprocess, sys, time, json;"
        "t = time.perf_counter();"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
        "print(json.dumps({'exit': p.returncode, 'seconds': time.perf_counter() - t,"
        " 'stderr': p.stderr[-2000:],"
        " 'peak_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))"
    )
    cmd = [sys.executable, "-m", "newstrace", "analyze", *map(str, inputs), "-f", "jsonl",
           "-o", str(out), "--stages", stages]
    import os

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-c", helper, *cmd], capture_output=True, text=True,
                          env=env)
    return json.loads(proc.stdout)


def check(out: Path, expected: list[Path]) -> list[dict]:
    from newstrace.invariants import offset_errors
    from newstrace.model import Analysis

    rows = []
    lines = out.read_text(encoding="utf-8").splitlines() if out.exists() else []
    for line in lines:
        a = Analysis.model_validate(json.loads(line))
        rows.append({"uri": Path(a.source.uri).name, "chars": len(a.text),
                     "offset_errors": len(offset_errors(a)), "entities": len(a.entities),
                     "quotes": len(a.quotes), "claims": len(a.claims), "events": len(a.events),
                     "sentences": len(a.checkworthy)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="2.5,15", help="MB of text per long article")
    parser.add_argument("--stages", default="all")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        small = tmp / "small.txt"
        small.write_text(compose(2_000, seed=99), encoding="utf-8")
        base = measure([small], tmp / "base.jsonl", args.stages)
        print(f"baseline (small article alone, {small.stat().st_size:,} bytes): "
              f"{base['seconds']:.1f} s, peak {base['peak_mb']:.0f} MB, exit {base['exit']}")
        for mb in (float(x) for x in args.sizes.split(",")):
            long = tmp / f"long-{mb:g}MB.txt"
            long.write_text(compose(int(mb * 1_000_000), seed=int(mb * 10)), encoding="utf-8")
            small2 = tmp / "small-after.txt"
            small2.write_text(compose(2_000, seed=7), encoding="utf-8")
            out = tmp / f"out-{mb:g}.jsonl"
            r = measure([small, long, small2], out, args.stages)
            rows = check(out, [small, long, small2])
            size = long.stat().st_size
            print(f"\n{mb:g} MB article ({size:,} bytes) in a batch with two small ones: "
                  f"exit {r['exit']}, {len(rows)} of 3 written, {r['seconds']:.1f} s "
                  f"({size / max(r['seconds'] - base['seconds'], 1e-9) / 1e3:,.0f} K chars/s over "
                  f"the baseline), peak {r['peak_mb']:,.0f} MB "
                  f"({r['peak_mb'] / base['peak_mb']:.1f}× the baseline)")
            for row in rows:
                print("   ", json.dumps(row))
            if r["exit"] != 0:
                print("    stderr:", r["stderr"][-600:])


if __name__ == "__main__":
    main()
