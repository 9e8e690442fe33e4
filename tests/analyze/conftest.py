"""Shared helpers for the attribution tests (all fixtures are invented text)."""

from __future__ import annotations

import pytest

from newstrace.analyze.quotes import extract_quotes
from newstrace.records import Quote


@pytest.fixture(scope="session")
def quotes_of():
    """``quotes_of(text)`` → the article's quotes (the spaCy pipeline is loaded once)."""

    def run(text: str) -> list[Quote]:
        return extract_quotes(text, article_id="test-article")

    return run


def find(quotes: list[Quote], fragment: str) -> Quote:
    """The quote whose text contains ``fragment``."""
    for quote in quotes:
        if fragment in quote.text:
            return quote
    raise AssertionError(f"no quote containing {fragment!r} in {[q.text for q in quotes]}")
