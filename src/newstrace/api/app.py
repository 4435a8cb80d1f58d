"""The FastAPI application: REST endpoints under /api/v1, the web pages, the vendored static
files, and the guards every request passes (body size, API token, security headers, errors
as JSON with NT codes).

Everything a route does is one call into the library (newstrace.analyze_document,
newstrace.open_corpus → Store, newstrace.corpus); this package only translates HTTP.
"""

from __future__ import annotations

import hmac
import logging
import os
import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import (
    ApiError,
    BadRequest,
    BinaryInput,
    InputError,
    InputNotFound,
    InputTooLarge,
    MalformedInput,
    ModelNotFound,
    NewstraceError,
    NotStored,
    QueryError,
    ReadOnly,
    RequestTooLarge,
    RouteNotFound,
    Unauthorized,
)
from ..pipeline import AnalyzeOptions

HERE = Path(__file__).parent
TOKEN_ENV = "NEWSTRACE_API_TOKEN"
MAX_BODY = 25 * 1024 * 1024  # bytes; a larger request body gets 413
_FROM_ENV: Any = object()

log = logging.getLogger("newstrace.api")

#: The Content-Security-Policy of every response: no inline script, nothing from elsewhere.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")
#: /docs (Swagger UI) sets inline style attributes; its scripts still come from static/ only.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class ApiState:
    """What the routes share: the store, the token, the analysis options, one lock around
    the spaCy pipeline (it is not made for concurrent calls)."""

    def __init__(self, store, token: str | None, options: AnalyzeOptions) -> None:
        self.store = store
        self.token = token or None
        self.options = options
        self.nlp_lock = threading.Lock()

    @property
    def read_only(self) -> bool:
        return self.token is None

    def check_token(self, request: Request) -> None:
        """Refuse a write without the right bearer token (constant-time compare)."""
        if self.token is None:
            raise ReadOnly(f"this server is read-only: start it with {TOKEN_ENV} set to "
                           "accept writes", input=request.url.path)
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not given:
            raise Unauthorized("send the API token as 'Authorization: Bearer <token>'",
                               input=request.url.path)
        if not hmac.compare_digest(given.strip().encode("utf-8"), self.token.encode("utf-8")):
            raise Unauthorized("wrong API token", input=request.url.path)


def http_url(url: str | None) -> str | None:
    """The URL when it is http(s), else None: a stored URL never becomes a javascript: or
    data: link on a page."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def status_of(exc: NewstraceError) -> int:
    """The HTTP status of a library error."""
    if isinstance(exc, ApiError):
        return exc.status
    if isinstance(exc, NotStored | InputNotFound):
        return 404
    if isinstance(exc, InputTooLarge):
        return 413
    if isinstance(exc, BinaryInput):
        return 415
    if isinstance(exc, QueryError | MalformedInput):
        return 400
    if isinstance(exc, InputError):
        return 422
    if isinstance(exc, ModelNotFound):
        return 503
    return 500


def error_body(code: str, message: str, status: int, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "status": status, **extra}}


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/health" or path.startswith("/openapi")


class BodyLimit:
    """ASGI middleware: a body over `limit` bytes gets 413 (from Content-Length before it is
    read, or while a chunked body streams in)."""

    def __init__(self, app, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None:
            try:
                too_big = int(length) > self.limit
            except ValueError:
                too_big = False
            if too_big:
                return await self._reject(scope, receive, send, int(length))
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise RequestTooLarge(f"the request body is over {self.limit} bytes",
                                          input=scope.get("path"))
            return message

        started = False

        async def sending(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            return await self.app(scope, limited, sending)
        except RequestTooLarge:
            if started:
                raise
            return await self._reject(scope, receive, send, seen)

    async def _reject(self, scope, receive, send, size: int):
        exc = RequestTooLarge(f"the request body is {size} bytes, over the limit of "
                              f"{self.limit} bytes", input=scope.get("path"))
        response = JSONResponse(error_body(exc.code, str(exc), 413), status_code=413,
                                headers={"Connection": "close", **security_headers(False)})
        await response(scope, receive, send)


class SecurityHeaders:
    """ASGI middleware: the CSP and the other security headers on every response."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        extra = [(k.lower().encode("latin-1"), v.encode("latin-1"))
                 for k, v in security_headers(scope.get("path") == "/docs").items()]

        async def sending(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in extra if k not in names]
            await send(message)

        return await self.app(scope, receive, sending)


