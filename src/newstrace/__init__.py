"""newstrace: read news the way a careful editor does.

Public API (everything not in `__all__` is private):

    analyze(path, stages="all")           one article from a file → Analysis
    analyze_text(text, uri="<text>")      one article from a string → Analysis
    analyze_many(paths, options)          many inputs → Analysis or Failure, in order
    open_corpus(url="newstrace.db")       a corpus store (SQLite file or postgresql://…)
"""

from collections.abc import Iterable as _Iterable, Iterator as _Iterator
from pathlib import Path as _Path

from .errors import (
    BinaryInput,
    DecodeError,
    EmptyInput,
    GoldFileError,
    InputError,
    InputNotFound,
    InputTooLarge,
    MalformedInput,
    ModelNotFound,
    NewstraceError,
    NoArticleFound,
    NotStored,
    QueryError,
    StoreError,
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
from .pipeline import AnalyzeOptions, Runner as _Runner

__version__ = "0.1.0"

_runners: dict[tuple, _Runner] = {}


def _runner(options: AnalyzeOptions) -> _Runner:
    """A Runner per distinct options (components are built once per process)."""
    if options.config:
        return _Runner(options)
    key = (options.stages, options.model, options.batch_size, options.n_process)
    if key not in _runners:
        _runners[key] = _Runner(options)
    return _runners[key]


def _options(options: AnalyzeOptions | None, stages: str | None, model: str | None) -> AnalyzeOptions:
    options = options or AnalyzeOptions()
    if stages is not None or model is not None:
        options = AnalyzeOptions(
            stages=stages if stages is not None else options.stages,
            model=model if model is not None else options.model,
            batch_size=options.batch_size,
            n_process=options.n_process,
            config=options.config,
        )
    return options


def analyze_document(document: Document, *, stages: str | None = None, model: str | None = None,
                     options: AnalyzeOptions | None = None) -> Analysis:
    """Analyse one Document; raises a NewstraceError if it cannot be analysed."""
    from .clean import clean

    runner = _runner(_options(options, stages, model))
    article = clean(document)
    if "parse" not in runner.stages:
        return runner.analyze_clean(article)
    return runner.analyze_doc(article, runner.nlp(article.text))


def analyze(path: str | _Path, *, stages: str | None = None, model: str | None = None,
            options: AnalyzeOptions | None = None) -> Analysis:
    """Analyse the one article in `path` (text, HTML, .html.gz, a one-record JSON Lines file)."""
    from .ingest import read_documents

    documents = read_documents(path)
    if len(documents) != 1:
        raise InputError(
            f"holds {len(documents)} articles; use analyze_many() or `newstrace analyze` on it",
            input=str(path),
        )
    return analyze_document(documents[0], stages=stages, model=model, options=options)


def analyze_text(text: str, *, uri: str = "<text>", stages: str | None = None,
                 model: str | None = None, options: AnalyzeOptions | None = None) -> Analysis:
    """Analyse an article given as a string of plain text or HTML."""
    from .ingest.sniff import document_from_text

    return analyze_document(document_from_text(text, uri=uri), stages=stages, model=model,
                            options=options)


def analyze_many(paths: _Iterable[str | _Path], options: AnalyzeOptions | None = None
                 ) -> _Iterator[Analysis | Failure]:
    """Analyse every article in `paths` (files, folders, globs, "-" for stdin), in order.
    An input that fails yields a Failure naming it; the rest go on."""
    from .ingest import iter_documents

    yield from _runner(options or AnalyzeOptions()).run(iter_documents(paths))


def open_corpus(url: str | _Path | None = None):
    """Open (creating and migrating as needed) a corpus store: a SQLite file path (default
    `newstrace.db`), `sqlite:///…`, or `postgresql://…`. Returns a `newstrace.store.Store`."""
    from .store import Store

    return Store(url)


__all__ = [
    "AgentRef",
    "Analysis",
    "AnalyzeOptions",
    "Article",
    "BinaryInput",
    "Claim",
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
    "__version__",
    "analyze",
    "analyze_document",
    "analyze_many",
    "analyze_text",
    "open_corpus",
]
