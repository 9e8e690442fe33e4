"""Story pages: storylines with volume and span (the front page), and one story's timeline.

The stories stage (``newstrace storify``) may not have run on a store, or may
predate it: the pages then say so explicitly and the front page still shows an
overview of the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from newstrace.records import Story
from newstrace.store import Store, tallies
from newstrace.store import browse as sql
from newstrace.store import browse_stories as story_sql
from newstrace.web.pages import statements
from newstrace.web.pages.common import Page, Paging, clean, not_built, not_found

STAGE = "Stories (events, storylines and timelines)"
COMMAND = "newstrace storify"
MAX_STATEMENTS = 30  # statements of a story shown with their wordings


@dataclass(frozen=True, slots=True)
class StoryQuery:
    """The filters of ``/stories``: a text query, outlet, language, date range and sort order."""

    q: str | None = None
    outlet: str | None = None
    language: str | None = None
    since: str | None = None
    until: str | None = None
    sort: str = "recent"


def available(store: Store) -> bool:
    """Whether storylines have been built in this store."""
    return story_sql.has_rows(store.db, "storylines")


def stories_page(store: Store, query: StoryQuery, paging: Paging) -> Page:
    """``/`` and ``/stories``: storylines by recency or size, and an overview of the store."""
    data: dict[str, Any] = {
        "query": {k: clean(v) for k, v in asdict(query).items()},
        "overview": overview(store),
    }
    if not available(store):
        data.update({**not_built(STAGE, COMMAND), "rows": [], **paging.describe(0, 0), "facets": {}})
        return Page("stories.html", "Stories", data, table="rows")
    where = story_sql.StoryFilter(clean(query.q), clean(query.outlet), clean(query.language), clean(query.since),
                            clean(query.until), "size" if query.sort == "size" else "recency", paging.per_page,
                            paging.offset)
    rows = story_sql.story_rows(store.db, where)
    days = story_sql.story_days(store.db, [r["id"] for r in rows])
    data.update({
        "built": True,
        "rows": [{**r, "volume": volume(days.get(r["id"], []))} for r in rows],
        **paging.describe(story_sql.count_stories(store.db, where), len(rows)),
        "facets": {col: story_sql.story_facet(store.db, col) for col in ("outlet", "language")},
    })
    return Page("stories.html", "Stories", data, table="rows")


def volume(days: list[str], bins: int = 16) -> list[int]:
    """Articles per time bin across a story's span (at most ``bins`` bins, at least one day each)."""
    dated = sorted(d for d in (_day(v) for v in days) if d is not None)
    if not dated:
        return []
    span = (dated[-1] - dated[0]).days + 1
    width = max(1, -(-span // bins))
    counts = [0] * (-(-span // width))
    for d in dated:
        counts[(d - dated[0]).days // width] += 1
    return counts


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def story_page(store: Store, story_id: str) -> Page:
    """``/stories/{id}``: the dated timeline, events, articles by outlet, statements, outlet comparison."""
    if not available(store):
        raise not_found(f"no story {story_id!r}: " + not_built(STAGE, COMMAND)["message"])
    story = store.story(story_id)
    if story is None:
        raise not_found(f"no story {story_id!r}")
    record = story.to_dict()
    briefs = story_sql.article_briefs(store.db, story.article_ids)
    data = {
        **record,
        "articles_by_outlet": by_outlet(story.article_ids, briefs),
        "statements": story_statements(store, story),
    }
    return Page("story.html", story.title, data, table="timeline")


def by_outlet(article_ids: Sequence[str], briefs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Articles grouped by outlet, each group earliest first, the outlet that reported first on top."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for article_id in article_ids:
        brief = briefs.get(article_id, {"id": article_id, "title": None, "outlet": None, "published": None})
        groups.setdefault(brief["outlet"] or "unknown outlet", []).append(brief)
    out = []
    for outlet, items in groups.items():
        items.sort(key=lambda b: (b["published"] is None, b["published"] or ""))
        out.append({"outlet": outlet, "first_published": items[0]["published"], "articles": items})
    out.sort(key=lambda g: (g["first_published"] is None, g["first_published"] or "", g["outlet"]))
    if out:
        out[0] = {**out[0], "first": True}
    return out


def story_statements(store: Store, story: Story) -> list[dict[str, Any]]:
    """The statements made in a story: from the statement clusters when built, else the story's own quote list."""
    rows = [q.to_dict() for q in story.quotes]
    if not statements.available(store):
        return rows
    keyed = statements.statements_by_id(store, [q.key for q in story.quotes[:MAX_STATEMENTS]])
    return [{**row, "statement": statements.statement_dict(st) if (st := keyed.get(row["key"])) else None}
            for row in rows]


def outlet_coverage(store: Store, outlet: str) -> dict[str, Any]:
    """The stories an outlet covered (first or not) and those it missed."""
    if not available(store):
        return not_built(STAGE, COMMAND)
    return {"built": True, **story_sql.outlet_stories(store.db, outlet)}


def overview(store: Store) -> dict[str, Any]:
    """Counts, date span, monthly volume, top outlets and latest articles of the whole store."""
    first, last = sql.date_span(store.db)
    return {
        "articles": tallies.article_total(store.db),
        "quotes": tallies.quote_total(store.db),
        "failures": sql.count_rows(store.db, "failures"),
        "first": first,
        "last": last,
        "volume": tallies.volume(store.db),
        "outlets": tallies.article_facet(store.db, "outlet", limit=8),
        "latest": [
            {k: r[k] for k in ("id", "title", "outlet", "published", "published_partial")}
            for r in sql.article_rows(store.db, sql.ArticleFilter(limit=8))
        ],
    }
