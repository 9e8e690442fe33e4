"""Speaker resolution: names, pronouns, role nouns, continuations and refusals."""

from __future__ import annotations

import pytest

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


def test_a_name_in_apposition_to_the_mention_speaks(quotes_of) -> None:
    text = ("Arden Trade Secretary Jonas Pike arrived first and did not speak to reporters. Her Vellmark counterpart, "
            "Sofia Lind, stopped briefly to say she had come \u201cwith an open notebook.\u201d\n")
    assert find(quotes_of(text), "open notebook").speaker == "Sofia Lind"


def test_a_name_set_off_at_the_end_of_a_long_mention_speaks(quotes_of) -> None:
    text = ("The mayor of the coastal town of Essvik, Petra Lund, has accused the government of failing to rebuild "
            "the harbour wall.\n")
    assert find(quotes_of(text), "failing to rebuild").speaker == "Petra Lund"


def test_a_nationality_describing_the_source_is_not_the_speaker(quotes_of) -> None:
    q = find(quotes_of("The French presidency said the call lasted about forty minutes.\n"), "forty minutes")
    assert q.speaker is None
    assert q.speaker_reason and "unnamed" in q.speaker_reason


def test_an_organisation_keeps_an_inner_apostrophe() -> None:
    from newstrace.analyze.entities import EntityIndex

    doc = _doc(["The", "United", "Dockers", "'", "Federation", "called", "a", "strike", "."],
               ["DT", "NNP", "NNP", "POS", "NNP", "VBD", "DT", "NN", "."],
               [4, 4, 4, 2, 5, 5, 7, 5, 5], ["det", "compound", "poss", "case", "nsubj", "ROOT", "det", "dobj",
                                             "punct"],
               ["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O", "O", "O"])
    assert [e.name for e in EntityIndex(doc).entities.values()] == ["United Dockers' Federation"]


def test_a_proper_name_given_a_person_s_role_is_a_person_even_when_ner_says_organisation() -> None:
    from newstrace.analyze.entities import EntityIndex

    words = ["Ilse", "Marrow", ",", "the", "special", "envoy", ",", "arrived", "."]
    doc = _doc(words, ["NNP", "NNP", ",", "DT", "JJ", "NN", ",", "VBD", "."],
               [1, 7, 1, 5, 5, 1, 1, 7, 7], ["compound", "nsubj", "punct", "det", "amod", "appos", "punct", "ROOT",
                                             "punct"],
               ["B-ORG", "I-ORG", "O", "O", "O", "O", "O", "O", "O"])
    (plain,) = EntityIndex(doc).entities.values()
    (known,) = EntityIndex(doc, roles=frozenset({"envoy"})).entities.values()
    assert plain.label == "ORG"
    assert (known.label, known.name, known.key) == ("PERSON", "Ilse Marrow", "marrow")


def _doc(words: list[str], tags: list[str], heads: list[int], deps: list[str], ents: list[str]):
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    spaces = [i + 1 < len(words) and words[i + 1] not in (",", ".", "'") for i in range(len(words))]
    return Doc(Vocab(), words=words, spaces=spaces, tags=tags, heads=heads, deps=deps, ents=ents)


@pytest.mark.parametrize(("known", "name", "other"), [
    ("Marta Lind", "Jon Lind", True),  # same family name, another person
    ("Ildefonso Guajardo Villarreal", "Guajardo Villarreal", False),  # the name without the given name
    ("J. Lind", "Jon Lind", False),  # an initial
    ("Lind", "Jon Lind", False),  # the surname alone
])
def test_full_names_with_one_last_word_are_one_person_unless_the_given_names_differ(known: str, name: str,
                                                                                     other: bool) -> None:
    from newstrace.analyze.entities import _other_given_name

    assert _other_given_name(known, name) is other
