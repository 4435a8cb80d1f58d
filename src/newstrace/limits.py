"""Limits: how much one input may cost before it is refused (for that input only).

Every limit is configurable (`AnalyzeOptions(limits=Limits(...))`, or a `[limits]` table in a
`--config` file); what goes over one becomes a `Failure` for that article and the batch goes on.

    max_input_mb     bytes read per input file or record, and bytes a gzip stream may inflate
                     to (a "gzip bomb" stops there); None: $NEWSTRACE_MAX_INPUT_MB, else 20 MB
    max_chars        characters of cleaned text per article (the hard ceiling → InputTooLarge)
    max_paragraphs   paragraphs per article (→ InputTooLarge)
    chunk_chars      a longer text is parsed in paragraph-aligned chunks of at most this many
                     characters (always below spaCy's nlp.max_length), merged into one Doc
    article_seconds  time budget per article for parsing (chunk by chunk) and analysis
                     (component by component); over it → AnalysisTimeout. 0: no budget.
                     The budget is checked between steps: one step is never interrupted.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, fields

from .errors import AnalysisTimeout, ConfigError, InputTooLarge


@dataclass(frozen=True)
class Limits:
    """Per-input limits (see the module docstring)."""

    max_input_mb: float | None = None
    max_chars: int = 20_000_000
    max_paragraphs: int = 100_000
    chunk_chars: int = 100_000
    article_seconds: float = 0.0

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None and f.name == "max_input_mb":
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ConfigError(f"must be a number, not {value!r}", input=f"limits.{f.name}")
            if value < 0 or (value == 0 and f.name not in ("article_seconds",)):
                raise ConfigError(f"must be above 0, not {value!r}", input=f"limits.{f.name}")

    def check_article(self, text: str, uri: str) -> None:
        """Raise InputTooLarge if a cleaned article is over `max_chars` or `max_paragraphs`."""
        if len(text) > self.max_chars:
            raise InputTooLarge(
                f"its text is {len(text):,} characters, over the limit of {self.max_chars:,} "
                "(raise limits.max_chars in a --config file)", input=uri)
        if len(text) > self.max_paragraphs:  # cheap test first: a paragraph is ≥ 1 character
            paragraphs = text.count("\n") + 1  # cleaned text: one line per paragraph
            if paragraphs > self.max_paragraphs:
                raise InputTooLarge(
                    f"its text has {paragraphs:,} paragraphs, over the limit of "
                    f"{self.max_paragraphs:,} (raise limits.max_paragraphs in a --config file)",
                    input=uri)

    def budget(self, uri: str) -> "Budget":
        return Budget(uri, self.article_seconds)


class Budget:
    """The time left for one article; `check()` raises AnalysisTimeout once it is spent."""

    def __init__(self, uri: str, seconds: float) -> None:
        self.uri = uri
        self.seconds = seconds
        self.started = time.perf_counter()

    def check(self, step: str = "") -> None:
        if self.seconds and time.perf_counter() - self.started > self.seconds:
            where = f" (at {step})" if step else ""
            raise AnalysisTimeout(
                f"took longer than its time budget of {self.seconds:g} s{where}; raise "
                "limits.article_seconds in a --config file", input=self.uri)
