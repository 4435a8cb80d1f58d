"""Claims: what the article asserts or relays, who stands behind it, what it cites, how it
hedges, and whether the article says it is backed.

Where claims come from, in order of trust:
1. reported speech and quotes (`ctx.reported_speech`, `ctx.quotes`) whose content asserts
   something checkable (not an intention, a request or a bare label);
2. the writer's own words about claims: claim nouns with content or an evidence modifier
   ("unsubstantiated accusations against X of Y", "allegations that remain unproven"), claim
   verbs ("criticised the strikes for violating ..."), attribution hedges ("officials are
   reportedly pressing ...", "is said to be ...").

Evidence labels come from cues (`resources/evidence_cues.tsv`) attached by clause: a cue in a
claim's own clause is that claim's; a cue in a clause with no claim refers back to the claims of
the previous sentence of the paragraph (to the claimant's claims when its subject is "he").
Denials and contrary findings contest the claim they overlap most with.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .. import resources
from ..model import AgentRef, Claim, Cue, EvidenceCue, Hedge, SourceCitation
from .claim_sources import entity_spans, find_sources, is_publication, outlet_bound
from .context import Context
from .evidence import LemmaWeights, find_cues, negated_before
from .hedges import bounded, find_hedges
from .registry import component

CLAUSE_DEPS = ("ROOT", "conj", "ccomp", "advcl", "relcl", "xcomp", "acl", "parataxis")
DISPUTE_LEMMAS = frozenset({"deny", "dispute", "reject", "refute", "contest", "dismiss", "rebut"})
FINDING_SUBJECT_TYPES = frozenset({"ORG", "GPE", "NORP", "FAC"})
_LEADING = re.compile(r"(?:[\s,;:—–-]|(?:as|while|though|although|and|but|because|since|amid|whereas)\b)+",
                      re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|no|never|none|only|nor)\b|n't\b", re.IGNORECASE)
_TRAILING = ".,;:—– \n\t\r"
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us"})


@lru_cache(maxsize=1)
def _cue_types() -> dict[str, str]:
    try:
        return {r["lemma"].lower(): r["type"] for r in resources.table("speech_cues.tsv")}
    except FileNotFoundError:
        return {}


@lru_cache(maxsize=1)
def _filters() -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    rows = resources.table("claim_filters.tsv")
    cues = frozenset(r["pattern"].lower() for r in rows if r["kind"] == "cue")
    content = tuple(re.compile(r"^(?:\S+\s+){0,4}?(?:" + r["pattern"] + ")", re.IGNORECASE)
                    for r in rows if r["kind"] == "content")
    return cues, content


@lru_cache(maxsize=1)
def _source_cues() -> frozenset[str]:
    return frozenset(r["pattern"].lower() for r in resources.table("claim_filters.tsv")
                     if r["kind"] == "source_cue")


@lru_cache(maxsize=1)
def _pronoun_refers() -> dict[str, frozenset[str]]:
    """Pronoun -> the entity types it may stand for (`resources/pronouns.tsv`); demonstratives and
    relatives ("That said, ...", "which") stand for anything."""
    out = {r["pronoun"].lower(): frozenset(r["refers"].split(",")) for r in resources.table("pronouns.tsv")}
    for word in ("that", "this", "these", "those", "which", "who", "whom", "what"):
        out.setdefault(word, frozenset())
    return out


@lru_cache(maxsize=1)
def _unnamed_source_words() -> dict[str, frozenset[str]]:
    """kind (noun, marker) -> words, from `resources/unnamed_sources.tsv`."""
    out: dict[str, set[str]] = {}
    for r in resources.table("unnamed_sources.tsv"):
        out.setdefault(r["kind"], set()).add(r["word"].lower())
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _claim_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in resources.lines("claim_nouns.txt"))


@lru_cache(maxsize=1)
def _claim_verbs() -> dict[str, tuple[str, bool]]:
    return {r["lemma"].lower(): (r["prep"].lower(), r["passive"] == "yes")
            for r in resources.table("claim_verbs.tsv")}


@lru_cache(maxsize=1)
def _opinion_words() -> dict[str, dict[str, str]]:
    """kind -> {word: example} from `resources/claim_opinions.tsv`."""
    out: dict[str, dict[str, str]] = {}
    for r in resources.table("claim_opinions.tsv"):
        out.setdefault(r["kind"], {})[r["word"].lower()] = r["example"]
    return out


def _predicate(root):
    """The word that carries a clause's predicate: the adjective of a copula ("is important"),
    else the head itself."""
    if root.lemma_ in ("be", "become", "seem", "remain", "sound", "look"):
        comp = next((c for c in root.children if c.dep_ == "acomp"), None)
        if comp is None:
            # "is wonderful news": the adjective of the predicate noun.
            attr = next((c for c in root.children if c.dep_ == "attr"), None)
            comp = next((c for c in attr.children if c.dep_ == "amod"), None) if attr is not None else None
        if comp is not None:
            return comp
    return root


def _forms(tok) -> set[str]:
    """The word's lemma and its lowercase forms with an inflection cut ("hoped" -> "hope")."""
    low = tok.lower_
    out = {tok.lemma_.lower(), low}
    for suffix, repl in (("ed", ""), ("ed", "e"), ("s", ""), ("ing", ""), ("ing", "e")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            out.add(low[: -len(suffix)] + repl)
    return out


def _opens_question(content, root) -> bool:
    """"how much disruption the wars will have", "when Disney might change ...": the content is
    one indirect question (a wh-word of the content's own clause opens it)."""
    words = [t for t in content if not t.is_punct and not t.is_space][:2]
    # "just how much disruption ...": an adverb may stand before the wh-word.
    first = words[1] if len(words) == 2 and words[0].pos_ == "ADV" and words[0].head.i == words[1].head.i \
        else (words[0] if words else None)
    if first is None or first.lower_ not in _opinion_words().get("question", {}):
        return False
    tok = first
    while tok.i != root.i:
        if tok.dep_ in ("advcl", "ccomp", "relcl", "conj") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _content_head(content):
    """The head of a content's clause: its first verb whose head lies outside it ("people to
    stay away": "stay", not the object "people"), else the span's root."""
    for tok in content:
        outside = tok.head.i == tok.i or not (content.start <= tok.head.i < content.end)
        if outside and tok.pos_ in ("VERB", "AUX"):
            return tok
    return content.root


def _is_request(root) -> bool:
    """"people to stay away", "the President change his diet": the head is a bare verb with no
    tense (an infinitive or a subjunctive), so the content asks for something."""
    if root.tag_ != "VB" or root.pos_ not in ("VERB", "AUX"):
        return False
    aux = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    return all(a.lower_ == "to" for a in aux)


def opinion_kind(content) -> str | None:
    """Why a relayed content is an opinion, a feeling, a forecast or a question rather than a
    checkable claim (a kind of `resources/claim_opinions.tsv`), or None when it is a claim."""
    if content is None or not len(content):
        return None
    words = _opinion_words()
    root = _content_head(content)
    if _opens_question(content, root):
        return "question"
    if "request" in words and _is_request(root):
        return "request"
    pred = _predicate(root)
    forms = _forms(pred)
    if pred.lower_ in words.get("judgement", {}) and pred.pos_ in ("ADJ", "VERB"):
        return "judgement"
    if forms & words.get("feeling", {}).keys():
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.pos_ == "PRON":
            return "feeling"
    aux = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    # "It should be noted that ...": the modal frames a content clause, which is the claim.
    framing = any(c.dep_ == "ccomp" for c in root.children)
    if any(a.tag_ == "MD" and a.lower_ in words.get("modal", {}) for a in aux) and not framing and not any(
            a.lemma_ == "have" for a in aux):
        return "modal"
    return None


@lru_cache(maxsize=1)
def _dispute_words() -> re.Pattern[str]:
    pats = [r["pattern"] for r in resources.table("evidence_cues.tsv") if r["label"] == "contested"]
    return bounded("|".join(pats))


@dataclass
class Draft:
    """A claim being assembled."""

    start: int
    end: int
    kind: str  # speech | quote | noun | verb | hedge | mention
    claimant: AgentRef | None
    anchor: Any  # spaCy token heading the claim's clause (cue scope)
    cue_type: str = "speech"
    cue: Cue | None = None
    region_start: int = 0  # start of the attribution (speaker, cue) in the sentence
    dispute: bool = False
    hedges: list[Hedge] = field(default_factory=list)
    sources: list[SourceCitation] = field(default_factory=list)
    evidence: dict[str, EvidenceCue] = field(default_factory=dict)
    scope: set[int] = field(default_factory=set)
    sent: int = 0


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    m = _LEADING.match(text, start, end)
    if m:
        start = m.end()
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return start, end


def _token_at(doc, char: int):
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span[0]


def _clause_head(tok):
    while tok.head.i != tok.i and not (tok.pos_ in ("VERB", "AUX") and tok.dep_ in CLAUSE_DEPS):
        tok = tok.head
    return tok


def _children(doc) -> list[list[int]]:
    """Each token's dependents, as token indices (walking these beats making Token objects)."""
    out: list[list[int]] = [[] for _ in range(len(doc))]
    if not len(doc):
        return out
    heads = doc.to_array("HEAD").astype("int64")  # offsets to the head, stored unsigned
    for i, offset in enumerate(heads.tolist()):
        if offset:
            out[i + offset].append(i)
    return out


def _subtree(children: list[list[int]], i: int) -> set[int]:
    out, todo = {i}, [i]
    while todo:
        for child in children[todo.pop()]:
            out.add(child)
            todo.append(child)
    return out


def _scope(tok, children: list[list[int]]) -> set[int]:
    """Token indices of tok's clause: its subtree without coordinated clauses."""
    skip: set[int] = set()
    for child in tok.children:
        if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
            skip |= _subtree(children, child.i)
    return _subtree(children, tok.i) - skip


def _lemma_of(doc, span: tuple[int, int]) -> str:
    chunk = doc.char_span(span[0], span[1], alignment_mode="expand")
    if chunk is None:
        return ""
    words = [t.lemma_.lower() for t in chunk if not t.is_punct]
    return " ".join(words)


def _tokens_with_lemma(doc, lemmas: frozenset[str] | set[str]) -> list:
    """Tokens whose lemma is in `lemmas`, found on the lemma array (no Token objects made for
    the rest of the document)."""
    from spacy.attrs import LEMMA

    if not len(doc):
        return []
    strings = doc.vocab.strings
    wanted = {strings.add(lemma) for lemma in lemmas}
    column = doc.to_array([LEMMA])
    return [doc[int(i)] for i in range(len(column)) if int(column[i]) in wanted]


def _has_clause(span) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in span)


