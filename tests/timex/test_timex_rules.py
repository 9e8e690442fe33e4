"""Rules added to lift TempEval-3 value F1 (issue 5): each with made-up sentences."""

from __future__ import annotations

from datetime import date

import pytest

from newstrace.timex import TimeExpression, find_time_expressions

WEDNESDAY = date(2021, 5, 5)
OCTOBER = date(1989, 10, 26)


def found(text: str, dct: date | None = WEDNESDAY) -> list[tuple[str, str]]:
    return [(e.text, e.value) for e in find_time_expressions(text, dct)]


def only(text: str, dct: date | None = WEDNESDAY) -> TimeExpression:
    expressions = find_time_expressions(text, dct)
    assert len(expressions) == 1, expressions
    return expressions[0]


def test_former_is_a_role_not_a_time() -> None:
    assert found("The former mayor opened the bridge.") == []
    assert found("She recently resigned.") == [("recently", "PAST_REF")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The storm hit the coast; three days later the roads reopened.", ("three days", "P3D")),
        ("A day earlier, the harbour had been closed.", ("A day", "P1D")),
        ("A few weeks later the plant was sold.", ("A few weeks", "PXW")),
    ],
)
def test_later_and_earlier_count_from_the_narrated_event(text: str, expected: tuple[str, str]) -> None:
    found_one = only(text)
    assert (found_one.text, found_one.value, found_one.type) == (*expected, "DURATION")


def test_ago_and_year_earlier_stay_dates() -> None:
    assert found("The bridge opened two years ago.") == [("two years ago", "2019")]
    assert found("Sales were higher a year earlier.") == [("a year earlier", "2020")]


def test_anaphoric_year_and_month_follow_the_narrated_date() -> None:
    text = "The mill opened on June 3, 1995, and the following year it doubled its staff."
    assert found(text)[-1] == ("the following year", "1996")
    assert found("Exports reached $4 billion in 1988, a record for that year.")[-1] == ("that year", "1988")
    assert found("She moved to Lisbon in June 1998 and left later that year.")[-1] == ("later that year", "1998")
    assert found("In March the board met. The following month, it sold the unit.")[-1] == (
        "The following month", "2021-04")


def test_anaphora_without_a_narrated_date_uses_the_document_date() -> None:
    assert found("Output rose sharply that year.") == [("that year", "2021")]


def test_anaphora_needs_a_date_fine_enough_for_its_unit() -> None:
    text = "The firm was founded in 1990. The following month it hired a chef."
    assert found(text)[-1] == ("The following month", "2021-06")


def test_quarter_without_year_after_unrelated_future_cue() -> None:
    text = "The bank plans to restructure in the wake of a third-quarter loss."
    assert found(text, OCTOBER) == [("a third-quarter", "1989-Q3")]
    assert found("The first quarter will be weak, the chairman said.", OCTOBER)[0] == ("The first quarter", "1990-Q1")
    assert found("The fourth quarter will be weak.", OCTOBER)[0] == ("The fourth quarter", "1989-Q4")


def test_due_to_a_cause_is_not_the_future() -> None:
    assert found("Output fell due to the strike of Tuesday.") == [("Tuesday", "2021-05-04")]
    assert found("The ferry is due to arrive Tuesday.") == [("Tuesday", "2021-05-11")]


def test_year_in_words_after_a_month_or_season() -> None:
    assert found("January nineteen ninety-seven. A bomb went off.") == [("January nineteen ninety-seven", "1997-01")]
    assert found("Prices fell to that level in the winter of nineteen ninety-four.") == [
        ("the winter of nineteen ninety-four", "1994-WI")]
    assert found("The shop opened in May two thousand and one.") == [("May two thousand and one", "2001-05")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("They lived in the camp for 2 1/2 years.", "P2Y6M"),
        ("She spent about 5 1/2 hours in the capital.", "PT5H30M"),
        ("A minute and a half later the engine stopped.", "PT1M30S"),
        ("The hearing lasted two and a half days.", "P2DT12H"),
        ("The loan runs for a year and a half.", "P1Y6M"),
    ],
)
def test_halves_are_written_in_the_next_smaller_unit(text: str, value: str) -> None:
    assert only(text).value == value


def test_capitalised_relative_words_in_names_are_titles() -> None:
    assert found("You are listening to Harbour Radio Today.") == []
    assert found('The minister said on the programme "This Week" that talks would go on.') == []
    assert found("Today, the minister spoke.") == [("Today", "2021-05-05")]
    assert found("Last week the talks failed.") == [("Last week", "2021-W17")]
    assert found("LAST WEEK THE TALKS FAILED") == [("LAST WEEK", "2021-W17")]


def test_possessive_weekday_names_a_day_that_has_happened() -> None:
    friday = date(2000, 1, 7)
    assert found("The family said they would appeal Wednesday's ruling.", friday) == [("Wednesday", "2000-01-05")]
    assert found("Parties will campaign hard ahead of Sunday's vote.", friday) == [("Sunday", "2000-01-09")]


def test_every_month_or_season_is_a_set() -> None:
    each = only("Fishermen sail north each July.")
    assert (each.text, each.type, each.value) == ("each July", "SET", "XXXX-07")
    assert only("The lake freezes every winter.").value == "XXXX-WI"
    assert found("Every may count.") == []


def test_comparison_period_before_a_duration_is_that_duration() -> None:
    expression = only("Net for the year-earlier nine months included a gain.", OCTOBER)
    assert (expression.text, expression.value) == ("the year-earlier nine months", "P9M")
    assert found("In the year-earlier quarter it lost money.", OCTOBER) == [("the year-earlier quarter", "1988-Q3")]
