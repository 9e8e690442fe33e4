"""Rules added in the third version, each on invented sentences."""

from __future__ import annotations

from tests.analyze.conftest import find

TRANSCRIPT = (
    "Partial transcript of the evening broadcast:\n\n"
    "\"HOLM: Let me start with the harbour closure and what it means for the fishing towns this winter.\n\n"
    "\"VARGA: Well, look, the closure was never meant to last, and the ministry knows it very well.\n\n"
    "\"HOLM: So you expect the boats to be back out before the spring season opens?\n"
)


def test_transcript_lines_each_get_their_own_speaker(quotes_of) -> None:
    quotes = quotes_of(TRANSCRIPT)
    first = find(quotes, "harbour closure")
    second = find(quotes, "never meant to last")
    third = find(quotes, "back out before the spring")
    assert first.speaker_mention == "HOLM" and third.speaker_mention == "HOLM"
    assert second.speaker_mention == "VARGA"
    assert "never meant to last" not in first.text


def test_poll_frame_is_an_attribution(quotes_of) -> None:
    text = "In a new survey, the governor trails her challenger by six points among likely voters.\n"
    q = find(quotes_of(text), "trails her challenger")
    assert q.cue == "In"
    assert q.speaker_mention == "a new survey"
    assert q.kind == "indirect"


def test_statement_frame_with_a_cue_verb_is_left_to_the_verb(quotes_of) -> None:
    text = "In a statement, the Harbour Council said that the ferries would run again on Friday.\n"
    q = find(quotes_of(text), "ferries would run again")
    assert q.cue == "said"
    assert q.speaker_mention == "the Harbour Council"


def test_participle_after_the_reported_clause_takes_the_reporter(quotes_of) -> None:
    text = ("Mayor Ilse Dorn argued that a new bridge would bring more visitors to the old town, "
            "saying it was \u201cthe best investment the city could make.\u201d\n")
    q = find(quotes_of(text), "best investment")
    assert q.speaker_mention == "Mayor Ilse Dorn"
    assert q.speaker == "Ilse Dorn"


def test_quote_resumes_after_a_long_cue_clause(quotes_of) -> None:
    text = ("\u201cThese planners know exactly what they are doing,\u201d said Rolf Amsel, speaking of the council, "
            "\u201cand they leave themselves plenty of room to change their minds later.\u201d\n")
    q = find(quotes_of(text), "These planners know")
    assert "plenty of room" in q.text
    assert q.speaker == "Rolf Amsel"


def test_relative_clause_after_a_quote_is_not_its_tag(quotes_of) -> None:
    text = ("\u201cOur members are tired of waiting,\u201d said Petra Lund, a spokeswoman for the growers. "
            "\u201cThe rule has been very hard on small farms,\u201d which Lund thinks will push many to sell. "
            "\u201cThe ministry simply does not listen.\u201d\n")
    quotes = quotes_of(text)
    q = find(quotes, "very hard on small farms")
    assert q.speaker == "Petra Lund"
    assert q.cue == "said"


def test_content_never_holds_its_own_source_or_cue(quotes_of) -> None:
    text = ("The plan, which the governor said was too expensive, was dropped on Tuesday.\n\n"
            "\u201cWe will not give up,\u201d Dana Oyelaran said, adding that the coalition would try again.\n")
    for q in quotes_of(text):
        for span in q.content:
            for frame in (*q.cue_spans, *q.source_spans):
                assert span[1] <= frame[0] or frame[1] <= span[0], (q.text, q.cue, q.speaker_mention)


def test_in_place_phrases_stay_in_the_source(quotes_of) -> None:
    text = "Voters in all five coastal districts said they wanted the ferry service restored.\n"
    q = find(quotes_of(text), "wanted the ferry service restored")
    assert q.speaker_mention == "Voters in all five coastal districts"


def test_criticised_for_keeps_the_reason(quotes_of) -> None:
    text = "The union criticised the port authority for its handling of the strike negotiations.\n"
    q = find(quotes_of(text), "the port authority")
    assert "handling of the strike" in q.text
