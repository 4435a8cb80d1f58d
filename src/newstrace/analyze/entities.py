"""Entities: spaCy NER, repaired and merged into one entity per person, organisation or place,
with a canonical (fullest) name, aliases, roles and every mention's offsets.

How: `mentions.find_mentions` (spaCy's entities trimmed and repaired, plus acronyms, dateline
cities and organisation names it missed) → `aliases.cluster_mentions` (surnames, acronyms,
country names and metonyms, outlets' "The") → `roles.person_roles`.

Interface the other components rely on: the `entities` component sets `ctx.entities` and
`ctx.resolver`, an `EntityIndex` whose `entity_at(start, end)` finds the entity a character
span mentions, `ref(start, end)` turns a span into an `AgentRef`, and `resolve(start, end)`
also follows pronouns, surnames and descriptions back to their entity (see `coref`).
"""

from __future__ import annotations

import bisect
from typing import Any

from ..model import AgentRef, Entity
from . import entity_lexicon as lex
from .aliases import Cluster, cluster_mentions
from .context import Context
from .coref import Coreference
from .mentions import find_mentions
from .registry import component
from .roles import person_gender, person_roles, pronoun_gender

SCORED_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP"}


class EntityIndex:
    """Finds the entity behind a character span of the article text."""

    def __init__(self, text: str, entities: list[Entity], doc: Any = None,
                 genders: dict[str, str] | None = None, kinds: dict[str, str] | None = None) -> None:
        self.text = text
        self.entities = entities
        self._by_id = {e.id: e for e in entities}
        self._mentions = sorted(
            (start, end, e.id) for e in entities for start, end in e.mentions
        )
        self._starts = [m[0] for m in self._mentions]
        self._coref = (
            Coreference(doc, entities, self._mentions, genders or {}, kinds or {})
            if doc is not None else None
        )

    def get(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping [start, end), preferring the longest overlap."""
        best, best_overlap = None, 0
        # Mentions are short; any overlapping one starts after start - longest mention.
        lo = bisect.bisect_left(self._starts, start - 200)
        for m_start, m_end, eid in self._mentions[lo:]:
            if m_start >= end:
                break
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > best_overlap:
                best, best_overlap = eid, overlap
        return self._by_id.get(best) if best else None

    def ref(self, start: int, end: int) -> AgentRef:
        """An AgentRef for the span: the canonical entity if the span names one (its head word
        is a mention: "US president Donald Trump", not "US officials"), else its words."""
        entity = self._coref.named(start, end) if self._coref else self.entity_at(start, end)
        if entity is not None:
            return AgentRef(entity=entity.id, name=entity.name, span=(start, end))
        return AgentRef(entity=None, name=self.text[start:end], span=(start, end))

    def country_of(self, demonym: str) -> AgentRef | None:
        """The article's country a demonym names ("Russian" -> Russia, when Russia is an entity
        of the article), or None."""
        entity = self._coref._country_of_demonym(demonym) if self._coref else None
        if entity is None:
            return None
        return AgentRef(entity=entity.id, name=entity.name, why="coref.demonym")

    def resolve(self, start: int, end: int) -> AgentRef:
        """Like `ref`, but also resolves pronouns ("he"), surnames and descriptions ("the Trump
        hardliner", "the newspaper") to the entity they refer to, looking back from `start`.
        An unnamed source ("US officials") keeps the article's words."""
        if self._coref is None:
            return self.ref(start, end)
        entity = self._coref.resolve(start, end)
        if entity is not None:
            return AgentRef(entity=entity.id, name=entity.name, span=(start, end), why=self._coref.why)
        return AgentRef(entity=None, name=self.text[start:end], span=(start, end))


def build_entities(doc) -> tuple[list[Entity], dict[str, str], dict[str, str]]:
    """Entities of a parsed article in order of first mention, with each person's gender cue
    and each organisation's kind (by id) for coreference."""
    mentions, links = find_mentions(doc)
    clusters: list[Cluster] = [
        c for c in cluster_mentions(doc, mentions, links) if c.type in SCORED_TYPES
    ]
    person_tokens = {
        i for c in clusters if c.type == "PERSON" for m in c.mentions for i in range(m.tok_start, m.tok_end)
    }
    entities, genders, kinds = [], {}, {}
    for n, c in enumerate(clusters, start=1):
        eid = f"e{n}"
        roles = person_roles(doc, c.mentions, person_tokens) if c.type == "PERSON" else []
        if c.type == "PERSON":
            gender = person_gender(doc, c.mentions, roles) or pronoun_gender(doc, c.mentions, person_tokens)
            if gender:
                genders[eid] = gender
        if c.kind:
            kinds[eid] = c.kind
        aliases = c.aliases + titled_forms(doc, c) if c.type == "PERSON" else c.aliases
        entities.append(Entity(
            id=eid, name=c.name, type=c.type, aliases=list(dict.fromkeys(a for a in aliases if a != c.name)),
            roles=roles,
            mentions=[(m.start, m.end) for m in c.mentions],
        ))
    return entities, genders, kinds


def titled_forms(doc, cluster: Cluster) -> list[str]:
    """The forms with a title or honorific the article writes before a person's one-word name
    ("Mr. Trump", "President Trump", "Dr. Dempsey"): other names of the person, as a reader
    sees them."""
    out = []
    for m in cluster.mentions:
        if m.tok_start == 0 or len(m.text.split()) != 1:
            continue  # a title before a full name is a role ("President William Ruto"), not a name
        prev = doc[m.tok_start - 1]
        word = prev.text.lower().rstrip(".")
        if prev.text[:1].isupper() and (word in lex.honorifics() or word in lex.titles()):
            out.append(f"{prev.text} {m.text}")
    return out


def extract_entities(doc) -> list[Entity]:
    return build_entities(doc)[0]


@component("entities", assigns=("entities", "resolver"))
def make_entities(config: dict[str, Any]):
    def run(ctx: Context) -> None:
        entities, genders, kinds = build_entities(ctx.doc)
        ctx.entities = entities
        ctx.resolver = EntityIndex(ctx.text, entities, doc=ctx.doc, genders=genders, kinds=kinds)

    return run
