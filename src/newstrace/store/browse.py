"""Read-only queries for browsing the store (the web UI): listings, counts and facets.

Every function takes an open connection and returns plain rows; nothing here
writes.  The work per request is bounded, whatever the size of the store:

- listings walk an index in the order they show (newest article first, and
  the quotes of the newest articles first), so a page reads about as many
  rows as it shows;
- counts and facets over the whole store, or over one outlet or language, come
  from the tallies (:mod:`newstrace.store.tallies`), kept exact by triggers;
- other filters are counted up to ``COUNT_CAP`` rows (beyond that the total is
  "at least ``COUNT_CAP``", as Datasette does), and their facets over the first
  ``WINDOW`` rows of the listing (a :class:`Window`, read once per page);
- a full-text search ranks (bm25) its ``WINDOW`` most recently stored matches,
  best first, and is counted up to ``COUNT_CAP``; with other filters it looks
  for them among its ``COUNT_CAP`` most recent matches.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from newstrace.errors import ErrorCode, StoreError
from newstrace.store import tallies
from newstrace.store.quotes import QuoteFilter, QuoteRow, quote_from_row

Row = dict[str, Any]

COUNT_CAP = 10_000  # rows counted exactly for filters the tallies do not cover
WINDOW = 1_000  # search matches ranked, and listing rows faceted, per request

_DATE = "COALESCE(a.published, a.published_partial)"
_QUOTE_COLUMNS = f"q.*, a.outlet AS a_outlet, {_DATE} AS a_published, a.title AS a_title"


@dataclass(frozen=True, slots=True)
class Total:
    """How many rows match: exact, or (``exact`` False) at least ``count``."""

    count: int
    exact: bool = True


@dataclass(frozen=True, slots=True)
class Window:
    """The first ``WINDOW`` matches of a listing, in its order, each with the values its facets count."""

    rowids: tuple[int, ...]
    values: tuple[tuple[Any, ...], ...]

    @classmethod
    def of(cls, rows: Sequence[Sequence[Any]]) -> Window:
        """From rows of ``(rowid, facet value, ...)``."""
        return cls(tuple(r[0] for r in rows), tuple(tuple(r[1:]) for r in rows))

    def facets(self, columns: Sequence[str], limit: int) -> dict[str, list[Row]]:
        return {col: _facet([v[i] for v in self.values], limit) for i, col in enumerate(columns)}


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Which articles to list: every field narrows the result."""

    outlet: str | None = None
    language: str | None = None
    since: str | None = None
    until: str | None = None
    query: str | None = None
    limit: int = 50
    offset: int = 0

    @property
    def tallied(self) -> bool:
        """Whether the tallies answer counts and facets (only outlet and language narrow)."""
        return not (self.query or self.since or self.until)


def _run(db: sqlite3.Connection, sql: str, args: Sequence[Any], what: str) -> list[sqlite3.Row]:
    try:
        return db.execute(sql, tuple(args)).fetchall()
    except sqlite3.OperationalError as exc:
        raise StoreError(ErrorCode.BAD_QUERY, f"cannot search {what}: {exc}") from exc


def _capped(db: sqlite3.Connection, matches: str, args: Sequence[Any], what: str, partial: bool = False) -> Total:
    """Count the rows of ``matches`` (a SELECT) up to ``COUNT_CAP``; ``partial``: they are a sample (a lower bound)."""
    n = int(_run(db, f"SELECT COUNT(*) FROM ({matches} LIMIT {COUNT_CAP + 1})", args, what)[0][0])
    return Total(min(n, COUNT_CAP), exact=n <= COUNT_CAP and not partial)


# -- articles ------------------------------------------------------------------------------------------------------

_ARTICLE_COLUMNS = (
    "a.id, a.title, a.outlet, a.language, a.published, a.published_partial, a.published_basis, "
    "substr(a.text, 1, 240) AS lead"
)
_NEWEST = "a.published DESC, a.id DESC"  # undated last (NULL sorts first ascending); covered by the indexes


