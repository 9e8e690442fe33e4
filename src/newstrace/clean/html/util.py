"""Small string helpers shared by the HTML extraction modules."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from newstrace.clean.names import BYLINE_PREFIX, dedupe, split_names

__all__ = [
    "BYLINE_PREFIX", "absolute", "clean", "dedupe", "host_name", "iso_day", "loose_key", "nonempty_str",
    "split_names", "split_paragraphs", "word_count",
]

_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_SPACES = re.compile(r"\s+")


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


def absolute(link: str | None, base: str | None) -> str | None:
    """Resolve a possibly relative link against ``base``."""
    if not link:
        return None
    if base and not link.startswith(("http://", "https://")):
        return urljoin(base, link)
    return link
