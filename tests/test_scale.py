"""The Dask runner (newstrace.scale): the same rows as the local pipeline, for ingest and
dedupe; inputs cut by record; a killed worker loses and duplicates nothing; a real
`dask scheduler` + two `dask worker` processes driven through the CLI."""

from __future__ import annotations

import gzip
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from newstrace import AnalyzeOptions
from newstrace.cli import optional_values
from newstrace.corpus import DedupeOptions
from newstrace.corpus.dedupe import dedupe as local_dedupe
from newstrace.ingest import iter_documents
from newstrace.store import Store
from newstrace.store.store import article_rows

from .conftest import DATA, ROOT, assert_offsets
from .test_dedupe import ORIG, body, edit, paras
from .test_warc import records as warc_records
from .test_warc import write as write_warc

import distributed  # the dask extra is part of the test install: never skipped

from newstrace import scale

SRC = str(ROOT / "src")


def corpus_paths() -> list[str]:
    """A small real corpus: the example, the composed articles and a JSON Lines file with
    a broken record (failures must match too)."""
    return [str(DATA / "articles"), str(DATA / "gold" / "tema-port-bribery.txt"),
            str(DATA / "clean" / "ap-wire.txt"), str(DATA / "ingest" / "records.jsonl"),
            str(DATA / "ingest" / "broken.jsonl")]


@pytest.fixture(scope="module")
def client():
    """A LocalCluster of 2 worker processes with one thread each, shared by this module."""
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=":0", silence_logs=40)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


# -- partitioning ---------------------------------------------------------------------------


def _same(items_a, items_b):
    def key(x):
        return x.model_dump()

    assert [key(x) for x in items_a] == [key(x) for x in items_b]


@pytest.mark.parametrize("gz", [False, True])
def test_jsonl_slices_read_exactly_the_file(tmp_path, gz):
    lines = []
    for i in range(23):
        lines.append(json.dumps({"text": f"Record {i} says the port reopened.", "id": i}))
        if i % 5 == 0:
            lines.append("")  # blank lines keep the line numbers
        if i == 11:
            lines.append("{broken")
    data = ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")
    path = tmp_path / ("big.jsonl.gz" if gz else "big.jsonl")
    path.write_bytes(gzip.compress(data) if gz else data)
    parts = scale.plan([str(path)], partition_size=4)
    units = [u for part in parts for u in part]
    assert len(units) == 6 and all(u.kind == "jsonl" for u in units)
    sliced = [item for u in units for item in scale.read_unit(u)]
    _same(sliced, list(iter_documents([str(path)])))


@pytest.mark.parametrize("gz", [False, True])
def test_warc_slices_read_exactly_the_archive(tmp_path, gz):
    recs = warc_records() * 3
    path = write_warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), recs, gz=gz)
    units = [u for part in scale.plan([str(path)], partition_size=4) for u in part]
    assert [u.kind for u in units] == ["warc"] * 5  # 18 responses in slices of 4
    _same([item for u in units for item in scale.read_unit(u)], list(iter_documents([str(path)])))


def test_cut_warc_is_reported_once(tmp_path):
    data = b"".join(warc_records() * 2)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: len(data) - 300])
    units = [u for part in scale.plan([str(path)], partition_size=3) for u in part]
    assert len(units) > 1
    _same([item for u in units for item in scale.read_unit(u)], list(iter_documents([str(path)])))


def test_folders_feeds_and_missing_inputs_plan_like_the_walk(tmp_path):
    inputs = [str(DATA / "ingest" / "folder"), str(DATA / "ingest" / "feed.xml"),
              str(tmp_path / "missing.txt"), str(DATA / "ingest" / "empty_folder")]
    units = [u for part in scale.plan(inputs, partition_size=2) for u in part]
    _same([item for u in units for item in scale.read_unit(u)], list(iter_documents(inputs)))


