"""Which language an article is written in, and what to do when it is not the model's.

Detection: py3langid (a fork of langid.py; its naive Bayes model over byte n-grams ships in
the wheel, 97 languages, no network), run on the first 20,000 characters of the cleaned text.
A result counts only when it is confident: at least `MIN_CHARS` letters and a normalised
probability of at least `MIN_CONFIDENCE`; otherwise the article is taken to be in the
model's language (short texts, lists of names and numbers are not guessed at).

A fast path first: a text whose words are at least 20 % common English function words ("the",
"of", "said", …; English news runs at 35-50 %, other languages near 0) is English without
loading the model (loading it takes about a second).

Policy (`AnalyzeOptions(language=...)`, or `[language] policy = "..."` in a config file), for
an article confidently detected in another language than the spaCy model's (`nlp.lang`,
English by default):

    warn  (default) analyse it anyway, record the language in `meta.language` and add a
          warning to the analysis (the CLI prints it): an English model finds little of
          value in Spanish or Chinese text, and says so
    skip  do not analyse it: a Failure UnsupportedLanguage (NT009) names the language
    off   no detection; `meta.language` is the model's language

Whatever the policy, `meta.language` records the detected language when detection ran.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .errors import ConfigError, UnsupportedLanguage

POLICIES = ("warn", "skip", "off")
MIN_CHARS = 80
MIN_CONFIDENCE = 0.80
SAMPLE = 20_000


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def backend() -> str:
    """What detects languages here (for `newstrace doctor`)."""
    from importlib.metadata import version

    return f"py3langid {version('py3langid')} (model shipped in the package)"


def detect(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability) of `text`, or (None, 0.0) when it is too short to tell."""
    sample = text[:SAMPLE]
    if sum(ch.isalpha() for ch in sample) < MIN_CHARS:
        return None, 0.0
    lang, prob = _identifier().classify(sample)
    return lang, float(prob)


_EN_FUNCTION_WORDS = frozenset(
    "the and of to that is was for with on said he she it its his her by at from have has had "
    "were are be this which would will not but an they their who been".split())
_WORD = re.compile(r"[a-z']+")


def looks_english(text: str) -> bool:
    """At least 20 % of the first 5,000 characters' words are English function words."""
    words = _WORD.findall(text[:5000].lower())
    if len(words) < 20:
        return False
    return sum(w in _EN_FUNCTION_WORDS for w in words) >= 0.2 * len(words)


def check_policy(policy: str) -> str:
    if policy not in POLICIES:
        raise ConfigError(f"must be one of {', '.join(POLICIES)}, not {policy!r}",
                          input="language.policy")
    return policy


def apply(policy: str, text: str, expected: str, uri: str) -> tuple[str, str | None]:
    """(the article's language, a warning or None) under `policy`; raises
    UnsupportedLanguage under "skip" for a confident other language."""
    if policy == "off" or (expected == "en" and looks_english(text)):
        return expected, None
    lang, prob = detect(text)
    if lang is None or prob < MIN_CONFIDENCE or lang == expected:
        return expected, None
    if policy == "skip":
        raise UnsupportedLanguage(
            f"is written in {lang!r} (p={prob:.2f}), not {expected!r} as the model reads; "
            "skipped (set [language] policy = \"warn\" to analyse it anyway, or give a "
            f"{lang} model with --model)", input=uri)
    return lang, (f"written in {lang!r} (p={prob:.2f}), analysed with a {expected!r} model: "
                  "expect few and unreliable results")
