"""Events that merge once split, and pages that are not news: index, storylines and the store stay consistent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newstrace.pipeline import ingest
from newstrace.store import open_store
from newstrace.stories.events import EventIndex, EventParams
from newstrace.stories.features import StoryDoc
from newstrace.stories.index import StoryIndex
from newstrace.stories.noise import NoiseParams, is_noise, reports_speech, service_words
from newstrace.storying import build_stories, load_index

# One fictional happening told from two sides that share almost no words, then a report that tells both.
FLOOD = ("The river Essel burst its banks at Varnholm on Sunday night and flooded the old market quarter. "
         "Firefighters pumped water from cellars until dawn, the fire brigade said.")
SHELTER = ("Mayor Tova Lindqvist opened the Grenby sports hall as a shelter for families who lost their homes. "
           "Volunteers handed out blankets, soup and dry clothes to evacuees.")
BOTH = ("Varnholm flood: the Essel burst its banks and flooded the market quarter; firefighters pumped cellars. "
        "Mayor Tova Lindqvist opened the Grenby sports hall as a shelter, where volunteers handed out blankets to "
        "evacuees.")
LATER = "Volunteers at the Grenby sports hall shelter handed out soup and blankets as Mayor Lindqvist visited evacuees."
NOTICE = ("Please enable JavaScript in your browser settings and accept cookies to sign in to your account. "
          "Subscribe to our newsletter by email.")


def _split_then_bridged(index: EventIndex | StoryIndex) -> None:
    add = index.add if isinstance(index, StoryIndex) else index.insert
    add(StoryDoc("a", FLOOD, None, "2022-05-01"))
    add(StoryDoc("b", SHELTER, None, "2022-05-01"))
    add(StoryDoc("c", BOTH, None, "2022-05-02"))


def test_an_article_that_bridges_two_events_merges_them_into_the_older() -> None:
    index = EventIndex()
    index.insert(StoryDoc("a", FLOOD, None, "2022-05-01"))
    assert index.insert(StoryDoc("b", SHELTER, None, "2022-05-01")).created, "the two sides start apart"
    placed = index.insert(StoryDoc("c", BOTH, None, "2022-05-02"))
    assert placed.event_id == "ev-a", "the older event keeps its id"
    assert {index.event_of(x) for x in "abc"} == {"ev-a"}
    assert index.absorbed == {"ev-b": "ev-a"} and index.resolve("ev-b") == "ev-a"
    assert set(index.events) == {"ev-a"} and index.events["ev-a"].size == 3
    assert index.take_merges() == [("ev-a", "ev-b")] and index.take_merges() == [], "merges are handed out once"


def test_after_a_merge_the_absorbed_event_postings_lead_to_the_kept_event() -> None:
    index = EventIndex()
    _split_then_bridged(index)
    assert [e for e, _ in index.query(StoryDoc("d", LATER, None, "2022-05-03"))] == ["ev-a"]
    assert index.insert(StoryDoc("d", LATER, None, "2022-05-03")).event_id == "ev-a"


def test_merging_can_be_turned_off_and_needs_close_events() -> None:
    index = EventIndex(EventParams(merge_candidates=0))
    _split_then_bridged(index)
    assert len(index.events) == 2 and not index.absorbed
    strict = EventIndex(EventParams(merge_threshold=0.9, centroid_merge=0.99))
    _split_then_bridged(strict)
    assert len(strict.events) == 2, "an article that fits both is not enough when the events stay far apart"


def test_chains_of_merges_resolve_to_the_last_kept_id() -> None:
    index = EventIndex()
    index.absorbed.update({"ev-x": "ev-y", "ev-y": "ev-z"})
    assert index.resolve("ev-x") == "ev-z" and index.resolve("ev-q") == "ev-q"


def test_merged_events_in_two_storylines_make_one_storyline() -> None:
    index = StoryIndex()
    _split_then_bridged(index)
    lines = index.storylines
    assert set(lines.event_storyline) == {"ev-a"}, "no storyline keeps the absorbed event"
    story = lines.storylines[lines.event_storyline["ev-a"]]
    assert story.events == ["ev-a"] and story.articles == 3
    assert index.storyline_of("a") == index.storyline_of("b") == index.storyline_of("c")
    assert index.take_merges() == [("ev-a", "ev-b")]


def _write(folder: Path, name: str, items: list[tuple[str, str]]) -> None:
    folder.mkdir(exist_ok=True)
    rows = [{"text": text, "title": None, "published": day, "outlet": "Varnholm Post"} for text, day in items]
    (folder / name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_store_follows_a_merge_made_in_a_later_run(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    store = open_store(tmp_path / "m.db")
    _write(folder, "a.jsonl", [(FLOOD, "2022-05-01"), (SHELTER, "2022-05-01")])
    ingest([folder], store, progress=False)
    assert build_stories(store).events == 2
    before = {r.article_id: r.event_id for r in store.story_placements()}
    _write(folder, "b.jsonl", [(BOTH, "2022-05-02")])
    ingest([folder], store, progress=False)
    summary = build_stories(store)
    assert (summary.events, summary.storylines) == (1, 1)
    rows = list(store.story_placements())
    kept = {r.event_id for r in rows}
    assert len(kept) == 1 and len({r.storyline_id for r in rows}) == 1
    story = store.story(rows[0].storyline_id)
    assert story is not None and [e.id for e in story.events] == list(kept)
    absorbed = set(before.values()) - kept
    assert set(story.events[0].absorbed) == absorbed and len(absorbed) == 1
    assert store.db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 1
    again = load_index(store)
    assert again.events.resolve(absorbed.pop()) in kept, "absorbed ids survive a reload"
    _write(folder, "c.jsonl", [(LATER, "2022-05-03")])
    ingest([folder], store, progress=False)
    assert build_stories(store).events == 1


def test_non_article_pages_stay_alone() -> None:
    index = EventIndex()
    first = index.insert(StoryDoc("n1", NOTICE, None, "2022-05-01"))
    second = index.insert(StoryDoc("n2", NOTICE, None, "2022-05-01"))
    assert first.created and second.created and first.event_id != second.event_id
    assert first.vector == {} and index.query(StoryDoc("n3", NOTICE, None, "2022-05-01")) == []
    assert index.insert(StoryDoc("e", "", None, "2022-05-01")).created
    headline = StoryDoc("h", "", "Essel floods Varnholm market quarter", "2022-05-01")
    assert index.insert(StoryDoc("a", FLOOD, None, "2022-05-01")).created
    assert index.insert(headline).event_id == index.event_of("a"), "a title-only article is not noise"


def test_a_short_report_about_apps_and_cookies_is_news() -> None:
    brief = ("Quaylink said on Tuesday it would change its privacy settings after regulators complained that users "
             "could not easily disable tracking cookies. Account holders will get a new page in the app listing "
             "which websites share data, a spokesman said.")
    index = EventIndex()
    first = index.insert(StoryDoc("b1", brief, None, "2022-05-01"))
    assert first.vector, "a report of what someone said is never treated as a non-article page"
    assert index.insert(StoryDoc("b2", brief, None, "2022-05-01")).event_id == first.event_id


def test_noise_rule() -> None:
    words = NOTICE.lower().replace(".", "").split()
    assert service_words(words) >= 8
    assert is_noise(20, 8, False) and not is_noise(20, 2, False)
    assert is_noise(3, 0, False) and not is_noise(3, 0, True)
    assert not is_noise(500, 200, False), "a long article about the web is still an article"
    assert not reports_speech(NOTICE) and reports_speech("Cookies are fine, the regulator told reporters.")
    with pytest.raises(ValueError, match="service_share"):
        NoiseParams(service_share=0.0)
    with pytest.raises(ValueError, match="merge_threshold"):
        EventParams(merge_threshold=1.0)
    with pytest.raises(ValueError, match="merge_candidates"):
        EventParams(merge_candidates=-1)
