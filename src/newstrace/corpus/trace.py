"""Claim tracing: the same checkable assertion across articles and outlets, in time order.

A trace starts from a query (a claim's text, or a stored claim's reference) and looks at every
sentence of the candidate articles, not only at the claims the extractor found:

1. candidates: the articles the store's full-text index ranks highest for the query's words
   and names (SQLite FTS5 bm25, PostgreSQL ts_rank; `TraceOptions.candidates` of them), or
   every article of a small corpus;
2. passages: each sentence, and each pair of neighbouring sentences (an assertion split over
   two sentences);
3. the verifier (`verify.py`) compares each passage with the query: words (TF-IDF cosine and
   IDF-weighted coverage), figures normalised with their units and hedges (`figures.py`),
   names through stored aliases, polarity and predicate direction; the best passage of an
   article decides whether the article carries the assertion and how sure that is (`score`,
   0–100). A passage the bag-of-words baseline would take (cosine ≥ `lexical_floor`) is a
   carrier unless the verifier vetoes it.

Each carrier reports the claimant, hedges and evidence labels of the stored claims its passage
overlaps (hedges found in the passage itself too: figure qualifiers such as "more than" count
only on a matched figure, other hedges only in a clause that holds the query's words), the
hedges and evidence labels it added or dropped against the first carrier by publication time,
and whether it is `conflicting`: the same assertion with a different figure or date.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from ..errors import NotStored, QueryError, StoreError
from .executor import Executor, LocalExecutor, chunks
from .records import ClaimRecord, as_claim_record, as_doc_record, date_key, record_outlet
from .verify import (
    Assertion,
    Verdict,
    assertion,
    clause_hedges,
    compare_figures,
    content_tokens,
    name_found,
    polarity_flipped,
    raw_tokens,
    stem,
    trivial,
)


@dataclass(frozen=True)
class TraceOptions:
    """threshold: the score (0–100) a carrier needs. lexical_floor: a TF-IDF cosine that makes
    a carrier by itself unless the verifier vetoes it (the bag-of-words rule). candidates: how
    many articles the full-text index proposes. conflict_coverage: the share of the query's
    words a passage with a different figure needs to be a conflicting carrier (with fewer it
    is another story). unmeasured_coverage: the share a passage stating none of the query's
    figures needs. weights: of coverage, cosine and anchors (figures, names, the predicate's
    direction) in the score. pair_discount: on the scores of two-sentence passages.
    min_coverage: passages below it (and below lexical_floor) are not verified;
    passages_per_article: the best passages of each article that are. min_words: content
    words a passage needs (a heading such as "Bugs fixed" carries no assertion). claimant_boost /
    claimant_penalty: added to / taken from the score when a claimant is asked for and the
    carrier's agrees / differs. anchor_coverage: below this share of the query's words, and
    with no figure agreeing, names and the predicate's direction add nothing beyond the
    coverage itself."""

    threshold: float = 55.0
    lexical_floor: float = 0.3
    candidates: int = 100
    conflict_coverage: float = 0.6
    weights: tuple[float, float, float] = (0.4, 0.2, 0.4)
    pair_discount: float = 0.9
    min_coverage: float = 0.15
    passages_per_article: int = 4
    min_words: int = 3
    unmeasured_coverage: float = 0.85
    claimant_boost: float = 10.0
    anchor_coverage: float = 0.35
    claimant_penalty: float = 50.0


@dataclass
class TraceStep:
    """One carrier of the claim: the article, the passage that carries it and how."""

    ref: str
    article_id: str
    claim_id: str | None
    text: str  # the stored claim the passage overlaps, else the passage
    claimant: str | None
    outlet: str | None
    published: str | None
    uri: str
    hedges: list[str]
    evidence: list[str]
    score: float
    first: bool = False
    conflicting: bool = False
    span: tuple[int, int] | None = None  # the passage's offsets into the article text
    sentence: str = ""  # the passage: the sentence (or two) that carries the assertion
    figures: dict[str, list[str]] = field(default_factory=dict)
    why: list[str] = field(default_factory=list)
    hedges_added: list[str] = field(default_factory=list)
    hedges_dropped: list[str] = field(default_factory=list)
    evidence_added: list[str] = field(default_factory=list)
    evidence_dropped: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ref": self.ref, "article_id": self.article_id, "claim_id": self.claim_id,
            "text": self.text, "claimant": self.claimant, "outlet": self.outlet,
            "published": self.published, "uri": self.uri, "hedges": self.hedges,
            "evidence": self.evidence, "score": round(self.score, 1), "first": self.first,
            "conflicting": self.conflicting,
            "span": list(self.span) if self.span else None, "sentence": self.sentence,
            "figures": self.figures,
            "why": self.why,
            "hedges_added": self.hedges_added, "hedges_dropped": self.hedges_dropped,
            "evidence_added": self.evidence_added, "evidence_dropped": self.evidence_dropped,
        }


@dataclass
class Trace:
    """The claim's carriers in time order (`claims`); `seed` is the claim the trace started
    from when it was given by reference."""

    query: str
    seed: str | None
    claims: list[TraceStep]

    @property
    def first(self) -> TraceStep | None:
        return self.claims[0] if self.claims else None

    @property
    def conflicting(self) -> list[TraceStep]:
        return [s for s in self.claims if s.conflicting]

    def to_dict(self) -> dict[str, Any]:
        """The JSON of `newstrace trace --format json`."""
        first = self.first
        return {
            "query": self.query,
            "seed": self.seed,
            "first": None if first is None else {"ref": first.ref, "outlet": first.outlet,
                                                  "published": first.published},
            "conflicting": [s.ref for s in self.claims if s.conflicting],
            "claims": [c.to_dict() for c in self.claims],
        }


# -- documents and passages ---------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Inc|Corp|"
                     r"Ltd|Co|Jr|Sr|No|vs|U\.S|U\.K|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|"
                     r"Oct|Nov|Dec|[A-Z])\.)$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text` (a simple splitter that keeps titles such as
    "Dr." and initials inside their sentence)."""
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group(0).strip() == "" and "\n" not in m.group(0) and \
                _ABBREV.search(text[max(start, m.start() - 8):m.start()]):
            continue
        if text[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append((s, e))
    return out


@dataclass
class TraceDoc:
    """What tracing needs of one article: its text and dates, the stored claims (with spans)
    and the names and aliases of its entities."""

    id: str
    text: str
    uri: str = ""
    outlet: str | None = None
    published: str | None = None
    headline: str | None = None
    claims: list[Any] = field(default_factory=list)  # store ClaimRecords or mappings with span
    aliases: list[tuple[str, ...]] = field(default_factory=list)  # (name, *aliases) per entity


def as_trace_doc(obj: Any) -> TraceDoc:
    if isinstance(obj, TraceDoc):
        return obj
    rec = as_doc_record(obj)
    return TraceDoc(id=rec.id, text=rec.text, uri=rec.uri,
                    outlet=record_outlet(rec) or rec.origin_outlet, published=rec.published,
                    headline=rec.headline)


@dataclass
class _Passage:
    doc: int
    span: tuple[int, int]
    pair: bool
    parts: tuple[int, ...]  # indices of its sentences among the single passages


def _passages(docs: Sequence[TraceDoc]) -> tuple[list[_Passage], list[list[str]]]:
    """Every sentence, then every pair of neighbouring sentences; and the content tokens of
    each sentence."""
    singles: list[_Passage] = []
    tokens: list[list[str]] = []
    pairs: list[_Passage] = []
    for k, d in enumerate(docs):
        spans = sentence_spans(d.text)
        base = len(singles)
        for i, (s, e) in enumerate(spans):
            singles.append(_Passage(k, (s, e), False, (base + i,)))
            tokens.append(content_tokens(d.text[s:e]))
            if i + 1 < len(spans):
                pairs.append(_Passage(k, (s, spans[i + 1][1]), True, (base + i, base + i + 1)))
    return singles + pairs, tokens


@dataclass
class PoolStats:
    """What the words of a pool of articles weigh: its sentences, the number of sentences
    each content word is in, and the words written capitalised inside a sentence (names).
    A reduction: the stats of a pool are the merged stats of its parts."""

    sentences: int = 0
    df: Counter = field(default_factory=Counter)
    capitalised: set[str] = field(default_factory=set)


def pool_stats(item: tuple[int, list[TraceDoc]], _shared: Any = None) -> PoolStats:
    """The PoolStats of a chunk (offset, docs) of the pool."""
    stats = PoolStats()
    for d in item[1]:
        for s, e in sentence_spans(d.text):
            stats.sentences += 1
            stats.df.update(set(content_tokens(d.text[s:e])))
        stats.capitalised.update(w.casefold() for w in re.findall(r"(?<=[a-z,;] )[A-Z]\w+",
                                                                  d.text))
    return stats


def merge_stats(a: PoolStats, b: PoolStats) -> PoolStats:
    a.sentences += b.sentences
    a.df.update(b.df)
    a.capitalised |= b.capitalised
    return a


@dataclass(frozen=True)
class Lexicon:
    """The pool's words (sorted: a word's column is the same in every part of the pool) and
    their IDF over its sentences, ln((n + 1) / (df + 1)) + 1 (`unseen`: a word in none)."""

    index: dict[str, int]
    idf: np.ndarray
    unseen: float


def lexicon(stats: PoolStats) -> Lexicon:
    terms = sorted(stats.df)
    n = stats.sentences
    df = np.array([stats.df[t] for t in terms], dtype=np.float64)
    return Lexicon({t: k for k, t in enumerate(terms)}, np.log((n + 1) / (df + 1)) + 1.0,
                   float(np.log(n + 1) + 1.0))


def _lexical_scores(q_tokens: list[str], passages: list[_Passage], tokens: list[list[str]],
                    lex: Lexicon):
    """TF-IDF cosine and IDF-weighted coverage of the query's words for every passage (IDF
    over the sentences of the whole pool, `lex`), as two arrays."""
    import numpy as np
    from scipy.sparse import csr_matrix

    vocab = lex.index
    rows, cols = [], []
    for r, toks in enumerate(tokens):
        for t in toks:
            rows.append(r)
            cols.append(vocab[t])
    n = len(tokens)
    counts = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(vocab)))
    counts.sum_duplicates()
    idf = lex.idf
    unseen = lex.unseen
    prow, pcol = [], []
    for r, p in enumerate(passages):
        for part in p.parts:
            prow.append(r)
            pcol.append(part)
    compose = csr_matrix((np.ones(len(prow)), (prow, pcol)), shape=(len(passages), n))
    m = compose @ counts
    weighted = m.multiply(idf.reshape(1, -1)).tocsr()
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    qv = np.zeros(len(vocab))
    q_norm_sq = 0.0
    covered_w = np.zeros(len(vocab))
    q_total = 0.0
    tf: dict[str, int] = {}
    for t in q_tokens:
        tf[t] = tf.get(t, 0) + 1
    for t, c in tf.items():
        col = vocab.get(t)
        w = idf[col] if col is not None else unseen
        q_norm_sq += (c * w) ** 2
        q_total += w
        if col is not None:
            qv[col] = c * w
            covered_w[col] = w
    dot = weighted @ qv
    q_norm = float(np.sqrt(q_norm_sq)) or 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        cos = np.where(norms > 0, dot / (norms * q_norm), 0.0)
    present = m.copy()
    present.data[:] = 1.0
    cov = (present @ covered_w) / q_total if q_total else np.zeros(len(passages))
    return cos, cov


