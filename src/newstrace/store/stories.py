"""Story rows: each article's place (event, storyline, stored features), events, storylines and index state."""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from newstrace.records import ArticleNovelty, Story
from newstrace.store.failures import not_failed

StorySort = Literal["recency", "size"]


@dataclass(frozen=True, slots=True)
class PendingArticle:
    """An article not yet placed in an event, with what the story index reads of it."""

    id: str
    text: str
    title: str | None
    published: str | None
    published_partial: str | None
    outlet: str | None


@dataclass(frozen=True, slots=True)
class PlacementRow:
    """An article's stored place: event, storyline, score, date numbers and its stored features."""

    article_id: str
    event_id: str
    storyline_id: str
    score: float
    day: int | None
    yday: int | None
    vector: dict[int, float]
    actors: tuple[str, ...]
    quote_keys: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class StoryListing:
    """One storyline in a listing."""

    id: str
    title: str
    first_date: str | None
    last_date: str | None
    articles: int
    events: int
    outlets: int


def pending(db: sqlite3.Connection, limit: int) -> list[PendingArticle]:
    """Articles without a place in an event, oldest first (an article the story run failed on is skipped until
    its failure is cleared)."""
    rows = db.execute(
        "SELECT a.id, a.text, a.title, a.published, a.published_partial, a.outlet FROM articles a "
        "LEFT JOIN story_articles s ON s.article_id = a.id "
        f"WHERE s.article_id IS NULL AND {not_failed('stories')} ORDER BY a.rowid LIMIT ?",
        (limit,),
    )
    return [PendingArticle(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows]


def encode_features(vector: dict[int, float], actors: Sequence[str], quote_keys: Sequence[int]) -> bytes:
    data = {"v": [[t, round(w, 5)] for t, w in vector.items()], "a": list(actors), "q": list(quote_keys)}
    return zlib.compress(json.dumps(data, separators=(",", ":")).encode("utf-8"))


def _decode(blob: bytes) -> tuple[dict[int, float], tuple[str, ...], tuple[int, ...]]:
    data = json.loads(zlib.decompress(blob))
    return {int(t): float(w) for t, w in data["v"]}, tuple(data["a"]), tuple(int(q) for q in data["q"])


def _placement(r: sqlite3.Row) -> PlacementRow:
    vector, actors, quote_keys = _decode(r["features"])
    return PlacementRow(r["article_id"], r["event_id"], r["storyline_id"], r["score"], r["day"], r["yday"],
                        vector, actors, quote_keys)


def placements(db: sqlite3.Connection, storyline_id: str | None = None) -> Iterator[PlacementRow]:
    """Stored placements in the order they were made (of one storyline, or all)."""
    where = "WHERE storyline_id = ?" if storyline_id else ""
    args = (storyline_id,) if storyline_id else ()
    for r in db.execute(f"SELECT * FROM story_articles {where} ORDER BY seq", args):
        yield _placement(r)


def write_placements(db: sqlite3.Connection, rows: Sequence[PlacementRow]) -> None:
    """Insert new placements (caller holds the transaction)."""
    db.executemany(
        "INSERT OR REPLACE INTO story_articles (article_id, event_id, storyline_id, score, day, yday, features) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(p.article_id, p.event_id, p.storyline_id, p.score, p.day, p.yday,
          encode_features(p.vector, p.actors, p.quote_keys)) for p in rows],
    )


def move_events(db: sqlite3.Connection, moves: dict[str, str]) -> None:
    """Point every article of each event at the event's current storyline."""
    db.executemany("UPDATE story_articles SET storyline_id=? WHERE event_id=?", [(s, e) for e, s in moves.items()])
    db.executemany("UPDATE events SET storyline_id=? WHERE id=?", [(s, e) for e, s in moves.items()])


def merge_events(db: sqlite3.Connection, merges: Sequence[tuple[str, str]]) -> None:
    """Re-point the articles of each absorbed event at the event that kept its id, and drop the absorbed event's row.

    ``merges`` are ``(kept, absorbed)`` pairs in the order they were made, so a
    chain (b into a, then a into z) ends with every article under the last kept id.
    """
    for kept, absorbed in merges:
        db.execute("UPDATE story_articles SET event_id=? WHERE event_id=?", (kept, absorbed))
        db.execute("DELETE FROM events WHERE id=?", (absorbed,))