def test_dask_option_value_may_be_left_out():
    assert optional_values(["ingest", "a.txt", "--dask"]) == ["ingest", "a.txt", "--dask", "local"]
    assert optional_values(["ingest", "--dask", "a.txt"]) == ["ingest", "--dask", "local", "a.txt"]
    assert optional_values(["ingest", "--dask", "-q", "a"]) == ["ingest", "--dask", "local", "-q", "a"]
    assert optional_values(["ingest", "a", "--dask", "tcp://10.0.0.1:8786"])[-1] == "tcp://10.0.0.1:8786"
    assert optional_values(["ingest", "a", "--dask", "sched:8786"])[-1] == "sched:8786"
    assert scale.is_address("tcp://127.0.0.1:8786") and not scale.is_address("examples/")


# -- the same rows as the local pipeline ------------------------------------------------------


def _rows(analyses_and_docs):
    out: dict[str, list] = {}
    for analysis, document in analyses_and_docs:
        for table, rows in article_rows(analysis, document, now="-").items():
            out.setdefault(table, []).extend(
                {k: v for k, v in r.items() if k not in ("ingested_at", "analysis")} for r in rows)
    return out


def test_localcluster_ingest_gives_the_local_rows(tmp_path, client):
    paths = corpus_paths()
    local_db, dask_db = tmp_path / "local.db", tmp_path / "dask.db"
    with Store(local_db) as store:
        local = store.ingest(paths, AnalyzeOptions())
    summary = scale.ingest(paths, AnalyzeOptions(),
                           scale.ScaleOptions(db=str(dask_db), parquet=str(tmp_path / "pq"),
                                              partition_size=2), client=client)
    assert summary.partitions > 2, "the corpus must spread over several tasks"
    assert summary.added == local.added > 5 and summary.skipped == 0
    assert sorted(f.uri for f in summary.failures) == sorted(f.uri for f in local.failures)
    with Store(local_db) as a, Store(dask_db) as b:
        ids = sorted(r.id for r in a.articles())
        assert sorted(r.id for r in b.articles()) == ids
        for ident in ids:
            analysis = b.analysis(ident)
            assert analysis.to_dict() == a.analysis(ident).to_dict()
            assert_offsets(analysis)
        for table in ("entities", "mentions", "quotes", "claims", "events", "documents",
                      "failures"):
            assert b.count(table) == a.count(table), table
        expected = _rows((a.analysis(i), None) for i in ids)

    # the Parquet tables hold exactly the rows of the same analyses
    for table in ("articles", "entities", "quotes", "claims", "events"):
        got = scale.read_parquet(tmp_path / "pq", table).to_pylist()
        want = expected.get(table, [])
        cols = [c for c in (got[0] if got else {}) if c not in ("ingested_at", "source_outlet",
                                                                "outlet")]
        def project(rows, cols=cols):
            return sorted(json.dumps({c: r.get(c) for c in cols}, sort_keys=True) for r in rows)
        assert len(got) == len(want), table
        assert project(got) == project(want), table
    quotes = scale.read_parquet(tmp_path / "pq", "quotes").to_pylist()
    texts = {r["id"]: r["text"] for r in scale.read_parquet(tmp_path / "pq", "articles").to_pylist()}
    assert quotes and all(texts[q["article_id"]][q["span_start"]:q["span_end"]] == q["text"]
                          for q in quotes)
    assert scale.read_parquet(tmp_path / "pq", "failures").num_rows == len(local.failures)

    # a rerun stores nothing twice and rewrites the same Parquet parts
    again = scale.ingest(paths, AnalyzeOptions(),
                         scale.ScaleOptions(db=str(dask_db), parquet=str(tmp_path / "pq"),
                                            partition_size=2), client=client)
    assert again.added == 0 and again.skipped == local.added
    assert scale.read_parquet(tmp_path / "pq", "articles").num_rows == local.added
    with Store(dask_db) as b:
        assert b.count() == local.added


