"""Outlet pages: every outlet's coverage, and one outlet's: volume, who it quotes, where it was first."""

from __future__ import annotations

from typing import Any

from newstrace.store import Store, tallies
from newstrace.store import browse as sql
from newstrace.web.pages import stories
from newstrace.web.pages.common import Page, not_found


def outlets_page(store: Store) -> Page:
    """``/outlets``: outlets by number of articles, with quotes and date span."""
    rows = tallies.outlet_rows(store.db)
    return Page("outlets.html", "Outlets", {"rows": rows, "total": len(rows)}, table="rows")


def outlet_page(store: Store, name: str) -> Page:
    """``/outlets/{name}``: coverage over time, latest articles, who it quotes, where it was first or absent."""
    latest = sql.article_rows(store.db, sql.ArticleFilter(outlet=name, limit=20))
    if not latest:
        raise not_found(f"no articles from an outlet named {name!r}")
    data: dict[str, Any] = {
        "name": latest[0]["outlet"],
        "articles": tallies.article_total(store.db, outlet=name),
        "volume": tallies.volume(store.db, outlet=name),
        "latest": [{k: r[k] for k in ("id", "title", "published", "published_partial", "language")} for r in latest],
        "quotes": tallies.outlet_speakers(store.db, name),
        "first": sql.first_reports(store.db, name),
        "stories": stories.outlet_coverage(store, name),
    }
    return Page("outlet.html", data["name"], data, table="quotes")
