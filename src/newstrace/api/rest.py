"""REST endpoints under /api/v1 (and /health). Each is one library call: see docs/api.md for
the Python twin of every route."""

from __future__ import annotations

from dataclasses import replace
from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse

from .. import __version__, analyze_document
from ..corpus import TraceOptions, stored_story, trace_claim
from ..corpus.trace import find_claim
from ..errors import BadRequest, NotStored
from ..ingest import read_bytes, read_json_records
from ..ingest.paths import _error_of as error_of
from ..ingest.sniff import max_bytes
from ..model import EVIDENCE_LABELS, Document, Failure
from ..pipeline import AnalyzeOptions
from ..store import SearchFilters

router = APIRouter()

Evidence = Enum("Evidence", {x: x for x in EVIDENCE_LABELS}, type=str)  # type: ignore[misc]


class Kind(str, Enum):
    article = "article"
    quote = "quote"
    claim = "claim"


JSON_TYPES = {"application/json"}
RAW_TYPES = {"text/plain", "text/html", "application/xhtml+xml", "application/x-ndjson",
             "application/jsonl", "application/x-jsonlines", "application/octet-stream",
             "application/rss+xml", "application/atom+xml", "application/xml", "text/xml"}

RECORD_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": 'A JSON Lines record: "text" or "html", plus optional id, url, title, date, '
                   "outlet.",
    "properties": {k: {"type": "string"} for k in
                   ("text", "html", "id", "url", "title", "date", "outlet")},
}


def _body_doc(many: bool) -> dict[str, Any]:
    json_schema = ({"oneOf": [RECORD_SCHEMA, {"type": "array", "items": RECORD_SCHEMA}]}
                   if many else RECORD_SCHEMA)
    return {"requestBody": {"required": True, "content": {
        "text/plain": {"schema": {"type": "string"}},
        "text/html": {"schema": {"type": "string"}},
        "application/json": {"schema": json_schema},
    }}}


def _error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    what = {400: "Bad request (NT051, NT032, NT007)", 401: "Missing or wrong token (NT052)",
            403: "Server is read-only (NT053)", 404: "Not stored (NT031)",
            413: "Body or input too large (NT055, NT005)", 415: "Unsupported body (NT003)",
            422: "Invalid parameters or no article in the input (NT051, NT002, NT006)"}
    schema = {"type": "object", "properties": {"error": {"type": "object", "properties": {
        "code": {"type": "string"}, "message": {"type": "string"},
        "status": {"type": "integer"}}}}}
    return {c: {"description": what[c], "content": {"application/json": {"schema": schema}}}
            for c in codes}


def _api(request: Request):
    return request.app.state.api


async def _documents(request: Request, uri: str) -> list[Document | Failure]:
    """The articles in a request body (a JSON record or list of records, or text, HTML,
    JSON Lines, a feed …), read by the library's readers."""
    body = await request.body()
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype in JSON_TYPES:
        return read_json_records(body, uri)
    if ctype and ctype not in RAW_TYPES:
        err = BadRequest(f"cannot read a {ctype} body; send text/plain, text/html or "
                         "application/json", input=request.url.path)
        err.status = 415
        raise err
    return list(read_bytes(body, uri, max_bytes()))


def _one_document(items: list[Document | Failure], uri: str) -> Document:
    if len(items) != 1:
        raise BadRequest(f"holds {len(items)} articles; POST them to /api/v1/articles, or "
                         "one at a time here", input=uri)
    item = items[0]
    if isinstance(item, Failure):
        raise error_of(item)
    return item


@router.post("/api/v1/analyze", tags=["analysis"], openapi_extra=_body_doc(False),
             responses=_error_responses(400, 413, 415, 422))
async def analyze_endpoint(
    request: Request,
    stages: Annotated[str, Query(description="As `newstrace analyze --stages`.",
                                 max_length=200)] = "all",
    uri: Annotated[str, Query(description="The name the article's source gets.",
                              max_length=2000)] = "<request>",
) -> JSONResponse:
    """Analyse one article (plain text, HTML, or a JSON record) without storing it; the
    same JSON as `newstrace analyze --format json`. Python: `newstrace.analyze_document()`."""
    api = _api(request)
    try:
        options = AnalyzeOptions(stages=stages, model=api.options.model)
        options.stage_list()
    except ValueError as exc:
        raise BadRequest(str(exc), input="stages") from None
    document = _one_document(await _documents(request, uri), uri)
    from starlette.concurrency import run_in_threadpool

    def run():
        with api.nlp_lock:
            return analyze_document(document, options=options)

    analysis = await run_in_threadpool(run)
    return JSONResponse(analysis.to_dict())


@router.post("/api/v1/articles", tags=["corpus"], openapi_extra=_body_doc(True), status_code=201,
             responses=_error_responses(400, 401, 403, 413, 415, 422))
async def ingest_endpoint(
    request: Request,
    stages: Annotated[str, Query(description="As `newstrace ingest --stages`.",
                                 max_length=200)] = "all",
    uri: Annotated[str, Query(description="The source name stored with the articles.",
                              max_length=2000)] = "<request>",
) -> JSONResponse:
    """Analyse and store the articles in the body (a JSON record, a list of records, text,
    HTML or JSON Lines); needs the API token. Returns the ingest summary with the stored
    article `ids`: 201 when articles were added, 200 when all were stored already.
    Python: `newstrace.open_corpus(db).ingest_documents(documents, options)`."""
    api = _api(request)
    api.check_token(request)
    try:
        options = AnalyzeOptions(stages=stages, model=api.options.model,
                                 batch_size=api.options.batch_size)
        options.stage_list()
    except ValueError as exc:
        raise BadRequest(str(exc), input="stages") from None
    items = await _documents(request, uri)
    from starlette.concurrency import run_in_threadpool

    def run():
        with api.nlp_lock:
            return api.store.ingest_documents(items, options)

    summary = await run_in_threadpool(run)
    body = summary.to_dict()
    if not summary.ids and summary.failures:
        first = summary.failures[0]
        return JSONResponse({"error": {"code": first.code, "message": first.message,
                                       "status": 422}, **body}, status_code=422)
    return JSONResponse(body, status_code=201 if summary.added else 200)


