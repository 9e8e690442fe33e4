"""Speaker resolution: names, pronouns, role nouns, continuations and refusals."""

from __future__ import annotations

from tests.analyze.conftest import find

ROLES = (
    "Arden Trade Secretary Jonas Pike met Vellmark Prime Minister Sofia Lind in Kestrel on Monday.\n\n"
    "\u201cWe found common ground on tariffs and on shipping,\u201d the secretary said after the meeting.\n\n"
    "Lind's spokeswoman, Carla Mendes, said the talks had been \u201cfrank and useful.\u201d\n\n"
    "\u201cThere is more work ahead of us before any deal can be signed,\u201d the spokeswoman told reporters.\n\n"
    "Pike later said he hoped to return in the autumn.\n"
)


def test_role_noun_resolves_to_entity_with_that_title(quotes_of) -> None:
    q = find(quotes_of(ROLES), "common ground on tariffs")
    assert q.speaker == "Jonas Pike"
    assert q.speaker_mention == "the secretary"


def test_role_from_apposition(quotes_of) -> None:
    q = find(quotes_of(ROLES), "more work ahead of us")
    assert q.speaker == "Carla Mendes"


def test_surname_resolves_to_full_name(quotes_of) -> None:
    q = find(quotes_of(ROLES), "hoped to return")
    assert q.speaker == "Jonas Pike"


def test_pronoun_with_nobody_before_is_unresolved(quotes_of) -> None:
    text = "\u201cThe river is higher than it has been in forty years,\u201d he said on Monday.\n"
    q = find(quotes_of(text), "The river is higher")
    assert q.speaker is None
    assert q.speaker_reason


def test_unnamed_source_is_not_invented(quotes_of) -> None:
    text = "Officials said that the new terminal would open in March, several months late.\n"
    q = find(quotes_of(text), "the new terminal would open")
    assert q.speaker is None
    assert q.speaker_reason and "unnamed" in q.speaker_reason
    assert q.speaker_mention == "Officials"


def test_quote_without_any_speaker_is_kept_unresolved(quotes_of) -> None:
    text = "\u201cWe have never seen prices climb this fast in a single month, not once.\u201d\n"
    for q in quotes_of(text):
        assert q.speaker is None
        assert q.speaker_reason
