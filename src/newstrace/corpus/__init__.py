"""Corpus steps over stored articles: syndication and near-duplicates (`dedupe`), story
clusters (`cluster`) and claim tracing across outlets (`trace`).

The algorithms are pure functions over plain records (`find_duplicates`, `find_clusters`,
`match_claims`); the store-backed functions read a `newstrace.store.Store` and write results
back (`dedupe`, `cluster_stories`, `trace_claim`).
"""

from .dedupe import DedupeOptions, DedupeResult, DuplicateGroup, Member, dedupe, find_duplicates
from .records import ClaimRecord, DocRecord

__all__ = [
    "ClaimRecord",
    "DedupeOptions",
    "DedupeResult",
    "DocRecord",
    "DuplicateGroup",
    "Member",
    "dedupe",
    "find_duplicates",
]
