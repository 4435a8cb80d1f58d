"""Story clusters: articles on the same story that are not copies of each other.

Two articles are linked when they were published within `window_days` of each other and their
similarity reaches `threshold`; the similarity mixes the TF-IDF cosine of their vocabulary
with the Jaccard overlap of their keys (entity names, event types with their targets) when
both have an analysis. Clusters are the connected components of the links, split by
average-linkage clustering where a component is a chain rather than a story. Copies (the
duplicate groups of `dedupe`) are clustered once, through their origin, and follow it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np

from .executor import Executor, LocalExecutor, chunks
from .records import as_doc_record, date_key, record_outlet


NAMED = ("PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP")


@dataclass(frozen=True)
class ClusterOptions:
    """window_days: the largest gap in publication dates inside one link (None: no window).
    threshold: the similarity a link needs. entity_weight: the share of key (entity/event)
    overlap (Jaccard) in the similarity when both articles have keys. max_df: terms in more than this
    share of the articles carry no story signal. min_size: the smallest cluster reported.
    max_key_docs: a key (entity) carried by more articles than this proposes no pairs by
    itself (pairs still need vocabulary).

    verify: weigh the story evidence of each pair of articles within `pair_floor` cosine
    (see `story_evidence`): `shared_weight` for each of the first `lede_sentences`
    sentences of one that the other carries (the claim tracer's verifier, up to three),
    `figure_bonus` when a figure of one's lede agrees with one of the other's; a pair whose
    ledes name different people and places and state other figures is no link, unless one
    carries a lede sentence of the other with another figure (a dispute: anchored by a name,
    or by `specific_words` content words it carries all but one of). split_threshold: the
    mean similarity a connected component's parts need to stay one story (average linkage;
    a vetoed pair counts 0). Each
    article is verified against its `max_partners` closest partners; above
    `verify_max_docs` articles the verification is skipped (words and keys only).

    copy_cosine: when `find_clusters` gets no copies map, copies among the articles (found with
    `dedupe`'s defaults) whose cosine reaches this are linked whatever their publication
    gap: a republication days later is the same story (an article that only borrows a
    paragraph of another is not, and stays bound by the window)."""

    window_days: int | None = 3
    threshold: float = 0.25
    entity_weight: float = 0.0
    max_df: float = 0.5
    min_size: int = 2
    max_key_docs: int = 200
    verify: bool = True
    shared_weight: float = 0.15
    figure_bonus: float = 0.1
    pair_floor: float = 0.08
    specific_words: int = 6
    split_threshold: float = 0.2
    copy_cosine: float = 0.5
    lede_sentences: int = 3
    max_partners: int = 30
    verify_max_docs: int = 20000


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
    entities: tuple[tuple[str, ...], ...] = ()  # (name, *aliases) of its named entities


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
        if e.type in NAMED:
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
    entities = tuple((e.name, *e.aliases) for e in getattr(obj, "entities", None) or ()
                     if e.type in NAMED)
    return StoryDoc(id=rec.id, uri=rec.uri, outlet=record_outlet(rec) or rec.origin_outlet,
                    published=rec.published, text=rec.text, headline=rec.headline,
                    keys=frozenset(keys), entities=entities)


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


# -- the story vocabulary: TF-IDF in steps (document frequencies are a reduction over chunks
# of articles, the rows a map), so a cluster computes exactly the single machine's matrix


def story_text(d: StoryDoc) -> str:
    return f"{d.headline or ''}\n{d.text}"


def _analyzer():
    """Words of a story: scikit-learn's analyzer (English stop words, accents stripped,
    lower case, words of three letters or more)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(stop_words="english", strip_accents="unicode",
                           token_pattern=r"(?u)\b[^\W\d_]{3,}\b").build_analyzer()


def document_frequencies(texts: list[str], _shared: Any = None) -> Counter:
    """How many of `texts` each word occurs in (a chunk's share of the corpus-wide count)."""
    analyze = _analyzer()
    df: Counter = Counter()
    for text in texts:
        df.update(set(analyze(text)))
    return df


def add_counts(a: Counter, b: Counter) -> Counter:
    a.update(b)
    return a


