"""Articles through the whole pipeline: clean → parse (spaCy, batched) → analyze.

One bad article never stops a batch: it comes back as a `Failure` naming the input.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from . import analyze as components
from .clean import clean
from .errors import NewstraceError
from .model import Analysis, Article, Document, Failure

log = logging.getLogger(__name__)

PRE_STAGES = ("clean", "parse")
STAGES = PRE_STAGES + components.ORDER


@dataclass(frozen=True)
class AnalyzeOptions:
    """How to analyse: shared by the library, the CLI and the service.

    stages: "all", a stage name (that stage and what it needs) or a comma-separated list.
    model: spaCy model name (default: see `newstrace.nlp`).
    batch_size: articles per `nlp.pipe` batch; n_process: worker processes, each running
    the whole pipeline on chunks of articles (`newstrace.parallel`).
    config: per-component config overrides, e.g. {"quotes": {"max_quote_chars": 5000}}.
    """

    stages: str = "all"
    model: str | None = None
    batch_size: int = 16
    n_process: int = 1
    config: dict[str, dict[str, Any]] = field(default_factory=dict)

    def stage_list(self) -> tuple[str, ...]:
        return resolve_stages(self.stages)


def resolve_stages(spec: str | Iterable[str]) -> tuple[str, ...]:
    """The stages to run, in order, for a user's `--stages` value."""
    names = [s.strip() for s in (spec.split(",") if isinstance(spec, str) else spec) if s.strip()]
    if not names or "all" in names:
        return STAGES
    wanted: set[str] = set()

    def add(name: str) -> None:
        if name in wanted:
            return
        if name not in STAGES:
            raise ValueError(f"unknown stage {name!r}; choose from: all, {', '.join(STAGES)}")
        wanted.add(name)
        if name == "parse":
            add("clean")
        elif name in components.ORDER:
            add("parse")
            for dep in components.get(name).requires:
                add(dep)

    for name in names:
        add(name)
    wanted.add("clean")
    return tuple(s for s in STAGES if s in wanted)


def article_id(article: Article) -> str:
    """Stable id: a hash of the source URI (or record) and the cleaned text."""
    key = "\n".join([article.source.uri, article.source.record_id or "", article.text])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def _as_analysis(article: Article, stages: tuple[str, ...]) -> Analysis:
    return Analysis(
        id=article_id(article),
        source=article.source,
        meta=article.meta,
        text=article.text,
        removed=article.removed,
        stages=list(stages),
    )


def _failure(uri: str, exc: Exception) -> Failure:
    if isinstance(exc, NewstraceError):
        return Failure(uri=uri, code=exc.code, message=str(exc))
    log.exception("analysis failed for %s", uri)
    return Failure(uri=uri, code="NT099", message=f"[NT099] {uri}: internal error: {exc!r}")


class Runner:
    """Builds the components once and runs articles through them."""

    def __init__(self, options: AnalyzeOptions | None = None) -> None:
        self.options = options or AnalyzeOptions()
        self.stages = self.options.stage_list()
        self._components = [
            (name, components.build(name, self.options.config.get(name)))
            for name in components.ORDER
            if name in self.stages
        ]
        self._nlp = None

    @property
    def nlp(self):
        if self._nlp is None:
            from . import nlp

            self._nlp = nlp.load(self.options.model)
        return self._nlp

    def analyze_clean(self, article: Article) -> Analysis:
        """The Analysis of a cleaned article when no parse stage runs."""
        return _as_analysis(article, self.stages)

    def analyze_doc(self, article: Article, doc) -> Analysis:
        """Run the analysis components over a parsed article."""
        ctx = components.Context(article=article, doc=doc)
        for _, run in self._components:
            run(ctx)
        analysis = _as_analysis(article, self.stages)
        analysis.entities = ctx.entities
        analysis.quotes = ctx.quotes
        analysis.reported_speech = ctx.reported_speech
        analysis.claims = ctx.claims
        analysis.dates = ctx.dates
        analysis.events = ctx.events
        analysis.checkworthy = ctx.checkworthy
        return analysis

    def run(self, documents: Iterable[Document | Failure]) -> Iterator[Analysis | Failure]:
        """Analyse documents in order; failures are yielded in place, the rest go on.
        With `n_process` > 1 whole articles go to worker processes (`newstrace.parallel`)."""
        if self.options.n_process > 1:
            from .parallel import run_parallel

            yield from run_parallel(self.options, documents)
            return
        cleaned = self._clean_all(documents)
        if "parse" not in self.stages:
            for item in cleaned:
                yield item if isinstance(item, Failure) else self.analyze_clean(item)
            return
        while True:
            batch = list(islice(cleaned, max(1, self.options.batch_size) * max(1, self.options.n_process)))
            if not batch:
                return
            yield from self._run_batch(batch)

    def _clean_all(self, documents: Iterable[Document | Failure]) -> Iterator[Article | Failure]:
        for document in documents:
            if isinstance(document, Failure):
                yield document
                continue
            try:
                yield clean(document)
            except Exception as exc:  # one bad article never stops a batch
                yield _failure(document.source.uri, exc)

    def _run_batch(self, batch: list[Article | Failure]) -> Iterator[Analysis | Failure]:
        articles = [a for a in batch if isinstance(a, Article)]
        docs = self.nlp.pipe(
            (a.text for a in articles),
            batch_size=self.options.batch_size,
            n_process=self.options.n_process,
        )
        parsed = dict(zip((id(a) for a in articles), docs))
        for item in batch:
            if isinstance(item, Failure):
                yield item
                continue
            try:
                yield self.analyze_doc(item, parsed[id(item)])
            except Exception as exc:
                yield _failure(item.source.uri, exc)
