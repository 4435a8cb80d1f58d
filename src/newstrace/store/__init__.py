"""The corpus store: one SQLAlchemy Core schema for SQLite (default file `newstrace.db`,
FTS5) and PostgreSQL (`postgresql://…`), migrated with Alembic when opened.

    store = Store("newstrace.db")          # or Store("postgresql://user@host/db")
    store.add_many([analysis, ...])        # one transaction per batch; idempotent
    for rec in store.articles(): ...       # light ArticleRecords, streamed
    store.analysis(article_id)             # the full Analysis back
    for claim in store.claims(): ...       # ClaimRecords with outlet and date
    store.replace_duplicates(groups); store.replace_clusters(clusters)
    store.search("drug boats", kind="claim", evidence="unsupported")
    store.list_articles(outlet="Reuters", offset=0, limit=20)   # filtered, newest first
"""

from .db import DEFAULT_DB, normalize_url
from .records import (
    ArticlePage,
    ArticleRecord,
    ClaimRecord,
    Cluster,
    DuplicateGroup,
    FailureRecord,
    SearchHit,
)
from .search import SearchFilters
from .store import Store, document_hash

__all__ = [
    "DEFAULT_DB",
    "ArticlePage",
    "ArticleRecord",
    "ClaimRecord",
    "Cluster",
    "DuplicateGroup",
    "FailureRecord",
    "SearchFilters",
    "SearchHit",
    "Store",
    "document_hash",
    "normalize_url",
]
