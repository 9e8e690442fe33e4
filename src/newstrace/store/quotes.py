"""Quote rows: writing an article's quotes, finding articles to analyse, querying quotes."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from newstrace.errors import ErrorCode, StoreError
from newstrace.records import Quote


@dataclass(frozen=True, slots=True)
class QuoteFilter:
    """Which quotes to list: every field narrows the result."""

    speaker: str | None = None
    outlet: str | None = None
    kind: str | None = None
    since: str | None = None
    until: str | None = None
    query: str | None = None
    article_id: str | None = None
    limit: int | None = 100
    offset: int = 0
    speakers: tuple[tuple[str, ...], int] | None = None
    """The tallied speaker names ``speaker`` matches and their quote count, once resolved (see
    :func:`newstrace.store.browse.with_speakers`); resolved on demand when left ``None``."""


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """A quote with the article facts a listing needs."""

    quote: Quote
    outlet: str | None
    published: str | None
    title: str | None


def write_quotes(db: sqlite3.Connection, article_id: str, quotes: Sequence[Quote], analyzer: str) -> None:
    """Replace an article's quotes and record that it was analysed (caller holds the transaction)."""
    db.execute("DELETE FROM quotes WHERE article_id=?", (article_id,))
    db.executemany(
        "INSERT OR REPLACE INTO quotes (id, article_id, kind, text, start, end, content_json, cue, cue_json, "
        "speaker_mention, source_json, speaker, speaker_reason, medium, confidence) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [_row(q) for q in quotes],
    )
    db.execute(
        "INSERT OR REPLACE INTO analyses VALUES (?, ?, ?)",
        (article_id, analyzer, datetime.now(UTC).isoformat(timespec="seconds")),
    )


def _row(q: Quote) -> tuple[Any, ...]:
    return (
        q.id, q.article_id, q.kind, q.text, q.start, q.end, json.dumps(q.content), q.cue, json.dumps(q.cue_spans),
        q.speaker_mention, json.dumps(q.source_spans), q.speaker, q.speaker_reason, q.medium, q.confidence,
    )


def pending_articles(db: sqlite3.Connection, analyzer: str, limit: int, after: int = 0) -> list[tuple[int, str, str]]:
    """``(rowid, id, text)`` of articles after rowid ``after`` not yet analysed by ``analyzer``, oldest first.

    Callers page with the last rowid they got, so a long run never rescans the articles it already analysed.
    """
    rows = db.execute(
        "SELECT a.rowid, a.id, a.text FROM articles a LEFT JOIN analyses n ON n.article_id = a.id "
        "WHERE a.rowid > ? AND (n.article_id IS NULL OR n.analyzer != ?) ORDER BY a.rowid LIMIT ?",
        (after, analyzer, limit),
    )
    return [(r[0], r[1], r[2]) for r in rows]


def query_quotes(db: sqlite3.Connection, f: QuoteFilter) -> Iterator[QuoteRow]:
    """Quotes matching ``f``, by article date then position (best match first with a query)."""
    where, args = _where(f)
    join = "JOIN quotes_fts ON quotes_fts.rowid = q.rowid" if f.query else ""
    order = "bm25(quotes_fts)" if f.query else "COALESCE(a.published, a.published_partial), a.rowid, q.start"
    sql = (
        f"SELECT q.*, a.outlet AS a_outlet, COALESCE(a.published, a.published_partial) AS a_published, "
        f"a.title AS a_title FROM quotes q JOIN articles a ON a.id = q.article_id {join} {where} "
        f"ORDER BY {order} LIMIT ? OFFSET ?"
    )
    try:
        rows = db.execute(sql, (*args, -1 if f.limit is None else f.limit, f.offset)).fetchall()
    except sqlite3.OperationalError as exc:
        raise StoreError(ErrorCode.BAD_QUERY, f"cannot search quotes for {f.query!r}: {exc}") from exc
    for r in rows:
        yield QuoteRow(quote_from_row(r), r["a_outlet"], r["a_published"], r["a_title"])


def _where(f: QuoteFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []
    pairs = (
        ("(q.speaker LIKE ? OR q.speaker_mention LIKE ? OR q.id IN (SELECT qe.quote_id FROM quote_entities qe "
         "JOIN entity_names n ON n.entity_id = qe.entity_id WHERE n.name LIKE ?))", f.speaker, 3, lambda v: f"%{v}%"),
        ("a.outlet = ? COLLATE NOCASE", f.outlet, 1, str),
        ("q.kind = ?", f.kind, 1, str),
        ("COALESCE(a.published, '') >= ?", f.since, 1, str),
        ("COALESCE(a.published, '9999') <= ?", f.until, 1, str),
        ("quotes_fts MATCH ?", f.query, 1, str),
        ("q.article_id = ?", f.article_id, 1, str),
    )
    for clause, value, count, shape in pairs:
        if value:
            clauses.append(clause)
            args.extend([shape(value)] * count)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", args


def _spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((int(s), int(e)) for s, e in json.loads(text))


def quote_from_row(r: sqlite3.Row) -> Quote:
    return Quote(
        id=r["id"], article_id=r["article_id"], kind=r["kind"], text=r["text"], content=_spans(r["content_json"]),
        cue=r["cue"], cue_spans=_spans(r["cue_json"]), speaker_mention=r["speaker_mention"],
        source_spans=_spans(r["source_json"]), speaker=r["speaker"], speaker_reason=r["speaker_reason"],
        medium=r["medium"], confidence=r["confidence"],
    )
