"""Online TF-IDF over hashed terms: document frequencies that grow as articles arrive, and sparse unit vectors.

``OnlineIdf`` is the state shared by the event and storyline indexes: a
fixed-size array of document frequencies over the hashed feature space
(:mod:`newstrace.stories.features`) and a small count-min sketch of paragraph
hashes, so that a paragraph met in several earlier articles (a crawl notice, a
newsletter box) is known as boilerplate with bounded memory.  Both serialise to
bytes for the store.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from newstrace.stories.features import HASH_SPACE
from newstrace.stories.sparse import unit

Vector = dict[int, float]
_SKETCH_BITS = 20
_SKETCH_MASK = (1 << _SKETCH_BITS) - 1


class OnlineIdf:
    """Document frequencies of hashed terms and a paragraph sketch, updated one article at a time."""

    def __init__(self, power: float = 2.0) -> None:
        if not 0.5 <= power <= 3.0:
            raise ValueError(f"power must be between 0.5 and 3.0, got {power}")
        self.power = power
        self.df: npt.NDArray[np.int32] = np.zeros(HASH_SPACE, dtype=np.int32)
        self.sketch: npt.NDArray[np.uint16] = np.zeros((2, 1 << _SKETCH_BITS), dtype=np.uint16)
        self.docs = 0

    def add(self, terms: Iterable[int], paragraphs: Iterable[int] = ()) -> None:
        """Count one article's distinct terms and paragraphs."""
        keys = np.fromiter(set(terms), dtype=np.int64)
        if keys.size:
            self.df[keys] += 1
        for h in set(paragraphs):
            for row, slot in enumerate(_slots(h)):
                if self.sketch[row, slot] < 65535:
                    self.sketch[row, slot] += 1
        self.docs += 1

    def paragraph_count(self, h: int) -> int:
        """How many earlier articles had this paragraph (an upper bound, exact unless hashes collide)."""
        return int(min(self.sketch[row, slot] for row, slot in enumerate(_slots(h))))

    def weight(self, term: int) -> float:
        return float((math.log((self.docs + 2) / (int(self.df[term]) + 1)) + 1.0) ** self.power)

    def vector(self, terms: Iterable[tuple[int, float]], limit: int | None = None) -> Vector:
        """The unit TF-IDF vector of ``(term, tf)`` pairs, keeping the ``limit`` heaviest terms when given."""
        weighted = {t: tf * self.weight(t) for t, tf in terms}
        if limit is not None and len(weighted) > limit:
            weighted = dict(sorted(weighted.items(), key=lambda kv: -kv[1])[:limit])
        return unit(weighted)

    def to_bytes(self) -> bytes:
        header = np.array([self.docs], dtype=np.int64).tobytes() + np.array([self.power], dtype=np.float64).tobytes()
        return zlib.compress(header + self.df.tobytes() + self.sketch.tobytes(), 1)

    @classmethod
    def from_bytes(cls, blob: bytes) -> OnlineIdf:
        raw = zlib.decompress(blob)
        docs = int(np.frombuffer(raw[:8], dtype=np.int64)[0])
        power = float(np.frombuffer(raw[8:16], dtype=np.float64)[0])
        idf = cls(power)
        idf.docs = docs
        df_end = 16 + HASH_SPACE * 4
        idf.df = np.frombuffer(raw[16:df_end], dtype=np.int32).copy()
        idf.sketch = np.frombuffer(raw[df_end:], dtype=np.uint16).reshape(2, -1).copy()
        return idf


def _slots(h: int) -> tuple[int, int]:
    return h & _SKETCH_MASK, ((h >> 12) ^ (h * 2654435761)) & _SKETCH_MASK


def top_terms(vec: Vector, count: int) -> list[int]:
    """The ``count`` heaviest terms of ``vec``, heaviest first."""
    return [t for t, _ in sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:count]]
