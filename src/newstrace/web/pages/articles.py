"""Article pages: the listing with facets, and one article with everything known about it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from newstrace.export import article_record, quote_record
from newstrace.records import Article
from newstrace.store import QuoteFilter, Store
from newstrace.store import browse as sql
from newstrace.store import browse_stories as story_sql
from newstrace.store.stories import novelty
from newstrace.timex import find_time_expressions
from newstrace.web.pages import statements, stories
from newstrace.web.pages.common import Page, Paging, clean, not_found, window_note

TIMEX_LIMIT = 200_000  # characters of text searched for time expressions


@dataclass(frozen=True, slots=True)
class ArticleQuery:
    """The search form of ``/articles``: a full-text query and facet filters."""

    q: str | None = None
    outlet: str | None = None
    language: str | None = None
    since: str | None = None
    until: str | None = None

    def to_filter(self, paging: Paging) -> sql.ArticleFilter:
        return sql.ArticleFilter(
            outlet=clean(self.outlet), language=clean(self.language), since=clean(self.since),
            until=clean(self.until), query=clean(self.q), limit=paging.per_page, offset=paging.offset,
        )


def articles_page(store: Store, query: ArticleQuery, paging: Paging) -> Page:
    """``/articles``: one page of articles, newest first, with outlet and language facets."""
    where = query.to_filter(paging)
    window = None if where.tallied else sql.article_window(store.db, where)
    rows = sql.article_rows(store.db, where, window)
    counts = sql.quote_counts(store.db, [r["id"] for r in rows])
    total = sql.count_articles(store.db, where)
    data: dict[str, Any] = {
        "query": asdict(query),
        "rows": [_summary(r, counts.get(r["id"], 0)) for r in rows],
        **paging.describe(total, len(rows), sql.WINDOW if where.query else None),
        "facets": sql.article_facets(store.db, where, window),
        "window": None if where.tallied else window_note(total, ranked=bool(where.query)),
    }
    return Page("articles.html", "Articles", data, table="rows")


def _summary(row: dict[str, Any], quotes: int) -> dict[str, Any]:
    lead = " ".join(row["lead"].split())
    return {
        "id": row["id"], "title": row["title"], "outlet": row["outlet"], "language": row["language"],
        "published": row["published"] or row["published_partial"], "published_basis": row["published_basis"],
        "lead": lead[:200], "quotes": quotes,
    }


def article_page(store: Store, article_id: str) -> Page:
    """``/articles/{id}``: text with quotes, every date with its basis, sources, extraction, copies."""
    article = store.article(article_id)
    if article is None:
        raise not_found(f"no article {article_id!r}")
    quotes = [quote_record(r.quote) for r in store.quotes(QuoteFilter(article_id=article.id, limit=None))]
    record = article_record(article)
    data = {
        "article": {**record, "removed": list(article.removed)},
        "quotes": sorted(quotes, key=lambda q: (q["start"], q["end"])),
        "speakers": sorted({q["speaker"] for q in quotes if q["speaker"]}),
        "dates": dates_of(article),
        "duplicates": sql.group_members(store.db, [article.id]).get(article.id, []),
        "canonical": store.canonical_of(article.id),
        "statements": statements.status(store),
        "entities": statements.article_entities(store, article.id),
        "story": story_of(store, article.id),
    }
    return Page("article.html", article.title or f"Article {article.id}", data)


def story_of(store: Store, article_id: str) -> dict[str, Any] | None:
    """The storyline the article belongs to and what it added to it, when stories are built."""
    if not stories.available(store):
        return None
    story_id = store.story_of(article_id)
    if story_id is None:
        return None
    new = novelty(store.db, article_id)
    return {"id": story_id, "title": story_sql.story_title(store.db, story_id),
            "new": list(new.sentences) if new else [], "new_share": new.share if new else None}


def dates_of(article: Article) -> list[dict[str, Any]]:
    """Every date the article carries, each with its basis and evidence."""
    p = article.published
    out: list[dict[str, Any]] = [{
        "what": "published", "value": p.value or p.partial, "basis": p.basis, "confidence": p.confidence,
        "evidence": p.evidence, "flags": list(p.flags),
    }]
    if article.dateline and (article.dateline.month or article.dateline.year):
        d = article.dateline
        value = "-".join(f"{v:02d}" if v else "??" for v in (d.year, d.month, d.day))
        out.append({"what": "dateline", "value": value, "basis": "dateline", "confidence": None,
                    "evidence": d.raw, "flags": []})
    return out + _mentioned(article)


def _mentioned(article: Article) -> list[dict[str, Any]]:
    dct = _date(article.published.value)
    basis = f"resolved against {dct.isoformat()}" if dct else "no publication year: left unresolved"
    found = find_time_expressions(article.text[:TIMEX_LIMIT], dct)
    return [{"what": "in text", "value": t.value, "basis": basis, "confidence": None, "evidence": t.text,
             "flags": [t.type.lower()], "start": t.start, "end": t.end} for t in found]


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
