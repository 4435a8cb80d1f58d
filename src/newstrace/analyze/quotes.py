"""quotes component: every quoted stretch of the article with its kind, speaker and cue.

Spans come from `quote_marks.find_quote_spans` (typography); this module decides the kind and
finds the speaker, trying the layouts news prose uses, in order:

1. a cue governing the quote in the parse ("Miller told reporters that “…”", "“…,” Trump told")
2. a cue after the quote in the same sentence ("“…,” said Caddell")
3. a dash credit ("“…” — Commissioner X")
4. a cue before it in the sentence, often with a colon ("Miller said: “…”")
5. "according to X" (or another phrase cue) in the sentence
6. the sentence before, when it names a speaker or ends with a colon
7. a floating quote (own sentence, no attribution) continues the previous quote's speaker;
8. a partial quote with no cue: the person or organisation its clause's subject names
   ("Benioff introduced Cook as “someone who …”", "Apple views privacy as “a … right”").

Kinds: `term` is a short verbless quote no cue governs ("maximum pressure", a quoted modifier);
`direct` stands as its own sentence or clause; `partial` is built into the writer's sentence.
"""

from __future__ import annotations

import bisect
import itertools
import re
from bisect import bisect_right
from typing import Any

from ..model import AgentRef, Cue, Quote
from .attribution import (
    Attribution,
    ParsedText,
    Resolver,
    cue_of,
    find_phrase,
    mention_span,
    phrase_cue,
    source_mention,
    speaker_token,
    subject_of,
)
from .context import Context
from .cues import Lexicon, lexicon
from .quote_marks import ALL_MARKS, QuoteSpan, find_quote_spans
from .registry import component

SENTENCE_END = ".!?"
DASHES = "—–―-"
DASH_CREDIT = re.compile(r"[ \t]*(?:[—–―]|--?)[ \t]*(?P<who>[^\n.!?;]{2,80})")
GOVERNING_DEPS = {"ccomp", "xcomp", "advcl", "conj", "parataxis", "dobj", "oprd", "attr", "acomp",
                  "pobj", "prep", "acl", "relcl", "dep", "appos", "npadvmod", "nsubj", "nsubjpass"}
LABEL_DEPS = {"dobj", "oprd", "attr", "xcomp", "ccomp", "pobj", "prep", "acomp", "appos", "dep"}
MODIFIER_DEPS = {"compound", "amod", "nmod"}
WORD = re.compile(r"\w+(?:['’]\w+)?")
TRANSCRIPT_LABEL = re.compile(r"((?:[A-Z][A-Z.'’-]+|[A-Z][a-z]+)(?: [A-Z][A-Za-z.'’-]+){0,2}):[ \t]+(?=\S)")


