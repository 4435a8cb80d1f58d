"""Events: PLOVER events read from the dependency parse.

A trigger (a verb or a noun of `resources/plover_triggers.tsv`) gives the type and mode. A verb's
subject is the actor (through xcomp/conj/advcl chains and relative pronouns; "by" agents of
passives), its object or a pobj of "against"/"on"/"with"... the target. A nominal trigger
("sanctions", "indictment", "bounty", "coup") counts when it has an agent of its own
(possessive, "by"/"from" X, a GPE/NORP modifier, "US-backed") or when a support verb carries it
("imposed sanctions", "staged a hunger strike": the verb's subject is the actor); a bare noun
("the strikes", "the charges") refers back to an event and is not a new one.

Status keeps asserted apart from threatened, planned, denied, hypothetical and reported. As the
PLOVER manual codes them, a planned or promised cooperative action is AGREE and a planned or
threatened conflictual one is THREATEN (its mode is the content of the threat); "said X must..."
is a REQUEST. Hypothetical actions (purpose clauses, "the possibility of strikes") are dropped
unless `keep_hypothetical` is set; triggers inside direct quotations (4+ words in quote marks)
are left to the quote components unless `include_quoted` is set. Within a sentence, one event per
type is kept unless several verbs with different actors code it, and a possessive nominal after
its event ("Trump's threats" after Trump threatened) is a back-reference, not a new event.

Demands in quoted words (must/should, needs to) are REQUESTs by the quote's speaker, so the
component requires the quotes stage.

Config (`AnalyzeOptions(config={"events": {...}})`): keep_hypothetical (False), keep_denied
(False), include_quoted
(False). Lexicons: `plover_triggers.tsv` (triggers, with an example sentence per row that the
tests code), `event_cues.tsv` (support verbs, status cues, people nouns, non-events).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from .. import resources
from ..model import AgentRef, Event, TimeExpression, Trigger
from . import quantities as qty
from .context import Context
from .registry import component

COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
MATERIAL_CONFLICT = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
THREAT_MODE = {"ASSAULT": "violence", "MOBILIZE": "violence", "SANCTION": "relations",
               "PROTEST": "restrict", "COERCE": "restrict"}
VERBAL = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
STATUS_RANK = {"asserted": 0, "reported": 1, "hypothetical": 2, "planned": 3, "threatened": 4,
               "denied": 5}
_SUBJ = ("nsubj", "nsubjpass", "csubj")
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_QUOTE_RE = re.compile(r"[“\"]([^”\"]{12,}?)[”\"]")
_NAME_TYPES = frozenset({"GPE", "NORP", "ORG", "PERSON"})


class Row(NamedTuple):
    words: tuple[str, ...]
    pos: str
    type: str
    mode: str
    object: str = ""  # "people": needs a person or group as object; "thing": must not be a person
    subject: str = ""  # "agent": the actor is a person or group; "cause": not a disease or accident
    needs: tuple[str, ...] = ()  # complements of which one must be there (any of them)
    unless: tuple[str, ...] = ()  # complements or words that give the verb another sense


class _Lexicon(NamedTuple):
    by_head: dict[tuple[str, str], list[Row]]
    cues: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    by_head: dict[tuple[str, str], list[Row]] = {}
    for r in resources.table("plover_triggers.tsv"):
        words = tuple(w for w in re.split(r"\s+|(-)", r["trigger"].casefold()) if w)
        if r["pos"] == "VERB" and len(words) > 1 and words[0].endswith("ly"):
            words = words[1:] + words[:1]  # "sexually abuse": the verb is the head
        row = Row(words, r["pos"], r["type"], r["mode"], r.get("object", ""), r.get("subject", ""),
                  _alternatives(r.get("needs", "")), _alternatives(r.get("unless", "")))
        by_head.setdefault((words[0], r["pos"]), []).append(row)
    for rows in by_head.values():
        rows.sort(key=lambda row: -len(row.words))
    cues: dict[str, set[str]] = {}
    for r in resources.table("event_cues.tsv"):
        cues.setdefault(r["kind"], set()).add(r["cue"].casefold())
    return _Lexicon(by_head, {k: frozenset(v) for k, v in cues.items()})


def _alternatives(cell: str) -> tuple[str, ...]:
    return tuple(a.strip().casefold() for a in (cell or "").split("|") if a.strip())


def _forms(token) -> tuple[str, ...]:
    """The lemma, the word, and crude stems of the word (the lemmatizer errs: "staged" → "stag")."""
    return _forms_of(token.lower_, token.lemma_, token.tag_.startswith("VB"))


@lru_cache(maxsize=65536)
def _forms_of(word: str, lemma: str, verb: bool) -> tuple[str, ...]:
    forms = [lemma.casefold(), word]
    if not verb:  # nouns keep their lemma ("aides" is not "aid")
        return tuple(dict.fromkeys(forms))
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""),
                         ("ing", "e"), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            forms.append(word[: len(word) - len(suffix)] + repl)
    return tuple(dict.fromkeys(forms))


def _cue(token, kind: str) -> bool:
    cues = lexicon().cues.get(kind, ())
    return any(f in cues for f in _forms(token))


# --- triggers ---------------------------------------------------------------------------------


@dataclass
class Found:
    row: Row
    head: Any  # the token whose arguments are read
    start: int  # token span of the trigger text
    end: int
    nominal: bool
    content: Any = None  # for a statement coded by its content: the clause that carries it
    rule: str = ""  # what found the trigger, when not a lexicon row ("speech_request")

    @property
    def why(self) -> str:
        """'verb:attack', 'noun:sanctions', or the rule that found it."""
        return self.rule or f"{self.row.pos.lower()}:{' '.join(self.row.words)}"


def _norm(token) -> tuple[str, str]:
    return token.lemma_.casefold(), token.lower_


def _match_phrase(token, row: Row, sent) -> tuple[int, int] | None:
    words = row.words
    if len(words) == 1:
        return token.i, token.i + 1
    if row.pos == "NOUN":  # contiguous words, this token first
        end = token.i + len(words)
        if end > sent.end:
            return None
        toks = token.doc[token.i:end]
        if all(w in _norm(t) or w in _forms(t) for w, t in zip(words, toks)):
            return token.i, end
        return None
    # verb/preposition phrase: later words are children (particle, preposition, object) or
    # grandchildren through a preposition ("go on strike")
    related = list(token.children)
    related += [g for c in token.children if c.dep_ in ("prep", "prt") for g in c.children]
    related += [g for c in token.children if c.dep_ == "dobj" for g in c.children if g.dep_ == "compound"]
    found = []
    for w in words[1:]:
        hit = next((t for t in related if w in _forms(t)), None)
        if hit is None:
            return None
        found.append(hit.i)
    last = max(found + [token.i])
    first = min(found + [token.i])
    if last - first < len(words) + 1:  # contiguous enough to show as one span
        return first, last + 1
    return token.i, token.i + 1


_POS = {"VERB": ("VERB",), "NOUN": ("NOUN", "PROPN"), "ADP": ("ADP",)}
_FRAME_DEPS = frozenset({"dobj", "ccomp", "agent", "dative", "xcomp", "prt", "neg"})


def _has_complement(token, want: str) -> bool:
    """Whether `token` has the complement `want` of the lexicon's needs/unless columns: 'to' (a
    to-infinitive: "asked them to leave"), 'that' (a that-clause), 'recipient' (to X, or an
    indirect object), 'anonymity' ("asked not to be named"), 'future' (a that-clause in which a person or group will or may act), 'fact' (a clause stating what is, was or has been, with no will/may/should), 'act' (an
    object naming an act: a trigger noun or a departure, "ordered the evacuation"), 'demand' (a
    clause in the subjunctive or with must/should: "insisted that Iran halt enrichment"), a
    dependency label ('dobj',
    'ccomp', 'agent', ...), 'passive', or any other word: a preposition or particle it governs
    ("pleaded for", "pleaded guilty").

    >>> # "She asked for help": _has_complement(asked, "for") is True, (asked, "to") False
    """
    kids = list(token.children)
    if want == "to":
        return any(c.dep_ in ("xcomp", "ccomp", "advcl") and any(
            g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in kids)
    if want == "that":
        return any(c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ in ("that", "whether")
                                             for g in c.children) for c in kids)
    if want == "recipient":  # "provided aid to Macedonia", "gave them aid"
        return any(c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ == "to" and _pobj(c) is not None)
                   for c in kids)
    if want == "passive":
        return any(c.dep_ in ("nsubjpass", "auxpass") for c in kids)
    if want == "anonymity":  # "a source who asked not to be named": a condition of speaking, no request
        return any(c.dep_ in ("xcomp", "ccomp") and c.lemma_.casefold() in ("name", "identify", "quote")
                   and any(g.dep_ == "auxpass" for g in c.children) for c in kids)
    if want == "future":  # "warned that police will no longer tolerate rallies": an agent's act to come
        return any(c.dep_ == "ccomp" and any(g.dep_ == "aux" and (_cue(g, "planned") or _cue(g, "modal"))
                                             for g in c.children)
                   and any(g.dep_ == "nsubj" and (_is_people(g) or g.pos_ in ("PROPN", "PRON")) for g in c.children)
                   for c in kids)
    if want == "demand":  # "insisted that Iran halt enrichment" (subjunctive), "… must stop"
        # (the tagger often reads a bare subjunctive as a noun: any verb form but a tensed one)
        return any(c.dep_ == "ccomp" and ((c.tag_ not in ("VBD", "VBZ", "VBN", "VBG", "MD")
                                           and not any(g.dep_ in ("aux", "auxpass", "cop") for g in c.children))
                                          or any(g.dep_ == "aux" and _cue(g, "obligation") for g in c.children))
                   for c in kids)
    if want == "act":  # "ordered the evacuation of the town", "ordered investigations": an act as object
        return any(c.dep_ == "dobj" and (_is_trigger_token(c) or _cue(c, "departure")) for c in kids)
    if want == "fact":  # "agree that China has taken advantage": a view shared, not a deal
        return any(c.dep_ == "ccomp" and c.tag_ in ("VBD", "VBZ", "VBP", "VBN") and not any(
            g.dep_ == "aux" and (_cue(g, "planned") or _cue(g, "modal") or _cue(g, "obligation"))
            for g in c.children) for c in kids)
    if want in _FRAME_DEPS:
        return any(c.dep_ == want for c in kids)
    words = want.split()
    kids += [g for c in kids if c.dep_ == "dobj" for g in c.children if g.dep_ == "prep"]  # "discussed the delay with"
    return any(c.lower_ == words[0] and c.dep_ in ("prep", "prt", "acomp", "advmod", "dobj", "oprd",
                                                    "attr", "dative", "npadvmod")
               for c in kids) or (len(words) == 1 and any(
                   g.lower_ == want for c in kids if c.dep_ == "acomp" for g in c.subtree))


def _frame_fits(token, row: Row) -> bool:
    """The row's needs/unless columns: "asked." is no request, "asked them to leave" is one; 
    "pleaded for mercy" is a request, "pleaded guilty" is not.

    >>> # ask VERB REQUEST needs 'to|for|that': fits "asked the court to delay", not "asked about"
    """
    if row.pos != "VERB":
        return True
    if row.needs and not any(_has_complement(token, w) for w in row.needs):
        return False
    return not any(_has_complement(token, w) for w in row.unless)


@lru_cache(maxsize=1)
def _head_words() -> frozenset[str]:
    return frozenset(word for word, _pos in lexicon().by_head)


def _inside_name(token) -> bool:
    """A word inside a multi-word name is no trigger: "NASA's Volatiles Investigating Polar
    Exploration Rover", "the Fair Trade Commission", "the Peace Corps" (organisations, products,
    works, buildings, laws; named events such as "the September 11 attacks" do count)."""
    return token.ent_iob_ == "I" and token.ent_type_ in ("ORG", "PRODUCT", "WORK_OF_ART", "FAC", "LAW") \
        and token.text[:1].isupper()


def find_triggers(sent, tokens=None) -> list[Found]:
    lex = lexicon()
    heads = _head_words()
    found: list[Found] = []
    taken: set[int] = set()
    for token in tokens if tokens is not None else sent:
        if token.i in taken or token.is_punct or _inside_name(token):
            continue
        forms = _forms(token)
        if heads.isdisjoint(forms):
            continue
        for pos in ("VERB", "NOUN", "ADP"):
            rows = [row for f in forms for row in lex.by_head.get((f, pos), [])]
            if not rows:
                continue
            pos_ok = token.pos_ in _POS[pos] or (pos == "VERB" and token.pos_ == "ADJ"
                                                 and token.tag_ in ("VBN", "VBD"))
            if pos == "VERB" and token.dep_ == "amod":  # "alleged drug boats", "US-backed"
                continue
            hit = None
            for row in sorted(rows, key=lambda r: -len(r.words)):
                if not pos_ok and not (pos == "NOUN" and len(row.words) > 1):
                    continue
                span = _match_phrase(token, row, sent)
                if span is None or not _frame_fits(token, row):
                    continue
                head = token
                if pos == "NOUN":
                    head = token.doc[span[0]:span[1]].root
                    if head.pos_ not in ("NOUN", "PROPN") and len(row.words) == 1:
                        continue
                elif pos == "ADP":  # "on alert": the verb it hangs on
                    head = token.head
                hit = Found(row, head, span[0], span[1], pos == "NOUN")
                break
            if hit is not None and not hit.nominal and any(
                    f"{token.lemma_.casefold()} {c.lower_}" in lex.cues.get("non_event", ())
                    for c in token.children if c.dep_ in ("prt", "prep")):
                hit = None  # "the court struck them down"
            if hit is not None and hit.nominal and hit.start > sent.start and \
                    f"{token.doc[hit.start - 1].lower_} {token.lower_}" in lex.cues.get("non_event", ()):
                hit = None  # "a press release"
            if hit is not None:
                found.append(hit)
                taken.update(range(hit.start, hit.end))
                break
    # a trigger verb that is also a support verb gives way to the nominal trigger it carries
    # ("struck a deal", "ordered the release", "fought clashes")
    nominal_heads = {f.head.i for f in found if f.nominal}
    return [f for f in found if f.nominal or not _cue(f.head, "support") or not any(
        c.dep_ in ("dobj", "attr") and c.i in nominal_heads for c in f.head.children)]


# --- arguments ----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _claim_nouns() -> frozenset[str]:
    """Nouns naming a claim or pointing back at one (claim_nouns.txt, referring_nouns.txt)."""
    return frozenset(w.casefold() for name in ("claim_nouns.txt", "referring_nouns.txt")
                     for w in resources.lines(name))


@lru_cache(maxsize=1)
def _role_nouns() -> frozenset[str]:
    """Role and person nouns of the entity lexicons (titles.txt, person_descriptions.txt)."""
    return frozenset(w.casefold() for name in ("titles.txt", "person_descriptions.txt")
                     for w in resources.lines(name) if " " not in w)


def _is_people(token) -> bool:
    """A noun for people or groups (entities, role nouns, or the count nouns of quantity_units.tsv)."""
    if token.ent_type_ in ("PERSON", "NORP", "ORG", "GPE"):
        return True
    return qty.count_key(token.lower_) in ("people", "troops", "police", "fighters") or _cue(token, "people") \
        or token.lemma_.casefold() in _role_nouns()


def _subject_of(verb, limit: int = 6):
    """The subject of `verb`, following xcomp/conj/advcl/pcomp chains and relative pronouns."""
    tok = verb
    for _ in range(limit):
        subj = next((c for c in tok.children if c.dep_ in _SUBJ), None)
        if subj is not None:
            if subj.lower_ in _RELATIVE and tok.dep_ == "relcl":
                ante = tok.head
                while ante.dep_ == "appos" and ante.head.i != ante.i:
                    ante = ante.head
                return _who_antecedent(subj, ante)
            if subj.pos_ == "NOUN" and subj.lemma_.casefold() in ("action", "effort", "plan"):
                return None
            return _past_dateline(subj)
        if tok.dep_ == "xcomp":  # object control: "urged the troops to attack" → the troops
            obj = next((c for c in tok.head.children if c.dep_ == "dobj"), None)
            if obj is not None and not obj.lower_.endswith(("self", "selves")):
                return obj  # "challenged itself to run ...": the subject controls
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.lower_ in ("of", "for", "from", "with") \
                and tok.head.head.pos_ == "VERB":
            obj = next((c for c in tok.head.head.children if c.dep_ == "dobj"), None)
            if obj is not None and not obj.lower_.endswith(("self", "selves")):
                return obj  # "accused Turkey of shelling", "thanked them for helping": the object acts
        if tok.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acomp", "ccomp") and tok.head.i != tok.i:
            if tok.dep_ == "ccomp" and tok.tag_ not in ("VBG",):
                return None
            tok = tok.head
            continue
        if tok.dep_ == "pobj" or tok.dep_ == "prep":
            tok = tok.head
            continue
        if tok.dep_ in ("dobj", "attr") and _cue(tok, "control_noun"):  # "claimed responsibility for
            tok = tok.head  # shooting down": the claimer shot
            continue
        if tok.dep_ == "acl" and tok.tag_ in ("VBG", "VBN") and not any(
                c.dep_ == "aux" for c in tok.children) and tok.head.pos_ in ("NOUN", "PROPN") \
                and _is_people(tok.head) and not _medium(tok.head):  # "demonstrators protesting the results"
            return tok.head
        if tok.dep_ == "acl" and tok.head.dep_ in ("dobj", "pobj", "attr"):  # "issued a declaration demanding"
            tok = tok.head.head
            continue
        if tok.dep_ in ("relcl", "acl") and tok.head.head.i != tok.head.i:
            tok = tok.head.head
            continue
        return None
    return None


def _past_dateline(subj):
    """"Indianapolis – Several thousand teachers … surrounded the Statehouse": a place that opens
    a line before a dash is the dateline, not the subject; the parser hangs the real subject on it
    as an apposition (None when there is none)."""
    doc = subj.doc
    first = doc[subj.left_edge.i]
    if first.i > 0 and not (("\n" in doc[first.i - 1].text_with_ws or doc[first.i - 1].is_space)
                            and first.idx < 400):  # a dateline opens the story
        return subj
    dash = next((t for t in doc[subj.i + 1: subj.i + 3] if t.text in ("–", "—", "-", "(")), None)
    if dash is None or subj.ent_type_ not in ("GPE", "LOC", "") or subj.pos_ != "PROPN":
        return subj
    if sum(t.text in ("–", "—", "-") for t in doc[subj.i + 1: subj.head.i]) != 1:
        return subj  # "Germany – not France – imposed": a dash pair is an aside
    return next((c for c in subj.children if c.dep_ == "appos" and c.i > dash.i
                 and not any(g.dep_ == "neg" for g in c.children)), None)


def _who_antecedent(pronoun, ante):
    """The noun a relative pronoun stands for. "who" is a person or group: when the parser hangs
    the clause on a thing ("talks between his government and the Taliban, who have refused"),
    the person or name just before the pronoun is meant."""
    if pronoun.lower_ != "who" or _is_people(ante) or ante.pos_ == "PROPN":
        return ante
    prev = pronoun.doc[pronoun.i - 1] if pronoun.i > 0 else None
    while prev is not None and prev.is_punct and prev.i > 0:
        prev = prev.doc[prev.i - 1]
    if prev is not None and prev.i < pronoun.i and (_is_people(prev) or prev.pos_ == "PROPN"):
        return prev
    return ante


_PHRASE_DEPS = frozenset({"det", "amod", "compound", "poss", "nummod", "quantmod", "nmod", "case",
                          "cc", "conj", "prep", "pobj", "npadvmod", "advmod", "punct", "predet",
                          "hmod", "hyph", "nn"})


def _phrase(token) -> tuple[int, int]:
    """Token span of the noun phrase headed by `token` (no relative clauses or appositions)."""
    lo = hi = token.i
    stack = [token]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ not in _PHRASE_DEPS:
                continue
            if c.dep_ == "prep" and (t.i != token.i or c.lower_ not in ("of", "from", "in")):
                continue
            if c.dep_ == "punct" and c.text not in ("-", "'"):
                continue
            if c.dep_ == "advmod" and c.i > token.i:
                continue
            lo, hi = min(lo, c.i), max(hi, c.i)
            stack.append(c)
    doc = token.doc
    while lo < token.i and (doc[lo].dep_ in ("det", "punct", "cc", "predet") or doc[lo].is_punct):
        lo += 1
    while hi > token.i and (doc[hi].is_punct or doc[hi].dep_ == "cc"):
        hi -= 1
    return lo, hi + 1


def _medium(token) -> bool:
    """A name that is where something was said, not who said it: "posted on Twitter accusing
    the label" (the poster accuses, not Twitter)."""
    return token.dep_ == "pobj" and token.head.lower_ in ("on", "via", "through") \
        and (token.ent_type_ in ("ORG", "PRODUCT", "FAC") or token.pos_ == "PROPN")


