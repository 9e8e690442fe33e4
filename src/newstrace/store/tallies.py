"""Reading the browsing tallies: corpus-wide counts per outlet, language, month, kind and speaker.

The tallies are tables that triggers keep exact on every write (migration
``0006_browse_indexes``), so the pages that summarise the whole store read a
few hundred rows instead of counting every article and quote per request.
Keys are case-insensitive (``Mira Olsen`` and ``mira olsen`` are one speaker,
as the one-speaker and one-outlet pages already matched them); an empty text
stands for "no outlet" / "no language" / "undated" and is returned as None.

A speaker is the corpus entity's name when the quote is linked to one
(``newstrace link``), else the per-article speaker name: the same rule as the
pages' ``COALESCE(entity name, speaker)``.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from newstrace.store.quotes import QuoteRow, quote_from_row

Row = dict[str, Any]

_FIRST = "(SELECT MIN(published) FROM tally_speaker_articles p WHERE p.who = {0} AND p.published > '')"
_LAST = "(SELECT MAX(published) FROM tally_speaker_articles p WHERE p.who = {0} AND p.published > '')"
_OUTLET_SPAN = (
    "(SELECT {fn}(published) FROM articles WHERE outlet = t.outlet COLLATE NOCASE AND t.outlet != '')"
)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def fold(value: str) -> str:
    """``value`` with ASCII letters in lower case: equal folds are equal under SQLite's NOCASE."""
    return value.translate(_ASCII_LOWER)


def _rows(db: sqlite3.Connection, sql: str, args: tuple[Any, ...] = ()) -> list[Row]:
    return [dict(r) for r in db.execute(sql, args)]


def _none(value: Any) -> Any:
    return None if value == "" else value


# -- articles and outlets ------------------------------------------------------------------------------------------


def _outlet_where(outlet: str | None, language: str | None) -> tuple[str, tuple[Any, ...]]:
    clauses, args = ["articles > 0"], []
    if outlet:
        clauses.append("outlet = ?")
        args.append(outlet)
    if language:
        clauses.append("language = ?")
        args.append(language)
    return " AND ".join(clauses), tuple(args)


def article_total(db: sqlite3.Connection, outlet: str | None = None, language: str | None = None) -> int:
    """Stored articles (of an outlet, in a language)."""
    where, args = _outlet_where(outlet, language)
    return int(db.execute(f"SELECT IFNULL(SUM(articles), 0) FROM tally_outlets WHERE {where}", args).fetchone()[0])


def article_facet(db: sqlite3.Connection, column: str, outlet: str | None = None, language: str | None = None,
                  limit: int = 30) -> list[Row]:
    """``{value, count}`` of articles per outlet or language (of an outlet, in a language), largest first."""
    if column not in ("outlet", "language"):
        raise ValueError(f"no facet {column!r}")
    where, args = _outlet_where(outlet, language)
    sql = (
        f"SELECT {column} AS value, SUM(articles) AS count FROM tally_outlets WHERE {where} "
        f"GROUP BY {column} ORDER BY count DESC, value LIMIT ?"
    )
    return [{"value": _none(r["value"]), "count": r["count"]} for r in _rows(db, sql, (*args, limit))]


def outlet_rows(db: sqlite3.Connection) -> list[Row]:
    """Every outlet: articles, quotes, first and last publication date, number of languages."""
    sql = (
        "SELECT outlet AS name, SUM(articles) AS articles, SUM(quotes) AS quotes, "
        f"{_OUTLET_SPAN.format(fn='MIN')} AS first, {_OUTLET_SPAN.format(fn='MAX')} AS last, "
        "COUNT(DISTINCT CASE WHEN articles > 0 AND language != '' THEN language END) AS languages "
        "FROM tally_outlets t GROUP BY outlet HAVING SUM(articles) > 0 ORDER BY articles DESC, name"
    )
    rows = _rows(db, sql)
    for row in rows:
        if row["name"] == "":
            row.update(name=None, **_no_outlet_span(db))
    return rows


def _no_outlet_span(db: sqlite3.Connection) -> Row:
    first = db.execute("SELECT MIN(published) FROM articles WHERE outlet IS NULL OR outlet = ''").fetchone()[0]
    last = db.execute("SELECT MAX(published) FROM articles WHERE outlet IS NULL OR outlet = ''").fetchone()[0]
    return {"first": first, "last": last}


