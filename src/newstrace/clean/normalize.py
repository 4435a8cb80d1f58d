"""Text with an offset map back to its source, and the normaliser that keeps it.

`MappedText` is a string plus, for every character, the `[start, end)` span of the source it
came from. Cutting, joining and editing a MappedText composes the maps, so after cleaning,
`source[m.to_source(s, e)]` is still the text that `m.text[s:e]` was made from. Inserted
characters (a space put between glued words) map to an empty span at the next source
character.

The normaliser: Unicode NFC, control characters (ESC, C0/C1, bidi overrides) dropped, no-break and odd spaces → " ", zero-width characters and soft
hyphens dropped, runs of spaces collapsed, stray spaces before punctuation dropped
(`migrants , as` → `migrants, as`; `(venezuelanalysis )` → `(venezuelanalysis)`) and glued
quotes parted (`Tuesday.“We` → `Tuesday. “We`; `use“every` → `use “every`).
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field


def _ints(values: Iterable[int] = ()) -> array:
    return array("q", values)


@dataclass
class MappedText:
    text: str
    starts: array = field(repr=False)  # of int; arrays keep a long text's map small
    ends: array = field(repr=False)
    source_len: int = 0

    @classmethod
    def of(cls, text: str, offset: int = 0, source_len: int | None = None) -> MappedText:
        n = len(text)
        return cls(text, _ints(range(offset, offset + n)), _ints(range(offset + 1, offset + n + 1)),
                   source_len if source_len is not None else offset + n)

    @classmethod
    def literal(cls, text: str, at: int, source_len: int) -> MappedText:
        """Characters with no source (a joiner): each maps to the empty span at `at`."""
        return cls(text, _ints([at]) * len(text), _ints([at]) * len(text), source_len)

    def __len__(self) -> int:
        return len(self.text)

    def slice(self, start: int, end: int) -> MappedText:
        return MappedText(self.text[start:end], self.starts[start:end], self.ends[start:end],
                          self.source_len)

    @classmethod
    def join(cls, parts: Iterable[MappedText], source_len: int) -> MappedText:
        text: list[str] = []
        starts, ends = _ints(), _ints()
        for part in parts:
            text.append(part.text)
            starts.extend(part.starts)
            ends.extend(part.ends)
        return cls("".join(text), starts, ends, source_len)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source span a `[start, end)` span of this text came from."""
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span {(start, end)} outside text of length {len(self.text)}")
        if start == end:
            pos = self.starts[start] if start < len(self.starts) else (
                self.ends[-1] if self.ends else 0)
            return pos, pos
        return self.starts[start], max(self.ends[end - 1], self.starts[start])

    def edit(self, edits: Iterable[tuple[int, int, str]]) -> MappedText:
        """Apply non-overlapping `(start, end, replacement)` edits (sorted by start).

        Kept characters keep their map; a same-length replacement maps one to one; an
        insertion maps to the empty span before the next character; other replacements map
        every new character to the whole replaced span."""
        text: list[str] = []
        starts, ends = _ints(), _ints()
        pos = 0
        for start, end, repl in sorted(edits, key=lambda e: (e[0], e[1])):
            if start < pos:
                continue  # overlaps an earlier edit
            text.append(self.text[pos:start])
            starts.extend(self.starts[pos:start])
            ends.extend(self.ends[pos:start])
            if repl:
                if end - start == len(repl):
                    starts.extend(self.starts[start:end])
                    ends.extend(self.ends[start:end])
                elif start == end:
                    at = self.starts[start] if start < len(self) else (
                        self.ends[-1] if self.ends else 0)
                    starts.extend(_ints([at]) * len(repl))
                    ends.extend(_ints([at]) * len(repl))
                else:
                    s, e = self.to_source(start, end)
                    starts.extend(_ints([s]) * len(repl))
                    ends.extend(_ints([e]) * len(repl))
                text.append(repl)
            pos = end
        text.append(self.text[pos:])
        starts.extend(self.starts[pos:])
        ends.extend(self.ends[pos:])
        return MappedText("".join(text), starts, ends, self.source_len)

    def sub(self, pattern: re.Pattern[str], repl) -> MappedText:
        """Regex substitution as edits; `repl` is a string or a function of the match."""
        edits = []
        plain = not callable(repl) and "\\" not in repl
        for m in pattern.finditer(self.text):
            new = repl if plain else (repl(m) if callable(repl) else m.expand(repl))
            if new != m.group(0):
                edits.append((m.start(), m.end(), new))
        return self.edit(edits) if edits else self

    def strip(self) -> MappedText:
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        return self.slice(left, max(left, right))


# control characters (ESC and the rest of C0 but tab and line ends, DEL, C1) and bidi
# embeddings/overrides/isolates: never text, and a terminal acts on some of them
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]+")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f]+")
_ODD_SPACE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_SPACES = re.compile(" {2,}")
_LINE_EDGE_SPACE = re.compile(r" +(?=\n)|(?<=\n) +")
# a space (or more) before closing punctuation, after a word, a quote or a bracket
_STRAY_BEFORE = re.compile(r"(?<=[\w\"”’)\]%]) +(?=[,;:!?)\]]|\.(?![\w.]))")
_STRAY_AFTER_OPEN = re.compile(r"(?<=[(\[]) +(?=\w)")
# an opening quote glued to the word or sentence before it
_GLUED_OPEN = re.compile(r"(?<=[\w.,;:!?)\]])(?=[“‘]\w)")
# a closing quote glued to the word after it
_GLUED_CLOSE = re.compile(r"(?<=[\w.,!?]”)(?=\w)")
# a sentence glued to the next one: "Tuesday.We" is left alone (abbreviations, URLs)


def nfc(m: MappedText) -> MappedText:
    """Unicode NFC, each composed cluster mapped to the characters it came from."""
    if unicodedata.is_normalized("NFC", m.text):
        return m
    edits = []
    text = m.text
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        chunk = text[i:j]
        composed = unicodedata.normalize("NFC", chunk)
        if composed != chunk:
            edits.append((i, j, composed))
        i = j
    return m.edit(edits)


_STEPS = ((_CONTROL, ""), (_ZERO_WIDTH, ""), (_ODD_SPACE, " "), (_GLUED_OPEN, " "),
          (_GLUED_CLOSE, " "), (_STRAY_BEFORE, ""), (_STRAY_AFTER_OPEN, ""), (_SPACES, " "),
          (_LINE_EDGE_SPACE, ""))
# one search tells whether any step has work to do (most paragraphs are tidy already)
_ANY_STEP = re.compile("|".join(f"(?:{p.pattern})" for p, _ in _STEPS))


def normalize(m: MappedText) -> MappedText:
    """The normalisations above, offsets kept."""
    m = nfc(m)
    if not _ANY_STEP.search(m.text):
        return m
    m = m.sub(_CONTROL, "")
    m = m.sub(_ZERO_WIDTH, "")
    m = m.sub(_ODD_SPACE, " ")
    m = m.sub(_GLUED_OPEN, " ")
    m = m.sub(_GLUED_CLOSE, " ")
    m = m.sub(_STRAY_BEFORE, "")
    m = m.sub(_STRAY_AFTER_OPEN, "")
    m = m.sub(_SPACES, " ")
    m = m.sub(_LINE_EDGE_SPACE, "")
    return m


def normalize_text(text: str) -> MappedText:
    """Normalise a plain string; the map points into `text`."""
    return normalize(MappedText.of(text))


def clean_inline(text: str) -> str:
    """Normalise a short metadata string (a headline, a name) to one line."""
    out = normalize_text(text).text
    return re.sub(r"\s+", " ", out).strip()