def _strip_quantifier(token):
    """'a handful of Democratic senators' → the head 'senators'."""
    if _cue(token, "quantifier") or token.like_num:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None:
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return token


class Args:
    def __init__(self, ctx: Context, text: str) -> None:
        self.resolver = ctx.resolver
        self.text = text

    def _named_head(self, token) -> bool:
        return token.ent_type_ in _NAME_TYPES or token.pos_ == "PROPN"

    def ref(self, token, rule: str = "", first: bool = False) -> AgentRef | None:
        """An AgentRef for the phrase headed by `token`: its canonical entity when the head names
        one (or the resolver links a pronoun/description to one), else the article's words; None
        for a pronoun the resolver cannot resolve ("she" never stands as an actor). Conjuncts
        ("Russia and Syria") give one name per conjunct ("Russia; Syria"), or with `first` the
        first conjunct's entity when it names one (its span still covers them all): a named actor
        is one agent; described groups keep the article's words ("residents and businesses")."""
        if token is None:
            return None
        token = _strip_quantifier(token)
        conjuncts = [token] + [c for c in token.conjuncts if c.i > token.i]
        # "Hungarian and Romanian officials": the conjunction sits on the modifier
        mod_conj = [m for m in token.children if m.dep_ in ("amod", "compound") and
                    any(c.dep_ == "conj" for c in m.children)]
        lo, hi = _phrase(token)
        doc = token.doc
        s, e = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
        if first and len(conjuncts) > 1 and not mod_conj:
            single = self._single(token)
            if single is not None and single.entity is not None:
                return AgentRef(entity=single.entity, name=single.name, span=(s, e),
                            why=_why(rule, "first_conjunct+" + (single.why or "")))
        if len(conjuncts) > 1 or mod_conj:
            parts = []
            if mod_conj:
                mods = [mod_conj[0]] + [c for c in mod_conj[0].conjuncts]
                parts = [self._name(m) for m in sorted(mods, key=lambda m: m.i)]
                parts[-1] = parts[-1] + " " + token.text if not mod_conj[0].ent_type_ else parts[-1]
            else:
                parts = [self._name(c) for c in conjuncts]
            name = "; ".join(dict.fromkeys(p for p in parts if p))
            return AgentRef(entity=None, name=name, span=(s, e), why=_why(rule, "conjuncts"))
        single = self._single(token)
        if single is None:
            return None
        return AgentRef(entity=single.entity, name=single.name, span=(s, e), why=_why(rule, single.why))

    def _pronoun_chain(self, token) -> AgentRef | None:
        """An unresolved he/she stands for what the nearest earlier pronoun of its gender stands
        for, within three sentences ("Taylor Swift posted ... She claimed ... she said. "That's
        it ..." She also accused ..."): the chain the quotes between them interrupt."""
        forms = _GENDERED.get(token.lower_)
        if forms is None:
            return None
        doc = token.doc
        sents = 0
        for i in range(token.i - 1, -1, -1):
            t = doc[i]
            if t.is_sent_start:
                sents += 1
                if sents > 3:
                    return None
            if t.lower_ in forms and t.pos_ == "PRON":
                ref = self.resolver.resolve(t.idx, t.idx + len(t))
                if ref.entity is not None:
                    return ref.model_copy(update={"why": "pronoun_chain+" + (ref.why or "")})
        return None

    def _coordinated_people(self, token) -> AgentRef | None:
        """An unresolved 'they' subject after a sentence that names two or more people joined by
        'and' ("... Senator Elizabeth Warren and congresswoman Alexandria Ocasio-Cortez. They
        criticised ...") stands for them; as an actor, the first (Args.ref(first=True))."""
        if token.lower_ != "they" or token.dep_ not in _SUBJ:
            return None
        sent = token.sent
        if sent.start == 0:
            return None
        prev = token.doc[sent.start - 1].sent
        for t in prev:
            if t.ent_type_ == "PERSON" and t.dep_ != "compound" and any(
                    c.ent_type_ == "PERSON" for c in t.conjuncts):
                lo, hi = _entity_chars(t.doc, t.i)
                ref = self.resolver.resolve(lo, hi)
                if ref.entity is not None:
                    return ref.model_copy(update={"why": "coordinated_people+" + (ref.why or "")})
        return None

    def _name(self, token) -> str:
        single = self._single(token)
        return single.name if single is not None else ""

    def _single(self, token) -> AgentRef | None:
        doc = token.doc
        lo, hi = _phrase(token)
        # keep the conjunction out of a single conjunct's span
        cc = next((c for c in token.children if c.dep_ in ("cc", "conj")), None)
        if cc is not None and cc.i > token.i:
            hi = min(hi, cc.i)
        lo = min(lo, token.i)
        s, e = doc[lo].idx, doc[max(hi, token.i + 1) - 1].idx + len(doc[max(hi, token.i + 1) - 1])
        words = self.text[s:e]
        if self.resolver is None:
            return None if token.pos_ == "PRON" else AgentRef(entity=None, name=words, span=(s, e), why="words")
        h_s, h_e = token.idx, token.idx + len(token)
        if token.ent_type_ == "NORP" and token.dep_ in ("amod", "compound", "nmod") and \
                hasattr(self.resolver, "country_of"):  # "Russian airstrikes": Russia acts
            country = self.resolver.country_of(token.text)
            if country is not None:
                return AgentRef(entity=country.entity, name=country.name, span=(s, e), why=country.why)
        if token.pos_ == "NUM" and not token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            # "the two were prepared to fight the charges": a count with no noun is no name; the
            # people it counts are left unresolved (null), never the fragment "two"
            ref = self.resolver.resolve(h_s, h_e)
            return AgentRef(entity=ref.entity, name=ref.name, span=(s, e), why=ref.why) \
                if ref.entity is not None else None
        if token.pos_ == "PRON" or self._named_head(token):
            if token.ent_type_ and token.ent_iob_ != "O":
                h_s, h_e = _entity_chars(doc, token.i)
            ref = self.resolver.resolve(h_s, h_e)
            if ref.entity is None and token.pos_ == "PRON":
                ref = self._pronoun_chain(token) or self._coordinated_people(token) or ref
            if ref.entity is not None:
                return AgentRef(entity=ref.entity, name=ref.name, span=(s, e), why=ref.why)
            if token.pos_ == "PRON":
                return None  # an unresolved pronoun is no actor: left null, never "she" or "it"
            return AgentRef(entity=None, name=words, span=(s, e), why="words")
        # a description ("the president", "the newspaper"): accept a coreference link, but not
        # an entity that is only a modifier inside the phrase ("US forces" stays "US forces")
        ref = self.resolver.resolve(s, e)
        if ref.entity is not None and self.resolver.entity_at(h_s, h_e) is None:
            entity = self.resolver.get(ref.entity) if hasattr(self.resolver, "get") else None
            inside = entity is not None and any(s <= ms < e for ms, _ in entity.mentions)
            # "the U.S. military", "the Jordanian government": a state's institution stands for
            # the state (coref's government rule), unlike "US forces" or "US officials"
            if not inside or ref.why == "coref.government":
                return AgentRef(entity=ref.entity, name=ref.name, span=(s, e), why=ref.why)
        return AgentRef(entity=None, name=_clean_words(doc, lo, hi, token), span=(s, e), why="words")