def _syndicated(folder: Path) -> list[str]:
    """Copies, trims and edits of two originals among unrelated articles (JSON Lines)."""
    other = paras(11)
    bodies = [body(ORIG), body(["Advertisement", *ORIG, "Comments are closed."]),
              body([ORIG[0], ORIG[3], ORIG[2], ORIG[5]]),
              body([edit(p, 2, i) for i, p in enumerate(ORIG)]), body(ORIG[:2]),
              body(other), body([edit(p, 1, 9) for p in other]), body(other),
              *[body(paras(100 + i)) for i in range(14)]]
    folder.mkdir()
    path = folder / "corpus.jsonl"
    path.write_text("".join(json.dumps({"text": b, "url": f"https://o{i % 5}.example/{i}",
                                        "date": f"2025-03-{1 + i % 9:02d}"}) + "\n"
                            for i, b in enumerate(bodies)), encoding="utf-8")
    return [str(path)]


@pytest.mark.parametrize("backend", ["datasketch", "rensa"])
def test_localcluster_dedupe_gives_the_local_groups(tmp_path, client, backend):
    db = str(tmp_path / "c.db")
    with Store(db) as store:
        store.ingest(_syndicated(tmp_path / "in"), AnalyzeOptions(stages="clean"))
        options = DedupeOptions(backend=backend)
        local = local_dedupe(store, options, save=False)
    assert len(local.groups) == 2
    remote = scale.find_duplicates_on(client, db, options, chunk=5)
    assert remote.stats["dask_partitions"] == 5
    assert remote.stats["lsh_candidates"] == local.stats["lsh_candidates"]
    assert [[(m.id, m.similarity, m.containment, m.credits) for m in g.members]
            for g in remote.groups] == [[(m.id, m.similarity, m.containment, m.credits)
                                         for m in g.members] for g in local.groups]
    saved = scale.dedupe(db, options, save=True, client=client)
    with Store(db) as store:
        assert len(store.duplicates()) == len(saved.groups) == 2


# -- story clusters on the cluster ------------------------------------------------------------


def _story_docs():
    import re

    from .test_cluster import FIRES, OTHER, RATES, STRIKES, WEWORK, docs

    stories = docs(STRIKES + WEWORK + OTHER + FIRES + RATES)
    for d in stories:  # name keys, so pairs sharing a key are proposed as well
        d.keys = frozenset(f"ent:{w.casefold()}" for w in re.findall(r"\b[A-Z][a-z]{3,}\b",
                                                                      d.text))
    return stories


def _clusters(found):
    return [(c.id, c.label, [(m.id, m.score, m.copy_of, m.outlet) for m in c.members])
            for c in found]


@pytest.mark.timeout(120)
@pytest.mark.parametrize("options", [
    {}, {"entity_weight": 0.3, "threshold": 0.2}, {"window_days": None, "verify": False}])
def test_localcluster_clusters_equal_the_local_clusters(client, options):
    from newstrace.corpus import ClusterOptions, find_clusters

    stories = _story_docs()
    copies = {"w2": "w1"}
    opts = ClusterOptions(**options)
    local = find_clusters(stories, opts, copies=copies)
    assert len(local) >= 2
    executor = scale.DaskExecutor(client, chunk=2)  # small chunks: many tasks per step
    remote = find_clusters(stories, opts, copies=copies, executor=executor)
    assert executor.tasks > 10
    assert _clusters(remote) == _clusters(local)  # exactly: ids, labels, scores


@pytest.mark.timeout(120)
def test_clusters_on_a_store_equal_cluster_stories(tmp_path, client):
    from newstrace.corpus import cluster_stories
    from newstrace.model import Analysis, Entity, Meta, Source

    def analysis(d):
        ents = [Entity(id=f"e{k}", name=w[4:].title(), type="ORG", mentions=[])
                for k, w in enumerate(sorted(d.keys))]
        return Analysis(id=(d.id * 20)[:40], source=Source(uri=d.uri, format="text"),
                        meta=Meta(headline=d.headline, published=d.published,
                                  origin_outlet=d.outlet),
                        text=d.text, stages=["clean"], entities=ents)

    db = str(tmp_path / "s.db")
    with Store(db) as store:
        store.add_many([analysis(d) for d in _story_docs()])
        local = cluster_stories(store, save=False)
    assert len(local) >= 2
    remote = scale.clusters(db, save=True, client=client, chunk=3)
    assert _clusters(remote) == _clusters(local)
    with Store(db) as store:
        assert [(c.id, c.label, list(c.members)) for c in store.clusters()] == \
            [(c.id, c.label, [m.id for m in c.members]) for c in local]


