"""Story clusters and claim traces on a LocalCluster of 2 workers against the single-machine
ones, on the syndication generator's corpus and the trace dev articles (plain records, no
analysis): whether they are equal, and the time of each.

    .venv/bin/python benchmarks/scale_corpus.py
"""
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
import distributed  # noqa: E402
from syndication_corpus import build_corpus
from newstrace import scale
from newstrace.corpus import find_clusters
from newstrace.corpus.cluster import StoryDoc
from newstrace.corpus.trace import TraceDoc, match_documents

if __name__ == "__main__":
    import argparse

    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args()
    records, truths, _ = build_corpus(7, 40)
    docs = []
    for line in open(ROOT / "benchmarks/data/trace_dev/articles.jsonl"):
        r = json.loads(line)
        docs.append(StoryDoc(id=str(r["id"]), text=r["text"], headline=r.get("headline"),
                             published=r.get("published"), outlet=r.get("outlet")))
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=":0", silence_logs=40)
    client = distributed.Client(cluster)
    def raw(cs):
        return [(c.id, c.label, [(m.id, m.score, m.copy_of) for m in c.members]) for c in cs]
    for name, corpus in (("syndication", records), ("dev", docs)):
        t0 = time.perf_counter(); local = find_clusters(corpus); t1 = time.perf_counter()
        ex = scale.DaskExecutor(client, chunk=50)
        remote = find_clusters(corpus, executor=ex); t2 = time.perf_counter()
        print(f"clusters {name}: {len(corpus)} articles, {len(local)} clusters, "
              f"equal={raw(local) == raw(remote)}, "
              f"{ex.tasks} tasks; local {t1 - t0:.1f} s, dask {t2 - t1:.1f} s")
    _SENT = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
    by_id = {r.id: r for r in records}
    tdocs = [TraceDoc(id=d.id, text=d.text, headline=d.headline, published=d.published,
                      outlet=d.outlet) for d in docs]
    equal = n = carriers = 0
    for k, tr in enumerate(truths[:20]):
        q = _SENT.split(by_id[tr.origin].text.split("\n\n")[0])[0]
        for pool in (records, tdocs):
            a = match_documents(q, pool).to_dict()
            b = match_documents(q, pool, executor=scale.DaskExecutor(client, chunk=40)).to_dict()
            n += 1; equal += a == b; carriers += len(a["claims"])
    gold = json.load(open(ROOT / "benchmarks/data/trace_dev/gold.json"))
    for c in gold["claims"]:
        a = match_documents(c["query"], tdocs).to_dict()
        b = match_documents(c["query"], tdocs,
                            executor=scale.DaskExecutor(client, chunk=10)).to_dict()
        n += 1; equal += a == b; carriers += len(a["claims"])
    print(f"traces: {equal}/{n} equal ({carriers} carriers in the local traces)")
    client.close(); cluster.close()