def _why(rule: str, how: str | None) -> str:
    """'subject+coref.pronoun': the argument rule, then how the name was found."""
    return "+".join(p for p in (rule, how) if p)


_GENDERED = {w: forms for forms in (frozenset({"he", "him", "his"}), frozenset({"she", "her", "hers"}))
             for w in forms}


def _entity_chars(doc, i: int) -> tuple[int, int]:
    """Character bounds of the named entity token i is in, read from the IOB tags around it
    (doc.ents would build every entity of the document for each look-up)."""
    start, end = i, i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _clean_words(doc, lo: int, hi: int, head) -> str:
    """The words of an unnamed agent: no leading article, and after the head only the words that
    run on from it ("executives from AT&T", not "executives from AT&TT"; "an explanation", not
    "explanation of" when what follows "of" is a clause)."""
    toks = [t for t in doc[lo:head.i + 1] if not (t.dep_ in ("det", "predet") and t.i < head.i)]
    for t in doc[head.i + 1:hi]:
        if t.dep_ not in ("prep", "pobj", "compound", "amod"):
            break
        toks.append(t)
    while len(toks) > 1 and toks[-1] is not head and (toks[-1].pos_ in ("ADP", "CCONJ") or toks[-1].is_punct):
        toks.pop()
    while len(toks) > 1 and toks[0] is not head and toks[0].pos_ == "ADP":
        toks.pop(0)
    return "".join(t.text_with_ws for t in toks).strip() or head.text


