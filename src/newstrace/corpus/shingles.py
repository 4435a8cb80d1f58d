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


def body_hash(text: str) -> str:
    """Hash of the normalised word sequence: equal for bodies that differ only in case,
    accents, punctuation, whitespace or line breaks."""
    return hashlib.sha1(" ".join(words(text)).encode("utf-8")).hexdigest()


def _crc(s: str) -> int:
    return zlib.crc32(s.encode("utf-8"))


def paragraph_shingles(paras: list[list[str]], k: int) -> np.ndarray:
    """Sorted unique 32-bit hashes of the word k-grams inside each paragraph; a paragraph
    shorter than k words counts as one shingle."""
    hashes: set[int] = set()
    for ws in paras:
        if len(ws) <= k:
            hashes.add(_crc(" ".join(ws)))
            continue
        for i in range(len(ws) - k + 1):
            hashes.add(_crc(" ".join(ws[i:i + k])))
    return np.fromiter(sorted(hashes), dtype=np.uint32, count=len(hashes))


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
