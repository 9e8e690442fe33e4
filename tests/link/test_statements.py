"""Statements: one statement in many wordings is linked, distinct statements stay apart, incrementally.

Every text here is fictional and written for these tests.
"""

from __future__ import annotations

import itertools
import random

import pytest

from newstrace.link.quotetext import (
    Similarity,
    compare,
    diff_text,
    passages,
    tokens,
    verdict,
    word_diff,
)
from newstrace.link.statements import StatementIndex
from newstrace.records import Quote

FULL = ("We will not reopen the harbour until the inspectors have signed off every crane, "
        "and if the operators keep cutting corners, they can be sure that we will close it again")
TRIMMED = "And if the operators keep cutting corners, they can be sure we will close it again"
SMALL_CHANGE = ("We won't reopen the harbour until the inspectors have signed off every single crane, and if "
                "the operators continue cutting corners, they can be sure that we will close it again")
REORDERED = ("If the operators keep cutting corners, they can be sure that we will close it again, and we will "
             "not reopen the harbour until the inspectors have signed off every crane")
CURLY = ("“We will not reopen the harbour until the inspectors have signed off every crane, and if the operators "
         "keep cutting corners, they can be sure that we will close it again,”")
# Same speaker, same topic (the harbour), different statements.
OTHER_1 = "The harbour will reopen in stages, starting with the fishing quay, once the cranes are inspected"
OTHER_2 = "Nobody should expect the container terminal to be back at full strength before the autumn"
OTHER_3 = "We are not closing the harbour to punish anyone, we are closing it because a crane fell"


def words(text: str) -> tuple[str, ...]:
    return tokens(text)


def test_tokens_fold_marks_case_and_contractions() -> None:
    assert words("“We haven’t closed it,” she said; it’s the mayor’s call.") == (
        "we", "have", "not", "closed", "it", "she", "said", "it", "is", "the", "mayor", "call")
    assert words("We won't, can't") == ("we", "will", "not", "cannot")
    assert words('"quoted"') == words("“quoted”") == words("«quoted»")


@pytest.mark.parametrize("variant", [TRIMMED, SMALL_CHANGE, REORDERED, CURLY])
def test_variants_are_the_same_statement(variant: str) -> None:
    assert verdict(compare(words(FULL), words(variant)), True, True) == "strong"


@pytest.mark.parametrize("other", [OTHER_1, OTHER_2, OTHER_3])
def test_distinct_statements_on_the_same_topic_stay_apart(other: str) -> None:
    for variant in (FULL, TRIMMED, SMALL_CHANGE, REORDERED):
        assert verdict(compare(words(variant), words(other)), True, True) == "none"


def test_short_fragment_needs_verbatim_words_and_the_same_known_speaker() -> None:
    fragment = words("keep cutting corners, they can")
    sim = compare(fragment, words(FULL))
    assert verdict(sim, True, True) == "weak"
    assert verdict(sim, False, True) == "none"
    assert verdict(compare(words("keep cutting every corner they can"), words(FULL)), True, True) == "none"
    assert verdict(compare(words("close it again"), words(FULL)), True, True) == "none"


def test_different_speakers_only_when_near_identical() -> None:
    assert verdict(compare(words(FULL), words(TRIMMED)), False, False) == "none"
    assert verdict(compare(words(FULL), words(CURLY)), False, False) == "strong"


def test_similarity_is_symmetric() -> None:
    assert compare(words(FULL), words(TRIMMED)) == compare(words(TRIMMED), words(FULL))
    assert isinstance(compare((), ()), Similarity)


def test_passages_split_spans_and_use_a_mixed_quote_fragment() -> None:
    text = 'She said the port was "a place that feeds half the town and must not be sold," and left. "Never."'
    start = text.index('the port')
    mixed = Quote("q1", "a1", "mixed", "", ((start, text.index(" and left")),))
    [passage] = passages(mixed, text)
    assert passage.text == "a place that feeds half the town and must not be sold"
    direct = Quote("q2", "a1", "direct", "", ((text.index('"a place'), text.index(" and left")),
                                              (text.index('"Never'), len(text))))
    assert [p.text for p in passages(direct, text)] == [
        "a place that feeds half the town and must not be sold", "Never."]
    indirect = Quote("q3", "a1", "indirect", "", ((0, 0),))
    assert passages(indirect, text)[0].tokens == ()
    assert passages(Quote("q4", "a1", "indirect", "", ((5, 900),)), "short")[0].text == ""


def test_word_diff_marks_changes_and_omitted_parts() -> None:
    edits = word_diff(FULL, TRIMMED)
    assert [e.op for e in edits] == ["omitted", "delete"]
    assert edits[0].canonical.startswith("We will not reopen") and edits[0].canonical.endswith("crane,")
    assert edits[1].canonical == "that"
    assert diff_text(word_diff("keep the harbour open", "keep the port open")) == "[-harbour-]{+port+}"
    assert diff_text(()) == "(same words)"
    assert word_diff("", "") == ()


