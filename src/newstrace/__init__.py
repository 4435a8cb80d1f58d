"""newstrace: read news the way a careful editor does.

Public API (everything not in `__all__` is private):

    analyze(path, stages="all")           one article from a file → Analysis
    analyze_text(text, uri="<text>")      one article from a string → Analysis
    analyze_many(paths, options)          many inputs → Analysis or Failure, in order
    open_corpus(url="newstrace.db")       a corpus store (SQLite file or postgresql://…)
"""

from collections.abc import Iterable as _Iterable, Iterator as _Iterator
from dataclasses import replace as _replace
from functools import wraps as _wraps
from pathlib import Path as _Path

from .errors import (
    AnalysisTimeout,
    BinaryInput,
    ClusterUnreachable,
    ConfigError,
    DecodeError,
    EmptyInput,
    GoldFileError,
    InputError,
    InternalError,
    InputNotFound,
    InputTooLarge,
    MalformedInput,
    ModelNotFound,
    NewstraceError,
    NoArticleFound,
    NotStored,
    QueryError,
    StoreError,
    UnsupportedLanguage,
)
from .model import (
    AgentRef,
    Analysis,
    Article,
    Claim,
    Document,
    Entity,
    Event,
    Failure,
    Meta,
    Quote,
    ReportedSpeech,
    Source,
)
from .limits import Limits
from .pipeline import AnalyzeOptions, Runner as _Runner

__version__ = "0.1.0"

_runners: dict[tuple, _Runner] = {}


def _public(fn):
    """Every exception leaving the public API is a NewstraceError: anything else (a bug) is
    wrapped in InternalError (NT099) with the original as its cause."""

    @_wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except NewstraceError:
            raise
        except Exception as exc:
            raise InternalError(f"internal error in {fn.__name__}(): {exc!r}") from exc

    return wrapper


def _runner(options: AnalyzeOptions) -> _Runner:
    """A Runner per distinct options (components are built once per process)."""
    if options.config:
        return _Runner(options)
    key = (options.stages, options.model, options.batch_size, options.n_process, options.limits,
           options.language)
    if key not in _runners:
        _runners[key] = _Runner(options)
    return _runners[key]


def _options(options: AnalyzeOptions | None, stages: str | None, model: str | None) -> AnalyzeOptions:
    options = options or AnalyzeOptions()
    if options is not None and not isinstance(options, AnalyzeOptions):
        raise ConfigError(f"must be an AnalyzeOptions, not {options!r}", input="options")
    if stages is not None or model is not None:
        options = _replace(options, stages=stages if stages is not None else options.stages,
                           model=model if model is not None else options.model)
    return options


@_public
def analyze_document(document: Document, *, stages: str | None = None, model: str | None = None,
                     options: AnalyzeOptions | None = None) -> Analysis:
    """Analyse one Document; raises a NewstraceError if it cannot be analysed."""
    runner = _runner(_options(options, stages, model))
    return runner.analyze_article(runner.clean(document))


@_public
def analyze(path: str | _Path, *, stages: str | None = None, model: str | None = None,
            options: AnalyzeOptions | None = None) -> Analysis:
    """Analyse the one article in `path` (text, HTML, .html.gz, a one-record JSON Lines file)."""
    from .ingest import read_documents

    limits = (options or AnalyzeOptions()).limits
    documents = read_documents(path, max_mb=limits.max_input_mb)
    if len(documents) != 1:
        raise InputError(
            f"holds {len(documents)} articles; use analyze_many() or `newstrace analyze` on it",
            input=str(path),
        )
    return analyze_document(documents[0], stages=stages, model=model, options=options)


@_public
def analyze_text(text: str, *, uri: str = "<text>", stages: str | None = None,
                 model: str | None = None, options: AnalyzeOptions | None = None) -> Analysis:
    """Analyse an article given as a string of plain text or HTML."""
    from .ingest.sniff import document_from_text

    if not isinstance(text, str):
        raise ConfigError(f"must be a str, not {type(text).__name__}", input="text")
    return analyze_document(document_from_text(text, uri=uri), stages=stages, model=model,
                            options=options)


def analyze_many(paths: _Iterable[str | _Path], options: AnalyzeOptions | None = None, *,
                 exclude: _Iterable[str | _Path] = ()) -> _Iterator[Analysis | Failure]:
    """Analyse every article in `paths` (files, folders, globs, "-" for stdin), in order.
    An input that fails yields a Failure naming it; the rest go on. Files in `exclude` (e.g.
    an output file inside an input folder) are not read."""
    from .ingest import iter_documents

    if isinstance(paths, (str, _Path)):
        paths = [paths]
    runner = _public(_runner)(_options(options, None, None))
    items = runner.run(iter_documents(paths, max_mb=runner.limits.max_input_mb, exclude=exclude))
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except NewstraceError:
            raise
        except Exception as exc:
            raise InternalError(f"internal error in analyze_many(): {exc!r}") from exc
        yield item


@_public
def open_corpus(url: str | _Path | None = None, *, create: bool = True):
    """Open (migrating as needed) a corpus store: a SQLite file path (default
    `newstrace.db`), `sqlite:///…`, or `postgresql://…`. Returns a `newstrace.store.Store`.
    `create=False`: a SQLite file that does not exist is a StoreError, not a new database."""
    from .store import Store

    return Store(url, create=create)


__all__ = [
    "AgentRef",
    "AnalysisTimeout",
    "Analysis",
    "AnalyzeOptions",
    "Article",
    "BinaryInput",
    "Claim",
    "ClusterUnreachable",
    "ConfigError",
    "DecodeError",
    "Document",
    "EmptyInput",
    "Entity",
    "Event",
    "Failure",
    "GoldFileError",
    "InputError",
    "InputNotFound",
    "InputTooLarge",
    "InternalError",
    "Limits",
    "MalformedInput",
    "Meta",
    "ModelNotFound",
    "NewstraceError",
    "NoArticleFound",
    "NotStored",
    "QueryError",
    "Quote",
    "ReportedSpeech",
    "Source",
    "StoreError",
    "UnsupportedLanguage",
    "__version__",
    "analyze",
    "analyze_document",
    "analyze_many",
    "analyze_text",
    "open_corpus",
]