# -- matching -----------------------------------------------------------------------------


def _claim_span(c: Any) -> tuple[int, int] | None:
    span = c.get("span") if isinstance(c, Mapping) else getattr(c, "span", None)
    if span and span[0] is not None:
        return int(span[0]), int(span[1])
    return None


def _overlapping(doc: TraceDoc, span: tuple[int, int]) -> list[Any]:
    out = []
    for c in doc.claims:
        cs = _claim_span(c)
        if cs and cs[0] < span[1] and cs[1] > span[0]:
            out.append(c)
    return out


_ATTRIBUTION = re.compile(
    r"according to (?P<a>[^,.;]+)|[,—]\s*(?P<b>(?:the\s+)?[A-Z]?[\w.' -]{2,60}?)\s+"
    r"(?:said|says|told|announced|reported|warned|added)\b|\b(?:said|says)\s+(?P<c>[A-Z][\w.' -]{2,60}?)[,.]")


def _claimant_of(text: str) -> str | None:
    m = _ATTRIBUTION.search(text)
    if not m:
        return None
    who = (m.group("a") or m.group("b") or m.group("c") or "").strip()
    return who or None


def _hedges(doc: TraceDoc, span: tuple[int, int], q: Assertion, v: Verdict,
            claims: list[Any]) -> list[str]:
    """The passage's hedges on the query's assertion (see the module docstring)."""
    from ..analyze.hedges import find_hedges

    from .figures import words_of

    s, e = span
    passage = doc.text[s:e]
    found: list[tuple[int, int, str]] = []
    for h in find_hedges(passage):
        if h.kind != "number":
            found.append((h.start, h.end, h.text))
    modal = words_of("modal")
    for m in re.finditer(r"\b\w+\b", passage):
        if m.group(0).casefold() in modal:
            found.append((m.start(), m.end(), m.group(0)))
    for c in claims:
        for h in (c.get("hedges") if isinstance(c, Mapping) else getattr(c, "hedges", ())) or ():
            text = h if isinstance(h, str) else getattr(h, "text", "")
            pos = passage.casefold().find(text.casefold())
            if text and pos >= 0 and text.casefold() not in words_of("qualifier"):
                found.append((pos, pos + len(text), text))
    fig_spans = [(uf.span[0], uf.span[1]) for _, uf in v.agree + v.conflict]
    kept = clause_hedges(passage, found, q, fig_spans)
    kept += [uf.qualifier for _, uf in v.agree + v.conflict if uf.qualifier]
    out: list[str] = []
    for h in sorted(set(kept), key=len, reverse=True):
        if not any(h in longer for longer in out):
            out.append(h)
    return sorted(out)


