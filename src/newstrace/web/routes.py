"""The routes: one endpoint per page, each served as HTML, as its ``.json`` twin and (tables) as ``.csv``.

An endpoint only reads its parameters and calls one page function; the
wrapper made by :func:`page_route` renders the returned :class:`Page` in the
format the path asks for.  Only the JSON twins appear in the OpenAPI description.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import Response

from newstrace.store import Store
from newstrace.web.pages import articles, outlets, quotes, runs, stories
from newstrace.web.pages.common import Page, Paging, not_found

Endpoint = Callable[..., Page]

PageNo = Annotated[int, Query(description="Page number, from 1.")]
PerPage = Annotated[int, Query(description="Rows per page (at most 200).")]
Text = Annotated[str | None, Query()]
Q = Annotated[str | None, Query(description="Full-text query (SQLite FTS5 syntax: words, \"phrase\", OR, NOT, pre*).")]
Since = Annotated[str | None, Query(description="Published on or after YYYY-MM-DD.")]
Until = Annotated[str | None, Query(description="Published on or before YYYY-MM-DD.")]


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def page_route(app: FastAPI, path: str, *, summary: str, csv: bool = True) -> Callable[[Endpoint], Endpoint]:
    """Register ``endpoint`` at ``path`` (HTML), ``path.json`` (API) and, for tables, ``path.csv``."""
    base = "/index" if path == "/" else path

    def register(endpoint: Endpoint) -> Endpoint:
        app.add_api_route(base + ".json", _wrap(endpoint, "json"), methods=["GET"], summary=summary,
                          response_model=None, name=endpoint.__name__ + "_json", tags=["pages"])
        if csv:
            app.add_api_route(base + ".csv", _wrap(endpoint, "csv"), methods=["GET"], response_model=None,
                              include_in_schema=False, name=endpoint.__name__ + "_csv")
        app.add_api_route(path, _wrap(endpoint, "html"), methods=["GET"], response_model=None,
                          include_in_schema=False, name=endpoint.__name__)
        return endpoint

    return register


def _wrap(endpoint: Endpoint, fmt: str) -> Callable[..., Response]:
    @functools.wraps(endpoint)
    def handler(**kwargs: Any) -> Response:
        request: Request = kwargs["request"]
        asked = request.query_params.get("format")
        chosen = asked if asked in ("json", "csv") else fmt
        with request.app.state.lock:
            page = endpoint(**kwargs)
        render: Callable[[Request, Page, str], Response] = request.app.state.render
        return render(request, page, chosen)

    handler.__annotations__ = {**endpoint.__annotations__, "return": Response}
    return handler


def add_routes(app: FastAPI) -> None:  # noqa: C901 - one short endpoint per page
    """Every page of the UI, in the order of the navigation."""

    @page_route(app, "/", summary="Front page: storylines and an overview of the store")
    def home(request: Request, q: Q = None, outlet: Text = None, language: Text = None, since: Since = None,
             until: Until = None, sort: Text = "recent", page: PageNo = 1, per_page: PerPage = 50) -> Page:
        query = stories.StoryQuery(q, outlet, language, since, until, sort or "recent")
        return stories.stories_page(store_of(request), query, Paging(page, per_page))

    @page_route(app, "/stories", summary="Storylines by recency or size, with counts, span and volume")
    def story_list(request: Request, q: Q = None, outlet: Text = None, language: Text = None, since: Since = None,
                   until: Until = None, sort: Text = "recent", page: PageNo = 1, per_page: PerPage = 50) -> Page:
        query = stories.StoryQuery(q, outlet, language, since, until, sort or "recent")
        return stories.stories_page(store_of(request), query, Paging(page, per_page))

    @page_route(app, "/stories/{story_id}", summary="One story: timeline, events, outlets, statements")
    def story(request: Request, story_id: str) -> Page:
        return stories.story_page(store_of(request), story_id)

    @page_route(app, "/quotes", summary="Full-text search over quotes, with speaker, outlet, kind and date facets")
    def quote_search(request: Request, q: Q = None, speaker: Text = None, outlet: Text = None, kind: Text = None,
                     since: Since = None, until: Until = None, page: PageNo = 1, per_page: PerPage = 50) -> Page:
        query = quotes.QuoteQuery(q, speaker, outlet, kind, since, until)
        return quotes.quotes_page(store_of(request), query, Paging(page, per_page))

    @page_route(app, "/speakers", summary="Speakers by number of quotes")
    def speaker_list(request: Request, name: Text = None, page: PageNo = 1, per_page: PerPage = 50) -> Page:
        return quotes.speakers_page(store_of(request), name, Paging(page, per_page))

    @page_route(app, "/speakers/{name}", summary="What one speaker said over time, who quotes them, their names")
    def speaker(request: Request, name: str, page: PageNo = 1, per_page: PerPage = 50) -> Page:
        return quotes.speaker_page(store_of(request), name, Paging(page, per_page))

    @page_route(app, "/outlets", summary="Outlets with article and quote counts and date span")
    def outlet_list(request: Request) -> Page:
        return outlets.outlets_page(store_of(request))

    @page_route(app, "/outlets/{name}", summary="One outlet: coverage, who it quotes, where it was first")
    def outlet(request: Request, name: str) -> Page:
        return outlets.outlet_page(store_of(request), name)

    @page_route(app, "/articles", summary="Articles, newest first, with search and outlet/language/date facets")
    def article_list(request: Request, q: Q = None, outlet: Text = None, language: Text = None, since: Since = None,
                     until: Until = None, page: PageNo = 1, per_page: PerPage = 50) -> Page:
        query = articles.ArticleQuery(q, outlet, language, since, until)
        return articles.articles_page(store_of(request), query, Paging(page, per_page))

    @page_route(app, "/articles/{article_id}", summary="One article: text, quotes, dates, sources, copies", csv=False)
    def article(request: Request, article_id: str) -> Page:
        return articles.article_page(store_of(request), article_id)

    @page_route(app, "/runs", summary="Ingest runs and failures with their reasons")
    def run_list(request: Request, page: PageNo = 1, per_page: PerPage = 50) -> Page:
        return runs.runs_page(store_of(request), Paging(page, per_page))

    @page_route(app, "/api", summary="This list of JSON endpoints", csv=False)
    def api(request: Request) -> Page:
        return api_page(request.app)


def api_page(app: FastAPI) -> Page:
    """``/api``: every JSON endpoint with its parameters, from the OpenAPI description."""
    rows = []
    for path, item in app.openapi()["paths"].items():
        operation = item.get("get", {})
        params = [{"name": p["name"], "in": p["in"], "description": p.get("description", "")}
                  for p in operation.get("parameters", [])]
        rows.append({"path": path, "summary": operation.get("summary", ""), "parameters": params})
    if not rows:
        raise not_found("no API")
    return Page("api.html", "JSON API", {"rows": rows, "openapi": "/openapi.json"})
