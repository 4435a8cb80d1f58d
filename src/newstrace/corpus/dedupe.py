"""Syndication and near-duplicates: which stored articles are copies of one another, which
copy is the origin, and the republication chain with dates.

Method: exact duplicates share the hash of their normalised body. Near-duplicates are found
with MinHash LSH (datasketch) over paragraph-bounded word shingles of the cleaned body, plus
exact-paragraph blocking (two bodies sharing a long paragraph), and every candidate pair is
verified on the exact shingle sets: Jaccard for light edits and changed chrome, containment
of the smaller body for trimmed or cut copies. Groups are the connected components of the
verified pairs.

The origin of a group is the member whose outlet the others credit ("The post … appeared
first on X", "originally appeared on X", "via X", `origin_outlet` metadata), else the
earliest published: by full timestamp (offsets compared) where copies give one, else by day
(ties by id). `DuplicateGroup.reason` (`origin_reason` in JSON) says which rule chose it.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from datasketch import MinHash, MinHashLSH

from ..errors import ConfigError
from .records import (
    DocRecord,
    as_doc_record,
    credited_outlets,
    date_key,
    has_time,
    outlet_key,
    record_outlet,
)
from .shingles import (
    body_hash,
    hash_shingles,
    overlap,
    paragraph_keys,
    paragraph_shingles,
    paragraphs,
    shingle_strings,
)


@dataclass(frozen=True)
class DedupeOptions:
    """How near-duplicates are found (defaults measured on benchmarks/syndication_corpus.py).

    shingle_size: words per shingle. num_perm / lsh_threshold / seed: the MinHash LSH index
    (a Jaccard threshold for candidates, kept low: candidates are verified exactly).
    min_jaccard: a verified pair with at least this exact Jaccard is a copy.
    min_containment / min_shared: or, the smaller body's shingles found in the larger (a
    trimmed copy), with at least `min_shared` shingles in common.
    paragraph_min_words: a paragraph this long shared word for word makes a candidate pair;
    paragraph_max_docs: unless more bodies than this carry it (boilerplate, not a copy).
    boilerplate_min_docs: a short paragraph (under `paragraph_min_words`) found in at least
    this many bodies is chrome ("Share this article") and left out of the verification.
    backend: the MinHash LSH implementation, "datasketch", "rensa" or "auto" (`lsh_backend`).
    """

    shingle_size: int = 4
    num_perm: int = 128
    lsh_threshold: float = 0.3
    min_jaccard: float = 0.5
    min_containment: float = 0.7
    min_shared: int = 8
    paragraph_min_words: int = 12
    paragraph_max_docs: int = 20
    boilerplate_min_docs: int = 10
    seed: int = 1
    backend: str = "auto"


@dataclass
class Member:
    """One article of a duplicate group."""

    id: str
    uri: str
    outlet: str | None
    published: str | None
    similarity: float | None = None  # Jaccard of shingles with the origin (1.0 for it)
    containment: float | None = None  # shared shingles / the smaller body's shingles
    credits: tuple[str, ...] = ()  # outlets this copy credits as the origin

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "uri": self.uri, "outlet": self.outlet, "published": self.published}


@dataclass
class DuplicateGroup:
    """Copies of one article: the origin first, then the republication chain by date."""

    origin: str
    members: list[Member]
    kind: str = "near"  # "exact" when every body is the same after normalisation
    # how the origin was chosen: "credit" (the others credit its outlet), "earliest time"
    # (the earliest full timestamp), "earliest date" (the earliest day, no time to compare),
    # "undated" (no copy has a date: the first by id)
    reason: str = "earliest date"
    credited_outlet: str | None = None  # the outlet the copies credit, even if not stored

    def to_dict(self) -> dict[str, Any]:
        return {"origin": self.origin, "origin_reason": self.reason,
                "members": [m.to_dict() for m in self.members]}


@dataclass
class DedupeResult:
    groups: list[DuplicateGroup]
    stats: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON of `newstrace dedupe --format json`."""
        return {"groups": [g.to_dict() for g in self.groups]}