def _verify(q: Assertion, doc: TraceDoc, p: _Passage, cos: float, cov: float,
            options: TraceOptions, doc_tokens, parts: list[Assertion]) -> Verdict:
    """`parts`: the Assertions of the passage's sentences; `doc_tokens()`: the article's
    words (for names stated elsewhere in it)."""
    u_text = doc.text[p.span[0]:p.span[1]]
    v = Verdict(score=0.0, cosine=cos, coverage=cov)
    u = parts[0] if len(parts) == 1 else _merge(u_text, parts)
    v.agree, v.conflict, v.missing = compare_figures(q, u)
    u_tokens = raw_tokens(u_text)
    in_article = 0
    for name in q.names:
        alias_forms = [x for a in doc.aliases if any(y.casefold() == name.casefold() for y in a)
                       for x in a]
        if name_found(name, u_text, u_tokens, alias_forms):
            v.names_found.append(name)
        else:
            v.names_missing.append(name)
            if name_found(name, (doc.headline or "") + " " + doc.text, doc_tokens(),
                          alias_forms):
                in_article += 1
    # anchors: figures, names and the predicate's direction, each agreeing (1), unstated
    # (a figure or direction the passage does not give, a name only elsewhere in the
    # article: 0.5) or against (0)
    total = len(v.agree) + len(v.conflict) + len(v.missing) + len(q.names)
    good = len(v.agree) + 0.5 * len(v.missing) + len(v.names_found) + 0.5 * in_article
    if q.directions:
        total += 1
        good += 1.0 if q.directions & u.directions else (0.5 if not u.directions else 0.0)
    anchor = good / total if total else cov
    if not (v.agree or v.conflict or v.missing or q.directions) or \
            (cov < options.anchor_coverage and not v.agree):
        # names alone say what it is about, not what it asserts; names and a direction
        # ("U.S.", "rose") over a passage with few of the query's words neither
        anchor = min(anchor, cov)
    w_cov, w_cos, w_anchor = options.weights
    v.score = 100.0 * (w_cov * cov + w_cos * min(1.0, cos / 0.6) + w_anchor * anchor)
    # vetoes (each sentence of a pair on its own: "cut … to 3.5 %. … after Norland raised")
    flipped = next((f for f in (polarity_flipped(q, x) for x in parts) if f), None)
    against = next((x.directions for x in parts
                    if q.directions and x.directions and not (q.directions & x.directions)), None)
    measured = [f for f in q.figures if f.kind != "year" and not f.derived and not trivial(f)]
    stated = {id(qf) for qf, _ in v.agree + v.conflict}
    if flipped:
        v.veto = f"polarity: {flipped!r}"
    elif against:
        v.veto = f"direction: {'/'.join(sorted(against))} against " \
                 f"{'/'.join(sorted(q.directions))}"
    elif q.names and not v.names_found and not in_article:
        v.veto = "names: none of the query's names in the article"
    elif measured and not any(id(f) in stated for f in measured) and \
            cov < options.unmeasured_coverage:
        v.veto = "figures: none of the query's figures stated"
    if v.veto:
        v.why.append(v.veto)
        return v
    if v.conflict:
        strong = cov >= options.conflict_coverage and not v.names_missing
        if strong:
            v.conflicting = True
            v.accepted = True
            v.why.append("conflicting figure: " + "; ".join(
                f"{uf.text} against {qf.text}" for qf, uf in v.conflict))
            return v
        if not v.agree:
            v.why.append("another figure, without the rest of the assertion")
            return v
    if len(v.agree) >= 2 and not v.conflict and not v.names_missing and \
            any(qf.kind != "year" for qf, _ in v.agree):
        v.accepted = True
        v.why.append("figures and names agree: " + "; ".join(f"{uf.text} ~ {qf.text}"
                                                            for qf, uf in v.agree))
        return v
    if v.score >= options.threshold:
        v.accepted = True
        v.why.append(f"score {v.score:.0f}")
    elif cos >= options.lexical_floor and not p.pair:  # the baseline compares sentences
        v.accepted = True
        v.why.append(f"words: cosine {cos:.2f}")
    if v.accepted and v.agree:
        v.why.append("figures agree: " + "; ".join(f"{uf.text} ~ {qf.text}"
                                                   for qf, uf in v.agree))
    if v.accepted and v.conflict:  # the same thing (its other figures agree), another figure
        v.conflicting = True
        v.why.append("conflicting figure: " + "; ".join(
            f"{uf.text} against {qf.text}" for qf, uf in v.conflict))
    return v


