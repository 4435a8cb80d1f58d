"""Corpus steps over stored articles: syndication and near-duplicates (`dedupe`), story
clusters (`cluster`) and claim tracing across outlets (`trace`).

The algorithms are pure functions over plain records (`find_duplicates`, `find_clusters`,
`match_claims`); the store-backed functions read a `newstrace.store.Store` and write results
back (`dedupe`, `cluster_stories`, `trace_claim`).
"""

from .cluster import (
    ClusterMember,
    ClusterOptions,
    StoryCluster,
    cluster_stories,
    find_clusters,
    stored_story,
)
from .dedupe import DedupeOptions, DedupeResult, DuplicateGroup, Member, dedupe, find_duplicates
from .records import ClaimRecord, DocRecord
from .trace import Trace, TraceOptions, TraceStep, match_claims, match_documents, trace_claim

__all__ = [
    "ClaimRecord",
    "ClusterMember",
    "ClusterOptions",
    "DedupeOptions",
    "DedupeResult",
    "DocRecord",
    "DuplicateGroup",
    "Member",
    "StoryCluster",
    "Trace",
    "TraceOptions",
    "TraceStep",
    "cluster_stories",
    "dedupe",
    "find_clusters",
    "find_duplicates",
    "match_claims",
    "match_documents",
    "stored_story",
    "trace_claim",
]
