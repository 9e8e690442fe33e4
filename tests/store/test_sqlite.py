"""The SQLite store: migrations, WAL, idempotent writes, FTS, failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.errors import ErrorCode, NewstraceError
from newstrace.records import Article, Failure, PublishedDate, SourceRef
from newstrace.store import Batch, Store, StoredDoc, open_store


def _article(text: str, **kw: object) -> Article:
    from newstrace.clean.identity import article_id

    return Article(id=article_id(text), text=text, published=PublishedDate(partial="--05-05"), **kw)  # type: ignore[arg-type]


def test_migrations_recorded_and_wal(tmp_path: Path) -> None:
    from newstrace.store.migrations import MIGRATIONS

    names = [name for name, _ in MIGRATIONS]
    store = open_store(tmp_path / "s.db")
    assert store.migrations()[:3] == ["0001_initial", "0002_quotes", "0003_links"]
    assert store.migrations() == names == sorted(names)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    assert open_store(tmp_path / "s.db").migrations() == names


def test_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(NewstraceError):
        open_store(bad)


def test_round_trip_and_second_source(store: Store) -> None:
    article = _article("The quay reopened on Friday.", title="Quay reopens", authors=("Mara Okafor",))
    batch = Batch(docs=[StoredDoc(article, SourceRef("a.txt"), "text")])
    assert store.write_batch(None, batch) == [True]
    copy = StoredDoc(_article("The quay reopened on Friday.", outlet="Harbor Wire"), SourceRef("b.txt"), "text")
    assert store.write_batch(None, Batch(docs=[copy])) == [False]
    loaded = store.article(article.id)
    assert loaded is not None
    assert loaded.sources == (SourceRef("a.txt"), SourceRef("b.txt"))
    assert loaded.outlet == "Harbor Wire"  # filled from the copy
    assert loaded.authors == ("Mara Okafor",) and loaded.published.partial == "--05-05"
    assert store.count_articles() == 1


def test_search_and_bad_query(store: Store) -> None:
    doc = StoredDoc(_article("Dredging starts in the estuary."), SourceRef("a"), "text")
    store.write_batch(None, Batch(docs=[doc]))
    assert [h.snippet for h in store.search("dredging")] == ["[Dredging] starts in the estuary."]
    with pytest.raises(NewstraceError) as info:
        store.search('"unbalanced')
    assert info.value.code is ErrorCode.BAD_QUERY


def test_failures_upsert(store: Store) -> None:
    failure = Failure(SourceRef("x.txt"), ErrorCode.EMPTY, "file is empty")
    store.write_batch(1, Batch(failures=[failure]))
    store.write_batch(2, Batch(failures=[failure]))
    rows = store.failures()
    assert len(rows) == 1 and rows[0].run_id == 2 and rows[0].failure == failure


def test_records_round_trip_through_dicts() -> None:
    article = _article("Text.", title="T", sources=(SourceRef("a", "line:1"),))
    assert Article.from_dict(article.to_dict()) == article


def test_analysis_pages_forward_and_reruns_pick_up_the_rest(store: Store) -> None:
    from newstrace.analysis import analyze_store
    from newstrace.records import Quote

    texts = [f"Pier {n} reopened after the storm on Friday." for n in range(7)]
    docs = [StoredDoc(_article(t), SourceRef(f"{n}.txt"), "text") for n, t in enumerate(texts)]
    store.write_batch(None, Batch(docs=docs))
    seen: list[list[str]] = []

    class Skipping:
        name = "test-analyzer"

        def __call__(self, articles: object) -> list[tuple[str, list[Quote]]]:
            batch = [article_id for article_id, _ in articles]  # type: ignore[attr-defined]
            seen.append(batch)
            return [(article_id, []) for article_id in batch[1:]]  # the first of each batch is left unanalysed

    summary = analyze_store(store, Skipping(), batch_size=3)
    assert [len(b) for b in seen] == [3, 3, 1], "each batch starts after the last one: no article is read twice"
    assert summary.articles == 7
    left = [b[0] for b in seen]
    seen.clear()
    analyze_store(store, Skipping(), batch_size=3)
    assert seen == [left], "a re-run reads only what is still unanalysed"


@pytest.mark.parametrize("processes", [1, 2])
def test_an_article_that_breaks_extraction_is_recorded_and_the_run_goes_on(store: Store, monkeypatch,
                                                                            processes: int) -> None:
    from newstrace.analysis import analyze_store
    from newstrace.analyze import analyzer as analyzer_module

    real = analyzer_module.extract_quotes

    def fragile(text: str, *args: object, **kwargs: object) -> object:
        if "tripwire" in text:
            raise IndexError("list index out of range")
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(analyzer_module, "extract_quotes", fragile)
    texts = [f"Mayor Edda Holm said pier {n} would reopen on Friday." for n in range(11)]
    texts[4] = "Mayor Edda Holm said the tripwire on pier 4 would be removed."
    docs = [StoredDoc(_article(t), SourceRef(f"{n}.txt"), "text") for n, t in enumerate(texts)]
    store.write_batch(None, Batch(docs=docs))
    summary = analyze_store(store, analyzer_module.QuoteAnalyzer(processes=processes), batch_size=10)
    assert (summary.articles, summary.failures) == (11, 1)
    assert summary.quotes == 10, "every other article keeps its quote"
    (row,) = store.failures()
    assert row.failure.stage == "analyze" and row.failure.source == SourceRef("article", docs[4].article.id)
    assert "IndexError" in row.failure.reason
    again = analyze_store(store, analyzer_module.QuoteAnalyzer(processes=processes), batch_size=10)
    assert again.articles == 0, "the failed article is not retried by the same analyser version"
