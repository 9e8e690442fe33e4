"""Quote pages: full-text search over statements with facets, and speakers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from newstrace.store import QuoteFilter, QuoteRow, Store, tallies
from newstrace.store import browse as sql
from newstrace.web.pages import statements
from newstrace.web.pages.common import Page, Paging, clean, not_found, window_note

KINDS = ("direct", "mixed", "indirect")


@dataclass(frozen=True, slots=True)
class QuoteQuery:
    """The search form of ``/quotes``: a full-text query and facet filters."""

    q: str | None = None
    speaker: str | None = None
    outlet: str | None = None
    kind: str | None = None
    since: str | None = None
    until: str | None = None

    def to_filter(self, paging: Paging | None = None) -> QuoteFilter:
        limit, offset = (paging.per_page, paging.offset) if paging else (None, 0)
        kind = self.kind if self.kind in KINDS else None
        return QuoteFilter(
            speaker=clean(self.speaker), outlet=clean(self.outlet), kind=kind, since=clean(self.since),
            until=clean(self.until), query=clean(self.q), limit=limit, offset=offset,
        )


def quotes_page(store: Store, query: QuoteQuery, paging: Paging) -> Page:
    """``/quotes``: statements matching the query, each with context, carriers and first seen."""
    every = sql.with_speakers(store.db, query.to_filter())
    where = replace(query.to_filter(paging), speakers=every.speakers)
    filtered = sql.quote_filtered(every)
    matches = sql.quote_window(store.db, every) if filtered else None
    rows = quote_rows(store, sql.quote_rows(store.db, where, matches))
    total = sql.count_quotes(store.db, every, matches)
    data: dict[str, Any] = {
        "query": asdict(query),
        "rows": rows,
        **paging.describe(total, len(rows), sql.WINDOW if where.query else None),
        "facets": sql.quote_facets(store.db, every, matches),
        "window": window_note(total, ranked=bool(where.query)) if filtered else None,
        "statements": statements.status(store),
    }
    title = f"Quotes matching {query.q}" if clean(query.q) else "Quotes"
    return Page("quotes.html", title, data, table="rows")


def quote_rows(store: Store, found: list[QuoteRow]) -> list[dict[str, Any]]:
    """Each quote with its article, surrounding text, every carrier and the first one seen."""
    contexts = sql.excerpts(store.db, [(r.quote.article_id, r.quote.start, r.quote.end) for r in found])
    groups = sql.group_members(store.db, sorted({r.quote.article_id for r in found}))
    clusters = statements.clusters_for(store, [r.quote.id for r in found])
    rows = []
    for row, (before, after) in zip(found, contexts, strict=True):
        statement = clusters.get(row.quote.id)
        carriers = _merge(_carriers(row, groups.get(row.quote.article_id)), statement)
        rows.append({
            **_quote_fields(row),
            "context": {"before": before, "after": after},
            "carriers": carriers,
            "first_seen": carriers[0] if carriers else None,
            "statement": statement,
        })
    return rows


def _merge(carriers: list[dict[str, Any]], statement: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Copies and the statement's carriers together, one per article, earliest first."""
    if statement:
        carriers = carriers + [{"article_id": c["article_id"], "outlet": c["outlet"], "published": c["published"],
                                "via": "statement"} for c in statement["carriers"]]
    unique = {c["article_id"]: c for c in reversed(carriers)}
    return sorted(unique.values(), key=lambda c: (c["published"] is None, c["published"] or "", c["article_id"]))


def _quote_fields(row: QuoteRow) -> dict[str, Any]:
    q = row.quote
    return {
        "id": q.id, "text": q.text, "kind": q.kind, "confidence": round(q.confidence, 3), "cue": q.cue,
        "speaker": q.speaker, "speaker_mention": q.speaker_mention, "speaker_reason": q.speaker_reason,
        "medium": q.medium, "start": q.start, "end": q.end,
        "article": {"id": q.article_id, "title": row.title, "outlet": row.outlet, "published": row.published},
    }


def _carriers(row: QuoteRow, members: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The articles carrying this text: its own, plus near-duplicate copies (earliest first)."""
    if not members:
        return [{"article_id": row.quote.article_id, "outlet": row.outlet, "published": row.published,
                 "via": "article"}]
    return [{"article_id": m["id"], "outlet": m["outlet"], "published": m["published"],
             "via": "article" if m["id"] == row.quote.article_id else "copy"} for m in members]


def speakers_page(store: Store, name: str | None, paging: Paging) -> Page:
    """``/speakers``: speakers (corpus entities when built, so one person is one row), most quoted first."""
    name = clean(name)
    rows = tallies.speaker_rows(store.db, name, paging.per_page, paging.offset)
    total = tallies.count_speakers(store.db, name)
    data = {"query": {"name": name}, "entities": statements.entities_available(store), "rows": rows,
            **paging.describe(total, len(rows))}
    return Page("speakers.html", "Speakers", data, table="rows")


def speaker_page(store: Store, name: str, paging: Paging) -> Page:
    """``/speakers/{name}``: what a person said over time, who quotes them, how they are named."""
    entity = statements.entity_for(store, name)
    if entity is not None:
        name = entity["name"]
    summary = tallies.speaker_summary(store.db, name)
    if summary is None:
        raise not_found(f"no quotes by a speaker named {name!r}")
    name = summary["name"]
    shown = tallies.speaker_quotes(store.db, name, paging.per_page, paging.offset)
    data = {
        **summary,
        "named_as": tallies.speaker_mentions(store.db, name),
        "outlets": tallies.speaker_outlets(store.db, name),
        "volume": tallies.speaker_volume(store.db, name),
        "rows": quote_rows(store, shown),
        **paging.describe(summary["quotes"], len(shown)),
        "entity": entity,
    }
    return Page("speaker.html", name, data, table="rows")
