"""Syndication benchmark: a test corpus with known truth built from real article bodies.

The bodies of ../shared/eval/aeb/ground-truth.json (read at run time, never copied) are the
originals. For a subset, the generator makes republished copies at other outlets: other chrome
(boilerplate lines before and after, "The post … appeared first on …" credits), cut,
truncated or reordered paragraphs, edited hedges and light word edits, with dates around the
original's. The remaining bodies are unrelated articles; some of them also borrow one
paragraph of another article (a shared quote: same story, not a copy). Then:

- pairwise precision and recall of duplicate detection (goal: >= 0.95 both);
- origin accuracy per true group (goal: >= 0.90);
- timing against a brute-force baseline in the same run (exact Jaccard/containment over every
  pair, the same decision rule): its time, recall and the speed ratio.

    .venv/bin/python benchmarks/syndication_corpus.py [--originals 70] [--seeds 1,2,3]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newstrace.corpus.dedupe import DedupeOptions, duplicate_pairs, find_duplicates  # noqa: E402
from newstrace.corpus.records import DocRecord  # noqa: E402
from newstrace.corpus.shingles import overlap, shingles  # noqa: E402

OUTLETS = [
    "Harbor Daily", "The Northern Ledger", "Metro Wire", "Valley Courier", "Coastal Times",
    "The Evening Post", "Capital Report", "Riverside Gazette", "Global Dispatch",
    "Plains Herald", "Summit News", "The Lakeside Chronicle", "Pacific Observer",
    "Island Tribune", "Frontier Journal", "Civic Monitor", "Atlas Review", "Bay Sentinel",
]

PREFIX_CHROME = [
    "Subscribe to our newsletter for the latest updates.",
    "Advertisement",
    "Share this article",
    "By Staff Writer",
    "Listen to this article",
    "Sign up for breaking news alerts",
    "Follow us on social media",
]
SUFFIX_CHROME = [
    "Related stories",
    "Copyright {year} {outlet}. All rights reserved.",
    "This material may not be published, broadcast, rewritten or redistributed.",
    "Read more: the week in review",
    "Comments are closed.",
    "Tags: news, world, politics",
    "Support independent journalism: donate today.",
]
CREDIT_LINES = [
    "The post {headline} appeared first on {origin}.",
    "This article originally appeared on {origin}.",
    "This story was first published by {origin}.",
    "Republished with permission from {origin}.",
]
HEDGE_SWAPS = [  # (pattern, replacement): hedges added or dropped by a republisher
    (r"\balleged\s", ""), (r"\breportedly\s", ""), (r"\bsaid\b", "claimed"),
    (r"\bwill\b", "may"), (r"\bis\b", "is reportedly"), (r"\bmay\b", "will"),
    (r"\bthe\b", "the alleged"),
]
SYNONYMS = {
    "said": "stated", "big": "large", "many": "numerous", "about": "around", "also": "too",
    "new": "fresh", "help": "assist", "show": "reveal", "start": "begin", "buy": "purchase",
}


def eval_dir() -> Path:
    env = os.environ.get("NEWSTRACE_EVAL_DIR")
    return Path(env) if env else ROOT.parent / "shared" / "eval"


def load_bodies() -> list[tuple[str, str, str]]:
    """(id, url, body) of each AEB page, sorted by id."""
    data = json.loads((eval_dir() / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    return sorted((k, v.get("url") or "", v["articleBody"]) for k, v in data.items()
                  if v.get("articleBody", "").strip())


def split_paragraphs(body: str) -> list[str]:
    paras = [p.strip() for p in re.split(r"\n+", body) if p.strip()]
    if len(paras) >= 4:
        return paras
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", body.strip())
    size = max(1, len(sentences) // 4)
    return [" ".join(sentences[i:i + size]) for i in range(0, len(sentences), size)]


def headline_of(paras: list[str]) -> str:
    return " ".join(paras[0].split()[:8]).rstrip(".,;:")


def light_edits(text: str, rng: random.Random, rate: float) -> str:
    out = []
    for word in text.split(" "):
        bare = word.lower().strip(".,;:")
        r = rng.random()
        if bare in SYNONYMS and r < 0.5:
            word = word.replace(bare, SYNONYMS[bare])
        elif r < rate:
            continue  # a dropped word
        out.append(word)
    return " ".join(out)


def edit_hedges(paras: list[str], rng: random.Random) -> list[str]:
    paras = list(paras)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(paras))
        pattern, repl = rng.choice(HEDGE_SWAPS)
        paras[i] = re.sub(pattern, repl, paras[i], count=1)
    return paras


@dataclass
class Truth:
    origin: str
    members: list[str]


def make_copy(paras: list[str], rng: random.Random) -> tuple[list[str], list[str]]:
    """A transformed body and the list of transformations applied."""
    ops = []
    out = list(paras)
    n = len(out)
    choice = rng.random()
    if choice < 0.25 and n >= 5:
        keep = max(3, int(n * rng.uniform(0.5, 0.8)))
        out = out[:keep]
        ops.append(f"truncated {n}->{keep}")
    elif choice < 0.5 and n >= 5:
        drop = set(rng.sample(range(1, n), k=max(1, int((n - 1) * rng.uniform(0.1, 0.3)))))
        out = [p for i, p in enumerate(out) if i not in drop]
        ops.append(f"cut {len(drop)}/{n}")
    if rng.random() < 0.4 and len(out) >= 4:
        i, j = sorted(rng.sample(range(1, len(out)), 2))
        out[i], out[j] = out[j], out[i]
        ops.append("reordered")
    if rng.random() < 0.6:
        out = edit_hedges(out, rng)
        ops.append("hedges")
    if rng.random() < 0.5:
        out = [light_edits(p, rng, 0.02) for p in out]
        ops.append("word edits")
    return out, ops


def build_corpus(seed: int, n_originals: int) -> tuple[list[DocRecord], list[Truth], dict]:
    rng = random.Random(seed)
    bodies = load_bodies()
    rng.shuffle(bodies)
    originals, others = bodies[:n_originals], bodies[n_originals:]
    records: list[DocRecord] = []
    truths: list[Truth] = []
    counts = {"originals": 0, "copies": 0, "unrelated": 0, "borrowing": 0,
              "credited_copies": 0, "copies_dated_before_origin": 0}
    base = date(2025, 1, 1)
    for k, (aid, url, body) in enumerate(originals):
        paras = split_paragraphs(body)
        origin_outlet = rng.choice(OUTLETS)
        d0 = base + timedelta(days=rng.randrange(300))
        oid = f"s{seed}-o{k}"
        records.append(DocRecord(id=oid, uri=url, outlet=origin_outlet, published=d0.isoformat(),
                                 text="\n\n".join(paras), headline=headline_of(paras)))
        members = [oid]
        outlets = rng.sample([o for o in OUTLETS if o != origin_outlet], k=rng.randint(1, 4))
        for c, outlet in enumerate(outlets):
            copy, _ops = make_copy(paras, rng)
            credited = rng.random() < 0.6
            lag = rng.randint(-1, 3) if credited else rng.randint(1, 5)
            counts["copies_dated_before_origin"] += lag < 0
            prefix = rng.sample(PREFIX_CHROME, k=rng.randint(0, 3))
            suffix = [s.format(year=2025, outlet=outlet)
                      for s in rng.sample(SUFFIX_CHROME, k=rng.randint(0, 3))]
            if credited:
                suffix.insert(0, rng.choice(CREDIT_LINES).format(headline=headline_of(paras),
                                                                origin=origin_outlet))
                counts["credited_copies"] += 1
            cid = f"s{seed}-o{k}-c{c}"
            records.append(DocRecord(
                id=cid, uri=f"https://{outlet.lower().replace(' ', '')}.example/{cid}",
                outlet=outlet, published=(d0 + timedelta(days=lag)).isoformat(),
                text="\n\n".join([*prefix, *copy, *suffix]), headline=headline_of(paras)))
            members.append(cid)
        truths.append(Truth(origin=oid, members=members))
        counts["originals"] += 1
        counts["copies"] += len(outlets)
    donors = [split_paragraphs(b) for _, _, b in originals]
    for k, (aid, url, body) in enumerate(others):
        paras = split_paragraphs(body)
        if rng.random() < 0.3 and donors:  # a shared quote paragraph: same story, not a copy
            donor = rng.choice(donors)
            paras.insert(rng.randrange(1, len(paras) + 1), rng.choice(donor[1:] or donor))
            counts["borrowing"] += 1
        records.append(DocRecord(id=f"s{seed}-u{k}", uri=url, outlet=rng.choice(OUTLETS),
                                 published=(base + timedelta(days=rng.randrange(300))).isoformat(),
                                 text="\n\n".join(paras)))
        counts["unrelated"] += 1
    return records, truths, counts


def truth_pairs(truths: list[Truth]) -> set[frozenset[str]]:
    return {frozenset((a, b)) for t in truths for i, a in enumerate(t.members)
            for b in t.members[i + 1:]}


def origin_accuracy(groups, truths: list[Truth]) -> float:
    group_of = {m.id: g for g in groups for m in g.members}
    right = 0
    for t in truths:
        found = [group_of[m] for m in t.members if m in group_of]
        if not found:
            continue
        best = max(found, key=lambda g: sum(m.id in t.members for m in g.members))
        right += best.origin == t.origin
    return right / len(truths) if truths else 0.0


def brute_force(records: list[DocRecord], options: DedupeOptions
                ) -> tuple[set[frozenset[str]], float]:
    """Baseline: exact overlap of every pair, same decision rule as the verification step.
    Returns the pairs and the CPU seconds of the pair search alone (after shingling)."""
    sh = [shingles(r.text, options.shingle_size) for r in records]
    c0 = time.process_time()
    pairs = set()
    for i in range(len(records)):
        for j in range(i + 1, len(records)):
            jac, cont, inter = overlap(sh[i], sh[j])
            if jac >= options.min_jaccard or (cont >= options.min_containment
                                              and inter >= options.min_shared):
                pairs.add(frozenset((records[i].id, records[j].id)))
    return pairs, time.process_time() - c0


def close_pairs(pairs: set[frozenset[str]]) -> set[frozenset[str]]:
    """Transitive closure of pairs into group pairs (connected components)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        a, b = tuple(p)
        parent[find(a)] = find(b)
    comps: dict[str, list[str]] = {}
    for x in list(parent):
        comps.setdefault(find(x), []).append(x)
    return {frozenset((a, b)) for c in comps.values() for i, a in enumerate(c) for b in c[i + 1:]}


