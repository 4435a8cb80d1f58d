"""The corpus store: one SQLAlchemy Core schema for SQLite (default file `newstrace.db`,
FTS5) and PostgreSQL (`postgresql://…`), migrated with Alembic when opened.

    store = Store("newstrace.db")          # or Store("postgresql://user@host/db")
    store.add_many([analysis, ...])        # one transaction per batch; idempotent
    for rec in store.articles(): ...       # light ArticleRecords, streamed
    store.analysis(article_id)             # the full Analysis back
    for claim in store.claims(): ...       # ClaimRecords with outlet and date
    store.replace_duplicates(groups); store.replace_clusters(clusters)
    store.search("drug boats", kind="claim", evidence="unsupported")
"""

from .db import DEFAULT_DB, normalize_url
from .records import ArticleRecord, ClaimRecord, Cluster, DuplicateGroup, FailureRecord, SearchHit
from .search import SearchFilters
from .store import Store, document_hash

__all__ = [
    "DEFAULT_DB",
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
