"""Rows for inferring missing years: undated articles, their dated links, and the inferred dates."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime

from newstrace.records import PublishedDate

# (kind of link, what links them: statement / group / entity id, other article id, its date, its date's basis)
EvidenceRow = tuple[str, str, str, str, str | None]

_DUPLICATES = (
    "SELECT 'duplicate', d1.canonical_id, d2.article_id, a.published, a.published_basis FROM duplicates d1 "
    "JOIN duplicates d2 ON d2.canonical_id = d1.canonical_id AND d2.article_id != d1.article_id "
    "JOIN articles a ON a.id = d2.article_id WHERE d1.article_id = ? AND a.published IS NOT NULL"
)
_STATEMENTS = (
    "SELECT DISTINCT 'statement', p1.statement_id, p2.article_id, a.published, a.published_basis "
    "FROM statement_passages p1 JOIN statement_passages p2 ON p2.statement_id = p1.statement_id "
    "AND p2.article_id != p1.article_id JOIN articles a ON a.id = p2.article_id "
    "WHERE p1.article_id = ? AND p1.statement_id IS NOT NULL AND a.published IS NOT NULL"
)
# People quoted in both articles, restricted to dated articles within ``window`` days of the month-day in their
# own year (or of the neighbouring year's, across New Year).
_ENTITIES = (
    "SELECT DISTINCT 'entity', e.id, q2.article_id, a.published, a.published_basis FROM quotes q1 "
    "JOIN quote_entities k1 ON k1.quote_id = q1.id JOIN entities e ON e.id = k1.entity_id AND e.kind = 'person' "
    "JOIN quote_entities k2 ON k2.entity_id = e.id JOIN quotes q2 ON q2.id = k2.quote_id "
    "AND q2.article_id != q1.article_id JOIN articles a ON a.id = q2.article_id "
    "WHERE q1.article_id = ? AND a.published IS NOT NULL "
    "AND ABS(julianday(a.published) - julianday(substr(a.published, 1, 4) || ?)) NOT BETWEEN ? AND ? LIMIT ?"
)


_UNDATED = "SELECT a.id, a.published_json FROM articles a WHERE a.published IS NULL AND a.published_partial IS NOT NULL"
# Undated articles that are, or are linked to, an article of the temporary table ``touched``.
_NEAR_TOUCHED = (
    " AND (a.id IN (SELECT id FROM touched)"
    " OR a.id IN (SELECT d2.article_id FROM duplicates d1 JOIN duplicates d2 ON d2.canonical_id = d1.canonical_id"
    " WHERE d1.article_id IN (SELECT id FROM touched))"
    " OR a.id IN (SELECT p2.article_id FROM statement_passages p1 JOIN statement_passages p2"
    " ON p2.statement_id = p1.statement_id WHERE p1.statement_id IS NOT NULL"
    " AND p1.article_id IN (SELECT id FROM touched))"
    " OR a.id IN (SELECT q2.article_id FROM quotes q1 JOIN quote_entities k1 ON k1.quote_id = q1.id"
    " JOIN quote_entities k2 ON k2.entity_id = k1.entity_id JOIN quotes q2 ON q2.id = k2.quote_id"
    " WHERE q1.article_id IN (SELECT id FROM touched)))"
)


def new_since_linking(db: sqlite3.Connection) -> set[str]:
    """Articles the linking run has not seen (no signature) or with quotes not yet placed in statements."""
    rows = db.execute(
        "SELECT a.id FROM articles a LEFT JOIN signatures s ON s.article_id = a.id WHERE s.article_id IS NULL "
        "UNION SELECT q.article_id FROM quotes q LEFT JOIN statement_passages p ON p.quote_id = q.id "
        "WHERE p.quote_id IS NULL"
    )
    return {r[0] for r in rows}


def undated(db: sqlite3.Connection, near: Sequence[str] | None = None) -> list[tuple[str, str]]:
    """``(id, published_json)`` of articles with a month and day but no year, oldest first; with ``near``, only
    those among, or linked to (copies, statements, people quoted), the articles ``near``."""
    if near is None:
        rows = db.execute(_UNDATED + " ORDER BY a.rowid")
        return [(r[0], r[1]) for r in rows]
    db.execute("CREATE TEMP TABLE IF NOT EXISTS touched (id TEXT PRIMARY KEY)")
    db.execute("DELETE FROM touched")
    db.executemany("INSERT OR IGNORE INTO touched VALUES (?)", [(a,) for a in near])
    rows = db.execute(_UNDATED + _NEAR_TOUCHED + " ORDER BY a.rowid")
    return [(r[0], r[1]) for r in rows]


def evidence(db: sqlite3.Connection, article_id: str, month_day: str, window: int, limit: int) -> list[EvidenceRow]:
    """Dated articles linked to ``article_id`` by near-duplicate groups, statements or people quoted in both."""
    found: list[EvidenceRow] = []
    for sql, args in ((_DUPLICATES, (article_id,)), (_STATEMENTS, (article_id,)),
                      (_ENTITIES, (article_id, month_day, window, 366 - window, limit))):
        found.extend((r[0], r[1], r[2], r[3], r[4]) for r in db.execute(sql, args))
    return found


def write_inferred(
    db: sqlite3.Connection, article_id: str, published: PublishedDate, original: str, evidence: Sequence[object]
) -> None:
    """Give an article its inferred date, keeping the original date record and the evidence."""
    db.execute(
        "UPDATE articles SET published=?, published_basis=?, published_confidence=?, published_json=? WHERE id=?",
        (published.value, published.basis, published.confidence, json.dumps(published.to_dict()), article_id),
    )
    db.execute(
        "INSERT OR REPLACE INTO inferred_dates VALUES (?, ?, ?, ?)",
        (article_id, original, json.dumps(evidence), datetime.now(UTC).isoformat(timespec="seconds")),
    )
