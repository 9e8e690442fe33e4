"""The five real seed reports (``../shared/seeds``): what the linking issue must show.

Skipped when the reference data is absent.  No seed text is stored here: the checks name short phrases only.
"""

from __future__ import annotations

import io
import json

import pytest

from newstrace.export import export
from newstrace.link.statements import statements
from newstrace.records import Statement
from newstrace.store import Store
from newstrace.store.statements import StatementFilter
from tests.conftest import seed_ids, seeds_store

pytestmark = pytest.mark.shared

# One short phrase of each statement both the TASS and the Sputnik report carry.
SHARED = ["beneficial also", "already seen one of them", "so-called strategic stability realm",
          "it can be sure", "believes very strongly"]


@pytest.fixture(scope="module")
def seeds() -> tuple[Store, dict[str, str], list[Statement]]:
    store = seeds_store(analyze=True, link=True)
    return store, seed_ids(store), statements(store, StatementFilter(limit=None))


def _carrying(found: list[Statement], article_id: str, phrase: str) -> str:
    hits = {s.id for s in found for c in s.carriers if c.article_id == article_id and phrase in c.text}
    assert len(hits) == 1, (phrase, hits)
    return hits.pop()


@pytest.mark.parametrize("phrase", SHARED)
def test_five_blinken_statements_linked_pairwise(seeds: tuple[Store, dict[str, str], list[Statement]],
                                                 phrase: str) -> None:
    _, ids, found = seeds
    tass, sputnik = _carrying(found, ids["000"], phrase), _carrying(found, ids["001"], phrase)
    assert tass == sputnik
    [statement] = [s for s in found if s.id == tass]
    assert statement.speaker == "Antony Blinken" and not statement.speaker_conflict
    assert (statement.first_outlet, statement.first_published) == ("TASS", "2021-05-05")


def test_the_five_statements_are_five(seeds: tuple[Store, dict[str, str], list[Statement]]) -> None:
    _, ids, found = seeds
    assert len({_carrying(found, ids["000"], phrase) for phrase in SHARED}) == 5


def test_distinct_statements_not_linked(seeds: tuple[Store, dict[str, str], list[Statement]]) -> None:
    _, ids, found = seeds
    realm = _carrying(found, ids["000"], "so-called strategic stability realm")
    assert realm != _carrying(found, ids["003"], "inalienable part")
    shared_by_outlets = [s for s in found if len(s.outlets) > 1]
    assert all(s.speaker == "Antony Blinken" for s in shared_by_outlets)


def test_blinken_under_one_name(seeds: tuple[Store, dict[str, str], list[Statement]]) -> None:
    store, ids, _ = seeds
    [blinken] = store.entities(name="Blinken")
    assert blinken.name == "Antony Blinken" and blinken.kind == "person"
    assert "Anthony Blinken" in blinken.aliases and any("Secretary of State" in r for r in blinken.roles)
    out = io.StringIO()
    export(store, "json", out)
    sputnik = [q for q in json.loads(out.getvalue())["quotes"] if q["article_id"] == ids["001"]]
    assert {q["speaker"] for q in sputnik if "Blinken" in (q["speaker_in_article"] or "")} == {"Antony Blinken"}


def test_tass_years_inferred(seeds: tuple[Store, dict[str, str], list[Statement]]) -> None:
    store, ids, _ = seeds
    for key, day in (("000", "2021-05-05"), ("003", "2021-05-23")):
        article = store.article(ids[key])
        assert article is not None
        assert (article.published.value, article.published.basis) == (day, "inferred")
        assert "year-inferred" in article.published.flags and article.published.evidence