def _pobj(prep):
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def _is_time(token) -> bool:
    """Dates and amounts are never actors or targets."""
    return token is not None and token.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT")


def _nominal_agent(noun):
    """The actor a nominal trigger names itself: "Trump's threats", "criticism from X",
    "attack by X", "US strikes", "Israeli air raids", "a US-backed coup"."""
    lex = lexicon()
    for c in noun.children:  # "his arrest", "Maduro's capture": the possessor is held, not holding
        if c.dep_ == "poss" and not _is_time(c) and not _cue(noun, "patient_noun"):
            return c
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in lex.cues["agent_prep"]:
            obj = _pobj(c)
            if obj is not None:
                return obj
    for c in noun.children:
        if c.dep_ == "amod" and _cue(c, "backing"):
            backer = next((g for g in c.children if g.dep_ in ("npadvmod", "compound", "nmod")), None)
            if backer is not None:
                return backer
    for c in noun.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i and c.ent_type_ in ("GPE", "NORP", "ORG"):
            return c
    return None


def _target(head, nominal: bool, exclude=(), depth: int = 0):
    lex = lexicon()
    if not nominal:
        for dep in ("dobj", "dative", "nsubjpass"):
            obj = next((c for c in head.children if c.dep_ == dep and c not in exclude
                        and not _is_time(c)), None)
            if obj is not None:
                if dep == "dobj" and any(g.dep_ == "dative" for g in head.children):
                    continue
                return _through_event_noun(obj)
    for c in head.children:  # fronted phrases ("At the Assembly, X called...") are settings
        if c.dep_ == "prep" and c.lower_ in lex.cues["target_prep"] and c.i > head.i:
            obj = _pobj(c)
            if obj is not None and obj not in exclude and not _is_time(obj):
                poss = next((g for g in obj.children if g.dep_ == "poss"), None)
                if nominal and poss is not None and _cue(obj, "patient_noun"):
                    return poss
                return obj
    if not nominal:  # "demanded that the US cancel", "urged X to"
        for c in head.children:
            if c.dep_ in ("ccomp", "xcomp"):
                subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None and subj.pos_ != "PRON":
                    return subj
        for c in head.children:  # "threatened to cut off electricity to X": the action's target
            if c.dep_ == "xcomp" and c.pos_ == "VERB" and depth < 2:
                inner = _target(c, False, exclude=exclude, depth=depth + 1)
                if inner is not None:
                    return inner
    return None


def _participant(noun):
    """Who a meeting noun names as meeting: 'a meeting with Liu He' → Liu He, 'talks between X
    and Y' → X (with its conjuncts); for a subject, also on its verb ('talks resumed between
    X and Y'). A person, group or name, not 'talks with no end'."""
    holders = [noun] + ([noun.head] if noun.dep_ in ("nsubj", "nsubjpass") else [])
    for h in holders:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in ("with", "between", "among"):
                obj = _pobj(c)
                if obj is not None and (_is_people(obj) or obj.pos_ == "PROPN"):
                    return obj
    return None


def _setting_subject(noun):
    """The subject of the clause a nominal event is the setting of: 'The president announced
    the deal during a meeting with Liu He' → the president."""
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ in (
            "during", "at", "in", "after", "before", "on"):
        verb = noun.head.head
        if verb.pos_ in ("VERB", "AUX"):
            return _subject_of(verb)
    return None


def _imperative(verb) -> bool:
    """A bare verb heading its sentence (or a label: "Lakers: Visit the Thunder") with no
    subject and no auxiliary: "Visit the museum on Friday." is an instruction, not a visit."""
    return verb.tag_ == "VB" and verb.dep_ in ("ROOT", "acl") and not any(
        c.dep_ in _SUBJ or c.dep_ in ("aux", "auxpass") for c in verb.children)


def _phrase_target(word):
    """The object word of a phrase trigger is part of the trigger, not its target: "raised
    questions about the adviser" → the adviser; "closed its border with Syria" → Syria."""
    for c in word.children:
        if c.dep_ == "prep" and c.i > word.i and (c.lower_ == "about" or c.lower_ in lexicon().cues["target_prep"]):
            obj = _pobj(c)
            if obj is not None and not _is_time(obj):
                return obj
    return None


def _through_event_noun(obj):
    """'rejected a fresh offer from Afghanistan' → Afghanistan."""
    rows = lexicon().by_head.get((obj.lemma_.casefold(), "NOUN"))
    if rows or obj.lemma_.casefold() in ("proposal", "offer", "call", "plan"):
        agent = _nominal_agent(obj)
        if agent is not None:
            return agent
    return obj


# --- status ---------------------------------------------------------------------------------------


# Status: rules on the predicate's own words (CHILD_RULES, one per child, first that fires) and
# on each clause it is embedded in (CLAUSE_RULES, first that fires), climbing out of
# xcomp/ccomp/advcl/prep chains. The highest-ranked status wins (STATUS_RANK); `why` names it.

def _negation(c, depth: int):
    """'did not attack', 'never paid': denied (on the predicate itself only)."""
    if c.dep_ == "neg" or (c.lower_ == "never" and c.dep_ == "advmod"):
        return ("denied", "negation") if depth == 0 else ("asserted", "")
    return None


def _auxiliary_cue(c, depth: int):
    """'will attack' planned (future), 'may attack' hypothetical (modal), 'reportedly attacked'
    reported, 'possibly attacked' hypothetical (possibility)."""
    if not (c.dep_ == "aux" or (c.dep_ == "advmod" and depth == 0)):
        return None
    if _cue(c, "planned"):
        return "planned", "future"
    if _cue(c, "modal"):
        return "hypothetical", "modal"
    if _cue(c, "reported"):
        return "reported", "reported"
    if _cue(c, "hypothetical") and c.dep_ == "advmod":
        return "hypothetical", "possibility"
    return "asserted", ""


def _condition(c, depth: int):
    """'will strike if talks fail': a condition on the predicate makes it hypothetical (modal)."""
    if c.dep_ == "advcl" and depth == 0 and any(
            m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
        return "hypothetical", "modal"
    return None


def _conditional_mark(c, depth: int):
    """'... if a deal is reached', 'unclear whether they will attack': the predicate is itself a
    condition or an open question (hypothetical, condition: dropped unless keep_hypothetical)."""
    if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") and depth <= 1:
        return "hypothetical", "condition"
    return None


CHILD_RULES = (_negation, _auxiliary_cue, _condition, _conditional_mark)


def _refused(tok, head, finite: bool):
    """'refused to negotiate', 'failed to share': denied (refused)."""
    return ("denied", "refused") if _cue(head, "denied") and finite else None


def _averted(tok, head, finite: bool):
    """'avoid Democratic criticism', 'averted a strike', 'prevented an attack': what is avoided
    or prevented did not happen (denied, averted)."""
    return ("denied", "averted") if _cue(head, "averted") and head.pos_ == "VERB" else None


def _threatened(tok, head, finite: bool):
    """'threatened to shell the towns': threatened."""
    return ("threatened", "threat") if _cue(head, "threat") and finite else None


def _planned(tok, head, finite: bool):
    """'plans to impose', 'is ready to withdraw': planned."""
    if (_cue(head, "planned") or head.lower_ in ("prepared", "ready", "willing", "set")) and finite:
        return "planned", "plan"
    return None


def _wished(tok, head, finite: bool):
    """'urged X to release', 'the possibility of strikes', 'needed to investigate':
    hypothetical (request or possibility)."""
    if _cue(head, "hypothetical"):
        return "hypothetical", "request" if head.pos_ == "VERB" else "possibility"
    return None


def _reported_clause(tok, head, finite: bool):
    """'officials said troops attacked', 'are said to be pressing': reported."""
    if (_cue(head, "speech") and tok.dep_ == "ccomp") or (head.lower_ == "said" and tok.dep_ == "xcomp"):
        return "reported", "reported"
    return None


def _purpose(tok, head, finite: bool):
    """'launched a raid to free the hostages': the purpose did not (yet) happen (hypothetical,
    purpose). An xcomp counts only under object control ('swayed the president to authorise'),
    not 'tried to hack'; not under another trigger ('opened the bridge to allow')."""
    purpose = (tok.dep_ in ("advcl", "acl") or _infinitival_relative(tok, head) or (tok.dep_ == "xcomp" and (any(
        c.dep_ == "dobj" for c in head.children) or head.dep_ in ("acl", "amod")))) and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    explicit = f"{head.head.lower_} {head.lower_}" in lexicon().cues.get("purpose", ())  # "in order to"
    return ("hypothetical", "purpose") if purpose and (explicit or not _is_trigger_token(head)) else None


def _infinitival_relative(tok, head) -> bool:
    """'a rescue mission to free the hostages' (the parser's relcl): what the mission is for, not
    what it did; but 'the first country to recognise Kosovo' did it (a rank before the noun,
    event_cues kind 'rank')."""
    return tok.dep_ == "relcl" and not any(
        c.ent_type_ == "ORDINAL" or _cue(c, "rank") for c in head.children if c.i < head.i)


def _feared(tok, head, finite: bool):
    """'they fear that Trump may end up giving fewer concessions', 'for fear that he will demand
    more', 'wary of offering concessions': what someone fears or is wary of is not asserted,
    whatever its tense (hypothetical, fear: overrides planned and reported)."""
    return ("hypothetical", "fear") if _cue(head, "fear") else None


CLAUSE_RULES = (_refused, _averted, _threatened, _planned, _wished, _reported_clause, _purpose, _feared)
_CLIMB = ("xcomp", "ccomp", "advcl", "pcomp", "acl", "pobj", "prep", "dobj", "acomp")
_CLIMB_ON = ("pobj", "prep", "dobj", "pcomp", "xcomp", "acomp")


# What is feared or wished for stays unreal whatever the tense inside it ("hoped the swap would
# pave the way for talks", "for fear that he will demand more", "fear he may give"): these
# override planned, reported and modal.
_UNREAL = frozenset({"fear", "request"})


def _status(pred, found: Found) -> tuple[str, str]:
    """(status, why) of the predicate token: the trigger verb, or the support verb of a nominal."""
    status, why = "asserted", ""

    def bump(new: tuple[str, str] | None) -> None:
        nonlocal status, why
        if new is None:
            return
        if why in _UNREAL and new[0] in ("planned", "reported"):
            return  # "hoped the swap would pave the way for talks": still only hoped for
        if STATUS_RANK[new[0]] > STATUS_RANK[status] or (new[1] in _UNREAL and status in (
                "planned", "reported", "hypothetical") and why not in _UNREAL):
            status, why = new

    tok, depth = pred, 0
    if pred.pos_ in ("NOUN", "PROPN") and pred.dep_ in ("nsubj", "nsubjpass") and pred.head.i != pred.i:
        status, why = _status(pred.head, found)  # "if its purchases do not come through"
    for _ in range(8):
        for c in tok.children:
            bump(next((r for rule in CHILD_RULES if (r := rule(c, depth)) is not None), None))
        if tok.head.i == tok.i:
            break
        if tok.dep_ == "conj":  # shares the status of its first conjunct, unless it has a subject
            if any(c.dep_ in _SUBJ or c.dep_ in ("aux", "auxpass") for c in tok.children):  # or its own aux
                break
            tok = tok.head
            continue
        if tok.dep_ == "csubj" and tok.tag_ == "VBG":
            bump(("hypothetical", "topic"))  # "actually signing a deal has proved elusive"
            break
        if tok.dep_ not in _CLIMB and not (tok.dep_ == "relcl" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)):
            break  # (an infinitival relative, "a mission to free them", is read as a clause)
        head = tok.head
        finite = head.dep_ not in ("acl", "amod")
        bump(next((r for rule in CLAUSE_RULES if (r := rule(tok, head, finite)) is not None), None))
        if tok.dep_ in _CLIMB_ON:
            tok, depth = head, depth + 1
            continue
        break
    return status, why


