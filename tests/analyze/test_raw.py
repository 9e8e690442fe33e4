"""Raw-text mode and the batch analyser."""

from __future__ import annotations

from newstrace.analyze import QuoteAnalyzer, quotes_for_text

TEXT = "  Header line without stop\n\n\u201cThe river is rising fast,\u201d Mayor Edda Holm said on Monday.\n"


def test_offsets_into_text_as_given() -> None:
    found = quotes_for_text(TEXT)
    assert found
    first = found[0]
    assert set(first) >= {"kind", "content", "cue", "source", "speaker"}
    (s, e), = first["content"]
    assert TEXT[s:e] == "\u201cThe river is rising fast,\u201d"
    (cs, ce), = first["cue"]
    assert TEXT[cs:ce] == "said"
    (ss, se), = first["source"]
    assert TEXT[ss:se] == "Mayor Edda Holm"
    assert first["speaker"] == "Edda Holm"


def test_analyzer_batches() -> None:
    analyzer = QuoteAnalyzer()
    assert analyzer.name
    results = analyzer([("a1", TEXT), ("a2", ""), ("a3", "No quotes here at all.")])
    assert [r[0] for r in results] == ["a1", "a2", "a3"]
    assert results[0][1] and results[0][1][0].article_id == "a1"
    assert results[1][1] == []
