"""Publication date on htmldate's own evaluation pages (worldwide news pages, many languages).

htmldate (github.com/adbar/htmldate, Apache-2.0) keeps its evaluation pages under `tests/`
with the true day of each: `tests/eval_mediacloud_2020.json` (200 news pages from around the
world, collected by the Data Culture Group at Northeastern University: the "200 worldwide
news pages" of issue 11) and `tests/eval_default.json` (800 pages, mostly German, news and
blogs). Nothing of it is copied into this repository: the pages and their dates are read at
run time from a copy of that repository, either a checkout or a bare git directory (a
mirror), given by `--htmldate` or $NEWSTRACE_HTMLDATE_DIR.

Runs, in one process over the same pages: newstrace's cleaner (ingest → clean; the date is
`meta.published`), `htmldate.find_date` in extensive and in fast mode (original date, as
htmldate's own `tests/comparison.py` calls it) and bare `trafilatura.bare_extraction` (with
metadata). As in htmldate's evaluation, pages are given without their URL (`--url` gives it).
Prints accuracy (the first 10 characters equal the true day; no date is wrong) and each
system's seconds.

    .venv/bin/python benchmarks/worldwide_dates.py --htmldate PATH [--set mediacloud|default|all]
        [--limit N] [--url] [--misses]

`--misses` lists newstrace's wrong pages with the true day, htmldate's answers and the
rule that chose newstrace's date.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

SETS = {"mediacloud": ["eval_mediacloud_2020.json"], "default": ["eval_default.json"],
        "all": ["eval_mediacloud_2020.json", "eval_default.json"]}
PAGE_DIRS = ("test_set", "cache", "eval")  # where htmldate's own loader looks, in order


class Source:
    """htmldate's tests/ folder, in a checkout or in a bare git directory."""

    def __init__(self, path: Path):
        self.path = path
        self.tests = path / "tests" if (path / "tests").is_dir() else None
        self._git: subprocess.Popen | None = None
        if self.tests is None:
            names = subprocess.run(["git", "--git-dir", str(path), "ls-tree", "-r", "-z",
                                    "--name-only", "HEAD", "tests/"], capture_output=True,
                                   check=True).stdout.decode("utf-8")
            self.names = set(filter(None, names.split("\0")))

    def read(self, rel: str) -> bytes | None:
        """The bytes of tests/`rel`, or None when there is no such file."""
        if self.tests is not None:
            path = self.tests / rel
            return path.read_bytes() if path.is_file() else None
        if f"tests/{rel}" not in self.names:
            return None
        if self._git is None:
            self._git = subprocess.Popen(["git", "--git-dir", str(self.path), "cat-file",
                                          "--batch"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE)
        assert self._git.stdin and self._git.stdout
        self._git.stdin.write(f"HEAD:tests/{rel}\n".encode("utf-8"))
        self._git.stdin.flush()
        header = self._git.stdout.readline().split()
        size = int(header[2])
        data = self._git.stdout.read(size)
        self._git.stdout.read(1)
        return data

    def page(self, name: str) -> bytes | None:
        for folder in PAGE_DIRS:
            data = self.read(f"{folder}/{name}")
            if data is not None:
                return data
        return None


def newstrace_date(html: bytes, name: str, url: str | None) -> tuple[str | None, str]:
    from newstrace.clean.pipeline import clean_with_offsets
    from newstrace.errors import NewstraceError
    from newstrace.ingest.html import read_html

    try:
        doc = read_html(html, name)
        if url:
            doc = doc.model_copy(update={"source": doc.source.model_copy(update={"url": url})})
        article, _ = clean_with_offsets(doc)
    except NewstraceError as exc:
        return None, f"error: {exc.__class__.__name__}"
    return article.meta.published, ""


def htmldate_date(html: bytes, url: str | None, extensive: bool) -> str | None:
    import htmldate

    try:
        return htmldate.find_date(html, url=url, original_date=True, extensive_search=extensive)
    except Exception:  # noqa: BLE001 -- a failure is no date
        return None


def trafilatura_date(html: bytes, url: str | None) -> str | None:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    except Exception:  # noqa: BLE001
        return None
    return doc.date if doc is not None else None


def why_of(html: bytes, url: str | None) -> str:
    """The rule that chose newstrace's date (htmlmeta's `why`)."""
    from newstrace.clean.extract import extract_html
    from newstrace.ingest.html import read_html

    try:
        return extract_html(read_html(html, "page").content, "page", url=url).why.get(
            "published", "?")
    except Exception as exc:  # noqa: BLE001
        return f"error: {exc.__class__.__name__}"


SYSTEMS = ("newstrace", "htmldate extensive", "htmldate fast", "trafilatura")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--htmldate", default=os.environ.get("NEWSTRACE_HTMLDATE_DIR"),
                        help="a checkout or bare git directory of github.com/adbar/htmldate")
    parser.add_argument("--set", choices=sorted(SETS), default="mediacloud")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--url", action="store_true", help="give each system the page's URL")
    parser.add_argument("--misses", action="store_true", help="list newstrace's wrong pages")
    parser.add_argument("--only", choices=("newstrace",), help="run newstrace alone")
    args = parser.parse_args(argv)
    if not args.htmldate or not Path(args.htmldate).exists():
        print("give htmldate's repository with --htmldate or $NEWSTRACE_HTMLDATE_DIR",
              file=sys.stderr)
        return 2
    logging.disable(logging.WARNING)
    src = Source(Path(args.htmldate))
    gold: dict[str, dict] = {}
    for name in SETS[args.set]:
        raw = src.read(name)
        if raw is None:
            print(f"no tests/{name} in {args.htmldate}", file=sys.stderr)
            return 2
        gold.update(json.loads(raw))
    urls = list(gold)[: args.limit or None]
    systems = SYSTEMS[:1] if args.only else SYSTEMS
    right = {s: [] for s in systems}
    seconds = {s: 0.0 for s in systems}
    got: dict[str, dict[str, str | None]] = {}
    missing = 0
    newstrace_date(b"<html><body><p>warm up the cleaner once.</p></body></html>", "warm", None)
    for url in urls:
        html = src.page(gold[url]["file"])
        if html is None:
            missing += 1
            continue
        given = url if args.url else None
        out: dict[str, str | None] = {}
        for system in systems:
            t0 = time.perf_counter()
            if system == "newstrace":
                out[system], _ = newstrace_date(html, gold[url]["file"], given)
            elif system == "trafilatura":
                out[system] = trafilatura_date(html, given)
            else:
                out[system] = htmldate_date(html, given, system.endswith("extensive"))
            seconds[system] += time.perf_counter() - t0
            right[system].append(float((out[system] or "")[:10] == gold[url]["date"]))
        got[url] = out
    n = len(right["newstrace"])
    print(f"htmldate evaluation pages, set {args.set}: {n} pages"
          + (f" ({missing} listed but absent)" if missing else "")
          + (", with URL" if args.url else ", without URL"))
    print(f"{'system':20} {'date':>7} {'seconds':>8}")
    for system in systems:
        print(f"{system:20} {statistics.mean(right[system]):7.3f} {seconds[system]:8.1f}")
    if args.misses:
        for k, url in enumerate(u for u in urls if u in got):
            if right["newstrace"][k]:
                continue
            out = got[url]
            html = src.page(gold[url]["file"])
            print(f"  {gold[url]['file'][:28]:28} gold={gold[url]['date']} "
                  f"got={out['newstrace']} ({why_of(html, url if args.url else None)}) "
                  + " ".join(f"{s.split()[-1][:4]}={out.get(s)}" for s in systems[1:])
                  + f"\n      {url[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
