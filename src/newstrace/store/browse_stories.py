"""Read-only queries for the story pages (and the statement and entity parts of other pages).

Storylines, events and statements are written by ``newstrace storify`` and
``newstrace link``; every function here only reads them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

Row = dict[str, Any]

_DATE = "COALESCE(a.published, a.published_partial)"


def has_rows(db: sqlite3.Connection, table: str, where: str = "1=1") -> bool:
    """Whether ``table`` has a row matching ``where`` (a stage that has run; every table exists in a served store)."""
    return db.execute(f"SELECT 1 FROM {table} WHERE {where} LIMIT 1").fetchone() is not None


def story_title(db: sqlite3.Connection, story_id: str) -> str | None:
    """The title of a storyline (without reading its whole record)."""
    row = db.execute("SELECT title FROM storylines WHERE id = ?", (story_id,)).fetchone()
    return str(row[0]) if row else None


def statement_ids(db: sqlite3.Connection, quote_ids: Sequence[str]) -> dict[str, str]:
    """The statement each quote belongs to (its first passage's), for quotes placed in one."""
    if not quote_ids:
        return {}
    marks = ", ".join("?" * len(quote_ids))
    rows = db.execute(
        f"SELECT quote_id, statement_id FROM statement_passages WHERE quote_id IN ({marks}) "
        f"AND statement_id IS NOT NULL ORDER BY part DESC", tuple(quote_ids)
    )
    return {r[0]: r[1] for r in rows}


def article_entities(db: sqlite3.Connection, article_id: str) -> list[Row]:
    """Corpus entities quoted in an article: ``{id, name, kind, quotes}``."""
    sql = (
        "SELECT e.id, e.name, e.kind, COUNT(*) AS quotes FROM quotes q JOIN quote_entities qe ON qe.quote_id = q.id "
        "JOIN entities e ON e.id = qe.entity_id WHERE q.article_id = ? GROUP BY e.id ORDER BY quotes DESC, e.name"
    )
    return [dict(r) for r in db.execute(sql, (article_id,))]


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """Which storylines to list: title words, an outlet or language among its articles, a date range."""

    query: str | None = None
    outlet: str | None = None
    language: str | None = None
    since: str | None = None
    until: str | None = None
    sort: str = "recency"
    limit: int = 50
    offset: int = 0


def _story_where(f: StoryFilter) -> tuple[str, list[Any]]:
    member = "s.id IN (SELECT storyline_id FROM tally_story_pairs WHERE what = '{}' AND value = ?)"
    pairs = (
        ("s.title LIKE ?", f"%{f.query}%" if f.query else None),
        (member.format("outlet"), f.outlet),
        (member.format("language"), f.language),
        ("COALESCE(s.last_date, '9999') >= ?", f.since),
        ("COALESCE(s.first_date, '') <= ?", f.until),
    )
    clauses = [clause for clause, value in pairs if value]
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", [value for _, value in pairs if value]


def story_rows(db: sqlite3.Connection, f: StoryFilter) -> list[Row]:
    """One page of storylines, most recent or largest first: ``{id, title, first, last, articles, events, outlets}``.

    Both orders follow an index (undated storylines sort last: NULL is lowest).
    """
    where, args = _story_where(f)
    order = "s.articles DESC, s.last_date DESC" if f.sort == "size" else "s.last_date DESC, s.articles DESC"
    sql = (
        f"SELECT s.id, s.title, s.first_date AS first, s.last_date AS last, s.articles, s.events, s.outlets "
        f"FROM storylines s {where} ORDER BY {order}, s.id LIMIT ? OFFSET ?"
    )
    return [dict(r) for r in db.execute(sql, (*args, f.limit, f.offset))]


def count_stories(db: sqlite3.Connection, f: StoryFilter) -> int:
    where, args = _story_where(f)
    return int(db.execute(f"SELECT COUNT(*) FROM storylines s {where}", args).fetchone()[0])


def story_days(db: sqlite3.Connection, story_ids: Sequence[str]) -> dict[str, list[str]]:
    """Publication days of each storyline's dated articles (for its volume sparkline)."""
    if not story_ids:
        return {}
    marks = ", ".join("?" * len(story_ids))
    rows = db.execute(
        f"SELECT sa.storyline_id, a.published FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
        f"WHERE sa.storyline_id IN ({marks}) AND a.published IS NOT NULL", tuple(story_ids)
    )
    out: dict[str, list[str]] = {}
    for story_id, day in rows:
        out.setdefault(story_id, []).append(day)
    return out


def story_facet(db: sqlite3.Connection, column: str, limit: int = 15) -> list[Row]:
    """``{value, count}``: number of storylines with an article of each outlet (or language), from the tallies."""
    if column not in ("outlet", "language"):
        raise ValueError(f"no facet {column!r}")
    sql = (
        "SELECT value, storylines AS count FROM tally_story_facets WHERE what = ? AND storylines > 0 "
        "ORDER BY count DESC, value LIMIT ?"
    )
    return [dict(r) for r in db.execute(sql, (column, limit))]


def article_briefs(db: sqlite3.Connection, article_ids: Sequence[str]) -> dict[str, Row]:
    """``{id, title, outlet, published}`` of the given articles, keyed by id."""
    out: dict[str, Row] = {}
    ids = list(article_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ", ".join("?" * len(chunk))
        for r in db.execute(f"SELECT a.id, a.title, a.outlet, {_DATE} AS published FROM articles a "
                            f"WHERE a.id IN ({marks})", chunk):
            out[r["id"]] = dict(r)
    return out


def outlet_stories(db: sqlite3.Connection, outlet: str, limit: int = 20) -> dict[str, list[Row]]:
    """Storylines an outlet covered (``first`` when its earliest article opened the story) and large ones it missed."""
    sql = (
        "SELECT t.*, (SELECT MIN(a.published) FROM story_articles sa CROSS JOIN articles a ON a.id = sa.article_id "
        "WHERE sa.storyline_id = t.id AND a.outlet = ? COLLATE NOCASE) AS own_first FROM ("
        "SELECT s.id, s.title, s.first_date AS first, s.articles FROM tally_story_pairs p "
        "JOIN storylines s ON s.id = p.storyline_id WHERE p.what = 'outlet' AND p.value = ? "
        "ORDER BY s.articles DESC, s.id LIMIT ?) t ORDER BY t.articles DESC, t.id"
    )
    covered = [dict(r) for r in db.execute(sql, (outlet, outlet, limit))]
    absent_sql = (
        "SELECT s.id, s.title, s.first_date AS first, s.articles FROM storylines s WHERE s.id NOT IN ("
        "SELECT storyline_id FROM tally_story_pairs WHERE what = 'outlet' AND value = ?) "
        "ORDER BY s.articles DESC, s.last_date DESC LIMIT ?"
    )
    return {
        "first": [r for r in covered if r["own_first"] and r["own_first"] == r["first"]],
        "covered": covered,
        "absent": [dict(r) for r in db.execute(absent_sql, (outlet, limit))],
    }