def via_store(records: list[DocRecord], options: DedupeOptions):
    """Ingest `records` through the store's JSON Lines path with --stages clean, dedupe the
    store; member ids are mapped back to the generator's ids. Returns (result, dedupe time)."""
    import tempfile

    from newstrace import AnalyzeOptions
    from newstrace.corpus import dedupe
    from newstrace.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl"
        with src.open("w", encoding="utf-8") as out:
            for r in records:
                out.write(json.dumps({"id": r.id, "text": r.text, "outlet": r.outlet,
                                      "date": r.published, "url": r.uri,
                                      "title": r.headline}) + "\n")
        with Store(Path(tmp) / "corpus.db") as store:
            summary = store.ingest([str(src)], AnalyzeOptions(stages="clean"))
            if getattr(summary, "failed", 0):
                print("  ingest failures:", summary.failed)
            t0 = time.perf_counter()
            result = dedupe(store, options, save=False)
            seconds = time.perf_counter() - t0
    line_id = {str(i): r.id for i, r in enumerate(records, start=1)}
    for g in result.groups:
        for m in g.members:
            m.id = line_id[m.uri.rsplit(":", 1)[1]]
        g.origin = g.members[0].id
    return result, seconds


def prf(pred: set, gold: set) -> tuple[float, float]:
    tp = len(pred & gold)
    return (tp / len(pred) if pred else 1.0), (tp / len(gold) if gold else 1.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--originals", type=int, default=70, help="originals per seed")
    ap.add_argument("--seeds", default="1,2,3", help="one corpus per seed, scored together")
    ap.add_argument("--lsh-threshold", type=float, default=None)
    ap.add_argument("--no-blocking", action="store_true", help="LSH candidates only")
    ap.add_argument("--errors", action="store_true", help="list missed and wrong pairs")
    ap.add_argument("--backend", default="auto", help="MinHash LSH: auto, datasketch, rensa")
    ap.add_argument("--via-store", action="store_true",
                    help="ingest the corpus as JSON Lines with --stages clean into a temporary "
                         "SQLite store (chrome removal, credit metadata), then dedupe the store")
    args = ap.parse_args()
    options = DedupeOptions(backend=args.backend)
    if args.lsh_threshold is not None:
        options = replace(options, lsh_threshold=args.lsh_threshold)
    if args.no_blocking:
        options = replace(options, paragraph_max_docs=1)

    totals = {"tp": 0, "pred": 0, "gold": 0, "origin_right": 0.0, "groups": 0,
              "t_fast": 0.0, "t_brute": 0.0, "brute_tp": 0, "brute_pred": 0,
              "search_fast": 0.0, "search_brute": 0.0}
    for seed in [int(s) for s in args.seeds.split(",") if s.strip()]:
        records, truths, counts = build_corpus(seed, args.originals)
        gold = truth_pairs(truths)
        t0 = time.perf_counter()
        if args.via_store:
            result, t_fast = via_store(records, options)
        else:
            result = find_duplicates(records, options)
            t_fast = time.perf_counter() - t0
        pred = duplicate_pairs(result)
        t0 = time.perf_counter()
        brute_pairs, search_brute = brute_force(records, options)
        brute = close_pairs(brute_pairs)
        t_brute = time.perf_counter() - t0
        p, r = prf(pred, gold)
        acc = origin_accuracy(result.groups, truths)
        print(f"seed {seed}: {len(records)} articles {counts}")
        print(f"  pairs: gold {len(gold)} predicted {len(pred)} precision {p:.3f} recall {r:.3f}"
              f"  origin accuracy {acc:.3f}  candidates {result.stats['candidates']}"
              f" (LSH {result.stats['lsh_candidates']})  time {t_fast:.2f}s"
              f" vs brute {t_brute:.2f}s")
        if args.errors:
            origin_of = {m: t.origin for t in truths for m in t.members}
            for pair in sorted(gold - pred, key=sorted):
                print("  missed", sorted(pair))
            for pair in sorted(pred - gold, key=sorted):
                print("  wrong ", sorted(pair))
            for g in result.groups:
                t = origin_of.get(g.origin)
                if t is None or any(origin_of.get(m.id) == t and m.id == t and g.origin != t
                                    for m in g.members):
                    print("  origin", g.origin, "truth", t, g.reason, g.credited_outlet)
        totals["tp"] += len(pred & gold)
        totals["pred"] += len(pred)
        totals["gold"] += len(gold)
        totals["origin_right"] += acc * len(truths)
        totals["groups"] += len(truths)
        totals["t_fast"] += t_fast
        totals["t_brute"] += t_brute
        totals["search_brute"] += search_brute
        st = result.stats
        totals["search_fast"] += st["index_cpu_s"] + st["pairs_cpu_s"]
        totals["brute_tp"] += len(brute & gold)
        totals["brute_pred"] += len(brute)
    precision = totals["tp"] / totals["pred"] if totals["pred"] else 1.0
    recall = totals["tp"] / totals["gold"] if totals["gold"] else 1.0
    b_precision = totals["brute_tp"] / totals["brute_pred"] if totals["brute_pred"] else 1.0
    b_recall = totals["brute_tp"] / totals["gold"] if totals["gold"] else 1.0
    print()
    print(f"duplicate pairs: precision {precision:.3f}  recall {recall:.3f}  (goal >= 0.95 both)")
    print(f"origin accuracy: {totals['origin_right'] / totals['groups']:.3f} over "
          f"{totals['groups']} groups (goal >= 0.90)")
    print(f"baseline brute force (every pair, same rule): precision {b_precision:.3f} "
          f"recall {b_recall:.3f}")
    print(f"time: MinHash LSH dedupe {totals['t_fast']:.2f}s, brute force "
          f"{totals['t_brute']:.2f}s, ratio {totals['t_brute'] / totals['t_fast']:.1f}x faster "
          "(wall, shingling and credit parsing included)")
    print(f"pair search alone (CPU): LSH index + blocking + verification "
          f"{totals['search_fast']:.2f}s, brute force all pairs {totals['search_brute']:.2f}s, "
          f"ratio {totals['search_brute'] / max(totals['search_fast'], 1e-9):.1f}x")


if __name__ == "__main__":
    main()
