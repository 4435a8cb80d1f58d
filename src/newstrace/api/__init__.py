"""The web service: REST API under /api/v1 and the web pages (FastAPI, Jinja templates,
vendored static files). `create_app(db)` builds it; `newstrace serve` runs it with uvicorn.
Needs the `serve` extra (fastapi, uvicorn, jinja2)."""

from .app import CSP, MAX_BODY, TOKEN_ENV, create_app

__all__ = ["CSP", "MAX_BODY", "TOKEN_ENV", "create_app"]