def _has_content_word(span) -> bool:
    """Whether the span names anything (a noun, a name, a number or an adjective), beyond
    pronouns and verbs."""
    return any(t.pos_ in ("NOUN", "PROPN", "NUM", "ADJ") for t in span)


def _has_number(span) -> bool:
    return any(t.like_num or t.ent_type_ in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY") for t in span)


class ClaimFinder:
    def __init__(self, ctx: Context, config: dict[str, Any]) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.text = ctx.text
        self.config = config
        self.sents = list(self.doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]
        self.children = _children(self.doc)
        self.ents = entity_spans(self.doc)
        self.drafts: list[Draft] = []
        self._starts: list[int] = []  # the drafts' starts, sorted, for `overlaps`
        self._by_start: list[Draft] = []
        self._longest = 0
        self.ent_starts = [e.start for e in self.ents]
        self._place: dict[int, int] = {}  # id(draft) → its place in self.drafts
        self.hedges: list = []
        self._via_outlet: frozenset[str] | None = None

    # --- helpers ------------------------------------------------------------------------
    def sent_index(self, char: int) -> int:
        return max(0, bisect_right(self.sent_starts, char) - 1)

    def same_paragraph(self, a: int, b: int) -> bool:
        lo, hi = sorted((a, b))
        return "\n" not in self.text[lo:hi]

    def ref(self, start: int, end: int) -> AgentRef:
        resolver = self.ctx.resolver
        if resolver is not None:
            return resolver.resolve(start, end)
        return AgentRef(entity=None, name=self.text[start:end], span=(start, end))

    def sharpen(self, ref: AgentRef | None) -> AgentRef | None:
        """"An audit by the Ghana Audit Service" stands for the entity it names."""
        ref = self.widen(ref)
        if ref is None or ref.entity is not None or ref.span is None or self.ctx.resolver is None:
            return ref
        span = self.doc.char_span(ref.span[0], ref.span[1], alignment_mode="expand")
        if span is None:
            return ref
        # "An audit" heads "An audit by the Ghana Audit Service": the agent named after "by".
        root = span.root
        if root.pos_ not in ("NOUN", "PROPN"):
            return ref
        if root.pos_ == "NOUN":
            ref = self.unnamed_source_words(ref, span, root)
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
                phrase = self.doc[child.i: child.right_edge.i + 1]
                for ent in (e for e in self.ents[bisect_left(self.ent_starts, phrase.start):
                                                 bisect_left(self.ent_starts, phrase.end)]
                            if e.end <= phrase.end):
                    if ent.label_ not in ("ORG", "PERSON", "GPE"):
                        continue
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if child.lower_ == "of" and pobj is not None and not ent.start <= pobj.i < ent.end:
                        # "representatives of Epstein's family" are not Epstein: after "of"
                        # only the object itself names the agent ("a panel of the WHO").
                        continue
                    return self.ref(ent.start_char, ent.end_char)
        return ref

    def widen(self, ref: AgentRef | None) -> AgentRef | None:
        """A source found as a word that only modifies the source is widened to it: "according
        to a Taliban representative" is the representative, "the TexAuto Facts report from
        InfoNation" is the report (and so InfoNation), "CPUC President Marybel Batjer said" is
        Batjer (an organisation right before a title and a person's name is her affiliation)."""
        if ref is None or ref.span is None or self.ctx.resolver is None:
            return ref
        doc = self.doc
        span = doc.char_span(ref.span[0], ref.span[1], alignment_mode="expand")
        if span is None or not len(span) or span.root.pos_ != "PROPN":
            return ref
        root = span.root
        end = None
        head = root
        while head.dep_ == "compound" and head.head.i > head.i:
            head = head.head
        if head.i >= span.end and head.pos_ in ("NOUN", "PROPN") and head.i - span.end < 4 \
                and not any(t.is_punct for t in doc[span.end:head.i]):
            end = head.i + 1  # the noun the name modifies
        else:
            k = span.end
            while k < len(doc) and k - span.end < 5 and doc[k].pos_ == "PROPN":
                k += 1
            if k > span.end:
                person = self.ref(doc[span.end].idx, doc[k - 1].idx + len(doc[k - 1]))
                entity = self.ctx.resolver.get(person.entity) if person.entity else None
                if entity is not None and entity.type == "PERSON" and (
                        ref.entity is None or (self.ctx.resolver.get(ref.entity) or entity).type != "PERSON"):
                    return person.model_copy(update={"why": "claims.widened"})
        if end is None:
            return ref
        head = doc[end - 1]
        wider = self.ref(min(ref.span[0], head.left_edge.idx), head.idx + len(head))
        return wider.model_copy(update={"why": "claims.widened"})

    def unnamed_source_words(self, ref: AgentRef, span, root) -> AgentRef:
        """An unnamed source keeps the article's words that say who it is: "people" is "people
        familiar with Chinese trade policy", "Businesses" is "Businesses and residents",
        "Experts" is "Experts on jail suicide" (modifiers after the head, up to a comma)."""
        end = span.end
        for child in root.rights:
            if child.i < end or child.dep_ not in ("amod", "prep", "acl", "conj"):
                continue
            if child.dep_ == "acl" and child.tag_ not in ("VBN", "JJ"):
                continue  # "officials speaking on condition ..." is how, not who
            if child.dep_ == "conj" and child.right_edge.i - child.left_edge.i > 1:
                break  # "analysts and sources in the camp": a second source of its own
            last = child.right_edge.i
            if any(t.is_punct or t.is_space for t in self.doc[end: last + 1]):
                break
            end = last + 1
        if end == span.end or end - span.start > 12:
            return ref
        start_char, end_char = span.start_char, self.doc[end - 1].idx + len(self.doc[end - 1])
        return AgentRef(entity=None, name=self.text[start_char:end_char], span=(start_char, end_char))

    def overlaps(self, start: int, end: int, share: float = 0.5) -> Draft | None:
        # Only drafts that start before `end` and less than the longest draft before `start`
        # can overlap: a bisection over the drafts by start, not a scan of them all.
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        for k in range(lo, hi):
            d = self._by_start[k]
            inter = min(end, d.end) - max(start, d.start)
            if inter > 0 and inter >= share * min(end - start, d.end - d.start):
                return d
        return None

    def covered(self, char: int) -> bool:
        """Whether a draft has start <= char < end: only drafts starting less than the longest
        draft before `char` can, found by bisection (not a scan of every draft)."""
        lo = bisect_right(self._starts, char - self._longest)
        hi = bisect_right(self._starts, char)
        return any(char < self._by_start[k].end for k in range(lo, hi))

    def first_covering(self, char: int) -> Draft | None:
        """The first draft in `self.drafts` with start <= char < end (candidates by bisection,
        as in `covered`; drafts are only ever appended, so their place is their add order)."""
        lo = bisect_right(self._starts, char - self._longest)
        hi = bisect_right(self._starts, char)
        found = [self._by_start[k] for k in range(lo, hi) if char < self._by_start[k].end]
        return min(found, key=lambda d: self._place[id(d)]) if found else None

    def add(self, draft: Draft) -> None:
        draft.start, draft.end = _trim(self.text, draft.start, draft.end)
        if draft.end - draft.start < 3:
            return
        if self.overlaps(draft.start, draft.end) is not None:
            return
        draft.sent = self.sent_index(draft.start)
        draft.scope = _scope(draft.anchor, self.children) if draft.anchor is not None else set()
        span = self.doc.char_span(draft.start, draft.end, alignment_mode="expand")
        if span is not None:
            draft.scope.update(range(span.start, span.end))
        draft.region_start = min(draft.region_start or draft.start, draft.start)
        self._place[id(draft)] = len(self.drafts)
        self.drafts.append(draft)
        k = bisect_right(self._starts, draft.start)
        self._starts.insert(k, draft.start)
        self._by_start.insert(k, draft)
        self._longest = max(self._longest, draft.end - draft.start)

    def via_outlet(self) -> frozenset[str]:
        """The entities the article ties to a publication (its journalists: "Sui-Lee Wee of the
        New York Times", "NPR's Feng"): a claim relayed through one is `reported`."""
        if self._via_outlet is None:
            self._via_outlet = outlet_bound(self.doc, self.ctx.resolver, self.ents)
        return self._via_outlet

    def intent(self, content: str) -> bool:
        return any(p.match(content) for p in _filters()[1])

    # --- 1. reported speech and quotes ----------------------------------------------------
    def from_speech(self, scorer=None) -> None:
        """Claims from reported speech. With a scorer, a content that is not a dispute and that
        the check-worthiness model scores below `speech_min_checkworthy` is left out (an opinion
        or a remark no checker would take up: "it depends on the cost", "Another is stewardship
        of the Earth"); one model call for all the contents."""
        candidates: list[tuple[Any, Draft]] = []
        skip_cues, _ = _filters()
        source_cues = _source_cues()
        types = _cue_types()
        quotes = [q for q in self.ctx.quotes if q.kind in ("partial", "direct")]
        # The quotes by start (their list order kept as the tie-break), so the quotes inside
        # one reported speech are found by bisection, not by a scan of every quote.
        by_start = sorted(range(len(quotes)), key=lambda k: quotes[k].span[0])
        quote_starts = [quotes[k].span[0] for k in by_start]
        for rs in self.ctx.reported_speech:
            cue_lemma = _lemma_of(self.doc, rs.cue.span) if rs.cue else ""
            cue_text = rs.cue.text.lower() if rs.cue else ""
            if cue_lemma in skip_cues:
                continue
            ctype = "according" if cue_text.startswith("according") else types.get(cue_lemma, "speech")
            content = self.doc.char_span(rs.span[0], rs.span[1], alignment_mode="expand")
            if content is None:
                continue
            dispute = cue_lemma in DISPUTE_LEMMAS
            if ctype == "label":
                if not _dispute_words().search(rs.text):
                    continue
                dispute = True
            speaker_name = rs.speaker.name if rs.speaker else None
            if ctype in ("cognition",) and cue_lemma not in ("believe", "suspect", "know", "think", "fear"):
                continue
            if not _has_clause(content) and (cue_lemma in source_cues
                                             or (not _has_number(content) and ctype != "label")):
                continue
            if self.intent(rs.text) or (not dispute and opinion_kind(content) is not None):
                continue
            if not dispute and not _has_content_word(content):
                continue  # "they were", "he told them": nothing a checker could look up
            cue_tok = _token_at(self.doc, rs.cue.span[0]) if rs.cue else None
            anchor = cue_tok if cue_tok is not None and ctype != "according" else _clause_head(content.root)
            region = min([rs.span[0]] + ([rs.cue.span[0]] if rs.cue else [])
                         + ([rs.speaker.span[0]] if rs.speaker and rs.speaker.span else []))
            if self.sent_index(region) != self.sent_index(rs.span[0]):
                region = rs.span[0]
            within = sorted(by_start[k] for k in range(bisect_left(quote_starts, rs.span[0]),
                                                       bisect_right(quote_starts, rs.span[1] + 2)))
            inner = [q for q in (quotes[k] for k in within) if q.span[1] <= rs.span[1] + 2
                     and _has_clause(self.doc.char_span(q.span[0], q.span[1], alignment_mode="expand") or [])]
            pieces = [(q.span[0], min(q.span[1], rs.span[1] + 2)) for q in inner] if len(inner) >= 2 \
                else [(rs.span[0], rs.span[1])]
            speaker = self.sharpen(rs.speaker)
            # "according to the TexAuto Facts report from InfoNation": InfoNation stands behind
            # it, and the claim is still relayed from a report.
            via = self.widen(rs.speaker)
            via_report = via is not None and speaker is not None and via.name != speaker.name \
                and is_publication(via.name.split()[-1] if via.name.split() else None)
            if speaker is not None and speaker.entity in self.via_outlet():
                # "according to Sui-Lee Wee of the Times, the CDC said ...": relayed by an
                # outlet's journalist, whoever stands behind it.
                via_report, via = True, speaker
            if self.writer_speaks(rs.speaker, quotes):
                continue  # "We note that …" outside quotation marks: the writer's own narration
            if ctype == "according":
                speaker = self.inner_speaker(content, types) or speaker
            elif self.discourse_marker(rs):
                speaker = self.inner_speaker(content, types)
                if speaker is None:
                    continue
            for start, end in pieces:
                if dispute and rs.cue and ctype != "label":
                    start = min(start, rs.cue.span[0])
                draft = Draft(start, end, "speech", speaker, anchor, ctype, rs.cue, region, dispute)
                if via_report and via is not None and via.span is not None:
                    draft.evidence["reported"] = EvidenceCue(text=via.name, span=via.span, label="reported")
                candidates.append((content, draft))
        floor = self.config.get("speech_min_checkworthy") or 0.0
        scored = [n for n, (_, d) in enumerate(candidates) if not d.dispute] if scorer is not None and floor else []
        scores = dict(zip(scored, scorer([candidates[n][0] for n in scored]))) if scored else {}
        for n, (_, draft) in enumerate(candidates):
            if scores.get(n, 1.0) < floor:
                continue
            self.add(draft)

    def writer_speaks(self, speaker: AgentRef | None, quotes) -> bool:
        """Whether the speaker is the writer: a first-person pronoun ("we", "I") outside every
        quotation ("We note that the price per gram …")."""
        if speaker is None or speaker.span is None or speaker.entity is not None:
            return False
        start, end = speaker.span
        if self.text[start:end].lower() not in _FIRST_PERSON:
            return False
        return not any(q.span[0] <= start < q.span[1] for q in quotes)

    def discourse_marker(self, rs) -> bool:
        """"That said, ..." (and "This said, ...") links the writer's sentences: no one says what
        follows, unless a source inside it does ("That said, the DEA says that ...")."""
        if rs.speaker is None or rs.speaker.span is None or rs.cue is None:
            return False
        start, end = rs.speaker.span
        return (self.text[start:end].lower() in ("that", "this")
                and self.text[end:rs.cue.span[0]].strip() == ""
                and self.text[rs.cue.span[1]:rs.cue.span[1] + 1] == ",")

    def inner_speaker(self, content, types: dict[str, str]) -> AgentRef | None:
        """"X said ..., according to Reuters", "Li wrote in a blog post that ..., according to
        NPR": the one who says it inside what an outlet relays stands behind the claim; the
        outlet is its source (and makes it `reported`)."""
        for tok in content:
            if tok.pos_ != "VERB" or types.get(tok.lemma_.lower()) not in ("speech", "report"):
                continue
            if tok.dep_ in ("relcl", "acl") and not any(c.dep_ in ("ccomp", "parataxis") for c in tok.children):
                continue  # "where the group maintains a political office" says nothing
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is None or subj.pos_ == "PRON" or not (content.start <= subj.i < content.end):
                continue
            ref = self.ref(self.doc[subj.left_edge.i].idx, subj.idx + len(subj))
            if ref.entity is not None or subj.pos_ in ("NOUN", "PROPN"):
                return ref
        return None

    def from_quotes(self, scorer) -> None:
        candidates: list[tuple[Any, Draft]] = []
        for q in self.ctx.quotes:
            if q.kind != "direct" or q.speaker is None:
                continue
            if self.covered(q.span[0]):
                continue
            cue_tok = _token_at(self.doc, q.cue.span[0]) if q.cue else None
            pieces: list[tuple[int, int]] = []
            for sent in self.sents[self.sent_index(q.span[0]):]:  # the sentences from the quote's on
                if sent.start_char >= q.span[1]:
                    break
                if q.span[0] < sent.end_char:
                    start, end = max(sent.start_char, q.span[0]), min(sent.end_char, q.span[1])
                    # A piece cut before its full stop (an elision, "[...]") goes on in the next.
                    if pieces and self.text[pieces[-1][0]:pieces[-1][1]].rstrip()[-1:] not in ".!?":
                        pieces[-1] = (pieces[-1][0], end)
                    else:
                        pieces.append((start, end))
            for start, end in pieces:
                start, end = _trim(self.text, start, end)
                chunk = self.doc.char_span(start, end, alignment_mode="contract")
                if chunk is None or len(chunk) < 4 or self.intent(chunk.text) or opinion_kind(chunk):
                    continue
                if not any(t.tag_ in _FINITE_TAGS for t in chunk):
                    continue  # a piece the attribution cuts off: "Forty-five years of practicing law," he said, "…"
                candidates.append((chunk, Draft(start, end, "quote", self.sharpen(q.speaker), cue_tok or chunk.root,
                                                "speech", q.cue, min(start, q.cue.span[0]) if q.cue else start)))
        # One model call for all the quotes' sentences.
        scores = scorer([c for c, _ in candidates]) if scorer is not None and candidates else None
        for n, (_, draft) in enumerate(candidates):
            if scores is not None and scores[n] < self.config["quote_min_checkworthy"]:
                continue
            self.add(draft)

    # --- 2. the writer's own words --------------------------------------------------------
    def from_claim_nouns(self, cues: list[EvidenceCue]) -> None:
        nouns = _claim_nouns()
        unsupported = sorted(c.span[0] for c in cues if c.label == "unsupported")
        for tok in _tokens_with_lemma(self.doc, nouns):
            if tok.pos_ != "NOUN":
                continue
            content = None
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    pc = next((c for c in child.children if c.dep_ in ("pcomp", "pobj")), None)
                    if pc is not None and (pc.tag_ == "VBG" or _has_clause(pc.subtree)):
                        content = child
                elif child.dep_ in ("acl", "ccomp") and any(c.lower_ == "that" and c.dep_ == "mark" for c in child.children):
                    content = child
            left, right = tok.left_edge.i, tok.right_edge.i
            span_start, span_end = self.doc[left].idx, self.doc[right].idx + len(self.doc[right])
            modified = bisect_left(unsupported, span_start) < bisect_left(unsupported, span_end)
            if content is None and not modified:
                continue
            # Stop at the first comma after the content (appended circumstances are not the claim).
            stop = (content.right_edge.i if content is not None else tok.i)
            for t in self.doc[max(tok.i, stop):right + 1]:
                if t.text in (",", ";", "—", "–"):
                    right = t.i - 1
                    break
            span_end = self.doc[right].idx + len(self.doc[right])
            verb = tok.head
            if tok.dep_ in ("dobj", "obj") and (verb.lemma_.lower() in DISPUTE_LEMMAS
                                                 or _dispute_words().fullmatch(verb.text)):
                # "rejected the allegations as baseless": a denial by the verb's subject.
                subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                claimant = (self.ref(self.doc[subj.left_edge.i].idx, subj.idx + len(subj))
                            if subj is not None else None)
                cue = Cue(text=verb.text, span=(verb.idx, verb.idx + len(verb)))
                end = max(span_end, verb.right_edge.idx + len(verb.right_edge))
                self.add(Draft(verb.idx, end, "noun", claimant, verb, "speech", cue, verb.idx, True))
                continue
            claimant = self._noun_claimant(tok, left, right)
            self.add(Draft(span_start, span_end, "noun", claimant, tok, "speech", None, span_start))

    def _noun_claimant(self, tok, left: int, right: int) -> AgentRef | None:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return self.ref(self.doc[pobj.left_edge.i].idx, pobj.idx + len(pobj))
        head = tok
        for _ in range(4):
            poss = next((c for c in head.children if c.dep_ == "poss"), None)
            if poss is not None:
                return self.ref(self.doc[poss.left_edge.i].idx, poss.idx + len(poss))
            if head.head.i == head.i:
                break
            head = head.head
        # The nearest named agent in the sentence outside the claim itself.
        sent = self.sents[self.sent_index(tok.idx)]
        best, best_dist = None, None
        for ent in self.ents[bisect_left(self.ent_starts, sent.start): bisect_left(self.ent_starts, sent.end)]:
            if ent.label_ not in ("PERSON", "ORG", "GPE") or ent.start < sent.start or ent.end > sent.end:
                continue
            if left <= ent.start <= right:
                continue
            dist = min(abs(ent.start - left), abs(ent.start - right))
            if best_dist is None or dist < best_dist:
                best, best_dist = ent, dist
        return self.ref(best.start_char, best.end_char) if best is not None else None

    def from_claim_verbs(self) -> None:
        verbs = _claim_verbs()
        for tok in _tokens_with_lemma(self.doc, set(verbs)):
            prep_word, passive_ok = verbs.get(tok.lemma_.lower(), ("", False))
            if not prep_word or tok.pos_ != "VERB":
                continue
            obj = next((c for c in tok.children if c.dep_ in ("dobj", "obj")), None)
            prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == prep_word), None)
            if prep is None and obj is not None:
                prep = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == prep_word), None)
            if prep is None or not any(c.dep_ in ("pobj", "pcomp") for c in prep.children):
                continue
            subj = next((c for c in tok.children if c.dep_ in ("nsubjpass",)), None)
            agentless = subj is not None and not any(c.dep_ == "agent" for c in tok.children)
            if (agentless and not passive_ok) or (subj is not None and subj.tag_ == "WDT"):
                continue
            first = obj if obj is not None else subj
            if first is None:
                continue
            start = self.doc[first.left_edge.i].idx
            last = prep.right_edge
            # Stop at a comma that opens an appended clause ("... shooting down the helicopter,
            # which it said crashed in ...": that clause is not the claim).
            cut = next((t for t in self.doc[prep.i: last.i] if t.text in (",", ";", "—", "–")
                        and (self.doc[t.i + 1].tag_ in ("WDT", "WP", "WRB")
                             or self.doc[t.i + 1].head.dep_ in ("relcl", "advcl"))), None)
            if cut is not None and cut.i > prep.i + 1:
                last = self.doc[cut.i - 1]
            end = last.idx + len(last)
            claimant = None
            nsubj = self._verb_subject(tok)
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            if nsubj is not None:
                claimant = self.ref(self.doc[nsubj.left_edge.i].idx, nsubj.idx + len(nsubj))
            elif agent is not None:
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    claimant = self.ref(self.doc[pobj.left_edge.i].idx, pobj.idx + len(pobj))
            region = self.doc[nsubj.left_edge.i].idx if nsubj is not None else tok.idx
            if subj is not None and obj is None:
                start = min(start, tok.idx)
            self.add(Draft(start, end, "verb", claimant, tok, "speech", Cue(text=tok.text, span=(tok.idx, tok.idx + len(tok))),
                           min(region, start)))

    @staticmethod
    def _verb_subject(tok):
        """Who does what a claim verb says: its subject; for a participle or a coordinated verb
        without one ("..., accusing them of ...", "after accusing them of ...", "said ... and
        accused him of ..."), the subject
        of the verb it hangs on; for a relative clause ("customers who accused the utility of
        ..."), the noun the clause is about."""
        for _ in range(3):
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
                return tok.head
            if subj is not None:
                return subj
            if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
                tok = tok.head  # "after accusing them of ...": the verb the preposition hangs on
            if tok.dep_ not in ("advcl", "xcomp", "conj", "prep") or tok.head.i == tok.i or tok.head.pos_ not in ("VERB", "AUX"):
                return None
            tok = tok.head
        return None

    def from_hedges(self) -> None:
        for h in self.hedges:
            if h.kind == "label" and self.config["hedged_mentions"]:
                self.from_hedged_mention(h)
            if h.kind != "attribution":
                continue
            tok = _token_at(self.doc, h.start)
            if tok is None:
                continue
            head = _clause_head(tok)
            scope = sorted(_scope(head, self.children))
            if not scope:
                continue
            start = self.doc[scope[0]].idx
            end_tok = self.doc[scope[-1]]
            end = end_tok.idx + len(end_tok)
            existing = self.overlaps(start, end, 0.3)
            if existing is not None:
                continue
            claimant = AgentRef(entity=None, name=h.claimant, span=(h.start, h.end)) if h.claimant else None
            self.add(Draft(start, end, "hedge", claimant, head, "hedge", None, start))

    def from_hedged_mention(self, h) -> None:
        """"alleged drug boats": the writer relays, without a claimant, that they are drug boats."""
        tok = _token_at(self.doc, h.start)
        if tok is None:
            return
        noun = tok.head if tok.dep_ in ("amod", "advmod", "compound") else tok
        if noun.pos_ not in ("NOUN", "PROPN"):
            return
        left = min(tok.i, *(c.left_edge.i for c in noun.lefts)) if list(noun.lefts) else tok.i
        start, end = self.doc[left].idx, noun.idx + len(noun)
        self.add(Draft(start, end, "mention", None, noun, "hedge", None, start))

    # --- evidence, hedges, sources --------------------------------------------------------
    def enrich(self, cues: list[EvidenceCue]) -> None:
        sources = find_sources(self.doc, self.ctx.resolver, ents=self.ents, text=self.text)
        via_outlet = self.via_outlet()
        hedges = [(h, _token_at(self.doc, h.start)) for h in self.hedges]
        source_tokens = [(s, _token_at(self.doc, s.trigger[0])) for s in sources]  # once, not per claim
        # Looked up by bisection per draft: hedges by start, sources by their token.
        hedge_starts = [h.start for h, _ in hedges]
        by_token = sorted((tok.i, n) for n, (_, tok) in enumerate(source_tokens) if tok is not None)
        token_keys = [i for i, _ in by_token]
        for d in self.drafts:
            lo = d.region_start
            d.hedges = [Hedge(text=h.text, span=(h.start, h.end)) for h, tok in (
                            hedges[k] for k in range(bisect_left(hedge_starts, lo),
                                                     bisect_left(hedge_starts, d.end)))
                        if lo <= h.start and h.end <= d.end and tok is not None and tok.i in d.scope]
            near = sorted(by_token[k][1] for k in range(
                bisect_left(token_keys, min(d.scope)), bisect_right(token_keys, max(d.scope)))) \
                if d.scope else []
            for s, tok in (source_tokens[n] for n in near):
                in_claim = d.start <= s.trigger[0] < d.end
                if tok is not None and tok.i in d.scope and not (in_claim and d.kind == "speech"):
                    if not any(src.name == s.citation.name for src in d.sources):
                        d.sources.append(s.citation)
                    if (is_publication(s.citation.name) or is_publication(self.text[s.trigger[0]:s.trigger[1]])
                            or s.entity in via_outlet):
                        d.evidence.setdefault("reported", EvidenceCue(
                            text=self.text[s.trigger[0]:s.trigger[1]], span=s.trigger, label="reported"))
            name = d.claimant.name if d.claimant else None
            if d.claimant is not None and (is_publication(name) or d.claimant.entity in via_outlet):
                if d.claimant.span and not any(src.name == name for src in d.sources):
                    d.sources.append(SourceCitation(name=name, span=d.claimant.span))
                cue = d.cue or (Cue(text=self.text[slice(*d.claimant.span)], span=d.claimant.span)
                                if d.claimant.span else None)
                if cue is not None:
                    d.evidence.setdefault("reported", EvidenceCue(text=cue.text, span=cue.span, label="reported"))
            self.reported_by_unnamed_source(d)
            self.reported_by_agentless_accusation(d)
            if d.cue_type == "finding" and d.cue is not None and not self._person(d.claimant):
                self.label_finding(d)
        self.attach_cues(cues)

    def label_finding(self, d: Draft) -> None:
        """A finding backs what it finds ("records show that ...": `supported`); a negated one
        says nothing backs it ("has not presented any evidence that ...", "found no proof that
        ...", "did not find that ...": `unsupported`)."""
        assert d.cue is not None
        sent = self.sents[d.sent]
        negated = negated_before(self.text, d.cue.span[0], sent.start_char)
        tok = _token_at(self.doc, d.cue.span[0])
        if tok is not None and any(c.dep_ == "neg" or c.lower_ == "no" for c in tok.children):
            negated = True
        # "found no proof that ...": the finding's object is what is negated.
        if tok is not None and any(c.dep_ in ("dobj", "obj", "attr") and any(
                g.lower_ == "no" or g.dep_ == "neg" for g in c.children) for c in tok.children):
            negated = True
        label = "unsupported" if negated else "supported"
        d.evidence.setdefault(label, EvidenceCue(text=d.cue.text, span=d.cue.span, label=label))  # type: ignore[arg-type]

    def reported_by_unnamed_source(self, d: Draft) -> None:
        """"according to a local police source", "people familiar with the matter said": a claim
        relayed from an unnamed source is `reported`."""
        ref = d.claimant
        if ref is None or ref.entity is not None or ref.span is None:
            return
        span = self.doc.char_span(ref.span[0], ref.span[1], alignment_mode="expand")
        if span is None or span.root.pos_ != "NOUN":
            return
        words = _unnamed_source_words()
        # The source's own phrase, with a relative clause the claimant's words leave out.
        phrase = {t.lower_ for t in span.root.subtree}
        if span.root.lower_ in words.get("noun", ()) or phrase & words.get("marker", frozenset()):
            d.evidence.setdefault("reported", EvidenceCue(text=ref.name, span=ref.span, label="reported"))

    def reported_by_agentless_accusation(self, d: Draft) -> None:
        """"Russia has been accused of creating a humanitarian disaster", "authorities there
        were accused of concealing ...": an accusation whose accusers the article does not name
        is relayed from unnamed sources, so `reported`."""
        if d.kind != "verb" or d.claimant is not None or d.cue is None:
            return
        verb = _token_at(self.doc, d.cue.span[0])
        if verb is None or not any(c.dep_ == "nsubjpass" for c in verb.children):
            return
        d.evidence.setdefault("reported", EvidenceCue(text=d.cue.text, span=d.cue.span, label="reported"))

    def _person(self, ref: AgentRef | None) -> bool:
        if ref is None or ref.entity is None or self.ctx.resolver is None:
            return False
        entity = self.ctx.resolver.get(ref.entity)
        return entity is not None and entity.type == "PERSON"

    def _subject_is_pronoun(self, tok) -> bool:
        head = _clause_head(tok)
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj is not None and subj.pos_ == "PRON"

    def _subject_entity(self, tok) -> str | None:
        head = _clause_head(tok)
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ != "PRON" or self.ctx.resolver is None:
            return None
        return self.ref(subj.idx, subj.idx + len(subj)).entity

    def attach_cues(self, cues: list[EvidenceCue]) -> None:
        by_sent: dict[int, list[Draft]] = {}  # the drafts of each sentence, in draft order
        for d in self.drafts:
            by_sent.setdefault(d.sent, []).append(d)
        for cue in cues:
            if cue.label == "contested":
                continue
            tok = _token_at(self.doc, cue.span[0])
            if tok is None:
                continue
            si = self.sent_index(cue.span[0])
            here = [d for d in by_sent.get(si, ()) if tok.i in d.scope]
            if not here and self._subject_is_pronoun(tok):
                # "X claimed ..., but he offered no evidence": the pronoun's claim in this sentence.
                earlier = [d for d in by_sent.get(si, ()) if d.end <= cue.span[0]]
                entity = self._subject_entity(tok)
                here = [d for d in earlier if d.claimant is not None and d.claimant.entity == entity] \
                    if entity is not None else []
                here = here or earlier
            if not here:
                # The previous sentence of the same paragraph only (a new paragraph is a new topic).
                prev = [d for d in by_sent.get(si - 1, ()) if self.same_paragraph(d.end, cue.span[0])]
                entity = self._subject_entity(tok)
                if entity is not None:
                    mine = [d for d in prev if d.claimant is not None and d.claimant.entity == entity]
                    prev = mine or prev
                # Only a clause that is about evidence (not one that is itself a claim) refers back.
                if any(d.start <= cue.span[0] < d.end for d in by_sent.get(si, ())):
                    prev = []
                here = prev or self.claims_of_named_owner(tok, cue)
                if cue.label == "supported" and prev:
                    # "The senator claimed it cost $2 billion. A review found it cost $500
                    # million.": a finding that gives other figures contradicts the claim.
                    sent = self.sents[si]
                    for d in [d for d in here if self.figures_differ(d.start, d.end, sent.start_char, sent.end_char)]:
                        d.evidence.setdefault("contested", EvidenceCue(text=cue.text, span=cue.span, label="contested"))
                        here = [e for e in here if e is not d]
            for d in here:
                if d.dispute and d.start <= cue.span[0] < d.end:
                    continue  # "rejected the allegations as baseless" says so of the target
                if self.cue_is_what_is_said(d, cue) and not self.comment_on_claim(d, cue):
                    continue
                d.evidence.setdefault(cue.label, cue)

    def claims_of_named_owner(self, tok, cue: EvidenceCue) -> list[Draft]:
        """"It was not possible to independently verify the group's claim": a cue about a claim
        noun with an owner ("the group's claim", "his allegations") is about that owner's earlier
        claims, within `contest_window` characters, even across a paragraph break."""
        head = _clause_head(tok)
        nouns = _claim_nouns()
        poss = None
        for t in head.subtree:
            poss = next((c for c in t.children if c.dep_ == "poss"), None) if t.lemma_.lower() in nouns else None
            if poss is not None:
                break
        if poss is None:
            return []
        lo = cue.span[0] - self.config["contest_window"]
        earlier = [d for d in self.drafts if lo <= d.start and d.end <= cue.span[0] and d.claimant is not None]
        owner = self.ref(self.doc[poss.left_edge.i].idx, poss.idx + len(poss)).entity
        owned = [d for d in earlier if owner is not None and d.claimant.entity == owner]  # type: ignore[union-attr]
        if not owned and earlier:
            # "the group's claim" with no claim of its own nearby (unresolved, or its spokesman
            # spoke for it): the claims of the nearest claimant before the cue.
            last = max(earlier, key=lambda d: d.end).claimant
            owned = [d for d in earlier if d.claimant is not None and last is not None
                     and (d.claimant.entity or d.claimant.name) == (last.entity or last.name)]
        return owned

    def figures_differ(self, a0: int, a1: int, b0: int, b1: int) -> bool:
        """Whether two stretches give different figures of one kind and none in common: "cost
        $2 billion" against "cost $500 million", "12 people died" against "3 people died" (a count
        is of the noun it counts; amounts, percentages and quantities by their type)."""
        def figures(lo: int, hi: int) -> dict[str, set[str]]:
            out: dict[str, set[str]] = {}
            first = _token_at(self.doc, lo)
            k = bisect_left(self.ent_starts, first.i) if first is not None else len(self.ents)
            for e in self.ents[k:]:
                if e.start_char >= hi:
                    break
                if e.label_ in ("MONEY", "PERCENT", "QUANTITY"):
                    kind = e.label_
                elif e.label_ == "CARDINAL" and e.root.dep_ == "nummod":
                    kind = "CARDINAL " + e.root.head.lemma_.lower()
                else:
                    continue
                out.setdefault(kind, set()).add(re.sub(r"\W+", " ", e.text.lower()).strip())
            return out
        fa, fb = figures(a0, a1), figures(b0, b1)
        shared = set(fa) & set(fb)
        return bool(shared) and all(not (fa[k] & fb[k]) for k in shared)

    def comment_on_claim(self, d: Draft, cue: EvidenceCue) -> bool:
        """"Officials said 12 people died, a figure that could not be independently verified",
        "…, a claim contradicted by state data": the cue is in a phrase the writer appends to the
        content, headed by a noun that names it (claim_nouns.txt, referring_nouns.txt) after a
        comma, so it is said of the claim, not inside it."""
        tok = _token_at(self.doc, cue.span[0])
        nouns = _claim_nouns() | frozenset(resources.lines("referring_nouns.txt"))
        for _ in range(6):
            if tok is None or tok.idx < d.start:
                return False
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in nouns and tok.left_edge.i > 0 \
                    and self.doc[tok.left_edge.i - 1].text == "," and tok.left_edge.idx > d.start:
                return True
            if tok.head.i == tok.i:
                return False
            tok = tok.head
        return False

    @staticmethod
    def cue_is_what_is_said(d: Draft, cue: EvidenceCue) -> bool:
        """"There is no epidemiological evidence linking the cases, the commission said": a
        source that says there is no evidence makes a claim about the world, not about the evidence
        behind its own claim. (A source citing a study or research that shows it does back it.)"""
        return (d.kind in ("speech", "quote") and cue.label == "unsupported"
                and d.start <= cue.span[0] < d.end and d.cue_type != "finding")

    def link_contests(self, cues: list[EvidenceCue]) -> None:
        """Denials and findings find the claims they answer: a contested cue contests the earlier
        claim its sentence is most about (`contest_denied`); a finding backs the claim it is most
        about, or contests it when it says "not" or gives other figures (`weigh_findings`)."""
        if not any(c.label == "contested" for c in cues) and not any(
                d.cue_type == "finding" for d in self.drafts):
            return
        targets = _ContestTargets(self)
        self.contest_denied(cues, targets)
        self.weigh_findings(targets)

    def contest_denied(self, cues: list[EvidenceCue], targets: "_ContestTargets") -> None:
        by_sent: dict[int, list[Draft]] = {}  # the drafts of each sentence, in draft order
        for d in self.drafts:
            by_sent.setdefault(d.sent, []).append(d)
        for cue in cues:
            if cue.label != "contested":
                continue
            sent = self.sents[self.sent_index(cue.span[0])]
            owner = self.first_covering(cue.span[0])
            if owner is not None and not owner.dispute and self.comment_on_claim(owner, cue):
                owner.evidence.setdefault("contested", cue)  # "…, a claim contradicted by data"
                continue
            disputer = self._disputer(cue, owner)
            what = self._disputed(cue)
            anaphoric = what is None or not targets.weights.lemmas(what, skip_dates=True)
            if anaphoric:
                what = None  # "denied the allegations": the sentence says what they were about
            target = targets.best(what if what is not None else sent, owner, disputer, before=sent.end_char,
                                  cue_at=cue.span[0])
            if target is None and anaphoric:
                # "rejected the figure": the nearest earlier claims of someone else.
                si = self.sent_index(cue.span[0])
                for back in range(si - 1, max(-1, si - 4), -1):
                    earlier = [d for d in by_sent.get(back, ()) if not d.dispute and d is not owner
                               and not (disputer and d.claimant is not None and d.claimant.entity == disputer)]
                    if earlier:
                        for d in earlier:
                            d.evidence.setdefault("contested", cue)
                        break
                continue
            if target is not None:
                target.evidence.setdefault("contested", cue)

    def weigh_findings(self, targets: "_ContestTargets") -> None:
        """A finding that says "not" contests the claim it is most about; one that does not backs
        it, unless it gives other figures of the same thing ("found it cost $500 million")."""
        for d in self.drafts:
            if "supported" not in d.evidence or d.cue_type != "finding":
                continue
            cue = d.evidence["supported"]
            target = targets.best(targets.spans[id(d)] or self.sents[d.sent], d,
                                  d.claimant.entity if d.claimant else None, positive_only=True)
            contested = EvidenceCue(text=cue.text, span=cue.span, label="contested")
            if not _NEGATION.search(self.text[d.start:d.end]):
                if target is not None and target.start < d.start:
                    if self.figures_differ(target.start, target.end, d.start, d.end):
                        target.evidence.setdefault("contested", contested)
                    else:
                        target.evidence.setdefault("supported", cue)
            elif target is not None and "supported" not in target.evidence:
                target.evidence.setdefault("contested", contested)  # negative: contradicts positives only

    def contest_what_is_denied(self) -> None:
        """"Dick Clark Productions denies that anything has been sorted": a claim relayed by its
        denial ("denied that ...", "disputes that ...") is contested by the one who denies it."""
        for d in self.drafts:
            if d.dispute and d.kind == "speech" and d.cue is not None and d.cue_type != "label":
                d.evidence.setdefault("contested", EvidenceCue(text=d.cue.text, span=d.cue.span, label="contested"))

    def _accused(self, d: Draft) -> str | None:
        """The entity an accusation ("accused Big Machine of ...") is made against."""
        if d.kind != "verb":
            return None
        tok = _token_at(self.doc, d.start)
        while tok is not None and tok.dep_ in ("compound", "det", "amod", "poss", "nmod") and tok.head.i != tok.i:
            tok = tok.head
        if tok is None or tok.dep_ not in ("dobj", "obj", "nsubjpass"):
            return None
        return self.ref(self.doc[tok.left_edge.i].idx, tok.idx + len(tok)).entity

    def contest_accusations_the_accused_deny(self, cues: list[EvidenceCue]) -> None:
        """"Big Machine have twice denied doing anything wrong", "He has consistently denied being
        unfair to her": a denial by the accused contests the accusations made against them
        earlier in the article, by someone else."""
        accused: dict[str, list[Draft]] | None = None
        for cue in cues:
            if cue.label != "contested":
                continue
            tok = _token_at(self.doc, cue.span[0])
            if tok is None or tok.pos_ != "VERB" or tok.lemma_.lower() not in DISPUTE_LEMMAS:
                continue
            denier = self._disputer(cue, None)
            if denier is None:
                continue
            if accused is None:  # who each accusation is against, found once (draft order kept)
                accused = {}
                for d in self.drafts:
                    who = self._accused(d)
                    if who is not None:
                        accused.setdefault(who, []).append(d)
            for d in accused.get(denier, ()):
                if d.start >= cue.span[0]:  # (no one accuses themselves: the accused is the target)
                    continue
                d.evidence.setdefault("contested", cue)

    def _disputer(self, cue: EvidenceCue, owner: Draft | None) -> str | None:
        """The entity that disputes: the owner claim's claimant, or the subject of the cue."""
        if owner is not None and owner.claimant is not None and owner.claimant.entity:
            return owner.claimant.entity
        tok = _token_at(self.doc, cue.span[0])
        if tok is None:
            return None
        head = tok if tok.pos_ in ("VERB", "AUX") else _clause_head(tok)
        subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return None
        return self.ref(self.doc[subj.left_edge.i].idx, subj.idx + len(subj)).entity

    def _disputed(self, cue: EvidenceCue):
        """What a denial is about: the object of "denied X", "called X lies", "X is false"."""
        tok = _token_at(self.doc, cue.span[0])
        if tok is None:
            return None
        head = tok if tok.pos_ in ("VERB", "AUX") else _clause_head(tok)
        cue_tokens = {tok.i} if head is tok else {t.i for t in tok.subtree} | {tok.i}
        picked: list[int] = []
        for child in head.children:
            wanted = child.dep_ in ("dobj", "obj", "ccomp", "nsubjpass", "xcomp") or (
                child.dep_ == "nsubj" and head.lemma_ == "be")
            if wanted:
                picked.extend(t.i for t in child.subtree if t.i not in cue_tokens)
        if not picked:
            return None
        return self.doc[min(picked): max(picked) + 1]

    # --- claimants: never a bare pronoun ---------------------------------------------------
    def _unresolved_pronoun(self, ref: AgentRef | None) -> frozenset[str] | None:
        """The types a claimant that is a pronoun the resolver could not resolve may stand for;
        None when the claimant is not such a pronoun."""
        if ref is None or ref.entity is not None:
            return None
        return _pronoun_refers().get(ref.name.strip().lower())

    def _entity_type(self, ref: AgentRef | None) -> str | None:
        if ref is None or ref.entity is None or self.ctx.resolver is None:
            return None
        entity = self.ctx.resolver.get(ref.entity)
        return entity.type if entity is not None else None

    def settle_pronoun_claimants(self) -> None:
        """A claimant left as a pronoun ("She also accused ...", "..., they wrote") is the nearest
        earlier claimant of a type the pronoun can stand for, within a few paragraphs (news
        reports keep a speaker across sentences); with none, the claim has no claimant."""
        window = self.config["claimant_window"]
        # The drafts from the last start back (ties in draft order), sorted once; each pronoun
        # claim looks back by bisection from its start to the window's edge.
        back = sorted(self.drafts, key=lambda e: -e.start)
        back_keys = [-e.start for e in back]
        for d in sorted(self.drafts, key=lambda d: d.start):
            types = self._unresolved_pronoun(d.claimant)
            if types is None:
                continue
            pronoun = d.claimant.name.strip().lower()  # type: ignore[union-attr]
            found = None
            for e in back[bisect_right(back_keys, -d.start):]:
                if d.start - e.start > window:
                    break  # so are all that follow
                if e.claimant is None:
                    continue
                if self._unresolved_pronoun(e.claimant) is not None:
                    continue
                kind = self._entity_type(e.claimant)
                if kind is None:
                    # An unnamed source ("the authors", "officials") can be "they".
                    if "PERSON" in types or pronoun not in ("they", "them", "their"):
                        continue
                elif types and kind not in types:
                    continue
                found = e.claimant
                break
            d.claimant = found.model_copy() if found is not None else None

    def run(self, scorer) -> list[Claim]:
        cues = find_cues(self.text)
        self.hedges = find_hedges(self.text)
        self.from_speech(scorer)
        self.from_quotes(scorer)
        self.from_claim_verbs()
        self.from_claim_nouns(cues)
        self.from_hedges()
        self.settle_pronoun_claimants()
        self.enrich(cues)
        self.link_contests(cues)
        self.contest_what_is_denied()
        self.contest_accusations_the_accused_deny(cues)
        self.drafts.sort(key=lambda d: d.start)
        claims = []
        for i, d in enumerate(self.drafts, start=1):
            labels = [lab for lab in ("unsupported", "supported", "reported", "contested") if lab in d.evidence]
            claims.append(Claim(
                id=f"c{i}", text=self.text[d.start:d.end], span=(d.start, d.end), claimant=d.claimant,
                sources=d.sources, hedges=d.hedges, evidence=labels or ["unqualified"],  # type: ignore[arg-type]
                evidence_cues=[d.evidence[lab] for lab in labels],
            ))
        return claims


