"""Inputs that must never raise: empty, odd marks, very long paragraphs, other languages."""

from __future__ import annotations

import time

from newstrace.analyze.marks import find_quotes, quote_kind, quoted_mask
from newstrace.analyze.nlp import chunk_text, parse
from newstrace.analyze.quotes import extract_quotes


def test_empty_and_blank_text() -> None:
    assert extract_quotes("") == []
    assert extract_quotes("   \n\n  ") == []


def test_unbalanced_marks(quotes_of) -> None:
    texts = [
        '"Open but never closed, said nobody.',
        'He said "one" and "two and then " stopped".',
        "\u201c\u201c\u201d\u201d \u201d \u201c",
        'A height of 6\'2" and a "quote," she said.',
        "``Typewriter style,'' the clerk said.",
    ]
    for text in texts:
        for q in quotes_of(text):
            for s, e in q.content:
                assert 0 <= s < e <= len(text)


def test_non_english_text(quotes_of) -> None:
    texts = [
        "«Мы не участвуем в G7», — сказал Песков.",
        "Der Minister sagte: „Wir sind bereit.“",
        "他说：“我们准备好了。”",
    ]
    for text in texts:
        assert isinstance(quotes_of(text), list)


def test_long_single_paragraph_returns() -> None:
    sentence = "The committee said that the plan would cost more than expected and take longer to finish. "
    text = sentence * (250_000 // len(sentence))  # three parse chunks; 1 MB works too but takes a minute
    started = time.perf_counter()
    doc = parse(text)
    assert doc.text == text
    assert isinstance(extract_quotes(text, doc), list)
    assert time.perf_counter() - started < 600


def test_chunks_rejoin_exactly() -> None:
    text = ("word " * 50 + "\n\n") * 30 + "x" * 500
    pieces = chunk_text(text, limit=300)
    assert "".join(pieces) == text
    assert all(len(p) <= 300 for p in pieces)


def test_find_quotes_kinds() -> None:
    text = "\u201cAll of this is quoted,\u201d she said, calling it \u201cnonsense\u201d in a statement."
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["\u201cAll of this is quoted,\u201d", "\u201cnonsense\u201d"]
    mask = quoted_mask(text, quotes)
    assert quote_kind(text, [(quotes[0].start, quotes[0].end)], mask) == "direct"
    assert quote_kind(text, [(41, text.index(" in a"))], mask) == "mixed"
    assert quote_kind(text, [(0, 0)], mask) == "indirect"


def test_multi_paragraph_marks_continue() -> None:
    text = "\u201cFirst part.\n\n\u201cSecond part,\u201d he said."
    quotes = find_quotes(text)
    assert quotes[0].continues and not quotes[0].closed
    assert quotes[1].closed
