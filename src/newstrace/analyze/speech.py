"""speech component: reported (indirect) speech, the content of a speech, cognition, finding or
report cue, with its speaker and cue.

Read from the dependency parse:
- verb cues: the content clause (ccomp: "officials say the vessels had departed …"), the
  object for verbs whose object is the content ("indicated the possibility of …"), an
  infinitive for promises ("vowed to …"), object and complement for labels ("called the
  allegations “perverse lies”");
- noun cues with a that-clause ("claims that …", "reports that …");
- phrase cues ("according to X, …") whose content is the rest of the clause.
Cues inside quotes are skipped (that is the speaker's own voice), and so is a content that is a
direct quote already (the quotes component has it).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from ..model import AgentRef, Cue, ReportedSpeech
from .attribution import (
    ParsedText,
    Resolver,
    cue_of,
    find_phrase,
    mention_span,
    phrase_cue,
    source_mention,
    speaker_token,
)
from .context import Context
from .cues import CueEntry, Lexicon, lexicon
from .quote_marks import ALL_MARKS
from .registry import component

STOP = object()  # a verb pattern's answer: this cue has no content
# The content patterns of a verb cue, in the order they are tried (methods of SpeechFinder).
VERB_PATTERNS = ("_label", "_colon", "_clause_before", "_host_clause", "_content_clause",
                 "_addressee_and_act", "_adverbial_clause", "_particle_object", "_infinitive",
                 "_of_phrase", "_object", "_hung_on_content", "_that_on_noun", "_lost_that")
CLAUSE_BREAK = {",", ";", ".", ":", "!", "?", "—", "–", "(", ")"}
MARKS = {"that", "whether", "if"}
# prepositions that may open a modifier of a cue's object hung on the cue (_object_tail), and
# nouns after them that name the channel or setting of the act instead ("in a statement")
OBJECT_PREPS = {"as", "in", "of", "for", "to"}
CHANNELS = {"statement", "interview", "speech", "letter", "email", "tweet", "post", "rally",
            "debate", "hearing", "conference", "briefing", "press", "call", "video", "report",
            "filing", "appearance", "broadcast", "meeting", "event", "show", "program", "op-ed"}
TRIM = " \t\n,;:—–-"
ASIDE_OPENERS = {"who", "whom", "whose", "which", "where", "when"}  # of a relative clause set off


class SpeechFinder:
    def __init__(self, ctx: Context, config: dict[str, Any]) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.text = ctx.text
        self.lex: Lexicon = lexicon()
        self.parsed = ParsedText.of(ctx.doc, ctx.text)
        self.resolve = Resolver(self.text, ctx.resolver, ctx.doc)
        self.min_words = int(config.get("min_words", 2))
        self.require_speaker = bool(config.get("require_speaker", True))
        self.phrase_cues = bool(config.get("phrase_cues", True))  # "according to X, …"
        self.nested_types = frozenset(config.get("nested_types", ("any",)))
        quotes = sorted(ctx.quotes, key=lambda q: q.span)
        self.quote_spans = [q.span for q in quotes]
        self.direct_spans = sorted(q.span for q in quotes if q.kind == "direct")
        # for _mostly_direct: starts, and the largest end among spans up to each index
        self._direct_starts = [qs for qs, _ in self.direct_spans]
        self._direct_max_end: list[int] = []
        for _, qe in self.direct_spans:
            self._direct_max_end.append(max(qe, self._direct_max_end[-1]) if self._direct_max_end
                                        else qe)
        # tokens inside quotes (marks included), to skip cues there
        self.quoted_tokens: set[int] = set()
        for s, e in self.quote_spans:
            self.quoted_tokens.update(t.i for t in self.parsed.tokens_in(max(0, s - 1), e + 1))

    def _in_quote(self, tok) -> bool:
        return tok.i in self.quoted_tokens

    # --- content extents -------------------------------------------------------------------

    def _span(self, first, last, clause: bool = True) -> tuple[int, int] | None:
        """The content from `first` to `last`, trimmed; with `clause`, it stops at a semicolon
        outside quotes (what follows is the writer's next clause)."""
        if clause:
            last = self._before_next_act(first, last)
        start, end = first.idx, last.idx + len(last.text)
        head = first.lower_
        for mark in MARKS:
            # a complementiser glued to a quote mark: that“a drug cartel …
            if head.startswith(mark) and len(head) > len(mark) and head[len(mark)] in ALL_MARKS:
                start += len(mark)
        newline = self.text.find("\n", start, end)
        if newline >= 0:  # a content never runs into the next paragraph
            end = newline
        semi = self.text.find(";", start, end) if clause else -1
        while semi >= 0:
            before = self.text[start:semi]
            if before.count("“") <= before.count("”") and before.count('"') % 2 == 0:
                end = semi
                break
            semi = self.text.find(";", semi + 1, end)
        while start < end and (self.text[start] in TRIM):
            start += 1
        while end > start and self.text[end - 1] in TRIM + ".":
            end -= 1
        if end <= start:
            return None
        piece = self.text[start:end]
        if piece.count("“") > piece.count("”"):
            # keep the closing mark of a quote the content ends in: … “a historic betrayal.”
            close = self.text.find("”", end, end + 3)
            if close >= 0:
                end = close + 1
        elif piece.count('"') % 2 == 1 and not piece.startswith('"'):
            close = self.text.find('"', end, end + 3)  # the same with straight marks
            if close >= 0:
                end = close + 1
        return start, end

    def _before_next_act(self, first, last):
        """A content stops before a second speech act of its speaker joined by "and": "said he
        would order a review and warned against hackers", "tweeted that she was “a con” and
        urged …" (a conjoined cue verb without a subject of its own, that the parser hung
        inside the content)."""
        for t in self.doc[first.i + 2:last.i + 1]:
            if self._next_act(t):
                end = self.doc[t.i - 2]
                return end if end.i >= first.i else last
        return last

    def _next_act(self, t) -> bool:
        return (t.dep_ == "conj" and self.doc[t.i - 1].lower_ == "and" and t.pos_ == "VERB"
                and t.tag_ == "VBD" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
                and self.lex.verb_entry(t) is not None and not self._in_quote(t))

    def _first_act_speaker(self, tok):
        """The speaker of a second act ("… and warned against hackers") hung inside the first
        act's content: the first cue's subject (the parser's conjunct would give the content's
        own subject)."""
        if not self._next_act(tok):
            return None
        anc = tok.head
        for _ in range(8):
            if anc.dep_ == "ccomp" and self.lex.verb_entry(anc.head) is not None:
                return speaker_token(anc.head)
            if anc.head.i == anc.i:
                return None
            anc = anc.head
        return None

    def _subtree_span(self, head, after, skip_object: bool = False) -> tuple[int, int] | None:
        """The subtree of `head` from the first token after `after` (the cue), without a leading
        complementiser. Starts no later than the token after the cue (or after its addressee),
        so that a clause the parser split still comes out whole."""
        toks = [t for t in head.subtree if t.i > after.i]
        if not toks:
            return None
        first, last = toks[0], self._before_aside(head, toks[-1])
        nxt = after.i + 1
        if skip_object:
            for child in after.rights:
                if (child.dep_ in ("dobj", "dative", "npadvmod") and child.i < head.i
                        and child.right_edge.i - child.left_edge.i < 4
                        and not any(t.text[:1] in ALL_MARKS or t.text[-1:] in ALL_MARKS
                                    for t in child.subtree)):
                    end = child.right_edge.i + 1
                    # the addressee of "told reporters that …", if the parse is sane
                    if end == first.i or (end < len(self.doc) and self.doc[end].lower_ in MARKS):
                        nxt = max(nxt, end)
        if nxt < first.i and all(not self.doc[i].is_sent_start for i in range(nxt + 1, first.i + 1)):
            gap = self.doc[nxt:first.i]
            if not any(t.text in CLAUSE_BREAK and t.text not in ",:" for t in gap):
                first = self.doc[nxt]
        # "wrote on X that …": the content starts after its complementiser
        mark = next((c for c in head.children if c.dep_ == "mark" and c.lower_ in MARKS
                     and first.i <= c.i < last.i), None)
        if mark is not None:
            first = self.doc[mark.i + 1]
        while first.i < last.i and (first.lower_ in MARKS and first.dep_ == "mark" or first.is_punct):
            first = self.doc[first.i + 1]
        return self._span(first, last)

    def _before_aside(self, head, last):
        """A noun content stops before a relative clause set off by a comma or dash at its end:
        "questioned the wisdom of backing Scott, who has never faced a race" -> "the wisdom of
        backing Scott" (the writer's aside about the object, not what was said); a clause
        content keeps it ("said the plan, which …, would fail")."""
        if head.pos_ not in ("NOUN", "PROPN", "PRON"):
            return last
        for t in head.subtree:
            if t.dep_ == "relcl" and t.right_edge.i >= last.i and t.left_edge.i - 2 > head.left_edge.i:
                sep = self.doc[t.left_edge.i - 1]
                # an aside opens with a wh-word; ", that …" is a content clause the parser
                # misread ("reported, citing two staff, that ballots were misplaced")
                if sep.text in (",", "—", "–", "--") and t.left_edge.lower_ in ASIDE_OPENERS:
                    return self.doc[sep.i - 1]
        return last

    def _linear(self, start_tok) -> tuple[int, int] | None:
        """From `start_tok` to the next clause break in its sentence (parser gave no structure)."""
        sent = start_tok.sent
        last = start_tok
        for tok in self.doc[start_tok.i: sent.end]:
            if tok.text in CLAUSE_BREAK and tok.i > start_tok.i:
                break
            last = tok
        return self._span(start_tok, last)

    # --- verb content patterns: tried in order (VERB_PATTERNS); each returns a span, None to
    # let the next one try, or STOP when the cue has no content.

    def _verb_content(self, tok, entry: CueEntry) -> tuple[int, int] | None:
        """The content a verb cue governs: the first pattern of `VERB_PATTERNS` that decides."""
        children = list(tok.rights)
        for name in VERB_PATTERNS:
            span = getattr(self, name)(tok, entry, children)
            if span is STOP:
                return None
            if span is not None:
                return span
        return None

    def _label(self, tok, entry, children):
        """"called the allegations “perverse lies”", "described it as …": object and complement."""
        if not any(f in ("label", "label_as") for f in entry.frames):
            return None
        parts = [c for c in children if c.dep_ in ("dobj", "oprd", "ccomp", "xcomp", "attr")
                 or (c.dep_ == "prep" and c.lower_ == "as")]
        for part in list(parts):
            # "called the allegations “perverse lies”" parsed as an apposition
            if part.dep_ == "dobj":
                parts += [c for c in part.rights if c.dep_ in ("appos", "oprd")
                          or (c.dep_ == "prep" and c.lower_ == "as")]
        parts.sort(key=lambda c: c.i)
        if len(parts) >= 2 or any(c.dep_ in ("ccomp", "oprd") for c in parts):
            return self._span(parts[0].left_edge, parts[-1].right_edge)
        if len(parts) == 1 and parts[0].dep_ == "dobj":
            # "blasted the media for being “dishonest”": the target and the reason
            why = next((c for c in children + list(parts[0].rights)
                        if c.dep_ == "prep" and c.lower_ == "for" and c.i > parts[0].i), None)
            if why is not None and any(g.dep_ in ("pobj", "pcomp") for g in why.children):
                return self._span(parts[0].left_edge, why.right_edge)
        return STOP

    def _colon(self, tok, entry, children):
        """"The governor added: It is typical …" runs to the end of its paragraph."""
        colon = tok.i + 1
        if ("that" in entry.frames and colon + 1 < len(self.doc) and self.doc[colon].text == ":"
                and self.doc[colon + 1].text[:1] not in ALL_MARKS):
            line_end = self.text.find("\n", self.doc[colon].idx)
            line_end = len(self.text) if line_end < 0 else line_end
            last = self.parsed.token_at(max(self.doc[colon + 1].idx, line_end - 1))
            if last is not None and last.i > colon:
                return self._span(self.doc[colon + 1], last, clause=False)
        return None

    def _clause_before(self, tok, entry, children):
        """"The economy is strong, the minister said." (not "It is unlikely; X says …")."""
        right_clause = any(c.dep_ == "ccomp" for c in children)
        for child in tok.lefts:
            if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX") and not right_clause and not any(
                    t.text == ";" for t in self.doc[child.right_edge.i + 1:tok.i]):
                return self._span(child.left_edge, child.right_edge)
        return None

    def _host_clause(self, tok, entry, children):
        """"Acts of protest, Mr. Obama said, are acts of patriotism", "Lenox was a juggernaut,
        Mr. Clarke said, until it went bankrupt": the host clause the cue interrupts (all of
        it, the cue too); "The plan is dead, she said." (a cue the parser hung on the clause
        before it as parataxis): the host clause up to the cue."""
        head = tok.head
        if (tok.dep_ != "parataxis" or head.pos_ not in ("VERB", "AUX")
                or any(c.dep_ == "ccomp" for c in children)):
            return None
        if head.i > tok.left_edge.i - 1:
            return self._span(head.left_edge, head.right_edge)
        lo, hi = tok.left_edge.i, tok.right_edge.i  # the cue with its subject and commas
        while lo < tok.i and self.doc[lo].is_punct:
            lo += 1
        if head.left_edge.i < lo - 1 and self.doc[lo - 1].text == ",":
            if any(not t.is_punct for t in self.doc[hi + 1:head.right_edge.i + 1]):
                return self._span(head.left_edge, head.right_edge)
            return self._span(head.left_edge, self.doc[lo - 1])
        return None

    def _content_clause(self, tok, entry, children):
        """"officials say the vessels had departed …", "made clear that …"."""
        particle = entry.particle
        for child in children:
            if child.dep_ != "ccomp" or child.lower_ == particle:
                continue
            if child.pos_ not in ("VERB", "AUX") and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
                return STOP  # a nominal small clause: "proclaimed himself president"
            start_after = tok
            if particle:  # "made clear that …", "pointed out that …"
                start_after = next((c for c in children if c.lower_ == particle), tok)
            span = self._subtree_span(child, start_after, skip_object=True)
            return STOP if span is None else span
        return None

    def _addressee_and_act(self, tok, entry, children):
        """"urged Congress to act", "called on Trump to apologise": the addressee and the act."""
        if entry.type != "speech":
            return None
        particle = entry.particle
        to_clause = next((c for c in children if c.dep_ == "xcomp"
                          and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.lefts)), None)
        addressee = None
        for c in children:
            if c.dep_ in ("dobj", "dative"):
                addressee = c
                break
            if particle and c.lower_ == particle:
                addressee = next((p for p in c.children if p.dep_ == "pobj"), None)
                break
        if (to_clause is not None and addressee is not None
                and addressee.right_edge.i + 1 == to_clause.left_edge.i):
            return self._span(addressee.left_edge, to_clause.right_edge)
        return None

    def _adverbial_clause(self, tok, entry, children):
        """"said after the convention he would not accept …": a clause read as an adverbial."""
        if "that" not in entry.frames:
            return None
        for child in children:
            if (child.dep_ == "advcl" and child.pos_ in ("VERB", "AUX")
                    and not any(c.dep_ == "mark" for c in child.children)
                    and not any(t.text in CLAUSE_BREAK for t in self.doc[tok.i + 1:child.i])):
                subj = next((c for c in child.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None and subj.left_edge.i > tok.i:
                    return self._span(subj.left_edge, child.right_edge)
        return None

    def _particle_object(self, tok, entry, children):
        """"called for new elections"."""
        particle = entry.particle
        if particle and "obj" in entry.frames:
            for child in children:
                if child.lower_ == particle:
                    obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                    if obj is not None:
                        return self._subtree_span(obj, child)
        return None

    def _infinitive(self, tok, entry, children):
        """"vowed to …"."""
        if "to" in entry.frames:
            for child in children:
                if child.dep_ == "xcomp" and any(c.lower_ == "to" for c in child.lefts):
                    return self._subtree_span(child, tok)
        return None

    def _of_phrase(self, tok, entry, children):
        """"accused him of years of bullying", "complained of wait times", "warned of delays":
        the "of"/"about" phrase after the cue (and its addressee)."""
        if "of" not in entry.frames:
            return None
        # "accused the rebels of …": the parser may hang the phrase on the addressee
        near = children + [c for o in children if o.dep_ == "dobj" for c in o.rights]
        for child in near:
            if child.dep_ == "prep" and child.lower_ in ("of", "about"):
                obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    return self._subtree_span(obj, child)
        return None

    def _object(self, tok, entry, children):
        """"indicated the possibility of …"; "denied doing anything wrong" (a gerund)."""
        if "obj" in entry.frames:
            for child in children:
                if child.dep_ == "dobj":
                    span = self._subtree_span(child, tok)
                    tail = self._object_tail(tok, child)
                    if span is not None and tail is not None:
                        end = self._span(child.left_edge, tail)
                        span = (span[0], end[1]) if end else span
                    return span
            for child in children:
                if child.dep_ in ("xcomp", "ccomp") and child.tag_ == "VBG" and child.i == tok.i + 1:
                    return self._subtree_span(child, tok)
        return None

    def _object_tail(self, tok, obj):
        """The object's own modifiers that the parser hung on the cue right after it: "cited
        the election as a reason to …", "revealed a gulf in the way the candidates …". A
        prepositional phrase directly after the object, not a time or a channel ("on Monday",
        "in a statement", "at a rally"); returns its last token or None."""
        last = None
        edge = obj.right_edge.i
        for c in tok.rights:
            if c.i <= obj.i:
                continue
            if c.i != edge + 1 or c.dep_ != "prep" or c.lower_ not in OBJECT_PREPS:
                break
            pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is None or pobj.ent_type_ in ("DATE", "TIME") or pobj.lemma_.lower() in CHANNELS:
                break
            last = c.right_edge
            edge = last.i
        return last

    def _hung_on_content(self, tok, entry, children):
        """"officials say departed from …": the parser hung the cue on the content's verb."""
        if tok.dep_ in ("aux", "auxpass") and tok.head.i > tok.i and tok.head.pos_ == "VERB":
            return self._linear(self.doc[tok.i + 1])
        return None

    def _that_on_noun(self, tok, entry, children):
        """"told the AP in an interview that …": the clause hung on the noun before it."""
        if "that" in entry.frames or "obj_that" in entry.frames:
            for t in self.doc[tok.i + 1: min(tok.sent.end, tok.i + 10)]:
                if t.text in CLAUSE_BREAK or t.text in ALL_MARKS:
                    break
                # "that" as the clause's mark, or read as a relative adverb ("reported at the
                # time that the editor conveyed …")
                if t.lower_ == "that" and t.dep_ in ("mark", "advmod") and t.head.i > t.i and t.head.dep_ in (
                        "acl", "relcl", "ccomp") and t.head.head.i > tok.i and tok.i in {
                        a.i for a in t.head.head.ancestors}:
                    return self._subtree_span(t.head, t)
        return None

    def _lost_that(self, tok, entry, children):
        """"said that …" where the parser lost the clause."""
        nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
        if nxt is not None and nxt.lower_ == "that" and nxt.i + 1 < tok.sent.end:
            return self._linear(self.doc[nxt.i + 1])
        return None

    def _noun_content(self, tok) -> tuple[int, int] | None:
        for child in tok.rights:
            if child.dep_ in ("acl", "ccomp", "relcl", "appos") and any(
                c.dep_ == "mark" and c.lower_ in ("that", "whether") for c in child.children
            ):
                return self._subtree_span(child, tok)
        return None

    def _noun_speaker(self, tok, entry: CueEntry):
        for child in tok.children:
            if child.dep_ == "poss":
                return child
        for child in tok.lefts:
            # "Trump charges that …" read as a compound noun
            if child.dep_ == "compound" and child.ent_type_ in ("PERSON", "ORG"):
                return child
        for child in tok.rights:
            if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        if tok.dep_ in ("dobj",) and tok.head.pos_ == "VERB":
            subj = speaker_token(tok.head)
            if subj is not None:
                return subj
        if tok.dep_ in ("nsubj", "nsubjpass") or entry.type == "report":
            return tok  # "reports that …": the unnamed source is the noun itself
        return None

    def _not_a_report(self, tok) -> bool:
        """Negated cues ("did not cite any evidence") and bare participles modifying a noun
        ("lies intended to justify …") report nothing."""
        if any(c.dep_ == "neg" for c in tok.children):
            return True
        return tok.tag_ == "VBN" and tok.dep_ in ("acl", "advcl", "amod") and not any(
            c.dep_ in ("aux", "auxpass") for c in tok.children)

    def _mistagged_subject(self, tok):
        """"reports state that …" tagged as verb + noun: the first word is the (unnamed) source,
        the second the cue. Returns (content span, speaker span, cue) or None."""
        i = tok.i
        if i + 2 >= len(self.doc):
            return None
        cue_tok, mark = self.doc[i + 1], self.doc[i + 2]
        if mark.lower_ != "that" or cue_tok.lower_ not in self.lex.verb_forms or self._in_quote(tok):
            return None
        plural_cue = tok.lower_.endswith("s") and (
            tok.lower_ in self.lex.nouns or tok.lemma_.lower() in self.lex.nouns)
        # "Trump charges that …" with the cue read as a noun
        name = tok.text[:1].isupper() and cue_tok.pos_ not in ("VERB", "AUX") and tok.pos_ != "DET"
        if not (plural_cue or name):
            return None
        prev = self.doc[i - 1] if i > tok.sent.start else None
        if prev is not None and prev.pos_ in ("NOUN", "PROPN", "PRON", "AUX", "VERB"):
            return None
        if cue_tok.lower_ not in self.lex.verb_forms:
            return None
        span = self._linear(self.doc[i + 3]) if i + 3 < tok.sent.end else None
        if not self._keep(span):
            return None
        start = tok.idx
        left = tok.i - 1
        while left >= tok.sent.start and self.doc[left].pos_ in ("DET", "ADJ", "PROPN", "NUM"):
            start = self.doc[left].idx
            left -= 1
        return span, (start, tok.idx + len(tok.text)), Cue(
            text=cue_tok.text, span=(cue_tok.idx, cue_tok.idx + len(cue_tok.text)))

    def _cue(self, tok, entry: CueEntry, span: tuple[int, int]) -> Cue:
        """The cue of a content: "reported, citing two sources, that …" is the report's, not
        the participle's the parser hung the clause on."""
        head = tok.head
        if (tok.dep_ == "advcl" and tok.tag_ == "VBG" and head.i < tok.i
                and any(t.text == "," for t in self.doc[tok.i + 1:tok.sent.end]
                        if t.idx < span[0])):
            head_entry = self.lex.verb_entry(head)
            if head_entry is not None and not any(c.dep_ == "ccomp" for c in head.children):
                return cue_of(head, head_entry)
        return cue_of(tok, entry)

    # --- main ------------------------------------------------------------------------------

    def _mostly_direct(self, span: tuple[int, int]) -> bool:
        s, e = span
        # only spans starting before e + 1 and ending after s - 1 overlap: walk back from the
        # last start ≤ e while some earlier span may still reach s (linear in the overlaps,
        # not in the article's quotes)
        covered = 0
        j = bisect_right(self._direct_starts, e) - 1
        while j >= 0 and self._direct_max_end[j] + 1 > s:
            qs, qe = self.direct_spans[j]
            covered += max(0, min(e, qe + 1) - max(s, qs - 1))
            j -= 1
        return covered >= 0.5 * (e - s)

    def _keep(self, span: tuple[int, int] | None) -> bool:
        if span is None:
            return False
        words = sum(1 for w in self.text[span[0]:span[1]].split() if any(c.isalnum() for c in w))
        return words >= self.min_words and not self._mostly_direct(span)

    def _item(self, span, speaker_span, cue: Cue) -> ReportedSpeech | None:
        speaker: AgentRef | None = self.resolve(speaker_span) if speaker_span else None
        if speaker is None and self.require_speaker:
            return None
        return ReportedSpeech(text=self.text[span[0]:span[1]], span=span, speaker=speaker, cue=cue)

    def run(self) -> list[ReportedSpeech]:
        out: list[ReportedSpeech] = []
        seen: set[tuple[int, int]] = set()
        for tok in self.doc:
            if tok.is_punct or tok.is_space or tok.text in ALL_MARKS:
                continue
            item = None
            entry = self.lex.verb_entry(tok)
            mistagged = self._mistagged_subject(tok)
            if mistagged is not None:
                item = self._item(*mistagged)
                entry = None
            elif entry is not None:
                if self._in_quote(tok) or self._not_a_report(tok):
                    continue
                span = self._verb_content(tok, entry)
                if self._keep(span):
                    subj = self._first_act_speaker(tok) or speaker_token(tok)
                    if subj is not None and subj.i > tok.i and span[0] > tok.idx:
                        # "said" + its own content mis-parsed as the subject; a subject after
                        # the cue is its speaker only when the content came first ("…, said X")
                        subj = None
                    item = self._item(span, mention_span(subj) if subj is not None else None,
                                      self._cue(tok, entry, span))
            elif not (tok.i > 0 and self._mistagged_subject(self.doc[tok.i - 1])):
                noun = self.lex.noun_entry(tok)
                if noun is not None and not self._in_quote(tok):
                    span = self._noun_content(tok)
                    if self._keep(span):
                        who = self._noun_speaker(tok, noun)
                        item = self._item(span, mention_span(who) if who is not None else None,
                                          Cue(text=tok.text, span=(tok.idx, tok.idx + len(tok.text))))
            if item is not None and item.span not in seen:
                seen.add(item.span)
                out.append(item)
        if self.phrase_cues:
            out.extend(i for i in self._phrases() if i.span not in seen)
        out.extend(i for i in self._colon_lines() if i.span not in seen)
        out.sort(key=lambda r: r.span)
        return drop_nested(out, self.nested_types)

    def _colon_lines(self) -> list[ReportedSpeech]:
        """A line that opens with a name and a colon ("Pat Caddell: Voters Are Worried …"): the
        rest of the line is what the named person said."""
        out = []
        for ent in self.doc.ents:
            if ent.label_ != "PERSON":  # "Veto Power Impedes Peace Efforts:" is a headline, no source
                continue
            start = ent.start_char
            if start > 0 and self.text[start - 1] != "\n":
                continue
            rest = self.text[ent.end_char:ent.end_char + 2]
            if not rest.startswith(":"):
                continue
            line_end = self.text.find("\n", ent.end_char)
            line_end = len(self.text) if line_end < 0 else line_end
            first = self.parsed.token_at(ent.end_char + 1)
            last = self.parsed.token_at(max(ent.end_char + 1, line_end - 1))
            if first is None or last is None or first.i > last.i:
                continue
            span = self._span(first, last)
            if span is None or not self._keep(span) or len(self.text[span[0]:span[1]].split()) < 3:
                continue
            colon = ent.end_char
            item = self._item(span, (ent.start_char, ent.end_char), Cue(text=":", span=(colon, colon + 1)))
            if item is not None:
                out.append(item)
        return out

    def _phrases(self) -> list[ReportedSpeech]:
        out = []
        for sent in self.parsed.sents:
            for first, last, entry, head in find_phrase(self.doc, self.lex, sent.start, sent.end):
                if self._in_quote(first):
                    continue
                phrase_toks = {t.i for t in head.subtree} | set(range(first.i, last.i + 1))
                lo, hi = min(phrase_toks), max(phrase_toks)
                # the phrase ends at its comma ("According to the Times, Rubio …": the parser
                # may hang the subject on the source as an apposition)
                comma = next((t.i for t in self.doc[last.i + 1:hi + 1] if t.text in (",", ";", "—")), None)
                left = [t for t in sent if t.i < lo and not t.is_punct]
                opening = not any(t.pos_ not in ("CCONJ", "ADV") for t in left)
                if comma is not None and lo == first.i and opening:
                    hi = comma
                right = [t for t in sent if t.i > hi and not t.is_punct]
                # a phrase after its content ("…, according to an analysis by X, a former
                # aide …") keeps the source's apposition: the content is before it
                side = right if (opening or len(right) >= len(left)) and right else left
                if not side:
                    continue
                span = self._span(side[0], side[-1], clause=side is right)
                if not self._keep(span):
                    continue
                item = self._item(span, source_mention(head), phrase_cue(self.doc, first, last))
                if item is not None:
                    out.append(item)
        return out


def drop_nested(items: list[ReportedSpeech], types: frozenset[str]) -> list[ReportedSpeech]:
    """A content reported inside another content, by a cue that lies inside it too and is of
    one of `types` (cue types of speech_cues.tsv, or "any"), is part of that report, not a
    report of its own: in "The Post reported that the campaign planned to bus in supporters",
    "to bus in supporters" (cue "planned") is inside what the Post reported."""
    if not types:
        return items
    lex = lexicon()
    # An item is inside another when some other item starts at or before both its cue and its
    # span and ends at or after both: by start order, the two largest ends seen so far answer
    # that for every item at once (was a scan of all pairs).
    order = sorted(range(len(items)), key=lambda i: items[i].span[0])
    starts = [items[i].span[0] for i in order]
    best: list[tuple[tuple[int, int], tuple[int, int]]] = []  # ((end, idx), (end, idx)) top two
    top = ((-1, -1), (-1, -1))
    for i in order:
        cand = (items[i].span[1], i)
        top = (cand, top[0]) if cand[0] >= top[0][0] else (top[0], max(top[1], cand))
        best.append(top)
    out = []
    for index, item in enumerate(items):
        cs, ce = item.cue.span if item.cue is not None else (-1, -1)
        lo, hi = min(cs, item.span[0]), max(ce, item.span[1])
        k = bisect_right(starts, lo)
        inside = False
        if cs >= 0 and k:
            first, second = best[k - 1]
            end = second[0] if first[1] == index else first[0]
            inside = end >= hi
        if not inside:
            out.append(item)
            continue
        word = item.cue.text.split()[0].lower()
        entries = lex.verbs.get(lex.verb_forms.get(word, word)) or ()
        kind = entries[0].type if entries else (lex.nouns[word].type if word in lex.nouns else "phrase")
        if "any" in types or kind in types:
            continue
        out.append(item)
    return out


def find_reported_speech(ctx: Context, config: dict[str, Any] | None = None) -> list[ReportedSpeech]:
    """The reported speech of a parsed article (see the module docstring)."""
    return SpeechFinder(ctx, config or {}).run()


@component("speech", assigns=("reported_speech",), requires=("entities", "quotes"),
           default_config={"min_words": 2, "require_speaker": True, "phrase_cues": True,
                           "nested_types": ["any"]})
def make_speech(config: dict[str, Any]):
    def run(ctx: Context) -> None:
        ctx.reported_speech = find_reported_speech(ctx, config)

    return run