def security_headers(docs: bool) -> dict[str, str]:
    return {"Content-Security-Policy": DOCS_CSP if docs else CSP,
            "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
            "X-Frame-Options": "DENY", "Cross-Origin-Opener-Policy": "same-origin"}


def create_app(db: str | Path | None = None, *, store=None, token: str | None = _FROM_ENV,
               options: AnalyzeOptions | None = None, max_body: int = MAX_BODY) -> FastAPI:
    """The newstrace web service over the corpus store at `db` (a SQLite file, default
    `newstrace.db`, or `postgresql://…`), or over an open `store`. `token`: the API token
    write endpoints require (default: $NEWSTRACE_API_TOKEN; None: read-only)."""
    from .. import open_corpus

    if token is _FROM_ENV:
        token = os.environ.get(TOKEN_ENV) or None
    state = ApiState(store if store is not None else open_corpus(db), token,
                     options or AnalyzeOptions())
    app = FastAPI(
        title="newstrace",
        version=__version__,
        summary="Quotes, claims, evidence, events and how stories travel, over HTTP.",
        description="REST API of newstrace: every route calls one function of the Python "
                    "library (see docs/api.md). Write endpoints need `Authorization: Bearer "
                    f"<token>` with the token in ${TOKEN_ENV}. Errors are JSON "
                    '`{"error": {"code": "NT…", "message": …, "status": …}}`.',
        docs_url=None, redoc_url=None,
    )
    app.state.api = state
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["version"] = __version__
    templates.env.filters["http_url"] = http_url
    app.state.templates = templates

    def render_error(request: Request, status: int, code: str, message: str,
                     **extra: Any) -> Response:
        if wants_json(request):
            return JSONResponse(error_body(code, message, status, **extra), status_code=status)
        return templates.TemplateResponse(request, "error.html",
                                          {"status": status, "code": code, "message": message},
                                          status_code=status)

    @app.exception_handler(NewstraceError)
    async def newstrace_error(request: Request, exc: NewstraceError):
        status = status_of(exc)
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        extra = {"headers": {"WWW-Authenticate": "Bearer"}} if status == 401 else {}
        message = str(exc)
        if exc.input and exc.input == getattr(state.store, "url", None):
            message = f"[{exc.code}] {exc.reason}"  # never show the database URL to clients
        if status >= 500 and not isinstance(exc, ModelNotFound):
            message = f"[{exc.code}] {request.url.path}: a server fault; see the server log"
        response = render_error(request, status, exc.code, message)
        response.headers.update(extra.get("headers", {}))
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code in (404, 405):
            err = RouteNotFound(f"no {request.method} {request.url.path} here; the API is "
                                "described at /docs", input=request.url.path)
            return render_error(request, exc.status_code, err.code, str(err))
        return render_error(request, exc.status_code, BadRequest.code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        problems = [{"where": ".".join(str(x) for x in e.get("loc", ())), "problem": e.get("msg")}
                    for e in exc.errors()]
        text = "; ".join(f"{p['where']}: {p['problem']}" for p in problems)
        return render_error(request, 422, BadRequest.code,
                            f"[{BadRequest.code}] {request.url.path}: {text}", problems=problems)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return render_error(request, 500, "NT099",
                            f"[NT099] {request.url.path}: internal error "
                            f"({type(exc).__name__}); see the server log")

    from .pages import router as pages_router
    from .rest import router as rest_router

    app.include_router(rest_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse((HERE / "templates" / "docs.html").read_text(encoding="utf-8"))

    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, limit=max_body)
    if state.read_only:
        log.warning("no %s set: serving read-only (POST /api/v1/articles is refused)",
                    TOKEN_ENV)
    return app
