"""Full-text search with filters, on SQLite FTS5 and PostgreSQL full-text (same tests)."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace import StoreError
from newstrace.store import SearchFilters, Store
from newstrace.store.search import fts5_query, parse_query, websearch_query

from .store_factory import make_analysis


@pytest.fixture
def corpus(db_url):
    articles = [
        make_analysis(1, outlet="Venezuelanalysis", published="2025-09-10",
                      speaker="Stephen Miller", boats="alleged drug boats", evidence="unsupported"),
        make_analysis(2, outlet="MENAFN", published="2025-09-12", speaker="Marco Rubio",
                      boats="drug boats", evidence="supported", event_type="COERCE"),
        make_analysis(3, outlet="The Guardian", published="2025-10-01", speaker="Delcy Rodríguez",
                      boats="fishing vessels", evidence="contested"),
    ]
    with Store(db_url) as store:
        store.add_many(articles)
        yield store, articles


def _check_spans(store, hits):
    for h in hits:
        body = store.article(h.article_id).text
        assert body[h.span[0]:h.span[1]] == h.text


def test_search_all_kinds_with_offsets(corpus):
    store, (a1, a2, a3) = corpus
    hits = store.search("drug boats")
    kinds = {(h.kind, h.article_id) for h in hits}
    assert ("claim", a1.id) in kinds and ("claim", a2.id) in kinds
    assert ("article", a1.id) in kinds and ("article", a2.id) in kinds
    assert not any(h.article_id == a3.id for h in hits)
    _check_spans(store, hits)
    claim = next(h for h in hits if h.kind == "claim" and h.article_id == a2.id)
    assert claim.text == "US forces struck drug boats near Caracas"
    assert claim.speaker == "Officials" and claim.outlet == "MENAFN"
    assert claim.evidence == ("supported", "reported") and claim.published == "2025-09-12"


def test_stemming_and_quotes(corpus):
    store, (a1, *_ ) = corpus
    hits = store.search("acting", kind="quote")  # "act" in the quote, stemmed on both backends
    assert {h.text for h in hits} == {"We will act,"}
    assert {h.speaker for h in hits} == {"Stephen Miller", "Marco Rubio", "Delcy Rodríguez"}
    _check_spans(store, hits)


def test_filters(corpus):
    store, (a1, a2, a3) = corpus

    def ids(**kw):
        return {h.article_id for h in store.search("caracas", **kw)}

    assert ids() == {a1.id, a2.id, a3.id}
    assert ids(kind="quote") == set()  # no quote mentions Caracas
    assert ids(kind="claim", speaker="officials") == {a1.id, a2.id, a3.id}
    assert ids(speaker="rubio") == {a2.id}  # articles with a quote by Rubio
    assert ids(outlet="menafn") == {a2.id}
    assert ids(outlet="guardian") == {a3.id}
    assert ids(since="2025-09-11") == {a2.id, a3.id}
    assert ids(until="2025-09") == {a1.id, a2.id}  # the whole of September
    assert ids(since="2025-09-11", until="2025-09-30") == {a2.id}
    assert ids(kind="claim", evidence="unsupported") == {a1.id}
    assert ids(evidence="contested") == {a3.id}
    assert ids(event_type="coerce") == {a2.id}
    assert ids(event_type="ASSAULT", kind="claim") == {a1.id, a3.id}


def test_query_syntax(corpus):
    store, (a1, a2, a3) = corpus

    def ids(q):
        return {h.article_id for h in store.search(q, kind="claim")}

    assert ids('"alleged drug boats"') == {a1.id}
    assert ids("fishing or alleged") == {a1.id, a3.id}
    assert ids("boats -alleged") == {a2.id}
    assert ids('caracas "drug-boats"') == {a1.id, a2.id}  # punctuation in a phrase is harmless


def test_filters_object_and_errors(corpus):
    store, (a1, *_) = corpus
    hits = store.search("alleged", SearchFilters(kind="claim", outlet="venezuelanalysis"))
    assert [h.article_id for h in hits] == [a1.id]
    with pytest.raises(StoreError, match="no words"):
        store.search("  -- ")
    with pytest.raises(StoreError, match="unknown kind 'tweet'"):
        store.search("boats", kind="tweet")
    assert len(store.search("caracas", limit=2)) == 2


def test_hits_serialise(corpus):
    store, _ = corpus
    [hit] = store.search('"alleged drug boats"', kind="claim")
    d = hit.to_dict()
    assert d["kind"] == "claim" and d["span"] == list(hit.span) and d["outlet"] == "Venezuelanalysis"


def test_parse_query():
    assert parse_query('boats "drug boats" or fishing -alleged') == (
        [["boats", "drug boats"], ["fishing"]], ["alleged"])
    assert fts5_query("a OR b") == '("a") OR ("b")'
    assert fts5_query("") == ""
    assert websearch_query('caracas "drug-boats" OR x -"it\'s"') == 'caracas "drug boats" or x -"it s"'


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_any_query_is_valid_fts5(query):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE f USING fts5(t, tokenize='porter unicode61')")
    conn.execute("INSERT INTO f VALUES ('alleged drug boats near Caracas')")
    expr = fts5_query(query)
    if expr:
        conn.execute("SELECT count(*) FROM f WHERE f MATCH ?", (expr,)).fetchone()


@pytest.mark.postgres
def test_postgres_search_uses_the_gin_indexes(pg_url):
    """The query expressions must match the indexed ones (migration 0002) exactly."""
    from newstrace.store.search import _statement

    with Store(pg_url) as store:
        store.add_many([make_analysis(i) for i in range(3)])
        with store.engine.connect() as conn:
            conn.exec_driver_sql("SET enable_seqscan = off")
            for kind, table in (("article", "articles"), ("quote", "quotes"), ("claim", "claims")):
                stmt = _statement("postgresql", kind, "drug boats", SearchFilters(), 10)
                sql = str(stmt.compile(dialect=store.engine.dialect,
                                       compile_kwargs={"literal_binds": True}))
                plan = "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + sql))
                assert f"ix_{table}_fts" in plan, plan
