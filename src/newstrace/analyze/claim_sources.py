"""The sources a claim cites: "according to The Guardian", "The New York Times reported",
"reports state". Triggers are data (`resources/source_patterns.tsv`); the noun phrase they point
at is read off the parse.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .. import resources
from ..model import SourceCitation
from .hedges import bounded, word_matches

SOURCE_RESOURCE = "source_patterns.tsv"
PUBLICATION_RESOURCE = "publication_words.txt"


@dataclass(frozen=True)
class SourcePattern:
    where: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class SourceMatch:
    trigger: tuple[int, int]
    citation: SourceCitation
    entity: str | None


@lru_cache(maxsize=4)
def source_patterns(name: str = SOURCE_RESOURCE) -> tuple[SourcePattern, ...]:
    return tuple(SourcePattern(r["where"], bounded(r["pattern"])) for r in resources.table(name))


@lru_cache(maxsize=2)
def publication_words() -> frozenset[str]:
    words = {w.lower() for w in resources.lines(PUBLICATION_RESOURCE)}
    try:
        for row in resources.table("outlets.tsv"):
            words.add(row["name"].lower())
            words.update(a.strip().lower() for a in row.get("aliases", "").split("|") if a.strip())
    except (FileNotFoundError, KeyError):
        pass
    return frozenset(words)


def is_publication(name: str | None) -> bool:
    """Whether a source or claimant name is a publication or a report."""
    if not name:
        return False
    low = name.lower().strip()
    words = publication_words()
    if low in words:
        return True
    if any(w in words for w in re.findall(r"[\w-]+", low)):
        return True
    # "the Wheeling News-Register": a capitalised part of a hyphenated name counts on its own
    # (a lower-case one does not: "a post-election audit").
    return any(part.lower() in words for word in re.findall(r"\w+(?:-\w+)+", name)
               for part in word.split("-") if part[:1].isupper())


@lru_cache(maxsize=1)
def _outlet_links() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for row in resources.table("outlet_links.tsv"):
        out.setdefault(row["kind"], set()).add(row["word"].lower())
    return {k: frozenset(v) for k, v in out.items()}


def outlet_bound(doc, resolver, ents) -> frozenset[str]:
    """The entities an article ties to a publication (`resources/outlet_links.tsv`): its
    journalists ("Sui-Lee Wee of the Times", "NPR's Feng", "Emily Feng, who reports for NPR",
    "Jo Lee, a reporter for the Herald") and a publication's other names ("the Intelligencer,
    the Wheeling News-Register"). A claim relayed through one is relayed from an outlet."""
    if resolver is None:
        return frozenset()
    links = _outlet_links()
    preps, verbs, roles = (links.get(k, frozenset()) for k in ("prep", "verb", "role"))
    person_at = {}
    for e in ents:
        if e.label_ in ("PERSON", "ORG"):
            for i in range(e.start, e.end):
                person_at[i] = e
    bound: set[str] = set()
    for pub in ents:
        if pub.label_ not in ("ORG", "WORK_OF_ART", "PERSON") or not is_publication(pub.text):
            continue
        root = pub.root
        tok = None
        if root.dep_ == "poss" and root.head.i in person_at:  # "NPR's Feng"
            tok = root.head
        elif root.dep_ == "appos" and root.head.i in person_at:  # "the Intelligencer, the ... News-Register"
            tok = root.head
        elif pub.start >= 2 and doc[pub.start - 1].text == "," and pub.start - 2 in person_at:
            tok = doc[pub.start - 2]  # the same apposition, which the parser often misses
        elif root.dep_ == "pobj" and root.head.lower_ in preps:
            head = root.head.head
            if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in verbs:  # "Feng reports for NPR"
                tok = next((c for c in head.children if c.dep_ == "nsubj"), None)
                if tok is not None and tok.tag_ == "WP" and head.dep_ == "relcl":
                    tok = head.head  # "Jo Lee, who reports for the Herald"
            elif head.i in person_at:  # "Wee of the Times"
                tok = head
            elif head.lemma_.lower() in roles and head.dep_ == "appos":  # "Lee, a reporter for the Herald"
                tok = head.head
        if tok is None or tok.i not in person_at or person_at[tok.i] is pub:
            continue
        ent = person_at[tok.i]
        entity = resolver.entity_at(ent.start_char, ent.end_char)
        if entity is not None:
            bound.add(entity.id)
    return frozenset(bound)


def _token_starts(doc):
    """The tokens' character offsets, read once per Doc (`to_array` copies the whole column)."""
    starts = doc.user_data.get("newstrace.token_starts")
    if starts is None:
        starts = doc.user_data["newstrace.token_starts"] = doc.to_array("IDX")
    return starts


def _token_from(doc, char: int):
    """The first token starting at or after `char`."""
    i = int(np.searchsorted(_token_starts(doc), char, side="left"))
    return doc[i] if i < len(doc) else None


