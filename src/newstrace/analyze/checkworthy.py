"""Check-worthiness: a score in [0, 1] per body sentence for how much it states a checkable fact.

The model is a logistic regression over three TF-IDF blocks (see `scripts/train_checkworthy.py`,
trained on the ClaimBuster sentences, CC BY 4.0):

- words with names and numbers abstracted to their entity type (``_GPE``, ``_MONEY``), so that
  the model learns "a place and an amount" rather than the places of one election's debates;
- the sequence of part-of-speech tags (tense, modals, comparatives generalise across speakers);
- character n-grams of the raw sentence.

The weights ship in `resources/checkworthy/model.json` and are loaded once. The component then
blends in what the analysis already knows: a sentence that carries an attributed claim or an
evidence cue is nudged up (`claim_boost`).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import numpy as np

from .. import resources
from ..model import CheckWorthy
from .context import Context
from .registry import component

MODEL_RESOURCE = "checkworthy/model.json"
BLOCKS = ("words", "tags", "chars")
# Entity types whose tokens become a placeholder (numbers included even when NER misses them).
NUMERIC_TYPES = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "DATE", "ORDINAL", "TIME"})


def sentence_features(tokens: Iterable[Any], text: str) -> tuple[str, str, str]:
    """The three feature strings of one sentence: abstracted words, POS tags, raw text.

    `tokens` are spaCy tokens (a Span or a Doc); training and inference both go through here.
    """
    words: list[str] = []
    tags: list[str] = []
    for tok in tokens:
        if tok.is_space:
            continue
        if tok.like_num or tok.ent_type_ in NUMERIC_TYPES:
            words.append("_" + (tok.ent_type_ if tok.ent_type_ in NUMERIC_TYPES else "NUM"))
        elif tok.ent_type_:
            words.append("_" + tok.ent_type_)
        else:
            words.append(tok.lower_)
        tags.append(tok.tag_ or tok.pos_ or "X")
    return " ".join(words), " ".join(tags), text


@dataclass(frozen=True, eq=False)
class CheckworthyModel:
    """Fitted vectorizers (one per block) and the logistic-regression weights."""

    vectorizers: tuple[Any, ...]
    coef: np.ndarray
    intercept: float
    meta: dict[str, Any]

    def predict_proba(self, features: Sequence[tuple[str, str, str]]) -> np.ndarray:
        """P(check-worthy) for each sentence's `sentence_features`.

        The same arithmetic as the fitted TfidfVectorizers (sublinear tf × idf, l2 per block)
        followed by the linear model, done directly on the vocabularies: sklearn's per-call
        input validation costs more than the maths for the few sentences of one article.
        """
        logits = np.full(len(features), self.intercept)
        for b, (analyzer, vocab, weights) in enumerate(self._blocks):
            for n, feature in enumerate(features):
                counts: dict[int, int] = {}
                for gram in analyzer(feature[b]):
                    j = vocab.get(gram)
                    if j is not None:
                        counts[j] = counts.get(j, 0) + 1
                if not counts:
                    continue
                idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
                tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
                values = tf * weights[0][idx]
                norm = math.sqrt(float(values @ values))
                if norm:
                    logits[n] += float(values @ weights[1][idx]) / norm
        return 1.0 / (1.0 + np.exp(-logits))

    @cached_property
    def _blocks(self) -> list[tuple[Any, dict[str, int], tuple[np.ndarray, np.ndarray]]]:
        out, offset = [], 0
        for vec in self.vectorizers:
            size = len(vec.vocabulary_)
            out.append((vec.build_analyzer(), vec.vocabulary_,
                        (np.asarray(vec.idf_), self.coef[offset: offset + size])))
            offset += size
        return out

    def predict_proba_sklearn(self, features: Sequence[tuple[str, str, str]]) -> np.ndarray:
        """The same probabilities through sklearn's transform (reference for the tests)."""
        from scipy.sparse import hstack

        blocks = [vec.transform([f[i] for f in features]) for i, vec in enumerate(self.vectorizers)]
        logits = hstack(blocks).tocsr() @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-logits))