@dataclass(slots=True)
class _Doc:
    id: str
    uri: str
    outlet: str | None
    published: str | None
    credits: tuple[str, ...]
    digest: str
    shingles: np.ndarray
    para_keys: list[int]
    short_paras: list[tuple[int, np.ndarray]]  # (paragraph hash, its shingles) of short ones


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _prepare(record: DocRecord, options: DedupeOptions) -> tuple[_Doc, set[str]]:
    paras = paragraphs(record.text)
    short = [ws for ws in paras if len(ws) < options.paragraph_min_words]
    strings = shingle_strings(paras, options.shingle_size)
    return _Doc(
        id=record.id,
        uri=record.uri,
        outlet=record_outlet(record),
        published=record.published,
        credits=credited_outlets(record),
        digest=body_hash(paras),
        shingles=hash_shingles(strings),
        para_keys=paragraph_keys(paras, options.paragraph_min_words),
        short_paras=[(paragraph_keys([ws], 1)[0], paragraph_shingles([ws], options.shingle_size))
                     for ws in short],
    ), strings


def _identity(value: int) -> int:
    return value


class _DatasketchIndex:
    """MinHash LSH with datasketch: every body is inserted; candidates are the pairs that
    share a band bucket (what a query of each body would return, without the queries)."""

    def __init__(self, options: DedupeOptions) -> None:
        self.lsh = MinHashLSH(threshold=options.lsh_threshold, num_perm=options.num_perm)
        template = MinHash(num_perm=options.num_perm, seed=options.seed, hashfunc=_identity)
        self.permutations = template.permutations
        # datasketch >= 2 wants the hashing scheme named when permutations are passed in
        self.extra = {"scheme": template.scheme} if hasattr(template, "scheme") else {}
        self.num_perm = options.num_perm
        self.seed = options.seed

    def add(self, key: int, hashes: np.ndarray, _strings: set[str]) -> None:
        mh = MinHash(num_perm=self.num_perm, seed=self.seed, hashfunc=_identity,
                     permutations=self.permutations, **self.extra)
        mh.update_batch(hashes.tolist())
        self.lsh.insert(key, mh, check_duplication=False)

    def pairs(self) -> set[tuple[int, int]]:
        out: set[tuple[int, int]] = set()
        for table in self.lsh.hashtables:
            for band in table.keys():
                bucket = sorted(table.get(band))
                if len(bucket) > 1:
                    out.update((bucket[a], bucket[b]) for a in range(len(bucket))
                               for b in range(a + 1, len(bucket)))
        return out


class _RensaIndex:
    """MinHash LSH with rensa (Rust): the same banding as datasketch would choose for the
    threshold (b bands of r rows, b·r permutations); each body is queried, then inserted."""

    def __init__(self, options: DedupeOptions) -> None:
        import rensa
        from datasketch.lsh import _optimal_param

        bands, rows = _optimal_param(options.lsh_threshold, options.num_perm, 0.5, 0.5)
        self.rensa = rensa
        self.num_perm = bands * rows
        self.seed = options.seed
        self.lsh = rensa.RMinHashLSH(threshold=options.lsh_threshold, num_perm=self.num_perm,
                                     num_bands=bands)
        self.found: set[tuple[int, int]] = set()

    def add(self, key: int, _hashes: np.ndarray, strings: set[str]) -> None:
        mh = self.rensa.RMinHash(num_perm=self.num_perm, seed=self.seed)
        mh.update(list(strings))
        self.found.update((j, key) for j in self.lsh.query(mh))
        self.lsh.insert(key, mh)

    def pairs(self) -> set[tuple[int, int]]:
        return self.found


