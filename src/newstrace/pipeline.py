"""Articles through the whole pipeline: clean → parse (spaCy, batched) → analyze.

One bad article never stops a batch: it comes back as a `Failure` naming the input. A text
over the limits (see `newstrace.limits`) fails alone; a long one is parsed in chunks; when
`nlp.pipe` fails on a batch, its articles are parsed again one at a time, so only the bad one
fails.
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
from .errors import ConfigError, NewstraceError
from .limits import Budget, Limits
from .model import Analysis, Article, Document, Failure

log = logging.getLogger(__name__)

PRE_STAGES = ("clean", "parse")
STAGES = PRE_STAGES + components.ORDER  # the run order: tests check it is components.order()


@dataclass(frozen=True)
class AnalyzeOptions:
    """How to analyse: shared by the library, the CLI and the service.

    stages: "all", a stage name (that stage and what it needs) or a comma-separated list.
    model: spaCy model name (default: see `newstrace.nlp`).
    batch_size: articles per `nlp.pipe` batch; n_process: worker processes, each running
    the whole pipeline on chunks of articles (`newstrace.parallel`).
    config: per-component config overrides, e.g. {"quotes": {"max_term_words": 6}}; each
      key must be a setting of the component's `default_config` (`newstrace config show`
      lists them), else `validate()` raises a ConfigError naming it.
    limits: sizes and time per article (`newstrace.limits.Limits`).
    language: what to do with an article not in the model's language: "warn" (analyse,
      record, warn), "skip" (a Failure) or "off" (see `newstrace.language`).
    """

    stages: str = "all"
    model: str | None = None
    batch_size: int = 16
    n_process: int = 1
    config: dict[str, dict[str, Any]] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)
    language: str = "warn"

    def stage_list(self) -> tuple[str, ...]:
        return resolve_stages(self.stages)

    def validate(self) -> AnalyzeOptions:
        """Check every option (stages, config keys and types, limits); raises ConfigError."""
        self.stage_list()
        if not isinstance(self.config, dict):
            raise ConfigError(f"must be a dict of component tables, not {self.config!r}",
                              input="config")
        for name, table in self.config.items():
            components.validate_config(name, table)
        from .language import check_policy

        check_policy(self.language)
        if not isinstance(self.limits, Limits):
            raise ConfigError(f"must be a newstrace.limits.Limits, not {self.limits!r}",
                              input="limits")
        for name in ("batch_size", "n_process"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"must be a whole number ≥ 1, not {value!r}", input=name)
        return self


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
            raise ConfigError(f"unknown stage {name!r}; choose from: all, {', '.join(STAGES)}",
                              input="stages")
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
        warnings=list(article.warnings),
    )


def _failure(uri: str, exc: BaseException) -> Failure:
    if isinstance(exc, NewstraceError):
        return Failure(uri=uri, code=exc.code, message=str(exc))
    log.exception("analysis failed for %s", uri)
    return Failure(uri=uri, code="NT099", message=f"[NT099] {uri}: internal error: {exc!r}")


class Runner:
    """Builds the components once and runs articles through them."""

    def __init__(self, options: AnalyzeOptions | None = None) -> None:
        self.options = (options or AnalyzeOptions()).validate()
        self.stages = self.options.stage_list()
        self.limits = self.options.limits
        wanted = [name for name in STAGES if name in self.stages and name not in PRE_STAGES]
        # A clean-only run builds no component (and so never imports spaCy through them).
        self._components = [
            (name, components.build(name, self.options.config.get(name)))
            for name in components.order(wanted)
        ] if wanted else []
        self._nlp = None

    @property
    def nlp(self):
        if self._nlp is None:
            from . import nlp

            self._nlp = nlp.load(self.options.model)
        return self._nlp

    def clean(self, document: Document) -> Article:
        """Clean one document and check the article against the limits."""
        article = clean(document)
        self.limits.check_article(article.text, article.source.uri)
        if self.options.language != "off":
            from . import language

            lang, warning = language.apply(self.options.language, article.text,
                                           self._model_language(), article.source.uri)
            article.meta.language = lang
            if warning:
                article.warnings.append(warning)
        return article

    def _model_language(self) -> str:
        """The language the spaCy model reads ("en" when no parse stage runs)."""
        return self.nlp.lang if "parse" in self.stages else "en"

    def parse(self, article: Article, budget: Budget | None = None):
        """One article's Doc; a long text is parsed in chunks (see `nlp.parse`)."""
        from . import nlp

        check = (lambda: budget.check("parse")) if budget is not None else None
        return nlp.parse(self.nlp, article.text, self.chunk_chars, check=check)

    @property
    def chunk_chars(self) -> int:
        """Texts longer than this are parsed in chunks: `limits.chunk_chars`, and always
        below the model's `nlp.max_length`."""
        return max(1, min(self.limits.chunk_chars, self.nlp.max_length - 1))

    def analyze_article(self, article: Article) -> Analysis:
        """Parse (unless the stages stop at clean) and analyse one cleaned article."""
        if "parse" not in self.stages:
            return self.analyze_clean(article)
        budget = self.limits.budget(article.source.uri)
        return self.analyze_doc(article, self.parse(article, budget), budget)

    def analyze_clean(self, article: Article) -> Analysis:
        """The Analysis of a cleaned article when no parse stage runs."""
        return _as_analysis(article, self.stages)

    def analyze_doc(self, article: Article, doc, budget: Budget | None = None) -> Analysis:
        """Run the analysis components over a parsed article."""
        budget = budget or self.limits.budget(article.source.uri)
        ctx = components.Context(article=article, doc=doc)
        for name, run in self._components:
            run(ctx)
            budget.check(name)
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
                yield self.clean(document)
            except Exception as exc:  # one bad article never stops a batch
                yield _failure(document.source.uri, exc)

    def _parse_batch(self, articles: list[Article]) -> dict[int, Any]:
        """id(article) → Doc, or the exception that article's parse raised. Short texts go
        through one `nlp.pipe`; if it fails, each is parsed alone so only the bad one fails.
        Long texts are parsed in chunks, one at a time."""
        limit = self.chunk_chars
        short = [a for a in articles if len(a.text) <= limit]
        parsed: dict[int, Any] = {}
        if short:
            try:
                docs = list(self.nlp.pipe((a.text for a in short),
                                          batch_size=self.options.batch_size))
                if len(docs) != len(short):
                    raise RuntimeError(f"nlp.pipe returned {len(docs)} docs for {len(short)} texts")
                parsed.update(zip((id(a) for a in short), docs))
            except Exception as exc:  # noqa: BLE001 -- retried one at a time below
                log.warning("nlp.pipe failed on a batch of %d (%r); parsing one at a time",
                            len(short), exc)
                for a in short:
                    parsed[id(a)] = self._parse_one(a)
        for a in articles:
            if id(a) not in parsed:
                parsed[id(a)] = self._parse_one(a)
        return parsed

    def _parse_one(self, article: Article) -> Any:
        try:
            return self.parse(article, self.limits.budget(article.source.uri))
        except Exception as exc:  # noqa: BLE001 -- becomes this article's Failure
            return exc

    def _run_batch(self, batch: list[Article | Failure]) -> Iterator[Analysis | Failure]:
        articles = [a for a in batch if isinstance(a, Article)]
        parsed = self._parse_batch(articles)
        for item in batch:
            if isinstance(item, Failure):
                yield item
                continue
            doc = parsed.pop(id(item))
            if isinstance(doc, BaseException):
                yield _failure(item.source.uri, doc)
                continue
            try:
                yield self.analyze_doc(item, doc)
            except Exception as exc:
                yield _failure(item.source.uri, exc)
