"""`--processes N`: whole articles analysed in N worker processes.

Each worker builds its own `Runner` once (spaCy loaded once per worker) and runs the whole
pipeline — clean, parse, analyse — on a chunk of documents; the parent only reads inputs and
writes results. This scales better than spaCy's own `nlp.pipe(n_process=N)`, which parses in
workers but ships every Doc back to be analysed (and cleaned) in the parent, one core.

Results come back in input order. At most `2 × N` chunks are in flight, so a corpus of any
size streams through in bounded memory, and a failing article is a `Failure` in its place as
in the one-process path.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice
from typing import TYPE_CHECKING

from .model import Analysis, Document, Failure

if TYPE_CHECKING:
    from .pipeline import AnalyzeOptions, Runner

_worker_runner: Runner | None = None


def _init_worker(options: AnalyzeOptions) -> None:
    global _worker_runner
    from .pipeline import Runner

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    _worker_runner = Runner(options)
    if "parse" in _worker_runner.stages:
        _worker_runner.nlp  # noqa: B018 — load the model before the first chunk arrives


def _run_chunk(chunk: list[Document | Failure]) -> list[Analysis | Failure]:
    assert _worker_runner is not None
    return list(_worker_runner.run(chunk))


def run_parallel(options: AnalyzeOptions, documents: Iterable[Document | Failure],
                 chunk_size: int | None = None) -> Iterator[Analysis | Failure]:
    """Analyse `documents` in `options.n_process` worker processes, yielding in input order."""
    workers = max(1, options.n_process)
    single = replace(options, n_process=1)
    size = chunk_size or max(1, min(options.batch_size, 8))
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods()
                                          else "spawn")
    source = iter(documents)
    with context.Pool(workers, initializer=_init_worker, initargs=(single,)) as pool:
        pending: deque = deque()

        def submit() -> bool:
            chunk = list(islice(source, size))
            if chunk:
                pending.append(pool.apply_async(_run_chunk, (chunk,)))
            return bool(chunk)

        while len(pending) < 2 * workers and submit():
            pass
        while pending:
            results = pending.popleft().get()
            submit()
            yield from results