def lsh_backend(name: str = "auto") -> str:
    """The MinHash LSH implementation to use: "datasketch", "rensa", or "auto" (rensa when
    installed: its index measured about 10x faster in CPU time per document than
    datasketch's, see benchmarks/scale_dedupe.py)."""
    if name not in ("auto", "datasketch", "rensa"):
        raise ConfigError("unknown LSH backend; choose auto, datasketch or rensa", input=repr(name))
    if name == "auto":
        try:
            import rensa  # noqa: F401
        except ImportError:
            return "datasketch"
        return "rensa"
    return name


def prepare(record: Any, options: DedupeOptions) -> tuple[_Doc, set[str]]:
    """One record's comparison form (ids, outlet, credits, body digest, shingle hashes,
    paragraph keys) and its shingle strings (what the MinHash of the rensa backend reads).
    A pure function of one record: the Dask runner calls it on the workers."""
    return _prepare(as_doc_record(record), options)


def lsh_bands(options: DedupeOptions) -> tuple[int, int]:
    """(bands, rows per band) of the LSH index for the options' threshold: the banding
    datasketch's `MinHashLSH` chooses, which the rensa index copies."""
    from datasketch.lsh import _optimal_param

    return _optimal_param(options.lsh_threshold, options.num_perm, 0.5, 0.5)


def signature(doc: _Doc, strings: set[str], options: DedupeOptions, backend: str) -> np.ndarray:
    """The MinHash signature the index of `backend` computes for one body (the first
    bands·rows values are the ones banded). Two bodies are LSH candidates when one band of
    their signatures is equal (see `band_keys`)."""
    if backend == "rensa":
        import rensa

        bands, rows = lsh_bands(options)
        mh = rensa.RMinHash(num_perm=bands * rows, seed=options.seed)
        mh.update(list(strings))
        return np.asarray(mh.digest(), dtype=np.uint64)
    template = MinHash(num_perm=options.num_perm, seed=options.seed, hashfunc=_identity)
    extra = {"scheme": template.scheme} if hasattr(template, "scheme") else {}
    mh = MinHash(num_perm=options.num_perm, seed=options.seed, hashfunc=_identity,
                 permutations=template.permutations, **extra)
    mh.update_batch(doc.shingles.tolist())
    return np.asarray(mh.hashvalues, dtype=np.uint64)


def band_keys(sig: np.ndarray, bands: int, rows: int) -> list[tuple[int, bytes]]:
    """The LSH bucket keys of one signature: (band number, the band's values as bytes)."""
    return [(b, sig[b * rows:(b + 1) * rows].tobytes()) for b in range(bands)]


def bucket_pairs(bucket: Iterable[int]) -> set[tuple[int, int]]:
    """Every (smaller, larger) pair of the documents that share one LSH bucket."""
    members = sorted(set(bucket))
    return {(members[a], members[b]) for a in range(len(members))
            for b in range(a + 1, len(members))}


class Indexer:
    """Feeds prepared documents, in order, to the single-machine pieces: exact copies are
    joined by body digest, and only the first body of each digest goes to the LSH index."""

    def __init__(self) -> None:
        self.docs: list[_Doc] = []
        self.by_digest: dict[str, int] = {}
        self.exact: list[tuple[int, int]] = []

    def add(self, doc: _Doc, has_words: bool) -> int | None:
        """Record `doc`; returns its index when it must be indexed, else None."""
        i = len(self.docs)
        self.docs.append(doc)
        if not has_words:  # no words at all: nothing to compare
            return None
        first = self.by_digest.setdefault(doc.digest, i)
        if first != i:  # exact copy: no need to index it again
            self.exact.append((first, i))
            return None
        return i


