"""Speaker rules added in the fourth version, each on invented sentences."""

from __future__ import annotations

import pytest

from tests.analyze.conftest import find

# (text, a fragment of the quote, its speaker mention), one rule each
SPEAKERS = [
    pytest.param("The Harbour Council issued a statement saying that the ferries would run again on Friday.\n",
                 "ferries would run again", "The Harbour Council", id="statement_saying_belongs_to_whoever_issued_it"),
    pytest.param("Councillor Petra Lund backed away on Tuesday from a suggestion that the harbour tax would rise.\n",
                 "harbour tax would rise", "Councillor Petra Lund",
                 id="noun_cue_without_owner_takes_the_subject_of_its_verb"),
    pytest.param("Mayor Ilse Dorn used her speech on Sunday to call for a new bridge over the river.\n",
                 "a new bridge", "Mayor Ilse Dorn", id="infinitive_after_a_used_object_takes_the_subject"),
    pytest.param("Rolf Amsel was booed on Friday after telling the crowd that the old harbour would close.\n",
                 "old harbour would close", "Rolf Amsel", id="gerund_after_a_passive_verb_takes_the_passive_subject"),
    pytest.param("\u201cThe harbour will be ready long before the summer,\u201d added a local fisherman.\n",
                 "ready long before", "a local fisherman", id="object_after_the_quote_is_the_speaker"),
    pytest.param("\u201cThe wall will hold,\u201d Amsel said when asked about the storm. "
                 "\u201cWe built it to last a century, and it has never failed us once.\u201d\n",
                 "last a century", "Amsel", id="next_quote_continues_the_main_cue_not_the_when_asked_clause"),
    pytest.param("\u201cThe harbour is safe for every boat,\u201d Amsel told the \u201cMorning Show\u201d on Monday. "
                 "\u201cWe checked every stone of the wall ourselves.\u201d\n",
                 "checked every stone", "Amsel", id="a_quoted_title_in_the_frame_does_not_stop_continuation"),
    pytest.param("As Professor Ilse Dorn put it, \u201cthe bridge is the front door of the whole town.\u201d\n",
                 "front door", "Professor Ilse Dorn", id="as_x_put_it_introduces_the_quote"),
    pytest.param("Petra Lund was the first councillor to endorse the harbour plan.\n",
                 "the harbour plan", "Petra Lund", id="first_member_to_endorse_is_the_subject"),
    pytest.param("The new leaflet targets a \u201charbour board that keeps the fishing towns poor while the ministry "
                 "looks away.\u201d\n",
                 "keeps the fishing towns poor", "The new leaflet",
                 id="quote_inside_a_sentence_is_framed_by_its_main_verb"),
    pytest.param("\u201cThe ferry will run again on Friday,\u201d Amsel said outside the office. "
                 "But \u201cthe winter timetable will be much thinner than last year, and nobody likes that.\u201d\n",
                 "winter timetable", "Amsel", id="quote_after_a_connective_continues_the_previous_speaker"),
    pytest.param("Councillor Petra Lund was booed and shouted down by the crowd after telling the fishermen that "
                 "the harbour would close.\n",
                 "harbour would close", "Councillor Petra Lund",
                 id="gerund_after_coordinated_passives_takes_the_passive_subject"),
]


def test_clause_opened_by_a_subordinator_is_not_an_inverted_report(quotes_of) -> None:
    text = "The ferry left the harbour late again on Monday, after the captain announced a short delay.\n"
    assert not any(q.cue == "announced" and "ferry left" in q.text for q in quotes_of(text))


def test_empty_it_is_no_source(quotes_of) -> None:
    text = "It is hard to predict how the fishing towns will vote in the spring.\n"
    for q in quotes_of(text):
        assert q.speaker_mention != "It"


def test_quote_after_a_colon_sentence_belongs_to_its_subject(quotes_of) -> None:
    text = ("When the storm passed, Mayor Ilse Dorn released the following statement:\n\n"
            "\u201cWe will rebuild the harbour wall before the winter storms arrive, and every family will be "
            "helped.\u201d\n")
    q = find(quotes_of(text), "rebuild the harbour wall")
    assert q.speaker_mention == "Mayor Ilse Dorn"
    assert q.speaker == "Ilse Dorn"


