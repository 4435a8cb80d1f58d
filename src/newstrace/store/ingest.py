"""Ingest: inputs → analyses → the store, resumable and idempotent.

Documents whose hash is already stored are skipped before cleaning or parsing; the rest go
through `pipeline.Runner` (nlp.pipe batches, n_process workers) and are written one
transaction per batch, so an interrupted run loses at most the batch in flight and a rerun
picks up where it stopped. Failures go to the `failures` table and the summary.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InternalError
from ..model import Analysis, Document, Failure
from ..pipeline import AnalyzeOptions, Runner
from .store import document_hash

if TYPE_CHECKING:
    from .store import Store

LOOKAHEAD = 256  # documents checked against the store per query


@dataclass
class IngestSummary:
    """What an ingest run did. added: new articles; skipped: inputs already stored;
    failures: inputs that could not be analysed (also in the `failures` table)."""

    added: int = 0
    skipped: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    ids: list[str] = field(default_factory=list)  # the stored article of every input

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def rate(self) -> float:
        """New articles per second."""
        return self.added / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict:
        return {"added": self.added, "skipped": self.skipped, "failed": self.failed,
                "seconds": round(self.seconds, 3), "articles_per_second": round(self.rate, 2),
                "ids": self.ids, "failures": [f.model_dump() for f in self.failures]}


Progress = Callable[[IngestSummary], None]


def ingest(store: Store, paths: Iterable[str | Path], options: AnalyzeOptions | None = None,
           *, progress: Progress | None = None) -> IngestSummary:
    """Analyse every article in `paths` and store it (see the module docstring)."""
    from ..ingest import iter_documents

    max_mb = (options or AnalyzeOptions()).limits.max_input_mb
    return ingest_documents(store, iter_documents(paths, max_mb=max_mb), options,
                            progress=progress)


def ingest_documents(store: Store, documents: Iterable[Document | Failure],
                     options: AnalyzeOptions | None = None, *,
                     progress: Progress | None = None) -> IngestSummary:
    """Analyse and store Documents already read (a Failure among them is recorded as one).
    `summary.ids` lists the stored article id of every document, new or already stored."""
    options = options or AnalyzeOptions()
    runner = Runner(options)
    store.check_writable()  # a read-only database is found now, not after all the analysis
    summary = IngestSummary()
    started = time.perf_counter()
    pending: deque[Document | None] = deque()

    def tick() -> None:
        summary.seconds = time.perf_counter() - started
        if progress is not None:
            progress(summary)

    def fresh() -> Iterator[Document | Failure]:
        """The inputs not yet stored; `pending` mirrors what the runner will yield."""
        items = iter(documents)
        while batch := list(islice(items, LOOKAHEAD)):
            docs = {id(d): document_hash(d) for d in batch if isinstance(d, Document)}
            known = store.known_documents(docs.values())
            stored = store.document_articles(known) if known else {}
            for item in batch:
                if isinstance(item, Document) and docs[id(item)] in known:
                    summary.skipped += 1
                    if stored.get(docs[id(item)]):
                        summary.ids.append(stored[docs[id(item)]])
                    tick()
                    continue
                pending.append(item if isinstance(item, Document) else None)
                yield item

    buffer: list[tuple[Analysis, Document | None]] = []

    def flush() -> None:
        if buffer:
            summary.added += store.add_many(buffer)
            buffer.clear()
            tick()

    per_transaction = max(1, options.batch_size)
    for result in runner.run(fresh()):
        document = pending.popleft()
        if isinstance(result, Failure):
            summary.failures.append(result)
            store.add_failure(result)
            tick()
            continue
        if document is not None and (document.source.uri, document.source.record_id) != (
                result.source.uri, result.source.record_id):
            raise InternalError(f"ingest lost track of its inputs at {result.source.uri}")
        buffer.append((result, document))
        summary.ids.append(result.id)
        if len(buffer) >= per_transaction:
            flush()
    flush()
    tick()
    return summary