def _article_where(f: ArticleFilter) -> tuple[list[str], list[Any]]:
    pairs = (
        ("a.outlet = ? COLLATE NOCASE", f.outlet),
        ("a.language = ?", f.language),
        ("a.published >= ?", f.since),
        ("a.published <= ?", f.until),
    )
    return [clause for clause, value in pairs if value], [value for _, value in pairs if value]


def _search_count(db: sqlite3.Connection, fts: str, query: str) -> Total:
    """How many rows a full-text search matches, counted up to ``COUNT_CAP``."""
    return _capped(db, f"SELECT rowid FROM {fts} WHERE {fts} MATCH ?", [query], "matches")


def _search_floor(db: sqlite3.Connection, fts: str, query: str) -> int:
    """The rowid of the ``COUNT_CAP``-th newest match of a search (0 when fewer match): where filters stop looking."""
    sql = f"SELECT rowid FROM {fts} WHERE {fts} MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET {COUNT_CAP - 1}"
    row = _run(db, sql, [query], "matches")
    return int(row[0][0]) if row else 0


def _article_matches(db: sqlite3.Connection, f: ArticleFilter) -> tuple[str, list[Any]]:
    """``FROM ... WHERE ...`` of the matching articles (a search with filters: among its ``COUNT_CAP`` newest)."""
    clauses, args = _article_where(f)
    if not f.query:
        return f"FROM articles a {'WHERE ' + ' AND '.join(clauses) if clauses else ''}", args
    floor = _search_floor(db, "articles_fts", f.query) if clauses else 0
    where = " AND ".join(["articles_fts MATCH ?", "articles_fts.rowid >= ?", *clauses])
    source = "FROM articles_fts CROSS JOIN articles a ON a.rowid = articles_fts.rowid"  # the search drives
    return f"{source} WHERE {where}", [f.query, floor, *args]


def article_window(db: sqlite3.Connection, f: ArticleFilter) -> Window:
    """The ``WINDOW`` first matches in listing order; a search: its newest matches, best first."""
    matches, args = _article_matches(db, f)
    if not f.query:
        sql = f"SELECT a.rowid, a.outlet, a.language {matches} ORDER BY {_NEWEST} LIMIT {WINDOW}"
    else:
        sql = (
            f"SELECT r, o, l FROM (SELECT a.rowid AS r, bm25(articles_fts, 5.0, 1.0) AS rank, a.outlet AS o, "
            f"a.language AS l {matches} ORDER BY articles_fts.rowid DESC LIMIT {WINDOW}) ORDER BY rank, r DESC"
        )
    return Window.of(_run(db, sql, args, "articles"))


def article_rows(db: sqlite3.Connection, f: ArticleFilter, window: Window | None = None) -> list[Row]:
    """One page of article summaries, newest first; a search: the page of its ``window`` (best first).

    A ``window`` (:func:`article_window` of ``f``) that holds the page is read instead of the listing.
    """
    if f.query and window is None:
        window = article_window(db, f)
    if window is not None and (f.query or f.offset + f.limit <= len(window.rowids)):
        ids = list(window.rowids[f.offset:f.offset + f.limit])
        sql = f"SELECT {_ARTICLE_COLUMNS} FROM json_each(?) j JOIN articles a ON a.rowid = j.value ORDER BY j.key"
        return [dict(r) for r in _run(db, sql, [json.dumps(ids)], "articles")]
    matches, args = _article_matches(db, f)
    sql = f"SELECT {_ARTICLE_COLUMNS} {matches} ORDER BY {_NEWEST} LIMIT ? OFFSET ?"
    return [dict(r) for r in _run(db, sql, [*args, f.limit, f.offset], "articles")]


