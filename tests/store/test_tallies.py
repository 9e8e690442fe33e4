"""The browsing tallies stay exactly equal to counting from scratch, whatever writes the store sees."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.records import Article, PublishedDate, Quote, SourceRef
from newstrace.store import Batch, Store, StoredDoc
from newstrace.store.stories import PlacementRow

WHO = "COALESCE(e.name, q.speaker)"
JOINED = (
    "FROM quotes q JOIN articles a ON a.id = q.article_id "
    "LEFT JOIN quote_entities qe ON qe.quote_id = q.id LEFT JOIN entities e ON e.id = qe.entity_id"
)
OUTLETS = ("Larkport Daily", "LARKPORT DAILY", "Bayside Herald", None)
SPEAKERS = ("Mira Olsen", "mira olsen", "Pavel Dunn", "Evil Mallory", None)
DAYS = ("2024-03-04", "2024-04-01", "2023-12-31", None)


def _rows(db: sqlite3.Connection, sql: str) -> list[tuple[Any, ...]]:
    return sorted(tuple(r) for r in db.execute(sql))


def expected(db: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every tally counted from the base tables (NOCASE keys folded with lower(), empty text for none)."""
    return {
        "outlets": _rows(db, (
            "SELECT o, l, m, SUM(n), SUM(k) FROM ("
            "SELECT lower(IFNULL(outlet, '')) o, IFNULL(language, '') l, IFNULL(substr(published, 1, 7), '') m, "
            "1 n, 0 k FROM articles UNION ALL SELECT lower(IFNULL(a.outlet, '')), IFNULL(a.language, ''), "
            f"IFNULL(substr(a.published, 1, 7), ''), 0, 1 {JOINED}) GROUP BY o, l, m"
        )),
        "kinds": _rows(db, f"SELECT q.kind, COUNT(*) {JOINED} GROUP BY q.kind"),
        "speakers": _rows(db, (
            f"SELECT lower({WHO}), COUNT(*), COUNT(DISTINCT a.id), COUNT(DISTINCT lower(IFNULL(a.outlet, ''))) "
            f"{JOINED} WHERE {WHO} IS NOT NULL GROUP BY lower({WHO})"
        )),
        "speaker_outlets": _rows(db, (
            f"SELECT lower({WHO}), lower(IFNULL(a.outlet, '')), COUNT(*), COUNT(DISTINCT a.id) {JOINED} "
            f"WHERE {WHO} IS NOT NULL GROUP BY 1, 2"
        )),
        "speaker_articles": _rows(db, (
            f"SELECT lower({WHO}), IFNULL(a.published, ''), a.id, lower(IFNULL(a.outlet, '')), COUNT(*) {JOINED} "
            f"WHERE {WHO} IS NOT NULL GROUP BY 1, 2, 3, 4"
        )),
        "story_facets": _rows(db, " UNION ALL ".join(
            f"SELECT '{col}', lower(a.{col}), COUNT(DISTINCT sa.storyline_id) FROM story_articles sa "
            f"JOIN articles a ON a.id = sa.article_id WHERE a.{col} IS NOT NULL GROUP BY lower(a.{col})"
            for col in ("outlet", "language")
        )),
        "story_pairs": _rows(db, " UNION ALL ".join(
            f"SELECT '{col}', lower(a.{col}), sa.storyline_id, COUNT(*) FROM story_articles sa "
            f"JOIN articles a ON a.id = sa.article_id WHERE a.{col} IS NOT NULL GROUP BY lower(a.{col}), 3"
            for col in ("outlet", "language")
        )),
    }


