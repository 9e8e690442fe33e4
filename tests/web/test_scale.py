"""What keeps pages fast on a large store: no full scan of a large table, bounded counts, windowed facets.

The store is the web benchmark's generator at a small size (articles, quotes, copies, entities, storylines);
without ANALYZE statistics SQLite plans the same way at 300 articles as at 100,000, so the plans seen here are
the plans of the benchmark.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newstrace.bench import web as bench
from newstrace.store import Store, tallies
from newstrace.store import browse as sql
from newstrace.web import create_app

BIG = ("articles", "quotes", "story_articles", "tally_quotes", "tally_speaker_articles", "tally_placements",
       "storylines", "sources", "quote_entities", "a", "q", "sa", "c", "p", "s")
FULL_SCAN = re.compile(rf"^SCAN ({'|'.join(BIG)})$")


@pytest.fixture(scope="module")
def bench_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scale") / "bench.db"
    bench.generate(path, 300).close()
    return path


@pytest.fixture(scope="module")
def bench_client(bench_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(bench_db)) as c:
        yield c


def _paths(db: Path) -> list[str]:
    store = Store(db, read_only=True)
    pages = list(bench._pages(store).values())
    searches = list(bench._searches(store))
    store.close()
    return [p for page in pages for p in (page, bench._twin(page))] + searches


def test_no_page_reads_a_large_table_in_full(bench_db: Path, bench_client: TestClient) -> None:
    store: Store = bench_client.app.state.store  # type: ignore[attr-defined]
    seen: list[str] = []
    store.db.set_trace_callback(seen.append)
    try:
        for path in _paths(bench_db):
            assert bench_client.get(path).status_code == 200, path
    finally:
        store.db.set_trace_callback(None)
    plain = sqlite3.connect(bench_db)
    offenders = []
    for statement in {s for s in seen if s.lstrip().upper().startswith("SELECT")}:
        plan = [r[3] for r in plain.execute("EXPLAIN QUERY PLAN " + statement)]
        offenders += [(line, statement[:160]) for line in plan if FULL_SCAN.match(line)]
    assert not offenders


def test_every_benchmark_page_answers_with_its_stages_built(bench_client: TestClient, bench_db: Path) -> None:
    front = bench_client.get("/index.json").json()
    assert front["built"] and front["rows"] and front["facets"]["outlet"]
    assert front["overview"]["articles"] == 300 and front["overview"]["quotes"] == 900
    speakers = bench_client.get("/speakers.json").json()
    assert speakers["entities"] and speakers["rows"][0]["quotes"] >= speakers["rows"][-1]["quotes"]
    story = bench_client.get(f"/stories/{front['rows'][0]['id']}.json").json()
    assert story["timeline"] and story["articles_by_outlet"]


def test_counts_are_capped_and_facets_windowed(monkeypatch: pytest.MonkeyPatch, bench_client: TestClient) -> None:
    monkeypatch.setattr(sql, "COUNT_CAP", 20)
    monkeypatch.setattr(sql, "WINDOW", 8)
    monkeypatch.setattr("newstrace.web.pages.common.WINDOW", 8)
    listed = bench_client.get("/articles.json?since=2019-01-01&per_page=5").json()
    assert listed["total"] == 20 and listed["total_exact"] is False and listed["pages"] is None
    assert listed["has_next"] and listed["window"]["size"] == 8 and not listed["window"]["ranked"]
    assert sum(f["count"] for f in listed["facets"]["outlet"]) == 8
    word = _common_word(bench_client)
    found = bench_client.get(f"/quotes.json?q={word}&per_page=5").json()
    assert found["total_exact"] is False and found["window"]["ranked"]
    assert sum(f["count"] for f in found["facets"]["kind"]) == 8
    last = bench_client.get(f"/quotes.json?q={word}&per_page=5&page=2").json()
    assert len(last["rows"]) == 3 and not last["has_next"]  # the window holds 8
    html = bench_client.get(f"/quotes?q={word}&per_page=5").text
    assert "20+ in all" in html and "most recently stored matches" in html


def _common_word(client: TestClient) -> str:
    store: Store = client.app.state.store  # type: ignore[attr-defined]
    words: dict[str, int] = {}
    for (text,) in store.db.execute("SELECT text FROM quotes"):
        for w in set(text.split()):
            words[w] = words.get(w, 0) + 1
    return max(words, key=lambda w: words[w])


def test_search_with_a_filter_counts_what_its_window_holds(bench_client: TestClient) -> None:
    word = _common_word(bench_client)
    store: Store = bench_client.app.state.store  # type: ignore[attr-defined]
    want = store.db.execute("SELECT COUNT(*) FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid "
                            "WHERE quotes_fts MATCH ? AND q.kind = 'direct'", (word,)).fetchone()[0]
    direct = bench_client.get(f"/quotes.json?q={word}&kind=direct&per_page=200").json()
    assert direct["total_exact"] and direct["total"] == want
    assert {r["kind"] for r in direct["rows"]} == {"direct"}


def test_speaker_filter_matches_speakers_as_shown(bench_client: TestClient) -> None:
    top = bench_client.get("/speakers.json").json()["rows"][0]
    found = bench_client.get(f"/quotes.json?speaker={top['name'].split()[-1].upper()}&per_page=200").json()
    assert found["total"] >= top["quotes"] and found["total_exact"]
    assert any(r["speaker"] == top["name"] for r in found["rows"])
    assert bench_client.get("/quotes.json?speaker=nobody-says-this").json()["total"] == 0


def test_a_quotes_page_resolves_its_speaker_once(bench_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    top = bench_client.get("/speakers.json").json()["rows"][0]
    surname = top["name"].split()[-1]
    before = bench_client.get(f"/quotes.json?speaker={surname}&kind=direct&per_page=5").json()
    calls: list[str] = []
    real = sql.speakers_named

    def counted(db: sqlite3.Connection, text: str) -> tuple[list[str], int]:
        calls.append(text)
        return real(db, text)

    monkeypatch.setattr(sql, "speakers_named", counted)
    for extra in ("", "&outlet=x", "&kind=direct&page=2"):
        calls.clear()
        bench_client.get(f"/quotes.json?speaker={surname}{extra}&per_page=5")
        assert calls == [surname], extra
    assert bench_client.get(f"/quotes.json?speaker={surname}&kind=direct&per_page=5").json() == before


def _naive_speakers(db: sqlite3.Connection) -> list[tuple[Any, ...]]:
    who = "COALESCE(e.name, q.speaker)"
    return sorted(tuple(r) for r in db.execute(
        f"SELECT lower({who}), COUNT(*), COUNT(DISTINCT q.article_id), COUNT(DISTINCT lower(a.outlet)), "
        f"MIN(a.published), MAX(a.published) FROM quotes q JOIN articles a ON a.id = q.article_id "
        f"LEFT JOIN quote_entities qe ON qe.quote_id = q.id LEFT JOIN entities e ON e.id = qe.entity_id "
        f"WHERE {who} IS NOT NULL GROUP BY lower({who})"
    ))


@pytest.mark.parametrize("fixture", ["linked_db", "bench_db"])
def test_summaries_read_from_tallies_equal_counting(fixture: str, request: pytest.FixtureRequest) -> None:
    store = Store(request.getfixturevalue(fixture), read_only=True)
    db = store.db
    rows = tallies.speaker_rows(db, None, 10_000, 0)
    assert sorted((r["name"].lower(), r["quotes"], r["articles"], r["outlets"], r["first"], r["last"])
                  for r in rows) == _naive_speakers(db)
    outlets = sorted((r["name"], r["articles"], r["quotes"], r["first"], r["last"], r["languages"])
                     for r in tallies.outlet_rows(db))
    naive = sorted(tuple(r) for r in db.execute(
        "SELECT outlet, COUNT(*), (SELECT COUNT(*) FROM quotes q JOIN articles b ON b.id = q.article_id "
        "WHERE b.outlet = a.outlet), MIN(published), MAX(published), COUNT(DISTINCT language) FROM articles a "
        "GROUP BY outlet"))
    assert outlets == naive
    name = rows[0]["name"]
    summary = tallies.speaker_summary(db, name.upper())
    assert summary is not None and summary["quotes"] == rows[0]["quotes"]
    shown = tallies.speaker_quotes(db, name, 500, 0)
    assert len(shown) == rows[0]["quotes"]
    assert [r.published for r in shown if r.published] == sorted(r.published for r in shown if r.published)
    paged = tallies.speaker_quotes(db, name, 2, 1)
    assert [r.quote.id for r in paged] == [r.quote.id for r in shown[1:3]]
    store.close()


def test_paging_describes_lower_bounds_and_windows() -> None:
    from newstrace.web.pages.common import Paging

    exact = Paging(2, 10).describe(sql.Total(25), 10)
    assert exact == {"page": 2, "per_page": 10, "total": 25, "total_exact": True, "pages": 3, "has_next": True}
    assert Paging(1, 10).describe(7, 7)["has_next"] is False
    bound = Paging(1, 10).describe(sql.Total(100, exact=False), 10)
    assert bound["pages"] is None and bound["has_next"] and bound["total_exact"] is False
    windowed = Paging(3, 10).describe(sql.Total(500), 10, reachable=30)
    assert windowed["pages"] == 3 and not windowed["has_next"]
    assert Paging(3, 10).describe(sql.Total(10_000, exact=False), 10, reachable=30)["has_next"] is False


def test_deep_quote_pages_skip_to_the_same_rows_as_an_offset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newstrace.records import Article, PublishedDate, Quote, SourceRef
    from newstrace.store import Batch, QuoteFilter, StoredDoc

    store = bench.generate(tmp_path / "deep.db", 120)
    undated = [Article(id=f"undated{n:09d}", text=f"Undated text {n} here.", outlet="Outlet X",
                       published=PublishedDate(partial="--05-05")) for n in range(4)]
    store.write_batch(None, Batch(docs=[StoredDoc(a, SourceRef(a.id), "text") for a in undated]))
    store.write_quotes([(a.id, [Quote(id=f"{a.id}-{i}", article_id=a.id, kind="direct", text="text", content=((0, 4),),
                                      confidence=0.5) for i in range(2)]) for a in undated], "test")
    monkeypatch.setattr(sql, "WINDOW", 5)
    order = f"ORDER BY {sql._QUOTE_ORDER}"
    for outlet in (None, store.db.execute("SELECT outlet FROM articles LIMIT 1").fetchone()[0], "Outlet X"):
        where = "WHERE a.outlet = ? COLLATE NOCASE" if outlet else ""
        every = [r[0] for r in store.db.execute(
            f"SELECT q.id FROM articles a JOIN quotes q ON q.article_id = a.id {where} {order}",
            (outlet,) if outlet else ())]
        for offset in {max(0, n) for n in (0, 5, 7, 50, 101, len(every) - 9, len(every) - 3, len(every) + 2)}:
            got = [r.quote.id for r in sql.quote_rows(store.db, QuoteFilter(outlet=outlet, limit=6, offset=offset))]
            assert got == every[offset:offset + 6], (outlet, offset)
    store.close()