def volume(db: sqlite3.Connection, outlet: str | None = None) -> list[Row]:
    """``{month, count}`` of dated articles (of an outlet), by month."""
    clause, args = ("AND outlet = ?", (outlet,)) if outlet else ("", ())
    sql = (
        f"SELECT month, SUM(articles) AS count FROM tally_outlets WHERE month != '' AND articles > 0 {clause} "
        f"GROUP BY month ORDER BY month"
    )
    return _rows(db, sql, args)


# -- quotes --------------------------------------------------------------------------------------------------------


def quote_total(db: sqlite3.Connection, kind: str | None = None) -> int:
    """Stored quotes (of a kind)."""
    clause, args = ("WHERE kind = ?", (kind,)) if kind else ("", ())
    return int(db.execute(f"SELECT IFNULL(SUM(quotes), 0) FROM tally_kinds {clause}", args).fetchone()[0])


def quote_months(db: sqlite3.Connection, outlet: str | None = None) -> list[tuple[str | None, int]]:
    """``(month, quotes)`` of all quotes (of an outlet), newest month first, undated (None) last."""
    clause, args = ("AND outlet = ?", (outlet,)) if outlet else ("", ())
    sql = f"SELECT month, SUM(quotes) FROM tally_outlets WHERE quotes > 0 {clause} GROUP BY month ORDER BY month DESC"
    return [(_none(r[0]), int(r[1])) for r in db.execute(sql, args)]


def quote_facet(db: sqlite3.Connection, column: str, limit: int = 15) -> list[Row]:
    """``{value, count}`` of all quotes per speaker, outlet or kind, largest first (None: no speaker/outlet)."""
    if column == "kind":
        rows = _rows(db, "SELECT kind AS value, quotes AS count FROM tally_kinds ORDER BY count DESC, value")
    elif column == "outlet":
        rows = _rows(db, "SELECT outlet AS value, SUM(quotes) AS count FROM tally_outlets GROUP BY outlet "
                         "HAVING count > 0")
    elif column == "speaker":
        rows = _rows(db, "SELECT who AS value, quotes AS count FROM tally_speakers ORDER BY quotes DESC, who "
                         "LIMIT ?", (limit,))
        unnamed = quote_total(db) - int(db.execute("SELECT IFNULL(SUM(quotes), 0) FROM tally_speakers").fetchone()[0])
        rows += [{"value": None, "count": unnamed}] if unnamed > 0 else []
    else:
        raise ValueError(f"no facet {column!r}")
    out = [{"value": _none(r["value"]), "count": r["count"]} for r in rows]
    return sorted(out, key=lambda r: (-r["count"], r["value"] is None, r["value"] or ""))[:limit]


# -- speakers ------------------------------------------------------------------------------------------------------


def _name_clause(name: str | None) -> tuple[str, tuple[Any, ...]]:
    return ("AND who LIKE ?", (f"%{name}%",)) if name else ("", ())


def speaker_rows(db: sqlite3.Connection, name: str | None, limit: int, offset: int) -> list[Row]:
    """Speakers with quote, article and outlet counts and first/last date, most quoted first."""
    clause, args = _name_clause(name)
    sql = (
        f"SELECT who AS name, quotes, articles, outlets, {_FIRST.format('s.who')} AS first, "
        f"{_LAST.format('s.who')} AS last FROM tally_speakers s WHERE quotes > 0 {clause} "
        f"ORDER BY quotes DESC, who LIMIT ? OFFSET ?"
    )
    return _rows(db, sql, (*args, limit, offset))


def count_speakers(db: sqlite3.Connection, name: str | None) -> int:
    clause, args = _name_clause(name)
    return int(db.execute(f"SELECT COUNT(*) FROM tally_speakers WHERE quotes > 0 {clause}", args).fetchone()[0])


def speaker_summary(db: sqlite3.Connection, speaker: str) -> Row | None:
    """``{name, quotes, articles, first, last}`` of one speaker (any case), or None when never quoted."""
    sql = (
        f"SELECT who AS name, quotes, articles, {_FIRST.format('s.who')} AS first, {_LAST.format('s.who')} AS last "
        f"FROM tally_speakers s WHERE who = ? AND quotes > 0"
    )
    rows = _rows(db, sql, (speaker,))
    return rows[0] if rows else None


