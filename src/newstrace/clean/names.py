"""Author names from bylines and metadata strings: one splitter for every input format."""

from __future__ import annotations

import re
from collections.abc import Iterable

#: A "By ..." byline prefix (also marks a byline segment of a title).
BYLINE_PREFIX = re.compile(r"^\s*(?:by|written by|von|par)\s+", re.I)
_SEPARATORS = re.compile(r"\s*(?:;|,|\band\b|&|\|)\s*")


def split_names(raw: str) -> tuple[str, ...]:
    """Split an author string on ``;``, ``,``, `` and ``, ``&`` and ``|``; drop a "By" prefix and URLs."""
    if not raw or raw.strip().startswith(("http://", "https://")):
        return ()
    names = (" ".join(BYLINE_PREFIX.sub("", part).split()) for part in _SEPARATORS.split(raw))
    return dedupe(n for n in names if n and not n.startswith(("http://", "https://")))


def dedupe(names: Iterable[str]) -> tuple[str, ...]:
    """Names in order, without case-insensitive repeats."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        folded = name.casefold()
        if folded not in seen:
            seen.add(folded)
            out.append(name)
    return tuple(out)
