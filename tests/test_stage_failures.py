"""One article or quote that breaks linking or the story run is recorded, skipped and retried on request; the run
goes on for every other item (each stage is made to fail on a marked text)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newstrace.analysis import analyze_store
from newstrace.analyze.analyzer import QuoteAnalyzer
from newstrace.cli import main
from newstrace.link import statements as statements_module
from newstrace.link.entities import EntityResolver
from newstrace.link.neardup import NearDuplicateIndex
from newstrace.linking import link_store
from newstrace.pipeline import ingest
from newstrace.records import SourceRef
from newstrace.store import Store, open_store
from newstrace.stories.index import StoryIndex
from newstrace.storying import build_stories

MARK = "tripwire"
TOWNS = ["Hessel", "Portville", "Maren", "Oststrand", "Kelby"]


def _texts() -> list[str]:
    texts = [f"\u201cThe pier in {town} will reopen on Friday after the storm,\u201d Mayor {name} Holm said on Monday. "
             f"Boats waited outside the harbour of {town} while divers checked the wall.\n"
             for town, name in zip(TOWNS, ["Edda", "Jon", "Lise", "Per", "Ola"], strict=True)]
    texts[2] = texts[2].replace("divers checked the wall", f"divers checked the {MARK} on the wall")
    return texts


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [json.dumps({"text": t, "published": f"2021-05-0{n + 1}", "outlet": f"Outlet {n}"})
             for n, t in enumerate(_texts())]
    (folder / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    s = open_store(tmp_path / "s.db")
    ingest([folder], s, progress=False)
    return s


def _marked_id(store: Store) -> str:
    (row,) = [a for a in store.articles() if MARK in a.text]
    return row.id


def _rows(store: Store, stage: str) -> list[Any]:
    return [r for r in store.failures() if r.failure.stage == stage]


def test_an_article_that_breaks_the_copies_index_is_skipped_then_retried(store: Store, monkeypatch) -> None:
    real = NearDuplicateIndex.signature

    def fragile(self: NearDuplicateIndex, text: str) -> Any:
        if MARK in text:
            raise ValueError("cannot sign this text")
        return real(self, text)

    monkeypatch.setattr(NearDuplicateIndex, "signature", fragile)
    summary = link_store(store)
    assert (summary.articles, summary.failures) == (5, 1)
    (row,) = _rows(store, "link")
    assert row.failure.source == SourceRef("article", _marked_id(store))
    assert "near-duplicate signature: ValueError: cannot sign this text" in row.failure.reason
    assert link_store(store).articles == 0, "the failed article is not tried again by a plain re-run"
    monkeypatch.setattr(NearDuplicateIndex, "signature", real)
    assert store.clear_failures("link") == 1
    again = link_store(store)
    assert (again.articles, again.failures) == (1, 0)


def test_quotes_that_break_entities_or_statements_are_left_without_them(store: Store, monkeypatch) -> None:
    analyze_store(store, QuoteAnalyzer(processes=1))
    real_resolve, real_passages = EntityResolver.resolve, statements_module.passages

    def resolve(self: EntityResolver, name: str | None, mention: str | None = None) -> str | None:
        if name and name.startswith("Lise"):
            raise KeyError(name)
        return real_resolve(self, name, mention)

    def passages(quote: Any, text: str) -> Any:
        if "Oststrand" in quote.text:
            raise IndexError("no such part")
        return real_passages(quote, text)

    monkeypatch.setattr(EntityResolver, "resolve", resolve)
    monkeypatch.setattr(statements_module, "passages", passages)
    summary = link_store(store)
    assert summary.failures == 2 and summary.speakers == 5 and summary.quotes == 5
    reasons = sorted(r.failure.reason.split(":")[0] for r in _rows(store, "link"))
    assert reasons == ["speaker resolution", "statement passages"]
    assert all(r.failure.source.origin == "quote" for r in _rows(store, "link"))
    assert link_store(store).failures == 0, "the quotes are done; a re-run does not fail on them again"
    assert store.clear_failures("link") == 0 and len(_rows(store, "link")) == 2, "quote failures stay on record"


def test_an_article_that_breaks_the_story_run_is_skipped_then_retried(store: Store, monkeypatch) -> None:
    real = StoryIndex.add

    def fragile(self: StoryIndex, doc: Any) -> Any:
        if MARK in doc.text:
            raise ZeroDivisionError("division by zero")
        return real(self, doc)

    monkeypatch.setattr(StoryIndex, "add", fragile)
    summary = build_stories(store)
    assert (summary.articles, summary.failures) == (4, 1)
    (row,) = _rows(store, "stories")
    assert row.failure.source == SourceRef("article", _marked_id(store))
    assert build_stories(store).articles == 0
    monkeypatch.setattr(StoryIndex, "add", real)
    store.clear_failures("stories")
    assert build_stories(store).articles == 1


def test_one_article_fails_in_two_stages_without_the_rows_replacing_each_other(store: Store,
                                                                               monkeypatch) -> None:
    monkeypatch.setattr(NearDuplicateIndex, "signature", lambda self, text: 1 / 0)
    monkeypatch.setattr(StoryIndex, "add", lambda self, doc: 1 / 0)
    link_store(store)
    build_stories(store)
    stages = {r.failure.stage for r in store.failures() if r.failure.source.locator == _marked_id(store)}
    assert stages == {"link", "stories"}


def test_cli_reports_failures_and_retries_them(store: Store, monkeypatch, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    real = StoryIndex.add
    monkeypatch.setattr(StoryIndex, "add", lambda self, doc: 1 / 0 if MARK in doc.text else real(self, doc))
    out = CliRunner().invoke(main, ["storify", "--db", db])
    assert out.exit_code == 0 and "1 articles could not be placed in a story" in out.stdout
    assert "newstrace failures" in out.stdout
    monkeypatch.setattr(StoryIndex, "add", real)
    plain = json.loads(CliRunner().invoke(main, ["storify", "--db", db, "--json"]).stdout)
    assert plain["articles"] == 0
    retried = json.loads(CliRunner().invoke(main, ["storify", "--db", db, "--retry-failed", "--json"]).stdout)
    assert (retried["articles"], retried["failures"]) == (1, 0)
