"""Named mentions: spaCy's entities, trimmed and repaired, plus the names it misses.

What is added to spaCy: leading "the" and trailing possessives are dropped; titles glued to a
name ("Special Envoy Richard Grenell" tagged ORG) are cut off and the name becomes a PERSON;
entities inside a title ("State" in "Secretary of State") are dropped; a surname already seen
as a PERSON is a PERSON; an all-caps dateline city is a place; acronyms defined in parentheses
("Homeland Security Investigations (HSI)") are found both ways and linked to their name;
capitalised names ending in an organisation word ("the Homeland Security Task Forces") become
ORGs; later untagged uses of a known acronym, surname or multiword name are added.
A name-like place or organisation is a person on the article's evidence (apposition, surname,
he/she, speech subject); "the port of X" makes X a place; a quoted nickname ("Jimmy "Barbecue"
Cherizier") stays inside one person; a score glued to a team is cut.
"""

from __future__ import annotations

import bisect
from collections import Counter
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from . import entity_lexicon as lex

KEPT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP"}
_DETERMINERS = {"the", "a", "an"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_SCORE = re.compile(r"^\d{1,3}[-–]\d{1,3}$")
_DATELINE = re.compile(
    r"(?m)^[ \t]*([A-Z][A-Z'’.-]+(?:[ ][A-Z][A-Z'’.-]+){0,3})(?=\s*(?:,|\(|—|–|-))"
)


@dataclass
class Mention:
    start: int  # character offsets into the text
    end: int
    text: str
    label: str
    tok_start: int  # token offsets into the Doc
    tok_end: int
    the: str = ""  # "the"/"The" dropped from just before the mention
    origin: str = "ner"
    nickname: str = ""  # Jimmy "Barbecue" Cherizier: the quoted nickname the span holds
    described: str = ""  # "Dreamforce conference": the name with the noun that told its type


def _mention(doc: Doc, start: int, end: int, label: str, origin: str = "ner") -> Mention:
    span = doc[start:end]
    the = ""
    if start > 0 and doc[start - 1].lower_ == "the":
        the = doc[start - 1].text
    return Mention(span.start_char, span.end_char, span.text, label, start, end, the, origin)


def _is_title_word(token_lower: str) -> bool:
    return token_lower in lex.titles() or token_lower in lex.honorifics()


def _title_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of titles of more than one token ("Secretary of State", "President-elect")."""
    out = []
    titles = lex.titles()
    prefixes = lex.title_prefixes()
    pieces = [t.text_with_ws.lower() for t in doc]
    n = len(pieces)
    for i in range(n):
        if pieces[i].strip() not in prefixes:
            continue
        for j in range(min(n, i + 5), i + 1, -1):
            if " ".join("".join(pieces[i:j]).split()) in titles:
                out.append((i, j))
                break
    return out


def _strip_title(doc: Doc, start: int, end: int) -> int:
    """Index of the first name token after a title glued to the front of [start, end), or
    `start` when there is none ("Special Envoy Richard Grenell" -> "Richard Grenell")."""
    last_title = -1
    for i in range(start, end - 1):
        low = doc[i].lower_
        if _is_title_word(low):
            last_title = i
        elif low in lex.title_modifiers() or low in lex.acronym_skip() or doc[i].text[:1].isupper():
            continue
        else:
            break
    if last_title < 0:
        return start
    rest = doc[last_title + 1:end]
    if not all(t.pos_ == "PROPN" or t.text[:1].isupper() for t in rest):
        return start
    return last_title + 1


class _Ranges:
    """Token ranges, answering "does one of them overlap / hold [start, end)?" by bisection:
    the ranges sorted by start, with the furthest end reached so far."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        ranges = sorted(ranges)
        self.starts = [a for a, _ in ranges]
        self.reach: list[int] = []
        for _, b in ranges:
            self.reach.append(max(b, self.reach[-1]) if self.reach else b)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.starts, end)  # ranges starting before `end`
        return k > 0 and self.reach[k - 1] > start

    def holds(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.starts, start)  # ranges starting at or before `start`
        return k > 0 and self.reach[k - 1] >= end


def _trim(doc: Doc, ent: Span, title_spans: list[tuple[int, int]] | _Ranges) -> tuple[int, int] | None:
    start, end = ent.start, ent.end
    # A name never runs across a line break (chrome lists, headlines).
    for i in range(start, end):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            end = i if "\n" in doc[i].text else i + 1
            break
    for i in range(start + 1, end):
        if doc[i].text == "(":
            end = i  # "World Health Organization (WHO": the acronym is found on its own
            break
    while start < end and doc[start].lower_ in _DETERMINERS:
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    while start < end and doc[start].is_punct:
        start += 1
    if ent.label_ == "PERSON":
        while end > start + 1 and not any(c.isalpha() for c in doc[end - 1].text):
            end -= 1  # "Nicolas Jarry 6-4": a score glued to a name
    for width in (3, 1):  # "beat Chelsea 2-1": a score glued to a team ("2", "-", "1" or "2-1")
        if end - width > start and _SCORE.match(doc[end - width:end].text):
            end -= width
            break
    while end > start + 1 and doc[end - 1].lower_ in lex.name_particles():
        end -= 1  # "Maria den" + "Castro": joined again by _join_particles
    if start >= end:
        return None
    last = doc[end - 1].text
    if not (last[:1].isupper() or any(c.isdigit() for c in last)):
        return None  # names are capitalised; "meth", "para o" are not names
    if isinstance(title_spans, _Ranges):
        if title_spans.holds(start, end):
            return None
    elif any(t_start <= start and end <= t_end for t_start, t_end in title_spans):
        return None
    if all(t.lower_ in lex.title_modifiers() or t.lower_ in lex.titles() for t in doc[start:end]):
        return None  # "Health" in "Health Minister"
    return start, end


# --- span rules: one named entity span of spaCy's may hold words that are no part of a name, or
# several names. Each rule takes a token range and returns the ranges it stands for.

_ORG_NAME_KINDS = {"company", "outlet", "organisation"}
_OPENER_POS = {"VERB", "ADV", "ADP", "AUX", "SCONJ", "ADJ", "PRON", "DET", "INTJ"}


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc: spaCy joins every token anew on each access, which made
    rules that look at the whole text once per name quadratic in the article's length."""
    text = doc.user_data.get("newstrace.text")
    if text is None:
        text = doc.user_data["newstrace.text"] = doc.text
    return text