def _merge(text: str, parts: list[Assertion]) -> Assertion:
    """The Assertion of two neighbouring sentences from theirs (figure spans shifted to the
    pair's text)."""
    from dataclasses import replace

    figs = []
    offset = 0
    for part in parts:
        offset = text.find(part.text, offset)
        figs += [replace(f, span=(f.span[0] + offset, f.span[1] + offset)) for f in part.figures]
        offset += len(part.text)
    return Assertion(text=text, tokens=[t for a in parts for t in a.tokens], figures=figs,
                     names=[n for a in parts for n in a.names],
                     negations=[], directions=set().union(*(a.directions for a in parts)))


_ARTICLES = frozenset({"the", "a", "an", "of"})


def _same_claimant(a: str, b: str) -> bool:
    """"Trump" and "President Donald Trump" agree; "Trump" and "Maduro" do not."""
    wa = {stem(w) for w in re.findall(r"\w+", a.casefold())} - _ARTICLES
    wb = {stem(w) for w in re.findall(r"\w+", b.casefold())} - _ARTICLES
    return bool(wa and wb and (wa <= wb or wb <= wa))


def best_passages(item: tuple[int, list[TraceDoc]], shared: tuple
                  ) -> dict[int, tuple[Verdict, _Passage]]:
    """The carrying passage of each article of a chunk (offset, docs) of the pool that
    carries the query (`shared`: the query's Assertion, the pool's Lexicon, the options),
    by the article's index in the pool. Each article's answer depends only on it and on
    `shared`, so the pool may be cut anywhere."""
    offset, pool = item
    q, lex, options = shared
    passages, tokens = _passages(pool)
    best: dict[int, tuple[Verdict, _Passage]] = {}
    doc_tokens: dict[int, set[str]] = {}
    sentence_assertions: dict[int, Assertion] = {}

    def part(i: int) -> Assertion:
        if i not in sentence_assertions:
            sp = passages[i].span
            sentence_assertions[i] = assertion(pool[passages[i].doc].text[sp[0]:sp[1]])
        return sentence_assertions[i]

    def words_of_doc(k: int):
        def get() -> set[str]:
            if k not in doc_tokens:
                d = pool[k]
                doc_tokens[k] = raw_tokens((d.headline or "") + " " + d.text)
            return doc_tokens[k]
        return get
    order: list[tuple[float, float, int]] = []
    if passages:
        cosines, coverages = _lexical_scores(q.tokens, passages, tokens, lex)
        if options.pair_discount != 1.0:
            pairs = [k for k, p in enumerate(passages) if p.pair]
            cosines[pairs] *= options.pair_discount
            coverages[pairs] *= options.pair_discount
        per_doc: dict[int, list[tuple[float, int]]] = {}
        sizes = np.array([sum(len(tokens[i]) for i in p.parts) for p in passages])
        for k in np.flatnonzero(((coverages >= options.min_coverage) |
                                 (cosines >= options.lexical_floor)) &
                                (sizes >= options.min_words)):
            per_doc.setdefault(passages[k].doc, []).append(
                (float(coverages[k] + cosines[k]), int(k)))
        for ranked in per_doc.values():  # the best few passages of each article
            order += [(0.0, 0.0, k) for _, k in sorted(ranked, reverse=True)
                      [:options.passages_per_article]]
    for _, _, k in order:
        p = passages[k]
        cos, cov = float(cosines[k]), float(coverages[k])
        doc = pool[p.doc]
        v = _verify(q, doc, p, cos, cov, options, words_of_doc(p.doc),
                    [part(i) for i in p.parts])
        if not v.accepted:
            continue
        old = best.get(p.doc)
        key = (not v.conflicting, v.score)
        if old is None or key > (not old[0].conflicting, old[0].score):
            best[p.doc] = (v, p)
    return {offset + k: (v, replace(p, doc=offset + k)) for k, (v, p) in sorted(best.items())}