def speaker_outlets(db: sqlite3.Connection, speaker: str) -> list[Row]:
    """Which outlets quote a speaker: ``{outlet, quotes, first}``, most quotes first."""
    firsts = {fold(r[0]): r[1] for r in db.execute(
        "SELECT outlet, MIN(NULLIF(published, '')) FROM tally_speaker_articles WHERE who = ? GROUP BY outlet",
        (speaker,),
    )}
    sql = "SELECT outlet, quotes FROM tally_speaker_outlets WHERE who = ? AND quotes > 0 ORDER BY quotes DESC, outlet"
    return [{"outlet": _none(r["outlet"]), "quotes": r["quotes"], "first": firsts.get(fold(r["outlet"]))}
            for r in _rows(db, sql, (speaker,))]


def speaker_volume(db: sqlite3.Connection, speaker: str) -> list[Row]:
    """``{month, count}`` of a speaker's quotes in dated articles, by month."""
    sql = (
        "SELECT substr(published, 1, 7) AS month, SUM(quotes) AS count FROM tally_speaker_articles "
        "WHERE who = ? AND published > '' GROUP BY month ORDER BY month"
    )
    return _rows(db, sql, (speaker,))


def outlet_speakers(db: sqlite3.Connection, outlet: str, limit: int = 25) -> list[Row]:
    """Who an outlet quotes most: ``{speaker, quotes, articles}``."""
    sql = (
        "SELECT who AS speaker, SUM(quotes) AS quotes, SUM(articles) AS articles FROM tally_speaker_outlets "
        "WHERE outlet = ? AND quotes > 0 GROUP BY who ORDER BY quotes DESC, speaker LIMIT ?"
    )
    return _rows(db, sql, (outlet, limit))


_SPEAKER_QUOTES = (
    "FROM tally_speaker_articles p CROSS JOIN quotes q ON q.article_id = p.article_id "
    "CROSS JOIN tally_quotes c ON c.qrowid = q.rowid"
)
_OF_SPEAKER = "p.who = ? AND c.who = ? COLLATE NOCASE"


def speaker_quotes(db: sqlite3.Connection, speaker: str, limit: int, offset: int) -> list[QuoteRow]:
    """A speaker's quotes (any case) with article outlet, date and title: oldest first, undated last.

    Read in the order of the speaker's tally rows (by date), so a page stops as soon as it is full.
    """
    dated = int(db.execute("SELECT IFNULL(SUM(quotes), 0) FROM tally_speaker_articles WHERE who = ? "
                           "AND published > ''", (speaker,)).fetchone()[0])
    rows: list[QuoteRow] = []
    if offset < dated:
        rows += _speaker_part(db, speaker, "p.published > ''", limit, offset)
    if len(rows) < limit:
        rows += _speaker_part(db, speaker, "p.published = ''", limit - len(rows), max(0, offset - dated))
    return rows


def _speaker_part(db: sqlite3.Connection, speaker: str, part: str, limit: int, offset: int) -> list[QuoteRow]:
    sql = (
        f"SELECT q.*, a.outlet AS a_outlet, COALESCE(a.published, a.published_partial) AS a_published, "
        f"a.title AS a_title {_SPEAKER_QUOTES} CROSS JOIN articles a ON a.id = p.article_id "
        f"WHERE {_OF_SPEAKER} AND {part} ORDER BY p.published, p.article_id, q.start LIMIT ? OFFSET ?"
    )
    rows = db.execute(sql, (speaker, speaker, limit, offset)).fetchall()
    return [QuoteRow(quote_from_row(r), r["a_outlet"], r["a_published"], r["a_title"]) for r in rows]


def speaker_mentions(db: sqlite3.Connection, speaker: str, limit: int = 20) -> list[Row]:
    """How a speaker is named in the texts (names, roles): ``{mention, count}``."""
    sql = (
        f"SELECT q.speaker_mention AS mention, COUNT(*) AS count {_SPEAKER_QUOTES} WHERE {_OF_SPEAKER} "
        f"AND q.speaker_mention IS NOT NULL GROUP BY q.speaker_mention ORDER BY count DESC, mention LIMIT ?"
    )
    return _rows(db, sql, (speaker, speaker, limit))
