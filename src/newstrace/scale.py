"""The same pipeline on a Dask cluster: a `LocalCluster` on this machine, or any running
scheduler (`dask scheduler` + `dask worker`, dask-kubernetes, dask-jobqueue). The only module
that imports dask (see docs/scale.md).

    ingest(paths, options, ScaleOptions(address=None, db=..., parquet=...))
    dedupe(db, DedupeOptions(), ScaleOptions(address=...))

How a run goes:

1. `plan` partitions the inputs on the client without analysing them: small files are
   grouped `partition_size` files to a partition; a big JSON Lines file is cut into slices of
   `partition_size` lines (byte offsets, so a worker seeks to its slice) and a WARC archive
   into slices of `partition_size` response records. Each partition is one element of a
   Dask bag, and one task.
2. Every worker builds the pipeline once (a `WorkerPlugin`: components built, spaCy loaded)
   and runs each of its partitions through the same `pipeline.Runner` a single machine uses;
   the ingest readers (`newstrace.ingest`) read the slices.
3. With `db`, the worker writes its results into the store in transactions of `batch_size`
   articles (`Store.add_many`: idempotent by article id and document hash), after skipping
   the inputs whose document hash is already stored. A worker killed mid-task loses only its
   open transaction; Dask reruns the task elsewhere and the rerun skips what was written, so
   no article is lost or stored twice. With `parquet`, the worker writes one part file per
   table for its partition, named by a hash of the partition (a rerun overwrites, never
   duplicates), written under a temporary name and renamed.
4. A failing input is a `Failure` (recorded in the store's `failures` table and the Parquet
   `failures` table) and the rest go on.

Dedupe runs on the cluster too: each worker prepares its articles (shingles, body digest) and
computes MinHash signatures; the LSH bands are grouped by key across the cluster (`foldby`),
and the client verifies the banded candidates with the single-machine code
(`corpus.dedupe.group_candidates`), so the groups are exactly those of `newstrace dedupe`.
Story clusters and claim traces run their heavy steps on the workers through a
`DaskExecutor` (`clusters`, `trace`; see `newstrace.corpus.executor`): the same functions,
chunks and merge order as on one machine, so the same answers.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import re
import sys
import time
import uuid
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from distributed import WorkerPlugin

from .errors import ClusterUnreachable
from .model import Analysis, Document, Failure
from .pipeline import AnalyzeOptions, Runner

PARQUET_TABLES = ("articles", "entities", "mentions", "quotes", "reported_speech", "claims",
                  "events", "dates", "failures")


@dataclass(frozen=True)
class ScaleOptions:
    """Where and how to run on Dask (shared by the library and the CLI).

    address: a scheduler address (tcp://host:8786); None starts a LocalCluster of `workers`
    processes with one thread each. partition_size: input records per partition (task).
    db: store URL the workers write into (a SQLite file only when every worker sees it,
    e.g. a LocalCluster; PostgreSQL for a real cluster). parquet: a folder every worker can
    write (a shared file system) for the Parquet tables. progress: Dask's progress bar on
    stderr. echo: where the dashboard line goes (None: nowhere).
    """

    address: str | None = None
    workers: int = 2
    partition_size: int = 64
    db: str | None = None
    parquet: str | None = None
    progress: bool = False
    echo: Callable[[str], None] | None = None


@dataclass
class ScaleSummary:
    """What a Dask ingest did: added articles, skipped inputs (already stored), failures,
    partitions (tasks) and the time split (wall seconds on the client, summed worker seconds)."""

    added: int = 0
    skipped: int = 0
    analysed: int = 0
    failures: list[Failure] = field(default_factory=list)
    partitions: int = 0
    seconds: float = 0.0
    worker_seconds: float = 0.0
    dashboard: str | None = None

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def rate(self) -> float:
        """Analysed articles per wall-clock second."""
        return self.analysed / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict:
        return {"added": self.added, "skipped": self.skipped, "failed": self.failed,
                "analysed": self.analysed, "partitions": self.partitions,
                "seconds": round(self.seconds, 3), "worker_seconds": round(self.worker_seconds, 3),
                "articles_per_second": round(self.rate, 2), "dashboard": self.dashboard,
                "failures": [f.model_dump() for f in self.failures]}


# -- partitioning the inputs ---------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """A piece of input one task reads: a whole file ("file"), an input that names no file
    ("input": the reader reports why), lines [start, stop) bytes of a JSON Lines file whose
    first line is `line` ("jsonl"), response records [start, stop) of a WARC ("warc"), or
    documents already read on the client ("docs", stdin)."""

    kind: str
    path: str = ""
    start: int = 0
    stop: int = 0
    line: int = 1
    docs: tuple[Document, ...] = ()
    size: int = 1  # records, for packing

    def key(self) -> str:
        if self.kind == "docs":
            return "docs:" + hashlib.sha1("\0".join(d.content for d in self.docs).encode()
                                          ).hexdigest()
        return f"{self.kind}:{self.path}:{self.start}:{self.stop}"


def plan(paths: Iterable[str | Path], partition_size: int = 64) -> list[list[Unit]]:
    """The partitions of a run, in input order (each a list of Units of about
    `partition_size` records). Reads only what it needs to cut big files."""
    from .ingest import paths as ingest_paths
    from .ingest import sniff

    items = [str(p) for p in paths]
    limit = sniff.max_bytes(None)
    listed = ingest_paths._listings(items)
    skip = ingest_paths._feed_pages(listed, limit)
    units: list[Unit] = []
    for item in items:
        if item == ingest_paths.STDIN:
            docs = tuple(d for d in ingest_paths.iter_documents([item]))
            units.extend(Unit("docs", docs=docs[i:i + partition_size],
                              size=len(docs[i:i + partition_size]))
                         for i in range(0, len(docs), partition_size))
            continue
        files = listed.get(item) or []
        if not files:
            units.append(Unit("input", item))
            continue
        for file in files:
            if ingest_paths._skipped(file, skip):
                continue
            units.extend(_file_units(file, partition_size))
    return pack(units, partition_size)


def pack(units: list[Unit], partition_size: int) -> list[list[Unit]]:
    """Units packed in order into partitions of at most `partition_size` records (a unit
    bigger than that is a partition of its own)."""
    parts: list[list[Unit]] = []
    current: list[Unit] = []
    size = 0
    for unit in units:
        if current and size + unit.size > partition_size:
            parts.append(current)
            current, size = [], 0
        current.append(unit)
        size += unit.size
    if current:
        parts.append(current)
    return parts


def _file_units(path: Path, partition_size: int) -> list[Unit]:
    """One unit for a page, feed or small file; slices for a JSON Lines file or a WARC."""
    fmt = _format(path)
    if fmt == "warc":
        from .ingest.warc import count_responses

        n = count_responses(path)
        if n <= partition_size:
            return [Unit("file", str(path), size=max(1, n))]
        cuts = list(range(0, n, partition_size))
        return [Unit("warc", str(path), start=a,
                     stop=a + partition_size if a + partition_size < n else sys.maxsize,
                     size=min(partition_size, n - a)) for a in cuts]
    if fmt == "jsonl":
        return _jsonl_units(path, partition_size)
    return [Unit("file", str(path))]


def _format(path: Path) -> str | None:
    """The format the reader will see ("warc", "jsonl", …), or None if unreadable."""
    from .ingest import sniff

    try:
        with open(path, "rb") as fh:
            head = fh.read(65536)
        if sniff.is_gzip(head):
            with open(path, "rb") as fh:
                head = sniff.inflate(fh.read, 65536).data[:65536]
        if sniff.binary_kind(head):
            return None
        return sniff.sniff_format(head, path.name)
    except Exception:  # noqa: BLE001 -- the reader reports it
        return None


def _jsonl_units(path: Path, partition_size: int) -> list[Unit]:
    """Slices of `partition_size` non-blank lines (byte offsets in the decompressed stream)."""
    gz = _is_gzip(path)
    end = None if gz else path.stat().st_size
    units: list[Unit] = []
    try:
        with (gzip.open(path, "rb") if gz else open(path, "rb")) as fh:
            pos = start = 0
            line = first = 1
            count = 0
            for raw in fh:
                if end is not None and pos >= end:
                    break
                if count == partition_size and raw.strip():
                    units.append(Unit("jsonl", str(path), start, pos, first, size=count))
                    start, first, count = pos, line, 0
                if raw.strip():
                    count += 1
                pos += len(raw)
                line += 1
    except (OSError, EOFError, zlib.error):
        return [Unit("file", str(path))]  # broken: the reader reports it, once
    if count or not units:
        units.append(Unit("jsonl", str(path), start, sys.maxsize, first, size=max(1, count)))
    else:
        last = units[-1]
        units[-1] = replace(last, stop=sys.maxsize)
    return units if len(units) > 1 else [Unit("file", str(path), size=units[0].size)]


def _is_gzip(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(2) == b"\x1f\x8b"


def read_unit(unit: Unit) -> Iterator[Document | Failure]:
    """The documents of one unit, read by the same readers as a single-machine run."""
    from .ingest import iter_documents
    from .ingest import sniff
    from .ingest.jsonl import read_jsonl

    if unit.kind == "docs":
        yield from unit.docs
    elif unit.kind in ("file", "input"):
        yield from iter_documents([unit.path])
    elif unit.kind == "warc":
        from .ingest.warc import read_warc

        yield from read_warc(Path(unit.path), only=range(unit.start, unit.stop))
    elif unit.kind == "jsonl":
        path = Path(unit.path)
        gz = _is_gzip(path)
        size = None if gz else path.stat().st_size
        stop = unit.stop if size is None else min(unit.stop, size)
        try:
            with (gzip.open(path, "rb") if gz else open(path, "rb")) as fh:
                fh.seek(unit.start)

                def lines() -> Iterator[str]:
                    pos = unit.start
                    for raw in fh:
                        if pos >= stop:
                            return
                        pos += len(raw)
                        yield raw.decode("utf-8-sig" if pos == len(raw) else "utf-8", "replace")

                yield from read_jsonl(lines(), unit.path, limit=sniff.max_bytes(None),
                                      first_line=unit.line)
        except (OSError, EOFError, zlib.error) as exc:
            from .errors import MalformedInput

            error = MalformedInput(f"broken compressed data ({exc}); the records before it "
                                   "were read", input=unit.path)
            yield Failure(uri=unit.path, code=error.code, message=str(error))
    else:
        raise ValueError(f"unknown unit kind {unit.kind!r}")


# -- on the workers --------------------------------------------------------------------------

_RUNNERS: dict[tuple, Runner] = {}
_STORES: dict[str, Any] = {}


def _options_key(options: AnalyzeOptions) -> tuple:
    return (options.stages, options.model, options.batch_size, options.n_process,
            json.dumps(options.config, sort_keys=True, default=str))


def worker_runner(options: AnalyzeOptions) -> Runner:
    """This process's Runner for `options`: built (and spaCy loaded) once per worker."""
    key = _options_key(options)
    runner = _RUNNERS.get(key)
    if runner is None:
        runner = _RUNNERS[key] = Runner(replace(options, n_process=1))
        warm_up(runner)
    return runner


WARM_UP = ("Port reopens after strike\n\nLAGOS, March 3 (Wire) - The port of Lagos reopened on "
           "Monday, officials said. \u201cWe are ready,\u201d the harbour master, Ada Obi, told "
           "reporters. The strike reportedly cost $3 million, according to the port authority, "
           "which has not presented any evidence.\n")


def warm_up(runner: Runner) -> None:
    """Load spaCy and every lazily loaded lexicon and model now (one short article through
    the whole runner), so that no task pays for it."""
    from .model import Source

    list(runner.run([Document(source=Source(uri="<warm-up>"), content=WARM_UP)]))


def _worker_store(url: str):
    store = _STORES.get(url)
    if store is None:
        from .store import Store

        store = _STORES[url] = Store(url)
    return store


@dataclass(frozen=True)
class Job:
    """What every task of one run needs (sent once with the graph)."""

    options: AnalyzeOptions
    db: str | None = None
    parquet: str | None = None


def run_partition(units: list[Unit], job: Job) -> dict:
    """One task: read the units, analyse what is new, write it; returns a small summary."""
    from .store.store import document_hash

    started = time.perf_counter()
    items = [item for unit in units for item in read_unit(unit)]
    part = "part-" + hashlib.sha1("\n".join(u.key() for u in units).encode()).hexdigest()[:20]
    parquet_done = job.parquet is not None and (Path(job.parquet) / "_done" / part).exists()
    store = _worker_store(job.db) if job.db else None
    skipped = 0
    todo: list[Document | Failure] = items
    if store is not None and (job.parquet is None or parquet_done):
        hashes = {id(d): document_hash(d) for d in items if isinstance(d, Document)}
        known = store.known_documents(hashes.values())
        todo = [d for d in items if not (isinstance(d, Document) and hashes[id(d)] in known)]
        skipped = len(items) - len(todo)
    elif job.parquet is not None and parquet_done:
        todo, skipped = [], len(items)
    runner = worker_runner(job.options)
    results = list(runner.run(todo))
    failures = [r for r in results if isinstance(r, Failure)]
    pairs = [(r, d if isinstance(d, Document) else None)
             for r, d in zip(results, todo, strict=True) if isinstance(r, Analysis)]
    added = 0
    if store is not None:
        per_transaction = max(1, job.options.batch_size)
        for i in range(0, len(pairs), per_transaction):
            added += store.add_many(pairs[i:i + per_transaction])
        for f in failures:
            store.add_failure(f)
    if job.parquet is not None and not parquet_done:
        write_parquet_part(Path(job.parquet), part, pairs, failures)
    return {"added": added, "skipped": skipped, "analysed": len(pairs),
            "failures": [f.model_dump() for f in failures],
            "seconds": time.perf_counter() - started, "pid": os.getpid()}


class PipelinePlugin(WorkerPlugin):
    """Worker plugin: builds the pipeline (and loads spaCy) once when a worker starts or
    joins, so no task pays for it."""

    name = "newstrace-pipeline"

    def __init__(self, options: AnalyzeOptions) -> None:
        self.options = options

    def setup(self, worker) -> None:
        worker_runner(self.options)

    def teardown(self, worker) -> None:
        pass


# -- Parquet -------------------------------------------------------------------------------


def _arrow_schema(table: str):
    """The Arrow schema of a Parquet table: the store table's columns (docs/scale.md)."""
    import pyarrow as pa
    from sqlalchemy import Float, Integer

    from .store import schema as t

    if table == "failures":
        return pa.schema([("uri", pa.string()), ("code", pa.string()), ("message", pa.string())])
    cols = []
    for col in t.metadata.tables[table].columns:
        if col.name in ("pk", "id") and table != "articles" or col.name == "pk":
            continue
        if col.name == "analysis":
            continue  # the rows hold everything; the JSON is in the store
        kind = pa.int64() if isinstance(col.type, Integer) else (
            pa.float64() if isinstance(col.type, Float) else pa.string())
        cols.append((col.name, kind))
    if table == "claims":
        cols += [("sources", pa.string()), ("hedges", pa.string())]
    return pa.schema(cols)


def write_parquet_part(folder: Path, part: str, pairs: list[tuple[Analysis, Document | None]],
                       failures: list[Failure]) -> None:
    """Write one partition's rows as `folder/<table>/<part>.parquet` for every table
    (temporary names, then renamed; a marker `_done/<part>` last)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .store.store import article_rows

    rows: dict[str, list[dict]] = {name: [] for name in PARQUET_TABLES}
    for analysis, document in pairs:
        for name, table_rows in article_rows(analysis, document).items():
            if name in rows:
                rows[name].extend(table_rows)
    rows["failures"] = [{"uri": f.uri, "code": f.code, "message": f.message} for f in failures]
    token = uuid.uuid4().hex
    moves = []
    for name in PARQUET_TABLES:
        schema = _arrow_schema(name)
        data = [{c: r.get(c) for c in schema.names} for r in rows[name]]
        table = pa.Table.from_pylist(data, schema=schema)
        out = folder / name
        out.mkdir(parents=True, exist_ok=True)
        tmp = out / f"_tmp-{token}-{part}.parquet"
        pq.write_table(table, tmp)
        moves.append((tmp, out / f"{part}.parquet"))
    for tmp, final in moves:
        os.replace(tmp, final)
    done = folder / "_done"
    done.mkdir(parents=True, exist_ok=True)
    (done / part).write_text("ok\n")


def read_parquet(folder: str | Path, table: str = "articles"):
    """One table of a Parquet output folder as a pyarrow Table (all parts)."""
    import pyarrow.dataset as ds

    return ds.dataset(Path(folder) / table, format="parquet",
                      schema=_arrow_schema(table)).to_table()


# -- the client -----------------------------------------------------------------------------


def _has_bokeh() -> bool:
    import importlib.util

    return importlib.util.find_spec("bokeh") is not None


@contextlib.contextmanager
def connect(scale: ScaleOptions):
    """A dask Client: to `scale.address`, or to a new LocalCluster (processes, one thread
    each, dashboard on a free port) closed on exit. Says where the dashboard is, or why
    there is none (it needs bokeh on the scheduler)."""
    from distributed import Client, LocalCluster

    echo = scale.echo or (lambda _msg: None)
    cluster = None
    if scale.address:
        try:
            client = Client(scale.address, timeout="30s")
        except OSError as exc:  # refused, unreachable, timed out
            raise ClusterUnreachable(f"no Dask scheduler answers: {exc}",
                                     input=scale.address) from None
    else:
        cluster = LocalCluster(n_workers=scale.workers, threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=40)
        client = Client(cluster)
    try:
        link = dashboard(client)
        where = client.scheduler.address
        echo(f"dask: {where} · dashboard {link}" if link else
             f"dask: {where} · no dashboard (the scheduler needs bokeh: pip install 'bokeh>=3.1')")
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def dashboard(client) -> str | None:
    """The dashboard link of the client's scheduler, or None (no bokeh there)."""
    if "dashboard" not in client.scheduler_info().get("services", {}):
        return None
    try:
        has = client.run_on_scheduler(_has_bokeh)
    except Exception:  # noqa: BLE001 -- an old scheduler: trust its services list
        has = True
    return client.dashboard_link if has else None


def _wait(client, futures: list, show: bool) -> list:
    if show and futures:
        from distributed import progress

        with contextlib.redirect_stdout(sys.stderr):
            progress(futures)
            print(file=sys.stderr)
    return client.gather(futures)


def ingest(paths: Iterable[str | Path], options: AnalyzeOptions | None = None,
           scale: ScaleOptions | None = None, *, client=None) -> ScaleSummary:
    """Analyse every article in `paths` on a Dask cluster, into the store `scale.db` and/or
    Parquet under `scale.parquet`. CLI: `newstrace ingest PATHS --dask [ADDRESS]`.
    `client`: an existing dask Client to use instead of `scale.address`."""
    import dask.bag as db

    options = options or AnalyzeOptions()
    options.stage_list()  # a bad --stages fails here, not on every worker
    scale = scale or ScaleOptions()
    if scale.db is None and scale.parquet is None:
        raise ValueError("give a store (db) and/or a Parquet folder (parquet) to write into")
    db_url = _absolute_db(scale.db)
    if db_url is not None:
        from .store import Store

        Store(db_url).close()  # create and migrate once, before the workers open it
    parquet = str(Path(scale.parquet).resolve()) if scale.parquet else None
    job = Job(options=options, db=db_url, parquet=parquet)
    started = time.perf_counter()
    parts = plan(paths, max(1, scale.partition_size))
    summary = ScaleSummary()
    with (contextlib.nullcontext(client) if client is not None else connect(scale)) as c:
        summary.dashboard = dashboard(c)
        c.wait_for_workers(1, timeout=120)
        # a small run still gives every worker work: about 4 tasks per worker at least
        workers = max(1, len(c.scheduler_info().get("workers", {})))
        total = sum(u.size for part in parts for u in part)
        size = max(1, min(scale.partition_size, -(-total // (4 * workers))))
        if size < scale.partition_size:
            parts = pack([u for part in parts for u in part], size)
        summary.partitions = len(parts)
        c.register_plugin(PipelinePlugin(options), name=PipelinePlugin.name)
        bag = db.from_sequence(parts, npartitions=max(1, len(parts)))
        futures = c.compute(bag.map(run_partition, job).to_delayed()) if parts else []
        results = [r for part in _wait(c, futures, scale.progress) for r in part]
    for r in results:
        summary.added += r["added"]
        summary.skipped += r["skipped"]
        summary.analysed += r["analysed"]
        summary.worker_seconds += r["seconds"]
        summary.failures.extend(Failure(**f) for f in r["failures"])
    summary.seconds = time.perf_counter() - started
    return summary


def _absolute_db(url: str | None) -> str | None:
    """A store URL every local worker resolves the same way (a relative SQLite path is made
    absolute)."""
    if url is None:
        return None
    if "://" not in url:
        return str(Path(url).resolve())
    return url


_ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?[\w.-]+:\d+$|^[a-z][a-z0-9+.-]*://\S+$",
                      re.IGNORECASE)


def is_address(value: str) -> bool:
    """Whether `value` looks like a scheduler address (tcp://host:port, host:port)."""
    return bool(_ADDRESS.match(value))


# -- dedupe on the cluster -----------------------------------------------------------------


def _prepare_chunk(ids: list[str], start: int, db_url: str, options, backend: str) -> list:
    from .corpus.dedupe import band_keys, lsh_bands, prepare, signature

    store = _worker_store(db_url)
    bands, rows = lsh_bands(options)
    out = []
    records = {r.id: r for r in store.articles(ids=ids)}
    for offset, ident in enumerate(ids):
        doc, strings = prepare(records[ident], options)
        keys = band_keys(signature(doc, strings, options, backend), bands, rows) if strings else []
        out.append((start + offset, doc, bool(strings), keys))
    return out


def _band_entries(item, indexed: frozenset[int]) -> list:
    i, _doc, _words, keys = item
    return [(key, i) for key in keys] if i in indexed else []


def _bucket_add(acc: list[int], entry) -> list[int]:
    return [*acc, entry[1]]


def _bucket_merge(a: list[int], b: list[int]) -> list[int]:
    return a + b


def _first(entry):
    return entry[0]


def find_duplicates_on(client, db_url: str, options=None, *, chunk: int = 500,
                       show_progress: bool = False):
    """Duplicate groups among every article of the store at `db_url`, computed on the
    cluster of `client` (the same groups as `newstrace.corpus.find_duplicates`)."""
    import dask.bag as db

    from .corpus.dedupe import DedupeOptions, Indexer, bucket_pairs, group_candidates, lsh_backend
    from .store import Store

    options = options or DedupeOptions()
    backend = lsh_backend(options.backend)
    started = time.perf_counter()
    with Store(db_url) as store:
        ids = store.article_ids()
    chunks = [(ids[i:i + chunk], i) for i in range(0, len(ids), chunk)]
    bag = db.from_sequence(chunks, npartitions=max(1, len(chunks))).map(
        lambda c: _prepare_chunk(c[0], c[1], db_url, options, backend)).flatten()
    bag = client.persist(bag)
    if show_progress:
        from distributed import progress

        with contextlib.redirect_stdout(sys.stderr):
            progress(bag)
            print(file=sys.stderr)
    prepared = bag.compute()
    indexer = Indexer()
    indexed = set()
    for i, doc, has_words, _keys in sorted(prepared, key=lambda x: x[0]):
        if indexer.add(doc, has_words) is not None:
            indexed.add(i)
    frozen = frozenset(indexed)
    buckets = (bag.map(_band_entries, frozen).flatten()
               .foldby(_first, _bucket_add, [], _bucket_merge, [])
               .filter(lambda kv: len(kv[1]) > 1).map(lambda kv: kv[1]).compute())
    candidates: set[tuple[int, int]] = set()
    for members in buckets:
        candidates |= bucket_pairs(members)
    result = group_candidates(indexer, candidates, options)
    result.stats.update({"backend": backend, "total_s": time.perf_counter() - started,
                         "dask_partitions": len(chunks)})
    return result


def dedupe(db: str, options=None, scale: ScaleOptions | None = None, *, save: bool = True,
           client=None):
    """`newstrace.corpus.dedupe` on a Dask cluster: the store at `db` is read by the workers
    in chunks; with `save`, its `duplicates` table is replaced. CLI: `newstrace dedupe --dask`."""
    from .corpus.dedupe import save_groups
    from .store import Store

    scale = scale or ScaleOptions()
    db_url = _absolute_db(db)
    with (contextlib.nullcontext(client) if client is not None else connect(scale)) as c:
        result = find_duplicates_on(c, db_url, options, show_progress=scale.progress)
    if save:
        with Store(db_url) as store:
            save_groups(store, result)
    return result


# -- story clusters (and other corpus steps) on the cluster ---------------------------------


class DaskExecutor:
    """The corpus steps' executor (`newstrace.corpus.executor`) on a Dask cluster: each chunk
    of work is a task; shared data (the vocabulary, the TF-IDF matrix) is sent once to every
    worker; reductions (document frequencies) are combined in a tree on the workers. The
    steps and their order are those of the single machine, so the answers are equal.
    `progress`: Dask's progress bar on stderr for each step."""

    def __init__(self, client, chunk: int = 500, progress: bool = False) -> None:
        self.client = client
        self.chunk = chunk
        self.progress = progress
        self.tasks = 0

    def put(self, items):
        items = list(items)
        return self.client.scatter(items, hash=False) if items else []

    def share(self, obj):
        # hash=False: a new key each time (two scatters of equal data under one content key
        # race: releasing the first deletes the second's data)
        return self.client.scatter([obj], broadcast=True, hash=False)[0]

    def _submit(self, func, items, shared):
        items = list(items)
        self.tasks += len(items)
        return self.client.map(func, items, [shared] * len(items), pure=False) if items else []

    def map(self, func, items, shared=None):
        futures = self._submit(func, items, shared)
        return iter(_wait(self.client, futures, self.progress))

    def reduce(self, func, items, combine, shared=None):
        futures = self._submit(func, items, shared)
        if not futures:
            return None
        while len(futures) > 1:
            merged = [self.client.submit(combine, a, b, pure=False)
                      for a, b in zip(futures[::2], futures[1::2])]
            self.tasks += len(merged)
            futures = merged + (futures[-1:] if len(futures) % 2 else [])
        return _wait(self.client, futures, self.progress)[0]


def clusters(db: str, options=None, scale: ScaleOptions | None = None, *, save: bool = True,
             client=None, chunk: int = 500):
    """`newstrace.corpus.cluster_stories` with its heavy steps on a Dask cluster (document
    frequencies, TF-IDF rows, candidate pairs and story evidence on the workers; the links
    and their components on the client): the same clusters as on one machine. With `save`,
    the store's `clusters` table is replaced. CLI: `newstrace clusters --dask`."""
    from .corpus.cluster import cluster_stories
    from .store import Store

    scale = scale or ScaleOptions()
    db_url = _absolute_db(db)
    with (contextlib.nullcontext(client) if client is not None else connect(scale)) as c:
        executor = DaskExecutor(c, chunk=chunk, progress=scale.progress)
        with Store(db_url) as store:
            return cluster_stories(store, options, save=save, executor=executor)


def trace(db: str, query: str, options=None, scale: ScaleOptions | None = None, *,
          claimant: str | None = None, client=None, chunk: int = 50):
    """`newstrace.corpus.trace_claim` with the candidate articles verified on a Dask cluster:
    the candidates come from the store's full-text index (on the client), the pool's word
    statistics are a reduction on the workers, and each chunk of `chunk` articles is
    verified on a worker; the carriers are put in time order on the client. The same trace
    as on one machine (worth it when `options.candidates` is large). CLI: `newstrace trace
    --dask`."""
    from .corpus.trace import trace_claim
    from .store import Store

    scale = scale or ScaleOptions()
    db_url = _absolute_db(db)
    with (contextlib.nullcontext(client) if client is not None else connect(scale)) as c:
        executor = DaskExecutor(c, chunk=chunk, progress=scale.progress)
        with Store(db_url) as store:
            return trace_claim(store, query, options, claimant=claimant, executor=executor)


__all__ = ["DaskExecutor", "Job", "ScaleOptions", "ScaleSummary", "Unit", "connect", "dedupe",
           "clusters", "find_duplicates_on", "ingest", "is_address", "plan", "read_parquet",
           "read_unit", "run_partition", "trace"]