def test_name_the_parser_read_as_a_clause_after_the_verb(quotes_of) -> None:
    text = "''I'm more at home on the water than I am in an office,'' said Rolf Amsel, half joking.\n"
    q = find(quotes_of(text), "more at home")
    assert q.speaker_mention is not None and "Rolf Amsel" in q.speaker_mention
    assert "half joking" not in q.text


def test_label_before_a_colon_is_no_speaker_when_someone_speaks_inside(quotes_of) -> None:
    text = ("Budget: the council approved the harbour plan on Monday after a long night of talks. "
            "\u201cIt is a good day for the fishing towns,\u201d Amsel said.\n")
    q = find(quotes_of(text), "good day for the fishing")
    assert q.speaker_mention == "Amsel"
    assert not any(x.speaker_mention == "Budget" for x in quotes_of(text))


# Fifth version: (text, a fragment of the quote, its speaker mention), one rule each
# second round (fifth version), run by the same test
SPEAKERS_V5 = [
    pytest.param("Mayor Ilse Dorn posted the plan online last week, writing \u201cThe harbour will open again in May "
                 "and every boat is welcome.\u201d\n",
                 "every boat is welcome", "Mayor Ilse Dorn", id="participle_after_the_clause_takes_its_subject"),
    pytest.param("Rolf Amsel was prompted to say that the harbour would close before the winter.\n",
                 "harbour would close", "Rolf Amsel", id="infinitive_after_a_passive_takes_the_passive_subject"),
    pytest.param("Rolf Amsel was asked to name a new harbour master before the winter.\n",
                 "new harbour master", None, id="asked_to_has_no_named_asker"),
    pytest.param("Petra Lund is moving to the coast but is expected to lead the harbour board next year.\n",
                 "lead the harbour board", None, id="coordinated_passive_takes_no_subject"),
    pytest.param("\u201cWe will see,\u201d Amsel said on Monday when asked whether the ferry would run in winter.\n",
                 "ferry would run", None, id="when_asked_names_no_asker"),
    pytest.param("Having announced that the old harbour would close, Mayor Ilse Dorn left the hall.\n",
                 "old harbour would close", "Mayor Ilse Dorn", id="fronted_perfect_participle_takes_the_subject"),
    pytest.param("\u201cIt is a very unusual tide,\u201c said Petra Lund, a harbour pilot. "
                 "\u201cThe water is lower than anyone remembers.\u201d\n",
                 "unusual tide", "Petra Lund, a harbour pilot", id="opening_mark_typed_as_closing_mark"),
    pytest.param("\u201cThe bridge is a gift to the whole town and to every family in it,\u201d Will wrote.\n",
                 "gift to the whole town", "Will", id="capitalised_modal_before_a_past_verb_is_a_name"),
    pytest.param("In a Harbour Gazette poll released on Monday, 62 percent of residents said they wanted a new "
                 "ferry.\n",
                 "wanted a new ferry", "a Harbour Gazette poll released on Monday",
                 id="respondents_in_a_poll_speak_through_the_poll"),
    pytest.param("A fisherman known to be fond of the old harbour is the new mayor of the town.\n",
                 "fond of the old harbour", None, id="known_to_be_names_no_speaker"),
    pytest.param("During the debate on the pier, Petra Lund cracked, \u201cI am a sailor, but I am a sailor who likes "
                 "dry land.\u201d\n",
                 "sailor who likes", "Petra Lund", id="any_verb_with_a_comma_before_the_quote_introduces_it"),
    pytest.param("Mayor Ilse Dorn made it clear on Monday that the old harbour would not close this winter.\n",
                 "harbour would not close", "Mayor Ilse Dorn", id="made_it_clear_that_is_a_cue"),
    pytest.param("Amsel jumped onto the stage \u2014 as he so often does \u2014 and announced that the harbour would "
                 "close.\n",
                 "harbour would close", "Amsel", id="verb_after_a_closed_aside_goes_with_the_main_verb"),
    pytest.param("\u201cThe harbour is finally safe for the small boats and for the ferries,\u201d a pilot from the "
                 "old town shrugged.\n",
                 "finally safe", "a pilot from the old town", id="long_subject_right_after_the_quote_speaks"),
]

