"""The linking stages over a store: statements with carriers and diffs, missing years, exports and commands.

Every text here is fictional and written for these tests.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newstrace.cli import main
from newstrace.export import export
from newstrace.link.statements import statements
from newstrace.link.years import infer_year
from newstrace.linking import link_store
from newstrace.records import Article
from newstrace.store import Store, open_store
from newstrace.store.statements import StatementFilter
from tests.link.corpus import Said, article, store_articles, store_quotes

WIRE = ("PORTVILLE. The harbour stays shut, Harbour Minister Edda Holm said on Monday. \"We will not reopen the "
        "harbour until the inspectors have signed off every crane, and if the operators keep cutting corners, they "
        "can be sure that we will close it again,\" she said. \"The fishing quay comes first,\" she added. "
        "Union leader Pavel Dunn said the closure was \"long overdue and still not enough for the crews\".")
GAZETTE = ("Holm warned operators. \"If the operators continue cutting corners, they can be sure we will close it "
           "again,\" Minister Eda Holm told the Gazette. Dunn said the closure was long overdue.")
DAILY = ("The minister had a message for the operators: \"if the operators keep cutting corners, they can be sure "
         "that we will close it again\", the union leader Pavel Dunn said, repeating her words.")
LATE = "\"The fishing quay comes first,\" Edda Holm said again, a week after the closure."


@pytest.fixture
def linked(store: Store) -> dict[str, Article]:
    arts = {
        "wire": article("wire", WIRE, outlet="Wire", partial="--05-03"),
        "gazette": article("gazette", GAZETTE, outlet="Gazette", published="2021-05-04"),
        "daily": article("daily", DAILY, outlet="Daily", published="2021-05-05"),
        "late": article("late", LATE, outlet="Late", partial="--05-10"),
        "alone": article("alone", "Nothing links this story about an orchard.", outlet="Late", partial="--09-20"),
    }
    store_articles(store, list(arts.values()))
    closing = ("We will not reopen the harbour until the inspectors have signed off every crane, and if the "
               "operators keep cutting corners, they can be sure that we will close it again")
    store_quotes(store, arts["wire"], [
        Said(["The harbour stays shut"], "Edda Holm", "indirect", "Harbour Minister Edda Holm"),
        Said([closing], "Edda Holm", mention="she"),
        Said(["The fishing quay comes first"], "Edda Holm", mention="she"),
        Said(['the closure was "long overdue and still not enough for the crews"'], "Pavel Dunn", "mixed",
             "Union leader Pavel Dunn"),
    ])
    store_quotes(store, arts["gazette"], [
        Said(["If the operators continue cutting corners, they can be sure we will close it again"], "Eda Holm",
             mention="Minister Eda Holm"),
        Said(["the closure was long overdue"], "Pavel Dunn", "indirect", "Dunn"),
    ])
    store_quotes(store, arts["daily"], [
        Said(["if the operators keep cutting corners, they can be sure that we will close it again"], "Pavel Dunn",
             mention="the union leader Pavel Dunn"),
    ])
    store_quotes(store, arts["late"], [Said(["The fishing quay comes first"], "Edda Holm")])
    link_store(store)
    return arts


def _statement(store: Store, article_id: str, fragment: str) -> str:
    for statement in statements(store, StatementFilter(article_id=article_id, limit=None)):
        if any(fragment in c.text and c.article_id == article_id for c in statement.carriers):
            return statement.id
    raise AssertionError(f"no statement with {fragment!r} in {article_id}")


def test_statement_with_carriers_first_seen_diffs_and_conflict(store: Store, linked: dict[str, Article]) -> None:
    [statement] = statements(store, StatementFilter(min_outlets=3))
    assert statement.canonical_text.startswith("We will not reopen the harbour")
    assert statement.speaker == "Edda Holm"
    assert [c.outlet for c in statement.carriers] == ["Wire", "Gazette", "Daily"]
    assert (statement.first_outlet, statement.first_published) == ("Wire", "2021-05-03")
    gazette = statement.carriers[1]
    assert gazette.speaker == "Edda Holm" and gazette.speaker_entity_id == statement.speaker_entity_id
    assert {(e.op, e.canonical, e.variant) for e in gazette.diff} >= {("replace", "keep", "continue"),
                                                                      ("delete", "that", "")}
    assert statement.speaker_conflict and statement.carriers[2].speaker == "Pavel Dunn"
    assert len(statement.quote_ids) == 3 and statement.outlets == ("Wire", "Gazette", "Daily")


def test_distinct_statements_stay_apart(store: Store, linked: dict[str, Article]) -> None:
    wire = linked["wire"].id
    ids = {_statement(store, wire, f) for f in ("We will not reopen", "fishing quay", "long overdue")}
    assert len(ids) == 3
    assert _statement(store, linked["late"].id, "fishing quay") == _statement(store, wire, "fishing quay")


def test_filters(store: Store, linked: dict[str, Article]) -> None:
    assert {s.speaker for s in statements(store, StatementFilter(speaker="Eda Holm"))} == {"Edda Holm"}
    assert statements(store, StatementFilter(speaker="Harbour Minister"))
    assert statements(store, StatementFilter(min_outlets=4)) == []
    [one] = statements(store, StatementFilter(min_outlets=3))
    assert statements(store, StatementFilter(statement_id=one.id[:8]))[0].id == one.id
    every = statements(store, StatementFilter(limit=None))
    some = tuple(s.id for s in every[:2])
    assert [s.id for s in statements(store, StatementFilter(statement_ids=some, limit=None))] == list(some)
    assert statements(store, StatementFilter(statement_ids=())) == []


def test_missing_years_inferred_from_linked_coverage(store: Store, linked: dict[str, Article]) -> None:
    wire = store.article(linked["wire"].id)
    assert wire is not None
    date = wire.published
    assert (date.value, date.partial, date.basis) == ("2021-05-03", "--05-03", "inferred")
    assert "year-inferred" in date.flags and "year-unknown" not in date.flags
    assert linked["gazette"].id in (date.evidence or "") and "statement" in (date.evidence or "")
    late = store.article(linked["late"].id)
    assert late is not None and late.published.value == "2021-05-10"
    alone = store.article(linked["alone"].id)
    assert alone is not None and alone.published.value is None and "year-unknown" in alone.published.flags
    assert store.articles(since="2021-05-03", until="2021-05-03").__next__().id == wire.id


def test_infer_year_rules() -> None:
    assert infer_year("--05-23", [("statement", "s", "b", "2021-05-08", None)]).year == 2021  # type: ignore[union-attr]
    assert infer_year("--01-02", [("entity", "e", "b", "2021-12-30", None)]).year == 2022  # type: ignore[union-attr]
    assert infer_year("--12-30", [("entity", "e", "b", "2022-01-02", None)]).year == 2021  # type: ignore[union-attr]
    votes = [("duplicate", "g", "b", "2022-05-20", None), ("entity", "e", "c", "2021-05-20", None),
             ("entity", "e", "d", "2021-05-21", None)]
    choice = infer_year("--05-23", votes)
    assert choice is not None and choice.year == 2022 and 0.5 < choice.share < 1
    halved = [("statement", "s", "b", "2022-05-20", "inferred"), ("statement", "s", "c", "2021-05-20", None)]
    assert infer_year("--05-23", halved).year == 2021  # type: ignore[union-attr]
    assert infer_year("--05-23", []) is None
    assert infer_year("garbage", [("entity", "e", "b", "2021-05-08", None)]) is None
    assert infer_year("--02-30", [("entity", "e", "b", "2021-03-01", None)]) is None
    assert infer_year("--05-23", [("entity", "e", "b", "not a date", None)]) is None


def test_re_analysis_drops_stale_passages(store: Store, linked: dict[str, Article]) -> None:
    store.write_quotes([(linked["daily"].id, [])], "test")
    link_store(store)
    [statement] = statements(store, StatementFilter(min_outlets=2, speaker="Holm", limit=1))
    assert "Daily" not in statement.outlets and not statement.speaker_conflict


def test_exports_carry_clusters_entities_and_canonical_speakers(store: Store, linked: dict[str, Article]) -> None:
    out = io.StringIO()
    export(store, "json", out)
    data = json.loads(out.getvalue())
    [cluster] = [c for c in data["quote_clusters"] if len(c["outlets"]) == 3]
    for key in ("id", "quote_ids", "canonical_text", "speaker", "first_article_id", "carriers", "speaker_conflict"):
        assert key in cluster
    assert cluster["first_article_id"] == linked["wire"].id
    holm = [e for e in data["entities"] if e["name"] == "Edda Holm"]
    assert holm and holm[0]["kind"] == "person" and "Eda Holm" in holm[0]["aliases"]
    gazette = [q for q in data["quotes"] if q["speaker_in_article"] == "Eda Holm"]
    assert gazette and all(q["speaker"] == "Edda Holm" for q in gazette)
    wire = [a for a in data["articles"] if a["id"] == linked["wire"].id][0]
    assert (wire["published"], wire["published_basis"]) == ("2021-05-03", "inferred")


@pytest.mark.parametrize("table", ["quote_clusters", "entities", "quotes"])
def test_tables_in_every_format(store: Store, linked: dict[str, Article], table: str, tmp_path: Path) -> None:
    out = io.StringIO()
    count = export(store, "jsonl", out, table)
    assert count == len(out.getvalue().splitlines()) > 0
    out = io.StringIO()
    assert export(store, "csv", out, table) == count
    assert out.getvalue().startswith("id,")
    out = io.StringIO()
    assert len(json.loads((export(store, "json", out, table), out.getvalue())[1])[table]) == count
    with open(tmp_path / "t.parquet", "wb") as fh:
        assert export(store, "parquet", fh, table) == count
    assert pq.read_table(tmp_path / "t.parquet").num_rows == count


def test_unknown_table(store: Store) -> None:
    with pytest.raises(ValueError):
        export(store, "jsonl", io.StringIO(), "nope")


def test_commands(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    with open_store(db) as store:
        arts = [article("x", WIRE, outlet="Wire", published="2021-05-03"),
                article("y", GAZETTE, outlet="Gazette", published="2021-05-04")]
        store_articles(store, arts)
        store_quotes(store, arts[0], [Said(["The fishing quay comes first"], "Edda Holm"),
                                      Said(["We will not reopen the harbour until the inspectors have signed off "
                                            "every crane"], "Edda Holm")])
        store_quotes(store, arts[1], [Said(["If the operators continue cutting corners, they can be sure we will "
                                            "close it again"], "Eda Holm")])
    aliases = tmp_path / "aliases.txt"
    aliases.write_text("Edda Holm != Eda Holm\n")
    runner = CliRunner()
    linked = json.loads(runner.invoke(main, ["link", "--db", db, "--aliases", str(aliases), "--json"]).stdout)
    assert linked["speakers"] == 3 and linked["quotes"] == 3
    people = json.loads(runner.invoke(main, ["entities", "--db", db, "--json"]).stdout)["rows"]
    assert sorted(p["name"] for p in people) == ["Eda Holm", "Edda Holm"]
    text = runner.invoke(main, ["statements", "--db", db]).stdout
    assert "fishing quay" in text and "(canonical)" in text
    rows = json.loads(runner.invoke(main, ["statements", "--db", db, "--speaker", "Eda", "--json"]).stdout)["rows"]
    assert [r["speaker"] for r in rows] == ["Eda Holm"]
    assert "Edda Holm" in runner.invoke(main, ["entities", "--db", db, "--kind", "person"]).stdout
    bad = tmp_path / "bad.txt"
    bad.write_text("no rule here\n")
    result = runner.invoke(main, ["link", "--db", db, "--aliases", str(bad)])
    assert result.exit_code == 1 and "expected" in result.output
    exported = runner.invoke(main, ["export", "--db", db, "--table", "entities", "--format", "jsonl"])
    assert exported.exit_code == 0 and len(exported.stdout.splitlines()) == 2


def test_years_found_later_when_linked_coverage_arrives(store: Store) -> None:
    orchard = "\"The orchard harvest will be the best in ten years,\" grower Ola Berg said at the market."
    undated = article("undated", orchard, outlet="Valley Post", partial="--09-21")
    store_articles(store, [undated])
    store_quotes(store, undated, [Said(["The orchard harvest will be the best in ten years"], "Ola Berg")])
    assert link_store(store).years == 0
    later = article("later", "Ola Berg said: \"The orchard harvest will be the best in ten years.\"",
                    outlet="Farm News", published="2022-09-20")
    store_articles(store, [later])
    store_quotes(store, later, [Said(["The orchard harvest will be the best in ten years"], "Ola Berg")])
    assert link_store(store).years == 1
    found = store.article(undated.id)
    assert found is not None and found.published.value == "2022-09-21"
    assert link_store(store).years == 0