@dataclass(frozen=True)
class TermModel:
    """The vocabulary (sorted) and its IDF, ln((1 + n) / (1 + df)) + 1."""

    terms: tuple[str, ...]
    index: dict[str, int]
    idf: np.ndarray


def term_model(df: Mapping[str, int], n: int, max_df: float) -> TermModel | None:
    """The vocabulary of `n` articles from their document frequencies: words in more than
    `max_df` of them carry no story signal. None when no word is left."""
    terms = tuple(sorted(t for t, c in df.items() if c <= max_df * n))
    if not terms:
        return None
    counts = np.array([df[t] for t in terms], dtype=np.float64)
    return TermModel(terms, {t: k for k, t in enumerate(terms)},
                     np.log((1.0 + n) / (1.0 + counts)) + 1.0)


def tfidf_rows(texts: list[str], model: TermModel):
    """The L2-normalised TF-IDF rows (sublinear term frequency) of `texts` as a CSR matrix;
    each row depends only on its text and the model."""
    from scipy.sparse import csr_matrix

    analyze = _analyzer()
    indptr, indices, data = [0], [], []
    for text in texts:
        counts = Counter(model.index[w] for w in analyze(text) if w in model.index)
        cols = np.array(sorted(counts), dtype=np.int64)
        if cols.size:
            w = (np.log(np.array([counts[c] for c in cols], dtype=np.float64)) + 1.0) \
                * model.idf[cols]
            w /= np.sqrt(np.dot(w, w))
            indices.append(cols)
            data.append(w)
        indptr.append(indptr[-1] + cols.size)
    return csr_matrix((np.concatenate(data) if data else np.zeros(0),
                       np.concatenate(indices) if indices else np.zeros(0, dtype=np.int64),
                       np.array(indptr)), shape=(len(texts), len(model.terms)))


def _block_cosines(block: tuple, shared: tuple) -> list[tuple[int, int, float]]:
    """The pairs (i < j) of one block whose cosine reaches the floor."""
    rows_idx, cols_idx = block
    matrix, floor = shared
    product = (matrix[rows_idx] @ matrix[cols_idx].T).tocoo()
    out = []
    for r, c, value in zip(product.row, product.col, product.data):
        i, j = int(rows_idx[r]), int(cols_idx[c])
        if i < j and value >= floor:
            out.append((i, j, float(value)))
    return out


def _pair_cosines(pairs: list[tuple[int, int]], shared: tuple) -> list[float]:
    matrix = shared[0]
    return [float(matrix[i].multiply(matrix[j]).sum()) for i, j in pairs]


def _shared_chunk(item: tuple, options: ClusterOptions) -> tuple[dict, dict]:
    """`_Ledes.shared_assertions` for a chunk of articles and their partners."""
    stories, near = item
    return _Ledes(stories, options).shared_for(near)


def _evidence_chunk(item: tuple, options: ClusterOptions) -> list[float | None]:
    """`_Ledes.pair` for a chunk of pairs."""
    stories, pairs = item
    ledes = _Ledes(stories, options)
    return [ledes.pair(i, j, *shared) for i, j, shared in pairs]


def _with_stories(stories: list[StoryDoc], work: list[Any], ids) -> tuple[dict, list]:
    """A chunk of work with the stories it reads (by index)."""
    return {k: stories[k] for item in work for k in ids(item)}, work


def _duplicate_groups(docs: list[StoryDoc]) -> list[Any]:
    from .dedupe import find_duplicates

    return find_duplicates(docs).groups


