"""The corpus schema (SQLAlchemy Core), one definition for SQLite and PostgreSQL.

Every span is stored as a pair of integer columns `<x>_start`/`<x>_end` into `articles.text`
(the cleaned body), so `text[start:end]` is exactly the stored item's text. Child tables point
at `articles.id` (the stable sha1 of `pipeline.article_id`) with `ON DELETE CASCADE`.

Changing this file means adding an Alembic revision under `store/migrations/versions/`.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


def _article_fk(nullable: bool = False) -> Column:
    return Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"),
                  nullable=nullable, index=True)


def _span(prefix: str, nullable: bool = False) -> list[Column]:
    return [Column(f"{prefix}_start", Integer, nullable=nullable),
            Column(f"{prefix}_end", Integer, nullable=nullable)]


def _agent(prefix: str) -> list[Column]:
    """An AgentRef: canonical entity id (e1…) or None for an unnamed source, name, span."""
    return [Column(f"{prefix}_entity", String(32)), Column(f"{prefix}_name", Text),
            *_span(prefix, nullable=True)]


articles = Table(
    "articles", metadata,
    # integer key for the FTS5 external-content index (content_rowid must be an integer column)
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String(40), nullable=False, unique=True),
    Column("uri", Text, nullable=False),
    Column("record_id", Text),
    Column("format", String(16), nullable=False),
    Column("url", Text),
    Column("headline", Text),
    Column("dek", Text),
    Column("authors", Text, nullable=False, default="[]"),  # JSON list
    Column("published", String(32), index=True),  # ISO date, as precise as known
    Column("dateline", Text),
    Column("origin_outlet", Text),
    Column("source_outlet", Text),  # the outlet the container named (feed, JSONL, WARC host)
    Column("outlet", Text, index=True),  # origin_outlet or source_outlet
    Column("republished_by", Text, nullable=False, default="[]"),  # JSON list
    Column("language", String(16)),
    Column("stages", Text, nullable=False),  # comma-separated
    Column("text", Text, nullable=False),
    Column("analysis", Text, nullable=False),  # the full Analysis JSON, rebuilt exactly
    Column("ingested_at", String(32), nullable=False),
)

documents = Table(
    "documents", metadata,
    # sha1 of (uri, record_id, content): lets a rerun skip inputs before analysing them
    Column("hash", String(40), primary_key=True),
    Column("uri", Text, nullable=False),
    Column("record_id", Text),
    Column("format", String(16), nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("date", String(32)),
    Column("outlet", Text),
    Column("encoding", String(32)),
    _article_fk(nullable=True),
    Column("ingested_at", String(32), nullable=False),
)

entities = Table(
    "entities", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("entity_id", String(32), nullable=False),  # e1, e2… within the article
    Column("name", Text, nullable=False),
    Column("type", String(32), nullable=False),
    Column("aliases", Text, nullable=False, default="[]"),  # JSON list
    Column("roles", Text, nullable=False, default="[]"),  # JSON list
    Index("ix_entities_name", "name"),
)

mentions = Table(
    "mentions", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("entity_id", String(32), nullable=False),
    *_span("span"),
    Column("text", Text, nullable=False),
)

quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("position", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("text", Text, nullable=False),
    *_span("span"),
    *_agent("speaker"),
    Column("cue_text", Text),
    *_span("cue", nullable=True),
    Index("ix_quotes_speaker_name", "speaker_name"),
)

reported_speech = Table(
    "reported_speech", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    *_span("span"),
    *_agent("speaker"),
    Column("cue_text", Text),
    *_span("cue", nullable=True),
)

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("claim_id", String(32), nullable=False),  # c1, c2… within the article
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    *_span("span"),
    *_agent("claimant"),
    Column("evidence", Text, nullable=False, default=""),  # comma-separated labels
    Index("ix_claims_claimant_name", "claimant_name"),
)

claim_sources = Table(
    "claim_sources", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("claim", Integer, ForeignKey("claims.id", ondelete="CASCADE"), nullable=False,
           index=True),
    _article_fk(),
    Column("name", Text, nullable=False),
    *_span("span"),
)

claim_hedges = Table(
    "claim_hedges", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("claim", Integer, ForeignKey("claims.id", ondelete="CASCADE"), nullable=False,
           index=True),
    _article_fk(),
    Column("text", Text, nullable=False),
    *_span("span"),
)

claim_evidence = Table(
    "claim_evidence", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("claim", Integer, ForeignKey("claims.id", ondelete="CASCADE"), nullable=False,
           index=True),
    _article_fk(),
    Column("label", String(16)),  # a label, or NULL for a cue without one
    Column("cue_text", Text),  # NULL for a label without a cue
    *_span("cue", nullable=True),
    Index("ix_claim_evidence_label", "label"),
)

events = Table(
    "events", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("position", Integer, nullable=False),
    Column("type", String(32), nullable=False, index=True),
    Column("mode", String(32), nullable=False, default=""),
    Column("status", String(32), nullable=False),
    Column("text", Text, nullable=False),
    *_span("span"),
    Column("trigger_text", Text, nullable=False),
    *_span("trigger"),
    *_agent("actor"),
    *_agent("target"),
    Column("when", String(32)),
    Column("quantities", Text, nullable=False, default="{}"),  # JSON object
)

dates = Table(
    "dates", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("text", Text, nullable=False),
    *_span("span"),
    Column("value", String(32)),
    Column("precision", String(16), nullable=False),
)

duplicates = Table(
    "duplicates", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("group_id", Integer, nullable=False, index=True),
    _article_fk(),
    Column("origin_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False),
    Column("position", Integer, nullable=False),  # 0 = origin, then the republication chain
    Column("is_origin", Boolean, nullable=False),
    Column("similarity", Float),  # to the origin, when known
)

clusters = Table(
    "clusters", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("cluster_id", Integer, nullable=False, index=True),
    _article_fk(),
    Column("label", Text),
    Column("score", Float),
)

failures = Table(
    "failures", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("uri", Text, nullable=False),
    Column("code", String(8), nullable=False),
    Column("message", Text, nullable=False),
    Column("time", String(32), nullable=False),
)

# Child tables written with each article, in dependency order (for inserts; delete reversed).
ARTICLE_TABLES = (entities, mentions, quotes, reported_speech, claims, claim_sources,
                  claim_hedges, claim_evidence, events, dates)

# Full-text indexes: table → (indexed columns). SQLite: FTS5 external-content tables named
# `<table>_fts` (the form Datasette detects), kept in sync by triggers. PostgreSQL: GIN
# indexes on to_tsvector('english', …).
FTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "articles": ("pk", ("headline", "text")),
    "quotes": ("id", ("text", "speaker_name")),
    "claims": ("id", ("text", "claimant_name")),
}


def include_name(name: str | None, type_: str, _parent_names: dict) -> bool:
    """Alembic autogenerate filter: the full-text objects (FTS5 tables and their shadow
    tables, PostgreSQL GIN indexes) are managed by hand in revision 0002."""
    return not (name and "_fts" in name)