def _is_trigger_token(token) -> bool:
    lex = lexicon()
    return (token.lemma_.casefold(), "VERB") in lex.by_head or (token.lemma_.casefold(), "NOUN") in lex.by_head


# --- coding by status: an ordered table of rules ---------------------------------------------------


class _Options(NamedTuple):
    keep_hypothetical: bool = False
    keep_denied: bool = False


class Coding(NamedTuple):
    """Type, mode and status of an event being coded, and the rule that last changed them."""
    type: str
    mode: str
    status: str
    why: str  # the status cue (_status), then the name of the coding rule that fired
    rule: str = ""


_VOLITION_AUX = frozenset({"will", "would", "can", "could", "wo", "ca"})
_VOLITION_VERBS = frozenset({"choose", "decide", "opt", "vote", "elect"})


def _drop_hypothetical(c: Coding, pred, trigger_heads, opts) -> Coding | None | bool:
    """A purpose, a wish or a request's content did not happen: "rebels seeking to seize the
    town" codes no COERCE (kept with status 'hypothetical' under keep_hypothetical)."""
    if c.status == "hypothetical" and c.why != "modal" and not opts.keep_hypothetical:
        return None
    return False


def _promise_is_agree(c: Coding, pred, trigger_heads, opts) -> Coding | None | bool:
    """A planned or promised cooperative action is AGREE, its mode the action's type ("Hungary
    will support the resolution" → AGREE/support, planned)."""
    if c.status in ("planned", "threatened") and c.type in COOPERATIVE:
        return c._replace(type="AGREE", mode=c.type.lower() if c.type != "AGREE" else c.mode,
                          rule="promise_is_agree")
    return False


def _conflict_to_come_is_threat(c: Coding, pred, trigger_heads, opts) -> Coding | None | bool:
    """A planned, threatened or possible material conflict is THREATEN, its mode the content
    ("Greece plans to impose restrictions" → THREATEN/restrict, threatened)."""
    if (c.status in ("planned", "threatened") or (c.status == "hypothetical" and c.why == "modal")) \
            and c.type in MATERIAL_CONFLICT:
        mode = c.mode if c.type == "COERCE" and c.mode else THREAT_MODE.get(c.type, "")
        status = "threatened" if c.status == "planned" else c.status
        return c._replace(type="THREATEN", mode=mode, status=status, rule="conflict_to_come_is_threat")
    return False


def _refusal_carried_by_reject(c: Coding, pred, trigger_heads, opts) -> Coding | None | bool:
    """Under a refusal that is itself coded ("refused to negotiate": REJECT by 'refused'), the
    refused action is that REJECT's content, not a second event."""
    if c.status == "denied" and c.why == "refused":
        tok = pred
        for _ in range(3):
            if tok.head.i == tok.i:
                break
            tok = tok.head
            if _cue(tok, "denied"):
                return None if tok.i in trigger_heads else False
    return False


def _refusal_is_reject(c: Coding, pred, trigger_heads, opts) -> Coding | None | bool:
    """Cooperation refused by choice is REJECT: "will not withdraw", "chose not to accept a plea
    agreement", "declined to meet" (when the refusal verb is no trigger of its own)."""
    if c.status != "denied" or c.type not in COOPERATIVE:
        return False
    volition = c.why == "refused" and not _cue_on_path(pred, ("fail", "unable")) or any(
        k.dep_ == "aux" and k.lower_ in _VOLITION_AUX for k in pred.children) or (
        pred.dep_ == "xcomp" and pred.head.lemma_.casefold() in _VOLITION_VERBS)
    if volition:
        return c._replace(type="REJECT", status="asserted", rule="refusal_is_reject")
    return False


def _drop_denied(c: Coding, pred, trigger_heads, opts) -> Coding | None | bool:
    """An action said not to have happened is no event ("the army did not attack the village";
    kept with status 'denied' under keep_denied)."""
    if c.status == "denied" and c.type != "REJECT" and not opts.keep_denied:
        return None
    return False


def _purpose_clause(pred):
    """The to-clause `pred` sits in (itself, or the clause it is the object of)."""
    tok = pred
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _protest_purpose_is_done(c: Coding, pred, trigger_heads, opts) -> Coding | None | bool:
    """A protest, demand or complaint given as the purpose of an act is done by that act:
    "shunned work to protest at the settlements", "rallied to call for better pay" (PROTEST,
    REQUEST, asserted), unlike "sought to seize the town"."""
    if c.status == "hypothetical" and c.why == "purpose" and c.type in ("PROTEST", "REQUEST", "ACCUSE") \
            and _purpose_clause(pred) is not None and _purpose_clause(pred).dep_ == "advcl":
        return c._replace(status="asserted", rule="protest_purpose_is_done")
    return False


def _compelled_content(pred):
    """The act an order or force verb `pred` makes people do ("ordered residents to leave" →
    leave; "ordered the evacuation of the town" → evacuation), with the people, or (None, None)."""
    for c in pred.children:
        if c.dep_ in ("xcomp", "ccomp") and _cue(c, "departure"):
            people = next((o for o in pred.children if o.dep_ == "dobj"), None) or \
                next((o for o in c.children if o.dep_ in ("nsubj", "dobj")), None)
            return c, people
        if c.dep_ == "dobj" and _cue(c, "departure"):  # "ordered the evacuation of 20,000 residents"
            of = next((g for g in c.children if g.dep_ == "prep" and g.lower_ == "of"), None)
            return c, _pobj(of) if of is not None else None
    return None, None


def _civilians(token) -> bool:
    """People or a group of people ("the families", "thousands of villagers"), not an
    organisation or a state ("forced the UN agency out" is an expulsion, SANCTION)."""
    token = _strip_quantifier(token)
    if any(t.ent_type_ in ("ORG", "GPE") for t in token.subtree):
        return False
    return _cue(token, "people") or qty.count_key(token.lower_) == "people" or token.ent_type_ == "PERSON"


def _forced_departure_is_coerce(c: Coding, pred, trigger_heads, opts) -> Coding | None | bool:
    """An order or force to leave an area is a forced evacuation, COERCE as the PLOVER manual
    codes it, not a REQUEST nor an expulsion: "the army ordered residents to evacuate", "troops
    forced the families out of the village", "ordered the evacuation of the town"."""
    if c.type not in ("REQUEST", "SANCTION", "COERCE") or not _cue(pred, "compel"):
        return False
    act, people = _compelled_content(pred)
    if act is None and c.type == "SANCTION" and any(k.dep_ in ("prt", "prep", "advmod") and k.lower_ == "out" for k in pred.children):
        people = next((o for o in pred.children if o.dep_ == "dobj"), None)  # "forced the families out"
        act = pred if people is not None and _civilians(people) else None
    if act is None:
        return False
    return c._replace(type="COERCE", mode="", rule="forced_departure_is_coerce")


