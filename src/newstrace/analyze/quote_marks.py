"""Finding quoted spans in raw news typography.

`find_quote_spans(text)` returns the top-level quoted stretches of a text as `[start, end)`
offsets of what is *inside* the marks. It copes with what real articles print:

- curly (“ ” ‘ ’ „ « ») and straight (" ') marks, mixed in one article, and two apostrophes
  standing for a double mark (''…'', as some wire copy prints it);
- marks glued to the neighbouring word (`reporters Tuesday.“We are …`, `use“every`);
- nested quotes of another style (`"… the question: “As you know …” …"`);
- multi-paragraph quotes, where every paragraph re-opens the mark and only the last closes it:
  each paragraph comes back as a span of its own (unclosed ones with `close_mark` None), as the
  annotation guide counts them: a paragraph that is all quotation is a quote continuing its
  speaker;
- an odd number of marks: an unclosed quote ends at the end of its paragraph, a stray closing
  mark is skipped. The scanner never raises on any input.

Single quotes are only taken as quote marks when they cannot be apostrophes (an opening ‘ or '
before a word, after a space or the start; a closing one after a word and before a space,
punctuation or the end).
"""

from __future__ import annotations

from dataclasses import dataclass

DOUBLE_OPEN = "“„‟«"
DOUBLE_CLOSE = "”»"
DOUBLE_STRAIGHT = '"'
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
SINGLE_STRAIGHT = "'"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_STRAIGHT + SINGLE_OPEN + SINGLE_CLOSE + SINGLE_STRAIGHT
OPENING_CONTEXT = "([{—–-/:"  # a straight mark after these opens a quote
MAX_SINGLE_QUOTE_CHARS = 400
PAD = "\x02"  # stands in for the first of two apostrophes used as a double mark


@dataclass(frozen=True)
class QuoteSpan:
    """A quoted stretch: `start`/`end` bound the words inside the marks; `open_mark`/`close_mark`
    are the offsets of the marks themselves (`close_mark` is None when the quote was never
    closed and was cut at the end of its paragraph)."""

    start: int
    end: int
    open_mark: int
    close_mark: int | None
    paragraphs: int = 1
    continues: bool = False  # re-opens a quotation left open at the end of the paragraph before


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """[start, end) of each non-empty line."""
    out, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            out.append((pos, end))
        pos = end + 1
    return out


def _is_opening_straight(text: str, i: int, lo: int, hi: int) -> bool | None:
    """True if the straight mark at i opens, False if it closes, None if context cannot tell."""
    j = i - 1
    while j >= lo and text[j] == PAD:
        j -= 1
    before = text[j] if j >= lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    open_ctx = before.isspace() or before in OPENING_CONTEXT or before in DOUBLE_OPEN + SINGLE_OPEN
    close_ctx = after.isspace() or (not after.isalnum() and after not in "([{")
    if open_ctx and not close_ctx:
        return True
    if close_ctx and not open_ctx:
        return False
    return None


def _scan_double(text: str, lo: int, hi: int) -> tuple[list[tuple[int, int, int | None]], int | None]:
    """Top-level double-quoted stretches of one paragraph, as (open_mark, close_mark) pairs.

    Returns the closed pairs and the offset of an opening mark still open at paragraph end.
    Nesting is tracked with a stack of mark styles: a mark of the other style inside a quote
    opens or closes a nested quote, which is ignored at top level.
    """
    pairs: list[tuple[int, int, int | None]] = []
    stack: list[tuple[str, int]] = []  # (style, offset) with style "curly" or "straight"
    for i in range(lo, hi):
        ch = text[i]
        if ch in DOUBLE_OPEN:
            if stack and stack[-1][0] == "curly":
                # A second curly opener while one is open: a nested quote in the same marks
                # if enough closers follow in the paragraph, else the first was never closed:
                # recover by ending it here.
                rest = text[i:hi]
                nested = sum(rest.count(c) for c in DOUBLE_CLOSE) >= sum(
                    rest.count(c) for c in DOUBLE_OPEN) + len(stack)
                if len(stack) == 1 and not nested:
                    pairs.append((stack[0][1], i, None))
                    stack = [("curly", i)]
                    continue
            stack.append(("curly", i))
        elif ch in DOUBLE_CLOSE:
            if stack and stack[-1][0] == "curly":
                _, start = stack.pop()
                if not stack:
                    pairs.append((start, i, i))
            elif len(stack) == 1 and DOUBLE_STRAIGHT not in text[i + 1:hi]:
                # "… appreciation.”: a curly mark closing a straight opener, none left to close it
                _, start = stack.pop()
                pairs.append((start, i, i))
            elif not stack:
                # A closing mark with nothing open: typeset ” used as an opener (”word …)
                after = text[i + 1] if i + 1 < hi else " "
                before = text[i - 1] if i > lo else " "
                if after.isalnum() and (before.isspace() or i == lo):
                    stack.append(("curly", i))
            # else: stray closer inside a straight quote, ignore
        elif ch == DOUBLE_STRAIGHT:
            role = _is_opening_straight(text, i, lo, hi)
            top_straight = bool(stack) and stack[-1][0] == "straight"
            if role is None:
                role = not top_straight
            if role and top_straight and len(stack) == 1 and _is_opening_straight(text, i, lo, hi) is None:
                role = False
            if role is False and top_straight:
                _, start = stack.pop()
                if not stack:
                    pairs.append((start, i, i))
            elif role is False and not stack:
                continue  # stray closer
            elif role is False and len(stack) == 1 and _closes_curly(text, i, hi):
                # “… law," he said, "has convinced me …”: a straight mark closing a curly opener
                _, start = stack.pop()
                pairs.append((start, i, i))
            elif role is False:
                # closes a straight quote further down the stack (an inner curly was left open)
                idx = max((k for k, (s, _) in enumerate(stack) if s == "straight"), default=None)
                if idx is not None:
                    start = stack[idx][1]
                    del stack[idx:]
                    if not stack:
                        pairs.append((start, i, i))
            else:
                stack.append(("straight", i))
    open_at = stack[0][1] if stack else None
    return pairs, open_at