def find_clusters(docs: Iterable[Any], options: ClusterOptions | None = None, *,
                  copies: Mapping[str, str] | None = None,
                  executor: Executor | None = None) -> list[StoryCluster]:
    """Story clusters among `docs` (StoryDocs, Analysis objects, store records or mappings).
    `copies` maps a copy's id to its origin's id (from dedupe): copies are not compared, they
    join their origin's cluster. Without it (None), the copies among `docs` (`dedupe`'s
    defaults) are clustered as stories, linked however many days apart they were published. `executor`: where the heavy steps run (document frequencies,
    TF-IDF rows, candidate pairs, story evidence): this process by default, a Dask cluster
    with `newstrace.scale.DaskExecutor` (the same answer)."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.sparse import coo_matrix, vstack
    from scipy.sparse.csgraph import connected_components

    options = options or ClusterOptions()
    executor = executor or LocalExecutor()
    all_docs = [as_story_doc(d) for d in docs]
    republished: set[tuple[int, int]] = set()  # copies of one another: no window between them
    if copies is None and options.window_days is not None and len(all_docs) >= 2:
        at = {d.id: k for k, d in enumerate(all_docs)}
        for group in _duplicate_groups(all_docs):
            ks = sorted(at[m.id] for m in group.members if m.id in at)
            republished.update((a, b) for x, a in enumerate(ks) for b in ks[x + 1:])
    copies = dict(copies or {})
    stories = [d for d in all_docs if d.id not in copies]
    n = len(stories)
    if n < 2:
        return []
    texts = executor.put(chunks([story_text(d) for d in stories], executor.chunk))
    df = executor.reduce(document_frequencies, texts, add_counts)
    model = term_model(df or {}, n, options.max_df if n >= 10 else 1.0)
    if model is None:  # no usable vocabulary at all
        return []
    matrix = vstack(list(executor.map(tfidf_rows, texts, executor.share(model))), format="csr")
    del texts
    days = [_day(d.published) for d in stories]

    evidence: dict[tuple[int, int], float | None] = {}  # bonus, or None: no link

    def similarity(i: int, j: int, cosine: float) -> float:
        if stories[i].keys and stories[j].keys and options.entity_weight:
            w = options.entity_weight
            base = (1 - w) * cosine + w * _jaccard(stories[i].keys, stories[j].keys)
        else:
            base = cosine
        if not verifying:
            return base
        key = (i, j) if i < j else (j, i)
        if key not in evidence:
            evidence[key] = ledes.pair(key[0], key[1], *shared.get(key, (0,)))
        bonus = evidence[key]
        return 0.0 if bonus is None else min(1.0, base + bonus)

    def in_window(i: int, j: int) -> bool:
        if options.window_days is None or days[i] is None or days[j] is None:
            return True
        if ((i, j) in republished or (j, i) in republished) and \
                cosines.get((i, j) if i < j else (j, i), 0.0) >= options.copy_cosine:
            return True
        return abs(days[i] - days[j]) <= options.window_days

    # Candidate pairs: cosine in row blocks (sparse products) high enough to reach the
    # threshold with any key overlap, and pairs sharing a key that is not too common.
    verifying = options.verify and n <= options.verify_max_docs
    floor = options.threshold * (1 - options.entity_weight)
    if verifying:
        floor = min(floor, options.pair_floor)
    cosines: dict[tuple[int, int], float] = {}
    on_workers = executor.share((matrix, floor))
    blocks = list(_blocks(days, options.window_days, step=executor.chunk))
    for found in executor.map(_block_cosines, blocks, on_workers):
        for i, j, value in found:
            cosines[(i, j)] = value
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(stories):
        for key in d.keys:
            by_key[key].append(i)
    keyed: dict[tuple[int, int], None] = dict.fromkeys(p for p in sorted(republished)
                                                      if p not in cosines)
    for members in by_key.values():
        if len(members) <= options.max_key_docs:
            for a, i in enumerate(members):
                for j in members[a + 1:]:
                    if (i, j) not in cosines:
                        keyed[(i, j)] = None
    pairs = list(keyed)
    for part, values in zip(chunks(pairs, executor.chunk * 20),
                            executor.map(_pair_cosines, chunks(pairs, executor.chunk * 20),
                                         on_workers)):
        cosines.update(zip(part, values))
    shared: dict[tuple[int, int], tuple] = {}
    ledes = _Ledes(stories, options)
    if verifying:
        shared = ledes.shared_assertions({k: c for k, c in cosines.items() if in_window(*k)},
                                         executor)
        linked = [(i, j, shared.get((i, j), (0,))) for (i, j) in cosines if in_window(i, j)]
        work = chunks(linked, executor.chunk)
        items = [_with_stories(stories, w, lambda p: p[:2]) for w in work]
        for part, bonuses in zip(work, executor.map(_evidence_chunk, items,
                                                    executor.share(options))):
            evidence.update(((i, j), b) for (i, j, _), b in zip(part, bonuses))
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
        split = fcluster(linkage(condensed, method="average"), t=1 - options.split_threshold,
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
        clusters.append(StoryCluster(id=0, label=_label(stories, members, matrix, model.terms),
                                     members=out))
    clusters.sort(key=lambda c: date_key(c.members[0].published, c.members[0].id))
    for k, c in enumerate(clusters, start=1):
        c.id = k
    return clusters


@lru_cache(maxsize=4096)
def _figure(text: str):
    from .figures import figures

    found = figures(text)
    return found[0] if found else None


def _disputed(f: Any, g_text: str, contested: frozenset) -> bool:
    """Whether figure `f` conflicting with the other article's `g_text` is a dispute that
    article takes part in: it disputes g against a figure that `f` agrees with."""
    from .figures import compare

    for mine, theirs in contested:
        if mine == g_text:
            other = _figure(theirs)
            if other is not None and compare(f, other) == "agree":
                return True
    return False


class _Ledes:
    """Story evidence for pairs of articles from their ledes (headline and first sentences):
    the names they give, the figures they state, and the lede sentences of one that the
    other carries (through the claim tracer's verifier)."""

    def __init__(self, stories: list[StoryDoc], options: ClusterOptions) -> None:
        self.stories = stories
        self.options = options
        self._cache: dict[int, tuple] = {}

    def _lede(self, i: int):
        if i not in self._cache:
            from .figures import figures
            from .trace import sentence_spans
            from .verify import _names, name_found, raw_tokens

            d = self.stories[i]
            spans = sentence_spans(d.text)
            end = spans[min(1, len(spans) - 1)][1] if spans else min(len(d.text), 300)
            lede = f"{d.headline or ''}. {d.text[:end]}"
            ltok = raw_tokens(lede)
            names = [e for e in d.entities if name_found(e[0], lede, ltok, e[1:])]
            known = {n.casefold() for e in names for n in e}
            # names the analysis missed: capitalised sequences of the lede
            names += [(x,) for x in _names(lede) if x.casefold() not in known]
            if d.outlet:  # "… told the Bay Sentinel": the outlet itself, not the story
                names = [e for e in names if e[0].casefold() != d.outlet.casefold()]
            body = f"{d.headline or ''}. {d.text}"
            from .verify import assertion

            first = d.text[spans[0][0]:spans[0][1]] if spans else lede
            self._cache[i] = (
                names, [f for f in figures(lede) if f.kind != "year"],
                [f for f in figures(body) if f.kind != "year"], body, raw_tokens(body), spans,
                assertion(f"{d.headline or ''}. {first}").directions)
        return self._cache[i]

    def pair(self, i: int, j: int, shared: int, disputed: int = 0,
             disputes_i: frozenset[str] = frozenset(),
             disputes_j: frozenset[str] = frozenset()) -> float | None:
        """The bonus of a pair, or None when its ledes tell of another story: their first
        sentences' predicates go opposite ways, or they state conflicting figures and none
        that agree while one gives names the other mostly lacks (unless two or more of their
        lede sentences carry each other's assertions). `shared`: lede sentences of one the
        other carries; `disputed`: how many of those it carries with another figure (the
        same assertion disputed: "Altrion will cut 2,000 jobs, the union said" against
        "Altrion will cut 1,200 jobs"): then conflicting figures are the dispute, not
        another story. `disputes_i`, `disputes_j`: (figure, the figure it disputes), as texts,
        of each article against any article: a conflict with a disputed figure of the other,
        by a figure that agrees with what it disputes, is that dispute, not evidence of
        another story ("25% plus 2.5%" against "22.5 percent" when that 22.5 disputes another
        version's 27.5)."""
        from .figures import compare
        from .verify import name_found

        names_i, lfig_i, fig_i, body_i, tok_i, _, dir_i = self._lede(i)
        names_j, lfig_j, fig_j, body_j, tok_j, _, dir_j = self._lede(j)
        if dir_i and dir_j and not dir_i & dir_j and shared < 2:
            return None  # "raised its rate" / "cut its rate": another decision

        def share(names, body, toks) -> float | None:
            if not names:
                return None
            return sum(name_found(n[0], body, toks, n[1:]) for n in names) / len(names)

        known = [x for x in (share(names_i, body_j, tok_j), share(names_j, body_i, tok_i))
                 if x is not None]
        agree = conflict = 0
        for ledef, others, contested in ((lfig_i, fig_j, disputes_j),
                                         (lfig_j, fig_i, disputes_i)):
            for f in ledef:
                verdicts = [(compare(f, g), g.text) for g in others]
                if any(v == "agree" for v, _ in verdicts):
                    agree += 1
                elif any(v == "conflict" and not _disputed(f, g, contested)
                         for v, g in verdicts):
                    conflict += 1
        if conflict >= 2 and not agree and (not known or min(known) < 0.5) and shared < 2 \
                and not disputed:
            return None
        return self.options.shared_weight * min(shared, 3) + \
            (self.options.figure_bonus if agree else 0.0)

    def shared_assertions(self, pairs: Mapping[tuple[int, int], float],
                          executor: Executor | None = None
                          ) -> dict[tuple[int, int], tuple[int, int, frozenset, frozenset]]:
        """For each pair, (how many of the first lede sentences of one the other carries, how
        many of those with another figure, the figures each of the two disputes with any
        article). A lede sentence is compared without its
        attribution ("…, the union said on Wednesday"); a conflicting carrier counts when the
        sentence names someone or somewhere or is specific and carried whole ("400 residents
        were told to evacuate" against "2,300 residents were ordered to evacuate" is as likely
        another story). Each article's partners are its `max_partners` closest; the articles
        are verified in chunks on `executor`."""
        executor = executor or LocalExecutor()
        partners: dict[int, list[tuple[float, int]]] = defaultdict(list)
        for (i, j), c in pairs.items():
            partners[i].append((c, j))
            partners[j].append((c, i))
        near = [(i, [j for _, j in sorted(ps, reverse=True)[:self.options.max_partners]])
                for i, ps in partners.items()]
        work = chunks(near, max(1, executor.chunk // 10))
        items = [_with_stories(self.stories, w, lambda x: [x[0], *x[1]]) for w in work]
        out: dict[tuple[int, int], tuple[int, int]] = {}
        disputes: dict[int, set[tuple[str, str]]] = defaultdict(set)
        for counts, figs in executor.map(_shared_chunk, items, executor.share(self.options)):
            for key, (carried, disputed) in counts.items():
                c0, d0 = out.get(key, (0, 0))
                out[key] = (c0 + carried, d0 + disputed)
            for k, texts in figs.items():
                disputes[k] |= texts
        return {(i, j): (*out.get((i, j), (0, 0)), frozenset(disputes.get(i, ())),
                         frozenset(disputes.get(j, ())))
                for (i, j) in {*out, *(k for k in pairs if k[0] in disputes or k[1] in disputes)}}

    def shared_for(self, near: list[tuple[int, list[int]]]
                   ) -> tuple[dict[tuple[int, int], tuple[int, int]], dict[int, set]]:
        """`shared_assertions` for articles i with their partners [j, …] (closest first)."""
        from .figures import compare, figures
        from .trace import TraceDoc, match_documents
        from .verify import _names, content_tokens, reported_content

        docs: dict[int, TraceDoc] = {}

        def doc(k: int) -> TraceDoc:
            if k not in docs:
                d = self.stories[k]
                docs[k] = TraceDoc(id=str(k), text=d.text, headline=d.headline,
                                   aliases=[e for e in d.entities if len(e) > 1])
            return docs[k]

        out: dict[tuple[int, int], tuple[int, int]] = {}
        disputes: dict[int, set[tuple[str, str]]] = defaultdict(set)
        for i, partners in near:
            pool = [doc(i)] + [doc(j) for j in partners]
            capitalised = {w.casefold() for d in pool
                           for w in re.findall(r"(?<=[a-z,;] )[A-Z]\w+", d.text)}
            spans = self._lede(i)[5][:self.options.lede_sentences]
            for s, e in spans:
                sentence = reported_content(self.stories[i].text[s:e])
                if len(sentence.split()) < 6:
                    continue
                named = bool(_names(sentence, common=lambda w: w not in capitalised))
                words = set(content_tokens(sentence))
                for step in match_documents(sentence, pool).claims:
                    j = int(step.article_id)
                    if j == i:
                        continue
                    if step.conflicting and not named:
                        # no name to anchor it: a disputed figure counts when the assertion
                        # is specific and carried whole ("will impose a 22.5 percent duty on
                        # imported steel from March"), not "400 residents were told to
                        # evacuate" against "2,300 residents were ordered to evacuate"
                        missing = words - set(content_tokens(step.sentence))
                        if len(words) < self.options.specific_words or len(missing) > 1:
                            continue
                    key = (i, j) if i < j else (j, i)
                    carried, disputed = out.get(key, (0, 0))
                    out[key] = (carried + 1, disputed + step.conflicting)
                    if step.conflicting:
                        theirs = [g for g in figures(step.sentence)
                                  if g.text in step.figures["conflict"]]
                        for f in figures(sentence):
                            for g in theirs:
                                if compare(f, g) == "conflict":
                                    disputes[i].add((f.text, g.text))
                                    disputes[j].add((g.text, f.text))
        return out, dict(disputes)


def _label(stories: list[StoryDoc], members: list[int], matrix, terms: tuple[str, ...]) -> str:
    """The earliest headline, else the cluster's three heaviest terms."""
    first = min(members, key=lambda i: date_key(stories[i].published, stories[i].id))
    if stories[first].headline:
        return stories[first].headline
    centroid = np.asarray(matrix[members].mean(axis=0)).ravel()
    return " ".join(terms[k] for k in centroid.argsort()[::-1][:3])


def cluster_stories(store: Any, options: ClusterOptions | None = None, *, save: bool = True,
                    use_analysis: bool = True,
                    executor: Executor | None = None) -> list[StoryCluster]:
    """Story clusters over every article of `store`; copies follow the duplicate groups the
    store holds (run `dedupe` first). With `use_analysis`, the names (with their aliases)
    and event keys come from the store's entities and events tables, read row by row (no
    Analysis is loaded). With `save`, replaces the store's `clusters` table. `executor`: as
    for `find_clusters` (`newstrace.scale.clusters` runs this on a Dask cluster)."""
    copies = {m: g.origin for g in store.duplicates() for m in g.members if m != g.origin}
    keys, entities = _stored_keys(store) if use_analysis else ({}, {})
    docs = []
    for rec in store.articles():
        doc = as_story_doc(rec)
        doc.keys = frozenset(keys.get(rec.id, ()))
        doc.entities = tuple(entities.get(rec.id, ()))
        docs.append(doc)
    clusters = find_clusters(docs, options, copies=copies, executor=executor)
    if save:
        store.replace_clusters(
            {"id": c.id, "label": c.label, "members": [m.id for m in c.members],
             "scores": {m.id: round(m.score, 4) for m in c.members}} for c in clusters)
    return clusters


def _stored_keys(store: Any) -> tuple[dict[str, set[str]], dict[str, list[tuple[str, ...]]]]:
    """Entity and event keys, and named entities with their aliases, of every stored article,
    from the entities and events tables."""
    import json

    from sqlalchemy import select

    from ..store import schema as t

    keys: dict[str, set[str]] = defaultdict(set)
    entities: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    e, ev = t.entities, t.events
    with store.engine.connect() as conn:
        for r in conn.execute(select(e.c.article_id, e.c.name, e.c.aliases)
                              .where(e.c.type.in_(NAMED))):
            keys[r.article_id].add(f"ent:{r.name.casefold()}")
            entities[r.article_id].append((r.name, *json.loads(r.aliases or "[]")))
        for r in conn.execute(select(ev.c.article_id, ev.c.type, ev.c.target_name)):
            keys[r.article_id].add(f"evt:{r.type}:{(r.target_name or '').casefold()}")
    return keys, entities


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
