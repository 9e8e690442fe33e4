"""Failures as a stage's skip list: an article a stage could not handle is recorded and left out of its queue."""

from __future__ import annotations

from typing import Literal

Stage = Literal["link", "stories"]


def not_failed(stage: Stage) -> str:
    """SQL condition: the article aliased ``a`` has no recorded failure in ``stage``."""
    return (f"NOT EXISTS (SELECT 1 FROM failures f WHERE f.origin = 'article' AND f.locator = a.id "
            f"AND f.stage = '{stage}')")
