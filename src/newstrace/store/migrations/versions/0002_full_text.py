"""full-text indexes: SQLite FTS5 tables (`<table>_fts`, the form Datasette detects) kept in
sync by triggers; PostgreSQL GIN indexes on to_tsvector('english', …).

The PostgreSQL expressions must stay identical to `newstrace.store.search.PG_DOCUMENT`
so that queries use the indexes.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# table → (integer key, indexed columns); frozen here, independent of later schema edits
FTS = {
    "articles": ("pk", ("headline", "text")),
    "quotes": ("id", ("text", "speaker_name")),
    "claims": ("id", ("text", "claimant_name")),
}
PG_DOCUMENT = {
    "articles": "to_tsvector('english'::regconfig, coalesce(headline, '') || ' ' || text)",
    "quotes": "to_tsvector('english'::regconfig, text)",
    "claims": "to_tsvector('english'::regconfig, text)",
}


def _sqlite_upgrade() -> None:
    for table, (key, cols) in FTS.items():
        fts = f"{table}_fts"
        col_list = ", ".join(f"[{c}]" for c in cols)
        new_vals = ", ".join(f"new.[{c}]" for c in cols)
        old_vals = ", ".join(f"old.[{c}]" for c in cols)
        op.execute(f"CREATE VIRTUAL TABLE [{fts}] USING FTS5 ({col_list}, "
                   f"content=[{table}], content_rowid=[{key}], tokenize='porter unicode61')")
        op.execute(f"CREATE TRIGGER [{table}_ai] AFTER INSERT ON [{table}] BEGIN "
                   f"INSERT INTO [{fts}] (rowid, {col_list}) VALUES (new.[{key}], {new_vals}); END")
        op.execute(f"CREATE TRIGGER [{table}_ad] AFTER DELETE ON [{table}] BEGIN "
                   f"INSERT INTO [{fts}] ([{fts}], rowid, {col_list}) "
                   f"VALUES ('delete', old.[{key}], {old_vals}); END")
        op.execute(f"CREATE TRIGGER [{table}_au] AFTER UPDATE ON [{table}] BEGIN "
                   f"INSERT INTO [{fts}] ([{fts}], rowid, {col_list}) "
                   f"VALUES ('delete', old.[{key}], {old_vals}); "
                   f"INSERT INTO [{fts}] (rowid, {col_list}) VALUES (new.[{key}], {new_vals}); END")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_upgrade()
    elif op.get_bind().dialect.name == "postgresql":
        for table, expr in PG_DOCUMENT.items():
            op.execute(f"CREATE INDEX ix_{table}_fts ON {table} USING GIN (({expr}))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in FTS:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS [{table}_{suffix}]")
            op.execute(f"DROP TABLE IF EXISTS [{table}_fts]")
    elif op.get_bind().dialect.name == "postgresql":
        for table in PG_DOCUMENT:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_fts")