class QuoteFinder:
    """Finds and attributes the quotes of one parsed article."""

    def __init__(self, ctx: Context, config: dict[str, Any]) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.parsed = ParsedText.of(ctx.doc, ctx.text)
        self.lex: Lexicon = lexicon()
        self.resolve = Resolver(self.text, ctx.resolver, ctx.doc)
        self.max_term_words = int(config.get("max_term_words", 4))
        self.float_paragraphs = int(config.get("float_paragraphs", 1))
        self._para_starts: list[int] | None = None

    # --- context helpers -------------------------------------------------------------------

    def _prev_char(self, offset: int) -> str:
        """The nearest non-space character before `offset` on the same line ('' at line start)."""
        i = offset - 1
        while i >= 0 and self.text[i] in " \t":
            i -= 1
        return "" if i < 0 or self.text[i] == "\n" else self.text[i]

    def _next_char(self, offset: int) -> str:
        i = offset
        while i < len(self.text) and self.text[i] in " \t":
            i += 1
        return "" if i >= len(self.text) or self.text[i] == "\n" else self.text[i]

    def _after_close(self, q: QuoteSpan) -> int:
        return q.close_mark + 1 if q.close_mark is not None else q.end

    def _paragraph_of(self, offset: int) -> int:
        """The index of the paragraph holding `offset` (blank lines between paragraphs, as raw
        texts have them, do not count as paragraphs)."""
        if self._para_starts is None:
            self._para_starts = [m.start() for m in re.finditer(r"(?:^|\n)[ \t]*[^\s]", self.text)]
        return bisect_right(self._para_starts, offset)

    def _outside(self, tok, q: QuoteSpan) -> bool:
        return tok.idx + len(tok.text) <= q.open_mark or tok.idx >= self._after_close(q)

    # --- kinds -----------------------------------------------------------------------------

    def _has_verb(self, inside: list) -> bool:
        return any(t.pos_ in ("VERB", "AUX") and t.dep_ not in MODIFIER_DEPS for t in inside)

    def _roots(self, inside: list) -> list:
        ids = {t.i for t in inside}
        return [t for t in inside if t.head.i not in ids or t.head.i == t.i]

    def _starts_standalone(self, q: QuoteSpan) -> bool:
        prev = self._prev_char(q.open_mark)
        if prev == "" or prev in SENTENCE_END + ":" + DASHES + ALL_MARKS + "(":
            return True
        if prev == ",":
            # “X said, “…”: a comma straight after a cue
            before = self.parsed.tokens_in(max(0, q.open_mark - 40), q.open_mark)
            words = [t for t in before if not t.is_punct]
            return bool(words) and (self.lex.verb_entry(words[-1]) is not None
                                    or words[-1].dep_ in ("nsubj",) or words[-1].pos_ == "PROPN")
        return False

    def _ends_standalone(self, q: QuoteSpan) -> bool:
        inner = self.text[q.start:q.end].rstrip(ALL_MARKS + " ")  # "… songs?’" ends a nested quote
        inner_last = inner[-1] if inner else ""
        if inner_last in ",.!?:;…-—":
            return True
        nxt = self._next_char(self._after_close(q))
        return nxt == "" or nxt in ",.!?;:" + DASHES + ALL_MARKS

    def _is_modifier(self, q: QuoteSpan) -> bool:
        """“maximum pressure” campaign: the quote modifies the noun after it."""
        if self.text[q.end - 1] in ",.!?;:":
            return False
        after = self._after_close(q)
        nxt = self._next_char(after)
        if not nxt or not nxt.isalpha() or not nxt.islower():
            return False
        tok = self.parsed.token_at(self.text.index(nxt, after))
        return tok is not None and tok.pos_ in ("NOUN", "PROPN") and tok.idx >= after - 1

    # --- attribution layouts ---------------------------------------------------------------

    def _attribution(self, tok, entry, q: QuoteSpan | None = None) -> Attribution:
        subj = speaker_token(tok)
        if subj is not None and self._in_any_quote(subj.idx) and (q is None or self._outside(subj, q)):
            # the subject the parser found is a word of another quote: “A,” the aide said.
            # “B.” — for B, the speaker is named between A and the cue
            pick = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")
                         and not self._in_any_quote(c.idx)), None) \
                or self._named_between(self._quote_end_before(tok.idx), tok)
            if pick is not None:
                return Attribution(cue=cue_of(tok, entry), entry=entry, speaker_span=mention_span(pick))
        if subj is not None and q is not None and not self._outside(subj, q):
            # the parser took words of the quote for the subject ("…The end,’” Harper said)
            subj = None
            prev = tok.doc[tok.i - 1] if tok.i > 0 else None
            if prev is not None and prev.pos_ in ("PROPN", "PRON") and self._outside(prev, q) \
                    and prev.ent_type_ not in ("DATE", "TIME"):
                subj = prev
            if subj is None:
                subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                             and c.pos_ in ("PROPN", "PRON", "NOUN") and self._outside(c, q)
                             and c.ent_type_ not in ("DATE", "TIME")), None)
        return Attribution(cue=cue_of(tok, entry), entry=entry,
                           speaker_span=mention_span(subj) if subj is not None else None)

    def _attribution_after(self, q: QuoteSpan, tok, entry) -> Attribution:
        """“…,” Flynn, a top surrogate, said / “…,” the ad’s narrator says: the words between
        the quote and its cue name the speaker, whatever the parser made of them."""
        pick = self._named_between(self._after_close(q), tok)
        if pick is not None:
            return Attribution(cue=cue_of(tok, entry), entry=entry, speaker_span=mention_span(pick))
        return self._attribution(tok, entry, q)

    def _named_between(self, start: int, tok):
        """The speaker named by the words from offset `start` (a quote's end) to the cue `tok`:
        a person or organisation, else the first noun or pronoun heading its phrase."""
        between = [t for t in self.parsed.tokens_in(start, tok.idx) if not t.is_punct and t.i < tok.i]
        if not between:
            return None
        ids = {t.i for t in between}
        pick = next((t for t in between if t.ent_type_ in ("PERSON", "ORG") and t.ent_iob_ != "O"), None)
        if pick is None:
            heads = [t for t in between if t.head.i not in ids and t.pos_ in ("PROPN", "NOUN", "PRON")]
            pick = heads[0] if heads else None
        return pick

    def _quote_end_before(self, offset: int) -> int:
        """The end (after its closing mark) of the last quote that closes before `offset`."""
        ends = [self._after_close(s) for s in self._spans if (s.close_mark or s.end) < offset]
        return max(ends) if ends else offset

    def _governing_cue(self, q: QuoteSpan, roots: list, label_only: bool = False):
        """A cue verb the quote sits under in the parse, with the dependency path to it."""
        for root in roots:
            tok, path = root, []
            for _ in range(6):
                if tok.head.i == tok.i:
                    break
                path.append(tok.dep_)
                tok = tok.head
                if not self._outside(tok, q):
                    continue
                if self._in_any_quote(tok.idx):
                    continue  # words of another quote are no cue for this one
                entry = self.lex.verb_entry(tok)
                if entry is not None:
                    if label_only and entry.type != "label" and not self._in_clause(root, tok):
                        break
                    return tok, entry, path
                if tok.dep_ not in GOVERNING_DEPS:
                    break
        return None

    @staticmethod
    def _in_clause(root, cue) -> bool:
        """Whether `root` sits inside a verbal clause the cue governs ("said the policy was
        “a disaster”"), not in a bare nominal complement ("proclaimed himself “president”")."""
        tok = root
        # spaCy makes a new Token object on every access: compare indices, never identity.
        while tok.head.i != tok.i and tok.head.i != cue.i:
            tok = tok.head
        return tok.head.i == cue.i and tok.dep_ in ("ccomp", "xcomp", "advcl") and tok.pos_ in ("VERB", "AUX")

    def _cue_after(self, q: QuoteSpan, near: bool = False):
        """A cue right after the quote ("…,” said X", "…” he said"); with `near`, only within
        the first three words (a partial quote's own sentence goes on after it)."""
        after = self._after_close(q)
        line_end = self.text.find("\n", after)
        line_end = len(self.text) if line_end < 0 else line_end
        tokens = self.parsed.tokens_in(after, min(line_end, after + 120))
        for tok in tokens[:3 if near else 12]:
            if tok.text in ALL_MARKS or (tok.is_sent_start and tok.idx > after + 1):
                break
            entry = self.lex.verb_entry(tok)
            if entry is not None:
                # a cue with a content clause of its own to the right starts a new report
                # ("…” The White House said it would …")
                if any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children):
                    return None
                return tok, entry
        return None

    def _cue_before(self, q: QuoteSpan):
        sent = self.parsed.sents[self.parsed.sent_index(q.open_mark)]
        line_start = self.text.rfind("\n", 0, q.open_mark) + 1
        lo = max(sent.start_char, line_start)
        tokens = [t for t in self.parsed.tokens_in(lo, q.open_mark) if self._outside(t, q)]
        for tok in reversed(tokens):
            if tok.text in ALL_MARKS:
                break
            entry = self.lex.verb_entry(tok)
            if entry is not None:
                return tok, entry
        return None

    def _dash_credit(self, q: QuoteSpan) -> Attribution | None:
        after = self._after_close(q)
        m = DASH_CREDIT.match(self.text, after)
        if not m or q.close_mark is None:
            return None
        start, end = m.span("who")
        while end > start and self.text[end - 1] in " ,":
            end -= 1
        dash_start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip(" \t")))
        dash_end = dash_start
        while dash_end < len(self.text) and self.text[dash_end] in DASHES:
            dash_end += 1
        who = self.parsed.tokens_in(start, end)
        if not who or not who[0].text[:1].isupper():
            return None
        heads = [t for t in who if t.ent_type_ in ("PERSON", "ORG")]
        span = mention_span(heads[-1]) if heads else (start, end)
        return Attribution(cue=Cue(text=self.text[dash_start:dash_end], span=(dash_start, dash_end)),
                           speaker_span=span)

    def _according_to(self, q: QuoteSpan) -> Attribution | None:
        first = self.parsed.sent_index(q.open_mark)
        last = self.parsed.sent_index(max(q.open_mark, q.end - 1))
        lo, hi = self.parsed.sents[first].start, self.parsed.sents[last].end
        doc = self.parsed.doc
        for a, b, entry, head in find_phrase(doc, self.lex, lo, hi):
            if not self._outside(a, q):
                continue
            return Attribution(cue=phrase_cue(doc, a, b), entry=entry, speaker_span=source_mention(head))
        return None

    def _previous_sentence(self, q: QuoteSpan) -> Attribution | None:
        idx = self.parsed.sent_index(q.open_mark)
        if idx == 0:
            return None
        sent = self.parsed.sents[idx - 1]
        if sent.end_char > q.open_mark:
            return None
        cues = [(t, self.lex.verb_entry(t)) for t in sent]
        cues = [(t, e) for t, e in cues if e is not None and not self._in_any_quote(t.idx)]
        if cues:
            tok, entry = cues[-1]
            att = self._attribution(tok, entry)
            if att.speaker_span is not None:
                return att
        ends_colon = sent.text.rstrip().endswith(":")
        root = sent.root
        subj = speaker_token(root)
        if subj is None:
            return None
        if ends_colon or subj.ent_type_ in ("PERSON", "ORG") or subj.lower_ in ("he", "she"):
            if self._in_any_quote(subj.idx):
                return None
            return Attribution(cue=None, speaker_span=mention_span(subj))
        return None

    def _transcript_label(self, q: QuoteSpan) -> Attribution | None:
        """A quoted transcript paragraph opening with its speaker's label ("“WALLACE: Let's
        start …", "“Pence: Well, look …"): the label is the speaker, the colon the cue."""
        m = TRANSCRIPT_LABEL.match(self.text, q.start)
        if m is None:
            return None
        colon = m.end(1)
        return Attribution(cue=Cue(text=":", span=(colon, colon + 1)), speaker_span=m.span(1))

    def _in_any_quote(self, offset: int) -> bool:
        # spans are in text order: among those opened at or before `offset`, does the one that
        # reaches furthest reach it? (prefix maxima of the ends, one bisection per look-up)
        i = bisect.bisect_right(self._span_opens, offset)
        return i > 0 and self._reach[i - 1] >= offset

    # --- main ------------------------------------------------------------------------------

    def run(self) -> list[Quote]:
        self._spans = find_quote_spans(self.text)
        ordered = sorted(self._spans, key=lambda s: s.open_mark)
        self._span_opens = [s.open_mark for s in ordered]
        self._reach = list(itertools.accumulate((s.close_mark or s.end for s in ordered), max))
        quotes: list[Quote] = []
        last: tuple[Quote, int] | None = None  # last attributed quote and its paragraph
        for q in self._spans:
            quote = self._quote(q, last)
            if quote.speaker is None and q.continues and quotes and quotes[-1].speaker is not None:
                # a paragraph re-opening a quotation left open goes on with its speaker
                prev = quotes[-1]
                quote = quote.model_copy(update={"speaker": prev.speaker, "cue": prev.cue,
                                                 "kind": "direct" if quote.kind in ("partial", "term") else quote.kind})
            quotes.append(quote)
            if quote.speaker is not None:
                last = (quote, self._paragraph_of(self._after_close(q)))
        return self._share_speaker_in_chains(quotes)

    def _share_speaker_in_chains(self, quotes: list[Quote]) -> list[Quote]:
        """A quotation over several paragraphs (each re-opening the mark) attributed only at its
        end ("“… / “… / “…,” the minister said"): every paragraph gets that speaker."""
        chain: list[int] = []
        for k, q in enumerate(self._spans + [None]):
            if q is not None and q.continues and chain:
                chain.append(k)
                continue
            if len(chain) > 1:
                who = next((quotes[i] for i in chain if quotes[i].speaker is not None), None)
                if who is not None:
                    for i in chain:
                        if quotes[i].speaker is None:
                            quotes[i] = quotes[i].model_copy(update={
                                "speaker": who.speaker, "cue": who.cue,
                                "kind": "direct" if quotes[i].kind == "partial" else quotes[i].kind})
            chain = [k]
        return quotes

    def _quote(self, q: QuoteSpan, last: tuple[Quote, int] | None) -> Quote:
        text = self.text[q.start:q.end]
        inside = self.parsed.tokens_in(q.start, q.end)
        roots = self._roots(inside)
        n_words = len(WORD.findall(text))
        has_verb = self._has_verb(inside)
        standalone = self._starts_standalone(q)
        direct_like = (standalone and self._ends_standalone(q)
                       and (has_verb or n_words > self.max_term_words)
                       and (text[:1].isupper() or text[:1].isdigit() or text[-1:] in ",.!?"))

        def make(kind: str, att: Attribution | None) -> Quote:
            speaker: AgentRef | None = None
            cue: Cue | None = None
            if att is not None:
                cue = att.cue
                speaker = self.resolve(att.speaker_span)
            return Quote(kind=kind, text=text, span=(q.start, q.end), speaker=speaker, cue=cue)

        short = n_words <= self.max_term_words and not has_verb
        if short and not direct_like:
            if self._is_modifier(q):
                return make("term", None)
            gov = self._governing_cue(q, roots, label_only=True)
            if gov is not None:
                cue_tok, entry = gov[0], gov[1]
                if entry.type == "label" and cue_tok.tag_ == "VBN" and not any(
                        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in cue_tok.children):
                    return make("term", None)  # a name: "a song called “Glasgow”"
                return make("partial", self._attribution(cue_tok, entry, q))
            acc = self._according_to(q)
            if acc is not None:
                return make("partial", acc)
            return make("term", None)

        kind = "direct" if direct_like else "partial"
        att = self._find_attribution(q, roots, direct_like)
        if kind == "partial" and (att is None or att.speaker_span is None):
            att = self._clause_subject(q, roots) or att
        if att is None and direct_like and last is not None:
            prev_quote, para = last
            if self._paragraph_of(q.open_mark) - para <= self.float_paragraphs:
                return Quote(kind=kind, text=text, span=(q.start, q.end),
                             speaker=prev_quote.speaker, cue=prev_quote.cue)
        return make(kind, att)

    def _clause_subject(self, q: QuoteSpan, roots: list) -> Attribution | None:
        """A partial quote no cue attributes belongs to the subject of the clause it is built
        into, when that subject names a person or organisation, or is "he"/"she": "Cook
        remembered Jobs rehearsing and “going way off script”" → Cook. The subject of the
        nearest verb above the quote only; a common noun ("The merger will create a
        “stronger” company") attributes nothing."""
        for root in roots:
            tok = root
            for _ in range(6):
                if tok.head.i == tok.i:
                    break
                tok = tok.head
                if not self._outside(tok, q) or tok.pos_ not in ("VERB", "AUX"):
                    continue
                subj = subject_of(tok)
                if subj is None or not self._outside(subj, q):
                    return None
                if (subj.ent_type_ in ("PERSON", "ORG") and subj.pos_ == "PROPN") \
                        or subj.lower_ in ("he", "she"):
                    return Attribution(cue=None, speaker_span=mention_span(subj))
                return None
        return None

    def _find_attribution(self, q: QuoteSpan, roots: list, direct: bool) -> Attribution | None:
        found: Attribution | None = None
        gov = self._governing_cue(q, roots)
        if gov is not None:
            found = self._attribution(gov[0], gov[1], q)
            if found.speaker_span is not None:
                return found
        after = self._cue_after(q, near=not direct)
        if after is not None:
            att = self._attribution_after(q, *after)
            if att.speaker_span is not None:
                return att
            found = found or att
        if direct:
            dash = self._dash_credit(q)
            if dash is not None:
                return dash
        before = self._cue_before(q)
        if before is not None:
            att = self._attribution(*before, q)
            if att.speaker_span is not None:
                return att
            found = found or att
        acc = self._according_to(q)
        if acc is not None:
            return acc
        if direct:
            label = self._transcript_label(q)
            if label is not None:
                return label
            prev = self._previous_sentence(q)
            if prev is not None:
                return prev
        return found if found is not None and found.speaker_span is not None else None


def find_quotes(ctx: Context, config: dict[str, Any] | None = None) -> list[Quote]:
    """The quotes of a parsed article (see the module docstring)."""
    return QuoteFinder(ctx, config or {}).run()


@component("quotes", assigns=("quotes",), requires=("entities",),
           default_config={"max_term_words": 4, "float_paragraphs": 1})
def make_quotes(config: dict[str, Any]):
    def run(ctx: Context) -> None:
        ctx.quotes = find_quotes(ctx, config)

    return run