def match_documents(query: str | Any, docs: Iterable[Any], options: TraceOptions | None = None,
                    *, claimant: str | None = None, executor: Executor | None = None) -> Trace:
    """Trace `query` (a claim text, or a claim record to start from) through the sentences of
    `docs` (TraceDocs, store article records, Analysis objects or mappings). `claimant`
    prefers carriers whose claimant agrees. `executor`: where the pool's word statistics
    (a reduction) and the verification of its articles (in chunks) run: this process by
    default, a Dask cluster with `newstrace.scale.DaskExecutor` (the same trace)."""
    options = options or TraceOptions()
    seed: ClaimRecord | None = None
    if isinstance(query, str):
        qtext = query
    else:
        seed = as_claim_record(query)
        qtext = seed.text
        claimant = claimant or seed.claimant
    pool = [as_trace_doc(d) for d in docs]
    executor = executor or LocalExecutor()
    # the pool in chunks of articles (what the verifier reads of them: no stored claims)
    parts = executor.put((k, [replace(d, claims=[]) for d in pool[k:k + executor.chunk]])
                         for k in range(0, len(pool), executor.chunk))
    stats = executor.reduce(pool_stats, parts, merge_stats) or PoolStats()
    capitalised = stats.capitalised
    q = assertion(qtext, common=lambda w: w not in capitalised)
    steps: list[TraceStep] = []
    if not q.tokens and not q.figures:
        return Trace(query=qtext, seed=seed.ref if seed else None, claims=[])
    best: dict[int, tuple[Verdict, _Passage]] = {}
    for found in executor.map(best_passages, parts,
                              executor.share((q, lexicon(stats), options))):
        best.update(found)
    if seed is not None:
        for k, d in enumerate(pool):
            if d.id == seed.article_id and k not in best:
                span = seed_span(d, seed)
                best[k] = (Verdict(score=100.0, cosine=1.0, coverage=1.0, accepted=True,
                                   why=["the seed claim"]), _Passage(k, span, False, ()))
    for k, (v, p) in best.items():
        doc = pool[k]
        claims = _overlapping(doc, p.span)
        passage = doc.text[p.span[0]:p.span[1]]
        who = next((c.get("claimant") if isinstance(c, Mapping) else getattr(c, "claimant", None)
                    for c in claims if (c.get("claimant") if isinstance(c, Mapping)
                                        else getattr(c, "claimant", None))), None)
        if who is not None and not isinstance(who, str):
            who = getattr(who, "name", None)
        who = who or _claimant_of(passage)
        score = v.score
        if claimant and who:
            score += (options.claimant_boost if _same_claimant(claimant, who)
                      else -options.claimant_penalty)
            if score < options.threshold and not (seed and doc.id == seed.article_id):
                continue
        evidence: list[str] = []
        for c in claims:
            for label in (c.get("evidence") if isinstance(c, Mapping)
                          else getattr(c, "evidence", ())) or ():
                if label not in evidence:
                    evidence.append(label)
        claim_id, text = None, passage
        if claims:
            c0 = claims[0]
            claim_id = c0.get("claim_id") if isinstance(c0, Mapping) else \
                getattr(c0, "claim_id", None)
            text = (c0.get("text") if isinstance(c0, Mapping) else getattr(c0, "text", None)) \
                or passage
        if seed is not None and doc.id == seed.article_id:
            claim_id = seed.claim_id
        ref = f"{doc.id}/{claim_id}" if claim_id else f"{doc.id}:{p.span[0]}-{p.span[1]}"
        steps.append(TraceStep(
            ref=ref, article_id=doc.id, claim_id=claim_id, text=text, sentence=passage,
            claimant=who,
            outlet=doc.outlet, published=doc.published, uri=doc.uri,
            hedges=_hedges(doc, p.span, q, v, claims), evidence=evidence,
            score=min(100.0, max(0.0, score)), conflicting=v.conflicting, span=p.span,
            figures={"agree": [uf.text for _, uf in v.agree],
                     "conflict": [uf.text for _, uf in v.conflict],
                     "missing": [qf.text for qf in v.missing]},
            why=v.why))
    steps.sort(key=lambda s: date_key(s.published, s.article_id))
    _mark_changes(steps)
    return Trace(query=qtext, seed=seed.ref if seed else None, claims=steps)


