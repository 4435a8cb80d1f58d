"""What analysis stages cost, as a share of spaCy's parse time on the same articles.

    .venv/bin/python benchmarks/stage_cost.py --stages quotes,speech [--goal 15] [--limit N]

The baseline is `nlp.pipe` over the articles, timed in the same run. The stages the timed ones
need (e.g. entities for quotes) run once before the clock starts; each timed stage then runs
`--repeat` times over every parsed article and its best total is kept. Before each round the
Doc's caches are put back as they were after the untimed stages, so no round is helped by an
earlier one. The per-issue scripts (quote_speed.py, claim_speed.py, event_speed.py) call
`measure()` with their own articles and goals.

Articles: the PolNeAR dev texts (`../shared/eval/polnear-dev/text`; NEWSTRACE_EVAL_DIR
overrides the eval folder), the composed articles under tests/data, and the example.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def eval_dir() -> Path:
    return Path(os.environ.get("NEWSTRACE_EVAL_DIR") or ROOT.parent / "shared" / "eval")


def default_texts(limit: int | None = None) -> list[str]:
    """The example, the composed test articles, then the PolNeAR dev texts."""
    paths = [ROOT / "examples" / "venezuela-syndicated.txt",
             *sorted((ROOT / "tests" / "data" / "articles").glob("*.txt")),
             *sorted((ROOT / "tests" / "data" / "gold").glob("*.txt")),
             *sorted((eval_dir() / "polnear-dev" / "text").glob("*.txt"))]
    return [p.read_text(encoding="utf-8") for p in paths if p.exists()][:limit]


@dataclass
class StageCost:
    articles: int
    tokens: int
    parse: float
    stages: dict[str, float]
    found: dict[str, int]

    def report(self, goal_percent: float | None = None) -> str:
        lines = [f"{self.articles} articles, {self.tokens} tokens; found "
                 + ", ".join(f"{n} {k}" for k, n in self.found.items()),
                 f"{'spaCy parse (baseline)':24} {self.parse:8.3f} s"]
        for name, seconds in self.stages.items():
            lines.append(f"{name:24} {seconds:8.3f} s  {100 * seconds / self.parse:5.1f} % of parse")
        total = sum(self.stages.values())
        goal = f" (goal <= {goal_percent:g} %)" if goal_percent is not None else ""
        if len(self.stages) == 1:
            lines[-1] += goal
            return "\n".join(lines)
        lines.append(f"{' + '.join(self.stages):24} {total:8.3f} s  "
                     f"{100 * total / self.parse:5.1f} % of parse{goal}")
        return "\n".join(lines)


def _components():
    # `newstrace.analyze` is the public function; the components live in the subpackage.
    return importlib.import_module("newstrace.analyze")


def _needed(timed: list[str]) -> list[str]:
    components = _components()

    wanted: set[str] = set()

    def add(name: str) -> None:
        for dep in components.get(name).requires:
            if dep not in wanted:
                wanted.add(dep)
                add(dep)

    for name in timed:
        add(name)
    return [n for n in components.ORDER if n in wanted and n not in timed]


def measure(texts: list[str], timed: list[str], *, repeat: int = 3,
            published: str | None = None) -> StageCost:
    from newstrace import nlp as nlp_module
    from newstrace.model import Article, Meta, Source

    components = _components()
    nlp = nlp_module.load()
    list(nlp.pipe(texts[:2]))  # warm up
    parse = float("inf")
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=16))
        parse = min(parse, time.perf_counter() - t0)

    untimed = [components.build(n) for n in _needed(timed)]
    stages = {n: components.build(n) for n in timed}
    contexts, caches = [], []
    for text, doc in zip(texts, docs):
        ctx = components.Context(article=Article(source=Source(uri="<bench>"), text=text,
                                                 meta=Meta(published=published)), doc=doc)
        for run in untimed:
            run(ctx)
        contexts.append(ctx)
        caches.append(dict(doc.user_data))
    for run in stages.values():  # load lexicons and models once, as a long-running process does
        run(contexts[0])

    best = {n: float("inf") for n in timed}
    for _ in range(max(1, repeat)):
        spent = dict.fromkeys(timed, 0.0)
        for ctx, cache in zip(contexts, caches):
            ctx.doc.user_data.clear()
            ctx.doc.user_data.update(cache)
            for name, run in stages.items():
                t0 = time.perf_counter()
                run(ctx)
                spent[name] += time.perf_counter() - t0
        best = {n: min(best[n], spent[n]) for n in timed}

    fields = {"quotes": "quotes", "speech": "reported_speech", "claims": "claims",
              "dates": "dates", "events": "events", "checkworthy": "checkworthy",
              "entities": "entities"}
    found = {fields[n]: sum(len(getattr(c, fields[n])) for c in contexts) for n in timed}
    return StageCost(len(texts), sum(len(d) for d in docs), parse, best, found)


def main(argv: list[str] | None = None, *, stages: str | None = None,
         goal: float | None = None, published: str | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--stages", default=stages, required=stages is None,
                    help="comma-separated components to time, e.g. quotes,speech")
    ap.add_argument("--goal", type=float, default=goal, help="goal, in %% of parse time")
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--repeat", type=int, default=3, help="rounds (best kept)")
    args = ap.parse_args(argv)
    texts = default_texts(args.limit)
    if not texts:
        print("no articles found; set NEWSTRACE_EVAL_DIR", file=sys.stderr)
        return 2
    cost = measure(texts, [s.strip() for s in args.stages.split(",") if s.strip()],
                   repeat=args.repeat, published=published)
    print(cost.report(args.goal))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
