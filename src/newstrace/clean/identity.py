"""Content-hash article ids: the same text always gets the same id."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise_for_hash(text: str) -> str:
    """Case-, accent-form-, punctuation- and white-space-insensitive form of ``text``."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NON_WORD.sub(" ", folded).strip()


def article_id(text: str, title: str | None = None) -> str:
    """16 hex digits of SHA-256 over the normalised text (the title for headline-only items)."""
    basis = normalise_for_hash(text)
    if not basis:
        basis = "title: " + normalise_for_hash(title or "")
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]