def seed_span(doc: TraceDoc, seed: ClaimRecord) -> tuple[int, int]:
    pos = doc.text.find(seed.text)
    return (pos, pos + len(seed.text)) if pos >= 0 else (0, min(len(doc.text), 200))


def match_claims(query: str | Any, claims: Iterable[Any], options: TraceOptions | None = None,
                 *, claimant: str | None = None) -> Trace:
    """Trace `query` through claim records alone (store or corpus ClaimRecords, or mappings):
    each claim's text is a one-sentence article. Kept for corpora without article texts; a
    store is traced over all its sentences by `trace_claim`."""
    docs = []
    for c in claims:
        rec = as_claim_record(c)
        docs.append(TraceDoc(
            id=rec.article_id, text=rec.text, uri=rec.uri, outlet=rec.outlet,
            published=rec.published,
            claims=[{"claim_id": rec.claim_id, "span": (0, len(rec.text)), "text": rec.text,
                     "claimant": rec.claimant, "hedges": list(rec.hedges),
                     "evidence": list(rec.evidence)}]))
    return match_documents(query, docs, options, claimant=claimant)


def _mark_changes(steps: list[TraceStep]) -> None:
    """First carrier, and the hedges / evidence labels each carrier added or dropped against
    the first carrier."""
    if not steps:
        return
    first_h = {h.casefold() for h in steps[0].hedges}
    first_e = set(steps[0].evidence)
    for k, s in enumerate(steps):
        s.first = k == 0
        if k == 0:
            continue
        hedges = {h.casefold() for h in s.hedges}
        evidence = set(s.evidence)
        s.hedges_added = sorted(hedges - first_h)
        s.hedges_dropped = sorted(first_h - hedges)
        s.evidence_added = sorted(evidence - first_e)
        s.evidence_dropped = sorted(first_e - evidence)


