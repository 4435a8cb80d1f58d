"""Claim tracing and story clusters on the composed dev set, beside bag-of-words baselines.

Data: benchmarks/data/trace_dev/ (articles.jsonl, gold.json; see its README). The articles are
analysed with the full pipeline and stored in a SQLite store (kept at --db and reused when it
already holds them), then:

- trace: `newstrace.corpus.trace_claim(store, query)` for every gold claim; carrier P/R/F1 over
  (claim, article) pairs; hedges added/dropped against the first carrier right for the share of
  found carriers; conflicting carriers flagged right for the share of found carriers.
  Baseline: TF-IDF cosine of the query against every sentence of every article, >= 0.3.
- clusters: `newstrace.corpus.cluster_stories(store)`; same-story pair P/R/F1 and B-cubed F1.
  Baseline: TF-IDF single-link over whole articles at the threshold that is best on the set
  itself (an oracle threshold, as in issue 17).
- the same on the syndication generator's corpus (benchmarks/syndication_corpus.py, no
  analysis: plain records): trace queries are the first sentence of each original (the
  paragraph every copy keeps), carriers its copies; clusters are the copy groups.

Figures are given for all claims, the tune split and the check split (s10-s15, kept aside);
clusters for the articles of the tune stories and of the check stories (their unrelated
u-articles with them).

    .venv/bin/python benchmarks/trace_dev.py [--db /tmp/trace-dev.db] [--syndication 40]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

DATA = ROOT / "benchmarks" / "data" / "trace_dev"

_SENT = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")


def sentences(text: str) -> list[str]:
    return [s for p in text.split("\n") for s in _SENT.split(p) if s.strip()]


# -- data ---------------------------------------------------------------------------------


def load() -> tuple[list[dict], dict]:
    articles = [json.loads(x) for x in (DATA / "articles.jsonl").read_text().splitlines() if x]
    gold = json.loads((DATA / "gold.json").read_text())
    return articles, gold


def build_store(articles: list[dict], db: Path):
    """The dev articles analysed and stored; returns (store, dev id -> article id)."""
    from sqlalchemy import select

    from newstrace.store import Store
    from newstrace.store import schema as t

    store = Store(db)
    if store.count() != len(articles):  # another version of the set: build it afresh
        store.close()
        for path in db.parent.glob(db.name + "*"):
            path.unlink()
        store = Store(db)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "dev.jsonl"
            path.write_text("".join(json.dumps({"id": a["id"], "text": a["text"],
                                                "title": a["headline"], "date": a["published"],
                                                "outlet": a["outlet"]}) + "\n"
                                    for a in articles))
            store.ingest([path])
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.articles.c.record_id, t.articles.c.id)).all()
    return store, {r.record_id: r.id for r in rows}


# -- measures -----------------------------------------------------------------------------


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 1.0
    r = tp / ngold if ngold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def gold_diffs(claim: dict, first: str | None) -> dict[str, tuple[set, set]]:
    """Hedges each gold carrier adds / drops against `first` (the first carrier the method
    found, when it is a gold carrier; the store keeps publication days, not times, so the
    first of two same-day carriers is a tie the method breaks its own way)."""
    hedges = {a: {h.casefold() for h in c["hedges"]} for a, c in claim["carriers"].items()}
    base = hedges.get(first, set()) if first else set()
    return {a: (hs - base, base - hs) if a != first else (set(), set())
            for a, hs in hedges.items()}


def score_traces(claims: list[dict], predicted: dict[str, dict[str, dict]],
                 articles: dict[str, dict]) -> dict:
    """predicted: claim id -> {dev article id: {"added": set, "dropped": set,
    "conflicting": bool, "first": bool}} (added/dropped None when the method does not report
    them)."""
    tp = npred = ngold = 0
    hedge_ok = hedge_n = conf_ok = conf_n = first_ok = first_n = 0
    misses, extras = [], []
    for c in claims:
        pred = predicted.get(c["id"], {})
        gold = c["carriers"]
        npred += len(pred)
        ngold += len(gold)
        first = next((a for a, info in pred.items() if info.get("first")), None)
        diffs = gold_diffs(c, first if first in gold else None)
        if first is not None:
            first_n += 1
            day = min(articles[a]["published"][:10] for a in gold)
            first_ok += first in gold and articles[first]["published"][:10] == day
        for a in gold:
            if a not in pred:
                misses.append(f"{c['id']}:{a}")
        for a, info in pred.items():
            if a not in gold:
                extras.append(f"{c['id']}:{a}")
                continue
            tp += 1
            if info.get("added") is not None:
                hedge_n += 1
                want_added, want_dropped = diffs[a]
                if (info["added"], info["dropped"]) == (want_added, want_dropped):
                    hedge_ok += 1
                else:
                    misses.append(f"{c['id']}:{a} hedges +{sorted(info['added'])} "
                                  f"-{sorted(info['dropped'])} (gold +{sorted(want_added)} "
                                  f"-{sorted(want_dropped)})")
            if info.get("conflicting") is not None:
                conf_n += 1
                conf_ok += info["conflicting"] == gold[a]["conflicting"]
    p, r, f = prf(tp, npred, ngold)
    return {"P": p, "R": r, "F1": f, "hedges": hedge_ok / hedge_n if hedge_n else None,
            "conflicts": conf_ok / conf_n if conf_n else None,
            "first": first_ok / first_n if first_n else None, "misses": misses,
            "extras": extras}


def pair_set(groups: list[list[str]]) -> set[frozenset[str]]:
    return {frozenset((a, b)) for g in groups for i, a in enumerate(g) for b in g[i + 1:]}


def cluster_scores(pred_groups: list[list[str]], gold_of: dict[str, str]) -> dict:
    """Pair P/R/F1 and B-cubed F1 of predicted groups (singletons implied) against the gold
    story of every item."""
    gold_groups: dict[str, list[str]] = defaultdict(list)
    for item, story in gold_of.items():
        gold_groups[story].append(item)
    pred_of: dict[str, int] = {}
    for k, g in enumerate(pred_groups):
        for item in g:
            pred_of[item] = k
    for item in gold_of:
        pred_of.setdefault(item, -1 - len(pred_of))
    gp, pp = pair_set(list(gold_groups.values())), pair_set(pred_groups)
    p, r, f = prf(len(gp & pp), len(pp), len(gp))
    bp = br = 0.0
    by_pred: dict[int, set] = defaultdict(set)
    for item, k in pred_of.items():
        by_pred[k].add(item)
    for item in gold_of:
        same_pred = by_pred[pred_of[item]]
        same_gold = set(gold_groups[gold_of[item]])
        inter = len(same_pred & same_gold)
        bp += inter / len(same_pred)
        br += inter / len(same_gold)
    n = len(gold_of)
    bp, br = bp / n, br / n
    return {"P": p, "R": r, "F1": f, "B3": 2 * bp * br / (bp + br) if bp + br else 0.0}


# -- baselines ----------------------------------------------------------------------------


def tfidf_trace(queries: dict[str, str], docs: dict[str, str], threshold: float = 0.3
                ) -> dict[str, dict[str, dict]]:
    """TF-IDF cosine of each query against every sentence; an article carries the claim
    when one of its sentences reaches the threshold."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    owners, sents = [], []
    for did, text in docs.items():
        for s in sentences(text):
            owners.append(did)
            sents.append(s)
    vec = TfidfVectorizer().fit(sents)
    sm = vec.transform(sents)
    out: dict[str, dict[str, dict]] = {}
    for cid, q in queries.items():
        sims = (sm @ vec.transform([q]).T).toarray().ravel()
        out[cid] = {owners[i]: {} for i in range(len(sents)) if sims[i] >= threshold}
    return out


