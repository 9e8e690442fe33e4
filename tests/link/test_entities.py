"""Entities across the corpus: spellings merged, different people kept apart, alias rules, incremental.

Every name here is fictional.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newstrace.errors import ErrorCode, InputError
from newstrace.link.aliases import AliasRules, parse_json, parse_text, read_aliases
from newstrace.link.entities import EntityResolver, guess_kind, mention_role, name_key, update_entities
from newstrace.store import Store
from tests.link.corpus import Said, article, store_articles, store_quotes


def test_name_key_folds_case_accents_articles_and_possessives() -> None:
    assert name_key("The Kremlin") == name_key("kremlin") == "kremlin"
    assert name_key("Zoë Várady's") == "zoe varady"
    assert name_key("U.S.") == "us"
    assert name_key("  ") == ""


@pytest.mark.parametrize(("name", "mention", "expected"), [
    ("Edda Holm", "Harbour Minister Edda Holm", ("Harbour Minister", None)),
    ("Edda Holm", "Holm", (None, "Holm")),
    ("Edda Holm", "Holm’s", (None, "Holm")),
    ("Edda Holm", "the port's top official", ("port's top official", None)),
    ("Edda Holm", "she", (None, None)),
    ("Edda Holm", "Edda Holm", (None, None)),
    ("Edda Holm", None, (None, None)),
])
def test_mention_role(name: str, mention: str | None, expected: tuple[str | None, str | None]) -> None:
    assert mention_role(name, mention) == expected


def test_guess_kind() -> None:
    assert guess_kind("Edda Holm", "she") == "person"
    assert guess_kind("Edda Holm", None) == "person"
    assert guess_kind("the Harbour Authority", None) == "org"
    assert guess_kind("Valdoria", "Valdoria") == "org"
    assert guess_kind("Holm", "the minister") == "person"


def test_spelling_variants_merge_and_roles_gather() -> None:
    resolver = EntityResolver()
    first = resolver.resolve("Andrei Volkan", "Harbour Minister Andrei Volkan")
    assert resolver.resolve("Andrey Volkan", "he") == first
    assert resolver.resolve("Volkan", "Volkan") == first
    assert resolver.resolve("A. Volkan", "the minister") == first
    rows, names, merged = resolver.take_changes()
    assert [(r[1], r[2]) for r in rows] == [("Andrei Volkan", "person")]
    assert {(n[1], n[3]) for n in names} >= {("Andrey Volkan", "name"), ("Harbour Minister", "role"),
                                            ("minister", "role")}
    assert merged == []


def test_different_people_sharing_a_surname_stay_apart() -> None:
    resolver = EntityResolver()
    father = resolver.resolve("Tomas Verlind", "President Tomas Verlind")
    son = resolver.resolve("Jakob Verlind", "his son Jakob Verlind")
    assert father != son
    assert resolver.resolve("Thomas Verlind", "he") == father
    assert resolver.resolve("Verlind", "Verlind") not in (None,)


def test_a_surname_alone_joins_the_only_person_of_that_name() -> None:
    resolver = EntityResolver()
    alone = resolver.resolve("Ostrava", "Ostrava")
    person = resolver.resolve("Lena Ostrava", "she")
    assert resolver.current(alone) == person
    _, _, merged = resolver.take_changes()
    assert merged == [(alone, person)]


def test_organisations_by_key_and_near_identical_spelling() -> None:
    resolver = EntityResolver()
    union = resolver.resolve("The United Dockers Federation", "the union")
    assert resolver.resolve("United Dockers' Federation", None) == union
    assert resolver.resolve("United DockersFederation", None) == union
    assert resolver.resolve("the Harbour Authority", None) != union


def test_alias_rules_force_and_forbid() -> None:
    rules = AliasRules(merge=(("Edda Holm", "Eddie Holm", "the Iron Lady of the Harbour"),),
                       forbid=(("Karin Lund", "Karina Lund"),), kinds=(("Edda Holm", "person"),))
    resolver = EntityResolver(rules)
    edda = resolver.resolve("Eddie Holm", None)
    assert resolver.resolve("the Iron Lady of the Harbour", None) == edda
    assert resolver.resolve("Edda Holm", None) == edda
    karin = resolver.resolve("Karin Lund", None)
    assert resolver.resolve("Karina Lund", None) != karin
    rows, _, _ = resolver.take_changes()
    assert ("Edda Holm", "person") in [(r[1], r[2]) for r in rows]


def test_alias_files_in_both_formats(tmp_path: Path) -> None:
    text = "# people\nEdda Holm = Eddie Holm = Holm\norg: Harbour Authority = the Port Authority\nA B != A C != A D\n"
    parsed = parse_text(text)
    assert parsed.merge == (("Edda Holm", "Eddie Holm", "Holm"), ("Harbour Authority", "the Port Authority"))
    assert parsed.kinds == (("Harbour Authority", "org"),)
    assert len(parsed.forbid) == 3
    data = {"merge": [["Edda Holm", "Eddie Holm", "Holm"],
                      {"name": "Harbour Authority", "aliases": ["the Port Authority"], "kind": "org"}],
            "forbid": [["A B", "A C", "A D"]]}
    (tmp_path / "aliases.json").write_text(json.dumps(data))
    assert read_aliases(tmp_path / "aliases.json") == parsed
    assert AliasRules.from_dict(parsed.to_dict()) == parsed


@pytest.mark.parametrize("bad", ["Edda Holm", "= Holm", "Holm != ", "person: Edda Holm"])
def test_bad_text_alias_rules(bad: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_text(bad)
    assert caught.value.code is ErrorCode.BAD_ALIASES


@pytest.mark.parametrize("bad", ["{", "[]", '{"merge": "x"}', '{"merge": [["one"]]}', '{"other": []}',
                                 '{"merge": [{"name": "A", "aliases": ["B"], "kind": "robot"}]}'])
def test_bad_json_alias_rules(bad: str) -> None:
    with pytest.raises(InputError):
        parse_json(bad)


def test_unreadable_alias_file(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_aliases(tmp_path / "missing.txt")


# --------------------------------------------------------------------------- over the store

HOLM_1 = "The harbour will reopen on Monday, Harbour Minister Edda Holm said. \"We are ready,\" she added."
HOLM_2 = "\"The cranes are safe again,\" Minister Eda Holm told reporters on the quay."
HOLM_3 = "Holm said the inspectors had finished their work on the last crane."


def _corpus(store: Store) -> None:
    arts = [article("a1", HOLM_1, outlet="Wire"), article("a2", HOLM_2, outlet="Gazette"),
            article("a3", HOLM_3, outlet="Daily")]
    store_articles(store, arts)
    store_quotes(store, arts[0], [Said(["The harbour will reopen on Monday"], "Edda Holm", "indirect",
                                       "Harbour Minister Edda Holm"),
                                  Said(['"We are ready,"'], "Edda Holm", mention="she")])
    store_quotes(store, arts[1], [Said(['"The cranes are safe again,"'], "Eda Holm", mention="Minister Eda Holm")])
    store_quotes(store, arts[2], [Said(["the inspectors had finished"], "Holm", "indirect", "Holm")])


def test_update_entities_is_incremental(store: Store) -> None:
    _corpus(store)
    assert update_entities(store) == 4
    assert update_entities(store) == 0
    [holm] = store.entities(kind="person")
    assert holm.name == "Edda Holm" and holm.quotes == 4
    assert set(holm.aliases) == {"Eda Holm", "Holm"} and "Harbour Minister" in holm.roles
    later = article("a4", "\"Next week,\" Edda Holm said.", outlet="Wire")
    store_articles(store, [later])
    store_quotes(store, later, [Said(['"Next week,"'], "Edda Holm")])
    assert update_entities(store) == 1
    assert [e.quotes for e in store.entities()] == [5]
    assert set(store.quote_speakers().values()) == {(holm.id, "Edda Holm")}


def test_new_alias_rules_resolve_everything_again(store: Store) -> None:
    _corpus(store)
    update_entities(store)
    rules = AliasRules(forbid=(("Edda Holm", "Eda Holm"),))
    assert update_entities(store, rules) == 4
    assert len(store.entities(kind="person")) == 2
    assert store.entity_rules() == rules.to_dict()
    assert update_entities(store) == 0
    assert update_entities(store, rules) == 0