# -- claim traces on the cluster --------------------------------------------------------------


@pytest.mark.timeout(120)
def test_traces_on_the_cluster_equal_the_local_traces(tmp_path, client):
    from newstrace.corpus import trace_claim
    from newstrace.corpus.trace import TraceDoc, match_documents

    from .test_trace import CLAIMS, STORY, _plain

    db = str(tmp_path / "t.db")
    with Store(db) as store:
        store.add_many([_plain(i, *row) for i, row in enumerate(STORY)])
    queries = ["More than 20,000 Lakeview households were left without running water after a "
               "water main burst", "The Lakeview Water Authority will raise water rates"]
    for query in queries:
        with Store(db) as store:
            local = trace_claim(store, query)
        remote = scale.trace(db, query, client=client, chunk=2)
        assert local.claims and remote.to_dict() == local.to_dict()
        assert [s.score for s in remote.claims] == [s.score for s in local.claims]
    # in memory, with stored-claim mappings and a claimant, chunks of one article
    docs = [TraceDoc(id=c.article_id, text=c.text, outlet=c.outlet, published=c.published,
                     claims=[{"claim_id": c.claim_id, "span": (0, len(c.text)), "text": c.text,
                              "claimant": c.claimant, "hedges": list(c.hedges),
                              "evidence": list(c.evidence)}]) for c in CLAIMS]
    query = CLAIMS[0].text
    local = match_documents(query, docs, claimant="Trump")
    executor = scale.DaskExecutor(client, chunk=1)
    remote = match_documents(query, docs, claimant="Trump", executor=executor)
    assert executor.tasks >= 2 * len(docs)
    assert local.claims and remote.to_dict() == local.to_dict()


# -- a killed worker --------------------------------------------------------------------------


def write_articles(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:03d}.txt").write_text(
            f"Harbour works, part {i}.\n\nOfficials said on Monday that berth {i} would reopen "
            f"in {2026 + i % 5}. “We are ready,” the harbour master said. The work cost "
            f"{i * 3} thousand dollars, according to the port authority, which has not "
            "presented any evidence.\n", encoding="utf-8")


def _count(db: str) -> int:
    try:
        with Store(db) as store:
            return store.count()
    except Exception:  # noqa: BLE001 -- mid-write
        return 0


@pytest.mark.timeout(180)
def test_killed_worker_loses_and_duplicates_nothing(tmp_path, client):
    n = 48
    write_articles(tmp_path / "in", n)
    db = str(tmp_path / "k.db")
    Store(db).close()
    pids = client.run(os.getpid)
    done: dict = {}

    def run() -> None:
        try:
            done["summary"] = scale.ingest([str(tmp_path / "in")], AnalyzeOptions(),
                                           scale.ScaleOptions(db=db, partition_size=2),
                                           client=client)
        except BaseException as exc:  # noqa: BLE001 -- reported below
            done["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    deadline = time.monotonic() + 90
    while _count(db) < 4:
        assert thread.is_alive(), done
        assert time.monotonic() < deadline, "nothing stored within 90 s"
        time.sleep(0.02)
    victim = sorted(pids.values())[0]
    os.kill(victim, signal.SIGKILL)
    at_kill = _count(db)
    thread.join(timeout=150)
    assert not thread.is_alive() and "error" not in done, done
    assert at_kill < n, "the kill should land mid-run"
    with Store(db) as store, store.engine.connect() as conn:
        assert store.count() == n and store.count("documents") == n
        uris = conn.execute(text("SELECT uri, count(*) FROM articles GROUP BY uri")).all()
        assert len(uris) == n and all(c == 1 for _, c in uris)
    summary = done["summary"]
    assert summary.failed == 0 and summary.added + summary.skipped <= n
    client.wait_for_workers(2, timeout=60)  # the nanny restarted the killed worker


# -- a real scheduler and two workers started from the command line ----------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dask_command() -> list[str]:
    exe = Path(sys.executable).with_name("dask")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "dask"]


