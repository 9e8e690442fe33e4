"""Time expressions: finding, resolving against the publication date, robustness, benchmark smoke."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.timex import TimeExpression, dates_for_text, find_time_expressions, find_with_spacy

WEDNESDAY = date(2021, 5, 5)


def only(text: str, dct: date | None = WEDNESDAY) -> TimeExpression:
    found = find_time_expressions(text, dct)
    assert len(found) == 1, found
    return found[0]


def value_of(text: str, dct: date | None = WEDNESDAY) -> str:
    return only(text, dct).value


# --------------------------------------------------------------------------- the brief's examples


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The minister said on Tuesday that talks had stalled.", "2021-05-04"),
        ("The ministers will meet on Tuesday in Geneva.", "2021-05-11"),
        ("The deal was signed April 13.", "2021-04-13"),
        ("Prices rose sharply earlier in May.", "2021-05"),
        ("Shares fell last week.", "2021-W17"),
        ("The plant reopens next month.", "2021-06"),
        ("Two years ago the border closed.", "2019"),
        ("The embassy closed yesterday.", "2021-05-04"),
        ("Sales have doubled this year.", "2021"),
        ("Debt ballooned in the 1990s.", "199"),
        ("The survey ran in spring 2020.", "2020-SP"),
        ("The two leaders are now talking.", "PRESENT_REF"),
        ("He is currently abroad.", "PRESENT_REF"),
        ("She recently resigned.", "PAST_REF"),
        ("Envoys are due to arrive in the coming days.", "FUTURE_REF"),
    ],
)
def test_brief_examples(text: str, value: str) -> None:
    assert value_of(text) == value


def test_range_keeps_its_end() -> None:
    found = only("The summit will take place June 11-13 in Cornwall.")
    expected = ("June 11-13", "2021-06-11", "2021-06-13", "day")
    assert (found.text, found.value, found.end_value, found.granularity) == expected


def test_modifier_is_part_of_the_expression() -> None:
    assert only("Prices rose sharply earlier in May.").text == "earlier in May"


def test_duration_set_time_and_part_of_day() -> None:
    assert (only("Talks lasted a decade.").type, value_of("Talks lasted a decade.")) == ("DURATION", "P10Y")
    assert value_of("The siege lasted three months.") == "P3M"
    every = only("Inspectors visit every week.")
    assert (every.type, every.value) == ("SET", "P1W")
    clock = only("He will speak at 3 p.m. Friday.")
    assert (clock.type, clock.value, clock.text) == ("TIME", "2021-05-07T15:00", "3 p.m. Friday")
    tonight = only("The vote is tonight.")
    assert (tonight.type, tonight.value) == ("TIME", "2021-05-05TNI")


def test_offsets_and_granularity() -> None:
    text = "On Tuesday, the ministers said, the talks began."
    found = only(text)
    assert text[found.start : found.end] == found.text == "Tuesday"
    assert found.granularity == "day"
    assert only("Shares fell last week.").granularity == "week"


def test_explicit_last_and_next_weekday() -> None:
    assert value_of("He arrived last Friday.") == "2021-04-30"
    assert value_of("He arrives next Friday.") == "2021-05-07"


# --------------------------------------------------------------------------- edge cases


def test_year_boundary_uses_the_previous_year() -> None:
    assert value_of("The blast happened on December 30.", date(2022, 1, 2)) == "2021-12-30"


def test_year_boundary_future() -> None:
    assert value_of("The talks will resume on January 4.", date(2021, 12, 29)) == "2022-01-04"
    assert value_of("The plant reopens next month.", date(2021, 12, 15)) == "2022-01"


def test_iso_week_at_year_boundary() -> None:
    assert value_of("Shares fell last week.", date(2021, 1, 6)) == "2020-W53"


def test_weekday_named_on_the_same_weekday_is_that_day() -> None:
    monday = date(2021, 5, 3)
    assert value_of("The minister said on Monday that talks had stalled.", monday) == "2021-05-03"
    assert value_of("The ministers will meet on Monday.", monday) == "2021-05-03"


def test_leap_years() -> None:
    assert value_of("The law passed on February 29.", date(2024, 3, 10)) == "2024-02-29"
    assert value_of("The law passed on February 29.", date(2021, 3, 10)) == "2020-02-29"
    assert value_of("The report came out Feb. 29, 2020.") == "2020-02-29"
    impossible = find_time_expressions("The report came out Feb. 30, 2021.", WEDNESDAY)
    assert all(not e.value.startswith("2021-02-3") for e in impossible)


def test_tense_moves_a_far_date() -> None:
    assert value_of("He said the attack took place on October 13.") == "2020-10-13"
    assert value_of("The election will be held on October 13.") == "2021-10-13"


def test_without_dct_values_are_placeholders() -> None:
    assert value_of("He said on Tuesday that talks had stalled.", None) == "XXXX-WXX-2"
    assert value_of("The deal was signed April 13.", None) == "XXXX-04-13"
    assert value_of("The siege lasted three months.", None) == "P3M"


def test_may_the_verb_is_not_a_month() -> None:
    assert find_time_expressions("Officials may decide soon whether to act.", WEDNESDAY)[0].text == "soon"
    assert value_of("The vote is set for May 20.") == "2021-05-20"


def test_ages_and_fractions_are_not_durations() -> None:
    assert find_time_expressions("A 13-year-old boy was hurt.", WEDNESDAY) == []
    assert find_time_expressions("About three-quarters of voters agreed.", WEDNESDAY) == []


# --------------------------------------------------------------------------- robustness


def test_empty_text() -> None:
    assert find_time_expressions("", WEDNESDAY) == []
    assert dates_for_text("", "2021-05-05") == []


def test_non_english_text() -> None:
    for text in ("Путин заявил во вторник, что встреча состоится.", "普京周二表示会晤将举行。", "¿Mañana? Sí."):
        found = find_time_expressions(text, WEDNESDAY)
        assert all(text[e.start : e.end] == e.text for e in found)


def test_one_megabyte_text_is_fast() -> None:
    paragraph = "The minister said on Tuesday that the talks, which began in March 2019, would resume next week. "
    text = paragraph * (1_000_000 // len(paragraph))
    started = time.perf_counter()
    found = find_time_expressions(text, WEDNESDAY)
    assert time.perf_counter() - started < 30
    assert len(found) == 3 * (1_000_000 // len(paragraph))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_valid_spans(text: str) -> None:
    for expression in find_time_expressions(text, WEDNESDAY):
        assert text[expression.start : expression.end] == expression.text
        assert expression.type in ("DATE", "TIME", "DURATION", "SET")


def test_dates_for_text_raw_mode() -> None:
    rows = dates_for_text("He said on Tuesday that sales rose three months in a row.", "2021-05-05")
    assert rows == [
        {"start": 11, "end": 18, "text": "Tuesday", "value": "2021-05-04", "type": "DATE"},
        {"start": 35, "end": 47, "text": "three months", "value": "P3M", "type": "DURATION"},
    ]


def test_record_round_trip() -> None:
    found = only("The summit will take place June 11-13 in Cornwall.")
    assert TimeExpression.from_dict(found.to_dict()) == found


def test_spacy_tense() -> None:
    text = "The ministers said they will meet on Tuesday. They met on Friday."
    values = [e.value for e in find_with_spacy(text, WEDNESDAY)]
    assert values == ["2021-05-11", "2021-04-30"]


# --------------------------------------------------------------------------- benchmark smoke


@pytest.mark.shared
def test_tempeval_benchmark_smoke() -> None:
    from newstrace.bench import tempeval
    from newstrace.bench.common import default_shared_dir

    shared: Path = default_shared_dir()
    if not (shared / tempeval.DATA).is_dir():
        pytest.skip(f"TempEval-3 data not found under {shared}")
    result = tempeval.run(shared, limit=3)
    assert result["documents"] == 6
    for corpus in ("TimeBank", "AQUAINT", "overall"):
        assert 0.0 <= result[corpus]["value_f1"] <= result[corpus]["relaxed"]["f1"] <= 1.0
    assert result["overall"]["relaxed"]["f1"] > 0.5
    assert "valF1" in tempeval.report(result)


# --------------------------------------------------------------------------- rules added for timelines (issue 5)


def test_next_to_is_a_place_not_the_future() -> None:
    saturday = date(1998, 8, 8)
    assert value_of("Two bombs exploded next to the embassies on Friday.", saturday) == "1998-08-07"
    assert value_of("The office next to the embassy will reopen on Friday.", saturday) == "1998-08-14"


def test_bare_month_without_tense_leans_to_the_past() -> None:
    november = date(1989, 11, 2)
    assert value_of("He stepped down as chairman, president and chief executive in March.", november) == "1989-03"
    assert value_of("The merger will close in March.", november) == "1990-03"
    assert value_of("Prices rose in December.", date(1998, 1, 20)) == "1997-12"
