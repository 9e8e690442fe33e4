"""The seeds (``../shared/seeds``): what the stories issue must show.  Skipped when the reference data is absent."""

from __future__ import annotations

import pytest

from newstrace.records import Story
from newstrace.store import Store
from tests.conftest import seed_ids, seeds_store


@pytest.fixture(scope="module")
def seeded() -> tuple[Store, dict[str, str]]:
    store = seeds_store(link=True, stories=True)
    return store, seed_ids(store)


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
