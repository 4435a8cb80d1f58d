"""The web pages: server-rendered Jinja templates (autoescaped) over the same library calls as
the REST routes."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from .. import analyze_text
from ..corpus import TraceOptions, stored_story
from ..errors import BadRequest, QueryError
from ..model import EVIDENCE_LABELS
from ..store import SearchFilters
from .render import article_view
from .rest import EventType, Kind, Outlet, Since, Speaker, Until, trace_of

router = APIRouter(include_in_schema=False)

PAGE = 20


def _render(request: Request, name: str, context: dict, status: int = 200) -> HTMLResponse:
    api = request.app.state.api
    context = {"read_only": api.read_only, "evidence_labels": EVIDENCE_LABELS, **context}
    return request.app.state.templates.TemplateResponse(request, name, context,
                                                        status_code=status)


@router.get("/", response_class=HTMLResponse)
def home(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    kind: Annotated[str, Query(max_length=20)] = "", speaker: Speaker = None,
    outlet: Outlet = None, since: Since = None, until: Until = None,
    evidence: Annotated[str, Query(max_length=20)] = "", event_type: EventType = None,
    page: Annotated[int, Query(ge=1, le=10**6)] = 1,
) -> HTMLResponse:
    """Search with the filters as facets; recent articles; story clusters. An empty facet
    (as a form sends it) is no filter."""
    store = request.app.state.api.store
    problem = None
    if kind and kind not in {k.value for k in Kind}:
        problem, kind = f"unknown kind {kind!r}; choose from article, quote, claim", ""
    if evidence and evidence not in EVIDENCE_LABELS:
        problem, evidence = (f"unknown evidence label {evidence!r}; choose from "
                             f"{', '.join(EVIDENCE_LABELS)}"), ""
    filters = SearchFilters(kind=kind or None, speaker=speaker or None,
                            outlet=outlet or None, since=since or None, until=until or None,
                            evidence=evidence or None, event_type=event_type or None)
    hits = None
    if q.strip():
        try:
            hits = store.search(q, filters, limit=50)
        except QueryError as exc:
            problem = exc.reason
    listing = store.list_articles(
        SearchFilters(speaker=filters.speaker, outlet=filters.outlet, since=filters.since,
                      until=filters.until, evidence=filters.evidence,
                      event_type=filters.event_type),
        offset=(page - 1) * PAGE, limit=PAGE)
    stories = store.clusters()[:30]
    groups = store.duplicates()[:20]
    outlets = {r.id: r for r in store.articles(ids={m for g in groups for m in g.members})}
    form = {"q": q, "kind": kind, "speaker": speaker or "", "outlet": outlet or "",
            "since": since or "", "until": until or "", "evidence": evidence,
            "event_type": event_type or ""}
    query = {k: v for k, v in form.items() if v and k != "q"}

    def page_url(n: int) -> str:
        return "/?" + urlencode({**query, "page": n})

    return _render(request, "home.html", {"hits": hits, "listing": listing, "page": page,
                                          "pages": max(1, -(-listing.total // PAGE)),
                                          "stories": stories, "groups": groups,
                                          "outlets": outlets, "form": form,
                                          "page_url": page_url,
                                          "problem": problem})


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request,
                 article_id: Annotated[str, Path(max_length=100)]) -> HTMLResponse:
    """One stored article: highlighted text, panels, its copies and story."""
    store = request.app.state.api.store
    analysis = store.analysis(article_id)
    group = store.duplicates_of(article_id)
    story = store.story_of(article_id)
    related = {r.id: r for r in store.articles(ids=group.members)} if group else {}
    return _render(request, "article.html", {"view": article_view(analysis), "stored": True,
                                             "group": group, "related": related,
                                             "story": story})


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request,
               story_id: Annotated[int, Path(ge=0, le=2**62)]) -> HTMLResponse:
    store = request.app.state.api.store
    story = stored_story(store, story_id)
    records = {r.id: r for r in store.articles(ids=[m.id for m in story.members])}
    return _render(request, "story.html", {"story": story, "records": records})


@router.get("/claims/{claim_ref:path}", response_class=HTMLResponse)
def claim_page(request: Request, claim_ref: Annotated[str, Path(max_length=200)],
               threshold: Annotated[float, Query(ge=0, le=100)] = TraceOptions().threshold
               ) -> HTMLResponse:
    store = request.app.state.api.store
    trace = trace_of(store, claim_ref, threshold, None)
    return _render(request, "claim.html", {"trace": trace, "threshold": threshold})


@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request) -> HTMLResponse:
    return _render(request, "analyze.html", {"text": ""})


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_page(request: Request,
                       text: Annotated[str, Form(max_length=25 * 1024 * 1024)] = ""
                       ) -> HTMLResponse:
    """The paste box: analyse the pasted article (not stored) and show the article view."""
    if not text.strip():
        raise BadRequest("paste the text or HTML of an article first", input="/analyze")
    api = request.app.state.api

    def run():
        with api.nlp_lock:
            return analyze_text(text, uri="<pasted>", options=api.options)

    analysis = await run_in_threadpool(run)
    return _render(request, "article.html", {"view": article_view(analysis), "stored": False,
                                             "group": None, "related": {}, "story": None})
