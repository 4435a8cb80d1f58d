"""Roles and titles of people, from the words before a name ("US president Donald Trump",
"Central Intelligence Agency (CIA) director John Ratcliffe", "Venezuela's Foreign Affairs
Minister Yván Gil") and from appositions ("Marco Rubio, a veteran regime-change advocate, ...";
"the agency's director, Jane Doe"). Also the gender cues a name carries (Mr, Ms, spokeswoman).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from . import entity_lexicon as lex
from .mentions import Mention

_CONNECTORS = {"of", "for", "and", "on", "'s", "’s", "(", ")", "-", "&"}
_CUT_DEPS = {"relcl", "acl", "advcl", "punct", "cc", "conj", "appos"}
_ARTICLES = {"a", "an", "the"}
_NOT_ROLE_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_INNER_CUT_DEPS = {"relcl", "acl", "advcl"}
_NOT_NP_START = {"SCONJ", "ADV", "CCONJ", "ADP", "PART", "VERB", "AUX", "PUNCT"}
_MAX_APPOSITION = 16


def _phrase_start(doc: Doc, i: int, vocab: frozenset[str]) -> int | None:
    """If a phrase of `vocab` ends at token i, the index where the longest one starts
    ("secretary of state", "president-elect", "long-time")."""
    for k in range(max(0, i - 4), i + 1):
        phrase = " ".join("".join(t.text + t.whitespace_ for t in doc[k:i + 1]).lower().split())
        if phrase in vocab:
            return k
    return None


def _title_end_at(doc: Doc, i: int) -> int | None:
    """Start of the role head ending at token i: a title ("director"), or a title with its
    capitalised complement ("Secretary of Homeland Security", "Minister of the Interior")."""
    start = _phrase_start(doc, i, lex.titles())
    if start is not None:
        return start
    if not (doc[i].text[:1].isupper() and doc[i].is_alpha):
        return None
    j = i
    while j > 1 and i - j < 4 and (doc[j].text[:1].isupper() and doc[j].is_alpha or doc[j].lower_ in ("the", "and")):
        if doc[j - 1].lower_ == "of":
            return _phrase_start(doc, j - 2, lex.titles())
        j -= 1
    return None


def title_head(doc: Doc, name_start: int) -> tuple[int, int] | None:
    """Token range of the role head right before a name, if any (for dropping names that are
    part of a title, like "Homeland Security" in "Secretary of Homeland Security Kristi Noem")."""
    i = name_start - 1
    if i >= 0 and doc[i].lower_ in lex.honorifics():
        i -= 1
    if i < 0:
        return None
    start = _title_end_at(doc, i)
    return (start, i + 1) if start is not None else None


def _acceptable(tok: Token, person_tokens: set[int]) -> bool:
    if tok.i in person_tokens or tok.is_space:
        return False
    low = tok.lower_
    if low in lex.title_modifiers() or low in lex.titles() or low in _CONNECTORS \
            or low in lex.org_descriptions():
        return True
    if tok.text[:1].isupper() and tok.is_alpha or lex.is_acronym(tok.text):
        if tok.ent_type_ in _NOT_ROLE_ENTS:
            return False
        return not tok.is_sent_start or tok.pos_ in ("PROPN", "NOUN", "ADJ") or bool(tok.ent_type_)
    return False


def prefix_role(doc: Doc, m: Mention, person_tokens: set[int]) -> str | None:
    """The role phrase right before a person's name, if it ends in a role head."""
    i = m.tok_start - 1
    if i < 0:
        return None
    if doc[i].lower_ in lex.honorifics():
        i -= 1
        if i < 0:
            return None
    head_start = _title_end_at(doc, i)
    if head_start is None or head_start in person_tokens:
        return None
    # "Col. Jane Doe" may be split into two sentences at the abbreviation's dot.
    sent_start = doc[head_start].sent.start
    j = head_start
    while j - 1 >= sent_start:
        modifier = _phrase_start(doc, j - 1, lex.title_modifiers())
        if modifier is not None and modifier < j - 1:
            j = modifier
        elif _acceptable(doc[j - 1], person_tokens):
            j -= 1
        else:
            break
    while j < head_start and (doc[j].lower_ in _CONNECTORS - {"("} or doc[j].lower_ in _ARTICLES
                              or doc[j].text == "(" and ")" not in [t.text for t in doc[j:head_start]]):
        j += 1
    return doc[j:i + 1].text


