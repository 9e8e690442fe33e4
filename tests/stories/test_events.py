"""Online event clustering: same happening together, time windows, copies, headlines, bad input, state."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.bench.events import bcubed, pairwise
from newstrace.stories.events import EventIndex, EventParams
from newstrace.stories.features import StoryDoc, actors, day_number, featurize
from newstrace.stories.index import StoryIndex
from newstrace.stories.vectors import OnlineIdf
from tests.stories.corpus import BRIDGE_1, BRIDGE_2, docs


def _events(index: EventIndex) -> dict[str, str]:
    return dict(index.article_event)


def test_same_happening_is_one_event_and_others_apart() -> None:
    index = EventIndex()
    for doc in docs():
        index.insert(doc)
    events = _events(index)
    assert events["b1"] == events["b2"] == events["h1"]
    assert events["o1"] == events["o2"]
    assert events["b1"] != events["o1"]
    assert events["b3"] != events["b1"], "three months later is another event"


def test_time_window_keeps_far_apart_articles_in_separate_events() -> None:
    index = EventIndex(EventParams(window_days=3))
    index.insert(StoryDoc("a", BRIDGE_1, None, "2021-03-03"))
    far = index.insert(StoryDoc("b", BRIDGE_2, None, "2021-04-20"))
    assert far.created


def test_year_unknown_and_undated_articles_are_placed() -> None:
    index = EventIndex()
    index.insert(StoryDoc("a", BRIDGE_1, None, "2021-03-03"))
    assert index.insert(StoryDoc("b", BRIDGE_2, None, "--03-04")).event_id == index.event_of("a")
    assert index.insert(StoryDoc("c", BRIDGE_2 + " More detours.", None, None)).event_id == index.event_of("a")


def test_copy_joins_its_canonical_event() -> None:
    index = EventIndex()
    index.insert(StoryDoc("a", BRIDGE_1, None, "2021-03-03"))
    index.insert(StoryDoc("x", "Completely unrelated words about gardening and roses.", None, "2021-03-03"))
    assert index.insert(StoryDoc("x2", "Roses.", None, "2021-03-03", canonical="a")).event_id == index.event_of("a")


def test_shared_statement_adds_evidence() -> None:
    index = EventIndex()
    index.insert(StoryDoc("a", "The minister spoke about the budget.", None, "2021-03-03", quote_keys=("s1",)))
    weak = index.query(StoryDoc("b", "A speech on taxes.", None, "2021-03-03"))
    strong = index.query(StoryDoc("b", "A speech on taxes.", None, "2021-03-03", quote_keys=("s1",)))
    assert dict(strong).get(index.event_of("a") or "", 0) > dict(weak).get(index.event_of("a") or "", 0)


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01", "“unbalanced", "a" * 200_000, "Привет мир. " * 50])
def test_bad_input_never_crashes(text: str) -> None:
    index = StoryIndex()
    assignment = index.add(StoryDoc("z", text, None, "not a date"))
    assert assignment.event_id and assignment.storyline_id
    assert index.add(StoryDoc("z", text)).event_id == assignment.event_id, "inserting twice changes nothing"


def test_params_are_validated() -> None:
    with pytest.raises(ValueError, match="threshold"):
        EventParams(threshold=1.5)
    with pytest.raises(ValueError, match="window_days"):
        EventParams(window_days=0)


def test_idf_state_round_trips() -> None:
    idf = OnlineIdf()
    idf.add([1, 2, 3], [42])
    again = OnlineIdf.from_bytes(idf.to_bytes())
    assert again.docs == 1 and again.weight(1) == idf.weight(1) and again.paragraph_count(42) == 1


def test_features_and_dates() -> None:
    assert actors("The talks were led by Foreign Minister Irena Kask. Kask said no.")[:2] == ["kask", "kask"]
    assert day_number("2021-05-05")[0] is not None and day_number("--05-05") == (None, 126)
    assert day_number("2021-02-30") == (None, None) and day_number(None) == (None, None)
    assert featurize(StoryDoc("t", "", "Only a headline here")).terms


def test_scores() -> None:
    assert bcubed(["a", "a", "b"], [1, 1, 2])[2] == pytest.approx(1.0)
    assert pairwise(["a", "a", "a"], [1, 1, 2])[0] == pytest.approx(1 / 3)


@settings(max_examples=15, deadline=None)
@given(st.permutations(list(range(6))))
def test_same_groups_in_any_order_for_this_fixture(order: list[int]) -> None:
    fixture = docs()
    index = EventIndex()
    for i in order:
        index.insert(fixture[i])
    events = _events(index)
    assert events["b1"] == events["b2"] and events["o1"] == events["o2"] and events["b1"] != events["o1"]
