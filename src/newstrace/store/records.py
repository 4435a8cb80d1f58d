"""Light records the store hands out (plain frozen dataclasses, cheap to build in bulk)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ArticleRecord:
    """One stored article without its analysis.

    outlet: `origin_outlet` when the article credits one, else `source_outlet` (the outlet
    its container named: JSONL `outlet`, feed title, WARC host).
    """

    id: str
    uri: str
    url: str | None
    outlet: str | None
    origin_outlet: str | None
    source_outlet: str | None
    republished_by: tuple[str, ...]
    published: str | None
    headline: str | None
    text: str

    def to_dict(self, *, text: bool = True) -> dict:
        out = {"id": self.id, "uri": self.uri, "url": self.url, "outlet": self.outlet,
               "origin_outlet": self.origin_outlet, "source_outlet": self.source_outlet,
               "republished_by": list(self.republished_by), "published": self.published,
               "headline": self.headline}
        if text:
            out["text"] = self.text
        return out


@dataclass(frozen=True)
class ArticlePage:
    """One page of a filtered article listing: `total` articles match, `articles` are those
    from `offset` on (at most `limit`)."""

    total: int
    offset: int
    limit: int
    articles: tuple[ArticleRecord, ...]


@dataclass(frozen=True)
class ClaimRecord:
    """One stored claim with what tracing needs from its article.

    ref: "<article_id>/<claim_id>", unique in the corpus. span: offsets into the article text.
    """

    ref: str
    article_id: str
    claim_id: str
    text: str
    span: tuple[int, int]
    claimant: str | None
    claimant_entity: str | None
    hedges: tuple[str, ...]
    evidence: tuple[str, ...]
    evidence_cues: tuple[str, ...]
    sources: tuple[str, ...]
    outlet: str | None
    published: str | None
    uri: str
    url: str | None


@dataclass(frozen=True)
class DuplicateGroup:
    """Copies of one article: `members` in republication order, the origin first."""

    origin: str
    members: tuple[str, ...]
    similarity: dict[str, float] = field(default_factory=dict)  # member id → to the origin


@dataclass(frozen=True)
class Cluster:
    """Articles on one story that are not copies of each other."""

    id: int
    members: tuple[str, ...]
    label: str | None = None
    scores: dict[str, float] = field(default_factory=dict)  # member id → membership score


@dataclass(frozen=True)
class FailureRecord:
    """An input that could not be stored, and why."""

    uri: str
    code: str
    message: str
    time: str


@dataclass(frozen=True)
class SearchHit:
    """One search result. kind: article, quote or claim; span: offsets into the article text
    (the whole body for an article hit)."""

    kind: str
    article_id: str
    text: str
    span: tuple[int, int]
    speaker: str | None
    outlet: str | None
    published: str | None
    headline: str | None
    uri: str
    evidence: tuple[str, ...] = ()
    score: float = 0.0

    def to_dict(self) -> dict:
        return {"kind": self.kind, "article_id": self.article_id, "text": self.text,
                "span": list(self.span), "speaker": self.speaker, "outlet": self.outlet,
                "published": self.published, "headline": self.headline, "uri": self.uri,
                "evidence": list(self.evidence), "score": self.score}
