"""The data model of newstrace (pydantic v2). The JSON of `newstrace analyze --format json`
is `Analysis.model_dump(mode="json")`; its schema is `Analysis.model_json_schema()`.

Every span is a `[start, end)` pair of character offsets into `Article.text` (the cleaned body),
so that `text[start:end]` is exactly the item's text.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SerializationInfo, model_serializer

SCHEMA = "newstrace/1"

Span = tuple[int, int]

InputFormat = Literal["text", "html", "jsonl", "feed", "warc"]
QuoteKind = Literal["direct", "partial", "term"]
EvidenceLabel = Literal["unsupported", "supported", "reported", "contested", "unqualified"]
EVIDENCE_LABELS: tuple[str, ...] = ("unsupported", "supported", "reported", "contested", "unqualified")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    """Where an article came from."""

    uri: str
    format: InputFormat = "text"
    record_id: str | None = None
    url: str | None = None


class Meta(_Model):
    headline: str | None = None
    dek: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: str | None = None  # ISO 8601: a date, or a date and time with its offset
    dateline: str | None = None
    outlet: str | None = None  # the outlet that published this copy
    origin_outlet: str | None = None
    republished_by: list[str] = Field(default_factory=list)
    language: str | None = "en"


class Removed(_Model):
    """A block that cleaning removed from the body, and why."""

    text: str
    reason: str


class Entity(_Model):
    id: str
    name: str
    type: str
    aliases: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)


class _Explained(_Model):
    """A model with a `why`: the rule that decided it, serialised only when asked
    (`to_json(explain=True)`, `newstrace analyze --explain`)."""

    why: str | None = None

    @model_serializer(mode="wrap")
    def _serialize(self, handler, info: SerializationInfo):
        data = handler(self)
        if isinstance(data, dict) and not (info.context or {}).get("explain"):
            data.pop("why", None)
        return data


class AgentRef(_Explained):
    """A speaker, claimant, actor or target: a canonical entity, or an unnamed source in the
    article's own words (`entity` is None then). `why` names the rule that decided it
    ("entity_index", "coref.pronoun", "document_author" …)."""

    entity: str | None = None
    name: str
    span: Span | None = None


class Cue(_Model):
    text: str
    span: Span


class Quote(_Model):
    kind: QuoteKind
    text: str
    span: Span
    speaker: AgentRef | None = None
    cue: Cue | None = None


class ReportedSpeech(_Model):
    text: str
    span: Span
    speaker: AgentRef | None = None
    cue: Cue | None = None


class SourceCitation(_Model):
    name: str
    span: Span


class Hedge(_Model):
    text: str
    span: Span


class EvidenceCue(_Model):
    text: str
    span: Span
    label: EvidenceLabel | None = None


class Claim(_Model):
    id: str
    text: str
    span: Span
    claimant: AgentRef | None = None
    sources: list[SourceCitation] = Field(default_factory=list)
    hedges: list[Hedge] = Field(default_factory=list)
    evidence: list[EvidenceLabel] = Field(default_factory=list)
    evidence_cues: list[EvidenceCue] = Field(default_factory=list)


class Trigger(_Model):
    text: str
    span: Span


class Event(_Explained):
    """A PLOVER event. `why` (shown with explain) names the trigger row or rule that coded it
    and the status and coding rules that changed it ("verb:attack", "status:future",
    "coding:conflict_to_come_is_threat")."""

    type: str
    mode: str = ""
    status: str = "asserted"  # asserted, threatened, planned, denied, hypothetical, reported
    text: str
    span: Span
    trigger: Trigger
    actor: AgentRef | None = None
    target: AgentRef | None = None
    when: str | None = None
    quantities: dict[str, float | int] = Field(default_factory=dict)


class TimeExpression(_Model):
    text: str
    span: Span
    value: str | None  # ISO date as precise as the text allows
    precision: Literal["day", "week", "month", "season", "year", "decade", "unknown"] = "unknown"


class CheckWorthy(_Model):
    span: Span
    score: float


class Analysis(_Model):
    """Everything newstrace knows about one article."""

    schema_: str = Field(default=SCHEMA, alias="schema", serialization_alias="schema")
    id: str
    source: Source
    meta: Meta = Field(default_factory=Meta)
    text: str
    removed: list[Removed] = Field(default_factory=list)
    stages: list[str] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    reported_speech: list[ReportedSpeech] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    dates: list[TimeExpression] = Field(default_factory=list)
    checkworthy: list[CheckWorthy] = Field(default_factory=list)
    # what the reader should know: bad bytes replaced, a language other than English, …
    warnings: list[str] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json(self, indent: int | None = None, explain: bool = False) -> str:
        """The analysis as JSON; with `explain`, each speaker, claimant, actor and event says
        which rule found it (`why`)."""
        return self.model_dump_json(by_alias=True, indent=indent, context={"explain": explain})

    def to_dict(self, explain: bool = False) -> dict:
        return self.model_dump(mode="json", by_alias=True, context={"explain": explain})


class Document(_Model):
    """What ingest yields: one article's raw content, decoded to text, plus whatever metadata
    the container (a JSON Lines record, a feed entry, a WARC header) carried."""

    source: Source
    content: str  # decoded text or HTML
    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    encoding: str | None = None
    # "html" or "text"; None: decided from source.format (and, for feeds, the content)
    content_type: Literal["text", "html"] | None = None
    warnings: list[str] = Field(default_factory=list)  # e.g. bad bytes replaced


class Article(_Model):
    """What cleaning yields: the body text every offset points into, its metadata and what
    was removed."""

    source: Source
    text: str
    meta: Meta = Field(default_factory=Meta)
    removed: list[Removed] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class Failure(_Model):
    """An input that could not be analysed, and why; a batch records it and goes on."""

    uri: str
    code: str
    message: str
