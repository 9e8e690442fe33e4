"""Direct, mixed and indirect quotes on invented news text."""

from __future__ import annotations

from tests.analyze.conftest import find

ARTICLE = (
    "Valdorian Foreign Minister Mira Kessel said on Monday that talks with Norland would resume next week.\n\n"
    "\u201cWe have waited long enough for a serious answer,\u201d she said. \u201cThe door remains open.\u201d\n\n"
    "\u201cOur partners understand the stakes,\u201d the minister added, \u201cand so do we.\u201d\n\n"
    "\u201cThis paragraph continues her remarks without any cue at all.\u201d\n\n"
    "Norland spokesman Tomas Brell told The Harbour Times that the proposal was \u201cdead on arrival.\u201d\n\n"
    "According to the Norland government, the border will stay closed until spring.\n\n"
    "Kessel accused Norland of \u201creckless and provocative behaviour,\u201d "
    "adding that her country would not back down.\n"
)


def test_direct_quote_with_cue_after(quotes_of) -> None:
    q = find(quotes_of(ARTICLE), "We have waited long enough")
    assert q.kind == "direct"
    assert q.speaker == "Mira Kessel"
    assert q.speaker_mention == "she"
    assert q.cue == "said"


def test_cueless_quote_in_same_paragraph_joins_the_attribution(quotes_of) -> None:
    q = find(quotes_of(ARTICLE), "We have waited long enough")
    assert "The door remains open." in q.text
    assert len(q.content) == 2


def test_quote_split_around_cue_and_role_noun(quotes_of) -> None:
    q = find(quotes_of(ARTICLE), "Our partners understand the stakes")
    assert "and so do we." in q.text
    assert q.speaker == "Mira Kessel"
    assert q.speaker_mention == "the minister"


def test_cueless_continuation_paragraph(quotes_of) -> None:
    q = find(quotes_of(ARTICLE), "continues her remarks")
    assert q.speaker == "Mira Kessel"


def test_told_outlet_is_medium_and_mixed_kind(quotes_of) -> None:
    q = find(quotes_of(ARTICLE), "dead on arrival")
    assert q.kind == "mixed"
    assert q.speaker == "Tomas Brell"
    assert q.medium == "The Harbour Times"


def test_according_to(quotes_of) -> None:
    q = find(quotes_of(ARTICLE), "border will stay closed")
    assert q.kind == "indirect"
    assert q.cue == "According to"
    assert q.speaker_mention == "the Norland government"


def test_said_that_indirect(quotes_of) -> None:
    q = find(quotes_of(ARTICLE), "talks with Norland would resume")
    assert q.kind == "indirect"
    assert q.speaker == "Mira Kessel"
    assert q.text.startswith("that ")


def test_mixed_quote_inside_reported_speech(quotes_of) -> None:
    quotes = quotes_of(ARTICLE)
    q = find(quotes, "reckless and provocative behaviour")
    assert q.kind == "mixed"
    assert q.speaker == "Mira Kessel"
    adding = find(quotes, "would not back down")
    assert adding.speaker == "Mira Kessel"


def test_spans_point_into_the_text(quotes_of) -> None:
    for q in quotes_of(ARTICLE):
        assert " … ".join(ARTICLE[s:e] for s, e in q.content) == q.text
        if q.cue is not None:
            assert ARTICLE[q.cue_spans[0][0] : q.cue_spans[0][1]] == q.cue
        if q.speaker_mention is not None:
            assert ARTICLE[q.source_spans[0][0] : q.source_spans[0][1]] == q.speaker_mention
        assert 0.0 < q.confidence <= 1.0


def test_ids_are_content_hashes(quotes_of) -> None:
    first = quotes_of(ARTICLE)
    second = quotes_of(ARTICLE)
    assert [q.id for q in first] == [q.id for q in second]
    assert len({q.id for q in first}) == len(first)
    assert all(q.article_id == "test-article" for q in first)


def test_multi_paragraph_quote_with_missing_closing_marks(quotes_of) -> None:
    text = (
        "The harbour master, Ilse Varga, spoke to reporters on Friday.\n\n"
        "\u201cThe storm took three piers and most of the fuel depot.\n\n"
        "\u201cWe will need the whole summer to rebuild, and perhaps longer.\n\n"
        "\u201cNobody was hurt, and that is what matters,\u201d Varga said.\n"
    )
    quotes = quotes_of(text)
    q = find(quotes, "The storm took three piers")
    assert "We will need the whole summer" in q.text
    assert "Nobody was hurt" in q.text
    assert q.speaker == "Ilse Varga"
    assert len(quotes) == 1 or all("storm" not in other.text for other in quotes if other is not q)


def test_quote_at_paragraph_start_with_straight_marks(quotes_of) -> None:
    text = '"The budget is balanced for the first time in a decade," Treasurer Paul Osei said on Tuesday.\n'
    q = find(quotes_of(text), "The budget is balanced")
    assert q.kind == "direct"
    assert q.speaker == "Paul Osei"


def test_cue_before_quote(quotes_of) -> None:
    text = (
        "Mayor Lena Dorn opened the bridge on Sunday.\n\n"
        "She concluded, \u201cthis bridge belongs to everyone who crosses it.\u201d\n"
    )
    q = find(quotes_of(text), "this bridge belongs")
    assert q.speaker == "Lena Dorn"
    assert q.cue is not None and "concluded" in q.cue


def test_cognition_cue(quotes_of) -> None:
    text = "Senator Ruth Calder believes that the tax will hurt small farms, and she warned against rushing the vote.\n"
    quotes = quotes_of(text)
    q = find(quotes, "the tax will hurt small farms")
    assert q.speaker == "Ruth Calder"
    assert q.kind == "indirect"


def test_scare_quotes_are_not_quotes(quotes_of) -> None:
    text = "The so-called \u201cgreen corridor\u201d opened to traffic on Monday after months of delay.\n"
    assert quotes_of(text) == []