class _ContestTargets:
    """The claims a denial or a finding may answer, scored by the rare content lemmas they share
    (`LemmaWeights`); only claims sharing a lemma with the answering text are compared."""

    def __init__(self, finder: ClaimFinder) -> None:
        self.finder = finder
        self.weights = LemmaWeights(finder.doc, stop=list(_claim_nouns()) + list(resources.lines("referring_nouns.txt")) + [
            "say", "tell", "report", "official", "claim", "allegation", "accusation", "lie", "call",
            "deny", "reject", "dispute", "find", "evidence", "perverse"], sents=finder.sents)
        self.spans = {id(d): finder.doc.char_span(d.start, d.end, alignment_mode="expand") for d in finder.drafts}
        self.threshold = finder.config["contest_overlap"] * self.weights.max_weight
        # Which drafts hold each lemma: a target must share a lemma to score above a positive
        # threshold, so only those are compared (in draft order, as a scan of all would).
        self.by_lemma: dict[str, list[int]] = {}
        for k, d in enumerate(finder.drafts):
            if self.spans[id(d)] is not None:
                for lem in self.weights.lemma_set(self.spans[id(d)]):
                    self.by_lemma.setdefault(lem, []).append(k)

    def candidates(self, sent_span) -> list[Draft]:
        drafts = self.finder.drafts
        if self.threshold < 0:  # a one-sentence text: everything scores above it
            return drafts
        ks = {k for lem in self.weights.lemma_set(sent_span) for k in self.by_lemma.get(lem, ())}
        return [drafts[k] for k in sorted(ks)]

    def is_denial(self, d: Draft) -> bool:
        """The claim itself denies ("the claims are false"): a dispute word in its main clause,
        not in an appended one ("..., a charge the company rejected")."""
        span = self.spans[id(d)]
        if span is None:
            return False
        doc = self.finder.doc
        for m in _dispute_words().finditer(self.finder.text, d.start, d.end):
            tok = _token_at(doc, m.start())
            if tok is not None and (tok.i == span.root.i or _clause_head(tok).i == span.root.i):
                return True
        return False

    def best(self, sent_span, exclude: Draft | None, disputer: str | None, positive_only: bool = False,
             before: int | None = None, cue_at: int | None = None) -> Draft | None:
        """The claim `sent_span` is most about, above the threshold."""
        text, window = self.finder.text, self.finder.config["contest_window"]
        best, best_score = None, self.threshold
        for d in self.candidates(sent_span):
            if d is exclude or self.spans[id(d)] is None or d.dispute:
                continue
            if before is not None and (d.start >= before or before - d.end > window
                                       or (self.is_denial(d) and not (cue_at is not None and d.start <= cue_at < d.end))):
                # A denial answers what was said before it, not what comes later, and not
                # another denial ("the allegations are false" agrees with "rejected them"; a
                # claim that carries this very denial, "..., a charge the company rejected", is
                # not another one).
                continue
            if positive_only and _NEGATION.search(text[d.start:d.end]):
                continue
            if d.start <= sent_span.start_char < d.end:
                continue
            if disputer and d.claimant is not None and d.claimant.entity == disputer:
                continue
            score = self.weights.shared(self.spans[id(d)], sent_span)
            if score > best_score:
                best, best_score = d, score
        return best


def _quote_scorer(config: dict[str, Any]):
    if not config.get("quote_min_checkworthy") and not config.get("speech_min_checkworthy"):
        return None
    from .checkworthy import load_model, sentence_features

    model = load_model()
    return lambda spans: model.predict_proba([sentence_features(s, s.text) for s in spans])


@component(
    "claims",
    assigns=("claims",),
    requires=("entities", "quotes", "speech"),
    # hedged_mentions: also make claims of hedged noun phrases ("alleged drug boats"); off by
    # default, as the gold annotations count relayed assertions, not labels.
    default_config={"quote_min_checkworthy": 0.5, "speech_min_checkworthy": 0.1, "contest_overlap": 0.8, "hedged_mentions": False,
                    # claimant_window: characters looked back for the claimant a pronoun stands for.
                    "claimant_window": 1500,
                    # contest_window: characters looked back for the claim a denial answers.
                    "contest_window": 1500},
)
def make_claims(config: dict[str, Any]):
    def run(ctx: Context) -> None:
        ctx.claims = ClaimFinder(ctx, config).run(_quote_scorer(config))

    return run
