"""The store on SQLite and on a real PostgreSQL server (same tests, `db_url` fixture)."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select, text

import newstrace
from newstrace import Failure, StoreError
from newstrace.model import Document, Source
from newstrace.store import Cluster, DuplicateGroup, Store, document_hash, normalize_url
from newstrace.store import schema as t

from .conftest import assert_offsets
from .store_factory import make_analysis

# (table, text column, start column, end column) for every stored span with its own text
SPANS = [
    ("mentions", "text", "span_start", "span_end"),
    ("quotes", "text", "span_start", "span_end"),
    ("quotes", "cue_text", "cue_start", "cue_end"),
    ("reported_speech", "text", "span_start", "span_end"),
    ("reported_speech", "cue_text", "cue_start", "cue_end"),
    ("claims", "text", "span_start", "span_end"),
    ("claims", "claimant_name", "claimant_start", "claimant_end"),
    ("claim_hedges", "text", "span_start", "span_end"),
    ("claim_sources", "name", "span_start", "span_end"),
    ("claim_evidence", "cue_text", "cue_start", "cue_end"),
    ("events", "text", "span_start", "span_end"),
    ("events", "trigger_text", "trigger_start", "trigger_end"),
    ("dates", "text", "span_start", "span_end"),
]


@pytest.fixture
def store(db_url):
    with Store(db_url) as s:
        yield s


def _doc(n: int) -> Document:
    return Document(source=Source(uri=f"corpus/article-{n}.html", format="html"),
                    content=f"<p>raw {n}</p>", outlet="Caribbean News Global")


def test_round_trip_is_exact_and_idempotent(store):
    analyses = [make_analysis(i) for i in range(3)]
    assert store.add_many([(a, _doc(i)) for i, a in enumerate(analyses)]) == 3
    assert store.add_many(analyses) == 0
    assert store.add(analyses[0]) is False
    assert store.count() == 3
    assert store.count("quotes") == 6 and store.count("claims") == 3
    assert store.count("mentions") == 12 and store.count("documents") == 3
    for a in analyses:
        back = store.analysis(a.id)
        assert back == a
        assert back.to_json() == a.to_json()
        assert_offsets(back)


def test_every_stored_span_points_at_its_text_in_sql(store):
    analyses = [make_analysis(i, speaker=name) for i, name in
                enumerate(["Stephen Miller", "Delcy Rodríguez", "Marco Rubio"])]
    store.add_many(analyses)
    checked = 0
    with store.engine.connect() as conn:
        for table, col, start, end in SPANS:
            rows = conn.execute(text(
                f"SELECT a.text AS body, x.{col} AS item, x.{start} AS s, x.{end} AS e "
                f"FROM {table} x JOIN articles a ON a.id = x.article_id "
                f"WHERE x.{start} IS NOT NULL")).all()
            assert rows, table
            for r in rows:
                assert r.body[r.s:r.e] == r.item, (table, col, r.item)
                checked += 1
    assert checked > 40


def test_real_pipeline_analysis_round_trips(store, example_analysis):
    store.add(example_analysis)
    back = store.analysis(example_analysis.id)
    assert back == example_analysis
    assert_offsets(back)
    with store.engine.connect() as conn:
        for r in conn.execute(select(t.mentions.c.text, t.mentions.c.span_start,
                                     t.mentions.c.span_end)):
            assert example_analysis.text[r.span_start:r.span_end] == r.text


def test_articles_are_light_records_with_outlet(store):
    a = make_analysis(1, outlet="Venezuelanalysis", published="2025-09-10")
    b = make_analysis(2, outlet=None, published="2025-09-12")  # falls back on the source outlet
    store.add_many([(a, _doc(1)), (b, _doc(2))])
    records = list(store.articles())
    assert [r.id for r in records] == [a.id, b.id]
    ra, rb = records
    assert ra.outlet == "Venezuelanalysis" and ra.source_outlet == "Caribbean News Global"
    assert rb.outlet == "Caribbean News Global" and rb.origin_outlet is None
    assert ra.republished_by == ("MENAFN",)
    assert ra.published == "2025-09-10" and ra.headline == "Strikes near Caracas 1"
    assert ra.text == a.text and ra.url == "https://example.org/1"
    assert [r.id for r in store.articles(ids=[b.id])] == [b.id]
    assert store.article(a.id).uri == "corpus/article-1.html"
    with pytest.raises(StoreError, match="no article with id 'nope'"):
        store.analysis("nope")


def test_articles_stream_past_one_chunk(store, monkeypatch):
    import newstrace.store.store as module

    monkeypatch.setattr(module, "CHUNK", 2)
    analyses = [make_analysis(i) for i in range(5)]
    store.add_many(analyses)
    assert [r.id for r in store.articles()] == [a.id for a in analyses]
    assert len(list(store.claims())) == 5
    assert [a.id for a in store.analyses()] == [a.id for a in analyses]


def test_claims_carry_hedges_evidence_outlet_and_date(store):
    a = make_analysis(1, outlet="Venezuelanalysis", published="2025-09-10")
    b = make_analysis(2, outlet="MENAFN", published="2025-09-11", boats="drug boats",
                      evidence="supported")
    store.add_many([a, b])
    claims = list(store.claims())
    assert [c.text for c in claims] == ["US forces struck alleged drug boats near Caracas",
                                        "US forces struck drug boats near Caracas"]
    c1 = claims[0]
    assert c1.ref == f"{a.id}/c1" and c1.claim_id == "c1" and c1.article_id == a.id
    assert c1.claimant == "Officials" and c1.claimant_entity is None
    assert c1.hedges == ("reportedly",) and c1.sources == ("The Guardian",)
    assert c1.evidence == ("unsupported", "reported")
    assert c1.evidence_cues == ("have not presented any evidence",)
    assert (c1.outlet, c1.published) == ("Venezuelanalysis", "2025-09-10")
    assert a.text[c1.span[0]:c1.span[1]] == c1.text
    assert claims[1].evidence == ("supported", "reported") and claims[1].outlet == "MENAFN"
    assert [c.article_id for c in store.claims(article_ids=[b.id])] == [b.id]


def test_duplicates_and_clusters_are_replaced(store):
    ids = [make_analysis(i).id for i in range(4)]
    store.add_many([make_analysis(i) for i in range(4)])
    assert store.replace_duplicates([DuplicateGroup(origin=ids[1], members=(ids[0], ids[1]),
                                                    similarity={ids[0]: 0.93})]) == 1
    assert store.duplicates() == [DuplicateGroup(origin=ids[1], members=(ids[1], ids[0]),
                                                 similarity={ids[0]: 0.93})]
    store.replace_duplicates([{"origin": ids[2], "members": [{"id": ids[2]}, {"id": ids[3]}]}])
    assert [g.members for g in store.duplicates()] == [(ids[2], ids[3])]
    assert store.count("duplicates") == 2
    store.replace_clusters([Cluster(id=7, members=(ids[0], ids[2]), label="strikes"),
                            [ids[1], ids[3]]])
    clusters = store.clusters()
    assert [(c.id, c.members, c.label) for c in clusters] == [
        (2, (ids[1], ids[3]), None), (7, (ids[0], ids[2]), "strikes")]
    store.replace_clusters([])
    assert store.count("clusters") == 0


def test_failures_are_recorded_once(store):
    f = Failure(uri="bad.warc.gz", code="NT007", message="[NT007] bad.warc.gz: truncated")
    store.add_failure(f)
    store.add_failure(f)
    [rec] = store.failures()
    assert (rec.uri, rec.code, rec.message) == (f.uri, f.code, f.message) and rec.time


def test_known_documents_by_hash(store):
    a = make_analysis(1)
    store.add(a, _doc(1))
    assert store.known_documents([document_hash(_doc(1)), document_hash(_doc(2))]) == {
        document_hash(_doc(1))}
    assert store.has_article(a.id) and not store.has_article("0" * 40)


def test_reopening_keeps_data_and_schema_matches_migrations(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with Store(db_url) as s:
        s.add(make_analysis(1))
    with Store(db_url) as s:  # migrations run again: nothing to do, nothing lost
        assert s.count() == 1
        with s.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"include_name": t.include_name})
            diff = compare_metadata(ctx, t.metadata)
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        assert diff == []
        assert version == "0002"


def test_count_of_unknown_table(store):
    with pytest.raises(StoreError, match="no table 'nope'"):
        store.count("nope")


def test_open_corpus_is_the_store(tmp_path):
    with newstrace.open_corpus(tmp_path / "c.db") as s:
        assert isinstance(s, Store) and s.dialect == "sqlite"


def test_url_normalisation():
    assert normalize_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("x/newstrace.db") == "sqlite:///x/newstrace.db"
    assert normalize_url(None) == "sqlite:///newstrace.db"
    assert normalize_url("sqlite:///:memory:") == "sqlite:///:memory:"


def test_unopenable_database_names_it(tmp_path):
    with pytest.raises(StoreError, match="NT030.*does not exist"):
        Store(tmp_path / "missing" / "x.db")
    with pytest.raises(StoreError, match="NT030.*nosuchhost"):
        Store("postgresql://u@nosuchhost.invalid:1/db")


def test_sqlite_file_is_ready_for_datasette(tmp_path):
    path = tmp_path / "newstrace.db"
    Store(path).add(make_analysis(1))
    conn = sqlite3.connect(path)
    fks = {(r[2], r[3], r[4]) for r in conn.execute("PRAGMA foreign_key_list(quotes)")}
    assert ("articles", "article_id", "id") in fks
    fks = {(r[2], r[3], r[4]) for r in conn.execute("PRAGMA foreign_key_list(claim_hedges)")}
    assert ("claims", "claim", "id") in fks
    sql = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE name LIKE '%_fts'"))
    assert set(sql) == {"articles_fts", "quotes_fts", "claims_fts"}
    assert "content=[articles]" in sql["articles_fts"]
    from datasette.utils import detect_fts

    assert detect_fts(conn, "articles") == "articles_fts"
    assert detect_fts(conn, "quotes") == "quotes_fts"
    assert detect_fts(conn, "claims") == "claims_fts"
    # the external-content index really holds the rows
    assert conn.execute("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'boats'"
                        ).fetchone()[0] == 1


def test_concurrent_opens_of_a_new_database_migrate_once(db_url):
    from concurrent.futures import ThreadPoolExecutor

    def open_and_write(i: int) -> int:
        with Store(db_url) as s:
            return s.add_many([make_analysis(i)])

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(open_and_write, range(4))) == [1, 1, 1, 1]
    with Store(db_url) as s:
        assert s.count() == 4


def test_datasette_metadata_describes_every_table():
    import json
    from pathlib import Path

    meta = json.loads((Path(__file__).resolve().parents[1] / "docs" / "datasette.json").read_text())
    assert set(meta["databases"]["newstrace"]["tables"]) == set(t.metadata.tables)


def test_missing_postgres_fails_under_ci_and_skips_elsewhere(monkeypatch):
    from .postgres import _absent

    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="scripts/system-deps.sh"):
        _absent("initdb/pg_ctl not found")
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception, match="skipped: initdb/pg_ctl not found"):
        _absent("initdb/pg_ctl not found")


def test_first_openings_of_one_new_sqlite_file_race_without_a_locked_error(tmp_path):
    # Four connections switch one new file to WAL at the same moment: SQLite answers the
    # losers "database is locked" at once, without its busy handler; they must retry.
    import threading

    from newstrace.store.db import create_engine_for

    for round_ in range(20):
        db = tmp_path / f"race{round_}.db"
        errors: list[Exception] = []
        barrier = threading.Barrier(4)

        def open_it() -> None:
            engine = create_engine_for(db)
            barrier.wait()
            try:
                with engine.connect() as conn:
                    conn.exec_driver_sql("SELECT 1")
            except Exception as exc:
                errors.append(exc)
            finally:
                engine.dispose()

        threads = [threading.Thread(target=open_it) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors, errors
        assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
