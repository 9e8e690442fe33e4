"""Storage: the store is the one source of truth behind a small interface."""

from __future__ import annotations

from pathlib import Path

from newstrace.store.quotes import QuoteFilter, QuoteRow
from newstrace.store.sqlite import Batch, FailureRow, InputProgress, SearchHit, Store, StoredDoc

__all__ = [
    "Batch", "FailureRow", "InputProgress", "QuoteFilter", "QuoteRow", "SearchHit", "Store", "StoredDoc", "open_store",
]


def open_store(path: str | Path = ":memory:") -> Store:
    """Open (creating and migrating as needed) the SQLite store at ``path``."""
    return Store(path)
