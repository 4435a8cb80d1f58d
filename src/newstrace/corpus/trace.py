"""Claim tracing: the same claim across articles and outlets, in time order.

A claim matches when its text, with its own hedges taken out, is close to the query's
(rapidfuzz token_set_ratio over casefolded, accent-free words without stop words) and its
claimant agrees; an agreeing claimant adds `claimant_boost`, a different one costs
`claimant_penalty`. The carriers are listed by publication date: the first one is marked, and
each later one shows the hedges and evidence labels it added or dropped relative to the
carrier before it ("alleged drug boats" in one outlet, "drug boats" in the next).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from ..errors import NotStored
from .records import ClaimRecord, as_claim_record, date_key
from .shingles import words

_STOP = frozenset(
    "a an the of to in on at by for and or but is are was were be been being that this these "
    "those it its as with from".split()
)


@dataclass(frozen=True)
class TraceOptions:
    """threshold: the score (0–100) a claim needs. claimant_boost / claimant_penalty: added
    to or taken from the text score when both claimants are known and agree / differ."""

    threshold: float = 80.0
    claimant_boost: float = 10.0
    claimant_penalty: float = 25.0


@dataclass
class TraceStep:
    """One carrier of the claim."""

    ref: str
    article_id: str
    claim_id: str
    text: str
    claimant: str | None
    outlet: str | None
    published: str | None
    uri: str
    hedges: list[str]
    evidence: list[str]
    score: float
    first: bool = False
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
            "hedges_added": self.hedges_added, "hedges_dropped": self.hedges_dropped,
            "evidence_added": self.evidence_added, "evidence_dropped": self.evidence_dropped,
        }


@dataclass
class Trace:
    """The claim's carriers in time order (`claims`); `seed` is the claim the trace started
    from when it was given by id."""

    query: str
    seed: str | None
    claims: list[TraceStep]

    @property
    def first(self) -> TraceStep | None:
        return self.claims[0] if self.claims else None

    def to_dict(self) -> dict[str, Any]:
        """The JSON of `newstrace trace --format json`."""
        first = self.first
        return {
            "query": self.query,
            "seed": self.seed,
            "first": None if first is None else {"ref": first.ref, "outlet": first.outlet,
                                                  "published": first.published},
            "claims": [c.to_dict() for c in self.claims],
        }


def _strip(text: str, hedges: Iterable[str]) -> str:
    for h in sorted({h for h in hedges if h}, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(h)}(?!\w)", " ", text, flags=re.IGNORECASE)
    return text


def match_text(text: str, hedges: Iterable[str] = ()) -> str:
    """The words a claim is matched on: hedges out, casefolded, accents and stop words out."""
    return " ".join(w for w in words(_strip(text, hedges)) if w not in _STOP)


def _same_claimant(a: str, b: str) -> bool:
    wa, wb = set(words(a)) - _STOP, set(words(b)) - _STOP
    if not wa or not wb:
        return False
    return wa <= wb or wb <= wa or fuzz.token_sort_ratio(a.casefold(), b.casefold()) >= 85


def _present(hedge: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(hedge)}(?!\w)", text, flags=re.IGNORECASE) is not None


def match_claims(query: str | Any, claims: Iterable[Any], options: TraceOptions | None = None,
                 *, claimant: str | None = None) -> Trace:
    """Trace `query` (a claim text, or a claim record to start from) through `claims` (store
    ClaimRecords, corpus ClaimRecords or mappings). `claimant` restricts by agreement the way
    a seed claim's claimant does."""
    options = options or TraceOptions()
    seed: ClaimRecord | None = None
    if isinstance(query, str):
        qtext, qhedges = query, ()
    else:
        seed = as_claim_record(query)
        qtext, qhedges = seed.text, seed.hedges
        claimant = claimant or seed.claimant
    pool = [as_claim_record(c) for c in claims]
    # A text query's hedges are unknown: take out every hedge the corpus records.
    known = {h.casefold() for c in pool for h in c.hedges if h.strip()}
    qnorm = match_text(qtext, [*qhedges, *(h for h in known if _present(h, qtext))])
    choices = [match_text(c.text, c.hedges) for c in pool]
    low = options.threshold - (options.claimant_boost if claimant else 0.0)
    hits = process.extract(qnorm, choices, scorer=fuzz.token_set_ratio, score_cutoff=low,
                           limit=None) if qnorm else []
    steps: list[TraceStep] = []
    for _choice, score, idx in hits:
        c = pool[idx]
        if claimant and c.claimant:
            score += (options.claimant_boost if _same_claimant(claimant, c.claimant)
                      else -options.claimant_penalty)
        if seed is not None and c.ref == seed.ref:
            score = 100.0
        if score < options.threshold:
            continue
        steps.append(TraceStep(ref=c.ref, article_id=c.article_id, claim_id=c.claim_id,
                               text=c.text, claimant=c.claimant, outlet=c.outlet,
                               published=c.published, uri=c.uri, hedges=list(c.hedges),
                               evidence=list(c.evidence), score=min(float(score), 100.0)))
    steps.sort(key=lambda s: date_key(s.published, s.article_id) + (s.claim_id,))
    _mark_changes(steps)
    return Trace(query=qtext, seed=seed.ref if seed else None, claims=steps)


def _mark_changes(steps: list[TraceStep]) -> None:
    """First carrier, and hedges / evidence labels added or dropped against the previous
    carrier. A hedge recorded anywhere in the chain counts as carried wherever its words
    appear in the claim, so a hedge the analysis missed in one copy is not reported dropped."""
    chain_hedges = {h.casefold() for s in steps for h in s.hedges if h.strip()}
    previous_hedges: set[str] | None = None
    previous_evidence: set[str] | None = None
    for k, s in enumerate(steps):
        s.first = k == 0
        hedges = {h for h in chain_hedges if _present(h, s.text)}
        hedges |= {h.casefold() for h in s.hedges if h.strip()}
        evidence = set(s.evidence)
        if previous_hedges is not None and previous_evidence is not None:
            s.hedges_added = sorted(hedges - previous_hedges)
            s.hedges_dropped = sorted(previous_hedges - hedges)
            s.evidence_added = sorted(evidence - previous_evidence)
            s.evidence_dropped = sorted(previous_evidence - evidence)
        previous_hedges, previous_evidence = hedges, evidence


_REF = re.compile(r"^(?P<article>[0-9a-f]{40})[/:](?P<claim>\w+)$")


def find_claim(store: Any, ref: str) -> Any | None:
    """The stored claim with reference `ARTICLE_ID/CLAIM_ID` (None when the text is no
    reference); raises StoreError when it looks like one but is not stored."""
    m = _REF.match(ref.strip())
    if not m:
        return None
    for claim in store.claims(article_ids=[m.group("article")]):
        if claim.claim_id == m.group("claim"):
            return claim
    raise NotStored(f"no claim {m.group('claim')!r} in article {m.group('article')}",
                     input=ref)


def trace_claim(store: Any, text_or_id: str, options: TraceOptions | None = None, *,
                claimant: str | None = None) -> Trace:
    """Trace a claim through every claim of `store` (a `newstrace.store.Store`): the query is
    a claim text or a stored claim's reference `ARTICLE_ID/CLAIM_ID`. CLI: `newstrace trace`."""
    seed = find_claim(store, text_or_id)
    return match_claims(seed if seed is not None else text_or_id, store.claims(), options,
                        claimant=claimant)
