"""Entity rows: people and organisations across the corpus, their names and roles, and each quote's speaker."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from newstrace.records import Entity

# (entity_id, name as written, normalised key, "name" or "role", quotes)
NameRow = tuple[str, str, str, str, int]
# (quote_id, article_id, per-article speaker name, speaker mention)
SpeakerRow = tuple[str, str, str | None, str | None]


def pending_speakers(db: sqlite3.Connection, limit: int) -> list[SpeakerRow]:
    """Quotes whose speaker has not been resolved to a corpus entity yet, oldest first."""
    rows = db.execute(
        "SELECT q.id, q.article_id, q.speaker, q.speaker_mention FROM quotes q "
        "LEFT JOIN quote_entities qe ON qe.quote_id = q.id WHERE qe.quote_id IS NULL ORDER BY q.rowid LIMIT ?",
        (limit,),
    )
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def entity_state(db: sqlite3.Connection) -> tuple[list[tuple[str, str, str]], list[NameRow]]:
    """``(id, name, kind)`` of every entity and every name and role row, in insertion order."""
    entities = [(r[0], r[1], r[2]) for r in db.execute("SELECT id, name, kind FROM entities ORDER BY rowid")]
    names = [(r[0], r[1], r[2], r[3], r[4]) for r in db.execute(
        "SELECT entity_id, name, key, type, quotes FROM entity_names ORDER BY rowid"
    )]
    return entities, names


def write_entities(
    db: sqlite3.Connection,
    entities: Sequence[tuple[str, str, str]],
    names: Sequence[NameRow],
    links: Sequence[tuple[str, str | None]],
    merged: Sequence[tuple[str, str]],
) -> None:
    """Upsert entities and their names, link quotes to entities, fold merged entities into their survivors."""
    for old, new in merged:
        db.execute("UPDATE quote_entities SET entity_id=? WHERE entity_id=?", (new, old))
        db.execute("DELETE FROM entity_names WHERE entity_id=?", (old,))
        db.execute("DELETE FROM entities WHERE id=?", (old,))
    db.executemany(
        "INSERT INTO entities (id, name, kind) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
        "name=excluded.name, kind=excluded.kind WHERE name != excluded.name OR kind != excluded.kind",
        entities,
    )
    db.executemany(
        "INSERT INTO entity_names (entity_id, name, key, type, quotes) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(entity_id, type, key) DO UPDATE SET name=excluded.name, quotes=excluded.quotes",
        names,
    )
    db.executemany("INSERT OR REPLACE INTO quote_entities (quote_id, entity_id) VALUES (?, ?)", links)


def rules(db: sqlite3.Connection) -> dict[str, Any] | None:
    row = db.execute("SELECT rules_json FROM entity_rules WHERE id = 1").fetchone()
    return json.loads(row[0]) if row else None


def save_rules(db: sqlite3.Connection, data: dict[str, Any]) -> None:
    """Keep the alias rules and forget every entity resolved under the old ones (they are resolved again)."""
    db.execute(
        "INSERT OR REPLACE INTO entity_rules VALUES (1, ?, ?)",
        (json.dumps(data, sort_keys=True), datetime.now(UTC).isoformat(timespec="seconds")),
    )
    for table in ("quote_entities", "entity_names", "entities"):
        db.execute(f"DELETE FROM {table}")


def entities(db: sqlite3.Connection, kind: str | None, name: str | None, limit: int | None) -> list[Entity]:
    """Entities with aliases and roles, the most quoted first."""
    where, args = ["1=1"], []
    if kind:
        where.append("e.kind = ?")
        args.append(kind)
    if name:
        where.append("e.id IN (SELECT entity_id FROM entity_names WHERE name LIKE ?)")
        args.append(f"%{name}%")
    rows = db.execute(
        "SELECT e.id, e.name, e.kind, (SELECT COUNT(*) FROM quote_entities qe WHERE qe.entity_id = e.id) AS n "
        f"FROM entities e WHERE {' AND '.join(where)} ORDER BY n DESC, e.name LIMIT ?",
        (*args, -1 if limit is None else limit),
    ).fetchall()
    found = []
    for entity_id, canonical, entity_kind, count in rows:
        names = db.execute(
            "SELECT name, type FROM entity_names WHERE entity_id=? ORDER BY quotes DESC, rowid", (entity_id,)
        ).fetchall()
        aliases = tuple(n for n, t in names if t == "name" and n != canonical)
        roles = tuple(n for n, t in names if t == "role")
        found.append(Entity(entity_id, canonical, entity_kind, aliases, roles, count))
    return found


def quote_speakers(db: sqlite3.Connection, quote_ids: Sequence[str] | None) -> dict[str, tuple[str, str]]:
    """``quote_id → (entity id, canonical name)`` for every quote (or those given) whose speaker is an entity."""
    sql = "SELECT qe.quote_id, e.id, e.name FROM quote_entities qe JOIN entities e ON e.id = qe.entity_id"
    if quote_ids is None:
        return {r[0]: (r[1], r[2]) for r in db.execute(sql)}
    found: dict[str, tuple[str, str]] = {}
    ids = list(quote_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = db.execute(f"{sql} WHERE qe.quote_id IN ({', '.join('?' * len(chunk))})", chunk)
        found.update({r[0]: (r[1], r[2]) for r in rows})
    return found
