"""The speed work on the spaCy pipeline keeps its results: BLAS switch, array-based helpers, kept workers."""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.analyze import QuoteAnalyzer
from newstrace.analyze.analyzer import plan_chunks
from newstrace.analyze.nlp import NER_WINDOW, _compact_words, _line_break_sentences, _ner_tokens, load, parse

TEXTS = [
    "",
    " ",
    "\n",
    "\n\nHeadline Without A Full Stop\nFirst paragraph by Jo Lind of Eastvale.\n",
    "Harbour talks\n \n\u201cWe will reopen,\u201d said Mayor Edda Holm.\n\n"
    "She added that the Norland ferry would run.\n",
    "THE PORT AUTHORITY SAID on Monday that Dr. Ana Ruiz-Delgado would chair the inquiry. Nothing else.",
    "one line only, no capitals at all",
    "Ends with a break\n",
]


def _reference_breaks(doc: Any) -> list[int]:
    """Token by token: the first non-space token after a token holding a line break."""
    starts, follows = [], False
    for token in doc:
        if follows and not token.is_space:
            starts.append(token.i)
            follows = False
        if "\n" in token.text or "\n" in token.whitespace_:
            follows = True
    return starts


def _reference_ner_tokens(doc: Any) -> list[int]:
    keep = set()
    for sent in doc.sents:
        for tok in sent:
            if tok.tag_ in ("NNP", "NNPS") or (tok.text[:1].isupper() and tok.i != sent.start):
                keep.update(range(max(sent.start, tok.i - NER_WINDOW), min(sent.end, tok.i + NER_WINDOW + 1)))
    return sorted(keep)


def test_matrix_products_go_through_numpy_blas() -> None:
    nlp = load()
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            assert all(getattr(node.ops, "use_blis", False) is False for node in model.walk())


@pytest.mark.parametrize("text", TEXTS)
def test_line_breaks_start_sentences_like_the_token_loop(text: str) -> None:
    nlp = load()
    doc = _line_break_sentences(nlp.make_doc(text))
    marked = [tok.i for tok in doc if tok.i > 0 and tok.is_sent_start]
    assert marked == _reference_breaks(nlp.make_doc(text))


@pytest.mark.parametrize("text", TEXTS)
def test_sparse_ner_windows_match_the_token_loop(text: str) -> None:
    doc = parse(text)
    kept = [int(i) for i in _ner_tokens(doc).tolist()]
    assert kept == _reference_ner_tokens(doc)
    words, spaces, index = _compact_words(doc, kept)
    assert len(words) == len(spaces) == len(index)
    assert [w for w, i in zip(words, index, strict=True) if i >= 0] == [doc[i].text for i in kept]
    assert all(w == "\n" for w, i in zip(words, index, strict=True) if i < 0)


def test_kept_workers_serve_every_batch_and_stop_at_the_end() -> None:
    texts = [(f"a{i}", f"\u201cThe ferry runs on day {i},\u201d Mayor Edda Holm said.\n") for i in range(20)]
    serial = QuoteAnalyzer(processes=1)(texts)
    with QuoteAnalyzer(processes=2) as analyzer:
        first = analyzer(texts[:10])
        pool = analyzer._pool
        second = analyzer(texts[10:])
        assert pool is not None and analyzer._pool is pool
    assert analyzer._pool is None
    assert [[q.to_dict() for q in qs] for _, qs in first + second] == [[q.to_dict() for q in qs] for _, qs in serial]


def test_a_call_outside_a_block_leaves_no_workers() -> None:
    analyzer = QuoteAnalyzer(processes=2)
    analyzer([(f"b{i}", "Jo Lind said that the bridge would reopen.\n") for i in range(10)])
    assert analyzer._pool is None


def test_an_error_in_the_block_stops_the_kept_workers() -> None:
    texts = [(f"c{i}", "Jo Lind said that the bridge would reopen.\n") for i in range(10)]
    with pytest.raises(RuntimeError), QuoteAnalyzer(processes=2) as analyzer:
        assert len(analyzer(texts)) == 10
        assert analyzer._pool is not None
        raise RuntimeError("stop")
    assert analyzer._pool is None


@pytest.mark.parametrize("lengths", [[], [5], [100] * 84, [9000, 10, 10, 10] * 30, list(range(1, 400, 7))])
def test_chunks_cover_every_article_in_order_and_shrink_towards_the_end(lengths: list[int]) -> None:
    chunks = plan_chunks(lengths, workers=2, most=32, least=4)
    assert [i for c in chunks for i in c] == list(range(len(lengths)))
    assert all(len(c) <= 32 for c in chunks)
    assert all(len(c) >= 4 for c in chunks[:-1])
    sizes = [sum(lengths[i] for i in c) for c in chunks]
    if len(set(lengths)) == 1 and len(lengths) > 40:
        assert sizes[0] > sizes[-1]  # the tail is cut finer than the head


def test_streamed_batches_come_back_in_order_with_the_serial_results() -> None:
    texts = [(f"d{i}", f"\u201cThe ferry runs on day {i},\u201d Mayor Edda Holm said.\n") for i in range(23)]
    batches = [texts[:9], texts[9:10], texts[10:]]
    serial = QuoteAnalyzer(processes=1)(texts)
    with QuoteAnalyzer(processes=2) as analyzer:
        streamed = list(analyzer.over(iter(batches)))
    assert [batch for batch, _ in streamed] == batches
    got = [pair for _, results in streamed for pair in results]
    assert [(a, [q.to_dict() for q in qs]) for a, qs in got] == [(a, [q.to_dict() for q in qs]) for a, qs in serial]
    assert analyzer._pool is None
