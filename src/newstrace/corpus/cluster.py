"""Story clusters: articles on the same story that are not copies of each other.

Two articles are linked when they were published within `window_days` of each other and their
similarity reaches `threshold`; the similarity mixes the TF-IDF cosine of their vocabulary
with the Jaccard overlap of their keys (entity names, event types with their targets) when
both have an analysis. Clusters are the connected components of the links, split by
average-linkage clustering where a component is a chain rather than a story. Copies (the
duplicate groups of `dedupe`) are clustered once, through their origin, and follow it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from .records import as_doc_record, date_key, record_outlet


@dataclass(frozen=True)
class ClusterOptions:
    """window_days: the largest gap in publication dates inside one link (None: no window).
    threshold: the similarity a link needs. entity_weight: the share of key (entity/event)
    overlap in the similarity when both articles have keys. max_df: terms in more than this
    share of the articles carry no story signal. min_size: the smallest cluster reported.
    max_key_docs: a key (entity) carried by more articles than this proposes no pairs by
    itself (pairs still need vocabulary)."""

    window_days: int | None = 3
    threshold: float = 0.2
    entity_weight: float = 0.3
    max_df: float = 0.5
    min_size: int = 2
    max_key_docs: int = 200


@dataclass
class StoryDoc:
    """What clustering needs of one article."""

    id: str
    uri: str = ""
    outlet: str | None = None
    published: str | None = None
    text: str = ""
    headline: str | None = None
    keys: frozenset[str] = frozenset()


@dataclass
class ClusterMember:
    id: str
    uri: str
    outlet: str | None
    published: str | None
    score: float  # mean similarity to the cluster's other stories (a copy: its origin's)
    copy_of: str | None = None  # the origin, when this member is a copy

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "uri": self.uri, "outlet": self.outlet,
                "published": self.published, "score": round(self.score, 4),
                "copy_of": self.copy_of}


@dataclass
class StoryCluster:
    id: int
    label: str
    members: list[ClusterMember] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label,
                "members": [m.to_dict() for m in self.members]}


def _day(published: str | None) -> int | None:
    """Days since 0001-01-01 for an ISO date as precise as known (a month counts from its
    first day, a year from 1 January)."""
    if not published:
        return None
    text = str(published)[:10]
    parts = text.split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 1
        d = int(parts[2][:2]) if len(parts) > 2 else 1
        return date(y, m, d).toordinal()
    except (ValueError, IndexError):
        return None


def analysis_keys(analysis: Any) -> frozenset[str]:
    """Keys of an Analysis for story matching: entity names (PERSON, ORG, GPE, LOC, FAC,
    EVENT) and event types with their target, casefolded."""
    keys = set()
    for e in getattr(analysis, "entities", None) or ():
        if e.type in ("PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP"):
            keys.add(f"ent:{e.name.casefold()}")
    for ev in getattr(analysis, "events", None) or ():
        target = ev.target.name.casefold() if ev.target else ""
        keys.add(f"evt:{ev.type}:{target}")
    return frozenset(keys)


def as_story_doc(obj: Any) -> StoryDoc:
    """A StoryDoc from a StoryDoc, an Analysis (keys from its entities and events), a store
    record or a mapping."""
    if isinstance(obj, StoryDoc):
        return obj
    rec = as_doc_record(obj)
    keys = obj.get("keys", ()) if isinstance(obj, Mapping) else analysis_keys(obj)
    return StoryDoc(id=rec.id, uri=rec.uri, outlet=record_outlet(rec) or rec.origin_outlet,
                    published=rec.published, text=rec.text, headline=rec.headline,
                    keys=frozenset(keys))


def _blocks(days: list[int | None], window: int | None, step: int = 500):
    """(row indices, column indices) blocks covering every pair that can be linked: rows in
    date order, columns only the articles dated within the window of the rows (and the
    undated), so the products stay small on large corpora."""
    n = len(days)
    undated = np.array([i for i, d in enumerate(days) if d is None], dtype=np.int64)
    dated = np.array(sorted((i for i, d in enumerate(days) if d is not None),
                            key=lambda i: days[i]), dtype=np.int64)
    if window is None or dated.size == 0:
        everything = np.arange(n, dtype=np.int64)
        for start in range(0, n, step):
            yield everything[start:start + step], everything
        return
    sorted_days = np.array([days[i] for i in dated], dtype=np.int64)
    for start in range(0, dated.size, step):
        rows = dated[start:start + step]
        lo = np.searchsorted(sorted_days, sorted_days[start] - window, side="left")
        hi = np.searchsorted(sorted_days, sorted_days[min(start + step, dated.size) - 1] + window,
                             side="right")
        yield rows, np.concatenate([dated[lo:hi], undated])
    for start in range(0, undated.size, step):
        yield undated[start:start + step], np.arange(n, dtype=np.int64)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def find_clusters(docs: Iterable[Any], options: ClusterOptions | None = None, *,
                  copies: Mapping[str, str] | None = None) -> list[StoryCluster]:
    """Story clusters among `docs` (StoryDocs, Analysis objects, store records or mappings).
    `copies` maps a copy's id to its origin's id (from dedupe): copies are not compared, they
    join their origin's cluster."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.sparse.csgraph import connected_components
    from scipy.sparse import coo_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

    options = options or ClusterOptions()
    copies = dict(copies or {})
    all_docs = [as_story_doc(d) for d in docs]
    stories = [d for d in all_docs if d.id not in copies]
    n = len(stories)
    if n < 2:
        return []
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, strip_accents="unicode",
                                 max_df=options.max_df if n >= 10 else 1.0,
                                 token_pattern=r"(?u)\b[^\W\d_]{3,}\b")
    texts = [f"{d.headline or ''}\n{d.text}" for d in stories]
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no usable vocabulary at all
        return []
    days = [_day(d.published) for d in stories]

    def similarity(i: int, j: int, cosine: float) -> float:
        if stories[i].keys and stories[j].keys:
            w = options.entity_weight
            return (1 - w) * cosine + w * _jaccard(stories[i].keys, stories[j].keys)
        return cosine

    def in_window(i: int, j: int) -> bool:
        if options.window_days is None or days[i] is None or days[j] is None:
            return True
        return abs(days[i] - days[j]) <= options.window_days

    # Candidate pairs: cosine in row blocks (sparse products) high enough to reach the
    # threshold with any key overlap, and pairs sharing a key that is not too common.
    floor = options.threshold * (1 - options.entity_weight)
    cosines: dict[tuple[int, int], float] = {}
    for rows_idx, cols_idx in _blocks(days, options.window_days):
        block = (matrix[rows_idx] @ matrix[cols_idx].T).tocoo()
        for r, c, value in zip(block.row, block.col, block.data):
            i, j = int(rows_idx[r]), int(cols_idx[c])
            if i < j and value >= floor:
                cosines[(i, j)] = float(value)
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(stories):
        for key in d.keys:
            by_key[key].append(i)
    for members in by_key.values():
        if len(members) <= options.max_key_docs:
            for a, i in enumerate(members):
                for j in members[a + 1:]:
                    if (i, j) not in cosines:
                        cosines[(i, j)] = float(matrix[i].multiply(matrix[j]).sum())
    rows, cols, vals = [], [], []
    for (i, j), c in cosines.items():
        if in_window(i, j):
            s = similarity(i, j, c)
            if s >= options.threshold:
                rows.append(i)
                cols.append(j)
                vals.append(s)
    graph = coo_matrix((vals, (rows, cols)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    components: dict[int, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        components[lab].append(i)

    groups: list[list[int]] = []
    for members in components.values():
        if len(members) < 2:
            continue
        if len(members) == 2:
            groups.append(members)
            continue
        sub = matrix[members]
        cos = (sub @ sub.T).toarray()
        dist = np.zeros((len(members), len(members)))
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                s = similarity(members[a], members[b], float(cos[a, b]))
                if not in_window(members[a], members[b]):
                    s = 0.0
                dist[a, b] = dist[b, a] = 1 - s
        condensed = dist[np.triu_indices(len(members), k=1)]
        split = fcluster(linkage(condensed, method="average"), t=1 - options.threshold,
                         criterion="distance")
        parts: dict[int, list[int]] = defaultdict(list)
        for m, lab in zip(members, split):
            parts[lab].append(m)
        groups.extend(parts.values())

    by_id = {d.id: d for d in all_docs}
    copies_of: dict[str, list[str]] = defaultdict(list)
    for copy, origin in copies.items():
        if copy in by_id:
            copies_of[origin].append(copy)
    clusters: list[StoryCluster] = []
    for members in groups:
        sub = matrix[members]
        cos = (sub @ sub.T).toarray()
        scores = {}
        for a, i in enumerate(members):
            sims = [similarity(i, j, float(cos[a, b])) for b, j in enumerate(members) if j != i]
            scores[stories[i].id] = float(np.mean(sims)) if sims else 1.0
        out: list[ClusterMember] = []
        for i in members:
            d = stories[i]
            out.append(ClusterMember(d.id, d.uri, d.outlet, d.published, scores[d.id]))
            for cid in copies_of.get(d.id, ()):
                c = by_id[cid]
                out.append(ClusterMember(c.id, c.uri, c.outlet, c.published, scores[d.id],
                                         copy_of=d.id))
        if len(out) < options.min_size:
            continue
        out.sort(key=lambda m: date_key(m.published, m.id))
        clusters.append(StoryCluster(id=0, label=_label(stories, members, matrix, vectorizer),
                                     members=out))
    clusters.sort(key=lambda c: date_key(c.members[0].published, c.members[0].id))
    for k, c in enumerate(clusters, start=1):
        c.id = k
    return clusters


def _label(stories: list[StoryDoc], members: list[int], matrix, vectorizer) -> str:
    """The earliest headline, else the cluster's three heaviest terms."""
    first = min(members, key=lambda i: date_key(stories[i].published, stories[i].id))
    if stories[first].headline:
        return stories[first].headline
    centroid = np.asarray(matrix[members].mean(axis=0)).ravel()
    terms = vectorizer.get_feature_names_out()
    return " ".join(terms[k] for k in centroid.argsort()[::-1][:3])


def cluster_stories(store: Any, options: ClusterOptions | None = None, *, save: bool = True,
                    use_analysis: bool = True) -> list[StoryCluster]:
    """Story clusters over every article of `store`; copies follow the duplicate groups the
    store holds (run `dedupe` first). With `use_analysis`, entity and event keys come from
    each stored Analysis. With `save`, replaces the store's `clusters` table."""
    copies = {m: g.origin for g in store.duplicates() for m in g.members if m != g.origin}
    if use_analysis:
        records = {r.id: r for r in store.articles()}
        docs = []
        for analysis in store.analyses():
            doc = as_story_doc(analysis)
            rec = records.get(doc.id)
            if rec is not None:  # the carrier outlet and date as stored
                base = as_story_doc(rec)
                doc.outlet, doc.published = base.outlet, base.published or doc.published
            docs.append(doc)
    else:
        docs = [as_story_doc(r) for r in store.articles()]
    clusters = find_clusters(docs, options, copies=copies)
    if save:
        store.replace_clusters(
            {"id": c.id, "label": c.label, "members": [m.id for m in c.members],
             "scores": {m.id: round(m.score, 4) for m in c.members}} for c in clusters)
    return clusters


def stored_story(store: Any, cluster_id: int) -> StoryCluster:
    """A story cluster as stored by `cluster_stories` (raises NotStored when there is none
    with this id), its members in time order with outlet and date, and each copy marked
    with the origin it copies (from the stored duplicate groups)."""
    stored = store.cluster(cluster_id)
    records = {r.id: r for r in store.articles(ids=stored.members)}
    members = []
    for mid in stored.members:
        rec = records.get(mid)
        group = store.duplicates_of(mid)
        copy_of = group.origin if group is not None and group.origin != mid else None
        members.append(ClusterMember(id=mid, uri=rec.uri if rec else "",
                                     outlet=rec.outlet if rec else None,
                                     published=rec.published if rec else None,
                                     score=float(stored.scores.get(mid) or 0.0),
                                     copy_of=copy_of))
    members.sort(key=lambda m: date_key(m.published, m.id))
    return StoryCluster(id=stored.id, label=stored.label or "", members=members)
