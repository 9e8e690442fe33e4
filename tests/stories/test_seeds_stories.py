"""The seeds (``../shared/seeds``): what the stories issue must show.  Skipped when the reference data is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.linking import link_store
from newstrace.pipeline import ingest
from newstrace.records import Story
from newstrace.store import Store, open_store
from newstrace.storying import build_stories


@pytest.fixture(scope="module")
def seeded() -> tuple[Store, dict[str, str]]:
    folder = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
    if not folder.is_dir():
        pytest.skip("../shared/seeds is not available")
    store = open_store()
    ingest([folder], store, progress=False)
    link_store(store)
    build_stories(store)
    return store, {Path(a.sources[0].origin).name[:3]: a.id for a in store.articles()}


def _story(store: Store, article_id: str) -> Story:
    story_id = store.story_of(article_id)
    story = store.story(story_id or "")
    assert story is not None
    return story


def test_the_interview_reports_are_one_event(seeded: tuple[Store, dict[str, str]]) -> None:
    store, ids = seeded
    story = _story(store, ids["000"])
    [event] = [e for e in story.events if ids["000"] in e.article_ids]
    assert ids["001"] in event.article_ids


def test_may_reports_are_one_storyline_and_geneva_joins_or_is_linked(seeded: tuple[Store, dict[str, str]]) -> None:
    store, ids = seeded
    may = {store.story_of(ids[k]) for k in ("000", "001", "002", "003")}
    assert len(may) == 1
    geneva = store.story_of(ids["004"])
    story = _story(store, ids["000"])
    assert geneva in may or geneva in story.related or story.id in _story(store, ids["004"]).related


def test_timelines_carry_the_dates(seeded: tuple[Store, dict[str, str]]) -> None:
    store, ids = seeded
    dates = {e.date for key in ("000", "004") for e in _story(store, ids[key]).timeline}
    assert {"2021-04-13", "2021-05-04", "2022-01-21"} <= dates


def test_first_to_report_uses_the_month_day_date(seeded: tuple[Store, dict[str, str]]) -> None:
    store, ids = seeded
    first = [o for o in _story(store, ids["000"]).outlets if o.first]
    assert [o.outlet for o in first] == ["TASS"]
