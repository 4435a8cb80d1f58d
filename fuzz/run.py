"""The long fuzz run: hostile inputs of every kind, counted per kind.

    .venv/bin/python fuzz/run.py [--examples 200] [--kinds text,html,...] [--stages all]

Allowed outcomes for each input: a valid analysis (the offsets contract holds) or a Failure
whose code is an InputError's (NT001-NT010). Anything else is a crash: it is printed with
hypothesis's minimal input, to be added to tests/test_fuzz.py's REGRESSIONS. Besides the
kinds of the fast subset, `text_big` adds 1-3 MB paragraphs and 1,000-5,000 quote marks.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402

from tests.fuzz_strategies import KINDS, check_input  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=200, help="examples per kind")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--stages", default="all")
    args = parser.parse_args()
    crashes = 0
    for kind in args.kinds.split(","):
        strategy, name = KINDS[kind]
        count = {"n": 0, "bytes": 0}
        examples = args.examples if kind not in ("gzip_bomb", "text_big") else max(
            2, args.examples // 20)

        @settings(max_examples=examples, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(strategy)
        def run(data):
            count["n"] += 1
            count["bytes"] += len(data)
            problems = check_input(data, name, args.stages)
            assert not problems, problems

        started = time.perf_counter()
        try:
            run()
            outcome = "no crash"
        except AssertionError as exc:
            crashes += 1
            outcome = f"CRASH: {str(exc)[:500]}"
        print(f"{kind:10s} {count['n']:5d} examples, {count['bytes'] / 1e6:8.1f} MB, "
              f"{time.perf_counter() - started:7.1f} s: {outcome}", flush=True)
    print(f"crashes: {crashes}")
    return 1 if crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
