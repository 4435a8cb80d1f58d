"""Text fingerprints for corpus comparison: normalised words, paragraph-bounded word
shingles hashed to 32-bit integers, and the exact-body hash.

Shingles never cross a paragraph boundary, so reordering paragraphs leaves a body's shingle
set unchanged; hashes are CRC-32 (stable across processes, unlike `hash()`), so results are
deterministic from run to run.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
_PARAGRAPH = re.compile(r"\n\s*")


def normalize(text: str) -> str:
    """Casefolded, accent-free NFKC text (quote marks and dashes drop out with punctuation)."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The normalised words of `text`."""
    return _WORD.findall(normalize(text))


def paragraphs(text: str) -> list[list[str]]:
    """The normalised words of each non-empty paragraph (a line or a blank-line block)."""
    out = []
    for block in _PARAGRAPH.split(text):
        ws = words(block)
        if ws:
            out.append(ws)
    return out


def body_hash(text: str | list[list[str]]) -> str:
    """Hash of the normalised word sequence (of a text, or of its `paragraphs`): equal for
    bodies that differ only in case, accents, punctuation, whitespace or line breaks."""
    ws = words(text) if isinstance(text, str) else [w for p in text for w in p]
    return hashlib.sha1(" ".join(ws).encode("utf-8")).hexdigest()


def _crc(s: str) -> int:
    return zlib.crc32(s.encode("utf-8"))


def shingle_strings(paras: list[list[str]], k: int) -> set[str]:
    """The word k-grams inside each paragraph; a paragraph shorter than k words counts as
    one shingle."""
    out: set[str] = set()
    for ws in paras:
        if len(ws) <= k:
            out.add(" ".join(ws))
            continue
        out.update(" ".join(ws[i:i + k]) for i in range(len(ws) - k + 1))
    return out


def hash_shingles(strings: set[str]) -> np.ndarray:
    """Sorted unique 32-bit hashes of shingle strings."""
    hashes = {_crc(s) for s in strings}
    return np.fromiter(sorted(hashes), dtype=np.uint32, count=len(hashes))


def paragraph_shingles(paras: list[list[str]], k: int) -> np.ndarray:
    """Sorted unique 32-bit hashes of the word k-grams inside each paragraph (see
    `shingle_strings`)."""
    return hash_shingles(shingle_strings(paras, k))


def shingles(text: str, k: int = 4) -> np.ndarray:
    """Sorted unique 32-bit shingle hashes of `text` (see `paragraph_shingles`)."""
    return paragraph_shingles(paragraphs(text), k)


def paragraph_keys(paras: list[list[str]], min_words: int) -> list[int]:
    """Hashes of the paragraphs with at least `min_words` words (exact-paragraph blocking)."""
    return [_crc(" ".join(ws)) for ws in paras if len(ws) >= min_words]


def overlap(a: np.ndarray, b: np.ndarray) -> tuple[float, float, int]:
    """(Jaccard, containment of the smaller set, intersection size) of two shingle arrays."""
    if a.size == 0 or b.size == 0:
        return 0.0, 0.0, 0
    inter = int(np.intersect1d(a, b, assume_unique=True).size)
    union = a.size + b.size - inter
    return inter / union, inter / min(a.size, b.size), inter