def _opens_line_or_sentence(doc: Doc, i: int) -> bool:
    """Token i starts its sentence, or only a list number stands before it on its line
    ("4. Questioning Vindman's judgment")."""
    if doc[i].is_sent_start:
        return True
    k = i - 1
    while k >= 0 and "\n" not in doc[k].text and (doc[k].like_num or doc[k].is_punct
                                                   or re.fullmatch(r"\d+[.)]", doc[k].text)):
        k -= 1
    return k < i - 1 and (k < 0 or "\n" in doc[k].text or doc[k].is_space)


def drop_sentence_opener(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """"Hosting Cook, Benioff said" -> "Cook"; "Questioning Vindman, ..." -> "Vindman": a
    capitalised verb, adverb or preposition opening the sentence is not part of the name."""
    if end - start < 2 or not _opens_line_or_sentence(doc, start) or not doc[start + 1].text[:1].isupper():
        return [(start, end)]
    opener = doc[start]
    if opener.pos_ in _OPENER_POS and opener.tag_ != "NNP":
        return [(start + 1, end)]
    if opener.lower_.endswith(("ing", "ed", "ly")) and len(opener) > 4:
        # tagged as a name: cut only when the rest appears elsewhere without it
        rest = doc[start + 1:end].text
        if _elsewhere(doc_text(doc), rest, doc[start + 1].idx):
            return [(start + 1, end)]
    return [(start, end)]


def _elsewhere(text: str, words: str, here: int) -> bool:
    """Whether `re.finditer(r"(?<!\\w)WORDS(?!\\w)", text)` finds `words` at a place other
    than `here`: the same matches, found with str.find and stopping at the first such place."""
    i, n = text.find(words), len(words)
    while i != -1 and n:
        if (i == 0 or not _WORD_CHAR.match(text, i - 1)) and not _WORD_CHAR.match(text, i + n):
            if i != here:
                return True
            i = text.find(words, i + n)  # a match: the next one starts after it
        else:
            i = text.find(words, i + 1)
    return False


def drop_single_letter(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """"F Hamidou Diallo" (a box score's position letter) -> "Hamidou Diallo"."""
    if end - start >= 3 and len(doc[start].text) == 1 and doc[start].text.isupper():
        return [(start + 1, end)]
    return [(start, end)]


def split_possessive(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """"Vox Media’s Code Media" -> "Vox Media", "Code Media"; "’s Haqqani" -> "Haqqani": a
    possessive inside a span ends one name and starts another."""
    for i in range(start, end):
        if doc[i].text in _POSSESSIVE and doc[i].tag_ == "POS":
            left = [(start, i)] if i > start else []
            right = [(i + 1, end)] if i + 1 < end and doc[i + 1].text[:1].isupper() else []
            return left + right
    return [(start, end)]


def split_list(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """"Draper, Firefly Aerospace" -> "Draper", "Firefly Aerospace"; "Orange and Riverside" ->
    two: a comma or "and" between capitalised names inside one span separates two names
    (not inside an "X of A, B and C" name, nor in "Washington, D.C.")."""
    if any(t.text == "&" or (t.is_alpha and t.text.islower() and t.lower_ != "and") for t in doc[start:end]):
        return [(start, end)]  # "Office on Drugs and Crime", "Bureau of Alcohol, Tobacco"
    for i in range(start + 1, end - 1):
        tok = doc[i]
        if tok.text == "," or (tok.lower_ == "and" and doc[i - 1].text != ","):
            k = i + 1
            while k < end and doc[k].lower_ in ("and", ","):
                k += 1
            if k < end and doc[k].text[:1].isupper() and not lex.is_acronym(doc[k].text.rstrip(".")) \
                    and len(doc[k].text.rstrip(".")) > 2:
                return [(start, i)] + split_list(doc, k, end)
    return [(start, end)]


SPAN_RULES = (drop_sentence_opener, drop_single_letter, split_possessive, split_list)


def apply_span_rules(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """The name ranges one trimmed entity span stands for, after every span rule in order."""
    ranges = [(start, end)]
    for rule in SPAN_RULES:
        ranges = [r for a, b in ranges for r in rule(doc, a, b) if r[1] > r[0]]
    return ranges


def _dateline_mentions(doc: Doc, text: str) -> list[Mention]:
    out = []
    for match in _DATELINE.finditer(text):
        word = match.group(1)
        if len(word) < 3:
            continue
        span = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        if span is not None and len(span):
            out.append(_mention(doc, span.start, span.end, "GPE", "dateline"))
    return out


_BASED = re.compile(r"(?<![\w-])((?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+)-based\b")


def _based_places(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"a Sugar Land-based provider": the capitalised words before "-based" name a place,
    found when spaCy tagged nothing there."""
    taken = {i for m in mentions for i in range(m.tok_start, m.tok_end)}
    out = []
    for match in _BASED.finditer(doc_text(doc)):
        span = doc.char_span(match.start(1), match.end(1))
        if span is None or any(t.i in taken for t in span) or not all(t.pos_ == "PROPN" for t in span):
            continue
        out.append(_mention(doc, span.start, span.end, "GPE", "based"))
    return out


_PARTY_STATE = re.compile(r"(?<![\w-])[DRI]-((?:[A-Z][a-z]{0,3}\.){1,2}|[A-Z][a-z]+)(?=[,;)\s])")


def _party_states(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"Rep. Ilhan Omar, D-Minn.", "Sen. Ted Cruz, R-Texas": the state after a party letter is
    a place (spaCy often tags the whole "R-Texas" as nothing or as an organisation)."""
    by_start = {m.start: m for m in mentions}
    taken = {i for m in mentions for i in range(m.tok_start, m.tok_end)}
    out = []
    for match in _PARTY_STATE.finditer(doc_text(doc)):
        span = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        if span is None:
            continue
        same = by_start.get(match.start(1))
        if same is not None and same.end == match.end(1):
            same.label = "GPE"
        elif span.start_char == match.start(1) and span.end_char == match.end(1) \
                and not any(t.i in taken for t in span):
            out.append(_mention(doc, span.start, span.end, "GPE", "party_state"))
    return out


def _join_particles(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"Maria" + "dos" + "Castro" tagged apart: one person, "Maria dos Castro"."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev.label == "PERSON" and m.label != "NORP" and m.tok_start > prev.tok_end \
                and all(t.lower_ in lex.name_particles() for t in doc[prev.tok_end:m.tok_start]) \
                and m.tok_end - m.tok_start == 1 and m.text[:1].isupper():
            out[-1] = _mention(doc, prev.tok_start, m.tok_end, "PERSON", prev.origin)
            continue
        out.append(m)
    return out


def _titled_names(doc: Doc, taken: dict[int, Mention]) -> tuple[list[Mention], set[int]]:
    """Capitalised words right after a title that spaCy left untagged (or tagged as a place or
    organisation in part) are a person: "Minister of the Interior Jane Okafor", "EC President
    Ursula von der Leyen". Returns the new mentions and the ids of the mentions they replace."""
    from .roles import title_head  # roles imports Mention from here

    out: list[Mention] = []
    replaced: set[int] = set()
    n = len(doc)
    i = 1
    while i < n:
        if i in taken or not (doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper() and doc[i].is_alpha):
            i += 1
            continue
        j, last = i, i
        while j < n and j - i < 5:
            tok = doc[j]
            if tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.is_alpha:
                if j in taken and taken[j].label in ("PERSON", "NORP"):
                    break
                last = j
            elif tok.lower_ not in lex.name_particles():
                break
            j += 1
        end = last + 1
        if end - i >= 2 and not lex.org_kind(doc[i:end].text) and title_head(doc, i) is not None \
                and all(taken[k].tok_start >= i and taken[k].tok_end <= end for k in range(i, end) if k in taken):
            out.append(_mention(doc, i, end, "PERSON", "titled"))
            replaced.update(id(taken[k]) for k in range(i, end) if k in taken)
            i = end
        else:
            i += 1
    return out, replaced


def _org_head_mentions(doc: Doc, taken: set[int]) -> list[Mention]:
    """Capitalised runs ending in an organisation word that spaCy left untagged."""
    out = []
    kinds = lex.org_kinds()
    skip = lex.acronym_skip()
    text = doc_text(doc)
    i = 0
    n = len(doc)
    while i < n:
        if i in taken or not doc[i].text[:1].isupper() or doc[i].is_sent_start and doc[i].lower_ == "the":
            i += 1
            continue
        j = i
        last_head = -1
        while j < n and j not in taken:
            tok = doc[j]
            if tok.text[:1].isupper() and tok.is_alpha:
                if tok.text in kinds:
                    last_head = j
                j += 1
            elif tok.lower_ in skip and j + 1 < n and doc[j + 1].text[:1].isupper():
                j += 1
            else:
                break
        if last_head > i and doc[i].lower_ not in skip and doc[i].lower_ not in lex.titles() \
                and not _title_case_line(doc, i, text):
            out.append(_mention(doc, i, last_head + 1, "ORG", "org_head"))
            i = last_head + 1
        else:
            i = max(j, i + 1)
    return out


_POSSESSIVE = ("'s", "’s")
_OFFICE_AREA_WORDS = frozenset({"district", "circuit", "region", "division"})


def _capitalised_run_end(doc: Doc, i: int) -> int:
    """End of the run of capitalised words from token i, "of"/"and" allowed inside it
    ("Western District of New York", "Emergency Services"); i itself when none starts there."""
    end = i
    j = i
    while j < len(doc):
        tok = doc[j]
        if tok.text[:1].isupper() and (tok.is_alpha or tok.text.rstrip(".").replace(".", "").isalpha()):
            j += 1
            end = j
        elif tok.lower_ in ("of", "and") and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
            j += 1
        else:
            break
    return end


def _office_mentions(doc: Doc, text: str) -> list[Mention]:
    """A role holder's office named by the possessive is one organisation, with the area it serves:
    "the U.S. Attorney’s Office for the Western District of New York", "the Manhattan District
    Attorney's Office", "the California Governor's Office of Emergency Services" (not "U.S." and
    "New York" apart). The word before the possessive must be a role (titles.txt), so "Trump's
    office" and "Office Depot" are left alone."""
    out = []
    heads = lex.office_heads()
    for k in range(1, len(doc) - 1):
        if doc[k].text not in _POSSESSIVE or doc[k + 1].text not in heads \
                or doc[k - 1].lower_ not in lex.titles() or not doc[k - 1].text[:1].isupper():
            continue
        start = k - 1
        while start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].lower_ not in ("the", "a") \
                and not doc[start].is_sent_start and (doc[start - 1].is_alpha or "." in doc[start - 1].text):
            start -= 1
        if _title_case_line(doc, k, text):
            continue
        end = k + 2
        if end + 1 < len(doc) and doc[end].lower_ == "of":
            end = max(end, _capitalised_run_end(doc, end + 1))
        elif end + 2 < len(doc) and doc[end].lower_ in ("for", "in") and doc[end + 1].lower_ == "the":
            area = _capitalised_run_end(doc, end + 2)
            if any(t.lower_ in _OFFICE_AREA_WORDS for t in doc[end + 2:area]):
                end = area
        out.append(_mention(doc, start, end, "ORG", "office"))
    return out


def _title_case_line(doc: Doc, i: int, text: str | None = None) -> bool:
    """Whether token i stands in a Title Case line (a headline, a list of links)."""
    text = doc.text if text is None else text
    start = text.rfind("\n", 0, doc[i].idx) + 1
    end = text.find("\n", doc[i].idx)
    words = re.findall(r"[^\W\d_]+", text[start:end if end >= 0 else len(text)])
    if len(words) < 5:
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _acronym_links(doc: Doc, mentions: list[Mention]) -> list[tuple[int, int]]:
    """Find "Name (ACR)" and "ACR (Name)"; add missing mentions; return (name, acronym) links
    as indices into `mentions` (which grows)."""
    by_end = {m.tok_end: idx for idx, m in enumerate(mentions)}
    by_start = {m.tok_start: idx for idx, m in enumerate(mentions)}
    links: list[tuple[int, int]] = []

    def add(start: int, end: int, label: str) -> int:
        idx = by_start.get(start)
        if idx is not None and mentions[idx].tok_end == end:
            return idx
        mentions.append(_mention(doc, start, end, label, "acronym"))
        idx = len(mentions) - 1
        by_start[start] = idx
        by_end[end] = idx
        return idx

    n = len(doc)
    for i in range(n - 2):
        if doc[i].text != "(":
            continue
        if doc[i + 2].text == ")" and _short_form(doc[i + 1].text):
            acr = doc[i + 1].text
            letters = "".join(c for c in acr if c.isupper())
            prev = by_end.get(i)
            if prev is not None and mentions[prev].label not in ("PERSON", "NORP"):
                words = mentions[prev].text.split()
                # An organisation's acronym may come from another language ("National
                # Liberation Army (ELN)"), so any acronym right after an ORG is taken.
                if (mentions[prev].label == "ORG" and lex.is_acronym(acr)) or (
                        letters[:1] in lex.initials(words) and (lex.is_acronym(acr) or any(
                            lex.fold(w).startswith(lex.fold(acr)) for w in words))):
                    links.append((prev, add(i + 1, i + 2, mentions[prev].label)))
                    continue
            start = _spelled_by(doc, i, letters)
            if start is not None:
                name = add(start, i, "ORG")
                links.append((name, add(i + 1, i + 2, mentions[name].label)))
        elif i > 0 and lex.is_acronym(doc[i - 1].text):
            close = next((k for k in range(i + 1, min(n, i + 14)) if doc[k].text == ")"), None)
            letters = "".join(c for c in doc[i - 1].text if c.isupper())
            if close is None or close == i + 1:
                continue
            words = [t.text for t in doc[i + 1:close]]
            if lex.initials(words) == letters and all(w[:1].isupper() or w.lower() in lex.acronym_skip() for w in words):
                acr_idx = by_start.get(i - 1)
                label = mentions[acr_idx].label if acr_idx is not None else "ORG"
                if label in ("PERSON", "NORP"):
                    label = "ORG"
                links.append((add(i + 1, close, label), add(i - 1, i, label)))
    return links


def _short_form(word: str) -> bool:
    """An acronym ("UNODC") or a capitalised clipping ("Fed") standing in parentheses."""
    return lex.is_acronym(word) or (word.isalpha() and word[:1].isupper() and 2 <= len(word) <= 8)


def _spelled_by(doc: Doc, paren: int, letters: str) -> int | None:
    """Start of the shortest capitalised run before `paren` whose initials spell `letters`."""
    skip = lex.acronym_skip()
    for start in range(paren - 1, max(-1, paren - 3 * len(letters) - 2), -1):
        tok = doc[start]
        if not (tok.text[:1].isupper() or tok.lower_ in skip):
            return None
        if tok.lower_ in skip:
            continue
        words = [t.text for t in doc[start:paren]]
        got = lex.initials(words)
        if got == letters:
            return start
        if len(got) > len(letters):
            return None
    return None


def find_mentions(doc: Doc) -> tuple[list[Mention], list[tuple[Mention, Mention]]]:
    """All named mentions of `doc` in text order, and the acronym links between them."""
    text = doc_text(doc)
    title_spans = _Ranges(_title_spans(doc))
    mentions: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS:
            continue
        trimmed = _trim(doc, ent, title_spans)
        if trimmed is None:
            continue
        for start, end in apply_span_rules(doc, *trimmed):
            if doc[end - 1].text[:1].isupper() or any(c.isdigit() for c in doc[end - 1].text):
                mentions.extend(_entity_mention(doc, start, end, ent.label_))

    # A dateline city in capitals is a place (replacing whatever spaCy said).
    # (Each dateline drops what it overlaps, earlier datelines included: among the few datelines
    # that is done in order; the other mentions are checked once against all of them.)
    found = _dateline_mentions(doc, text)
    datelines: list[Mention] = []
    for m in found:
        datelines = [x for x in datelines if x.tok_end <= m.tok_start or x.tok_start >= m.tok_end]
        datelines.append(m)
    if found:
        hit = _Ranges([(m.tok_start, m.tok_end) for m in found])
        mentions = [x for x in mentions if not hit.overlaps(x.tok_start, x.tok_end)] + datelines

    mentions.extend(_based_places(doc, mentions))
    mentions.extend(_party_states(doc, mentions))
    mentions = _nicknamed(doc, mentions)
    mentions = _join_particles(doc, sorted(mentions, key=lambda m: m.start))
    by_token = {i: m for m in mentions for i in range(m.tok_start, m.tok_end)}
    titled, replaced = _titled_names(doc, by_token)
    mentions = [m for m in mentions if id(m) not in replaced] + titled
    offices = _office_mentions(doc, text)
    if offices:
        held = _Ranges([(m.tok_start, m.tok_end) for m in offices])
        mentions = [m for m in mentions if not held.overlaps(m.tok_start, m.tok_end)] + offices
    taken = {i for m in mentions for i in range(m.tok_start, m.tok_end)}
    mentions.extend(_org_head_mentions(doc, taken))
    mentions.sort(key=lambda m: m.start)
    mentions = _organisation_of_place(doc, mentions)
    _repair_people(mentions)
    _person_evidence(doc, mentions)
    _place_evidence(doc, mentions)
    _name_noun_evidence(doc, mentions)
    _list_evidence(doc, mentions)
    _orphan_one_word_people(doc, mentions)
    _the_one_word_name(doc, mentions)
    mentions = _drop_inside_titles(doc, mentions)
    mentions = _drop_served_areas(doc, mentions)
    mentions = _drop_quoted_titles(doc, mentions)
    links = [(mentions[a], mentions[b]) for a, b in _acronym_links(doc, mentions)]
    mentions, government_links = _governments(doc, mentions)
    links += government_links
    mentions.extend(_repeated_mentions(doc, mentions))
    mentions.sort(key=lambda m: m.start)
    return mentions, links


def _entity_mention(doc: Doc, start: int, end: int, label: str) -> list[Mention]:
    """One mention for spaCy's entity over [start, end), its type repaired by the article's words."""
    if label in ("ORG", "PERSON", "FAC", "GPE", "NORP"):
        name_start = _strip_title(doc, start, end)
        if name_start != start and (label == "PERSON" or end - name_start >= 2):
            start, label = name_start, "PERSON"
        while label == "PERSON" and end - start >= 2 and doc[start].lower_ in lex.title_modifiers():
            start += 1  # "Top Trump" in a title-case headline
    if label in ("ORG", "GPE", "LOC", "NORP", "FAC") and start > 0 and end - start >= 2 \
            and _is_title_word(doc[start - 1].lower_) and not lex.org_kind(doc[start:end].text) \
            and all(t.pos_ == "PROPN" for t in doc[start:end]):
        label = "PERSON"  # "German Chancellor Olaf Scholz" tagged ORG
    if label == "ORG" and end - start >= 3 and start >= 2 and doc[start - 1].lower_ == "of" \
            and _is_title_word(doc[start - 2].lower_) and not lex.org_kind(doc[start:end].text) \
            and all(t.pos_ == "PROPN" for t in doc[end - 2:end]):
        start, label = end - 2, "PERSON"  # "Director of [National Intelligence Tulsi Gabbard]"
    if label in ("LOC", "GPE", "FAC") and end - start >= 2 and lex.org_kind(doc[start:end].text) == "outlet":
        label = "ORG"  # "the Northern Tribune" tagged LOC
    if label == "PERSON" and end - start >= 2 and lex.org_kind(doc[start:end].text) in _ORG_NAME_KINDS \
            and not (start > 0 and _is_title_word(doc[start - 1].lower_)):
        label = "ORG"  # "Dick Clark Productions", "the Hartford Courant" tagged PERSON
    if label == "ORG" and end - start == 1 and doc[start].pos_ == "NOUN" and doc[start].is_sent_start:
        return []  # "Gang leader ...": a capitalised common noun opening a sentence
    if label == "ORG" and end < len(doc) and doc[end].lower_ in lex.government_nouns() \
            and lex.fold(doc[start:end].text) in lex.heads_of_state():
        label = "PERSON"  # "the Trump administration": Trump tagged ORG
    if label == "ORG" and start > 0 and doc[start - 1].like_num and doc[start - 1].text[:1].isdigit() \
            and doc[start - 1].ent_type_ == "ORDINAL":
        start -= 1
    return [_mention(doc, start, end, label)]


def _drop_inside_titles(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Names inside the head of a person's title are part of the title ("Homeland Security" in
    "Secretary of Homeland Security Kristi Noem"); names before the head stay ("White House"
    in "White House Deputy Chief of Staff Stephen Miller")."""
    from .roles import title_head  # roles imports Mention from here

    heads = [title_head(doc, m.tok_start) for m in mentions if m.label == "PERSON"]
    inside = _Ranges([h for h in heads if h is not None])
    return [m for m in mentions if m.label == "PERSON" or not inside.holds(m.tok_start, m.tok_end)]


def _drop_served_areas(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The area a role serves is part of the role, not a place of its own ("Western District"
    in "James Kennedy, the U.S. Attorney for the Western District of New York"): a name with an
    area word (district, circuit) right after "<role> for the"."""
    def served(m: Mention) -> bool:
        s = m.tok_start
        return s >= 3 and doc[s - 1].lower_ == "the" and doc[s - 2].lower_ == "for" \
            and doc[s - 3].lower_ in lex.titles() \
            and any(t.lower_ in _OFFICE_AREA_WORDS for t in doc[m.tok_start:m.tok_end])
    return [m for m in mentions if not served(m)]


_OPEN_MARKS = "“\"‘'"
_CLOSE_MARKS = "”\"’'"


def _drop_quoted_titles(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A name that is all a pair of quotation marks holds is a title or label, not a person,
    organisation or place: the film “Mary Poppins”, a rating of “Mostly True”."""
    text = doc_text(doc)
    out = []
    for m in mentions:
        before = text[m.start - 1] if m.start > 0 else ""
        after = text[m.end:m.end + 2]
        if before and before in _OPEN_MARKS and after[:1] in _CLOSE_MARKS + ",." and (
                after[:1] in _CLOSE_MARKS or after[1:2] in _CLOSE_MARKS) and m.origin != "dateline":
            continue
        out.append(m)
    return out


def _is_full_name(words: list[str]) -> bool:
    """"Stephen Miller", "Juan Guaidó": two or more capitalised words of letters."""
    return len(words) >= 2 and all(w[:1].isupper() and any(c.isalpha() for c in w) for w in words)


def _repair_people(mentions: list[Mention]) -> None:
    """A surname or full name already tagged PERSON in the article is a PERSON everywhere
    (a demonym or party stays NORP), unless the parser tags that name otherwise more often."""
    votes = Counter((lex.fold(m.text), m.label == "PERSON") for m in mentions)
    names: set[str] = set()
    for m in mentions:
        if m.label == "PERSON":
            words = lex.without_suffix(m.text.split())
            key = lex.fold(m.text)
            # a name the parser tags otherwise more often than PERSON is no person's
            # ("the White House press secretary" once tagged PERSON among eight ORGs)
            if _is_full_name(words) and votes[key, True] >= votes[key, False]:
                names.add(key)
                names.add(lex.fold(words[-1]))
    for m in mentions:
        if m.label not in ("PERSON", "NORP") and lex.fold(m.text) in names:
            m.label = "PERSON"
            m.origin = "person_repair"


def _the_one_word_name(doc: Doc, mentions: list[Mention]) -> None:
    """A one-word name the article always writes after a lowercase "the" is no person: "the
    Thunder", "the Pentagon" (spaCy tags some PERSON). A name modifying a noun ("the Assad
    regime"), families ("the Bidens") and full names are left alone."""
    after_the: dict[str, bool] = {}
    for m in mentions:
        if len(m.text.split()) == 1:
            key = lex.fold(m.text)
            modifier = m.tok_end < len(doc) and doc[m.tok_end].pos_ in ("NOUN", "PROPN")
            after_the[key] = after_the.get(key, True) and m.the == "the" and not modifier
    for m in mentions:
        if m.label == "PERSON" and after_the.get(lex.fold(m.text)) and not m.text.endswith("s"):
            m.label = "ORG"
            m.origin = "the_name"


def _repeated_mentions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Untagged later uses of a known acronym, surname or multiword name."""
    forms: dict[str, str] = {}
    for m in mentions:
        if m.label == "NORP":
            continue
        words = m.text.split()
        if len(words) >= 2 or lex.is_acronym(m.text):
            forms.setdefault(m.text, m.label)
        words = lex.without_suffix(words)
        if m.label == "PERSON" and _is_full_name(words) and len(words[-1]) >= 3:
            forms.setdefault(words[-1], "PERSON")
        for short in _short_forms(m):
            forms.setdefault(short, m.label)
    if not forms:
        return []
    text = doc_text(doc)
    taken = [False] * (len(text) + 1)
    for m in mentions:
        for c in range(m.start, m.end):
            taken[c] = True
    out = []
    for s, e, form in _longest_forms(text, sorted(forms, key=len, reverse=True)):
        if any(taken[s:e]):
            continue
        span = doc.char_span(s, e)
        if span is None:
            continue
        out.append(_mention(doc, span.start, span.end, forms[form], "repeat"))
        for c in range(s, e):
            taken[c] = True
    return out


_WORD_CHAR = re.compile(r"\w")
_WORD_RUN = re.compile(r"(?<!\w)\w+")


def _longest_forms(text: str, forms: list[str]):
    """(start, end, form) of each match of `(?<!\\w)(form1|form2|...)(?!\\w)` in text, forms
    tried in the given order, as `re.finditer` gives them; found from the word starts with a
    dict of the forms by their first word, so the cost does not grow with the number of forms
    (an alternation of thousands of names is tried name by name at every word)."""
    by_run: dict[str, list[str]] = {}
    for form in forms:
        by_run.setdefault(_WORD_RUN.match(form).group() if _WORD_CHAR.match(form) else "", []).append(form)
    if "" in by_run:  # a form that starts with punctuation: the plain alternation
        pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")
        for match in pattern.finditer(text):
            yield match.start(), match.end(), match.group(1)
        return
    pos, n = 0, len(text)
    for run in _WORD_RUN.finditer(text):
        s = run.start()
        if s < pos:
            continue
        for form in by_run.get(run.group(), ()):
            e = s + len(form)
            if text.startswith(form, s) and (e == n or not _WORD_CHAR.match(text, e)):
                yield s, e, form
                pos = e
                break


def _organisation_of_place(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """An organisation whose name ends in an organisation word, then "of" and a place, is one
    name: "the Federal Reserve Bank of New York", "the Ministry of Health of Ghana" (spaCy
    often stops before "of")."""
    by_start = {m.tok_start: m for m in mentions}
    drop: set[int] = set()
    for m in mentions:
        nxt = by_start.get(m.tok_end + 1)
        if m.label != "ORG" or nxt is None or nxt.label != "GPE" or m.tok_end >= len(doc) \
                or doc[m.tok_end].lower_ != "of" or not lex.org_kind(m.text):
            continue
        merged = _mention(doc, m.tok_start, nxt.tok_end, "ORG", m.origin)
        m.start, m.end, m.text, m.tok_end = merged.start, merged.end, merged.text, merged.tok_end
        drop.add(id(nxt))
    return [m for m in mentions if id(m) not in drop]


def _country_of_demonym(demonym: str, places: list[Mention]) -> Mention | None:
    """The one place of the article whose name the demonym starts like ("Afghan" ->
    Afghanistan, "Syrian" -> Syria, "Jordanian" -> Jordan): four first letters in common and
    most of the shorter word."""
    word = lex.fold(demonym)
    found = {}
    for p in places:
        name = lex.fold(p.text)
        k = 0
        while k < min(len(word), len(name)) and word[k] == name[k]:
            k += 1
        if k >= 4 and k >= 0.6 * min(len(word), len(name)):
            found.setdefault(name, p)
    return next(iter(found.values())) if len(found) == 1 else None


def _governments(doc: Doc, mentions: list[Mention]) -> tuple[list[Mention], list[tuple[Mention, Mention]]]:
    """A country's government named by a demonym or the country before a government noun
    ("the Afghan government", "the Syrian regime") or as "the Government of Syria" is another
    name of the country, when the article names it: a mention joined to the country (never its
    canonical name). A leader's government ("the Trump administration") is left to
    coreference, which knows the leader."""
    places = [m for m in mentions if m.label == "GPE"]
    if not places:
        return mentions, []
    nouns = lex.country_government_nouns()
    out, links = [], []
    for m in mentions:
        country = None
        if m.tok_end < len(doc) and doc[m.tok_end].lower_ in nouns and doc[m.tok_end].text.islower():
            if m.label == "NORP":
                country = _country_of_demonym(m.text, places)
            elif m.label == "GPE":  # "the US military": another mention of the US stands for it
                country = next((p for p in places if p is not m and lex.fold(p.text) == lex.fold(m.text)), None)
            if country is not None:
                g = _mention(doc, m.tok_start, m.tok_end + 1, "GPE", "government")
                out.append(g)
                links.append((country, g))
                continue
        if m.label == "ORG" and m.text.lower().startswith(tuple(f"{n} of " for n in nouns)):
            rest = lex.fold(m.text.split(" of ", 1)[1])
            country = next((p for p in places if lex.fold(p.text) == rest), None)
            if country is not None:
                m.label, m.origin = "GPE", "government"
                links.append((country, m))
        out.append(m)
    return out, links


def _short_forms(m: Mention) -> list[str]:
    """One-word short forms of an organisation's name that a later sentence may use alone: its
    last word ("Lakers" of "Los Angeles Lakers"), or the one word before a company word or web
    domain ("Alden" of "Alden Capital", "Edmunds" of "Edmunds.com"). Not an organisation word
    ("Committee"), a country, or a word after "of" ("Colorado" of "University of Colorado")."""
    if m.label not in ("ORG", "FAC", "EVENT"):
        return []
    words = m.text.split()
    out = []
    domain = re.fullmatch(r"([A-Z][a-z]{3,})\.(?:com|org|net)", m.text)
    if domain:
        out.append(domain.group(1))
    if len(words) == 2 and lex.org_kind(m.text) == "company":
        out.append(words[0])
    elif len(words) >= 2 and not lex.org_kind(m.text):
        out.append(words[-1])
    return [w for w in out if re.fullmatch(r"[A-Z][a-z]{3,}", w) and len(words) >= 1
            and lex.fold(w) not in lex.country_aliases() and (len(words) < 2 or words[-2].lower() not in
                                                                 ("of", "for", "on", "and", "&"))
            or domain and w == domain.group(1)]


_NICKNAME = re.compile(
    r"(?<![\w])([A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+)?) [\"“]([A-Z][^\"“”\n]{1,30}?)[\"”] ([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)(?![\w])"
)


def _nicknamed(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Jimmy "Barbecue" Cherizier: one person named "Jimmy Cherizier", whatever spaCy split."""
    # The mentions a match overlaps are found by bisection over their starts (a scan of all of
    # them per match was quadratic). Matches do not overlap, so a person made from one never
    # overlaps a later match: only the mentions given are looked up; what a match replaces is
    # dropped, the new person goes last, as before.
    order = sorted(range(len(mentions)), key=lambda k: mentions[k].start)
    starts = [mentions[k].start for k in order]
    longest = max((m.end - m.start for m in mentions), default=0)
    dropped: set[int] = set()
    added: list[Mention] = []
    for match in _NICKNAME.finditer(doc_text(doc)):
        span = doc.char_span(match.start(), match.end())
        if span is None:
            continue
        ms, me = match.start(), match.end()
        ks = sorted(k for k in (order[t] for t in range(bisect.bisect_right(starts, ms - longest - 1),
                                                        bisect.bisect_left(starts, me)))
                    if k not in dropped and mentions[k].start < me and ms < mentions[k].end)
        inside = [mentions[k] for k in ks]
        if not any(m.label == "PERSON" for m in inside) or any(
                m.label != "PERSON" and (m.start < match.start() or m.end > match.end()) for m in inside):
            continue
        m = _mention(doc, span.start, span.end, "PERSON", "nickname")
        m.text = f"{match.group(1)} {match.group(3)}"
        m.nickname = match.group(2).strip()
        dropped.update(ks)
        added.append(m)
    if not added:
        return mentions
    return [x for k, x in enumerate(mentions) if k not in dropped] + added


def _name_like(m: Mention) -> bool:
    """Two or three capitalised words of letters that no lexicon calls a place or organisation."""
    words = m.text.split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words) \
        and not lex.org_kind(m.text) and lex.fold(m.text) not in lex.country_aliases() \
        and words[-1].lower() not in lex.place_nouns() and not any(lex.is_acronym(w) for w in words)


def _person_evidence(doc: Doc, mentions: list[Mention]) -> None:
    """A name-like place or organisation is a person when the article says so: its last word is
    a person's name elsewhere ("Helen Park" ... "Park told"), an apposition calls it a person
    ("Helen Park, a nurse,"), "he"/"she" takes it up as the next subject, or, tagged LOC/FAC,
    it is the subject of a speech verb."""
    surnames = {lex.fold(m.text) for m in mentions if m.label == "PERSON" and len(m.text.split()) == 1}
    for m in mentions:
        if m.label in ("PERSON", "NORP") or not _name_like(m):
            continue
        root = doc[m.tok_start:m.tok_end].root
        appos = any(
            c.dep_ == "appos" and (c.lemma_.lower() in lex.person_descriptions() or c.lemma_.lower() in lex.titles())
            for c in root.children
        )
        # A country or city speaks for its government ("South Africa said"): GPE stays a place.
        speaker = m.label in ("LOC", "FAC") and root.dep_ == "nsubj" and root.head.lemma_.lower() in lex.speech_verbs()
        if lex.fold(m.text.split()[-1]) in surnames or appos or speaker or _he_or_she_next(doc, m, mentions):
            m.label = "PERSON"
            m.origin = "person_repair"


def _he_or_she_next(doc: Doc, m: Mention, mentions: list[Mention]) -> bool:
    """The name is its sentence's subject and the next sentence's subject is "he" or "she",
    with no person named in between ("Lerato Dlamini has sold ... She says ...")."""
    root = doc[m.tok_start:m.tok_end].root
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    sent = doc[m.tok_start].sent
    if sent.end >= len(doc) or any(t.lower_ in ("it", "its") for t in doc[m.tok_end:sent.end]):
        return False  # "Goldman Sachs raised its forecast": an organisation
    following = doc[sent.end].sent
    pronoun = next((t for t in following if t.dep_ in ("nsubj", "nsubjpass")), None)
    if pronoun is None or pronoun.lower_ not in ("he", "she"):
        return False
    return not any(x.label == "PERSON" and m.end <= x.start < pronoun.idx for x in mentions)


def _place_evidence(doc: Doc, mentions: list[Mention]) -> None:
    """An organisation- (or one-word person-) tagged name the article calls a place ("the port
    of Tema", "Tema's harbour", "the outskirts of Goma") is a place everywhere it appears."""
    places: set[str] = set()
    nouns = lex.place_nouns()
    surnames = {lex.fold(m.text.split()[-1]) for m in mentions if m.label == "PERSON" and len(m.text.split()) >= 2}
    for m in mentions:
        if m.label not in ("ORG", "PERSON") or lex.org_kind(m.text) or lex.is_acronym(m.text):
            continue
        if m.label == "PERSON" and (len(m.text.split()) > 1 or lex.fold(m.text) in surnames):
            continue  # "the outskirts of Goma" tagged PERSON; never a known person's surname
        before = doc[m.tok_start - 2:m.tok_start] if m.tok_start >= 2 else None
        after = doc[m.tok_end:m.tok_end + 2] if m.tok_end + 2 <= len(doc) else None
        if (before is not None and before[1].lower_ == "of" and before[0].lower_ in nouns) or (
                after is not None and after[0].text in _POSSESSIVE and after[1].lower_ in nouns):
            places.add(lex.fold(m.text))
    for m in mentions:
        if m.label in ("ORG", "PERSON") and lex.fold(m.text) in places:
            m.label = "GPE"
            m.origin = "place_repair"


def _names_before(doc: Doc, i: int) -> list[tuple[int, int]]:
    """Token ranges of the capitalised names just before token i, a list included: "Logar"
    in "Logar province", "Orange" and "Riverside" in "Orange and Riverside counties"."""
    out = []
    end = i
    while True:
        start = end
        while start > 0 and (doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper()
                             or start < end and (doc[start - 1].text in ("-", "–")
                                                 or doc[start - 1].lower_ in lex.name_particles())):
            start -= 1  # "al-Tanf": particles and hyphens inside the name
        while start < end and doc[start].text in ("-", "–"):
            start += 1
        if start == end:
            break
        out.append((start, end))
        if start >= 2 and doc[start - 1].lower_ in ("and", ",", "or") and doc[start - 2].pos_ == "PROPN":
            end = start - 1
            continue
        break
    return out


def _name_noun_evidence(doc: Doc, mentions: list[Mention]) -> None:
    """A name beside a noun that tells its type takes that type everywhere it appears: the
    name before the noun ("Logar province", "Orange and Riverside counties", "Walter Reed
    hospital" though tagged PERSON, "Salesforce's Dreamforce conference"), an apposition
    ("Addison, a village near Ithaca") or the name's own last word ("the American Music
    Awards", "the Indiana Statehouse"). "NAME noun" is kept as another of its forms."""
    nouns = lex.name_nouns()
    told: dict[str, str] = {}
    described: dict[str, str] = {}
    by_start = {m.tok_start: m for m in mentions}
    for tok in doc:
        entry = nouns.get(tok.text)
        if entry is None or entry.capitalised or tok.pos_ != "NOUN":
            continue
        for k, (start, end) in enumerate(_names_before(doc, tok.i)):
            key = lex.fold(doc[start:end].text)
            told.setdefault(key, entry.type)
            if k == 0:
                described.setdefault(key, doc[start:tok.i + 1].text)
            for t in range(start, end):  # "Yerba" tagged inside "Yerba Buena theater"
                m = by_start.get(t)
                if m is not None and m.tok_end <= end:
                    told.setdefault(lex.fold(m.text), entry.type)
    for m in mentions:
        last = doc[m.tok_end - 1]
        entry = nouns.get(last.text)
        if entry is not None and entry.capitalised and m.tok_end - m.tok_start >= 2:
            told.setdefault(lex.fold(m.text), entry.type)
        for child in last.children:
            entry = nouns.get(child.text)
            if child.dep_ == "appos" and entry is not None and not entry.capitalised:
                told.setdefault(lex.fold(m.text), entry.type)
    for m in mentions:
        key = lex.fold(m.text)
        kind = told.get(key)
        if kind and m.label != "NORP":
            if m.label != kind:
                m.label, m.origin = kind, "name_noun"
            if key in described and not m.described:
                m.described = described[key]


def conj_group(tok) -> list:
    """The tokens of the list `tok` is in ("A, B and C": A, B, C), itself included."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ == "conj")
    return out


def _list_evidence(doc: Doc, mentions: list[Mention]) -> None:
    """A one-word name tagged place or person in a list of organisations is an organisation
    everywhere it appears ("acquisitions including Marvel Entertainment, Lucasfilm and
    BamTech"): at least two other members are organisations and none is a place."""
    by_token = {i: m for m in mentions for i in range(m.tok_start, m.tok_end)}
    told: set[str] = set()
    for m in mentions:
        if m.label not in ("GPE", "LOC", "PERSON") or m.tok_end - m.tok_start != 1 or m.origin != "ner":
            continue
        others = [by_token.get(t.i) for t in conj_group(doc[m.tok_start]) if t.i != m.tok_start]
        labels = [o.label for o in others if o is not None and o is not m]
        if labels.count("ORG") >= 2 and not any(x in ("GPE", "LOC") for x in labels):
            told.add(lex.fold(m.text))
    for m in mentions:
        if lex.fold(m.text) in told and m.label in ("GPE", "LOC", "PERSON"):
            m.label, m.origin = "ORG", "list_repair"


def _orphan_one_word_people(doc: Doc, mentions: list[Mention]) -> None:
    """A one-word PERSON the article never introduces is no person: news names people in full
    before it shortens them. "Twitter", "Politico", "Gannett" tagged PERSON with no "Jane
    Twitter" anywhere, no title ("Mr.", "President") before any use, no "he"/"she" taking it up
    and no known leader of that name are organisations; "in Spokane" makes it a place."""
    words: set[str] = set()
    for m in mentions:
        if m.label == "PERSON" and len(m.text.split()) >= 2:
            words.update(lex.fold(w) for w in m.text.split())
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.label == "PERSON" and len(m.text.split()) == 1 and m.origin == "ner":
            groups.setdefault(lex.fold(m.text), []).append(m)
    for key, group in groups.items():
        if key in words or key in lex.heads_of_state() or not group[0].text[:1].isupper():
            continue
        if any(m.tok_start > 0 and (_is_title_word(doc[m.tok_start - 1].lower_.rstrip("."))
                                    or doc[m.tok_start - 1].lower_.rstrip(".") in lex.honorifics())
               for m in group):
            continue
        if any(_he_or_she_next(doc, m, mentions) for m in group):
            continue
        if _after_first_name(doc, group[0].text):
            continue  # "Coach (Frank) Vogel", "Zach Parise" tagged as something else
        if any(m.tok_end < len(doc) and doc[m.tok_end].lower_ in lex.government_nouns() for m in group):
            continue  # "the Assad regime"
        place = any(doc[m.tok_start].dep_ == "pobj" and doc[m.tok_start].head.lower_ == "in" for m in group)
        for m in group:
            m.label = "GPE" if place else "ORG"
            m.origin = "orphan_repair"


_NOT_FIRST_NAMES = {"the", "a", "an", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by",
                    "with", "from", "as", "if", "when", "while", "after", "before", "said", "says",
                    "told", "new", "big", "former", "late", "young", "old", "mr", "mrs", "ms", "dr"}


_ONE_WORD = re.compile(r"\w+")
# A capitalised word, maybe a ")", spaces, and (looked at, not consumed) the word after it.
_NAME_PAIR = re.compile(r"\b([A-Z][\w'’-]+)\)?\s+(?=(\w+))")


def _first_name_ok(first: str) -> bool:
    low = first.lower()
    return (low not in _NOT_FIRST_NAMES and not _is_title_word(low)
            and not lex.is_acronym(first) and low not in lex.honorifics())


def _after_first_name(doc: Doc, word: str) -> bool:
    """`_full_name_in_text(doc.text, word)`, answered from one pass over the text per Doc (the
    words written after a capitalised first name, kept in `doc.user_data`) instead of a
    search of the whole text per word, which made long articles quadratic."""
    if not _ONE_WORD.fullmatch(word):
        return _full_name_in_text(doc_text(doc), word)
    words = doc.user_data.get("newstrace.after_first_name")
    if words is None:
        words = doc.user_data["newstrace.after_first_name"] = {
            m.group(2) for m in _NAME_PAIR.finditer(doc_text(doc)) if _first_name_ok(m.group(1))}
    return word in words


def _full_name_in_text(text: str, word: str) -> bool:
    """Whether the text writes `word` after a capitalised first name ("Zach Parise", "Coach
    (Frank) Vogel") somewhere, whatever spaCy tagged there."""
    for m in re.finditer(rf"\b([A-Z][\w'’-]+)\)?\s+{re.escape(word)}\b", text):
        first = m.group(1)
        if first.lower() not in _NOT_FIRST_NAMES and not _is_title_word(first.lower()) \
                and not lex.is_acronym(first) and first.lower() not in lex.honorifics():
            return True
    return False
