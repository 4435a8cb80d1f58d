"""Cost of the quote and reported-speech stages, as a share of spaCy's parse time (goal <= 15 %).

    .venv/bin/python benchmarks/quote_speed.py [--limit N] [--repeat N]

See stage_cost.py for how it is measured and on which articles.
"""

from __future__ import annotations

from stage_cost import main

if __name__ == "__main__":
    raise SystemExit(main(stages="quotes,speech", goal=15))