# -- the store ----------------------------------------------------------------------------

_REF = re.compile(r"^(?P<article>[0-9a-f]{40})[/:](?P<claim>\w+)$")
_REF_LIKE = re.compile(r"^[0-9a-f]{8,}[/:]c?\d+$")


def find_claim(store: Any, ref: str) -> Any | None:
    """The stored claim with reference `ARTICLE_ID/CLAIM_ID` (None when the text is no
    reference); raises NotStored when it is a reference but no such claim is stored, and
    QueryError when it only looks like one (a short article id): the trace never falls back
    to tracing a reference as text."""
    text = ref.strip()
    m = _REF.match(text)
    if not m:
        if _REF_LIKE.match(text):
            raise QueryError(f"{text!r} looks like a claim reference but an article id has 40 "
                             "hex digits (ARTICLE_ID/CLAIM_ID, as `newstrace search --kind "
                             "claim --format json` lists them)", input=text)
        return None
    for claim in store.claims(article_ids=[m.group("article")]):
        if claim.claim_id == m.group("claim"):
            return claim
    if not store.has_article(m.group("article")):
        raise NotStored(f"no claim {m.group('claim')!r}: article {m.group('article')} is not "
                        "stored", input=ref)
    raise NotStored(f"no claim {m.group('claim')!r} in article {m.group('article')}",
                    input=ref)


def query_terms(text: str) -> list[str]:
    """The words a full-text query for `text` uses: its content words, longest first."""
    from .verify import stop_words

    seen: dict[str, None] = {}
    for w in re.findall(r"[^\W\d_]{3,}", text):
        lw = w.casefold()
        if lw not in stop_words():
            seen.setdefault(lw)
    return sorted(seen, key=len, reverse=True)[:16]


