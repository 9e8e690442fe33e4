"""Small string helpers shared by the HTML extraction modules."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urljoin, urlsplit

_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_SPACES = re.compile(r"\s+")
#: A "By ..." byline prefix (also marks a byline segment of a title).
BYLINE_PREFIX = re.compile(r"^\s*(?:by|written by|von|par)\s+", re.I)


def word_count(text: str) -> int:
    """Number of whitespace-separated words."""
    return len(text.split())


def host_name(url: str | None) -> str | None:
    """The registered-name part of a URL's host (``www.example.co.uk`` -> ``example``)."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    labels = [label for label in host.split(".") if label and label != "www"]
    while len(labels) > 1 and len(labels[-1]) <= 3:
        labels.pop()
    return labels[-1] if labels else None


def split_paragraphs(text: str) -> list[str]:
    """Non-empty, whitespace-collapsed lines of ``text``."""
    return [p for p in (clean(line) for line in text.splitlines()) if p]


def clean(value: str | None) -> str | None:
    """Collapse whitespace; None for empty values."""
    if not value:
        return None
    cleaned = _SPACES.sub(" ", value).strip()
    return cleaned or None


def loose_key(text: str) -> str:
    """A loose comparison key: lower-case alphanumerics only."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def nonempty_str(value: Any) -> str | None:
    """``value`` if it is a non-empty string."""
    return value if isinstance(value, str) and value.strip() else None


def iso_day(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from the start of an ISO-like date string, as written."""
    if not value:
        return None
    match = _ISO_DAY.match(value)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1800 <= year <= 2200):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def split_names(raw: str) -> tuple[str, ...]:
    """Split an author string on ``;``, ``,``, `` and `` and ``&``; drop a "By" prefix."""
    if not raw or raw.strip().startswith(("http://", "https://")):
        return ()
    parts = re.split(r"\s*(?:;|,|\band\b|&|\|)\s*", raw)
    names = [clean(BYLINE_PREFIX.sub("", p)) for p in parts]
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


def absolute(link: str | None, base: str | None) -> str | None:
    """Resolve a possibly relative link against ``base``."""
    if not link:
        return None
    if base and not link.startswith(("http://", "https://")):
        return urljoin(base, link)
    return link