def _kept(tok: Token, out: list[Token], top: bool = True) -> None:
    """The noun's phrase without its clauses; at the top also without lists and commas."""
    out.append(tok)
    for child in tok.children:
        if child.dep_ in _INNER_CUT_DEPS or child.text == ",":
            continue
        left = child.left_edge.i
        if child.dep_ == "appos" and left > 0 and tok.doc[left - 1].text == ",":
            continue  # "analyst at Stratfor, the Texas-based ...": a second apposition
        if top and child.dep_ in _CUT_DEPS and not (child.dep_ == "punct" and child.text in ("-", "–")):
            continue
        _kept(child, out, top=False)


def apposition_role(doc: Doc, m: Mention, person_tokens: set[int]) -> str | None:
    """"Marco Rubio, a veteran regime-change advocate who ..." -> "veteran regime-change
    advocate"; "the agency's director, Jane Doe" -> "agency's director"."""
    head = doc[m.tok_end - 1]
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i and child.pos_ == "NOUN" \
                and m.tok_end < len(doc) and doc[m.tok_end].text == ",":
            return _phrase(doc, child, person_tokens)
    if head.dep_ == "appos" and head.head.pos_ == "NOUN" and head.head.i < m.tok_start \
            and m.tok_start > 0 and doc[m.tok_start - 1].text == ",":
        return _phrase(doc, head.head, person_tokens, stop=m.tok_start - 1)
    return None


def _phrase(doc: Doc, noun: Token, person_tokens: set[int], stop: int | None = None) -> str | None:
    toks: list[Token] = []
    _kept(noun, toks)
    kept = {t.i for t in toks if stop is None or t.i < stop}
    if noun.i not in kept or kept & person_tokens:
        return None
    # The unbroken run of kept tokens around the noun.
    start = end = noun.i
    while start - 1 in kept:
        start -= 1
    while end + 1 in kept:
        end += 1
    while start < noun.i and (doc[start].lower_ in _ARTICLES or doc[start].pos_ in _NOT_NP_START):
        start += 1
    phrase = doc[start:end + 1]
    if len(phrase) > _MAX_APPOSITION:
        return None
    return phrase.text


def person_roles(doc: Doc, mentions: list[Mention], person_tokens: set[int]) -> list[str]:
    """All roles of one person's mentions, most specific kept ("president" goes when
    "Venezuelan president" is there)."""
    found: list[str] = []
    for m in mentions:
        for role in (prefix_role(doc, m, person_tokens), apposition_role(doc, m, person_tokens)):
            if role and role not in found:
                found.append(role)
    out = []
    for role in found:
        low = role.lower()
        if any(other != role and other.lower().endswith(" " + low) for other in found):
            continue
        if low in (r.lower() for r in out):
            continue
        out.append(role)
    return out


def person_gender(doc: Doc, mentions: list[Mention], roles: list[str]) -> str | None:
    """masc or fem when an honorific or a gendered role word says so; else None."""
    cues = lex.gender_cues()
    seen = set()
    for m in mentions:
        if m.tok_start > 0:
            g = cues.get(doc[m.tok_start - 1].lower_)
            if g and g != "any":
                seen.add(g)
    for role in roles:
        for word in role.lower().split():
            g = cues.get(word)
            if g and g != "any":
                seen.add(g)
    return seen.pop() if len(seen) == 1 else None


_SUBJECTS = ("nsubj", "nsubjpass")


def pronoun_gender(doc: Doc, mentions: list[Mention], person_tokens: set[int]) -> str | None:
    """masc or fem from how the article goes on about a person no cue genders: where the person
    is the subject of a sentence that names no other person, the he/she that is a subject
    later in that sentence or of the next sentence, when that names no other person either
    ("Taylor Swift says the label blocked her. She …"). None unless every such pronoun agrees."""
    pronouns = lex.pronouns()
    own: set[int] = {i for m in mentions for i in range(m.tok_start, m.tok_end)}
    others = person_tokens - own
    seen: set[str] = set()
    for m in mentions:
        tok = doc[m.tok_end - 1]
        if tok.dep_ not in _SUBJECTS:
            continue
        sent = tok.sent
        if any(i in others for i in range(sent.start, sent.end)):
            continue
        after = [t for t in doc[m.tok_end:sent.end] if t.dep_ in _SUBJECTS]
        if sent.end < len(doc):
            nxt = doc[sent.end].sent
            if not any(i in others for i in range(nxt.start, nxt.end)):
                after += [t for t in nxt if t.dep_ in _SUBJECTS][:1]
        for t in after:
            p = pronouns.get(t.lower_)
            if p is not None and p.gender in ("masc", "fem") and '"' not in doc[m.tok_end:t.i].text \
                    and "“" not in doc[m.tok_end:t.i].text:
                seen.add(p.gender)
    return seen.pop() if len(seen) == 1 else None