def _compelled_departure_is_content(c: Coding, pred, trigger_heads, opts) -> Coding | None | bool:
    """The leaving that an order or force makes people do is that COERCE's content, not a
    RETREAT of theirs ("ordered residents to evacuate the villages": no RETREAT by residents)."""
    if c.type == "RETREAT" and pred.dep_ in ("xcomp", "ccomp", "dobj") and _cue(pred.head, "compel") \
            and pred.head.i in trigger_heads and _cue(pred, "departure"):
        return None
    return False


CODING_RULES = (_forced_departure_is_coerce, _compelled_departure_is_content, _protest_purpose_is_done, _drop_hypothetical, _promise_is_agree, _conflict_to_come_is_threat,
                _refusal_carried_by_reject, _refusal_is_reject, _drop_denied)


def _code(c: Coding, pred, trigger_heads: set[int], opts: _Options) -> Coding | None:
    """Run CODING_RULES in order: a rule returns a new Coding (and the later rules see it), None
    (the trigger codes no event) or False (no change)."""
    for rule in CODING_RULES:
        out = rule(c, pred, trigger_heads, opts)
        if out is None:
            return None
        if out is not False:
            c = out
    return c


def _cue_on_path(pred, lemmas: tuple[str, ...]) -> bool:
    """Whether one of `lemmas` governs `pred` within three steps ('failed to share')."""
    tok = pred
    for _ in range(3):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.casefold() in lemmas:
            return True
    return False


# --- the component --------------------------------------------------------------------------------


@dataclass
class _Candidate:
    event: Event
    strength: int  # 2 verb or support verb, 1 nominal with its own agent
    sent_start: int
    pred_i: int
    extra: dict = field(default_factory=dict)
    rule: str = ""  # the argument rule (Arguments.rule)
    possessive: bool = False  # a nominal whose actor is its possessor ("Trump's threats")


def _quote_ranges(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTE_RE.finditer(text) if len(m.group(1).split()) >= 4]


class _Ranges(list):
    """Sorted, non-overlapping [a, b) ranges (as `_quote_ranges` gives them) that tell by
    bisection whether a position is inside one (a scan of all of them per event was quadratic)."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        super().__init__(ranges)
        self.starts = [a for a, _ in ranges]

    def holds(self, x: int) -> bool:
        k = bisect_right(self.starts, x) - 1
        return k >= 0 and x < self[k][1]


class _DateIndex:
    """The article's dates found by the position they start at (bisection), in their order."""

    def __init__(self, dates: list[TimeExpression]) -> None:
        self.order = sorted(range(len(dates)), key=lambda k: dates[k].span[0])
        self.starts = [dates[k].span[0] for k in self.order]
        self.dates = dates

    def starting_in(self, start: int, end: int) -> list[TimeExpression]:
        ks = self.order[bisect_left(self.starts, start): bisect_left(self.starts, end)]
        return [self.dates[k] for k in sorted(ks)]


def _nearest_date(dates: list[TimeExpression] | _DateIndex, sent, pred) -> str | None:
    if isinstance(dates, _DateIndex):
        dates = dates.starting_in(sent.start_char, sent.end_char)
    inside = [d for d in dates if sent.start_char <= d.span[0] < sent.end_char and d.value]
    if not inside:
        return None
    doc = sent.doc
    ancestors = {pred.i} | {a.i for a in pred.ancestors}

    def score(d: TimeExpression) -> tuple[int, int]:
        span = doc.char_span(d.span[0], d.span[1], alignment_mode="expand")
        attached = 2
        if span is not None:
            root = span.root
            verb = root
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            if verb.i == pred.i or (pred.dep_ != "ROOT" and root.head.i == pred.i):
                attached = 0
            elif verb.i in ancestors:
                attached = 1
            if root.dep_ == "appos":  # "Hugo Chávez (1999-2013)": a tenure, not the event's date
                attached = 3
        return attached, abs(d.span[0] - pred.idx)

    return min(inside, key=score).value


def extract_events(ctx: Context, config: dict[str, Any] | None = None) -> list[Event]:
    config = config or {}
    opts = _Options(bool(config.get("keep_hypothetical", False)), bool(config.get("keep_denied", False)))
    include_quoted = bool(config.get("include_quoted", False))
    doc = ctx.doc
    text = ctx.text
    args = Args(ctx, text)
    all_quotes = _Ranges(_quote_ranges(text))
    quotes = _Ranges([]) if include_quoted else all_quotes
    dates = _DateIndex(ctx.dates)
    out: list[Event] = []
    seen: set[tuple[str, str]] = set()
    for sent in doc.sents:
        tokens = list(sent)
        verbs = [t for t in tokens if t.pos_ == "VERB"]
        found = find_triggers(sent, tokens)
        found += _speech_requests(verbs, all_quotes)
        found += _speech_accusations(verbs)
        if not found:
            continue
        trigger_heads = {f.head.i for f in found if not f.nominal}
        sent_quantities: dict | None = None
        candidates: list[_Candidate] = []
        for f in found:
            cand = _event(f, sent, args, trigger_heads, opts)
            if cand is None:
                continue
            s0 = cand.event.trigger.span[0]
            if quotes.holds(s0):
                continue
            if sent_quantities is None:
                sent_quantities = qty.as_dict(qty.find_quantities(sent))
            cand.event.quantities = dict(sent_quantities)
            pred = doc[cand.pred_i]
            cand.event.when = _nearest_date(dates, sent, pred)
            candidates.append(cand)
        for cand in candidates:  # "Trump's threats ..." after Trump threatened: a back-reference
            if cand.strength < 2 and cand.rule == "nominal_agent" and cand.possessive and _agent_key(cand.event) in seen:
                cand.strength = -1
        kept = _dedupe([c for c in candidates if c.strength >= 0])
        seen.update(_agent_key(e) for e in kept)
        out.extend(kept)
    out.extend(_quoted_demands(ctx, args, out))
    out.sort(key=lambda e: e.trigger.span[0])
    return out


def _obligation(verb) -> Any:
    """The word that makes `verb` an obligation: 'must'/'should' ('The regime must take
    responsibility'), or 'need'/'needs' with the verb as its to-infinitive ('needs to stop')."""
    aux = next((c for c in verb.children if c.dep_ == "aux" and _cue(c, "obligation")), None)
    if aux is not None:
        return aux
    if verb.dep_ == "xcomp" and verb.head.lemma_.casefold() == "need" and verb.head.tag_ in ("VBZ", "VBP") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return verb.head
    return None


def _quoted_demands(ctx: Context, args: Args, found: list[Event]) -> list[Event]:
    """A demand in a speaker's quoted words is a REQUEST by the speaker: '"The regime must take
    responsibility," Robertson said' → REQUEST, actor Robertson, target the regime. Needs the
    quotes stage's speakers (when it ran); not for 'I must', nor a question, nor a negated or
    conditional obligation, nor 'we/it must', nor a past 'needed to', nor a sentence that already
    codes a REQUEST."""
    out: list[Event] = []
    doc = ctx.doc
    taken = {(e.span[0], e.type) for e in found}
    for quote in ctx.quotes:
        if quote.speaker is None:
            continue
        span = doc.char_span(quote.span[0], quote.span[1], alignment_mode="expand")
        if span is None:
            continue
        for verb in span:
            if verb.pos_ not in ("VERB", "AUX") or verb.i + 1 >= len(doc):
                continue
            word = _obligation(verb)
            if word is None or not (quote.span[0] <= word.idx < quote.span[1]):
                continue
            holder = word if word.i != verb.i and word.pos_ == "VERB" else verb
            subj = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None or subj.lower_ in ("i", "we", "it", "there", "this", "that") or any(
                    c.dep_ == "neg" or (c.dep_ == "aux" and _cue(c, "modal"))
                    for c in (*verb.children, *holder.children)):
                continue  # not "we need to", "it should be noted", "you might need to"
            if not _addressee(subj, verb):
                continue  # not "the public should be informed", "efforts should coincide with"
            sent = verb.sent
            if sent.text.rstrip().endswith("?") or (sent.start_char, "REQUEST") in taken or any(
                    c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in holder.children):
                continue
            taken.add((sent.start_char, "REQUEST"))
            t0, t1 = word.idx, word.idx + len(word)
            out.append(Event(type="REQUEST", status="asserted", text=sent.text, why="quoted_demand",
                             span=(sent.start_char, sent.end_char),
                             trigger=Trigger(text=ctx.text[t0:t1], span=(t0, t1)),
                             actor=quote.speaker, target=args.ref(subj) if subj.lower_ not in ("we", "you") else None,
                             when=_nearest_date(ctx.dates, sent, verb)))
    return out


def _addressee(subj, verb) -> bool:
    """Whether a quoted obligation is a demand on someone who can act: the verb is active (in
    "The public should be informed" the subject is acted upon) and its subject is no plan, effort
    or policy (event_cues.tsv, not_addressee: "legalization efforts should coincide with ...")."""
    if verb.tag_ == "VBN" and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return False
    return not (subj.pos_ == "NOUN" and _cue(subj, "not_addressee"))


def _agent_key(event: Event) -> tuple[str, str]:
    actor = event.actor
    return event.type, (actor.entity or actor.name) if actor is not None else ""


