"""The web application: ``create_app(db_path)`` serves a store read-only as HTML pages and a JSON API.

Every page is a context built by one function of :mod:`newstrace.web.pages`;
this module only wires routes, renders contexts (HTML, JSON, CSV) and turns
errors into one shape: ``{"error": {"code", "message", "status"}}`` for JSON,
an error page for HTML.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from newstrace import __version__
from newstrace.errors import ErrorCode, NewstraceError, StoreError
from newstrace.store import Store
from newstrace.store.migrations import MIGRATIONS
from newstrace.web import render
from newstrace.web.pages.common import Page
from newstrace.web.routes import add_routes

STATIC = Path(__file__).parent / "static"
BROWSING = "0006_browse_indexes"  # the migration whose indexes and tallies the pages need
STATUS = {ErrorCode.NOT_FOUND: 404, ErrorCode.BAD_QUERY: 400}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
NAV = (("/stories", "Stories"), ("/quotes", "Quotes"), ("/speakers", "Speakers"), ("/outlets", "Outlets"),
       ("/articles", "Articles"), ("/runs", "Runs"), ("/api", "API"))


def open_read_only(path: str | Path) -> Store:
    """Open a store file read-only, first applying pending schema migrations when the file is writable.

    A store written by an older newstrace lacks the newest tables; migrating it is
    the only write ever made, and happens before the read-only connection opens.
    """
    if not Path(path).is_file():
        raise StoreError(ErrorCode.NOT_FOUND, f"no store at {path}")
    store = Store(path, read_only=True)
    if set(name for name, _ in MIGRATIONS) <= set(store.migrations()):
        return store
    store.close()
    with contextlib.suppress(StoreError):  # a read-only file: serve what it has
        Store(path).close()
    store = Store(path, read_only=True)
    if BROWSING not in store.migrations():  # the pages read its tallies
        store.close()
        raise StoreError(ErrorCode.UNREADABLE, f"{path} was written by an older newstrace and cannot be updated "
                                               f"here (read-only?): open it once with write access, for example "
                                               f"`newstrace articles --db {path}`, then serve it")
    return store


def create_app(db: str | Path | Store) -> FastAPI:
    """The app over a store: a path (opened read-only) or an open :class:`Store`."""
    store = db if isinstance(db, Store) else open_read_only(db)
    app = FastAPI(
        title="newstrace", version=__version__, docs_url=None, redoc_url=None, openapi_url="/openapi.json",
        description="Read-only JSON API over a newstrace store: every HTML page has a `.json` twin built "
                    "from the same data; lists return `{\"rows\": [...], ...}`. Errors: "
                    "`{\"error\": {\"code\", \"message\", \"status\"}}`.",
    )
    app.state.store = store
    app.state.lock = threading.Lock()
    env = render.make_env()
    app.state.render = lambda request, page, fmt: _render(env, request, page, fmt)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    add_routes(app)
    _add_error_handlers(app, env)
    _add_headers(app)
    app.router.add_event_handler("shutdown", store.close)
    return app


def _render(env: Any, request: Request, page: Page, fmt: str) -> Response:
    if fmt == "json":
        return Response(render.to_json(page.data), media_type="application/json")
    if fmt == "csv":
        if page.table is None:
            raise NewstraceError(ErrorCode.NOT_FOUND, "this page has no table to export as CSV")
        return Response(render.to_csv(page.data[page.table]), media_type="text/csv; charset=utf-8")
    html = env.get_template(page.template).render(page=page, data=page.data, request=request, nav=NAV)
    return HTMLResponse(html)


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.endswith((".json", ".csv")) or request.query_params.get("format") in ("json", "csv")


def _error(env: Any, request: Request, status: int, code: str, message: str) -> Response:
    body = {"error": {"code": code, "message": message, "status": status}}
    if _wants_json(request):
        return Response(render.to_json(body), status_code=status, media_type="application/json")
    page = Page("error.html", f"Error {status}", body)
    html = env.get_template("error.html").render(page=page, data=body, request=request, nav=NAV)
    return HTMLResponse(html, status_code=status)


def _add_error_handlers(app: FastAPI, env: Any) -> None:
    async def known(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, NewstraceError)
        return _error(env, request, STATUS.get(exc.code, 500), exc.code.value, exc.reason)

    async def http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        code = ErrorCode.NOT_FOUND.value if exc.status_code == 404 else "http"
        message = "no such page" if exc.status_code == 404 else str(exc.detail)
        return _error(env, request, exc.status_code, code, message)

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return _error(env, request, 400, ErrorCode.BAD_QUERY.value, f"bad parameters: {problems}")

    async def internal(request: Request, exc: Exception) -> Response:
        return _error(env, request, 500, ErrorCode.INTERNAL.value, f"internal error: {type(exc).__name__}")

    app.add_exception_handler(NewstraceError, known)
    app.add_exception_handler(HTTPException, http)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(Exception, internal)


def _add_headers(app: FastAPI) -> None:
    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response
