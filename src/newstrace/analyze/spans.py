"""Character spans: the attribution draft, trimming, subtracting and merging."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newstrace.records import ContentBounds

Span = tuple[int, int]

_TRIM_LEFT = set(",;:—–-)]}.…|/ \n\t")
_TRIM_RIGHT = set(",;:—–-([{ \n\t|/")


@dataclass(slots=True)
class Draft(ContentBounds):
    """An attribution while it is being assembled (mutable; becomes a ``Quote``)."""

    content: list[Span]
    cue: Span | None = None
    cue_token: int | None = None
    source: Span | None = None
    source_token: int | None = None
    origin: str = "verb"
    medium: str | None = None
    speaker: str | None = None
    speaker_reason: str | None = None
    confidence: float = 0.5


def trim(text: str, span: Span, keep_final_stop: bool = False) -> Span | None:
    """Strip surrounding punctuation and whitespace (quote marks are kept when paired)."""
    start, end = span
    while start < end and text[start] in _TRIM_LEFT:
        start += 1
    while end > start and (text[end - 1] in _TRIM_RIGHT or (text[end - 1] == "." and not keep_final_stop)):
        if text[end - 1] == "." and _abbreviation(text, start, end):
            break
        end -= 1
    return (start, end) if end > start else None


def _abbreviation(text: str, start: int, end: int) -> bool:
    """True when the final stop belongs to an abbreviation such as ``U.S.`` or ``Jr.``."""
    word = text[max(start, end - 5) : end].split()[-1] if text[max(start, end - 5) : end].split() else ""
    return word.count(".") > 1 or word in {"Jr.", "Sr.", "Inc.", "Co.", "Corp.", "Ltd.", "St."}


def subtract(span: Span, holes: Iterable[Span]) -> list[Span]:
    """``span`` with the ``holes`` cut out (possibly several pieces)."""
    pieces = [span]
    for hs, he in sorted(holes):
        next_pieces = []
        for s, e in pieces:
            if he <= s or hs >= e:
                next_pieces.append((s, e))
                continue
            if hs > s:
                next_pieces.append((s, hs))
            if he < e:
                next_pieces.append((he, e))
        pieces = next_pieces
    return pieces


def merge(spans: Iterable[Span]) -> list[Span]:
    """Sorted spans with overlapping ones joined."""
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]