def vectorizer_from_dict(block: dict[str, Any]):
    """Rebuild a fitted TfidfVectorizer from its saved vocabulary, idf and parameters."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vocabulary = {term: i for i, term in enumerate(block["vocabulary"])}
    vec = TfidfVectorizer(vocabulary=vocabulary, **block["params"])
    vec.idf_ = np.asarray(block["idf"], dtype=np.float64)
    return vec


@lru_cache(maxsize=2)
def load_model(name: str = MODEL_RESOURCE) -> CheckworthyModel:
    """Load (once) the shipped check-worthiness model."""
    saved = resources.data(name)
    vectorizers = tuple(vectorizer_from_dict(saved["blocks"][b]) for b in BLOCKS)
    return CheckworthyModel(
        vectorizers=vectorizers,
        coef=np.asarray(saved["coef"], dtype=np.float64),
        intercept=float(saved["intercept"]),
        meta={k: v for k, v in saved.items() if k not in ("blocks", "coef", "intercept")},
    )


def score_spans(spans: Sequence[Any], model: CheckworthyModel | None = None) -> np.ndarray:
    """Model probability for each spaCy span (sentence)."""
    model = model or load_model()
    return model.predict_proba([sentence_features(s, s.text) for s in spans])


def score_texts(texts: Sequence[str], nlp=None) -> np.ndarray:
    """Model probability for plain sentences (parsed here with the default pipeline)."""
    if nlp is None:
        from .. import nlp as nlp_module

        nlp = nlp_module.load()
    return score_spans(list(nlp.pipe(texts)))


def _sentence_bounds(sent) -> tuple[int, int] | None:
    """The sentence's character span with surrounding whitespace trimmed (None if empty)."""
    text = sent.text
    stripped = text.strip()
    if not stripped:
        return None
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return start, start + len(stripped)


def _claim_signals(bounds: Sequence[tuple[int, int]], claims: Sequence[Any]) -> list[int]:
    """Per sentence (its trimmed span, in text order, not overlapping), the most signals one
    claim overlapping it carries: attributed (a claimant or sources) and cued (an evidence
    label other than `unqualified`). Each claim finds its sentences by bisection on their
    ends, so the cost is linear in sentences plus claims."""
    ends = [end for _, end in bounds]
    out = [0] * len(bounds)
    for claim in claims:
        c_start, c_end = claim.span
        attributed = claim.claimant is not None or claim.sources
        cued = any(label != "unqualified" for label in claim.evidence)
        n = int(bool(attributed)) + int(cued)
        if not n:
            continue
        i = bisect.bisect_right(ends, c_start)  # the first sentence ending after the claim starts
        while i < len(bounds) and bounds[i][0] < c_end:
            if out[i] < n:
                out[i] = n
            i += 1
    return out


def _blend(p: float, signals: int, boost: float) -> float:
    # Each analysis signal closes part of the gap to 1; a sentence with none keeps the model's p.
    for _ in range(signals):
        p = 1.0 - (1.0 - p) * (1.0 - boost)
    return round(min(1.0, max(0.0, p)), 4)


@component(
    "checkworthy",
    assigns=("checkworthy",),
    requires=("claims",),  # the claim boost reads ctx.claims
    default_config={"model": MODEL_RESOURCE, "claim_boost": 0.25},
)
def make_checkworthy(config: dict[str, Any]):
    model_name = str(config["model"])
    boost = float(config["claim_boost"])

    def run(ctx: Context) -> None:
        sents = [s for s in ctx.doc.sents if _sentence_bounds(s) is not None]
        if not sents:
            ctx.checkworthy = []
            return
        probs = score_spans(sents, load_model(model_name))
        bounds: list[tuple[int, int]] = [_sentence_bounds(s) for s in sents]  # type: ignore[misc]
        signals = _claim_signals(bounds, ctx.claims)
        ctx.checkworthy = [CheckWorthy(span=b, score=_blend(float(p), n, boost))
                           for b, p, n in zip(bounds, probs, signals)]

    return run