def candidate_ids(store: Any, text: str, limit: int, *, common: int = 2000) -> list[str]:
    """Ids of the articles the full-text index ranks highest for any word of `text`. Words
    found in more than `common` articles are left out of the ranked query (their postings
    are long and rank little) unless fewer than two rarer words remain."""
    from sqlalchemy import func, literal_column, select, text as sql_text

    from ..store import schema as t
    from ..store.search import PG_DOCUMENT

    terms = query_terms(text)
    if not terms:
        return []
    a = t.articles
    with store.engine.connect() as conn:
        if store.dialect == "sqlite":
            def quote(w: str) -> str:
                return '"' + w.replace('"', '""') + '"'

            counts = {w: conn.execute(sql_text(
                "SELECT count(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts "
                "MATCH :q LIMIT :k)"), {"q": quote(w), "k": common + 1}).scalar_one()
                for w in terms}
            rare = [w for w in terms if 0 < counts[w] <= common]
            if len(rare) < 2:
                rare += sorted((w for w in terms if counts[w] > common),
                               key=lambda w: counts[w])[:2 - len(rare)]
            if not rare:
                return []
            rows = conn.execute(sql_text(
                "SELECT a.id FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid "
                "WHERE articles_fts MATCH :q ORDER BY articles_fts.rank LIMIT :k"),
                {"q": " OR ".join(quote(w) for w in rare), "k": limit}).all()
        elif store.dialect == "postgresql":
            doc = literal_column(PG_DOCUMENT["articles"])
            tsq = func.to_tsquery(literal_column("'english'::regconfig"),
                                  " | ".join(re.sub(r"\W", "", w) for w in terms))
            rows = conn.execute(select(a.c.id).where(doc.op("@@")(tsq))
                                .order_by(func.ts_rank(doc, tsq).desc()).limit(limit)).all()
        else:
            raise StoreError(f"tracing is not supported on {store.dialect}")
    return [r[0] for r in rows]


def _aliases(store: Any, ids: list[str]) -> dict[str, list[tuple[str, ...]]]:
    import json

    from sqlalchemy import select

    from ..store import schema as t

    e = t.entities
    out: dict[str, list[tuple[str, ...]]] = {}
    with store.engine.connect() as conn:
        for i in range(0, len(ids), 500):
            rows = conn.execute(select(e.c.article_id, e.c.name, e.c.aliases)
                                .where(e.c.article_id.in_(ids[i:i + 500]))).all()
            for r in rows:
                aliases = tuple(json.loads(r.aliases or "[]"))
                if aliases:
                    out.setdefault(r.article_id, []).append((r.name, *aliases))
    return out


def load_docs(store: Any, ids: list[str]) -> list[TraceDoc]:
    """TraceDocs for stored articles: text, outlet, date, claims and entity aliases."""
    claims: dict[str, list[Any]] = {}
    for c in store.claims(article_ids=ids):
        claims.setdefault(c.article_id, []).append(c)
    aliases = _aliases(store, ids)
    docs = []
    for rec in store.articles(ids=ids):
        d = as_trace_doc(rec)
        d.outlet = getattr(rec, "outlet", None) or d.outlet  # as stored (and as search shows)
        d.claims = claims.get(rec.id, [])
        d.aliases = aliases.get(rec.id, [])
        docs.append(d)
    return docs


def trace_claim(store: Any, text_or_id: str, options: TraceOptions | None = None, *,
                claimant: str | None = None, executor: Executor | None = None) -> Trace:
    """Trace a claim through the sentences of the articles of `store` (a
    `newstrace.store.Store`): the query is a claim text or a stored claim's reference
    `ARTICLE_ID/CLAIM_ID` (an unknown reference raises StoreError). CLI: `newstrace trace`.
    `executor`: as for `match_documents` (`newstrace.scale.trace` runs it on Dask)."""
    options = options or TraceOptions()
    seed = find_claim(store, text_or_id)
    qtext = seed.text if seed is not None else text_or_id
    ids = candidate_ids(store, qtext, options.candidates)
    if seed is not None and seed.article_id not in ids:
        ids.append(seed.article_id)
    docs = load_docs(store, ids)
    return match_documents(seed if seed is not None else text_or_id, docs, options,
                           claimant=claimant, executor=executor)