def _speech_accusations(verbs) -> list[Found]:
    """'Miller told reporters that a drug cartel is running Venezuela': a reporting verb whose
    content names a crime (resources/event_cues.tsv, accusation_term) is an ACCUSE by the speaker."""
    out = []
    for tok in verbs:
        if not _cue(tok, "speech_accuse"):
            continue
        if not any(c.dep_ == "nsubj" for c in tok.children):
            continue
        for c in tok.children:
            if c.dep_ != "ccomp":
                continue
            if any(t.dep_ == "neg" for t in c.children):
                continue
            core = [t for t in c.children if t.dep_ in ("nsubj", "attr", "acomp")]
            if any(_cue(t, "accusation_term") for t in core):  # "a drug cartel is running X"
                out.append(Found(Row((tok.lemma_,), "VERB", "ACCUSE", "allege"), tok, tok.i, tok.i + 1, False,
                                 content=c, rule="speech_accusation"))
                break
    return out


def _speech_requests(verbs, quotes: list[tuple[int, int]]) -> list[Found]:
    """'Russia said Sudan must return the helicopter': a reporting verb whose complement carries
    an obligation is a REQUEST by the speaker."""
    out = []
    for tok in verbs:
        if _cue(tok, "speech"):
            for c in tok.children:
                subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is None or subj.lower_ in ("i", "we", "you", "it", "this", "that") or not (
                        _is_people(subj) or subj.pos_ == "PROPN"):
                    continue
                if (quotes.holds(c.idx) if isinstance(quotes, _Ranges)
                        else any(a <= c.idx < b for a, b in quotes)):  # the speaker's own words
                    continue
                if c.dep_ == "ccomp" and any(g.dep_ == "aux" and _cue(g, "obligation") for g in c.children):
                    out.append(Found(Row((tok.lemma_,), "VERB", "REQUEST", ""), tok, tok.i, tok.i + 1, False,
                                     rule="speech_request"))
                    break
    return out


class Arguments(NamedTuple):
    """What an argument rule found: actor and target tokens, the predicate whose status counts
    (the trigger verb, or the support verb of a nominal), the strength (2 verb or support verb,
    1 nominal with its own agent) and the rule's name (recorded in the event's `why`)."""
    actor: Any
    target: Any
    pred: Any
    strength: int
    rule: str


def _nominal_head(f: Found):
    """The noun whose arguments count: "appeals court" is no event (the compound's head is no
    event head), "a mediation effort" reads "effort". None when the compound is no event."""
    head = f.head
    if head.dep_ == "compound" and head.head.i > head.i:
        if not _cue(head.head, "event_head"):  # "appeals court", "aid workers"
            return None
        return head.head
    return head


def _support_verb(head):
    """The verb that carries a nominal trigger, or None: "imposed sanctions" (object of a
    support verb), "engaged in fighting" (support preposition), "imposed a campaign of
    sanctions", "undertaking exercises and drills" (conjunct of a supported noun)."""
    gov = head.head
    gov_pred = gov.head if head.dep_ == "pobj" and gov.dep_ == "prep" else gov
    if head.dep_ in ("dobj", "attr", "oprd", "nsubjpass", "xcomp") and _cue(gov_pred, "support") \
            and gov_pred.pos_ in ("VERB", "AUX"):
        return gov_pred
    if head.dep_ == "pobj" and gov.dep_ == "prep" and _cue(gov.head, "support_prep"):
        return gov.head  # "engaged in fighting"
    if head.dep_ == "pobj" and gov.lower_ == "of" and gov.head.dep_ in ("dobj", "attr") and \
            _cue(gov.head.head, "support"):  # "imposed a campaign of sanctions"
        return gov.head.head
    if head.dep_ == "conj":  # "undertaking exercises" conj of a supported noun
        first = head.head
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first.dep_ in ("dobj", "attr", "oprd") and _cue(first.head, "support"):
            return first.head
    return None


def _nominal_arguments(f: Found, trigger_heads: set[int]) -> Arguments | None:
    """A nominal trigger counts with an agent of its own ("Trump's threats", "attack by X",
    "US strikes": rule nominal_agent), under a support verb whose subject acts ("imposed
    sanctions": support_verb), or as the setting of a meeting ("during a meeting with Liu He":
    meeting_setting). A bare noun ("the strikes") refers back and codes nothing (None), and so
    does a nominal that is the object of another trigger verb (that event's target)."""
    head = _nominal_head(f)
    if head is None:
        return None
    agent = _nominal_agent(f.head) or (_nominal_agent(head) if head.i != f.head.i else None)
    gov = head.head
    gov_pred = gov.head if head.dep_ == "pobj" and gov.dep_ == "prep" else gov
    if gov_pred.i in trigger_heads and gov_pred.i != head.i:
        return None
    support = _support_verb(head)
    if agent is not None and agent.pos_ == "PRON" and support is not None:
        agent = _subject_of(support) or agent  # "their forces completed their withdrawal"
    if agent is not None:
        actor, pred, strength, rule = agent, support or f.head, 2 if support is not None else 1, "nominal_agent"
    elif support is not None:
        actor = None if head.dep_ == "nsubjpass" else _subject_of(support)
        pred, strength, rule = support, 2, "support_verb"
        if actor is None:  # "teacher protests were held": the people the compound names
            actor = next((c for c in head.children if c.dep_ == "compound" and c.i < head.i
                          and c.pos_ == "NOUN" and _is_people(c)), None)
        if actor is None:  # "after the deal was approved", "striking a deal": no one does it here
            return None
    elif f.row.type == "CONSULT" and _participant(head) is not None and (
            _setting_subject(head) is not None or _participant(head).head.lower_ == "between"):
        # "during a meeting with Liu He", "talks resumed between X and Y": the meeting names
        # who met; the actor is the subject of the clause it is the setting of, or the pair
        actor, pred, strength, rule = _setting_subject(head) or _participant(head), f.head, 1, "meeting_setting"
    else:
        return None
    target = _target(head, True, exclude=(actor,))
    if target is None and pred.i != head.i:  # "raised a bounty for Maduro's capture"
        target = _target(pred, True, exclude=(actor, head))
    if target is None and head.dep_ == "nsubj":  # "a coup ousted the president"
        target = next((c for c in head.head.children if c.dep_ == "dobj"), None)
    return Arguments(actor, target, pred, strength, rule)


def _is_passive(head) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children) or (
        head.tag_ == "VBN" and head.dep_ in ("acl", "conj") and any(c.dep_ == "agent" for c in head.children))


def _passive_arguments(f: Found) -> Arguments:
    """A passive verb: the "by" agent acts, the passive subject (or the noun a participle
    modifies, or the subject of a first conjunct) is the target: "were detained by police".
    No agent: for MOBILIZE the units' owner ("US troops were deployed" → US); for a stative
    verbal event the subject ("Israel is opposed to the plan")."""
    head = f.head
    rule = "passive_agent"
    agent = next((c for c in head.children if c.dep_ == "agent"), None)
    actor = _pobj(agent) if agent is not None else None
    target = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    if target is None and head.dep_ == "acl":
        target = head.head
    if target is None and head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX"):
        target = _subject_of(head.head)  # "pleaded not guilty and were released"
        if target is not None and target.pos_ not in ("NOUN", "PROPN"):
            target = None
    if target is not None and target.lower_ in _RELATIVE and head.dep_ == "relcl":
        target = head.head
    if actor is None and f.row.type == "MOBILIZE" and target is not None:
        actor, rule = _owner(target), "units_owner"
    elif actor is None and f.row.type in VERBAL and target is not None and _cue(head, "stative"):
        # "Israel is opposed to French mediation", "Vietnam is committed to ...": stative
        actor, target, rule = target, _target(head, True, exclude=(target,)), "stative_subject"
    return Arguments(actor, target, head, 2, rule)


def _active_arguments(f: Found) -> Arguments:
    """An active verb: its subject (through control and relative clauses, _subject_of) acts on
    its object or a prepositional target; a phrase trigger's own object word gives way to its
    complement ("raised questions about the adviser"); a statement coded by its content
    accuses the first name in that content."""
    head = f.head
    actor = _subject_of(head)
    target = _target(head, False, exclude=(actor,))
    if target is not None and f.start <= target.i < f.end and target.i != head.i:
        target = _phrase_target(target) or target
    if f.content is not None:  # whom the statement accuses: the first name in it
        target = next((t for t in f.content.subtree if t.ent_type_ in _NAME_TYPES
                       and t.dep_ != "compound"), None)
    return Arguments(actor, target, head, 2, "subject")


def _arguments(f: Found, trigger_heads: set[int]) -> Arguments | None:
    """Actor, target and predicate of a trigger, by the first argument rule that applies, with
    dates, amounts, punctuation and relative pronouns left out and an unresolved it/they under a
    reporting verb replaced by the speaker ("Syria says it is willing to ...")."""
    if f.nominal:
        found = _nominal_arguments(f, trigger_heads)
        if found is None:
            return None
    elif _is_passive(f.head):
        found = _passive_arguments(f)
    else:
        found = _active_arguments(f)
    actor, target = found.actor, found.target
    if actor is not None and (_is_time(actor) or actor.is_punct or actor.lower_ in _RELATIVE):
        actor = None
    if target is not None and (target.is_punct or target.lower_ in _RELATIVE):
        target = None
    if actor is not None and actor.pos_ == "PRON" and actor.lower_ not in ("he", "she"):
        speaker = _speaker_of(found.pred if f.nominal else f.head)
        if speaker is not None:
            actor = speaker
    return found._replace(actor=actor, target=target)


# Filters on a found event: each returns True when the trigger codes no event here.

def _wrong_object(f: Found, a: Arguments) -> bool:
    """The row's object column does not fit: "released a report" is no RETREAT."""
    head = _nominal_head(f) if f.nominal else f.head
    return bool(f.row.object) and not _object_fits(f, head, a.target, strength_support=a.pred.i != head.i,
                                                   actor_tok=a.actor)