def _closes_curly(text: str, i: int, hi: int) -> bool:
    """Whether the straight closing mark at i ends the curly quote open before it: the next
    double mark of the paragraph is no curly closer (that one would be the quote's own)."""
    for ch in text[i + 1:hi]:
        if ch in DOUBLE_CLOSE:
            return False
        if ch in DOUBLE_OPEN or ch == DOUBLE_STRAIGHT:
            return True
    return True


def _scan_single(text: str, lo: int, hi: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Single-quoted stretches outside the double-quoted ones, when the marks cannot be
    apostrophes."""
    out: list[tuple[int, int]] = []
    i = lo
    while i < hi:
        ch = text[i]
        if ch in SINGLE_OPEN + SINGLE_STRAIGHT and not any(s <= i <= e for s, e in taken):
            before = text[i - 1] if i > lo else " "
            after = text[i + 1] if i + 1 < hi else " "
            if (before.isspace() or before in OPENING_CONTEXT or before in DOUBLE_OPEN) and after.isalnum():
                closers = SINGLE_CLOSE if ch in SINGLE_OPEN else SINGLE_STRAIGHT
                j = i + 2
                limit = min(hi, i + MAX_SINGLE_QUOTE_CHARS)
                found = None
                while j < limit:
                    c = text[j]
                    if any(s <= j <= e for s, e in taken):
                        break
                    if c in closers:
                        nxt = text[j + 1] if j + 1 < hi else " "
                        prv = text[j - 1]
                        if not nxt.isalnum() and not prv.isspace():
                            found = j
                            break
                    j += 1
                if found is not None and sum(c.isalnum() for c in text[i + 1:found]) >= 2:
                    out.append((i, found))
                    i = found + 1
                    continue
        i += 1
    return out


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] == PAD):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == PAD):
        end -= 1
    return start, end


def _style(ch: str) -> str:
    return "straight" if ch == DOUBLE_STRAIGHT else "curly"


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """The top-level quotes of `text`, in order (see the module docstring)."""
    original = text
    # Two apostrophes stand for a double mark in some wire copy (''It's anti-reform,''): scan a
    # same-length copy where they read as a pad character plus one straight double mark.
    text = text.replace("''", PAD + DOUBLE_STRAIGHT)
    spans: list[QuoteSpan] = []
    pending: QuoteSpan | None = None  # a quote still open at the end of the previous paragraph
    for lo, hi in _paragraphs(text):
        here = len(spans)  # spans before this are earlier paragraphs' (all opened before lo)
        pairs, open_at = _scan_double(text, lo, hi)
        first_mark = -1
        if pending is not None:
            # A quotation running over several paragraphs re-opens the mark in each: every
            # paragraph is a quote of its own (the quotes component gives them one speaker).
            spans.append(pending)
            pending = None
            first_mark = lo + (len(text[lo:hi]) - len(text[lo:hi].lstrip()))
            first_mark += text[first_mark] == PAD
        for open_mark, close, close_mark in pairs:
            spans.append(QuoteSpan(open_mark + 1, close, open_mark, close_mark,
                                   continues=open_mark == first_mark))
        if open_at is not None:
            pending = QuoteSpan(open_at + 1, hi, open_at, None, continues=open_at == first_mark)
        doubles = [(s.open_mark, s.close_mark if s.close_mark is not None else s.end)
                   for s in spans[here:] if s.open_mark >= lo]
        if pending is not None:
            doubles.append((pending.open_mark, hi))
        for open_mark, close_mark in _scan_single(text, lo, hi, doubles):
            spans.append(QuoteSpan(open_mark + 1, close_mark, open_mark, close_mark))
    if pending is not None:
        spans.append(pending)
    out = []
    for s in sorted(spans, key=lambda s: s.start):
        start, end = _trimmed(text, s.start, s.end)
        open_mark = s.open_mark - (s.open_mark > 0 and text[s.open_mark - 1] == PAD)
        if end > start and any(c.isalnum() for c in original[start:end]):
            out.append(QuoteSpan(start, end, open_mark, s.close_mark, s.paragraphs, s.continues))
    return out
