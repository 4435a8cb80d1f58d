"""Load on the web page: `newstrace serve` on 127.0.0.1 over the example corpus, then 100
concurrent article-page requests. Prints latency percentiles, the same for /health as the
baseline of the same run, and fails (exit 1) on any error. Stops by itself.

    python benchmarks/serve_load.py [--requests 100] [--concurrency 100]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "venezuela-syndicated.txt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


async def hammer(url: str, n: int, concurrency: int) -> tuple[list[float], list[str]]:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    sem = asyncio.Semaphore(concurrency)
    latencies: list[float] = []
    errors: list[str] = []
    async with httpx.AsyncClient(limits=limits, timeout=120) as client:
        async def one() -> None:
            async with sem:
                t = time.perf_counter()
                try:
                    r = await client.get(url)
                    page = "/health" in url or "article-text" in r.text
                    if r.status_code != 200 or not page:
                        errors.append(f"HTTP {r.status_code}")
                except httpx.HTTPError as exc:
                    errors.append(repr(exc))
                latencies.append(time.perf_counter() - t)

        await asyncio.gather(*(one() for _ in range(n)))
    return latencies, errors


def report(name: str, lat: list[float], wall: float) -> dict[str, float]:
    row = {p: percentile(lat, p) * 1000 for p in (50, 90, 99)}
    row["max"] = max(lat) * 1000
    print(f"{name:<14} n={len(lat):<4} p50 {row[50]:7.1f} ms  p90 {row[90]:7.1f} ms  "
          f"p99 {row[99]:7.1f} ms  max {row['max']:7.1f} ms  {len(lat) / wall:6.1f} req/s")
    return row


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=100)
    ap.add_argument("--concurrency", type=int, default=100)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.db"
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep +
               os.environ.get("PYTHONPATH", "")}
        env.pop("NEWSTRACE_API_TOKEN", None)
        subprocess.run([sys.executable, "-m", "newstrace", "ingest", str(EXAMPLE), "--db",
                        str(db), "--quiet"], check=True, env=env, timeout=300)
        import newstrace

        with newstrace.open_corpus(db) as store:
            article = next(store.articles()).id
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "newstrace", "serve", "--db", str(db),
                                   "--port", str(port)], env=env, stderr=subprocess.PIPE,
                                  text=True)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(base + "/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    print("the server did not start", file=sys.stderr)
                    return 1
                time.sleep(0.2)
            httpx.get(f"{base}/articles/{article}", timeout=60)  # warm up
            print(f"{args.requests} requests, {args.concurrency} concurrent, on {base}")
            t = time.perf_counter()
            health, herr = asyncio.run(hammer(base + "/health", args.requests, args.concurrency))
            base_row = report("GET /health", health, time.perf_counter() - t)
            t = time.perf_counter()
            lat, errors = asyncio.run(hammer(f"{base}/articles/{article}", args.requests,
                                             args.concurrency))
            row = report("article page", lat, time.perf_counter() - t)
            print(f"article page / health p50 ratio: {row[50] / base_row[50]:.1f}x")
            errors += herr
            print(f"errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
            return 1 if errors else 0
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


if __name__ == "__main__":
    sys.exit(main())
