"""Finding double-quoted stretches of text by scanning quote marks.

Handles straight (``"``), curly (“ ”), low (``„``), guillemets (« »), and
typewriter pairs (two backticks / two apostrophes).  Robust to unbalanced
marks: a quote left open at the end of a paragraph runs to the paragraph
end (the newspaper convention for a quotation that continues in the next
paragraph, which then opens with a mark again); an opening mark met while a
quote is already open closes the previous one just before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_MARKS = frozenset("“„«")
CLOSE_MARKS = frozenset("”»")
BOTH_MARKS = frozenset('"')
_MARK = re.compile(r"``|''|[\"“”„«»]")
_PARAGRAPH = re.compile(r"[^\n]+")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quoted stretch ``[start, end)`` including its marks.

    ``closed`` is False when the closing mark was missing; ``continues`` is
    True when the quote runs on into the next paragraph (it was left open
    and the next paragraph opens with a mark).
    """

    start: int
    end: int
    closed: bool = True
    continues: bool = False

    def words(self, text: str) -> int:
        return len(_WORD.findall(text, self.start, self.end))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-empty line (a paragraph in scraped news text)."""
    spans = []
    for match in _PARAGRAPH.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def _role(text: str, pos: int, mark: str) -> str:
    """``open``, ``close`` or ``either`` for the mark at ``pos``."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + len(mark)] if pos + len(mark) < len(text) else " "
    if mark == "“" and after.isspace() and (before in ",.!?" or before.isalnum()):
        return "close"  # '"It's unusual,“ said …': an opening mark typed where the closing one belongs
    if mark in OPEN_MARKS or mark == "``":
        return "open"
    if mark in CLOSE_MARKS:
        return "close"
    if (before.isspace() or before in "([{—–-/") and not after.isspace():
        return "open"
    if after.isspace() or after in ".,;:!?)]}—–-" and not before.isspace():
        return "close"
    if before.isalnum() and mark == "''":
        return "close"
    return "either"


def _scan_paragraph(text: str, start: int, end: int) -> list[QuoteSpan]:
    found: list[QuoteSpan] = []
    open_at: int | None = None
    for match in _MARK.finditer(text, start, end):
        pos, mark = match.start(), match.group()
        role = _role(text, pos, mark)
        if open_at is None:
            if role != "close" or mark == '"':
                open_at = pos
            continue
        if role == "open" and mark != '"' and mark != "''":
            found.append(_unclosed(text, open_at, pos))
            open_at = pos
            continue
        found.append(QuoteSpan(open_at, match.end()))
        open_at = None
    if open_at is not None:
        found.append(QuoteSpan(open_at, end, closed=False))
    return [q for q in found if q.end - q.start > 2]


def _unclosed(text: str, start: int, stop: int) -> QuoteSpan:
    end = stop
    while end > start and text[end - 1].isspace():
        end -= 1
    return QuoteSpan(start, end, closed=False)


def find_quotes(text: str) -> list[QuoteSpan]:
    """Every double-quoted stretch in ``text``, in order, never crossing a paragraph break."""
    result: list[QuoteSpan] = []
    paras = paragraphs(text)
    for index, (start, end) in enumerate(paras):
        spans = _scan_paragraph(text, start, end)
        if spans and not spans[-1].closed and spans[-1].end == end and index + 1 < len(paras):
            nxt = paras[index + 1][0]
            if _MARK.match(text, nxt):
                last = spans[-1]
                spans[-1] = QuoteSpan(last.start, last.end, closed=False, continues=True)
        result.extend(spans)
    return result


def quoted_mask(text: str, quotes: list[QuoteSpan] | None = None) -> bytearray:
    """One byte per character: 1 inside a quoted stretch (marks included), else 0."""
    mask = bytearray(len(text))
    for q in quotes if quotes is not None else find_quotes(text):
        mask[q.start : q.end] = b"\x01" * (q.end - q.start)
    return mask


def quote_kind(text: str, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...], mask: bytearray) -> str:
    """``direct`` (all words inside quotes), ``mixed`` (some) or ``indirect`` (none)."""
    inside = outside = 0
    for start, end in spans:
        for match in _WORD.finditer(text, start, end):
            if mask[match.start()]:
                inside += 1
            else:
                outside += 1
    if inside and not outside:
        return "direct"
    return "mixed" if inside else "indirect"