def tallied(db: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    return {
        "outlets": _rows(db, "SELECT lower(outlet), language, month, articles, quotes FROM tally_outlets"),
        "kinds": _rows(db, "SELECT kind, quotes FROM tally_kinds"),
        "speakers": _rows(db, "SELECT lower(who), quotes, articles, outlets FROM tally_speakers"),
        "speaker_outlets": _rows(db, "SELECT lower(who), lower(outlet), quotes, articles FROM tally_speaker_outlets"),
        "speaker_articles": _rows(db, (
            "SELECT lower(who), published, article_id, lower(outlet), quotes FROM tally_speaker_articles"
        )),
        "story_facets": _rows(db, "SELECT what, lower(value), storylines FROM tally_story_facets"),
        "story_pairs": _rows(db, "SELECT what, lower(value), storyline_id, articles FROM tally_story_pairs"),
    }


def _article(n: int, outlet: str | None, day: str | None) -> Article:
    return Article(id=f"art{n:04d}", text=f"Article number {n} about the harbour.", title=f"Title {n}",
                   outlet=outlet, published=PublishedDate(day, basis="metadata") if day else PublishedDate(),
                   language="en" if n % 3 else "de")


def _quotes(article_id: str, rng: random.Random, salt: int) -> list[Quote]:
    return [Quote(id=f"{article_id}-q{salt}-{i}", article_id=article_id, kind=rng.choice(("direct", "indirect")),
                  text=f"words {i}", content=((i, i + 5),), speaker=rng.choice(SPEAKERS), confidence=0.5)
            for i in range(rng.randint(0, 3))]


class Driver:
    """Random writes through the store's own write paths (and a few raw ones)."""

    def __init__(self, store: Store, seed: int) -> None:
        self.store, self.rng, self.n, self.salt = store, random.Random(seed), 0, 0

    def ids(self) -> list[str]:
        return [r[0] for r in self.store.db.execute("SELECT id FROM articles ORDER BY id")]

    def ingest(self) -> None:
        docs = []
        for _ in range(self.rng.randint(1, 3)):
            self.n += 1
            article = _article(self.n, self.rng.choice(OUTLETS), self.rng.choice(DAYS))
            docs.append(StoredDoc(article, SourceRef(f"in/{self.n}"), "text"))
        self.store.write_batch(None, Batch(docs=docs))

    def copy_fills_outlet(self) -> None:
        ids = self.ids()
        if ids:
            found = self.store.article(self.rng.choice(ids))
            assert found is not None
            article = Article(id=found.id, text=found.text, outlet=self.rng.choice(OUTLETS[:3]))
            self.store.write_batch(None, Batch(docs=[StoredDoc(article, SourceRef(f"copy/{found.id}"), "text")]))

    def analyze(self) -> None:
        ids = self.ids()
        self.salt += 1
        chosen = self.rng.sample(ids, min(len(ids), self.rng.randint(1, 4)))
        self.store.write_quotes([(i, _quotes(i, self.rng, self.salt % 2)) for i in chosen], "test")

    def infer_date(self) -> None:
        ids = self.ids()
        if ids:
            day = self.rng.choice(DAYS)
            published = PublishedDate(day, basis="inferred") if day else PublishedDate()
            self.store.write_inferred_date(self.rng.choice(ids), published, "{}", [])

    def link(self) -> None:
        quotes = [r[0] for r in self.store.db.execute("SELECT id FROM quotes")]
        names = ["Mira Olsen", "Pavel Dunn", "P. Dunn", "mira olsen"]
        entities = [(f"e{i}", self.rng.choice(names), "person") for i in range(4) if self.rng.random() < 0.6]
        links = [(q, self.rng.choice(["e0", "e1", "e2", "e3", None]))
                 for q in self.rng.sample(quotes, len(quotes) // 2)]
        merged = [("e2", "e0")] if self.rng.random() < 0.3 else []
        if self.rng.random() < 0.5:  # links first, the entities they name later
            self.store.write_entities([], [], links, merged)
            self.store.write_entities(entities, [], [], [])
        else:
            self.store.write_entities(entities, [], links, merged)

    def merge(self) -> None:
        found = [r[0] for r in self.store.db.execute("SELECT id FROM entities ORDER BY id")]
        if len(found) >= 2:
            old, survivor = self.rng.sample(found, 2)
            self.store.write_entities([], [], [], [(old, survivor)])

    def place(self) -> None:
        ids = self.ids()
        chosen = self.rng.sample(ids, min(len(ids), self.rng.randint(1, 4)))
        rows = [PlacementRow(i, f"ev{self.rng.randint(0, 3)}", f"st{self.rng.randint(0, 2)}", 0.5, None, None, {}, (),
                             ()) for i in chosen]
        moves = {f"ev{self.rng.randint(0, 3)}": f"st{self.rng.randint(0, 2)}"} if self.rng.random() < 0.4 else {}
        self.store.write_placements(rows, {}, moves)

    def reset_rules(self) -> None:
        self.store.save_entity_rules({"aliases": []})

    def raw(self) -> None:
        db, ids = self.store.db, self.ids()
        choice = self.rng.randint(0, 5)
        with self.store.transaction():
            if choice == 0 and ids:
                db.execute("DELETE FROM articles WHERE id = ?", (self.rng.choice(ids),))
            elif choice == 1:
                db.execute("INSERT OR REPLACE INTO quotes (id, article_id, kind, text, start, end, content_json, "
                           "cue_json, source_json, speaker, confidence) SELECT id, article_id, 'mixed', text, start, "
                           "end, content_json, cue_json, source_json, 'Pavel Dunn', 0.4 FROM quotes LIMIT 1")
            elif choice == 2:
                db.execute("UPDATE entities SET name = 'Renamed Person' "
                           "WHERE rowid = (SELECT MIN(rowid) FROM entities)")
            elif choice == 3:
                db.execute("DELETE FROM entities WHERE rowid = (SELECT MAX(rowid) FROM entities)")
            elif choice == 4:
                db.execute("DELETE FROM story_articles WHERE seq = (SELECT MIN(seq) FROM story_articles)")
            else:
                db.execute("UPDATE quotes SET speaker = 'Evil Mallory', kind = 'direct' "
                           "WHERE rowid = (SELECT MIN(rowid) FROM quotes)")
        self.store.drop_stale_links()

    def step(self) -> None:
        actions = (self.ingest, self.ingest, self.analyze, self.analyze, self.copy_fills_outlet, self.infer_date,
                   self.link, self.link, self.merge, self.reset_rules, self.raw, self.place, self.place)
        self.rng.choice(actions)()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000))
def test_tallies_match_counting_from_scratch(seed: int) -> None:
    store = Store(":memory:")
    driver = Driver(store, seed)
    driver.ingest()
    for _ in range(30):
        driver.step()
        assert tallied(store.db) == expected(store.db)
    store.close()


def test_migration_fills_tallies_of_an_existing_store(tmp_path: Path) -> None:
    from newstrace.store.migrations import MIGRATIONS

    store = Store(tmp_path / "s.db")
    driver = Driver(store, 3)
    for _ in range(12):
        driver.ingest()
        driver.analyze()
        driver.place()
    driver.link()
    want = expected(store.db)
    made = store.db.execute("SELECT type, name FROM sqlite_master WHERE name LIKE 'tally%' AND type != 'index' "
                            "ORDER BY instr('trigger view table', type)").fetchall()
    with store.transaction():  # back to the schema before 0006, data kept
        for kind, name in made:
            store.db.execute(f"DROP {kind.upper()} {name}")
        store.db.execute("DELETE FROM migrations WHERE name = '0006_browse_indexes'")
        for index in ("articles_published_id", "articles_outlet_published", "articles_language_published",
                      "storylines_size"):
            store.db.execute(f"DROP INDEX {index}")
        store.db.execute("CREATE INDEX articles_published ON articles(published)")
    store.close()
    assert "0006_browse_indexes" in [name for name, _ in MIGRATIONS]
    again = Store(tmp_path / "s.db")
    assert tallied(again.db) == want
    driver = Driver(again, 4)
    for _ in range(10):
        driver.step()
    assert tallied(again.db) == expected(again.db)
    assert again.db.execute("SELECT COUNT(*) FROM quotes_fts WHERE quotes_fts MATCH 'wor*'").fetchone()[0] == \
        again.db.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]
    assert again.db.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'har*'").fetchone()[0] == \
        again.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