# --------------------------------------------------------------------------- the index


def test_index_links_variants_and_keeps_others_apart() -> None:
    index = StatementIndex()
    placed = {key: index.add(key, words(text), "mira").statement_id
              for key, text in [("full", FULL), ("o1", OTHER_1), ("trim", TRIMMED), ("o2", OTHER_2),
                                ("small", SMALL_CHANGE), ("reorder", REORDERED), ("o3", OTHER_3)]}
    assert placed["full"] == placed["trim"] == placed["small"] == placed["reorder"]
    assert len({placed["full"], placed["o1"], placed["o2"], placed["o3"]}) == 4
    assert sorted(index.members(placed["full"])) == ["full", "reorder", "small", "trim"]


def test_too_short_passages_are_not_statements() -> None:
    index = StatementIndex()
    assert index.add("a", words("the allegations"), "mira").statement_id is None
    assert len(index) == 0


def test_incremental_merge_when_a_passage_links_two_statements() -> None:
    first = "the inspectors have signed off every crane on the north quay before dawn"
    second = "and the operators agreed to pay for a second round of inspections next spring"
    both = first + ", " + second
    index = StatementIndex()
    a = index.add("a", words(first), "mira").statement_id
    b = index.add("b", words(second), "mira").statement_id
    assert a != b
    placement = index.add("c", words(both), "mira")
    assert placement.statement_id in (a, b) and set(placement.merged) == {a, b} - {placement.statement_id}
    assert sorted(index.members(placement.statement_id or "")) == ["a", "b", "c"]


def test_a_fragment_never_bridges_two_statements() -> None:
    index = StatementIndex()
    one = index.add("one", words("we will close the harbour again if the cranes are not fixed"), "mira")
    two = index.add("two", words("the cranes are not fixed and the port board knows it well"), "mira")
    assert one.statement_id != two.statement_id
    fragment = index.add("frag", words("the cranes are not fixed"), "mira")
    assert fragment.statement_id in (one.statement_id, two.statement_id) and fragment.merged == ()
    assert index.statement_of("one") != index.statement_of("two")


def test_speakers_must_be_compatible() -> None:
    index = StatementIndex()
    a = index.add("a", words(FULL), "mira").statement_id
    b = index.add("b", words(TRIMMED), "pavel").statement_id
    assert b != a
    unknown = index.add("c", words(TRIMMED), None)
    assert unknown.statement_id in (a, b) and unknown.merged == ()
    assert index.statement_of("a") != index.statement_of("b")
    assert index.add("d", words(SMALL_CHANGE), None).statement_id == a
    near_identical = index.add("e", words(CURLY), "pavel")
    assert set(near_identical.merged) | {near_identical.statement_id} == {a, b}


def test_grouping_does_not_depend_on_order() -> None:
    texts = {"full": FULL, "trim": TRIMMED, "small": SMALL_CHANGE, "reorder": REORDERED, "o1": OTHER_1,
             "o2": OTHER_2, "o3": OTHER_3}

    def groups(order: list[str]) -> set[frozenset[str]]:
        index = StatementIndex()
        for key in order:
            index.add(key, words(texts[key]), "mira")
        return {frozenset(members) for _, members in index.statements()}

    reference = groups(list(texts))
    rng = random.Random(7)
    for _ in range(10):
        order = list(texts)
        rng.shuffle(order)
        assert groups(order) == reference


def test_restored_index_places_new_passages_like_a_fresh_one() -> None:
    fresh = StatementIndex()
    rows = []
    for key, text in (("full", FULL), ("o1", OTHER_1)):
        placed = fresh.add(key, words(text), "mira")
        rows.append((key, words(text), "mira", placed.statement_id or ""))
    restored = StatementIndex.from_rows(rows)
    assert restored.add("trim", words(TRIMMED), "mira").statement_id == fresh.statement_of("full")
    assert "full" in restored and len(restored) == 3
    assert restored.nbytes() > 0


def test_many_passages_still_find_their_statement() -> None:
    rng = random.Random(3)
    vocabulary = [f"w{i}" for i in range(3000)]
    index = StatementIndex()
    with index.insertion_session():
        for n in range(3000):
            index.add(f"s{n}", tuple(rng.choices(vocabulary, k=20)), None)
    base = tuple(rng.choices(vocabulary, k=20))
    first = index.add("base", base, "mira").statement_id
    assert index.add("copy", base[3:17], "mira").statement_id == first


@pytest.mark.parametrize("bad", [0, -1, True, 1.5])
def test_constructor_checks_its_arguments(bad: object) -> None:
    with pytest.raises(ValueError):
        StatementIndex(max_candidates=bad)  # type: ignore[arg-type]


def test_pairs_of_stop_words_are_not_keys() -> None:
    from newstrace.link.statements import pair_keys

    assert pair_keys(words("of the")).size == 1
    assert pair_keys(words("of the harbour")).size == 1
    assert len(list(itertools.islice(pair_keys(words(FULL)), 100))) > 10
