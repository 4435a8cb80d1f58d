"""The state one article carries through the analysis components."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import (
    Article,
    CheckWorthy,
    Claim,
    Entity,
    Event,
    Quote,
    ReportedSpeech,
    TimeExpression,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .entities import EntityIndex


@dataclass
class Context:
    article: Article
    doc: "Doc"
    entities: list[Entity] = field(default_factory=list)
    # Set by the entities component: resolves mentions, pronouns and descriptions to entities
    # (see `analyze.entities.EntityIndex`).
    resolver: "EntityIndex | None" = None
    quotes: list[Quote] = field(default_factory=list)
    reported_speech: list[ReportedSpeech] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    dates: list[TimeExpression] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    checkworthy: list[CheckWorthy] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.article.text
