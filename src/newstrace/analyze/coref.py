"""Coreference: which entity a span means when it does not name one.

- a name: the entity whose mention holds the span's head word ("US president Donald Trump");
  a common-noun head is not the entity it mentions ("US officials", "Trump aides");
- a pronoun (he/she/his/her, it/its, they/their): the most recent compatible entity before it
  — a person for he/she (gender checked when an honorific or a gendered role tells it), an
  organisation or place for it/they — skipping names inside quotation marks when the pronoun
  is outside them, and preferring the subject of an earlier sentence over other names there;
- a definite description ("the president", "the Trump hardliner", "the White House's top
  adviser", "the newspaper"): the most recent entity whose role has the description's head
  word, or whose role names the entity the description's modifiers name; an organisation
  description by the kind of organisation ("the newspaper" -> an outlet);
- an untagged surname: the person whose name ends with it.

Unnamed sources ("a senior official", "legal experts") resolve to nothing. Everything per
document is precomputed once, so each call is a short scan.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from ..model import Entity
from . import entity_lexicon as lex
from .mentions import doc_text

_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_OBJECT_DEPS = {"dobj", "pobj", "dative", "attr", "oprd"}
_DEFINITE = {"the", "this", "that", "these", "those"}
_QUOTE_PAIRS = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
# How far back a surname or a description looks for its name: the whole of any news article
# (a few hundred sentences), but not all of a book-length text, where a scan of every earlier
# name for each use would make coreference quadratic in the text's length.
_FAR_WINDOW = 500
_PERSON_WINDOW = 4  # sentences looked back for a person pronoun
_THING_WINDOW = 2


class Coreference:
    def __init__(self, doc: Any, entities: list[Entity], mentions: list[tuple[int, int, str]],
                 genders: dict[str, str], kinds: dict[str, str]) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.by_id = {e.id: e for e in entities}
        self.mentions = mentions
        self.starts = [m[0] for m in mentions]
        self.genders = genders
        self.kinds = kinds
        self.token_entity: list[str | None] = [None] * len(doc)
        self.mention_of_token: list[int] = [-1] * len(doc)
        for k, (start, end, eid) in enumerate(mentions):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.token_entity[tok.i] = eid
                self.mention_of_token[tok.i] = k
        self.sent_starts = [s.start_char for s in doc.sents]
        quotes = [m.span() for m in _QUOTE_PAIRS.finditer(self.text)]
        self.quote_starts = [q[0] for q in quotes]
        self.quote_ends = [q[1] for q in quotes]
        self.forms = {
            e.id: [f for f in {lex.fold(e.name), *(lex.fold(a) for a in e.aliases)} if f]
            for e in entities
        }
        self.roles = {e.id: [lex.fold(r) for r in e.roles] for e in entities}
        self.bound = self._appositions()
        self.why = "coref.named"  # the rule of the last `resolve`

    # --- helpers ---------------------------------------------------------------------------

    def _appositions(self) -> dict[str, list[tuple[int, str]]]:
        """Common-noun heads an apposition binds to a named organisation, with where: "The
        group, WeWorkers Coalition, formed …" and "WeWorkers Coalition, a group of employees,"
        make a later "the group" that organisation."""
        out: dict[str, list[tuple[int, str]]] = {}
        for tok in self.doc:
            if tok.dep_ != "appos":
                continue
            head = tok.head
            for noun, name in ((head, tok), (tok, head)):
                eid = self.token_entity[name.i]
                if noun.pos_ == "NOUN" and self.token_entity[noun.i] is None and eid is not None \
                        and self.by_id[eid].type == "ORG":
                    out.setdefault(noun.lemma_.lower(), []).append((tok.idx, eid))
        return out

    def _bound_description(self, head: str, pos: int) -> Entity | None:
        """The organisation an earlier apposition bound this description's head to, if any."""
        found = [(p, eid) for p, eid in self.bound.get(head, ()) if p < pos]
        return self.by_id[found[-1][1]] if found else None

    def _in_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self.quote_starts, pos) - 1
        return k >= 0 and pos < self.quote_ends[k]

    def _sent(self, pos: int) -> int:
        return bisect.bisect_right(self.sent_starts, pos) - 1

    def _span(self, start: int, end: int):
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span if span is not None and len(span) else None

    def _before(self, start: int, window: int):
        """Mentions ending before `start`, in the last `window` sentences, latest first."""
        first_sent = max(0, self._sent(start) - window)
        floor = self.sent_starts[first_sent] if self.sent_starts else 0
        k = bisect.bisect_left(self.starts, start) - 1
        while k >= 0:
            m_start, m_end, eid = self.mentions[k]
            if m_start < floor:
                return
            if m_end <= start:
                yield k, m_start, m_end, eid
            k -= 1

    def _is_subject(self, m_start: int, m_end: int) -> bool:
        span = self._span(m_start, m_end)
        if span is None:
            return False
        root = span.root
        # "Big Machine said", "Big Machine's lawyers said", "The company …, Dick Clark Productions, said"
        if root.dep_ in _SUBJECT_DEPS or (root.dep_ in ("poss", "appos") and root.head.dep_ in _SUBJECT_DEPS):
            return True
        if root.dep_ == "appos":  # an apposition the parser hung lower inside the subject phrase
            tok = root.head
            for _ in range(6):
                if tok.dep_ in _SUBJECT_DEPS:
                    return True
                if tok.dep_ not in ("pobj", "prep", "relcl", "dobj", "acl") or tok.head.i == tok.i:
                    return False
                tok = tok.head
        return False

    def _salience(self, m_start: int, m_end: int) -> int:
        """2 for the subject of its sentence's main verb, 1 for another subject, else 0: "he"
        after "Figgins declined to say whether Thomas slept the night Epstein died" is Figgins."""
        if not self._is_subject(m_start, m_end):
            return 0
        span = self._span(m_start, m_end)
        verb = span.root.head if span is not None else None
        while verb is not None and verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        return 2 if verb is not None and verb.dep_ == "ROOT" and span.root.dep_ in _SUBJECT_DEPS else 1

    # --- public ----------------------------------------------------------------------------

    def named(self, start: int, end: int) -> Entity | None:
        """The entity the span names by its head word (no coreference)."""
        span = self._span(start, end)
        if span is None:
            return None
        root = span.root
        eid = self.token_entity[root.i]
        if eid is not None:
            return self.by_id[eid]
        if root.pos_ == "NOUN":
            # "The Kremlin's spokesman, Dmitry Peskov, said": the apposition names him.
            for child in root.children:
                if child.dep_ == "appos" and self.token_entity[child.i] is not None:
                    entity = self.by_id[self.token_entity[child.i]]
                    if entity.type in ("PERSON", "ORG"):  # "The company that runs the AMAs, Dick Clark Productions,"
                        return entity
            entity = self._apposition_after_clause(root)
            if entity is not None:
                return entity
            return None
        if root.pos_ == "PRON" or root.lower_ in lex.pronouns():
            return None
        best, best_overlap = None, 0
        for tok in span:
            if self.token_entity[tok.i] is not None:
                k = self.mention_of_token[tok.i]
                m_start, m_end, eid = self.mentions[k]
                overlap = min(end, m_end) - max(start, m_start)
                if overlap > best_overlap:
                    best, best_overlap = eid, overlap
        return self.by_id[best] if best else None

    def _apposition_after_clause(self, root) -> Entity | None:
        """"The company that runs the AMAs, Dick Clark Productions, denies …": a name set off by
        commas right before the verb of the subject is the subject's apposition, even when the
        parser hangs it on the relative clause's last noun."""
        doc = self.doc
        verb = root.head
        if root.dep_ not in _SUBJECT_DEPS or verb.i <= root.i:
            return None
        for child in root.children:
            if child.dep_ not in ("relcl", "acl") or child.i < root.i:
                continue
            for tok in child.subtree:
                end = tok.right_edge.i + 1
                if tok.dep_ != "appos" or end + 1 != verb.i or doc[end].text != "," \
                        or doc[tok.left_edge.i - 1].text != ",":
                    continue
                eid = self.token_entity[tok.i]
                if eid is not None and self.by_id[eid].type in ("PERSON", "ORG"):
                    return self.by_id[eid]
        return None

    def resolve(self, start: int, end: int) -> Entity | None:
        """The entity the span refers to; `self.why` names the rule that found it."""
        self.why = "coref.named"
        entity = self.named(start, end)
        if entity is not None:
            return entity
        span = self._span(start, end)
        if span is None:
            return None
        root = span.root
        if root.lower_ in lex.pronouns():
            self.why = "coref.pronoun"
            return self._pronoun(root)
        if root.lower_ in lex.government_nouns() and any(
                c.dep_ in ("compound", "poss", "amod") and c.text[:1].isupper() for c in root.children):
            self.why = "coref.government"
            return self._government(root)
        if root.pos_ == "PROPN" and root.text[:1].isupper():
            self.why = "coref.surname"
            return self._surname(root)
        if root.pos_ in ("NOUN", "PROPN", "ADJ", "X"):  # "the bloc" is sometimes not a NOUN
            self.why = "coref.description"
            return self._description(span, root)
        return None

    # --- pronouns --------------------------------------------------------------------------

    def _compatible(self, eid: str, pronoun: lex.Pronoun) -> bool:
        entity = self.by_id[eid]
        if entity.type not in pronoun.refers:
            return False
        gender = self.genders.get(eid)
        return not (gender and pronoun.gender in ("masc", "fem") and gender != pronoun.gender)

    def _pronoun(self, tok) -> Entity | None:
        pronoun = lex.pronouns()[tok.lower_]
        pos = tok.idx
        person = "PERSON" in pronoun.refers
        if not person and tok.dep_ in _OBJECT_DEPS:
            return None  # "block it", "backed it": a thing, not an organisation that acts
        quoted = self._in_quote(pos)
        here = self._sent(pos)
        best: tuple[int, int, str] | None = None  # (score, start, eid)
        best_sent = -1
        for _, m_start, m_end, eid in self._before(pos, _PERSON_WINDOW if person else _THING_WINDOW):
            if not self._compatible(eid, pronoun):
                continue
            if not quoted and self._in_quote(m_start):
                continue
            sent = self._sent(m_start)
            if sent == here and (person or self._is_subject(m_start, m_end)):
                # the latest compatible name in the same sentence; for it/they, the latest
                # organisation or country that is a subject ("The Pentagon said the boat was
                # run by the ELN, which it described as ...")
                return self.by_id[eid]
            if sent == here:
                continue
            if best is not None and sent < best_sent:
                break  # the nearest earlier sentence with a candidate decides
            score = self._salience(m_start, m_end) if person else int(self._is_subject(m_start, m_end))
            if not person and not score:
                continue  # it/they stand for an organisation or country that acted
            if best is None or score > best[0]:
                best, best_sent = (score, m_start, eid), sent
        if best is None:
            return None
        if not person and self._plural_noun_between(best[1], pos, pronoun.number):
            return None
        return self.by_id[best[2]]

    def _plural_noun_between(self, start: int, end: int, number: str) -> bool:
        """A common-noun subject between the candidate and an it/they that fits it better."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        tag = "NNS" if number == "pl" else "NN"
        return any(
            t.dep_ in _SUBJECT_DEPS and t.tag_ == tag and self.token_entity[t.i] is None
            for t in span
        )

    # --- names and descriptions --------------------------------------------------------------

    def _surname(self, tok) -> Entity | None:
        word = lex.fold(tok.text)
        for _, _, _, eid in self._before(tok.idx, _FAR_WINDOW):
            entity = self.by_id[eid]
            if entity.type == "PERSON" and lex.fold(entity.name).split()[-1] == word:
                return entity
        return None

    def _description(self, span, root) -> Entity | None:
        doc = self.doc
        left = min(span.start, root.left_edge.i)
        words = doc[left:root.i + 1]
        definite = any(t.lower_ in _DEFINITE and t.dep_ == "det" for t in words) or any(
            c.dep_ == "poss" for c in root.children
        )
        if not definite:
            return None
        head = root.lemma_.lower()
        two = f"{doc[root.i - 1].lower_} {root.lower_}" if root.i > 0 else head
        modifiers = {self.token_entity[t.i] for t in words if t.i != root.i and self.token_entity[t.i]}
        pos = words.start_char
        if head in lex.titles() or head in lex.person_descriptions():
            return self._person_description(head, modifiers, pos)
        kinds = lex.org_descriptions().get(two) or lex.org_descriptions().get(head)
        if kinds:
            return self._bound_description(head, pos) or self._org_description(kinds, modifiers, pos)
        return None

    def _person_description(self, head: str, modifiers: set[str], pos: int) -> Entity | None:
        best, best_key = None, None
        seen: set[str] = set()
        rank = 0
        for _, _, _, eid in self._before(pos, _FAR_WINDOW):
            if eid in seen or eid in modifiers or self.by_id[eid].type != "PERSON":
                continue
            seen.add(eid)
            rank -= 1
            roles = self.roles[eid]
            related = any(
                f" {form} " in f" {role} " for mod in modifiers for form in self.forms.get(mod, ())
                for role in roles
            )
            has_role = any(re.search(rf"\b{re.escape(head)}\b", role) for role in roles)
            key = (related, has_role, rank)
            if best_key is None or key > best_key:
                best, best_key = eid, key
        if best is None or best_key is None:
            return None
        related, has_role, _ = best_key
        if related or has_role or head in lex.person_descriptions():
            return self.by_id[best]
        return None

    def _org_description(self, kinds: frozenset[str], modifiers: set[str], pos: int) -> Entity | None:
        fallback = None
        for _, m_start, _, eid in self._before(pos, _FAR_WINDOW):
            if eid in modifiers:
                continue
            entity = self.by_id[eid]
            if "country" in kinds and entity.type == "GPE":
                return entity
            if entity.type != "ORG":
                continue
            kind = self.kinds.get(eid)
            if "any" in kinds or kind in kinds:
                return entity
            # An organisation of no telling kind may be "the agency" when nothing better is near.
            if fallback is None and kind in (None, "organisation") and self._sent(m_start) >= self._sent(pos) - _THING_WINDOW:
                fallback = entity
        return fallback

    # --- governments ---------------------------------------------------------------------------

    def _country_of_demonym(self, demonym: str) -> Entity | None:
        """The country of the article whose name the demonym starts like ("Afghan" ->
        Afghanistan, "Syrian" -> Syria, "Jordanian" -> Jordan): the one GPE sharing its first
        four letters and most of the shorter word."""
        word = lex.fold(demonym)
        found = []
        for e in self.by_id.values():
            if e.type != "GPE":
                continue
            name = lex.fold(e.name)
            k = 0
            while k < min(len(word), len(name)) and word[k] == name[k]:
                k += 1
            if k >= 4 and k >= 0.6 * min(len(word), len(name)):
                found.append(e)
        return found[0] if len(found) == 1 else None

    def _government(self, root) -> Entity | None:
        """"The (first) Trump administration": the government of the country the leader heads
        (by the lexicon of leaders or by a role naming the country), if that country is an
        entity of the article; otherwise nothing, and the article's words stand."""
        leaders = lex.heads_of_state()
        countries = lex.country_aliases()
        for child in root.children:
            if child.dep_ not in ("compound", "poss", "amod") or not child.text[:1].isupper():
                continue
            eid = self.token_entity[child.i]
            entity = self.by_id[eid] if eid else None
            if entity is not None and entity.type == "NORP":
                country = self._country_of_demonym(entity.name)
                if country is not None:
                    return country  # "the Jordanian government" -> Jordan, when the article names it
            names = [lex.fold(child.text)]
            if entity is not None:
                names = [lex.fold(entity.name), *self.forms.get(eid, ()), *names]
            wanted = {leaders[n] for n in names if n in leaders}
            if entity is not None and entity.type == "PERSON":
                for role in self.roles.get(eid, ()):
                    for word in role.split():
                        if word in countries:
                            wanted.add(countries[word].canonical)
            if entity is not None and entity.type == "GPE":
                return entity  # "the Venezuelan government" is tagged NORP; "the US government" names it
            wanted_keys = {lex.fold(c) for c in wanted}
            for candidate in self.by_id.values():
                if candidate.type == "GPE" and any(
                        f in wanted_keys or (countries.get(f) is not None
                                             and lex.fold(countries[f].canonical) in wanted_keys)
                        for f in self.forms.get(candidate.id, ())):
                    return candidate
        return None
