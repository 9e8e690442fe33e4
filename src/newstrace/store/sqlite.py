"""The SQLite store: the single source of truth for articles, sources, runs and failures.

WAL mode, recorded migrations, FTS5 over title and text.  Writes happen in
batches, one transaction each, so an interrupted run loses nothing that was
committed and never leaves half a batch behind.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newstrace import __version__
from newstrace.errors import ErrorCode, StoreError
from newstrace.records import Article, Entity, Failure, PublishedDate, Quote, SourceRef, Story
from newstrace.store import articles, entities, links, quotes, statements, stories, years
from newstrace.store.failures import Stage
from newstrace.store.migrations import MIGRATIONS


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class StoredDoc:
    """An article to write, with the input it was read from."""

    article: Article
    source: SourceRef
    format: str
    input_sha256: str | None = None
    raw: str | None = None


@dataclass(frozen=True, slots=True)
class InputProgress:
    """How far a run got through one input file."""

    path: str
    kind: str
    size: int
    mtime_ns: int
    items_done: int
    complete: bool


@dataclass(slots=True)
class Batch:
    """Everything one transaction writes."""

    docs: list[StoredDoc] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    progress: dict[str, InputProgress] = field(default_factory=dict)
    line_hashes: list[tuple[str, str]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.docs) + len(self.failures)


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str
    rank: float


@dataclass(frozen=True, slots=True)
class FailureRow:
    failure: Failure
    run_id: int | None
    created_at: str


class Store:
    """A newstrace database file (or ``:memory:``)."""

    def __init__(self, path: str | Path = ":memory:", *, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        try:
            self.db = _connect(self.path, read_only)
            self.db.row_factory = sqlite3.Row
            if read_only:
                self.db.execute("PRAGMA query_only=ON")
                self.db.execute("SELECT COUNT(*) FROM migrations").fetchone()
            else:
                self._configure()
                self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(ErrorCode.UNREADABLE, f"{self.path} is not a usable newstrace database: {exc}") from exc

    def _configure(self) -> None:
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA busy_timeout=5000")

    def _migrate(self) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        done = {row[0] for row in self.db.execute("SELECT name FROM migrations")}
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self.transaction():
                for statement in _statements(sql):
                    self.db.execute(statement)
                self.db.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))

    def migrations(self) -> list[str]:
        """Names of the applied migrations, in order."""
        return [row[0] for row in self.db.execute("SELECT name FROM migrations ORDER BY name")]

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self) -> _Transaction:
        return _Transaction(self.db)

    # -- runs -----------------------------------------------------------------

    def begin_run(self, paths: Sequence[str]) -> int:
        """Start a run; runs left 'running' by a killed process are marked 'aborted'."""
        self.db.execute("UPDATE runs SET status='aborted' WHERE status='running'")
        cur = self.db.execute(
            "INSERT INTO runs (started_at, status, paths_json, version) VALUES (?, 'running', ?, ?)",
            (_now(), json.dumps(list(paths)), __version__),
        )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, status: str, counts: dict[str, Any]) -> None:
        self.db.execute(
            "UPDATE runs SET finished_at=?, status=?, counts_json=? WHERE id=?",
            (_now(), status, json.dumps(counts, sort_keys=True), run_id),
        )

    def runs(self, limit: int = 50) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,))
        return [
            {**dict(r), "paths": json.loads(r["paths_json"]), "counts": json.loads(r["counts_json"])}
            for r in rows
        ]

    # -- inputs ---------------------------------------------------------------

    def input_progress(self, path: str) -> InputProgress | None:
        row = self.db.execute("SELECT * FROM inputs WHERE path=?", (path,)).fetchone()
        if row is None:
            return None
        return InputProgress(
            row["path"], row["kind"], row["size"], row["mtime_ns"], row["items_done"], bool(row["complete"])
        )

    def forget_input(self, path: str) -> None:
        """Drop what is known of an input's progress and failures (it changed on disk)."""
        with self.transaction():
            self.db.execute("DELETE FROM inputs WHERE path=?", (path,))
            self.db.execute("DELETE FROM failures WHERE origin=?", (path,))

    # -- writing --------------------------------------------------------------

    def write_batch(self, run_id: int | None, batch: Batch) -> list[bool]:
        """Write a batch in one transaction; returns, per doc, whether its article was new."""
        with self.transaction():
            fresh = [self._write_doc(run_id, doc) for doc in batch.docs]
            for failure in batch.failures:
                self._write_failure(run_id, failure)
            for progress in batch.progress.values():
                self._write_progress(run_id, progress)
            self._bump_lines(batch.line_hashes)
        return fresh

    def _write_doc(self, run_id: int | None, doc: StoredDoc) -> bool:
        row = articles.article_row(doc.article, run_id, _now())
        cur = self.db.execute(
            f"INSERT INTO articles ({', '.join(row)}) VALUES ({', '.join('?' * len(row))}) "
            "ON CONFLICT(id) DO NOTHING",
            list(row.values()),
        )
        fresh = cur.rowcount == 1
        if not fresh:
            self._fill_gaps(doc.article)
        self.db.execute(
            "INSERT OR IGNORE INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.source.origin, doc.source.locator, doc.article.id, doc.input_sha256, doc.format,
             doc.article.url, run_id, _now()),
        )
        if doc.raw is not None and doc.input_sha256:
            blob = zlib.compress(doc.raw.encode("utf-8"))
            self.db.execute(
                "INSERT OR IGNORE INTO raw_documents VALUES (?, ?, ?)", (doc.input_sha256, doc.format, blob)
            )
        return fresh

    def _fill_gaps(self, article: Article) -> None:
        """A second copy of a known text may bring metadata the first lacked."""
        self.db.execute(
            "UPDATE articles SET url=COALESCE(url, ?), outlet=COALESCE(outlet, ?), "
            "outlet_basis=COALESCE(outlet_basis, ?), title=COALESCE(title, ?) WHERE id=?",
            (article.url, article.outlet, article.outlet_basis, article.title, article.id),
        )

    def _write_failure(self, run_id: int | None, failure: Failure) -> None:
        self.db.execute(
            "INSERT INTO failures (run_id, origin, locator, code, reason, stage, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(origin, locator, stage, code) DO UPDATE SET "
            "run_id=excluded.run_id, reason=excluded.reason, created_at=excluded.created_at",
            (run_id, failure.source.origin, failure.source.locator, failure.code.value, failure.reason,
             failure.stage, _now()),
        )

    def _write_failures(self, failures: Sequence[Failure]) -> None:
        for failure in failures:
            self._write_failure(None, failure)

    def count_failures(self, stage: str) -> int:
        """How many failures are recorded for ``stage``."""
        return int(self.db.execute("SELECT COUNT(*) FROM failures WHERE stage=?", (stage,)).fetchone()[0])

    def clear_failures(self, stage: Stage) -> int:
        """Forget the article failures of ``stage``, so its next run tries those articles again; returns how many
        were forgotten.  Quote failures stay on record: those quotes are done (with no entity or statement)."""
        with self.transaction():
            cursor = self.db.execute("DELETE FROM failures WHERE stage=? AND origin='article'", (stage,))
        return int(cursor.rowcount)

    def _write_progress(self, run_id: int | None, p: InputProgress) -> None:
        self.db.execute(
            "INSERT INTO inputs VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET "
            "kind=excluded.kind, size=excluded.size, mtime_ns=excluded.mtime_ns, items_done=excluded.items_done, "
            "complete=excluded.complete, run_id=excluded.run_id, updated_at=excluded.updated_at",
            (p.path, p.kind, p.size, p.mtime_ns, p.items_done, int(p.complete), run_id, _now()),
        )

    def _bump_lines(self, line_hashes: list[tuple[str, str]]) -> None:
        self.db.executemany(
            "INSERT INTO line_counts VALUES (?, ?, 1) ON CONFLICT(outlet, line_hash) "
            "DO UPDATE SET articles = articles + 1",
            line_hashes,
        )

    def line_counts(self, outlet: str, hashes: Sequence[str]) -> dict[str, int]:
        """How many distinct articles of ``outlet`` carried each paragraph hash."""
        if not hashes:
            return {}
        marks = ", ".join("?" * len(hashes))
        rows = self.db.execute(
            f"SELECT line_hash, articles FROM line_counts WHERE outlet=? AND line_hash IN ({marks})",
            (outlet, *hashes),
        )
        return {r[0]: r[1] for r in rows}

    # -- reading --------------------------------------------------------------

    def article(self, article_id: str) -> Article | None:
        row = self.db.execute("SELECT * FROM articles WHERE id=?", (article_id,)).fetchone()
        if row is None:
            matches = self.db.execute("SELECT * FROM articles WHERE id LIKE ? LIMIT 2", (article_id + "%",)).fetchall()
            row = matches[0] if len(matches) == 1 else None
        return self._to_article(row) if row is not None else None

    def articles(
        self, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
        limit: int | None = None, offset: int = 0,
    ) -> Iterator[Article]:
        """Articles in insertion order, optionally filtered by outlet and date range."""
        where, args = articles.article_where(outlet, since, until)
        sql = f"SELECT * FROM articles {where} ORDER BY rowid LIMIT ? OFFSET ?"
        for row in self.db.execute(sql, (*args, -1 if limit is None else limit, offset)):
            yield self._to_article(row)

    def has_article(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id=?", (article_id,)).fetchone() is not None

    def count_articles(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def sources(self, article_id: str) -> tuple[SourceRef, ...]:
        rows = self.db.execute(
            "SELECT origin, locator FROM sources WHERE article_id=? ORDER BY added_at, origin, locator", (article_id,)
        )
        return tuple(SourceRef(r[0], r[1]) for r in rows)

    def raw_document(self, sha256: str) -> str | None:
        row = self.db.execute("SELECT content FROM raw_documents WHERE sha256=?", (sha256,)).fetchone()
        return zlib.decompress(row[0]).decode("utf-8") if row else None

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search (FTS5 syntax) over titles and texts, best first."""
        sql = (
            "SELECT a.id, a.title, a.outlet, COALESCE(a.published, a.published_partial) AS published, "
            "snippet(articles_fts, 1, '[', ']', ' … ', 12) AS snip, bm25(articles_fts, 5.0, 1.0) AS rank "
            "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?"
        )
        try:
            rows = self.db.execute(sql, (query, limit)).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(ErrorCode.BAD_QUERY, f"cannot search for {query!r}: {exc}") from exc
        return [SearchHit(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows]

    # -- quotes ---------------------------------------------------------------

    def pending_analysis(self, analyzer: str, limit: int = 256) -> Iterator[list[tuple[str, str]]]:
        """Batches of ``(id, text)`` of the articles the analyser ``analyzer`` has not seen yet, oldest first;
        each batch is read when asked for, so the caller may write between batches."""
        after = 0
        while rows := quotes.pending_articles(self.db, analyzer, limit, after):
            after = rows[-1][0]
            yield [(article_id, text) for _, article_id, text in rows]

    def write_quotes(self, results: Sequence[tuple[str, Sequence[Quote]]], analyzer: str,
                     failures: Sequence[Failure] = ()) -> None:
        """Store each article's quotes (replacing older ones), and the articles that could not be analysed, in one
        transaction; a failed article counts as analysed by this analyser, so a re-run does not stop on it again."""
        with self.transaction():
            for article_id, found in results:
                quotes.write_quotes(self.db, article_id, found, analyzer)
            self._write_failures(failures)

    def quotes(self, where: quotes.QuoteFilter | None = None) -> Iterator[quotes.QuoteRow]:
        """Quotes with their article's outlet, date and title."""
        return quotes.query_quotes(self.db, where or quotes.QuoteFilter())

    def count_quotes(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM quotes").fetchone()[0])

    # -- links ----------------------------------------------------------------

    def signatures(self) -> Iterator[links.SignatureRow]:
        """Stored MinHash signatures, to rebuild the near-duplicate index."""
        return links.signatures(self.db)

    def unlinked(self, limit: int = 500) -> list[tuple[str, str, str | None]]:
        """``(id, text, published)`` of articles not yet in the near-duplicate index."""
        return links.unlinked(self.db, limit)

    def write_links(self, rows: Sequence[links.SignatureRow], groups: Sequence[tuple[str, Sequence[str]]],
                    failures: Sequence[Failure] = ()) -> None:
        """Signatures, duplicate groups and the articles that could not be signed, in one transaction."""
        with self.transaction():
            links.write_links(self.db, rows, groups)
            self._write_failures(failures)

    def duplicate_groups(self) -> list[tuple[str, list[str]]]:
        """``(canonical id, member ids)`` of every group of copies."""
        return links.duplicate_groups(self.db)

    def canonical_of(self, article_id: str) -> str | None:
        """The canonical (earliest) article of the group ``article_id`` belongs to, if any."""
        return links.canonical_of(self.db, article_id)

    # -- statements, entities, inferred years (issue 4) ------------------------------------------------------------

    def drop_stale_links(self) -> None:
        """Forget statement passages and speaker links of quotes that no longer exist."""
        with self.transaction():
            statements.drop_stale(self.db)

    def pending_statement_quotes(self, limit: int = 2000) -> list[tuple[Quote, str, str | None]]:
        """``(quote, article text, speaker entity id)`` of quotes not yet placed in a statement."""
        return statements.pending_quotes(self.db, limit)

    def passages(self) -> Iterator[tuple[str, int, str, str | None, str]]:
        """Placed passages ``(quote_id, part, words, entity id, statement_id)``, to rebuild the statement index."""
        return statements.passages(self.db)

    def write_passages(self, rows: Sequence[statements.PassageWrite], merges: Sequence[tuple[str, str]],
                       failures: Sequence[Failure] = ()) -> None:
        """New passages, statement merges ``(old, survivor)`` and the quotes that could not be placed, in one
        transaction."""
        with self.transaction():
            statements.write_passages(self.db, rows, merges)
            self._write_failures(failures)

    def statement_rows(self, where: statements.StatementFilter) -> Iterator[statements.PassageRow]:
        """Passages of the statements matching ``where`` (``newstrace.link.statements.statements`` builds records)."""
        return statements.statement_rows(self.db, where)

    def pending_speakers(self, limit: int = 5000) -> list[entities.SpeakerRow]:
        """Quotes whose speaker is not yet resolved to a corpus entity."""
        return entities.pending_speakers(self.db, limit)

    def entity_state(self) -> tuple[list[tuple[str, str, str]], list[entities.NameRow]]:
        """Every entity ``(id, name, kind)`` and name/role row, to rebuild the entity resolver."""
        return entities.entity_state(self.db)

    def write_entities(
        self, rows: Sequence[tuple[str, str, str]], names: Sequence[entities.NameRow],
        quote_links: Sequence[tuple[str, str | None]], merged: Sequence[tuple[str, str]] = (),
        failures: Sequence[Failure] = (),
    ) -> None:
        """Entities, their names and roles, quote-to-entity links, merges ``(old, survivor)`` and the quotes whose
        speaker could not be resolved, in one transaction."""
        with self.transaction():
            entities.write_entities(self.db, rows, names, quote_links, merged)
            self._write_failures(failures)

    def entity_rules(self) -> dict[str, Any] | None:
        """The alias rules in force (from the last ``--aliases`` file), if any."""
        return entities.rules(self.db)

    def save_entity_rules(self, rules: dict[str, Any]) -> None:
        """Keep new alias rules; entities are then resolved again from scratch."""
        with self.transaction():
            entities.save_rules(self.db, rules)

    def entities(self, *, kind: str | None = None, name: str | None = None, limit: int | None = None) -> list[Entity]:
        """People and organisations across the corpus, most quoted first."""
        return entities.entities(self.db, kind, name, limit)

    def quote_speakers(self, quote_ids: Sequence[str] | None = None) -> dict[str, tuple[str, str]]:
        """``quote_id -> (entity id, canonical name)`` of every quote (or those given) with a resolved speaker."""
        return entities.quote_speakers(self.db, quote_ids)

    def undated_articles(self, near: Sequence[str] | None = None) -> list[tuple[str, str]]:
        """``(id, published_json)`` of articles with a month and day but no year (among or linked to ``near``)."""
        return years.undated(self.db, near)

    def new_since_linking(self) -> set[str]:
        """Ids of articles with something the linking run has not processed yet."""
        return years.new_since_linking(self.db)

    def year_evidence(self, article_id: str, month_day: str, window: int, limit: int) -> list[years.EvidenceRow]:
        """Dated articles linked to ``article_id`` (copies, shared statements, people quoted in both)."""
        return years.evidence(self.db, article_id, month_day, window, limit)

    def write_inferred_date(
        self, article_id: str, published: PublishedDate, original: str, evidence: Sequence[object]
    ) -> None:
        """An inferred publication date with its evidence (the original date record is kept)."""
        with self.transaction():
            years.write_inferred(self.db, article_id, published, original, evidence)

    # -- stories: events and storylines (issue 5) --------------------------------------------------------------

    def pending_stories(self, limit: int = 500) -> list[stories.PendingArticle]:
        """Articles not yet placed in an event, oldest first."""
        return stories.pending(self.db, limit)

    def story_placements(self, storyline_id: str | None = None) -> Iterator[stories.PlacementRow]:
        """Stored placements in insertion order (of one storyline, or all), to rebuild the story index."""
        return stories.placements(self.db, storyline_id)

    def story_state(self, name: str) -> bytes | None:
        return stories.state(self.db, name)

    def write_placements(self, rows: Sequence[stories.PlacementRow], state: dict[str, bytes],
                         moves: dict[str, str], failures: Sequence[Failure] = ()) -> None:
        """New placements, index state, events moved to another storyline and the articles that could not be
        placed, in one transaction."""
        with self.transaction():
            self._write_failures(failures)
            stories.write_placements(self.db, rows)
            stories.move_events(self.db, moves)
            for name, value in state.items():
                stories.write_state(self.db, name, value)

    def merge_events(self, merges: Sequence[tuple[str, str]], state: dict[str, bytes]) -> None:
        """Events merged by the story index (``(kept, absorbed)`` pairs) and the absorbed ids, in one transaction."""
        with self.transaction():
            stories.merge_events(self.db, merges)
            for name, value in state.items():
                stories.write_state(self.db, name, value)

    def write_stories(self, records: Sequence[Story], gone: Sequence[str] = ()) -> None:
        """Replace storylines (with their events and novelty) and drop vanished ones, in one transaction."""
        with self.transaction():
            stories.delete_storylines(self.db, gone)
            for record in records:
                stories.write_story(self.db, record)

    def stories(self, sort: stories.StorySort = "recency", limit: int | None = 50,
                offset: int = 0) -> list[stories.StoryListing]:
        """Storylines, most recent or largest first."""
        return stories.listing(self.db, sort, limit, offset)

    def story(self, story_id: str) -> Story | None:
        """One storyline with events, timeline, summary and outlet comparison (an id prefix is enough)."""
        return stories.story(self.db, story_id)

    def story_of(self, article_id: str) -> str | None:
        """The storyline ``article_id`` belongs to, if it has been placed."""
        return stories.story_of(self.db, article_id)

    def story_related(self) -> dict[str, tuple[str, ...]]:
        """Every storyline's related storylines (one query, without loading the full records)."""
        return stories.related(self.db)

    def count_stories(self) -> tuple[int, int, int]:
        """Placed articles, events and storylines."""
        return stories.count(self.db)

    def failures(self, run_id: int | None = None) -> list[FailureRow]:
        sql = "SELECT * FROM failures" + (" WHERE run_id=?" if run_id is not None else "") + " ORDER BY id"
        rows = self.db.execute(sql, () if run_id is None else (run_id,))
        return [
            FailureRow(
                Failure(SourceRef(r["origin"], r["locator"]), ErrorCode(r["code"]), r["reason"], r["stage"]),
                r["run_id"],
                r["created_at"],
            )
            for r in rows
        ]

    def _to_article(self, row: sqlite3.Row) -> Article:
        return articles.article_from_row(row, self.sources(row["id"]))


def _connect(path: str, read_only: bool) -> sqlite3.Connection:
    """A connection; ``read_only`` opens an existing file with SQLite's ``mode=ro`` so nothing can be written."""
    if not read_only:
        return sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, or ``ROLLBACK`` on any exception (Ctrl-C included)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.db.execute("COMMIT" if exc_type is None else "ROLLBACK")


def _statements(sql: str) -> list[str]:
    """Split a migration script into statements, keeping trigger bodies whole."""
    out: list[str] = []
    buffer = ""
    for part in sql.split(";"):
        buffer += part + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n;"):
                out.append(buffer.strip())
            buffer = ""
    return out