def count_articles(db: sqlite3.Connection, f: ArticleFilter) -> Total:
    """How many articles match ``f``: exact from the tallies or the search index, else up to ``COUNT_CAP``."""
    if f.tallied:
        return Total(tallies.article_total(db, f.outlet, f.language))
    searched = _search_count(db, "articles_fts", f.query) if f.query else None
    if searched is not None and not _article_where(f)[0]:
        return searched
    matches, args = _article_matches(db, f)
    return _capped(db, f"SELECT 1 {matches}", args, "articles", partial=bool(searched and not searched.exact))


def article_facets(db: sqlite3.Connection, f: ArticleFilter, window: Window | None = None,
                   limit: int = 30) -> dict[str, list[Row]]:
    """``{value, count}`` per outlet and per language: exact from the tallies, else over the window."""
    if f.tallied:
        return {col: tallies.article_facet(db, col, f.outlet, f.language, limit) for col in ("outlet", "language")}
    return (window or article_window(db, f)).facets(("outlet", "language"), limit)


def _facet(values: Sequence[str | None], limit: int) -> list[Row]:
    """``{value, count}`` of values equal but for ASCII case (as SQLite's NOCASE), largest first."""
    folded: dict[str | None, list[Any]] = {}
    for value, count in Counter(values).items():
        key = tallies.fold(value) if value is not None else None
        seen = folded.setdefault(key, [value, 0])
        seen[0], seen[1] = min(seen[0], value) if value is not None else None, seen[1] + count
    rows = [{"value": value, "count": count} for value, count in folded.values()]
    rows.sort(key=lambda r: (-r["count"], r["value"] is None, r["value"] or ""))
    return rows[:limit]


def date_span(db: sqlite3.Connection) -> tuple[str | None, str | None]:
    row = db.execute("SELECT (SELECT MIN(published) FROM articles), (SELECT MAX(published) FROM articles)").fetchone()
    return row[0], row[1]


def quote_counts(db: sqlite3.Connection, article_ids: Sequence[str]) -> dict[str, int]:
    """Number of stored quotes per article, for the given articles."""
    if not article_ids:
        return {}
    marks = ", ".join("?" * len(article_ids))
    rows = db.execute(
        f"SELECT article_id, COUNT(*) FROM quotes WHERE article_id IN ({marks}) GROUP BY article_id", tuple(article_ids)
    )
    return {r[0]: int(r[1]) for r in rows}


# -- quotes --------------------------------------------------------------------------------------------------------

def quote_filtered(f: QuoteFilter) -> bool:
    """Whether anything narrows the quotes (else the tallies answer counts and facets)."""
    return bool(f.query) or _narrowed(f)


def _narrowed(f: QuoteFilter) -> bool:
    return any((f.speaker, f.outlet, f.kind, f.since, f.until, f.article_id))


def speakers_named(db: sqlite3.Connection, text: str) -> tuple[list[str], int]:
    """The speakers (as tallied: entity name, else the article's name) whose name or an alias contains ``text``
    (any case), and how many quotes they have."""
    pattern = f"%{text}%"
    sql = (
        "SELECT who, quotes FROM tally_speakers WHERE quotes > 0 AND (who LIKE ? OR who IN (SELECT e.name FROM "
        "entity_names n JOIN entities e ON e.id = n.entity_id WHERE n.name LIKE ?))"
    )
    rows = db.execute(sql, (pattern, pattern)).fetchall()
    return [r[0] for r in rows], sum(int(r[1]) for r in rows)


def with_speakers(db: sqlite3.Connection, f: QuoteFilter) -> QuoteFilter:
    """``f`` with its speaker matches resolved once, so the window, rows and count of one page share them."""
    if not f.speaker or f.speakers is not None:
        return f
    names, quotes = speakers_named(db, f.speaker)
    return replace(f, speakers=(tuple(names), quotes))


def _speakers(db: sqlite3.Connection, f: QuoteFilter) -> tuple[list[str], int]:
    if f.speakers is not None:
        return list(f.speakers[0]), f.speakers[1]
    return speakers_named(db, f.speaker or "")


