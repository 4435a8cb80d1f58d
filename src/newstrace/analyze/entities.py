"""Entities: spaCy NER, grouped by surface form (baseline; the entity issue extends it with
aliases, acronyms, roles and coreference).

Interface the other components rely on: the `entities` component sets `ctx.entities` and
`ctx.resolver`, an `EntityIndex` whose `entity_at(start, end)` finds the entity a character
span mentions and `ref(start, end)` turns a span into an `AgentRef`.
"""

from __future__ import annotations

from typing import Any

from ..model import AgentRef, Entity
from .context import Context
from .registry import component

SCORED_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP"}


class EntityIndex:
    """Finds the entity behind a character span of the article text."""

    def __init__(self, text: str, entities: list[Entity]) -> None:
        self.text = text
        self.entities = entities
        self._by_id = {e.id: e for e in entities}
        self._mentions = sorted(
            (start, end, e.id) for e in entities for start, end in e.mentions
        )

    def get(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping [start, end), preferring the longest overlap."""
        best, best_overlap = None, 0
        for m_start, m_end, eid in self._mentions:
            if m_start >= end:
                break
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > best_overlap:
                best, best_overlap = eid, overlap
        return self._by_id.get(best) if best else None

    def ref(self, start: int, end: int) -> AgentRef:
        """An AgentRef for the span: the canonical entity if it mentions one, else its words."""
        entity = self.entity_at(start, end)
        if entity is not None:
            return AgentRef(entity=entity.id, name=entity.name, span=(start, end))
        return AgentRef(entity=None, name=self.text[start:end], span=(start, end))

    def resolve(self, start: int, end: int) -> AgentRef:
        """Like `ref`, but also resolves pronouns ("he"), surnames and descriptions ("the Trump
        hardliner", "the newspaper") to the entity they refer to, looking back from `start`.
        An unnamed source ("US officials") keeps the article's words."""
        return self.ref(start, end)


def extract_entities(doc) -> list[Entity]:
    groups: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for ent in doc.ents:
        if ent.label_ not in SCORED_TYPES:
            continue
        groups.setdefault((ent.text, ent.label_), []).append((ent.start_char, ent.end_char))
    return [
        Entity(id=f"e{i}", name=name, type=label, mentions=mentions)
        for i, ((name, label), mentions) in enumerate(groups.items(), start=1)
    ]


@component("entities", assigns=("entities", "resolver"))
def make_entities(config: dict[str, Any]):
    def run(ctx: Context) -> None:
        ctx.entities = extract_entities(ctx.doc)
        ctx.resolver = EntityIndex(ctx.text, ctx.entities)

    return run
