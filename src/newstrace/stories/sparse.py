"""Sparse vectors as ``{key: weight}`` dicts: unit length, dot product, norm and in-place sums.

One implementation for both kinds of key: words in the extractive selection
(:mod:`newstrace.stories.centroid`) and hashed terms in the event and storyline
indexes (:mod:`newstrace.stories.vectors`).
"""

from __future__ import annotations

import math
from typing import TypeVar

K = TypeVar("K")


def norm(vec: dict[K, float]) -> float:
    return math.sqrt(sum(v * v for v in vec.values()))


def unit(vec: dict[K, float]) -> dict[K, float]:
    """``vec`` scaled to length 1 (empty for a zero vector)."""
    length = norm(vec)
    return {k: v / length for k, v in vec.items()} if length else {}


def dot(a: dict[K, float], b: dict[K, float]) -> float:
    """The dot product (the cosine of two unit vectors)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def add_into(total: dict[K, float], vec: dict[K, float], scale: float = 1.0) -> None:
    """``total += scale * vec``, in place."""
    for k, v in vec.items():
        total[k] = total.get(k, 0.0) + scale * v