def _filters(kind: Kind | None, speaker, outlet, since, until, evidence, event_type
             ) -> SearchFilters:
    return SearchFilters(kind=kind.value if kind else None, speaker=speaker, outlet=outlet,
                         since=since, until=until,
                         evidence=evidence.value if evidence else None, event_type=event_type)


Text = Annotated[str | None, Query(max_length=200)]
Speaker = Annotated[str | None, Query(max_length=200, description="Speaker or claimant "
                                      "(case-insensitive substring).")]
Outlet = Annotated[str | None, Query(max_length=200, description="Outlet (substring).")]
Since = Annotated[str | None, Query(max_length=32, description="Published on or after "
                                    "(ISO date prefix).")]
Until = Annotated[str | None, Query(max_length=32, description="Published on or before.")]
EventType = Annotated[str | None, Query(max_length=40, description="PLOVER event type.")]


@router.get("/api/v1/articles", tags=["corpus"], responses=_error_responses(400, 422))
def list_endpoint(
    request: Request,
    speaker: Speaker = None, outlet: Outlet = None, since: Since = None, until: Until = None,
    evidence: Evidence | None = None, event_type: EventType = None,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict[str, Any]:
    """Stored articles, newest first, with the filters of `newstrace search`, paged.
    Python: `newstrace.open_corpus(db).list_articles(offset=..., limit=..., outlet=...)`."""
    page = _api(request).store.list_articles(
        _filters(None, speaker, outlet, since, until, evidence, event_type),
        offset=offset, limit=limit)
    return {"total": page.total, "offset": page.offset, "limit": page.limit,
            "articles": [a.to_dict(text=False) for a in page.articles]}


ArticleId = Annotated[str, Path(description="An article id (40 hex digits).", max_length=100)]


@router.get("/api/v1/articles/{article_id}", tags=["corpus"], responses=_error_responses(404))
def article_endpoint(request: Request, article_id: ArticleId) -> JSONResponse:
    """One stored article's analysis, the JSON of `newstrace analyze --format json`.
    Python: `newstrace.open_corpus(db).analysis(article_id)`."""
    return JSONResponse(_api(request).store.analysis(article_id).to_dict())


@router.get("/api/v1/search", tags=["corpus"], responses=_error_responses(400, 422))
def search_endpoint(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500,
                            description='Words, "phrases", or, -excluded.')],
    kind: Kind | None = None, speaker: Speaker = None, outlet: Outlet = None,
    since: Since = None, until: Until = None, evidence: Evidence | None = None,
    event_type: EventType = None, limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> dict[str, Any]:
    """Full-text search over article text, quotes and claims; the JSON of
    `newstrace search --format json`. Python: `newstrace.open_corpus(db).search(q, ...)`."""
    hits = _api(request).store.search(
        q, _filters(kind, speaker, outlet, since, until, evidence, event_type), limit=limit)
    return {"query": q, "hits": [h.to_dict() for h in hits]}


@router.get("/api/v1/stories/{story_id}", tags=["corpus"], responses=_error_responses(404))
def story_endpoint(request: Request,
                   story_id: Annotated[int, Path(ge=0, le=2**62)]) -> dict[str, Any]:
    """A story cluster (built by `newstrace clusters`): its members in time order, copies
    marked with their origin. Python: `newstrace.corpus.stored_story(store, story_id)`."""
    return stored_story(_api(request).store, story_id).to_dict()


def trace_of(store, ref: str, threshold: float, claimant: str | None):
    """A stored claim's trace (NotStored when `ref` names no stored claim)."""
    seed = find_claim(store, ref)
    if seed is None:
        raise NotStored("is not a claim id: give ARTICLE_ID/CLAIM_ID (or ARTICLE_ID:CLAIM_ID)",
                        input=ref)
    return trace_claim(store, ref, replace(TraceOptions(), threshold=threshold),
                       claimant=claimant)


@router.get("/api/v1/claims/{claim_ref:path}/trace", tags=["corpus"],
            responses=_error_responses(404, 422))
def trace_endpoint(
    request: Request,
    claim_ref: Annotated[str, Path(description="ARTICLE_ID/CLAIM_ID or ARTICLE_ID:CLAIM_ID",
                                   max_length=200)],
    threshold: Annotated[float, Query(ge=0, le=100)] = TraceOptions().threshold,
    claimant: Speaker = None,
) -> dict[str, Any]:
    """A claim's carriers across articles in time order, with the hedges and evidence labels
    each added or dropped; the JSON of `newstrace trace --format json`.
    Python: `newstrace.corpus.trace_claim(store, claim_ref)`."""
    return trace_of(_api(request).store, claim_ref, threshold, claimant).to_dict()


@router.get("/health", tags=["service"])
def health(request: Request) -> dict[str, Any]:
    """Liveness and what the server serves. Python: `newstrace.open_corpus(db).count()`."""
    api = _api(request)
    return {"status": "ok", "version": __version__, "store": api.store.dialect,
            "articles": api.store.count(), "read_only": api.read_only}