# Source boundaries (sixth version): chosen from where PolNeAR train sources differ from ours.
SOURCE_SPANS = [
    pytest.param("Petra Lund, who chairs the harbour board, said the ferry would run again in May.\n",
                 "ferry would run", "Petra Lund, who chairs the harbour board,", id="relative_clause_stays"),
    pytest.param("A survey released by the harbour board on Friday found that most boats were older than 30 years.\n",
                 "most boats were older", "A survey released by the harbour board on Friday",
                 id="past_participle_clause_stays"),
    pytest.param("Petra Lund, speaking on Monday, said the ferry would run again in May.\n",
                 "ferry would run", "Petra Lund", id="present_participle_clause_goes"),
    pytest.param("Sen. Jo Lind, R-Fla., said the budget for the harbour was too small.\n",
                 "budget for the harbour", "Sen. Jo Lind, R-Fla.,", id="abbreviation_stop_before_a_comma_stays"),
    pytest.param("Since the storm, she's said the harbour wall would be rebuilt before winter.\n",
                 "harbour wall would be rebuilt", "she", id="contracted_has_before_a_clause_is_active"),
    pytest.param("Although there is no overlap with Lind's staff, a port official who spoke anonymously to discuss the "
                 "plans said Monday, \u201cThe ferry will run again next week.\u201d\n",
                 "ferry will run", "a port official who spoke anonymously to discuss the plans",
                 id="relative_clause_before_a_subjectless_verb_is_its_subject"),
    pytest.param("Democratic front-runner\u00a0Jo Lind said the engine of the ferry had failed twice.\n",
                 "engine of the ferry", "Democratic front-runner\u00a0Jo Lind", id="no_break_space_is_no_break"),
]

# Participles after an inverted report (eighth version): "…?" asked X, referring to …
AFTER_INVERSION = [
    pytest.param("''Are the ferries running against the wind?'' asked Mr. Ostrow, referring to the council's long "
                 "quarrel with the board.\n",
                 "long quarrel", "Mr. Ostrow", id="participle_after_an_inverted_report_takes_its_speaker"),
    pytest.param("''Is the harbour board running the town?'' asked Mr. Manders, referring to the board's quarrel "
                 "with the council.\n",
                 "quarrel with the council", "Mr. Manders", id="lower_case_asked_after_a_quote_is_no_reduced_passive"),
]


@pytest.mark.parametrize(("text", "fragment", "mention"), SPEAKERS + SPEAKERS_V5 + SOURCE_SPANS + AFTER_INVERSION)
def test_speaker_rule(quotes_of, text: str, fragment: str, mention: str | None) -> None:
    q = find(quotes_of(text), fragment)
    assert q.speaker_mention == mention


def test_open_quote_in_a_cued_paragraph_stays_with_its_paragraph(quotes_of) -> None:
    text = ("\u201cThe pier is safe,\u201d Amsel said. \u201cThe boats in the harbour are all fine and dry.\n\n"
            "\u201cAnd we will reopen the market very soon,\u201d Petra Lund said later.\n")
    assert find(quotes_of(text), "boats in the harbour").speaker_mention == "Amsel"
    assert find(quotes_of(text), "reopen the market").speaker_mention == "Petra Lund"


def test_named_reporter_after_a_report_carries_it(quotes_of) -> None:
    text = ("Amsel said at a harbour meeting that he was ''very happy with the new pier and the ferry,'' "
            "The Harbour Gazette reported.\n")
    q = find(quotes_of(text), "very happy")
    assert q.speaker_mention == "The Harbour Gazette"


@pytest.mark.parametrize(("piece", "kept"), [
    ("\u201d Harbour master Jo Lind", "Harbour master Jo Lind"),  # the closing mark of the quote before
    ("\u201cThe Tide\u201d author Jo Lind", "\u201cThe Tide\u201d author Jo Lind"),  # a paired title stays
    ("Jo Lind", "Jo Lind"),
])
def test_a_source_never_opens_with_a_stray_quote_mark(piece: str, kept: str) -> None:
    from newstrace.analyze.verbs import _without_stray_mark

    text = f"x {piece} said."
    span = _without_stray_mark(text, (2, 2 + len(piece)))
    assert span is not None and text[span[0] : span[1]] == kept


def test_a_report_of_the_quote_before_it_is_not_the_next_report_s_content(quotes_of) -> None:
    text = ("\u201cThe tide is low,\u201d she said, but despite the wind, \u201cthe ferry will run,\u201d said Amsel, "
            "who has sailed it for years.\n")
    first = find(quotes_of(text), "tide is low")
    assert (first.speaker_mention, first.cue) == ("she", "said")
    assert "tide is low" not in find(quotes_of(text), "ferry will run").text