def tfidf_single_link(docs: dict[str, str], gold_of: dict[str, str]) -> tuple[dict, float]:
    """TF-IDF single-link clusters at the threshold best on the set itself."""
    from scipy.sparse.csgraph import connected_components
    from sklearn.feature_extraction.text import TfidfVectorizer

    ids = list(docs)
    m = TfidfVectorizer(stop_words="english").fit_transform([docs[i] for i in ids])
    sims = (m @ m.T).toarray()
    best, best_t = None, 0.0
    for t10 in range(5, 90, 2):
        t = t10 / 100
        n, labels = connected_components(sims >= t, directed=False)
        groups: dict[int, list[str]] = defaultdict(list)
        for i, lab in enumerate(labels):
            groups[lab].append(ids[i])
        s = cluster_scores([g for g in groups.values() if len(g) > 1], gold_of)
        if best is None or s["F1"] > best["F1"]:
            best, best_t = s, t
    return best, best_t


# -- the runs -----------------------------------------------------------------------------


def newstrace_trace(store, claims: list[dict], dev_of: dict[str, str]) -> dict:
    from newstrace.corpus import trace_claim

    out = {}
    times = []
    for c in claims:
        t0 = time.perf_counter()
        trace = trace_claim(store, c["query"])
        times.append(time.perf_counter() - t0)
        found = {}
        for step in trace.claims:
            dev = dev_of.get(step.article_id, step.article_id)
            if dev in found:
                continue
            found[dev] = {"added": {h.casefold() for h in step.hedges_added},
                          "dropped": {h.casefold() for h in step.hedges_dropped},
                          "conflicting": bool(getattr(step, "conflicting", False)),
                          "first": step.first}
        out[c["id"]] = found
    return out, times


def row(name: str, s: dict) -> str:
    extra = ""
    if s.get("hedges") is not None:
        extra += f"  hedges {s['hedges']:.3f}"
    if s.get("conflicts") is not None:
        extra += f"  conflicts {s['conflicts']:.3f}"
    if s.get("first") is not None:
        extra += f"  first {s['first']:.3f}"
    return f"  {name:<34} F1 {s['F1']:.3f} (P {s['P']:.3f} / R {s['R']:.3f}){extra}"


