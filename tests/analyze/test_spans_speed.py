"""Span boundaries, new cue words, the sparse NER and the parallel analyser (invented text)."""

from __future__ import annotations

from newstrace.analyze import QuoteAnalyzer
from newstrace.analyze.nlp import load, parse
from tests.analyze.conftest import find


def _source(q) -> str:  # type: ignore[no-untyped-def]
    return q.speaker_mention or ""


def test_source_keeps_the_comma_closing_an_apposition(quotes_of) -> None:
    q = find(quotes_of("Jo Lind, the mayor of Eastvale, said on Monday that the bridge would reopen in May.\n"),
             "the bridge would reopen")
    assert _source(q) == "Jo Lind, the mayor of Eastvale,"


def test_plain_source_has_no_trailing_comma(quotes_of) -> None:
    q = find(quotes_of("The bridge will reopen in May, Jo Lind said, because the repairs went well.\n"),
             "The bridge will reopen")
    assert not _source(q).endswith(",")


def test_hyphenated_surname_is_one_source(quotes_of) -> None:
    q = find(quotes_of("Council member Ana Ruiz-Delgado said that the budget vote would be delayed.\n"),
             "the budget vote would be delayed")
    assert _source(q).endswith("Ana Ruiz-Delgado")
    assert q.speaker == "Ana Ruiz-Delgado"


def test_focus_adverb_is_not_part_of_the_source(quotes_of) -> None:
    q = find(quotes_of("Even the harbour master said that the storm had been unusually strong.\n"),
             "the storm had been unusually strong")
    assert _source(q) == "the harbour master"


def test_vote_for_and_back_are_cues(quotes_of) -> None:
    quotes = quotes_of("Senator Kaye Orr voted for the water bill. The dockworkers union backed the port plan.\n")
    voted = find(quotes, "the water bill")
    assert voted.cue == "voted for"
    assert voted.kind == "indirect"
    backed = find(quotes, "the port plan")
    assert backed.cue == "backed"


def test_pipeline_skips_unused_components_and_runs_sparse_ner() -> None:
    nlp = load()
    assert "attribute_ruler" not in nlp.pipe_names
    assert "newstrace_sparse_ner" in nlp.pipe_names
    doc = parse("On Monday, Mayor Edda Holm met officials of the Eastvale Port Authority in Norland.\n")
    labels = {ent.text: ent.label_ for ent in doc.ents}
    assert labels.get("Edda Holm") == "PERSON"
    assert all(tok.ent_iob_ in ("B", "I", "O") for tok in doc)


def test_parallel_analyser_matches_serial() -> None:
    texts = [
        (f"a{i}", f"\u201cThe harbour will stay open,\u201d Mayor Edda Holm said on day {i}.\n\n"
                  "She added that the ferries would run as usual.\n")
        for i in range(12)
    ]
    serial = QuoteAnalyzer(processes=1)(texts)
    parallel = QuoteAnalyzer(processes=2)(texts)
    assert [a for a, _ in parallel] == [a for a, _ in serial]
    assert [[q.to_dict() for q in qs] for _, qs in parallel] == [[q.to_dict() for q in qs] for _, qs in serial]
    assert serial[0][1][0].speaker == "Edda Holm"