def find_duplicates(records: Iterable[Any], options: DedupeOptions | None = None) -> DedupeResult:
    """Duplicate groups among `records` (DocRecords, mappings, `Analysis` objects or store
    records: anything with id, uri, outlet, published, text). Streams: texts are not kept."""
    options = options or DedupeOptions()
    t_start = time.perf_counter()
    indexer = Indexer()
    backend = lsh_backend(options.backend)
    index = _RensaIndex(options) if backend == "rensa" else _DatasketchIndex(options)
    prepare_s = index_s = index_cpu = 0.0
    for obj in records:
        t0 = time.perf_counter()
        doc, strings = _prepare(as_doc_record(obj), options)
        t1, c1 = time.perf_counter(), time.process_time()
        prepare_s += t1 - t0
        i = indexer.add(doc, bool(strings))
        if i is None:
            continue
        index.add(i, doc.shingles, strings)
        index_s += time.perf_counter() - t1
        index_cpu += time.process_time() - c1
    t1, c1 = time.perf_counter(), time.process_time()
    candidates = index.pairs()
    index_s += time.perf_counter() - t1
    index_cpu += time.process_time() - c1
    result = group_candidates(indexer, candidates, options)
    result.stats.update({"backend": backend, "prepare_s": prepare_s, "index_s": index_s,
                         "index_cpu_s": index_cpu, "total_s": time.perf_counter() - t_start})
    return result


def group_candidates(indexer: Indexer, candidates: set[tuple[int, int]],
                     options: DedupeOptions) -> DedupeResult:
    """The groups from the LSH candidate pairs among `indexer`'s documents: paragraph
    blocking adds candidates, chrome paragraphs are dropped, every pair is verified on the
    exact shingle sets and the verified pairs are joined (shared by `find_duplicates` and the
    Dask runner, `newstrace.scale.find_duplicates`)."""
    docs, by_digest = indexer.docs, indexer.by_digest
    candidates = set(candidates)
    lsh_candidates = len(candidates)
    t0, c0 = time.perf_counter(), time.process_time()
    blocks: dict[int, list[int]] = defaultdict(list)
    for i in by_digest.values():
        for key in set(docs[i].para_keys):
            blocks[key].append(i)
    for members in blocks.values():
        if 1 < len(members) <= options.paragraph_max_docs:
            for a in range(len(members)):
                for b in range(a + 1, len(members)):
                    candidates.add((members[a], members[b]))
    block_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    _drop_boilerplate(docs, by_digest.values(), options.boilerplate_min_docs)
    uf = _UnionFind(len(docs))
    for a, b in indexer.exact:
        uf.union(a, b)
    verified = checked = 0
    for a, b in sorted(candidates):
        if uf.find(a) == uf.find(b):  # already in one group: no need to check this pair
            continue
        checked += 1
        jac, cont, inter = overlap(docs[a].shingles, docs[b].shingles)
        if jac >= options.min_jaccard or (cont >= options.min_containment
                                          and inter >= options.min_shared):
            uf.union(a, b)
            verified += 1
    verify_s = time.perf_counter() - t0
    pairs_cpu = time.process_time() - c0
    components: dict[int, list[int]] = defaultdict(list)
    for i in range(len(docs)):
        components[uf.find(i)].append(i)
    groups = [_group([docs[i] for i in members])
              for members in components.values() if len(members) > 1]
    groups.sort(key=lambda g: date_key(g.members[0].published, g.origin))
    stats: dict[str, Any] = {
        "documents": len(docs),
        "distinct_bodies": len(by_digest),
        "lsh_candidates": lsh_candidates,
        "candidates": len(candidates),
        "checked_pairs": checked,
        "verified_pairs": verified,
        "groups": len(groups),
        "blocking_s": block_s,
        "verify_s": verify_s,
        "pairs_cpu_s": pairs_cpu,  # blocking + verification, CPU seconds
    }
    return DedupeResult(groups=groups, stats=stats)