def _token_before(doc, char: int):
    """The last token starting before `char`."""
    i = int(np.searchsorted(_token_starts(doc), char, side="left")) - 1
    return doc[i] if i >= 0 else None


def entity_spans(doc) -> list:
    """doc.ents, built from the token arrays (several times faster on long documents)."""
    from spacy.tokens import Span

    if not len(doc):
        return []
    iob, types = doc.to_array("ENT_IOB"), doc.to_array("ENT_TYPE")
    out, start = [], None
    for i in range(len(doc) + 1):
        tag = int(iob[i]) if i < len(doc) else 2
        if start is not None and tag != 1:  # 1 = I (inside); anything else closes the entity
            out.append(Span(doc, start, i, label=int(types[start])))
            start = None
        if tag == 3:  # 3 = B (begins)
            start = i
    return out


def _phrase_after(doc, end_char: int):
    """The noun phrase a trigger points at ("according to [an exclusive report by The
    Guardian]"): the object of its last word, cut before a comma or a relative clause."""
    last = _token_before(doc, end_char)
    obj = None
    if last is not None:
        obj = next((c for c in last.children if c.dep_ in ("pobj", "dobj", "obj", "pcomp")), None)
    if obj is None:
        chunk = next((c for c in doc.noun_chunks if c.start_char >= end_char), None)
        if chunk is None or chunk.start_char - end_char > 3:
            return None
        return chunk
    left, right = obj.left_edge.i, obj.right_edge.i
    for child in obj.children:
        if child.i > obj.i and (child.dep_ in ("relcl", "acl", "appos") or child.is_punct):
            right = min(right, child.left_edge.i - 1)
    for t in doc[obj.i + 1: right + 1]:
        if t.is_punct:
            right = t.i - 1
            break
    return doc[left: right + 1] if right >= left else None


def _subject_of(doc, start_char: int):
    tok = _token_from(doc, start_char)
    if tok is None:
        return None
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return doc[child.left_edge.i: child.i + 1] if child.left_edge.i <= child.i else None
    return None


def _named(doc, span, resolver, ents, ent_starts: list[int] | None = None,
           ) -> tuple[str, tuple[int, int], str | None]:
    """The name to show for a source span: an entity inside it if there is one (`ent_starts`:
    the token starts of `ents`, which are in text order, to find those inside by bisection)."""
    if resolver is not None:
        if ent_starts is not None:
            ents = ents[bisect_left(ent_starts, span.start): bisect_left(ent_starts, span.end)]
        for ent in (e for e in ents if e.start >= span.start and e.end <= span.end):
            if ent.start >= span.start and ent.end <= span.end and ent.label_ in ("ORG", "PERSON", "GPE", "NORP", "WORK_OF_ART"):
                entity = resolver.entity_at(ent.start_char, ent.end_char)
                if entity is not None:
                    return entity.name, (ent.start_char, ent.end_char), entity.id
                return ent.text, (ent.start_char, ent.end_char), None
    text = span.text.strip()
    start = span.start_char + (len(span.text) - len(span.text.lstrip()))
    return text, (start, start + len(text)), None


def find_sources(doc, resolver=None, start: int = 0, end: int | None = None,
                 ents: list | None = None, text: str | None = None) -> list[SourceMatch]:
    """Cited sources whose triggers lie in text[start:end] (`ents`: doc.ents, `text`: doc.text,
    if at hand; `doc.text` joins every token anew)."""
    ents = entity_spans(doc) if ents is None else ents
    text = doc.text if text is None else text
    end = len(text) if end is None else end
    out: list[SourceMatch] = []
    ent_starts = [e.start for e in ents]
    # The triggers taken so far never overlap one another: kept sorted by start (so also by
    # end), an overlap with [a, b) is the first one ending after a, if it starts before b.
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    for pat in source_patterns():
        for m in word_matches(pat.pattern, text, start, end):
            k = bisect_right(taken_ends, m.start())
            if k < len(taken_starts) and taken_starts[k] < m.end():
                continue
            if pat.where == "after":
                span = _phrase_after(doc, m.end())
            elif pat.where == "before":
                span = _subject_of(doc, m.start())
            else:
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is not None:
                    # "reports state": the source is the noun phrase ending in "reports".
                    for tok in span:
                        if tok.lemma_.lower() == "report" and tok.pos_ == "NOUN":
                            span = doc[tok.left_edge.i: tok.i + 1]
                            break
            if span is None:
                continue
            name, nspan, entity = _named(doc, span, resolver, ents, ent_starts)
            k = bisect_right(taken_starts, m.start())
            taken_starts.insert(k, m.start())
            taken_ends.insert(k, m.end())
            out.append(SourceMatch((m.start(), m.end()), SourceCitation(name=name, span=nspan), entity))
    out.sort(key=lambda s: s.trigger)
    return out
