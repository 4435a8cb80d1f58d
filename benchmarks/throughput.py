"""Throughput on real articles: the full pipeline against the bare spaCy parse, one process
against `--processes 2`, ingest (store writes) against analyze, and memory as a batch grows.

    .venv/bin/python benchmarks/throughput.py [--n 400] [--memory 1000,10000] [--json]

Articles: the bodies of the AEB and naeb-dev pages, the news-dev and PolNeAR dev texts
(../shared/eval, or NEWSTRACE_EVAL_DIR), as plain-text files written to a temporary folder, the
first N (cycling when N is larger). Every figure is a ratio to a baseline measured in the same
run, on the same articles:

- pipeline / parse: CPU seconds of `analyze_many` over the files (read, clean, parse, analyse)
  over the CPU seconds of `nlp.pipe` over the same cleaned texts (goal <= 1.25); both after the
  model is loaded and warmed up.
- processes: wall seconds of `analyze_many` with one process over wall seconds with
  `--processes 2` (goal >= 1.7 on 2 idle cores; the machine's other load lowers it).
- ingest / analyze: wall seconds of `Store.ingest` into a new SQLite file over `analyze_many`
  on the same files (goal <= 1.1).
- memory: peak resident memory of `newstrace ingest --stages clean` (a fresh process, its own
  VmHWM) over K1 and K2 articles (goal: within 10 %), showing that nothing per article is kept.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def eval_dir() -> Path:
    return Path(os.environ.get("NEWSTRACE_EVAL_DIR") or ROOT.parent / "shared" / "eval")


def texts() -> list[str]:
    e = eval_dir()
    out = [v["articleBody"] for v in json.loads((e / "aeb" / "ground-truth.json").read_text()).values()]
    out += [v["articleBody"] for v in json.loads((e / "naeb-dev" / "articles.json").read_text()).values()]
    out += [p.read_text(encoding="utf-8") for p in sorted((e / "news-dev").glob("*.txt"))]
    out += [p.read_text(encoding="utf-8") for p in sorted((e / "polnear-dev" / "text").glob("*.txt"))]
    return [t for t in out if t and len(t.split()) > 30]


def write_corpus(folder: Path, n: int) -> list[str]:
    pool = texts()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"a{i:05}.txt"
        path.write_text(pool[i % len(pool)] + (f"\n\nCopy {i}." if i >= len(pool) else ""),
                        encoding="utf-8")
        paths.append(str(path))
    return paths


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def pipeline_vs_parse(paths: list[str]) -> dict:
    from newstrace import AnalyzeOptions, analyze_many
    from newstrace import nlp as nlp_module

    nlp = nlp_module.load()
    list(analyze_many(paths[:3], AnalyzeOptions()))  # warm up: model, lexicons, components
    t0 = cpu()
    results = [a for a in analyze_many(paths, AnalyzeOptions()) if hasattr(a, "text")]
    full = cpu() - t0
    cleaned = [a.text for a in results]
    t0 = cpu()
    for _ in nlp.pipe(cleaned, batch_size=16):
        pass
    bare = cpu() - t0
    return {"articles": len(results), "pipeline_cpu_s": full, "parse_cpu_s": bare,
            "ratio": full / bare}


def processes(paths: list[str]) -> dict:
    from newstrace import AnalyzeOptions, analyze_many

    walls = {}
    for n in (1, 2):
        t0 = time.perf_counter()
        count = sum(1 for _ in analyze_many(paths, AnalyzeOptions(n_process=n)))
        walls[n] = time.perf_counter() - t0
    return {"articles": count, "one_process_s": walls[1], "two_processes_s": walls[2],
            "speedup": walls[1] / walls[2]}


def ingest_vs_analyze(paths: list[str], folder: Path) -> dict:
    from newstrace import AnalyzeOptions, analyze_many
    from newstrace.store import Store

    t0 = time.perf_counter()
    sum(1 for _ in analyze_many(paths, AnalyzeOptions()))
    analyze_s = time.perf_counter() - t0
    db = folder / "ingest.db"
    t0 = time.perf_counter()
    with Store(str(db)) as store:
        summary = store.ingest(paths, AnalyzeOptions())
    ingest_s = time.perf_counter() - t0
    return {"articles": summary.added, "analyze_s": analyze_s, "ingest_s": ingest_s,
            "ratio": ingest_s / analyze_s}


# The child's own peak: VmHWM of /proc/self/status belongs to the child's address space.
# (ru_maxrss is not usable here: on Linux a child started with vfork + exec, as subprocess does,
# keeps the parent's resident size at the exec as its ru_maxrss, so it showed this benchmark's
# own 1.1 GB, not the ingest's.)
PEAK_KB = ("def peak_kb():\n"
           " for line in open('/proc/self/status'):\n"
           "  if line.startswith('VmHWM:'): return int(line.split()[1])\n"
           " import resource; return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n")


def memory(sizes: list[int], folder: Path) -> dict:
    out = {}
    for k in sizes:
        corpus = folder / f"mem{k}"
        write_corpus(corpus, k)
        db = folder / f"mem{k}.db"
        code = (PEAK_KB + "import sys; from newstrace.cli import main; sys.argv=['newstrace','-q',"
                f"'ingest',{str(corpus)!r},'--db',{str(db)!r},'--stages','clean'];\n"
                "try:\n main()\nexcept SystemExit: pass\n"
                "print(peak_kb())")
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        out[k] = int(run.stdout.strip().splitlines()[-1]) / 1024
    ks = sorted(out)
    return {"peak_mb": out, "growth": out[ks[-1]] / out[ks[0]] - 1}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=400, help="articles for the time ratios")
    ap.add_argument("--memory", default="1000,10000", help="batch sizes for the memory check")
    ap.add_argument("--only", default="parse,processes,ingest,memory")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    only = set(args.only.split(","))
    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write_corpus(folder / "corpus", args.n)
        if "parse" in only:
            results["pipeline_vs_parse"] = r = pipeline_vs_parse(paths)
            print(f"pipeline / bare parse (CPU): {r['ratio']:.2f}  "
                  f"({r['pipeline_cpu_s']:.1f}s / {r['parse_cpu_s']:.1f}s, {r['articles']} articles)",
                  flush=True)
        if "processes" in only:
            results["processes"] = r = processes(paths)
            print(f"--processes 2 speed-up (wall): {r['speedup']:.2f}x  "
                  f"({r['one_process_s']:.1f}s / {r['two_processes_s']:.1f}s)", flush=True)
        if "ingest" in only:
            results["ingest_vs_analyze"] = r = ingest_vs_analyze(paths, folder)
            print(f"ingest / analyze (wall): {r['ratio']:.2f}  ({r['ingest_s']:.1f}s / "
                  f"{r['analyze_s']:.1f}s)", flush=True)
        if "memory" in only:
            sizes = [int(s) for s in args.memory.split(",")]
            results["memory"] = r = memory(sizes, folder)
            print("peak memory, ingest --stages clean: "
                  + ", ".join(f"{k} articles {v:.0f} MB" for k, v in r["peak_mb"].items())
                  + f"; growth {100 * r['growth']:+.1f} %", flush=True)
    if args.json:
        print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
