"""Golden test of linking on the bundled demo corpus (``demo/corpus/expected.json``).

The expectations list statements carried by several outlets in different wordings, statements by the same
person that must stay apart, and the years month-day-only articles should get from linked coverage.  The
attribution stage does not find every wording (a quote attributed to the wrong speaker cannot be linked), so
shared carriers are scored against a pinned floor; distinct statements and inferred years must all be right.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from newstrace.demo import corpus_path, run_demo
from newstrace.link.statements import statements
from newstrace.records import Statement
from newstrace.store import Store
from newstrace.store.statements import StatementFilter

SHARED_CARRIERS_FLOOR = 0.85


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, list[Statement]]:
    store = run_demo(tmp_path_factory.mktemp("demo-links") / "demo.db", echo=lambda _: None)
    return store, statements(store, StatementFilter(limit=None))


def _expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((corpus_path() / "expected.json").read_text("utf-8"))
    return data


def _article_id(store: Store, ref: str) -> str:
    name, _, key = ref.partition("#")
    rows = store.db.execute("SELECT article_id, locator, url FROM sources WHERE origin=?", (str(corpus_path() / name),))
    candidates = [(r[0], r[1], r[2]) for r in rows]
    if key:
        records = _expected()["files"][name].get("records", [])
        index = next((i for i, r in enumerate(records) if key in (r.get("id"), r.get("url"))), None)
        by_url = [c for c in candidates if c[2] == key]
        by_line = [c for c in candidates if index is not None and c[1] == f"line:{index + 1}"]
        candidates = by_url or by_line
    assert candidates, f"no article for {ref}"
    return str(candidates[0][0])


def _statement_of(found: list[Statement], article_id: str, wording: str) -> str | None:
    words = " ".join(wording.split()).strip(" ,.\"“”").lower()
    for statement in found:
        for carrier in statement.carriers:
            text = " ".join(carrier.text.split()).strip(" ,.\"“”").lower()
            if carrier.article_id == article_id and (words[:40] in text or (len(text) > 20 and text in words)):
                return statement.id
    return None


def _shared() -> Iterator[dict[str, Any]]:
    yield from _expected()["shared_statements"]


def test_shared_statements_linked_across_outlets(demo: tuple[Store, list[Statement]]) -> None:
    store, found = demo
    linked = total = 0
    for shared in _shared():
        ids = [_statement_of(found, _article_id(store, c["file"]), c["wording"]) for c in shared["carried_by"]]
        majority = max(set(ids) - {None}, key=ids.count)
        assert ids.count(majority) >= 2, shared["statement"]
        linked += ids.count(majority)
        total += len(ids)
    assert linked / total >= SHARED_CARRIERS_FLOOR


def test_distinct_statements_stay_apart(demo: tuple[Store, list[Statement]]) -> None:
    store, found = demo
    for group in _expected()["distinct_statements"]:
        ids = [_statement_of(found, _article_id(store, s["file"]), s["text"]) for s in group["statements"]]
        placed = [i for i in ids if i]
        assert len(placed) == len(set(placed)), group["speaker"]


def _inferred() -> Iterator[tuple[str, dict[str, Any]]]:
    for name, entry in _expected()["files"].items():
        for record in entry.get("records", [entry]):
            if record.get("inferred_published") and record.get("published_partial"):
                key = record.get("id") or record.get("url")
                yield (f"{name}#{key}" if "records" in entry else name), record


@pytest.mark.parametrize(("ref", "record"), list(_inferred()), ids=[r for r, _ in _inferred()])
def test_years_inferred(demo: tuple[Store, list[Statement]], ref: str, record: dict[str, Any]) -> None:
    store, _ = demo
    article = store.article(_article_id(store, ref))
    assert article is not None
    assert article.published.partial == record["published_partial"]
    assert (article.published.value, article.published.basis) == (record["inferred_published"], "inferred")


def test_speakers_are_single_entities(demo: tuple[Store, list[Statement]]) -> None:
    store, _ = demo
    for speaker in _expected()["speakers"]:
        people = [e for e in store.entities(name=speaker["name"])
                  if speaker["name"] == e.name or speaker["name"] in e.aliases]
        assert len(people) <= 1, [p.name for p in people]
        assert all(p.kind == "person" for p in people)