def dev_run(db: Path, verbose: bool) -> None:
    from newstrace.corpus import cluster_stories

    articles, gold = load()
    by_id = {a["id"]: a for a in articles}
    store, aid_of = build_store(articles, db)
    dev_of = {v: k for k, v in aid_of.items()}
    claims = gold["claims"]
    ours, times = newstrace_trace(store, claims, dev_of)
    base = tfidf_trace({c["id"]: c["query"] for c in claims},
                       {a["id"]: a["text"] for a in articles})
    print(f"trace dev set: {len(articles)} articles, {len(claims)} claims "
          f"({sum(len(c['carriers']) for c in claims)} gold carriers)")
    for split in ("all", "tune", "check"):
        part = [c for c in claims if split == "all" or c["split"] == split]
        s_ours = score_traces(part, ours, by_id)
        s_base = score_traces(part, base, by_id)
        print(f" {split} ({len(part)} claims)")
        print(row("newstrace trace", s_ours))
        print(row("baseline TF-IDF sentence >= 0.3", s_base))
        if verbose and split == "all":
            print("   misses:", "; ".join(s_ours["misses"]) or "-")
            print("   extras:", "; ".join(s_ours["extras"]) or "-")
    print(f"  trace time per query: mean {sum(times) / len(times) * 1000:.0f} ms")

    gold_of = {a["id"]: a["story"] for a in articles}
    clusters = cluster_stories(store, save=False)
    pred = [[dev_of[m.id] for m in c.members] for c in clusters]
    check = {c["story"][1:] for c in claims if c["split"] == "check"}
    for split in ("all", "tune", "check"):
        part = {a: s for a, s in gold_of.items()
                if split == "all" or (s[1:3] in check) == (split == "check")}
        s = cluster_scores([[m for m in g if m in part] for g in pred], part)
        b, t = tfidf_single_link({a["id"]: f"{a['headline']}\n{a['text']}" for a in articles
                                  if a["id"] in part}, part)
        print(f" clusters, {split} ({len(part)} articles)")
        print(f"  {'newstrace clusters':<34} pair F1 {s['F1']:.3f} (P {s['P']:.3f} / "
              f"R {s['R']:.3f})  B-cubed F1 {s['B3']:.3f}")
        print(f"  {'baseline TF-IDF single-link':<34} pair F1 {b['F1']:.3f} (P {b['P']:.3f} / "
              f"R {b['R']:.3f})  B-cubed F1 {b['B3']:.3f}  (oracle threshold {t:.2f})")
    if verbose:
        print("   predicted:", [sorted(g) for g in pred])
    store.close()


def syndication_run(n_originals: int, seed: int) -> None:
    from syndication_corpus import build_corpus

    from newstrace.corpus import find_clusters
    from newstrace.corpus.trace import match_documents

    records, truths, _ = build_corpus(seed, n_originals)
    by_id = {r.id: r for r in records}
    claims, queries = [], {}
    for k, tr in enumerate(truths):
        first = sentences(by_id[tr.origin].text.split("\n\n")[0])[0]
        if len(first.split()) < 6:
            continue
        cid = f"q{k}"
        queries[cid] = first
        claims.append({"id": cid, "split": "all", "query": first,
                       "carriers": {m: {"hedges": [], "conflicting": False}
                                    for m in tr.members}})
    articles = {r.id: {"published": r.published} for r in records}
    t0 = time.perf_counter()
    ours = {}
    for c in claims:
        trace = match_documents(c["query"], records)
        ours[c["id"]] = {s.article_id: {} for s in trace.claims}
    seconds = time.perf_counter() - t0
    base = tfidf_trace(queries, {r.id: r.text for r in records})
    print(f"syndication corpus (seed {seed}): {len(records)} articles, {len(claims)} queries")
    print(row("newstrace trace", score_traces(claims, ours, articles)))
    print(row("baseline TF-IDF sentence >= 0.3", score_traces(claims, base, articles)))
    print(f"  trace time per query: {seconds / max(1, len(claims)) * 1000:.0f} ms "
          f"(in memory over all {len(records)} records)")
    gold_of = {}
    for k, tr in enumerate(truths):
        for m in tr.members:
            gold_of[m] = f"g{k}"
    for r in records:
        gold_of.setdefault(r.id, r.id)
    clusters = find_clusters(records)
    s = cluster_scores([[m.id for m in c.members] for c in clusters], gold_of)
    b, t = tfidf_single_link({r.id: r.text for r in records}, gold_of)
    print(f"  {'newstrace clusters':<34} pair F1 {s['F1']:.3f} (P {s['P']:.3f} / R {s['R']:.3f})"
          f"  B-cubed F1 {s['B3']:.3f}")
    print(f"  {'baseline TF-IDF single-link':<34} pair F1 {b['F1']:.3f} (P {b['P']:.3f} / "
          f"R {b['R']:.3f})  B-cubed F1 {b['B3']:.3f}  (oracle threshold {t:.2f})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "trace-dev.db")
    ap.add_argument("--syndication", type=int, default=40,
                    help="originals in the syndication corpus (0: skip it)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    dev_run(args.db, args.verbose)
    if args.syndication:
        syndication_run(args.syndication, args.seed)


if __name__ == "__main__":
    main()
