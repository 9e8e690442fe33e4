"""Extractive selection by TF-IDF centroid: the sentences closest to what a set of sentences has in common.

Pure Python over sparse ``{word: weight}`` vectors; the document frequencies
come from the whole collection so that words every article repeats weigh little.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from newstrace.stories.sparse import add_into, dot, unit

Vector = dict[str, float]

_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
STOPWORDS = frozenset(
    "a an the and or but if of to in on at by for with from as is are was were be been being has have had do does "
    "did it its this that these those he she they we you i his her their our your them him us me not no so than "
    "then there here which who whom whose what when where why how all any each more most other some such only own "
    "same too very can will just would could should may might must shall also into over after before about against "
    "between through during under again further once up down out off said says say told mr mrs ms lrb rrb".split()
)


def words(text: str) -> list[str]:
    """Lower-cased content words of ``text`` (no stopwords, no one-letter words)."""
    return [w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in STOPWORDS]


def document_frequencies(documents: Iterable[Sequence[str]]) -> tuple[Counter[str], int]:
    """How many of ``documents`` (each the :func:`words` of a text) contain each word, and how many there were."""
    counts: Counter[str] = Counter()
    total = 0
    for found in documents:
        counts.update(set(found))
        total += 1
    return counts, total


class Idf:
    """Inverse document frequencies with add-one smoothing (state: the collection's counts).

    Texts come in as their :func:`words`, so that a caller tokenises each text
    once for both the counts and the vectors.
    """

    def __init__(self, documents: Iterable[Sequence[str]]) -> None:
        self.counts, self.total = document_frequencies(documents)

    def weight(self, word: str) -> float:
        return math.log((1 + self.total) / (1 + self.counts.get(word, 0))) + 1.0

    def vector(self, found: Sequence[str]) -> Vector:
        """The unit-length TF-IDF vector of a text's words (empty for a text without content words)."""
        tf = Counter(found)
        vec = {w: (1.0 + math.log(n)) * self.weight(w) for w, n in tf.items()}
        return unit(vec)


def centroid(vectors: Sequence[Vector], weights: Sequence[float] | None = None) -> Vector:
    """The (weighted) mean of ``vectors``, unit length."""
    total: Vector = {}
    for i, vec in enumerate(vectors):
        add_into(total, vec, 1.0 if weights is None else weights[i])
    return unit(total)


def pick(vectors: Sequence[Vector], scores: Sequence[float], count: int, redundancy: float) -> list[int]:
    """Indices of up to ``count`` items by descending score, skipping any too similar to one already taken."""
    chosen: list[int] = []
    for index in sorted(range(len(vectors)), key=lambda i: (-scores[i], i)):
        if len(chosen) >= count:
            break
        if any(dot(vectors[index], vectors[j]) > redundancy for j in chosen):
            continue
        chosen.append(index)
    return chosen

