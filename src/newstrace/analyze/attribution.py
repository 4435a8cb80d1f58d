"""Shared machinery for attributing words to speakers: character/token lookups over a parsed
article, the subject of a cue, the mention span of a speaker, and resolving it to an AgentRef
through the entity resolver (`analyze.entities.EntityIndex.resolve`).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from ..model import AgentRef, Cue
from .cues import CueEntry, Lexicon
from .entity_lexicon import government_nouns

SUBJECT_DEPS = ("nsubj", "csubj")
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
# Parts of a noun phrase kept in a speaker's mention (no relative clauses, no trailing prepositions
# except "of": "the head of the agency").
NP_LEFT_DEPS = {"det", "amod", "compound", "nummod", "poss", "case", "nmod", "quantmod", "advmod",
                "punct"}
CONTINUING_DEPS = ("conj", "advcl", "xcomp", "acl", "dep", "parataxis", "pcomp", "prep")
PERSON_PRONOUNS = {"he", "she", "him", "her"}


@dataclass(frozen=True)
class Attribution:
    """Who said it (the head token of the speaker mention, or an explicit char span) and the cue."""

    cue: Cue | None
    speaker_span: tuple[int, int] | None
    entry: CueEntry | None = None


class ParsedText:
    """Character-offset lookups over a spaCy Doc, built once per article."""

    def __init__(self, doc, text: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text
        self.starts = doc.to_array("IDX").tolist() if len(doc) else []
        self.sents = list(doc.sents) if len(doc) else []
        self.sent_starts = [s.start_char for s in self.sents]

    @classmethod
    def of(cls, doc, text: str) -> ParsedText:
        """The lookups of `doc`, built once per article and shared by the components."""
        cached = doc.user_data.get("newstrace.parsed_text")
        if cached is None or cached.doc is not doc:
            cached = cls(doc, text)
            doc.user_data["newstrace.parsed_text"] = cached
        return cached

    def token_at(self, offset: int):
        """The token containing (or first after) character `offset`."""
        i = bisect_right(self.starts, offset) - 1
        if i < 0:
            return self.doc[0] if len(self.doc) else None
        tok = self.doc[i]
        if offset >= tok.idx + len(tok.text) and i + 1 < len(self.doc):
            return self.doc[i + 1]
        return tok

    def tokens_in(self, start: int, end: int) -> list:
        """Tokens overlapping [start, end)."""
        lo = max(0, bisect_right(self.starts, start) - 1)
        out = []
        for tok in self.doc[lo:]:
            if tok.idx >= end:
                break
            if tok.idx + len(tok.text) > start and not tok.is_space:
                out.append(tok)
        return out

    def sent_index(self, offset: int) -> int:
        return max(0, bisect_right(self.sent_starts, offset) - 1)


def subject_of(verb) -> Any:
    """The token heading the subject of `verb`, climbing through conjoined verbs, participles
    ("…, saying …") and relative clauses ("officials who said …")."""
    tok = verb
    for _ in range(5):
        subjects = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
        named = [c for c in subjects if c.lower_ not in RELATIVE_PRONOUNS]
        if named:
            return named[0]
        if subjects:
            if tok.dep_ == "relcl":
                head = tok.head
                # "Rubio, a veteran advocate who has labelled …": the name, not the description
                if head.dep_ == "appos" and head.head.pos_ == "PROPN":
                    return head.head
                return head
            return subjects[0]
        if tok.dep_ in CONTINUING_DEPS and tok.head.i != tok.i:
            if tok.dep_ == "prep" and tok.i == verb.i:
                break
            if tok.dep_ in ("acl",) and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return tok.head  # "officials speaking on condition of anonymity said"
            tok = tok.head
            continue
        break
    return None


def inverted_subject(verb, after: int | None = None):
    """For "…,” said Caddell" parses where the name is not the nsubj: the first nominal child
    to the right of the verb."""
    for child in verb.rights:
        if child.pos_ in ("PROPN", "NOUN", "PRON") and child.dep_ in (
            "dobj", "attr", "npadvmod", "appos", "dep", "nsubj", "oprd", "compound"
        ):
            return child
    return None


def mention_span(tok) -> tuple[int, int]:
    """The character span of the speaker mention headed by `tok`: the named entity it is part
    of, an appositive name ("his spokesman, Jason Miller"), else its noun phrase."""
    doc = tok.doc
    if tok.ent_type_ and tok.ent_iob_ != "O":
        first, last = tok.i, tok.i
        while doc[first].ent_iob_ == "I" and first > 0:
            first -= 1
        while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
            last += 1
        if doc[last].dep_ == "case" and last > first:  # "Donald Trump's"
            last -= 1
        return doc[first].idx, doc[last].idx + len(doc[last].text)
    for child in tok.children:
        # "his spokesman, Jason Miller"; "The group that owns her music, Big Machine, says"
        if child.dep_ == "appos" and (child.ent_type_ == "PERSON" or (
                child.ent_type_ in ("ORG", "GPE") and tok.pos_ == "NOUN" and not tok.ent_type_)):
            return mention_span(child)
    if tok.pos_ == "PRON":
        return tok.idx, tok.idx + len(tok.text)
    start_tok = tok
    for child in tok.lefts:  # leftmost first
        if child.dep_ in NP_LEFT_DEPS:
            start_tok = child.left_edge
            break
    # skip leading punctuation and quote marks
    while start_tok.i < tok.i and (start_tok.is_punct or start_tok.is_space):
        start_tok = doc[start_tok.i + 1]
    end_tok = tok
    if tok.pos_ == "NOUN" and not tok.ent_type_:
        end_tok = unnamed_source_end(tok)
    else:
        for child in tok.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                end_tok = child.right_edge
            break
    return start_tok.idx, end_tok.idx + len(end_tok.text)


# What an unnamed source's words run on with: "people familiar with the matter", "authorities
# in Beijing", "a group representing rural counties", "businesses and residents".
_UNNAMED_RIGHT_DEPS = {"prep", "amod", "acl", "cc", "conj"}


def unnamed_source_end(tok):
    """The last token of an unnamed source's noun phrase headed by `tok` (a common noun): its
    prepositional phrases, "familiar with …" adjectives, "-ing" participles and conjoined nouns,
    never a relative clause, an apposition, a passive participle ("published in …") or anything
    after a comma.

    >>> # "people familiar with their thinking said" -> "people familiar with their thinking"
    """
    end_tok = tok
    for child in tok.rights:
        if child.dep_ not in _UNNAMED_RIGHT_DEPS:
            break
        if child.dep_ == "acl" and (child.tag_ != "VBG" or any(
                c.dep_ in ("nsubj", "nsubjpass", "mark", "aux", "ccomp") for c in child.children)):
            break  # "reports that officials have been pushing …", "theories suggesting he was …": content
        if child.dep_ == "conj" and child.pos_ not in ("NOUN", "PROPN"):
            break
        last = child.right_edge
        if any(t.text in ",;:(—–\"“”" or t.dep_ == "relcl" or (t.dep_ == "acl" and t.tag_ == "VBN")
               for t in tok.doc[child.i:last.i + 1]):
            # keep only the words up to the first comma or clause inside the modifier
            cut = child
            for t in tok.doc[child.i:last.i + 1]:
                if t.text in ",;:(—–\"“”" or t.dep_ in ("relcl", "acl"):
                    break
                cut = t
            if cut.i > end_tok.i and cut.dep_ not in ("prep", "cc", "det"):
                end_tok = cut
            break
        end_tok = last
    return end_tok


class Resolver:
    """Turns speaker mentions into AgentRefs: an ordered table of small named rules (`RULES`),
    the first that gives a speaker decides, and its name is kept as the speaker's `why`.

    1. `document_author` — "the statement said", "it says" (of a statement): the author the
       article names for that statement ("the US military said in a statement", "they put out
       a statement", "Smith's letter", "a statement from the ministry");
    2. `entity_index` — the entity index and its coreference (a name, surname, first name,
       pronoun, title or description: `why` is the index's own rule, e.g. `coref.pronoun`);
    3. `person_pronoun` — "he"/"she" the index left unresolved, or resolved to a non-person
       ("he" -> a studio): the last speaker named as a person, else the nearest person before;
    4. `organisation_pronoun` — "it"/"they" the index left unresolved: the last organisation
       or country that spoke, within three paragraphs;
    5. `unnamed_source` — the article's words ("officials", "people familiar with the matter").
    """

    def __init__(self, text: str, index: Any, doc: Any = None) -> None:
        self.text = text
        self.index = index
        self.doc = doc
        self.last_named: AgentRef | None = None
        self.last_org: tuple[AgentRef, int] | None = None
        self._persons: list[tuple[int, str]] | None = None

    def _type(self, entity_id: str) -> str | None:
        entity = self.index.get(entity_id) if hasattr(self.index, "get") else None
        return None if entity is None else entity.type

    def _person_before(self, offset: int) -> AgentRef | None:
        """The person entity with the nearest mention ending before `offset`."""
        if self._persons is None:
            entities = getattr(self.index, "entities", None) or []
            self._persons = sorted((end, e.id) for e in entities if e.type == "PERSON"
                                   for _start, end in e.mentions)
        i = bisect_right(self._persons, (offset, "\uffff")) - 1
        if i < 0:
            return None
        entity = self.index.get(self._persons[i][1])
        return AgentRef(entity=entity.id, name=entity.name, span=None) if entity else None

    def _person_fallback(self, start: int, end: int) -> AgentRef | None:
        """A person for a person pronoun the index could not give one."""
        last = self.last_named
        if last is not None and last.entity is not None and self._type(last.entity) == "PERSON":
            return last
        return self._person_before(start) if self.index is not None else None

    # --- rules: each takes the mention span and returns an AgentRef or None ----------------

    def document_author(self, start: int, end: int) -> AgentRef | None:
        """"…,” the statement said" after "the US military said in a statement" -> the US
        military; "“…,” it says" after "they've put out another statement" -> whoever they are."""
        doc = self.doc
        if doc is None:
            return None
        words = self.text[start:end].lower().split()
        if not words:
            return None
        nouns = document_nouns()
        if words == ["it"]:
            pass
        elif not (words[-1] in nouns and words[0] in ("the", "that", "this", "its", "their")):
            return None
        here = doc.char_span(start, end, alignment_mode="expand")
        if here is None:
            return None
        sent_start = here.sent.start
        floor = max(0, doc[sent_start - 1].sent.start - 1) if sent_start > 0 else 0
        floor = doc[floor].sent.start if floor > 0 else 0
        for tok in reversed(doc[floor:here.start]):
            if tok.lower_ in nouns and tok.pos_ == "NOUN":
                author = document_author_token(tok)
                if author is None or author.i >= here.start:
                    return None
                a_start, a_end = mention_span(author)
                for name in self.RULES[1:]:  # the author as any speaker ("they put out a statement")
                    ref = getattr(self, name)(a_start, a_end)
                    if ref is not None:
                        return ref.model_copy(update={"why": "document_author"})
                return None
        return None

    def _entity_index(self, start: int, end: int) -> AgentRef | None:
        if self.index is None:
            return None
        ref = self.index.resolve(start, end)
        if ref is not None and ref.entity is not None and ref.why is None:
            ref = ref.model_copy(update={"why": "entity_index"})
        return ref

    def entity_index(self, start: int, end: int) -> AgentRef | None:
        """The entity index: "Trump", "the president", "he" (see `coref`)."""
        ref = self._entity_index(start, end)
        if ref is None or ref.entity is None:
            return None
        pronoun = self.text[start:end].lower() in PERSON_PRONOUNS
        if pronoun and self._type(ref.entity) not in (None, "PERSON"):
            return None  # "he" never stands for an organisation or a place
        return ref

    def person_pronoun(self, start: int, end: int) -> AgentRef | None:
        """"he"/"she" with no person from the index: the last person speaker, else the nearest
        person named before."""
        if self.text[start:end].lower() not in PERSON_PRONOUNS:
            return None
        person = self._person_fallback(start, end) if self.index is not None else self.last_named
        if person is None:
            return None
        return AgentRef(entity=person.entity, name=person.name, span=(start, end), why="person_pronoun")

    def organisation_pronoun(self, start: int, end: int) -> AgentRef | None:
        """"it"/"they" as a speaker with no antecedent the index finds (quotes in between): the
        last organisation or country that spoke, within the last three paragraphs."""
        if self.text[start:end].lower() not in ("it", "they") or self.last_org is None:
            return None
        ref, pos = self.last_org
        if sum(1 for line in self.text[pos:start].split("\n") if line.strip()) - 1 > 3:
            return None  # more than three paragraphs back
        return AgentRef(entity=ref.entity, name=ref.name, span=(start, end), why="organisation_pronoun")

    def unnamed_source(self, start: int, end: int) -> AgentRef:
        """The article's words: "US officials", "a person familiar with the matter"."""
        return AgentRef(entity=None, name=self.text[start:end], span=(start, end), why="unnamed_source")

    RULES = ("document_author", "entity_index", "person_pronoun", "organisation_pronoun", "unnamed_source")

    def __call__(self, span: tuple[int, int] | None) -> AgentRef | None:
        if span is None:
            return None
        start, end = span
        for name in self.RULES:
            ref = getattr(self, name)(start, end)
            if ref is not None:
                break
        if ref.span != (start, end):
            ref = ref.model_copy(update={"span": (start, end)})
        if ref.why is None:
            ref = ref.model_copy(update={"why": name})
        if ref.entity is not None and self._type(ref.entity) in (None, "PERSON"):
            self.last_named = ref
        elif ref.entity is not None and self._type(ref.entity) in ("ORG", "GPE"):
            self.last_org = (ref, end)
        return ref


def document_nouns() -> frozenset[str]:
    """Nouns of a written statement whose author speaks through it (resources/document_nouns.txt)."""
    global _DOCUMENT_NOUNS
    if _DOCUMENT_NOUNS is None:
        from .. import resources

        _DOCUMENT_NOUNS = frozenset(w.lower() for w in resources.lines("document_nouns.txt"))
    return _DOCUMENT_NOUNS


_DOCUMENT_NOUNS: frozenset[str] | None = None


def document_author_token(noun):
    """Who a statement is by: "X said in a statement", "X issued a statement", "X's statement",
    "a statement from X"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    verb = None
    if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "via", "through") and noun.head.head.pos_ in ("VERB", "AUX"):
        verb = noun.head.head
    elif noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
        verb = noun.head
    return speaker_token(verb) if verb is not None else None


def cue_of(tok, entry: CueEntry | None = None) -> Cue:
    """The cue text: the verb, with its particle when the lexicon entry has one."""
    if entry is not None and entry.particle:
        for child in tok.rights:
            if child.lower_ == entry.particle:
                end = child.idx + len(child.text)
                return Cue(text=tok.doc[tok.i:child.i + 1].text, span=(tok.idx, end))
    return Cue(text=tok.text, span=(tok.idx, tok.idx + len(tok.text)))


def speaker_token(verb):
    """Subject of a cue verb, or the inverted subject ("said Caddell")."""
    subj = subject_of(verb)
    if subj is None and verb.i > 0 and verb.doc[verb.i - 1].is_punct:
        subj = inverted_subject(verb)  # only right after a quote or comma
    return subj


def find_phrase(doc, lexicon: Lexicon, lo: int, hi: int):
    """Phrase cues ("according to", "in the words of") among tokens lo..hi: yields
    (first_token, last_token, entry, source_head)."""
    firsts = {entry.lemma.split()[0] for entry in lexicon.phrases}
    starts = [i for i in range(lo, hi) if doc[i].lower_ in firsts]
    for entry in lexicon.phrases:
        words = entry.lemma.split()
        n = len(words)
        for i in starts:
            if i + n > hi or doc[i].lower_ != words[0]:
                continue
            if all(doc[i + k].lower_ == words[k] for k in range(1, n)):
                last = doc[i + n - 1]
                head = next((c for c in last.children if c.dep_ == "pobj"), None)
                if head is None and i + n < len(doc):
                    # the parser did not attach the source: take the next noun phrase's head
                    for t in doc[i + n: min(len(doc), i + n + 8)]:
                        if t.pos_ in ("PROPN", "NOUN", "PRON") and t.head.i != t.i + 1:
                            head = t
                            break
                if head is not None:
                    yield doc[i], last, entry, head


def source_mention(head) -> tuple[int, int]:
    """The mention of the source in an "according to X" phrase: a person or organisation named
    inside it ("a report by The Guardian"), else its noun phrase."""
    for tok in head.subtree:
        if tok.ent_type_ == "NORP" and tok.head.i == head.i and head.lower_ in government_nouns():
            break  # "according to the Jordanian government": the government, not the demonym
        if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") and tok.ent_iob_ != "O":
            return mention_span(tok)
    return mention_span(head)


def phrase_cue(doc, first, last) -> Cue:
    return Cue(text=doc[first.i:last.i + 1].text,
               span=(first.idx, last.idx + len(last.text)))
