"""Rows of the linking stage: MinHash signatures and duplicate groups."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence

from newstrace.store.failures import not_failed

SignatureRow = tuple[str, bytes, str | None]


def signatures(db: sqlite3.Connection) -> Iterator[SignatureRow]:
    """Every stored ``(article_id, signature, published)``, in insertion order."""
    for row in db.execute("SELECT article_id, signature, published FROM signatures ORDER BY rowid"):
        yield row[0], bytes(row[1]), row[2]


def unlinked(db: sqlite3.Connection, limit: int) -> list[tuple[str, str, str | None]]:
    """``(id, text, published)`` of articles that have no signature yet, oldest first (an article that failed
    to link is skipped until its failure is cleared)."""
    rows = db.execute(
        "SELECT a.id, a.text, a.published FROM articles a LEFT JOIN signatures s ON s.article_id = a.id "
        f"WHERE s.article_id IS NULL AND {not_failed('link')} ORDER BY a.rowid LIMIT ?",
        (limit,),
    )
    return [(r[0], r[1], r[2]) for r in rows]


def write_links(
    db: sqlite3.Connection, rows: Sequence[SignatureRow], groups: Sequence[tuple[str, Sequence[str]]]
) -> None:
    """Store new signatures and (re)write the canonical of every member of the given groups."""
    db.executemany("INSERT OR REPLACE INTO signatures VALUES (?, ?, ?)", rows)
    for canonical, members in groups:
        db.executemany(
            "INSERT OR REPLACE INTO duplicates VALUES (?, ?)", [(member, canonical) for member in members]
        )


def duplicate_groups(db: sqlite3.Connection) -> list[tuple[str, list[str]]]:
    """``(canonical, members)`` for every group of two or more articles."""
    groups: dict[str, list[str]] = {}
    for member, canonical in db.execute("SELECT article_id, canonical_id FROM duplicates ORDER BY canonical_id"):
        groups.setdefault(canonical, []).append(member)
    return [(c, sorted(m)) for c, m in groups.items() if len(m) > 1]


def canonical_of(db: sqlite3.Connection, article_id: str) -> str | None:
    row = db.execute("SELECT canonical_id FROM duplicates WHERE article_id=?", (article_id,)).fetchone()
    return str(row[0]) if row else None
