"""Named, recorded schema migrations.  Append new ones; never edit an applied one."""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_initial",
        """
        CREATE TABLE articles (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            url TEXT,
            outlet TEXT,
            outlet_basis TEXT,
            title TEXT,
            standfirst TEXT,
            text TEXT NOT NULL,
            published TEXT,
            published_partial TEXT,
            published_basis TEXT,
            published_confidence REAL,
            published_json TEXT NOT NULL,
            dateline_json TEXT,
            authors_json TEXT NOT NULL,
            tags_json TEXT NOT NULL,
            removed_json TEXT NOT NULL,
            language TEXT,
            extractor TEXT,
            extractor_version TEXT,
            run_id INTEGER,
            created_at TEXT NOT NULL
        );
        CREATE INDEX articles_outlet ON articles(outlet);
        CREATE INDEX articles_published ON articles(published);
        CREATE TABLE sources (
            origin TEXT NOT NULL,
            locator TEXT NOT NULL DEFAULT '',
            article_id TEXT NOT NULL,
            input_sha256 TEXT,
            format TEXT,
            url TEXT,
            run_id INTEGER,
            added_at TEXT NOT NULL,
            PRIMARY KEY (origin, locator)
        );
        CREATE INDEX sources_article ON sources(article_id);
        CREATE TABLE raw_documents (
            sha256 TEXT PRIMARY KEY,
            format TEXT NOT NULL,
            content BLOB NOT NULL
        );
        CREATE TABLE inputs (
            path TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            items_done INTEGER NOT NULL DEFAULT 0,
            complete INTEGER NOT NULL DEFAULT 0,
            run_id INTEGER,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE failures (
            id INTEGER PRIMARY KEY,
            run_id INTEGER,
            origin TEXT NOT NULL,
            locator TEXT NOT NULL DEFAULT '',
            code TEXT NOT NULL,
            reason TEXT NOT NULL,
            stage TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (origin, locator, code)
        );
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL,
            paths_json TEXT NOT NULL,
            counts_json TEXT NOT NULL DEFAULT '{}',
            version TEXT NOT NULL
        );
        CREATE TABLE line_counts (
            outlet TEXT NOT NULL,
            line_hash TEXT NOT NULL,
            articles INTEGER NOT NULL,
            PRIMARY KEY (outlet, line_hash)
        ) WITHOUT ROWID;
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        """,
    ),
    (
        "0002_quotes",
        """
        CREATE TABLE quotes (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            article_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            content_json TEXT NOT NULL,
            cue TEXT,
            cue_json TEXT NOT NULL,
            speaker_mention TEXT,
            source_json TEXT NOT NULL,
            speaker TEXT,
            speaker_reason TEXT,
            medium TEXT,
            confidence REAL NOT NULL
        );
        CREATE INDEX quotes_article ON quotes(article_id, start);
        CREATE INDEX quotes_speaker ON quotes(speaker COLLATE NOCASE);
        CREATE TABLE analyses (
            article_id TEXT PRIMARY KEY,
            analyzer TEXT NOT NULL,
            analyzed_at TEXT NOT NULL
        );
        CREATE VIRTUAL TABLE quotes_fts USING fts5(
            text, speaker, content='quotes', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
            INSERT INTO quotes_fts(rowid, text, speaker) VALUES (new.rowid, new.text, new.speaker);
        END;
        CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
            INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker)
            VALUES ('delete', old.rowid, old.text, old.speaker);
        END;
        CREATE TRIGGER quotes_au AFTER UPDATE OF text, speaker ON quotes BEGIN
            INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker)
            VALUES ('delete', old.rowid, old.text, old.speaker);
            INSERT INTO quotes_fts(rowid, text, speaker) VALUES (new.rowid, new.text, new.speaker);
        END;
        """,
    ),
    (
        "0003_links",
        """
        CREATE TABLE signatures (
            article_id TEXT PRIMARY KEY,
            signature BLOB NOT NULL,
            published TEXT
        );
        CREATE TABLE duplicates (
            article_id TEXT PRIMARY KEY,
            canonical_id TEXT NOT NULL
        );
        CREATE INDEX duplicates_canonical ON duplicates(canonical_id);
        """,
    ),
)