def _wrong_subject(f: Found, a: Arguments) -> bool:
    """The row's subject column does not fit: "Flu killed five" is no ASSAULT."""
    return bool(f.row.subject) and not _subject_fits(f.row.subject, _nominal_head(f) if f.nominal else f.head,
                                                     a.actor)


def _instruction(f: Found, a: Arguments) -> bool:
    """"Visit the Thunder on Friday.", "Fund our schools!": an instruction, no event."""
    return not f.nominal and _imperative(f.head)


def _asker_absent(f: Found, a: Arguments) -> bool:
    """"Asked about the device, ...": a fronted participle whose doer is not in the text."""
    return not f.nominal and f.head.tag_ == "VBN" and f.head.dep_ == "advcl" and a.actor is None


def _passive_phrase(f: Found, a: Arguments) -> bool:
    """"was called a charlatan ... for": no phrasal "call for" in a passive."""
    return not f.nominal and len(f.row.words) > 1 and any(c.dep_ == "auxpass" for c in f.head.children) \
        and not _cue(f.head, "stative")


def _unknown_coercer(f: Found, a: Arguments, actor: AgentRef | None) -> bool:
    """A coercion row that needs an agent needs a known one: in "they worsened, forcing him to
    take days off" the pronoun resolves to no person or group (the symptoms): no COERCE."""
    return f.row.type == "COERCE" and f.row.subject == "agent" and actor is None


def _no_arguments(f: Found, a: Arguments) -> bool:
    """A verb with no actor and no target is most often a mis-parsed noun ("strikes off")."""
    return not f.nominal and a.actor is None and a.target is None


EVENT_FILTERS = (_wrong_object, _wrong_subject, _instruction, _asker_absent, _passive_phrase, _no_arguments)


def _event(f: Found, sent, args: Args, trigger_heads: set[int], opts: "_Options"):
    """The event a trigger codes in its sentence, or None: arguments (_arguments), the filters
    (EVENT_FILTERS), status (_status) and coding (CODING_RULES); `why` records each step."""
    doc = sent.doc
    a = _arguments(f, trigger_heads)
    if a is None or any(rule(f, a) for rule in EVENT_FILTERS):
        return None
    status, status_why = _status(a.pred, f)
    coded = _code(Coding(f.row.type, f.row.mode, status, status_why), a.pred, trigger_heads, opts)
    if coded is None:
        return None
    why = [f.why, f"args:{a.rule}"]
    if coded.why:
        why.append(f"status:{coded.why}")
    if coded.rule:
        why.append(f"coding:{coded.rule}")
    t_start, t_end = doc[f.start].idx, doc[f.end - 1].idx + len(doc[f.end - 1])
    actor = args.ref(a.actor, a.rule, first=True) if a.actor is not None else None
    if _unknown_coercer(f, a, actor):
        return None
    target = args.ref(a.target, "target") if a.target is not None and (a.actor is None or a.target.i != a.actor.i) else None
    if actor is None and target is None and (a.actor is not None or a.target is not None):
        return None  # its only arguments were pronouns or counts that resolve to no one
    event = Event(
        type=coded.type,
        mode=coded.mode,
        status=coded.status,
        text=sent.text,
        span=(sent.start_char, sent.end_char),
        trigger=Trigger(text=args.text[t_start:t_end], span=(t_start, t_end)),
        actor=actor,
        target=target,
        why="; ".join(why),
    )
    possessive = a.actor is not None and a.actor.dep_ == "poss"
    return _Candidate(event, a.strength, sent.start, a.pred.i, rule=a.rule, possessive=possessive)


def _object_fits(f: Found, head, target_tok, strength_support: bool = True, actor_tok=None) -> bool:
    """The row's constraint on what is acted upon: released *prisoners*, not a report."""
    obj = target_tok
    if not f.nominal:  # what the verb acts on, not a prepositional target ("declined over time")
        obj = next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass", "dative")), None)
        if obj is None and head.dep_ == "acl" and head.tag_ == "VBN":
            obj = head.head
        if obj is None and f.row.object != "object":
            obj = target_tok
    if f.row.object == "support":
        return strength_support
    if f.nominal:
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = _pobj(of) if of is not None else target_tok
    kind = f.row.object
    if kind == "agent":
        return actor_tok is not None and (_is_people(actor_tok) or actor_tok.pos_ == "PRON")
    if kind == "against":  # a protest rally, not a campaign rally
        return any(c.dep_ in ("prep", "advmod") and c.lower_ in ("against", "over", "outside")
                   for c in head.children) \
            or any(_cue(t, "protest_context") for t in head.sent if t.i != head.i)
    if kind == "to":  # "offered to mediate", "promised aid", "will offer NASA its lander"
        return any(c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children) for c in head.children) \
            or (obj is not None and _is_trigger_token(obj)) \
            or (not f.nominal and any(c.dep_ == "dative" for c in head.children))
    if kind == "military":
        return obj is None or _cue(obj, "military") or qty.count_key(obj.lower_) == "troops"
    if obj is None:
        return kind == "thing"
    if kind == "people":  # "forced thousands of villagers to leave"
        return _is_people(obj) or _is_people(_strip_quantifier(obj)) or (obj.pos_ == "PRON" and not obj.lower_.endswith(("self", "selves")))
    obj = _strip_quantifier(obj)  # "thousands of refugees"
    if kind == "captive":  # a person or group held, not a product or a report
        return obj.ent_type_ in ("PERSON", "NORP") or _cue(obj, "people") or \
            qty.count_key(obj.lower_) in ("people", "troops", "fighters", "police")
    if kind == "object":
        return True
    if kind == "accord":  # "signed an agreement", not "signed false certifications"
        return _cue(obj, "accord") or _is_trigger_token(obj)
    if kind == "proposal":  # "rejected the plan", not "rejected the accusations" (a denial)
        return obj.lemma_.casefold() not in _claim_nouns()
    if kind == "org":  # "left the company", "left office", not "left the court"
        return obj.ent_type_ == "ORG" or _cue(obj, "organisation")
    if kind == "money":  # "gave $5 million", "a grant of $5 million", not "gave a speech"
        return obj.ent_type_ == "MONEY" or any(t.ent_type_ == "MONEY" or t.lower_ in ("$", "€", "£")
                                               for t in _own_phrase(obj))
    return obj.ent_type_ != "PERSON"


def _own_phrase(token) -> list:
    """The noun phrase of `token` without what it is about: "a grant of $5 million" keeps "of
    $5 million", "mixed signals about whether ... tariffs on $360 billion" stops at "about"."""
    out, todo = [], [token]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ not in ("prep", "relcl", "acl", "advcl", "ccomp", "conj", "cc")
                    or (c.dep_ == "prep" and c.lower_ == "of"))
    return out


_PERSONAL = frozenset({"he", "she", "they", "we", "i", "you", "him", "her", "them", "us", "many", "some",
                       "others", "several", "few", "most", "both"})


def _subject_fits(kind: str, head, actor_tok) -> bool:
    """The row's subject column. 'agent': the actor is a person, group or organisation ("the
    court allowed", not "it allows him to"); 'cause': the killing was not done by a disease or an
    accident ("plague has killed millions", "killed in a helicopter crash" are no ASSAULT).

    >>> # kill VERB ASSAULT subject 'cause': "Gunmen killed five" fits, "Flu killed five" does not
    """
    if kind == "agent":
        if actor_tok is None:
            return False
        if actor_tok.pos_ == "PRON" or actor_tok.lower_ in _PERSONAL:  # "many have voiced concerns"
            return actor_tok.lower_ in _PERSONAL
        return _is_people(actor_tok)
    if kind == "cause":
        causes = [actor_tok] if actor_tok is not None else []
        causes += [_pobj(c) for c in head.children if c.dep_ in ("prep", "agent")
                   and c.lower_ in ("in", "by", "from", "during")]
        return not any(t is not None and _cue(t, "natural_cause") for t in causes)
    return True


def _owner(token):
    """'US troops' → 'US': the nation or group a unit belongs to (any conjunct's)."""
    for unit in [token, *token.conjuncts]:
        for c in unit.children:
            if c.dep_ in ("compound", "amod", "nmod", "poss") and c.ent_type_ in ("GPE", "NORP", "ORG"):
                return c
    return None


def _speaker_of(token):
    """The subject of the reporting verb a clause hangs on ('Syria says it is willing...')."""
    tok = token
    for _ in range(4):
        if tok.head.i == tok.i:
            return None
        if tok.dep_ == "ccomp" and _cue(tok.head, "speech"):
            return next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        tok = tok.head
    return None


def _dedupe(candidates: list[_Candidate]) -> list[Event]:
    """One event per type in a sentence, unless verbs with different actors each code it."""
    kept: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-c.strength, c.event.trigger.span[0])):
        ev = cand.event
        same = [k for k in kept if k.event.type == ev.type]
        if not same:
            kept.append(cand)
            continue
        if cand.strength < 2 or ev.actor is None:
            continue
        if all(k.event.actor is not None and k.event.actor.name != ev.actor.name for k in same):
            kept.append(cand)
            continue
        for k in same:  # fill what the kept one lacks
            if k.event.actor is None and ev.actor is not None:
                k.event.actor = ev.actor
            if k.event.target is None and ev.target is not None:
                k.event.target = ev.target
    kept.sort(key=lambda c: c.event.trigger.span[0])
    return [k.event for k in kept]


@component("events", assigns=("events",), requires=("entities", "quotes", "dates"),
           default_config={"keep_hypothetical": False, "keep_denied": False, "include_quoted": False})
def make_events(config: dict[str, Any]):
    def run(ctx: Context) -> None:
        ctx.events = extract_events(ctx, config)

    return run