def _drop_boilerplate(docs: list[_Doc], distinct: Iterable[int], min_docs: int) -> None:
    """Remove the shingles of short paragraphs that many distinct bodies carry (chrome) from
    every body's verification set."""
    df: Counter[int] = Counter()
    for i in distinct:
        df.update({key for key, _ in docs[i].short_paras})
    boiler = {key for key, n in df.items() if n >= min_docs}
    for d in docs:
        drop = [sh for key, sh in d.short_paras if key in boiler]
        if drop:
            kept = np.setdiff1d(d.shingles, np.unique(np.concatenate(drop)), assume_unique=True)
            if kept.size:
                d.shingles = kept
        d.short_paras = []


def choose_origin(docs: list[_Doc]) -> tuple[_Doc, str, str | None]:
    """(origin, reason, credited outlet) for one group. A credited outlet that is itself in
    the group and credits no other member wins (most credits first, then earliest); an
    outlet credited but not stored is reported, and the earliest member stands in for it."""
    by_date = sorted(docs, key=lambda d: date_key(d.published, d.id))
    present: dict[str, list[_Doc]] = defaultdict(list)
    for d in by_date:
        present[outlet_key(d.outlet)].append(d)
    votes: Counter[str] = Counter()
    names: dict[str, str] = {}
    for d in docs:
        for name in d.credits:
            key = outlet_key(name)
            votes[key] += 1
            names.setdefault(key, name)
    credited_present = [k for k in votes if k and k in present]
    if credited_present:
        def credits_other(key: str) -> bool:
            return any(outlet_key(n) in present and outlet_key(n) != key
                       for d in present[key] for n in d.credits)

        roots = [k for k in credited_present if not credits_other(k)] or credited_present
        best = min(roots, key=lambda k: (-votes[k], date_key(present[k][0].published,
                                                              present[k][0].id)))
        return present[best][0], "credit", names[best]
    credited = votes.most_common(1)[0][0] if votes else None
    first = by_date[0]
    if first.published is None:
        reason = "undated"
    elif has_time(first.published):
        reason = "earliest time"
    else:
        reason = "earliest date"
    return first, reason, names.get(credited) if credited else None


def _group(docs: list[_Doc]) -> DuplicateGroup:
    origin, reason, credited = choose_origin(docs)
    rest = sorted((d for d in docs if d is not origin), key=lambda d: date_key(d.published, d.id))
    members = []
    for d in [origin, *rest]:
        jac, cont, _ = (1.0, 1.0, 0) if d is origin else overlap(origin.shingles, d.shingles)
        members.append(Member(id=d.id, uri=d.uri, outlet=d.outlet, published=d.published,
                              similarity=round(jac, 4), containment=round(cont, 4),
                              credits=d.credits))
    kind = "exact" if len({d.digest for d in docs}) == 1 else "near"
    return DuplicateGroup(origin=origin.id, members=members, kind=kind, reason=reason,
                          credited_outlet=credited)


def duplicate_pairs(result: DedupeResult) -> set[frozenset[str]]:
    """Every unordered pair of article ids that share a group (for scoring)."""
    pairs: set[frozenset[str]] = set()
    for g in result.groups:
        ids = [m.id for m in g.members]
        for a in range(len(ids)):
            for b in range(a + 1, len(ids)):
                pairs.add(frozenset((ids[a], ids[b])))
    return pairs


def dedupe(store: Any, options: DedupeOptions | None = None, *, save: bool = True
           ) -> DedupeResult:
    """Find duplicate groups among every article of `store` (a `newstrace.store.Store`) and,
    with `save`, replace its `duplicates` table with them. CLI: `newstrace dedupe`."""
    result = find_duplicates(store.articles(), options)
    if save:
        save_groups(store, result)
    return result


def save_groups(store: Any, result: DedupeResult) -> None:
    """Replace the `duplicates` table of `store` with the groups of `result`."""
    store.replace_duplicates(
        {"origin": g.origin, "members": [m.id for m in g.members],
         "similarity": {m.id: m.similarity for m in g.members if m.similarity is not None}}
        for g in result.groups)
