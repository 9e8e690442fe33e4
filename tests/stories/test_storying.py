"""The story run over the store: incremental placement, records, CLI and export."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyarrow.parquet as pq
from click.testing import CliRunner

from newstrace.cli import main
from newstrace.export import export
from newstrace.pipeline import ingest
from newstrace.store import open_store
from newstrace.storying import build_stories
from tests.stories.corpus import docs


def _write(folder: Path, name: str, items: list[dict[str, str | None]]) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")


def _items(ids: set[str]) -> list[dict[str, str | None]]:
    return [{"text": d.text, "title": d.title, "published": d.date, "outlet": d.outlet}
            for d in docs() if d.id in ids]


def test_incremental_build_and_records(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _write(folder, "a.jsonl", _items({"b1", "o1", "b2"}))
    store = open_store(tmp_path / "s.db")
    ingest([folder], store, progress=False)
    first = build_stories(store)
    assert first.articles == 3 and first.storylines == 2 and first.changed == 2
    assert build_stories(store).articles == 0, "nothing new, nothing done"
    _write(folder, "b.jsonl", _items({"o2", "b3"}))
    ingest([folder], store, progress=False)
    second = build_stories(store)
    assert second.articles == 2 and second.storylines == 2
    listing = store.stories(sort="size")
    story = store.story(listing[0].id)
    assert story is not None and len(story.article_ids) == 3 and len(story.events) == 2
    assert story.title and story.timeline and story.summary and story.outlets
    assert [e.date for e in story.events] == sorted(e.date or "" for e in story.events)
    assert story.outlets[0].first and story.outlets[0].first_published == "2021-03-03"
    assert {n.article_id for n in story.novelty} == set(story.article_ids)
    assert store.story(listing[0].id[3:9]) == story, "an id prefix is enough"


def test_cli_and_export(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _write(folder, "a.jsonl", _items({"b1", "o1", "b2", "o2", "b3"}))
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    runner.invoke(main, ["ingest", str(folder), "--db", db, "--no-progress"])
    built = runner.invoke(main, ["storify", "--db", db, "--json"])
    assert built.exit_code == 0 and json.loads(built.stdout)["storylines"] == 2
    rows = json.loads(runner.invoke(main, ["stories", "--db", db, "--json", "--sort", "size"]).stdout)["rows"]
    assert [r["articles"] for r in rows] == [3, 2]
    assert "Tavish" in runner.invoke(main, ["stories", "--db", db]).stdout
    shown = json.loads(runner.invoke(main, ["story", rows[0]["id"], "--db", db, "--json"]).stdout)
    assert shown["events"][0]["article_ids"] and shown["timeline"][0]["date"]
    text = runner.invoke(main, ["story", rows[0]["id"], "--db", db]).stdout
    assert "timeline:" in text and "outlets:" in text
    assert runner.invoke(main, ["story", "st-nope", "--db", db]).exit_code == 1
    exported = json.loads(runner.invoke(main, ["export", "--db", db]).stdout)
    record = exported["stories"][0]
    assert {"id", "title", "article_ids", "events", "timeline", "summary", "outlets"} <= set(record)
    assert {"id", "article_ids", "date"} <= set(record["events"][0])
    assert {"date", "text", "article_ids"} <= set(record["timeline"][0])


def test_empty_store(tmp_path: Path) -> None:
    store = open_store(tmp_path / "e.db")
    assert build_stories(store).articles == 0
    assert store.stories() == [] and store.story("st-x") is None


def test_stories_table_in_every_format(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _write(folder, "a.jsonl", _items({"b1", "o1", "b2"}))
    store = open_store(tmp_path / "s.db")
    ingest([folder], store, progress=False)
    build_stories(store)
    out = io.StringIO()
    count = export(store, "jsonl", out, "stories")
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(lines) == 2 and all(r["article_ids"] and r["timeline"] for r in lines)
    out = io.StringIO()
    assert export(store, "csv", out, "stories") == count and out.getvalue().startswith("id,")
    with open(tmp_path / "s.parquet", "wb") as fh:
        assert export(store, "parquet", fh, "stories") == count
    assert pq.read_table(tmp_path / "s.parquet").num_rows == count