@pytest.mark.timeout(180)
def test_cli_ingest_on_a_dask_scheduler_and_two_workers(tmp_path):
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    log = open(tmp_path / "dask.log", "w")
    procs = [subprocess.Popen([*dask_command(), "scheduler", "--host", "127.0.0.1", "--port",
                               str(port), "--dashboard-address", ":0"],
                              env=env, stdout=log, stderr=log, start_new_session=True)]
    try:
        for _ in range(2):
            procs.append(subprocess.Popen(
                [*dask_command(), "worker", address, "--nworkers", "1", "--nthreads", "1",
                 "--dashboard-address", ":0", "--local-directory", str(tmp_path / "w")],
                env=env, stdout=log, stderr=log, start_new_session=True))
        with distributed.Client(address, timeout="60s") as c:
            c.wait_for_workers(2, timeout=90)
        db = tmp_path / "cli.db"
        inputs = [str(DATA / "articles"), str(DATA / "ingest" / "records.jsonl")]
        run = subprocess.run([sys.executable, "-m", "newstrace", "ingest", *inputs, "--db",
                              str(db), "--stages", "clean", "--format", "json", "--dask",
                              address], env=env, capture_output=True, text=True, timeout=150)
        assert run.returncode == 0, run.stderr + open(tmp_path / "dask.log").read()[-3000:]
        summary = json.loads(run.stdout)
        assert f"dask: {address}" in run.stderr
        # the dashboard link (bokeh is in the dask extra): printed before the run, and in the
        # summary
        link = summary["dashboard"]
        assert link.startswith("http://") and link.endswith("/status")
        assert f"dashboard {link}" in run.stderr
        with Store(db) as store:
            local = [d for d in iter_documents(inputs)]
            assert summary["added"] == store.count() == store.count("documents") == len(local)
        # story clusters and a claim trace on the same scheduler: the JSON of the commands
        # without --dask (their Python twins, run here)
        from newstrace.corpus import ClusterOptions, cluster_stories, trace_claim

        with Store(db) as store:
            query = next(iter(store.articles())).text.split(". ")[0][:200]
            local_clusters = cluster_stories(store, ClusterOptions(window_days=3650), save=False)
            local_trace = trace_claim(store, query)
        runs = [subprocess.run([sys.executable, "-m", "newstrace", *args, "--db", str(db),
                                "--format", "json", "--dask", address], env=env,
                               capture_output=True, text=True, timeout=150)
                for args in (["clusters", "--window-days", "3650"], ["trace", query])]
        assert all(r.returncode == 0 for r in runs), runs[0].stderr + runs[1].stderr
        clusters, trace = (json.loads(r.stdout) for r in runs)
        assert clusters["clusters"] and clusters == {
            "clusters": [c.to_dict() for c in local_clusters]}
        assert trace["claims"] and trace == local_trace.to_dict()
    finally:
        for p in reversed(procs):
            os.killpg(p.pid, signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait(timeout=10)
        log.close()


def test_an_address_where_no_scheduler_answers_is_one_line_naming_it(tmp_path):
    # Every --dask command connects through scale.connect; distributed retries a refused
    # port until its 30 s timeout, so one command is checked here.
    import newstrace

    address = f"tcp://127.0.0.1:{free_port()}"
    db = tmp_path / "n.db"
    (tmp_path / "a.txt").write_text("The council met on Monday. " * 5, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(newstrace.__file__).parents[1])}
    assert subprocess.run([sys.executable, "-m", "newstrace", "ingest", str(tmp_path / "a.txt"),
                           "--db", str(db), "--stages", "clean"], env=env).returncode == 0
    done = subprocess.run([sys.executable, "-m", "newstrace", "clusters", "--db", str(db),
                           "--dask", address], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 1
    assert f"[NT070] {address}: no Dask scheduler answers" in done.stderr
    assert "Traceback" not in done.stderr and "NT099" not in done.stderr
