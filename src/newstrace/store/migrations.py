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
    (
        "0004_statements",
        """
        CREATE TABLE statement_passages (
            quote_id TEXT NOT NULL,
            part INTEGER NOT NULL,
            article_id TEXT NOT NULL,
            statement_id TEXT,
            text TEXT NOT NULL,
            norm TEXT NOT NULL,
            PRIMARY KEY (quote_id, part)
        );
        CREATE INDEX statement_passages_statement ON statement_passages(statement_id);
        CREATE INDEX statement_passages_article ON statement_passages(article_id);
        CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL
        );
        CREATE TABLE entity_names (
            entity_id TEXT NOT NULL,
            name TEXT NOT NULL,
            key TEXT NOT NULL,
            type TEXT NOT NULL,
            quotes INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (entity_id, type, key)
        );
        CREATE INDEX entity_names_key ON entity_names(key);
        CREATE TABLE quote_entities (
            quote_id TEXT PRIMARY KEY,
            entity_id TEXT
        );
        CREATE INDEX quote_entities_entity ON quote_entities(entity_id);
        CREATE TABLE entity_rules (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            rules_json TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE inferred_dates (
            article_id TEXT PRIMARY KEY,
            original_json TEXT NOT NULL,
            evidence_json TEXT NOT NULL,
            inferred_at TEXT NOT NULL
        );
        """,
    ),
    (
        "0005_stories",
        """
        CREATE TABLE story_articles (
            seq INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL UNIQUE,
            event_id TEXT NOT NULL,
            storyline_id TEXT NOT NULL,
            score REAL NOT NULL,
            day INTEGER,
            yday INTEGER,
            features BLOB NOT NULL,
            novel_json TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX story_articles_event ON story_articles(event_id);
        CREATE INDEX story_articles_storyline ON story_articles(storyline_id);
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            storyline_id TEXT NOT NULL,
            date TEXT,
            title TEXT,
            articles INTEGER NOT NULL,
            record_json TEXT NOT NULL
        );
        CREATE INDEX events_storyline ON events(storyline_id);
        CREATE TABLE storylines (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            first_date TEXT,
            last_date TEXT,
            articles INTEGER NOT NULL,
            events INTEGER NOT NULL,
            outlets INTEGER NOT NULL,
            updated_at TEXT NOT NULL,
            record_json TEXT NOT NULL
        );
        CREATE INDEX storylines_last ON storylines(last_date);
        CREATE TABLE story_state (
            name TEXT PRIMARY KEY,
            value BLOB NOT NULL
        );
        """,
    ),
    (
        # Web browsing (issue 6): indexes for what the lists filter and sort by, prefix indexes for searches,
        # and tallies (per outlet/language/month, per kind, per speaker, speaker x outlet, speaker x article,
        # storylines per outlet and language) kept exact by triggers on every table they depend on.  What each
        # article, quote and placement counted is remembered (tally_articles, tally_quotes, tally_placements),
        # so any write -- INSERT OR REPLACE, re-analysis, entity merges, inferred dates, moved events -- is
        # applied as "take back what was counted, count what is there now" (see store/tallies.py).
        "0006_browse_indexes",
        """
        DROP INDEX articles_published;
        CREATE INDEX articles_published_id ON articles(published, id);
        CREATE INDEX articles_outlet_published ON articles(outlet COLLATE NOCASE, published, id);
        CREATE INDEX articles_language_published ON articles(language, published, id);
        DROP TABLE articles_fts;
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2', prefix='3'
        );
        INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
        DROP TABLE quotes_fts;
        CREATE VIRTUAL TABLE quotes_fts USING fts5(
            text, speaker, content='quotes', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2', prefix='2 3'
        );
        INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
        CREATE TABLE tally_articles (
            article_id TEXT PRIMARY KEY, outlet TEXT, language TEXT, published TEXT
        ) WITHOUT ROWID;
        CREATE TABLE tally_quotes (
            qrowid INTEGER PRIMARY KEY, quote_id TEXT NOT NULL UNIQUE, who TEXT, article_id TEXT NOT NULL,
            outlet TEXT, language TEXT, published TEXT, kind TEXT NOT NULL
        );
        CREATE TABLE tally_outlets (
            outlet TEXT NOT NULL COLLATE NOCASE, language TEXT NOT NULL, month TEXT NOT NULL,
            articles INTEGER NOT NULL DEFAULT 0, quotes INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (outlet, language, month)
        ) WITHOUT ROWID;
        CREATE TABLE tally_kinds (kind TEXT PRIMARY KEY, quotes INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE tally_speakers (
            who TEXT PRIMARY KEY COLLATE NOCASE, quotes INTEGER NOT NULL DEFAULT 0,
            articles INTEGER NOT NULL DEFAULT 0, outlets INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE INDEX tally_speakers_rank ON tally_speakers(quotes DESC, who);
        CREATE TABLE tally_speaker_outlets (
            who TEXT NOT NULL COLLATE NOCASE, outlet TEXT NOT NULL COLLATE NOCASE,
            quotes INTEGER NOT NULL DEFAULT 0, articles INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (who, outlet)
        ) WITHOUT ROWID;
        CREATE INDEX tally_speaker_outlets_outlet ON tally_speaker_outlets(outlet, quotes);
        CREATE TABLE tally_speaker_articles (
            who TEXT NOT NULL COLLATE NOCASE, published TEXT NOT NULL, article_id TEXT NOT NULL,
            outlet TEXT NOT NULL COLLATE NOCASE, quotes INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (who, published, article_id, outlet)
        ) WITHOUT ROWID;
        CREATE TABLE tally_placements (
            article_id TEXT PRIMARY KEY, storyline_id TEXT NOT NULL, outlet TEXT, language TEXT
        ) WITHOUT ROWID;
        CREATE TABLE tally_story_pairs (
            what TEXT NOT NULL, value TEXT NOT NULL COLLATE NOCASE, storyline_id TEXT NOT NULL,
            articles INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (what, value, storyline_id)
        ) WITHOUT ROWID;
        CREATE TABLE tally_story_facets (
            what TEXT NOT NULL, value TEXT NOT NULL COLLATE NOCASE, storylines INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (what, value)
        ) WITHOUT ROWID;
        CREATE INDEX storylines_size ON storylines(articles, last_date);
        CREATE VIEW tally_touch (what, id) AS SELECT '', '' WHERE 0;
        CREATE VIEW tally_story_delta (sign, storyline_id, what, value) AS SELECT 0, '', '', '' WHERE 0;
        CREATE VIEW tally_delta (sign, what, who, article_id, outlet, language, published, kind) AS
            SELECT 0, '', '', '', '', '', '', '' WHERE 0;
        CREATE TRIGGER tally_touch_article INSTEAD OF INSERT ON tally_touch WHEN new.what = 'article' BEGIN
            INSERT INTO tally_delta SELECT -1, 'article', NULL, article_id, outlet, language, published, NULL
            FROM tally_articles WHERE article_id = new.id;
            DELETE FROM tally_articles WHERE article_id = new.id;
            INSERT INTO tally_articles SELECT id, outlet, language, published FROM articles WHERE id = new.id;
            INSERT INTO tally_delta SELECT 1, 'article', NULL, article_id, outlet, language, published, NULL
            FROM tally_articles WHERE article_id = new.id;
            INSERT INTO tally_touch SELECT 'quote', id FROM quotes WHERE article_id = new.id;
            INSERT INTO tally_touch VALUES ('placement', new.id);
        END;
        CREATE TRIGGER tally_touch_placement INSTEAD OF INSERT ON tally_touch WHEN new.what = 'placement' BEGIN
            INSERT INTO tally_story_delta SELECT -1, storyline_id, 'outlet', outlet FROM tally_placements
            WHERE article_id = new.id AND outlet IS NOT NULL;
            INSERT INTO tally_story_delta SELECT -1, storyline_id, 'language', language FROM tally_placements
            WHERE article_id = new.id AND language IS NOT NULL;
            DELETE FROM tally_placements WHERE article_id = new.id;
            INSERT INTO tally_placements SELECT sa.article_id, sa.storyline_id, a.outlet, a.language
            FROM story_articles sa JOIN tally_articles a ON a.article_id = sa.article_id WHERE sa.article_id = new.id;
            INSERT INTO tally_story_delta SELECT 1, storyline_id, 'outlet', outlet FROM tally_placements
            WHERE article_id = new.id AND outlet IS NOT NULL;
            INSERT INTO tally_story_delta SELECT 1, storyline_id, 'language', language FROM tally_placements
            WHERE article_id = new.id AND language IS NOT NULL;
        END;
        CREATE TRIGGER tally_story_apply INSTEAD OF INSERT ON tally_story_delta BEGIN
            INSERT INTO tally_story_pairs VALUES (new.what, new.value, new.storyline_id, new.sign)
            ON CONFLICT (what, value, storyline_id) DO UPDATE SET articles = articles + excluded.articles;
            INSERT INTO tally_story_facets (what, value, storylines)
            SELECT new.what, new.value, (new.sign > 0 AND articles = 1) - (new.sign < 0 AND articles = 0)
            FROM tally_story_pairs WHERE what = new.what AND value = new.value AND storyline_id = new.storyline_id
            ON CONFLICT (what, value) DO UPDATE SET storylines = storylines + excluded.storylines;
            DELETE FROM tally_story_pairs WHERE what = new.what AND value = new.value
            AND storyline_id = new.storyline_id AND articles = 0;
            DELETE FROM tally_story_facets WHERE what = new.what AND value = new.value AND storylines = 0;
        END;
        CREATE TRIGGER tally_touch_quote INSTEAD OF INSERT ON tally_touch WHEN new.what = 'quote' BEGIN
            INSERT INTO tally_delta SELECT -1, 'quote', who, article_id, outlet, language, published, kind
            FROM tally_quotes WHERE quote_id = new.id;
            DELETE FROM tally_quotes WHERE quote_id = new.id;
            INSERT INTO tally_quotes
            SELECT q.rowid, q.id, COALESCE((SELECT e.name FROM quote_entities qe JOIN entities e ON e.id = qe.entity_id
                                            WHERE qe.quote_id = q.id), q.speaker),
                   a.article_id, a.outlet, a.language, a.published, q.kind
            FROM quotes q JOIN tally_articles a ON a.article_id = q.article_id WHERE q.id = new.id;
            INSERT INTO tally_delta SELECT 1, 'quote', who, article_id, outlet, language, published, kind
            FROM tally_quotes WHERE quote_id = new.id;
        END;
        CREATE TRIGGER tally_delta_article INSTEAD OF INSERT ON tally_delta WHEN new.what = 'article' BEGIN
            INSERT INTO tally_outlets (outlet, language, month, articles)
            VALUES (IFNULL(new.outlet, ''), IFNULL(new.language, ''), IFNULL(substr(new.published, 1, 7), ''), new.sign)
            ON CONFLICT (outlet, language, month) DO UPDATE SET articles = articles + excluded.articles;
            DELETE FROM tally_outlets WHERE outlet = IFNULL(new.outlet, '') AND language = IFNULL(new.language, '')
            AND month = IFNULL(substr(new.published, 1, 7), '') AND articles = 0 AND quotes = 0;
        END;
        CREATE TRIGGER tally_delta_quote INSTEAD OF INSERT ON tally_delta WHEN new.what = 'quote' BEGIN
            INSERT INTO tally_outlets (outlet, language, month, quotes)
            VALUES (IFNULL(new.outlet, ''), IFNULL(new.language, ''), IFNULL(substr(new.published, 1, 7), ''), new.sign)
            ON CONFLICT (outlet, language, month) DO UPDATE SET quotes = quotes + excluded.quotes;
            DELETE FROM tally_outlets WHERE outlet = IFNULL(new.outlet, '') AND language = IFNULL(new.language, '')
            AND month = IFNULL(substr(new.published, 1, 7), '') AND articles = 0 AND quotes = 0;
            INSERT INTO tally_kinds VALUES (new.kind, new.sign)
            ON CONFLICT (kind) DO UPDATE SET quotes = quotes + excluded.quotes;
            DELETE FROM tally_kinds WHERE kind = new.kind AND quotes = 0;
            INSERT INTO tally_speaker_articles (who, published, article_id, outlet, quotes)
            SELECT new.who, IFNULL(new.published, ''), new.article_id, IFNULL(new.outlet, ''), new.sign
            WHERE new.who IS NOT NULL
            ON CONFLICT (who, published, article_id, outlet) DO UPDATE SET quotes = quotes + excluded.quotes;
            INSERT INTO tally_speaker_outlets (who, outlet, quotes, articles)
            SELECT new.who, p.outlet, new.sign, (new.sign > 0 AND p.quotes = 1) - (new.sign < 0 AND p.quotes = 0)
            FROM tally_speaker_articles p WHERE p.who = new.who AND p.published = IFNULL(new.published, '')
            AND p.article_id = new.article_id AND p.outlet = IFNULL(new.outlet, '')
            ON CONFLICT (who, outlet) DO UPDATE SET quotes = quotes + excluded.quotes,
            articles = articles + excluded.articles;
            INSERT INTO tally_speakers (who, quotes, articles, outlets)
            SELECT new.who, new.sign, (new.sign > 0 AND p.quotes = 1) - (new.sign < 0 AND p.quotes = 0),
                   (new.sign > 0 AND o.quotes = 1) - (new.sign < 0 AND o.quotes = 0)
            FROM tally_speaker_articles p JOIN tally_speaker_outlets o ON o.who = p.who AND o.outlet = p.outlet
            WHERE p.who = new.who AND p.published = IFNULL(new.published, '') AND p.article_id = new.article_id
            AND p.outlet = IFNULL(new.outlet, '')
            ON CONFLICT (who) DO UPDATE SET quotes = quotes + excluded.quotes, articles = articles + excluded.articles,
            outlets = outlets + excluded.outlets;
            DELETE FROM tally_speaker_articles WHERE who = new.who AND published = IFNULL(new.published, '')
            AND article_id = new.article_id AND outlet = IFNULL(new.outlet, '') AND quotes = 0;
            DELETE FROM tally_speaker_outlets WHERE who = new.who AND outlet = IFNULL(new.outlet, '') AND quotes = 0;
            DELETE FROM tally_speakers WHERE who = new.who AND quotes = 0;
        END;
        CREATE TRIGGER tally_articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO tally_touch VALUES ('article', new.id);
        END;
        CREATE TRIGGER tally_articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO tally_touch VALUES ('article', old.id);
        END;
        CREATE TRIGGER tally_articles_au AFTER UPDATE OF id, outlet, language, published ON articles
        WHEN old.id IS NOT new.id OR old.outlet IS NOT new.outlet OR old.language IS NOT new.language
             OR old.published IS NOT new.published BEGIN
            INSERT INTO tally_touch VALUES ('article', old.id);
            INSERT INTO tally_touch SELECT 'article', new.id WHERE new.id IS NOT old.id;
        END;
        CREATE TRIGGER tally_quotes_ai AFTER INSERT ON quotes BEGIN
            INSERT INTO tally_touch VALUES ('quote', new.id);
        END;
        CREATE TRIGGER tally_quotes_ad AFTER DELETE ON quotes BEGIN
            INSERT INTO tally_touch VALUES ('quote', old.id);
        END;
        CREATE TRIGGER tally_quotes_au AFTER UPDATE OF id, article_id, kind, speaker ON quotes BEGIN
            INSERT INTO tally_touch VALUES ('quote', old.id);
            INSERT INTO tally_touch SELECT 'quote', new.id WHERE new.id IS NOT old.id;
        END;
        CREATE TRIGGER tally_links_ai AFTER INSERT ON quote_entities
        WHEN (SELECT who FROM tally_quotes WHERE quote_id = new.quote_id) IS NOT COALESCE(
            (SELECT name FROM entities WHERE id = new.entity_id), (SELECT speaker FROM quotes WHERE id = new.quote_id))
        BEGIN
            INSERT INTO tally_touch VALUES ('quote', new.quote_id);
        END;
        CREATE TRIGGER tally_links_ad AFTER DELETE ON quote_entities
        WHEN (SELECT who FROM tally_quotes WHERE quote_id = old.quote_id) IS NOT
             (SELECT speaker FROM quotes WHERE id = old.quote_id)
        BEGIN
            INSERT INTO tally_touch VALUES ('quote', old.quote_id);
        END;
        CREATE TRIGGER tally_links_au AFTER UPDATE OF quote_id, entity_id ON quote_entities
        WHEN old.quote_id IS NOT new.quote_id OR (SELECT who FROM tally_quotes WHERE quote_id = new.quote_id) IS NOT
             COALESCE((SELECT name FROM entities WHERE id = new.entity_id),
                      (SELECT speaker FROM quotes WHERE id = new.quote_id))
        BEGIN
            INSERT INTO tally_touch VALUES ('quote', old.quote_id);
            INSERT INTO tally_touch SELECT 'quote', new.quote_id WHERE new.quote_id IS NOT old.quote_id;
        END;
        CREATE TRIGGER tally_entities_ai AFTER INSERT ON entities BEGIN
            INSERT INTO tally_touch SELECT 'quote', quote_id FROM quote_entities WHERE entity_id = new.id;
        END;
        CREATE TRIGGER tally_entities_ad AFTER DELETE ON entities BEGIN
            INSERT INTO tally_touch SELECT 'quote', quote_id FROM quote_entities WHERE entity_id = old.id;
        END;
        CREATE TRIGGER tally_entities_au AFTER UPDATE OF id, name ON entities
        WHEN old.id IS NOT new.id OR old.name IS NOT new.name BEGIN
            INSERT INTO tally_touch SELECT 'quote', quote_id FROM quote_entities WHERE entity_id IN (old.id, new.id);
        END;
        CREATE TRIGGER tally_placements_ai AFTER INSERT ON story_articles BEGIN
            INSERT INTO tally_touch VALUES ('placement', new.article_id);
        END;
        CREATE TRIGGER tally_placements_ad AFTER DELETE ON story_articles BEGIN
            INSERT INTO tally_touch VALUES ('placement', old.article_id);
        END;
        CREATE TRIGGER tally_placements_au AFTER UPDATE OF article_id, storyline_id ON story_articles BEGIN
            INSERT INTO tally_touch VALUES ('placement', old.article_id);
            INSERT INTO tally_touch SELECT 'placement', new.article_id WHERE new.article_id IS NOT old.article_id;
        END;
        INSERT INTO tally_articles SELECT id, outlet, language, published FROM articles;
        INSERT INTO tally_quotes
        SELECT q.rowid, q.id, COALESCE(e.name, q.speaker), a.id, a.outlet, a.language, a.published, q.kind
        FROM quotes q JOIN articles a ON a.id = q.article_id
        LEFT JOIN quote_entities qe ON qe.quote_id = q.id LEFT JOIN entities e ON e.id = qe.entity_id;
        INSERT INTO tally_outlets (outlet, language, month, articles)
        SELECT IFNULL(outlet, '') COLLATE NOCASE, IFNULL(language, ''), IFNULL(substr(published, 1, 7), ''), COUNT(*)
        FROM tally_articles GROUP BY 1, 2, 3;
        INSERT INTO tally_outlets (outlet, language, month, quotes)
        SELECT IFNULL(outlet, '') COLLATE NOCASE, IFNULL(language, ''), IFNULL(substr(published, 1, 7), ''), COUNT(*)
        FROM tally_quotes GROUP BY 1, 2, 3
        ON CONFLICT (outlet, language, month) DO UPDATE SET quotes = excluded.quotes;
        INSERT INTO tally_kinds SELECT kind, COUNT(*) FROM tally_quotes GROUP BY kind;
        INSERT INTO tally_speaker_articles
        SELECT who COLLATE NOCASE, IFNULL(published, ''), article_id, IFNULL(outlet, '') COLLATE NOCASE, COUNT(*)
        FROM tally_quotes WHERE who IS NOT NULL GROUP BY 1, 2, 3, 4;
        INSERT INTO tally_speaker_outlets
        SELECT who, outlet, SUM(quotes), COUNT(*) FROM tally_speaker_articles GROUP BY who, outlet;
        INSERT INTO tally_speakers
        SELECT who, SUM(quotes), SUM(articles), COUNT(*) FROM tally_speaker_outlets GROUP BY who;
        INSERT INTO tally_placements
        SELECT sa.article_id, sa.storyline_id, a.outlet, a.language
        FROM story_articles sa JOIN articles a ON a.id = sa.article_id;
        INSERT INTO tally_story_pairs SELECT 'outlet', outlet COLLATE NOCASE, storyline_id, COUNT(*)
        FROM tally_placements WHERE outlet IS NOT NULL GROUP BY 2, 3;
        INSERT INTO tally_story_pairs SELECT 'language', language COLLATE NOCASE, storyline_id, COUNT(*)
        FROM tally_placements WHERE language IS NOT NULL GROUP BY 2, 3;
        INSERT INTO tally_story_facets SELECT what, value, COUNT(*) FROM tally_story_pairs GROUP BY what, value;
        """,
    ),
    (
        # Failures per stage (eighth stop): an article that breaks linking or the story run is recorded under that
        # stage and skipped by it, so one article can fail in several stages without the rows replacing each other.
        "0007_failures_by_stage",
        """
        CREATE TABLE failures_new (
            id INTEGER PRIMARY KEY,
            run_id INTEGER,
            origin TEXT NOT NULL,
            locator TEXT NOT NULL DEFAULT '',
            code TEXT NOT NULL,
            reason TEXT NOT NULL,
            stage TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (origin, locator, stage, code)
        );
        INSERT INTO failures_new SELECT id, run_id, origin, locator, code, reason, stage, created_at FROM failures;
        DROP TABLE failures;
        ALTER TABLE failures_new RENAME TO failures;
        """,
    ),
)
