"""Syndicated plain-text copies: metadata, chrome and origin read from the text alone.

`benchmarks/syndication_corpus.py` hands every record its outlet and its date as metadata, so
it measures the finding of copies, not the reading of a copy. Here each copy is a plain-text
file, as a wire feed or a scraper writes one, and everything is in the text only: the
headline, a byline ("By Jane Doe", "By Riverside Times staff", "Coastal Times Staff Report"),
a publication line with its time of day ("Published 2025-03-04 06:54", "March 4, 2025 6:54
AM", "2025-03-04T06:54:00Z"), chrome before and after the body, a copyright line naming the
outlet of this copy and, on some copies, a credit line naming the origin. Copies of one story
often come out on the same day, minutes or hours apart, so the origin needs the time.

The headlines and bodies are those of ../shared/eval/naeb-dev/articles.json (read at run time,
never copied), cut, reordered and lightly edited as in syndication_corpus.py. Every file is cleaned
(`newstrace.clean`) and then:

- metadata and chrome checks per file, each right or wrong (as the gold metadata score):
  headline, authors (as a set), outlet of this copy (when the text names it), publication
  time (to the minute), body starts with its first paragraph, body ends with its last, no
  chrome line left in the body (one check for all); beside raw text (the first line as
  headline, the whole file as body, nothing else);
- origin accuracy per true group, the files ingested into a store (`--stages clean`) and
  grouped by `newstrace.corpus.dedupe` (goal: >= 0.90).

    .venv/bin/python benchmarks/syndication_text.py [--originals 40] [--seeds 1,2] [--errors]
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import re
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from syndication_corpus import (  # noqa: E402
    CREDIT_LINES,
    OUTLETS,
    eval_dir,
    make_copy,
    split_paragraphs,
)

PEOPLE = ["Maria Lopez", "Daniel Okafor", "Priya Raman", "Tomas Berg", "Helen Carter",
          "Samuel Reyes", "Aiko Tanaka", "Grace Mensah", "Lukas Novak", "Nadia Haddad"]
PREFIX_CHROME = ["Subscribe to our newsletter for the latest updates.", "Advertisement",
                 "Share this article", "Listen to this article",
                 "Sign up for breaking news alerts", "Follow us on social media"]
SUFFIX_CHROME = ["Related stories", "Comments are closed.", "Tags: news, world, politics",
                 "Support independent journalism: donate today.",
                 "This material may not be published, broadcast, rewritten or redistributed."]
_DATELINE = re.compile(r"^[A-Z][A-Za-z.,' ]{1,40}?\s*(?:\([^()]{1,30}\))?\s*[-–—]+\s+")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def byline(rng: random.Random, outlet: str) -> tuple[str | None, list[str], bool]:
    """(byline line or None, the authors it names, whether it names the outlet)."""
    person = rng.choice(PEOPLE)
    kind = rng.randrange(5)
    if kind == 0:
        return f"By {person}", [person], False
    if kind == 1:
        return f"By {outlet} staff", [], True
    if kind == 2:
        return f"{outlet} Staff Report", [], True
    if kind == 3:
        return f"By {person}, {outlet}", [person], True
    return None, [], False


def date_line(rng: random.Random, when: datetime) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return f"Published {when:%Y-%m-%d %H:%M}"
    if kind == 1:
        hour = when.hour % 12 or 12
        return (f"{MONTHS[when.month - 1]} {when.day}, {when.year} {hour}:{when:%M} "
                f"{'AM' if when.hour < 12 else 'PM'}")
    if kind == 2:
        return f"{when:%Y-%m-%dT%H:%M:00Z}"
    return f"Posted: {MONTHS[when.month - 1][:3]} {when.day}, {when.year}, {when:%H:%M}"


@dataclass
class Copy:
    id: str
    text: str
    headline: str
    authors: list[str]
    outlet: str | None  # the outlet of this copy, when the text names it
    published: str  # YYYY-MM-DDTHH:MM
    first: str
    last: str
    chrome: list[str] = field(default_factory=list)


def render(rng: random.Random, ident: str, outlet: str, when: datetime, paras: list[str],
           headline: str, credit: str | None) -> Copy:
    line, authors, names_outlet = byline(rng, outlet)
    prefix = rng.sample(PREFIX_CHROME, k=rng.randint(0, 2))
    suffix = rng.sample(SUFFIX_CHROME, k=rng.randint(0, 2))
    if credit:
        suffix.insert(0, credit)
    if rng.random() < 0.7:
        suffix.append(f"© {when.year} {outlet}. All rights reserved.")
        names_outlet = True
    top = [headline, *([line] if line else []), date_line(rng, when)]
    text = "\n".join(top) + "\n\n" + "\n\n".join([*prefix, *paras, *suffix]) + "\n"
    return Copy(ident, text, headline, authors, outlet if names_outlet else None,
                f"{when:%Y-%m-%dT%H:%M}", paras[0], paras[-1], [*prefix, *suffix])


def load_stories() -> list[tuple[str, str]]:
    """(headline, body) of each naeb-dev page with a one-line headline, sorted by page."""
    data = json.loads((eval_dir() / "naeb-dev" / "articles.json").read_text(encoding="utf-8"))
    return [(" ".join(v["title"].split()), v["articleBody"]) for _, v in sorted(data.items())
            if v.get("title") and len(v.get("articleBody", "").split()) >= 80]


def build(seed: int, n: int) -> tuple[list[Copy], list[list[str]]]:
    """The files of one corpus and, per story, its member ids (the origin first)."""
    rng = random.Random(seed)
    bodies = load_stories()
    rng.shuffle(bodies)
    copies: list[Copy] = []
    groups: list[list[str]] = []
    base = datetime(2025, 1, 1, 5, 0)
    for k, (headline, body) in enumerate(bodies[:n]):
        paras = split_paragraphs(body)
        origin = rng.choice(OUTLETS)
        t0 = base + timedelta(days=rng.randrange(300), minutes=rng.randrange(14 * 60))
        oid = f"s{seed}-o{k}"
        copies.append(render(rng, oid, origin, t0, paras, headline, None))
        members = [oid]
        for c, outlet in enumerate(rng.sample([o for o in OUTLETS if o != origin],
                                              k=rng.randint(1, 3))):
            body_copy, _ = make_copy(paras, rng)
            credit = (rng.choice(CREDIT_LINES).format(headline=headline, origin=origin)
                      if rng.random() < 0.5 else None)
            # the same day as a rule: minutes to hours later
            when = t0 + timedelta(minutes=rng.randint(5, 9 * 60))
            cid = f"s{seed}-o{k}-c{c}"
            copies.append(render(rng, cid, outlet, when, body_copy, headline, credit))
            members.append(cid)
        groups.append(members)
    return copies, groups


def _norm(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def checks(copy: Copy, headline: str | None, authors: list[str], outlet: str | None,
           published: str | None, body: str) -> dict[str, bool]:
    body_n = _norm(body)
    out = {
        "headline": _norm(headline) == _norm(copy.headline),
        "authors": {_norm(a) for a in authors} == {_norm(a) for a in copy.authors},
        "published": (published or "")[:16] == copy.published,
        # a leading dateline ("TAMPA, Fla. -") is metadata, read out of the body
        "body_starts_with": body_n.startswith(_norm(_DATELINE.sub("", copy.first))[:60]),
        "body_ends_with": body_n.endswith(_norm(copy.last)[-60:]),
        "not_in_body": not any(_norm(c) in body_n for c in copy.chrome),
    }
    if copy.outlet:
        out["outlet"] = _norm(outlet) == _norm(copy.outlet)
    return out


def run_clean(copies: list[Copy], folder: Path) -> tuple[list[dict], list[dict]]:
    from newstrace.clean import clean
    from newstrace.ingest import read_documents

    ours, raw = [], []
    for c in copies:
        path = folder / f"{c.id}.txt"
        article = clean(read_documents(path)[0])
        m = article.meta
        ours.append(checks(c, m.headline, m.authors, m.outlet, m.published, article.text))
        raw.append(checks(c, c.text.split("\n", 1)[0], [], None, None, c.text))
    return ours, raw


def run_origin(folder: Path, groups: list[list[str]]) -> tuple[float, list[tuple]]:
    from newstrace import AnalyzeOptions
    from newstrace.corpus import dedupe
    from newstrace.store import Store

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "c.db") as store:
        store.ingest(sorted(str(p) for p in folder.glob("*.txt")), AnalyzeOptions(stages="clean"))
        result = dedupe(store, save=False)
    group_of = {}
    for g in result.groups:
        ids = {Path(m.uri.split("#")[0]).stem: m for m in g.members}
        origin = next(Path(m.uri.split("#")[0]).stem for m in g.members if m.id == g.origin)
        for i in ids:
            group_of[i] = (origin, g.reason, ids)
    right, wrong = 0, []
    for members in groups:
        found = group_of.get(members[0]) or next((group_of[m] for m in members if m in group_of),
                                                 None)
        if found and found[0] == members[0]:
            right += 1
        else:
            wrong.append((members, found[0] if found else None, found[1] if found else None,
                          {i: (m.outlet, m.published) for i, m in (found[2] if found else {}).items()}))
    return right / len(groups), wrong


def mean_checks(rows: list[dict]) -> tuple[float, dict[str, float]]:
    fields: dict[str, list[bool]] = {}
    for r in rows:
        for k, v in r.items():
            fields.setdefault(k, []).append(v)
    total = [v for vs in fields.values() for v in vs]
    return sum(total) / len(total), {k: sum(v) / len(v) for k, v in fields.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--originals", type=int, default=40, help="stories per seed")
    ap.add_argument("--seeds", default="1,2", help="one corpus per seed, scored together")
    ap.add_argument("--errors", action="store_true", help="list failed checks and origins")
    args = ap.parse_args(argv)
    logging.disable(logging.WARNING)
    ours_all, raw_all, accs, n_groups, n_files = [], [], [], 0, 0
    for seed in (int(s) for s in args.seeds.split(",")):
        copies, groups = build(seed, args.originals)
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            for c in copies:
                (folder / f"{c.id}.txt").write_text(c.text, encoding="utf-8")
            ours, raw = run_clean(copies, folder)
            acc, wrong = run_origin(folder, groups)
        ours_all += ours
        raw_all += raw
        accs.append((acc, len(groups)))
        n_groups += len(groups)
        n_files += len(copies)
        if args.errors:
            for c, row in zip(copies, ours):
                bad = [k for k, v in row.items() if not v]
                if bad:
                    print(f"  {c.id}: {', '.join(bad)}\n    " + "\n    ".join(c.text.split("\n")[:4]))
            for members, got, reason, seen in wrong:
                print(f"  origin {members[0]} got {got} ({reason}): {seen}")
    ours_m, ours_f = mean_checks(ours_all)
    raw_m, raw_f = mean_checks(raw_all)
    origin = sum(a * n for a, n in accs) / n_groups
    print(f"Syndicated plain-text copies: {n_files} files, {n_groups} stories "
          f"(seeds {args.seeds}, {args.originals} stories each)")
    print(f"{'system':10} {'checks':>7}  " + " ".join(f"{k:>16}" for k in ours_f))
    for name, m, f in (("newstrace", ours_m, ours_f), ("raw text", raw_m, raw_f)):
        print(f"{name:10} {m:7.3f}  " + " ".join(f"{f.get(k, 0):16.3f}" for k in ours_f))
    print(f"origin accuracy (goal >= 0.90): {origin:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
