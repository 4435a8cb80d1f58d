"""Cost of the dates and events stages, as a share of spaCy's parse time (goal <= 10 %).

    .venv/bin/python benchmarks/event_speed.py [--limit N] [--repeat N]

See stage_cost.py for how it is measured and on which articles.
"""

from __future__ import annotations

from stage_cost import main

if __name__ == "__main__":
    raise SystemExit(main(stages="dates,events", goal=10, published="2025-09-10"))
