"""Statement rows: quoted passages, the statement each belongs to, and statement listings."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from newstrace.records import Quote
from newstrace.store.quotes import quote_from_row

# (quote_id, part, article_id, statement_id or None, text, normalised words joined by spaces)
PassageWrite = tuple[str, int, str, str | None, str, str]


@dataclass(frozen=True, slots=True)
class StatementFilter:
    """Which statements to list: every field narrows the result."""

    speaker: str | None = None
    min_outlets: int = 1
    statement_id: str | None = None
    article_id: str | None = None
    statement_ids: tuple[str, ...] | None = None
    """Exactly these statements (one query for a page's clusters)."""
    limit: int | None = 100
    offset: int = 0


@dataclass(frozen=True, slots=True)
class PassageRow:
    """One stored passage of a statement, with its article's outlet and date and its speaker."""

    statement_id: str
    quote_id: str
    part: int
    article_id: str
    text: str
    norm: str
    outlet: str | None
    published: str | None
    entity_id: str | None
    speaker: str | None
    article_speaker: str | None


def pending_quotes(db: sqlite3.Connection, limit: int) -> list[tuple[Quote, str, str | None]]:
    """``(quote, article text, speaker entity id)`` of quotes not yet split into passages, oldest first."""
    rows = db.execute(
        "SELECT q.*, a.text AS a_text, qe.entity_id AS e_id FROM quotes q JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN statement_passages p ON p.quote_id = q.id LEFT JOIN quote_entities qe ON qe.quote_id = q.id "
        "WHERE p.quote_id IS NULL ORDER BY a.rowid, q.start LIMIT ?",
        (limit,),
    )
    return [(quote_from_row(r), r["a_text"], r["e_id"]) for r in rows]


def passages(db: sqlite3.Connection) -> Iterator[tuple[str, int, str, str | None, str]]:
    """``(quote_id, part, words, speaker entity id, statement_id)`` of every placed passage, in insertion order."""
    rows = db.execute(
        "SELECT p.quote_id, p.part, p.norm, qe.entity_id, p.statement_id FROM statement_passages p "
        "LEFT JOIN quote_entities qe ON qe.quote_id = p.quote_id WHERE p.statement_id IS NOT NULL ORDER BY p.rowid"
    )
    for r in rows:
        yield r[0], r[1], r[2], r[3], r[4]


def write_passages(db: sqlite3.Connection, rows: Sequence[PassageWrite], merges: Sequence[tuple[str, str]]) -> None:
    """Store new passages, then move the passages of each merged statement to its survivor, in order."""
    db.executemany(
        "INSERT OR REPLACE INTO statement_passages (quote_id, part, article_id, statement_id, text, norm) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )
    for old, new in merges:
        db.execute("UPDATE statement_passages SET statement_id=? WHERE statement_id=?", (new, old))


def drop_stale(db: sqlite3.Connection) -> None:
    """Forget passages and speaker links of quotes that no longer exist (an article re-analysed)."""
    db.execute("DELETE FROM statement_passages WHERE quote_id NOT IN (SELECT id FROM quotes)")
    db.execute("DELETE FROM quote_entities WHERE quote_id NOT IN (SELECT id FROM quotes)")


def statement_rows(db: sqlite3.Connection, f: StatementFilter) -> Iterator[PassageRow]:
    """Passages of the statements matching ``f``: most outlets first, then earliest first carrier."""
    where, args = _where(f)
    sql = (
        "WITH chosen AS (SELECT p.statement_id AS sid, COUNT(DISTINCT COALESCE(a.outlet, a.id)) AS outlets, "
        "MIN(COALESCE(a.published, '9999')) AS first FROM statement_passages p JOIN articles a ON a.id = p.article_id "
        f"WHERE p.statement_id IS NOT NULL {where} GROUP BY p.statement_id HAVING outlets >= ? "
        "ORDER BY outlets DESC, first, sid LIMIT ? OFFSET ?) "
        "SELECT p.statement_id, p.quote_id, p.part, p.article_id, p.text, p.norm, a.outlet, a.published, "
        "qe.entity_id, e.name, q.speaker FROM chosen c JOIN statement_passages p ON p.statement_id = c.sid "
        "JOIN articles a ON a.id = p.article_id LEFT JOIN quotes q ON q.id = p.quote_id "
        "LEFT JOIN quote_entities qe ON qe.quote_id = p.quote_id LEFT JOIN entities e ON e.id = qe.entity_id "
        "ORDER BY c.outlets DESC, c.first, c.sid"
    )
    limit = -1 if f.limit is None else f.limit
    for r in db.execute(sql, (*args, max(1, f.min_outlets), limit, f.offset)):
        yield PassageRow(*r)


def _where(f: StatementFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []
    if f.speaker:
        clauses.append(
            "p.statement_id IN (SELECT p2.statement_id FROM statement_passages p2 JOIN quote_entities q2 "
            "ON q2.quote_id = p2.quote_id JOIN entity_names n ON n.entity_id = q2.entity_id WHERE n.name LIKE ?)"
        )
        args.append(f"%{f.speaker}%")
    if f.statement_id:
        clauses.append("p.statement_id LIKE ?")
        args.append(f"{f.statement_id}%")
    if f.article_id:
        clauses.append("p.statement_id IN (SELECT statement_id FROM statement_passages WHERE article_id = ?)")
        args.append(f.article_id)
    if f.statement_ids is not None:
        clauses.append("p.statement_id IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(sorted(f.statement_ids)))
    return "".join(f" AND {c}" for c in clauses), args
