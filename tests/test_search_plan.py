"""Search uses the full-text indexes, not a scan of every row: the query plan of each kind of
search, on SQLite (FTS5 virtual tables) and PostgreSQL (GIN expression indexes)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from newstrace.store import SearchFilters, Store
from newstrace.store.search import KINDS, _statement

from .store_factory import make_analysis


@pytest.fixture
def store(db_url):
    with Store(db_url) as s:
        s.add_many([make_analysis(i) for i in range(3)])
        yield s


def _plan(store: Store, kind: str) -> str:
    stmt = _statement(store.dialect, kind, '"drug boats" navy', SearchFilters(), 10)
    sql = str(stmt.compile(store.engine, compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as conn:
        if store.dialect == "sqlite":
            rows = conn.execute(text("EXPLAIN QUERY PLAN " + sql)).all()
            return "\n".join(str(r[-1]) for r in rows)
        conn.execute(text("SET enable_seqscan = off"))  # a tiny table is otherwise scanned
        return "\n".join(r[0] for r in conn.execute(text("EXPLAIN " + sql)))


@pytest.mark.parametrize("kind", KINDS)
def test_search_plan_uses_the_full_text_index(store, kind):
    plan = _plan(store, kind)
    table = {"article": "articles", "quote": "quotes", "claim": "claims"}[kind]
    if store.dialect == "sqlite":
        assert f"{table}_fts VIRTUAL TABLE INDEX" in plan, plan
    else:
        assert f"ix_{table}_fts" in plan and "Seq Scan on " + table not in plan, plan
    if kind != "article":  # the join to its article goes through the article's key
        assert ("SCAN articles" not in plan) if store.dialect == "sqlite" else True, plan