def state(db: sqlite3.Connection, name: str) -> bytes | None:
    row = db.execute("SELECT value FROM story_state WHERE name=?", (name,)).fetchone()
    return bytes(row[0]) if row else None


def write_state(db: sqlite3.Connection, name: str, value: bytes) -> None:
    db.execute("INSERT OR REPLACE INTO story_state VALUES (?, ?)", (name, value))


def write_story(db: sqlite3.Connection, story: Story) -> None:
    """Replace a storyline, its events and its articles' novelty (caller holds the transaction)."""
    db.execute("DELETE FROM events WHERE storyline_id=?", (story.id,))
    db.executemany(
        "INSERT OR REPLACE INTO events VALUES (?, ?, ?, ?, ?, ?)",
        [(e.id, story.id, e.date, e.title, len(e.article_ids), json.dumps(e.to_dict(), ensure_ascii=False))
         for e in story.events],
    )
    record = story.to_dict()
    db.execute(
        "INSERT OR REPLACE INTO storylines VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (story.id, story.title, story.first_date, story.last_date, len(story.article_ids), len(story.events),
         len(story.outlets), datetime.now(UTC).isoformat(timespec="seconds"),
         json.dumps(record, ensure_ascii=False)),
    )
    _write_novelty(db, story.novelty)


def _write_novelty(db: sqlite3.Connection, novelty: Sequence[ArticleNovelty]) -> None:
    db.executemany(
        "UPDATE story_articles SET novel_json=? WHERE article_id=?",
        [(json.dumps(n.to_dict(), ensure_ascii=False), n.article_id) for n in novelty],
    )


def delete_storylines(db: sqlite3.Connection, ids: Sequence[str]) -> None:
    db.executemany("DELETE FROM storylines WHERE id=?", [(i,) for i in ids])
    db.executemany("DELETE FROM events WHERE storyline_id=?", [(i,) for i in ids])


def listing(db: sqlite3.Connection, sort: StorySort = "recency", limit: int | None = 50,
            offset: int = 0) -> list[StoryListing]:
    """Storylines, most recent (last article) or largest first."""
    order = "articles DESC, last_date DESC" if sort == "size" else "COALESCE(last_date, '') DESC, articles DESC"
    rows = db.execute(
        f"SELECT id, title, first_date, last_date, articles, events, outlets FROM storylines "
        f"ORDER BY {order}, id LIMIT ? OFFSET ?",
        (-1 if limit is None else limit, offset),
    )
    return [StoryListing(*r) for r in rows]


def story(db: sqlite3.Connection, story_id: str) -> Story | None:
    """One storyline by id (an unambiguous prefix is enough)."""
    row = db.execute("SELECT record_json FROM storylines WHERE id=?", (story_id,)).fetchone()
    if row is None and story_id:
        rows = db.execute("SELECT record_json FROM storylines WHERE id LIKE ? LIMIT 2",
                          (_prefix(story_id) + "%",)).fetchall()
        row = rows[0] if len(rows) == 1 else None
    return Story.from_dict(json.loads(row[0])) if row else None


def _prefix(story_id: str) -> str:
    escaped = story_id.replace("%", "").replace("_", "")
    return escaped if escaped.startswith("st-") else "st-" + escaped


def story_of(db: sqlite3.Connection, article_id: str) -> str | None:
    row = db.execute("SELECT storyline_id FROM story_articles WHERE article_id=?", (article_id,)).fetchone()
    return str(row[0]) if row else None


def related(db: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    rows = db.execute("SELECT id, json_extract(record_json, '$.related') FROM storylines")
    return {str(r[0]): tuple(json.loads(r[1])) if r[1] else () for r in rows}


def novelty(db: sqlite3.Connection, article_id: str) -> ArticleNovelty | None:
    row = db.execute("SELECT novel_json FROM story_articles WHERE article_id=?", (article_id,)).fetchone()
    if row is None:
        return None
    data: dict[str, Any] = json.loads(row[0]) if row[0] and row[0] != "[]" else {"article_id": article_id}
    return ArticleNovelty.from_dict(data)


def count(db: sqlite3.Connection) -> tuple[int, int, int]:
    """Placed articles, events and storylines."""
    placed = db.execute("SELECT COUNT(*), COUNT(DISTINCT event_id), COUNT(DISTINCT storyline_id) "
                        "FROM story_articles").fetchone()
    return int(placed[0]), int(placed[1]), int(placed[2])
