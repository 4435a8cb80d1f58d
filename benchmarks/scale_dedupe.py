"""Scale benchmark: ingest + dedupe of many generated short articles, memory and LSH growth.

For each size N (default 10k, 50k, 100k):
1. generate N short articles as JSON Lines: text from a word-bigram model over the AEB bodies
   (../shared/eval/aeb/ground-truth.json, read at run time), with planted duplicates (copies
   with other chrome, a cut paragraph or word edits, at other outlets and later dates);
2. `newstrace ingest FILE --db N.db --stages clean` in a subprocess (the store's ingest path);
3. dedupe the store in a subprocess (`newstrace.corpus.dedupe`, groups written back);
and print for each step the wall time and peak RSS (psutil, polled, with the process's own
ru_maxrss as a cross-check; goal < 2 GB), the MinHash + LSH index time per 10k documents (it
should stay nearly flat as N grows: linear growth) and precision/recall on the planted pairs.
The baseline in the same run is the smallest size: per-10k index times are shown as a ratio
to it.

    .venv/bin/python benchmarks/scale_dedupe.py --sizes 10000,50000,100000
    .venv/bin/python benchmarks/scale_dedupe.py --sizes 2000,5000      # quick
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
NEWSTRACE = str(Path(PY).with_name("newstrace"))

CHROME = ["Share this article", "Advertisement", "Subscribe for daily updates",
          "Follow us for more news", "All rights reserved."]


def eval_dir() -> Path:
    env = os.environ.get("NEWSTRACE_EVAL_DIR")
    return Path(env) if env else ROOT.parent / "shared" / "eval"


class WordModel:
    """A word-bigram model of the AEB bodies (English pages only)."""

    def __init__(self, seed: int) -> None:
        data = json.loads((eval_dir() / "aeb" / "ground-truth.json").read_text("utf-8"))
        self.next: dict[str, list[str]] = defaultdict(list)
        starts = []
        for key in sorted(data):
            words = re.findall(r"[A-Za-z][A-Za-z'’-]*[.,;:]?|\d+[.,]?", data[key]["articleBody"])
            if len(words) < 50:
                continue
            starts.extend(w for i, w in enumerate(words[:-1]) if i == 0 or words[i - 1][-1] == ".")
            for a, b in zip(words, words[1:]):
                self.next[a].append(b)
        self.starts = [w for w in starts if w[0].isupper()] or list(self.next)
        self.rng = random.Random(seed)

    def sentence(self, n: int) -> str:
        w = self.rng.choice(self.starts)
        out = [w]
        for _ in range(n - 1):
            follow = self.next.get(w)
            w = self.rng.choice(follow) if follow else self.rng.choice(self.starts)
            out.append(w)
        text = " ".join(out).rstrip(",;:")
        return text if text.endswith(".") else text + "."

    def article(self) -> list[str]:
        return [" ".join(self.sentence(self.rng.randint(10, 22))
                         for _ in range(self.rng.randint(1, 3)))
                for _ in range(self.rng.randint(3, 5))]


def generate(path: Path, n: int, seed: int, dup_rate: float) -> dict[int, int]:
    """Write n records; return {line number of a copy: line number of its original}."""
    model = WordModel(seed)
    rng = random.Random(seed + 1)
    outlets = [f"Outlet {k:03d}" for k in range(200)]
    originals: list[tuple[int, list[str], int]] = []  # (line, paragraphs, day)
    truth: dict[int, int] = {}
    with path.open("w", encoding="utf-8") as out:
        for line in range(1, n + 1):
            if originals and rng.random() < dup_rate:
                src_line, paras, day = rng.choice(originals[-5000:])
                paras = list(paras)
                r = rng.random()
                if r < 0.3 and len(paras) > 3:
                    del paras[rng.randrange(1, len(paras))]
                elif r < 0.6:
                    k = rng.randrange(len(paras))
                    ws = paras[k].split()
                    for i in rng.sample(range(len(ws)), min(2, len(ws))):
                        ws[i] = rng.choice(["reportedly", "allegedly", "also", "now"])
                    paras[k] = " ".join(ws)
                paras = rng.sample(CHROME, rng.randint(0, 2)) + paras
                truth[line] = truth.get(src_line, src_line)
                day = day + rng.randint(0, 3)
            else:
                paras = model.article()
                day = rng.randrange(365)
                originals.append((line, paras, day))
            month, dom = divmod(day % 360, 30)
            record = {"id": f"a{line}", "text": "\n\n".join(paras),
                      "outlet": rng.choice(outlets), "date": f"2025-{month + 1:02d}-{dom + 1:02d}",
                      "url": f"https://news.example/{line}", "title": paras[0][:60]}
            out.write(json.dumps(record) + "\n")
    return truth


def run_measured(cmd: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MB of the process tree, stdout)."""
    t0 = time.perf_counter()
    # output goes to files: a pipe nobody reads while we poll would block a chatty child
    out_file = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
    err_file = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
    proc = subprocess.Popen(cmd, stdout=out_file, stderr=err_file, text=True, cwd=ROOT)
    ps = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            rss = ps.memory_info().rss + sum(c.memory_info().rss
                                             for c in ps.children(recursive=True))
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.2)
    seconds = time.perf_counter() - t0
    out_file.seek(0)
    err_file.seek(0)
    stdout, stderr = out_file.read(), err_file.read()
    out_file.close()
    err_file.close()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stderr[-3000:]}")
    return seconds, peak / 2**20, stdout