def _quote_where(db: sqlite3.Connection, f: QuoteFilter, listing: bool) -> tuple[list[str], list[Any]]:
    """The filters as clauses on the tally row ``c`` of each quote (``listing``: on the article ``a`` and quote
    ``q`` where an index serves them); a speaker narrows to :func:`speakers_named`."""
    clauses: list[str] = []
    args: list[Any] = []
    if f.speaker:
        names, quotes = _speakers(db, f)
        clauses.append("c.who COLLATE NOCASE IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(names))
        if listing and quotes <= COUNT_CAP:  # few: start from their articles
            clauses.append("a.id IN (SELECT p.article_id FROM tally_speaker_articles p WHERE p.who IN "
                           "(SELECT value FROM json_each(?)))")
            args.append(json.dumps(names))
    row, quote = ("a", "q") if listing else ("c", "c")
    pairs = (
        (f"{row}.outlet = ? COLLATE NOCASE", f.outlet),
        (f"{quote}.kind = ?", f.kind),
        (f"{row}.published >= ?", f.since),
        (f"{row}.published <= ?", f.until),
        (f"{quote}.article_id = ?", f.article_id),
    )
    clauses.extend(clause for clause, value in pairs if value)
    return clauses, args + [value for _, value in pairs if value]


def _quote_listing(db: sqlite3.Connection, f: QuoteFilter, tallied: bool = False) -> tuple[str, list[Any]]:
    """``FROM ... WHERE ...`` of the quotes matching ``f`` (no search): the articles drive the join, newest first
    through an index, so a page stops reading as soon as it is full (``tallied``: with each tally row ``c``)."""
    clauses, args = _quote_where(db, f, listing=True)
    join = "JOIN tally_quotes c ON c.qrowid = q.rowid" if f.speaker or tallied else ""
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    return f"FROM articles a CROSS JOIN quotes q ON q.article_id = a.id {join} {where}", args


_QUOTE_ORDER = f"{_NEWEST}, q.start"
_QUOTE_FACETS = ("speaker", "outlet", "kind")


def quote_window(db: sqlite3.Connection, f: QuoteFilter) -> Window:
    """The ``WINDOW`` first matches in listing order; a search: its newest matches, best first.

    A search with filters looks at its ``COUNT_CAP`` newest matches only, through their tally rows.
    """
    if not f.query:
        matches, args = _quote_listing(db, f, tallied=True)
        sql = f"SELECT q.rowid, c.who, c.outlet, c.kind {matches} ORDER BY {_QUOTE_ORDER} LIMIT {WINDOW}"
        return Window.of(_run(db, sql, args, "quotes"))
    clauses, args = _quote_where(db, f, listing=False)
    where = " AND ".join(["quotes_fts MATCH ?", "quotes_fts.rowid >= ?", *clauses])
    floor = _search_floor(db, "quotes_fts", f.query) if clauses else 0
    sql = (
        f"SELECT r, who, outlet, kind FROM (SELECT c.qrowid AS r, quotes_fts.rank AS rank, c.who, c.outlet, c.kind "
        f"FROM quotes_fts CROSS JOIN tally_quotes c ON c.qrowid = quotes_fts.rowid WHERE {where} "
        f"ORDER BY quotes_fts.rowid DESC LIMIT {WINDOW}) ORDER BY rank, r DESC"
    )
    return Window.of(_run(db, sql, [f.query, floor, *args], "quotes"))


def quote_rows(db: sqlite3.Connection, f: QuoteFilter, window: Window | None = None) -> list[QuoteRow]:
    """One page of quotes, newest article first; a search: the page of its ``window`` (best first).

    A ``window`` (:func:`quote_window` of ``f``) that holds the page is read instead of the listing.
    """
    if f.query and window is None:
        window = quote_window(db, f)
    ids = window.rowids if window is not None else ()
    limit = len(ids) + 1 if f.limit is None else f.limit
    if window is not None and (f.query or f.offset + limit <= len(ids)):
        sql = (
            f"SELECT {_QUOTE_COLUMNS} FROM json_each(?) j JOIN quotes q ON q.rowid = j.value "
            f"JOIN articles a ON a.id = q.article_id ORDER BY j.key"
        )
        rows = _run(db, sql, [json.dumps(list(ids[f.offset:f.offset + limit]))], "quotes")
    else:
        start, offset = _deep_start(db, f, limit)
        matches, args = _quote_listing(db, f)
        if start:
            matches, args = _and(matches, start), [*args, *start[1:]]
        rows = _run(db, f"SELECT {_QUOTE_COLUMNS} {matches} ORDER BY {_QUOTE_ORDER} LIMIT ? OFFSET ?",
                    [*args, -1 if f.limit is None else limit, offset], "quotes")
    return [QuoteRow(quote_from_row(r), r["a_outlet"], r["a_published"], r["a_title"]) for r in rows]


def _deep_start(db: sqlite3.Connection, f: QuoteFilter, limit: int) -> tuple[tuple[Any, ...], int]:
    """Where a deep page of the (unfiltered, or one outlet's) quote listing starts, as a keyset clause on the
    listing order and the few rows left to skip: newer months are skipped whole by their tallied quote counts,
    then the month's articles by their quote counts."""
    if f.offset < WINDOW or f.limit is None or any((f.speaker, f.kind, f.since, f.until, f.article_id)):
        return (), f.offset
    months = tallies.quote_months(db, f.outlet)
    before = 0
    for month, quotes in months:
        if before + quotes > f.offset:
            if month is None:
                return ("a.published IS NULL",), f.offset - before
            if f.offset + limit > sum(n for m, n in months if m is not None):  # the page runs into the undated
                return (), f.offset
            return _in_month(db, f.outlet, month, f.offset - before)
        before += quotes
    return (), f.offset


def _and(matches: str, start: tuple[Any, ...]) -> str:
    return matches + (" AND " if " WHERE " in matches else " WHERE ") + str(start[0])


def _in_month(db: sqlite3.Connection, outlet: str | None, month: str, skip: int) -> tuple[tuple[Any, ...], int]:
    clause, args = ("AND a.outlet = ? COLLATE NOCASE", [outlet]) if outlet else ("", [])
    rows = db.execute(
        f"SELECT a.published, a.id, (SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id) FROM articles a "
        f"WHERE a.published >= ? AND a.published < ? {clause} ORDER BY {_NEWEST}", [month, month + "~", *args]
    )
    for published, article_id, quotes in rows:
        if quotes > skip:
            return ("(a.published, a.id) <= (?, ?)", published, article_id), skip
        skip -= quotes
    return ("a.published < ?", month), skip


def count_quotes(db: sqlite3.Connection, f: QuoteFilter, window: Window | None = None) -> Total:
    """How many quotes match ``f``: exact from the tallies or the search index; a search with filters from its
    window (at least ``WINDOW`` when full); other filters counted up to ``COUNT_CAP``."""
    others = any((f.outlet, f.since, f.until, f.article_id))
    if not (others or f.query or f.speaker):
        return Total(tallies.quote_total(db, f.kind))
    if f.speaker and not (others or f.query or f.kind):
        return Total(_speakers(db, f)[1])
    if not f.query:
        matches, args = _quote_listing(db, f)
        return _capped(db, f"SELECT 1 {matches}", args, "quotes")
    searched = _search_count(db, "quotes_fts", f.query)
    if not _narrowed(f):
        return searched
    found = len((window or quote_window(db, f)).rowids)
    return Total(found, exact=found < WINDOW and searched.exact)


def quote_facets(db: sqlite3.Connection, f: QuoteFilter, window: Window | None = None,
                 limit: int = 15) -> dict[str, list[Row]]:
    """``{value, count}`` per speaker, outlet and kind: exact from the tallies, else over the window.

    The speaker is the corpus entity's name once entities are built (see :mod:`newstrace.store.tallies`).
    """
    if not quote_filtered(f):
        return {col: tallies.quote_facet(db, col, limit) for col in _QUOTE_FACETS}
    return (window or quote_window(db, f)).facets(_QUOTE_FACETS, limit)


def excerpts(db: sqlite3.Connection, spans: Sequence[tuple[str, int, int]], pad: int = 160) -> list[tuple[str, str]]:
    """For each ``(article_id, start, end)``, up to ``pad`` characters of text before and after the span."""
    out: list[tuple[str, str]] = []
    for article_id, start, end in spans:
        row = db.execute(
            "SELECT substr(text, max(?, 1), ?), substr(text, ?, ?) FROM articles WHERE id=?",
            (start - pad + 1, min(start, pad), end + 1, pad, article_id),
        ).fetchone()
        out.append((row[0], row[1]) if row else ("", ""))
    return out


def group_members(db: sqlite3.Connection, article_ids: Sequence[str]) -> dict[str, list[Row]]:
    """For each article, every article of its near-duplicate group (itself included) with outlet and date."""
    if not article_ids:
        return {}
    marks = ", ".join("?" * len(article_ids))
    sql = (
        f"SELECT d.article_id AS of, m.article_id AS id, a.outlet, a.title, {_DATE} AS published, "
        f"m.article_id = m.canonical_id AS canonical FROM duplicates d "
        f"JOIN duplicates m ON m.canonical_id = d.canonical_id JOIN articles a ON a.id = m.article_id "
        f"WHERE d.article_id IN ({marks}) ORDER BY published IS NULL, published, a.rowid"
    )
    out: dict[str, list[Row]] = {}
    for r in db.execute(sql, tuple(article_ids)):
        row = dict(r)
        out.setdefault(row.pop("of"), []).append({**row, "canonical": bool(row["canonical"])})
    return {k: v for k, v in out.items() if len(v) > 1}


# -- outlets --------------------------------------------------------------------------------------------------------


def first_reports(db: sqlite3.Connection, outlet: str, limit: int = 25) -> list[Row]:
    """Groups of copies where ``outlet`` had the canonical (earliest) article: ``{id, title, published, copies}``."""
    sql = (
        f"SELECT a.id, a.title, {_DATE} AS published, "
        f"(SELECT COUNT(*) FROM duplicates m WHERE m.canonical_id = d.article_id) - 1 AS copies "
        f"FROM duplicates d JOIN articles a ON a.id = d.article_id "
        f"WHERE d.article_id = d.canonical_id AND a.outlet = ? COLLATE NOCASE AND "
        f"(SELECT COUNT(*) FROM duplicates m WHERE m.canonical_id = d.article_id) > 1 LIMIT ?"
    )
    return [dict(r) for r in db.execute(sql, (outlet, limit))]


# -- runs ----------------------------------------------------------------------------------------------------------


def failure_rows(db: sqlite3.Connection, limit: int, offset: int) -> list[Row]:
    sql = (
        "SELECT id, run_id, origin, locator, code, reason, stage, created_at FROM failures "
        "ORDER BY id DESC LIMIT ? OFFSET ?"
    )
    return [dict(r) for r in db.execute(sql, (limit, offset))]


def failure_codes(db: sqlite3.Connection) -> list[Row]:
    sql = "SELECT code AS value, COUNT(*) AS count FROM failures GROUP BY code ORDER BY count DESC, value"
    return [dict(r) for r in db.execute(sql)]


def count_rows(db: sqlite3.Connection, table: str) -> int:
    if table not in ("articles", "quotes", "failures", "runs", "duplicates", "sources"):
        raise ValueError(f"no table {table!r}")
    return int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