def dedupe_worker(db: str, backend: str) -> None:
    """Runs in its own process: dedupe the store, print stats, groups (as JSONL line numbers)
    and this process's peak RSS."""
    sys.path.insert(0, str(ROOT / "src"))
    from newstrace.corpus import DedupeOptions, dedupe
    from newstrace.store import Store

    with Store(db) as store:
        t0 = time.perf_counter()
        result = dedupe(store, DedupeOptions(backend=backend))
        total = time.perf_counter() - t0
    groups = [[int(m.uri.rsplit(":", 1)[1]) for m in g.members] for g in result.groups]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"stats": result.stats, "seconds": total, "groups": groups,
                      "maxrss_mb": peak_mb}))


def score(groups: list[list[int]], truth: dict[int, int]) -> tuple[float, float]:
    gold = defaultdict(set)
    for copy, orig in truth.items():
        gold[orig].add(copy)
    gold_pairs = set()
    for orig, copies in gold.items():
        members = sorted({orig, *copies})
        gold_pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1:])
    pred_pairs = set()
    for g in groups:
        members = sorted(g)
        pred_pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1:])
    tp = len(gold_pairs & pred_pairs)
    return (tp / len(pred_pairs) if pred_pairs else 1.0,
            tp / len(gold_pairs) if gold_pairs else 1.0)


def main() -> None:
    ap = argparse.ArgumentParser(description="ingest + dedupe at scale")
    ap.add_argument("--sizes", default="10000,50000,100000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dup-rate", type=float, default=0.1)
    ap.add_argument("--workdir", default=None, help="keep files here (default: a temp dir)")
    ap.add_argument("--batch-size", type=int, default=256)
    ap.add_argument("--backends", default="datasketch,rensa",
                    help="MinHash LSH implementations to time, the first is the baseline")
    ap.add_argument("--dedupe-worker", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--backend", default="auto", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.dedupe_worker:
        dedupe_worker(args.dedupe_worker, args.backend)
        return
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="nt-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in sizes:
        src = work / f"articles-{n}.jsonl"
        db = work / f"scale-{n}.db"
        for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            p.unlink(missing_ok=True)
        t0 = time.perf_counter()
        truth = generate(src, n, args.seed, args.dup_rate)
        gen_s = time.perf_counter() - t0
        ingest_s, ingest_mb, _ = run_measured(
            [NEWSTRACE, "ingest", str(src), "--db", str(db), "--stages", "clean", "-q",
             "--batch-size", str(args.batch_size)])
        for backend in backends:
            dedupe_s, dedupe_mb, out = run_measured(
                [PY, str(Path(__file__).resolve()), "--dedupe-worker", str(db),
                 "--backend", backend])
            report = json.loads(out.strip().splitlines()[-1])
            st = report["stats"]
            p, r = score(report["groups"], truth)
            row = {"n": n, "backend": st["backend"], "generate_s": gen_s, "ingest_s": ingest_s,
                   "ingest_peak_mb": ingest_mb, "dedupe_s": dedupe_s, "dedupe_peak_mb": dedupe_mb,
                   "dedupe_maxrss_mb": report["maxrss_mb"], "prepare_s": st["prepare_s"],
                   "index_s": st["index_s"], "index_cpu_s": st["index_cpu_s"],
                   "index_per_10k_s": st["index_s"] / (n / 10000),
                   "index_cpu_per_10k_s": st["index_cpu_s"] / (n / 10000),
                   "verify_s": st["verify_s"], "candidates": st["candidates"],
                   "checked_pairs": st["checked_pairs"], "groups": st["groups"],
                   "planted_copies": len(truth), "precision": p, "recall": r}
            rows.append(row)
            print(json.dumps(row), flush=True)
    print()
    print(f"{'N':>7} {'backend':>10} {'ingest s':>8} {'ingest MB':>9} {'dedupe s':>8} "
          f"{'dedupe MB':>9} {'index s':>8} {'per 10k':>8} {'CPU/10k':>8} {'vs base':>7} "
          f"{'P':>5} {'R':>5}")
    base = {}
    for row in rows:
        base.setdefault(row["n"], row["index_cpu_per_10k_s"])
        print(f"{row['n']:>7} {row['backend']:>10} {row['ingest_s']:>8.1f} "
              f"{row['ingest_peak_mb']:>9.0f} {row['dedupe_s']:>8.1f} "
              f"{row['dedupe_peak_mb']:>9.0f} {row['index_s']:>8.2f} "
              f"{row['index_per_10k_s']:>8.2f} {row['index_cpu_per_10k_s']:>8.2f} "
              f"{base[row['n']] / max(row['index_cpu_per_10k_s'], 1e-9):>6.1f}x "
              f"{row['precision']:>5.3f} {row['recall']:>5.3f}")
    print("per 10k / CPU/10k: LSH index (MinHash + LSH) wall and CPU seconds per 10,000 "
          "documents; flat across N means linear growth. vs base: CPU speed-up over the "
          f"first backend ({backends[0] if backends else '-'}).")
    peak = max(max(r["ingest_peak_mb"], r["dedupe_peak_mb"]) for r in rows)
    print(f"peak memory of any step: {peak:.0f} MB ({'OK' if peak < 2048 else 'OVER'}"
          f" the 2 GB limit)")


if __name__ == "__main__":
    main()
