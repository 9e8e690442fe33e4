"""Plain-text layout: from scraped text to title, standfirst, dateline and body.

The input is what a scraper or a browser copy gives: one block per line (or
paragraphs separated by blank lines), site chrome left in.  :func:`analyse_text`
classifies every block and never drops one that reads as article prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from newstrace.clean.chrome import is_chrome_line, is_promo_label, parse_tag_list, split_promos
from newstrace.clean.dateline import parse_dateline
from newstrace.clean.dates import header_date
from newstrace.clean.names import split_names
from newstrace.clean.pagecopy import looks_like_page_copy, select_main
from newstrace.clean.shapes import TERMINAL, is_headline
from newstrace.records import Dateline

_BYLINE = re.compile(
    r"^(?:by|written by|author:|reporting by)\s+(?P<names>[A-Z][\w.'’-]+(?:[ ,]+(?:and |& )?[A-Z][\w.'’-]+){0,7})"
    r"(?:\s*[|,/–—-]\s*[\w .]{0,40})?$",
    re.I,
)
MAX_STANDFIRST_WORDS = 60


@dataclass(frozen=True, slots=True)
class HeaderDate:
    """A line that held nothing but a date, such as ``Jan 21, 2022``."""

    day: date
    label: str
    raw: str


@dataclass(frozen=True, slots=True)
class TextLayout:
    """What :func:`analyse_text` found in a plain-text document."""

    title: str | None
    standfirst: str | None
    paragraphs: tuple[str, ...]
    dateline: Dateline | None
    header_dates: tuple[HeaderDate, ...]
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    removed: tuple[str, ...]

    @property
    def text(self) -> str:
        """Standfirst and body paragraphs, separated by blank lines."""
        head = (self.standfirst,) if self.standfirst else ()
        return "\n\n".join(head + self.paragraphs)


@dataclass(slots=True)
class _Sorted:
    content: list[str]
    removed: list[str]
    dates: list[HeaderDate]
    authors: list[str]


def analyse_text(
    text: str, *, find_title: bool = True, language: str | None = None, page_copy: bool = True
) -> TextLayout:
    """Split scraped plain text into title, standfirst, dateline, body and removed chrome.

    ``page_copy=False`` skips the whole-page boilerplate pass, for text an
    extractor already reduced to the article (HTML).
    """
    found = _sort_blocks(split_blocks(text))
    content = found.content
    tags = _trailing_tags(content, found.removed)
    if page_copy and looks_like_page_copy(content):
        keep = select_main(content, language)
        found.removed.extend(b for b, k in zip(content, keep, strict=True) if not k)
        content = [b for b, k in zip(content, keep, strict=True) if k]
    title, standfirst, body, dateline = _layout(content, find_title)
    return TextLayout(
        title=title,
        standfirst=standfirst,
        paragraphs=tuple(body),
        dateline=dateline,
        header_dates=tuple(found.dates),
        authors=tuple(found.authors),
        tags=tags,
        removed=tuple(found.removed),
    )


def split_blocks(text: str) -> list[str]:
    """Blocks of a text: one per line, or per paragraph when lines were hard-wrapped."""
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if _hard_wrapped(lines):
        paragraphs = re.split(r"\n\s*\n", "\n".join(lines))
        return [" ".join(p.split()) for p in paragraphs if p.strip()]
    return [line for line in lines if line]


def _hard_wrapped(lines: list[str]) -> bool:
    """True when most lines run to a fixed width and stop mid-sentence."""
    long = [line for line in lines if len(line) >= 40]
    if len(long) < 6:
        return False
    width = sorted(len(line) for line in long)[int(len(long) * 0.9)]
    if width > 100:
        return False
    wrapped = [line for line in long if len(line) >= 0.75 * width and not line.endswith(TERMINAL)]
    return len(wrapped) >= 0.5 * len(long)


def _sort_blocks(blocks: list[str]) -> _Sorted:
    found = _Sorted([], [], [], [])
    after_label = False
    for block in blocks:
        if after_label and is_headline(block):
            found.removed.append(block)
            after_label = False
            continue
        after_label = is_promo_label(block)
        for segment, is_promo in split_promos(block):
            _sort_segment(segment, is_promo, found)
    return found


def _sort_segment(segment: str, is_promo: bool, found: _Sorted) -> None:
    if is_promo or is_chrome_line(segment):
        found.removed.append(segment)
        return
    dated = header_date(segment)
    if dated is not None:
        found.dates.append(HeaderDate(dated[0], dated[1], segment))
        found.removed.append(segment)
        return
    byline = _BYLINE.match(segment)
    if byline and len(segment.split()) <= 12:
        found.authors.extend(n for n in split_names(byline["names"]) if len(n.split()) >= 2)
        found.removed.append(segment)
        return
    found.content.append(segment)


def _trailing_tags(content: list[str], removed: list[str]) -> tuple[str, ...]:
    """Pop a tag list (``Name, Name, Country``) off the end of the content."""
    if len(content) < 2:
        return ()
    tags = parse_tag_list(content[-1])
    if tags is None:
        return ()
    removed.append(content.pop())
    return tags


def _layout(blocks: list[str], find_title: bool) -> tuple[str | None, str | None, list[str], Dateline | None]:
    """Title, standfirst, body paragraphs and dateline from the content blocks."""
    rest = list(blocks)
    title = rest.pop(0) if find_title and len(rest) > 1 and is_headline(rest[0]) else None
    dateline_at = _dateline_index(rest)
    standfirst = _standfirst(rest, dateline_at, title is not None)
    if standfirst is not None:
        count = max(dateline_at or 0, 1)
        rest = rest[count:]
        dateline_at = 0 if dateline_at is not None else None
    dateline = None
    if dateline_at is not None:
        parsed = parse_dateline(rest[dateline_at])
        if parsed is not None:
            dateline, rest[dateline_at] = parsed
    return title, standfirst, rest, dateline


def _dateline_index(blocks: list[str]) -> int | None:
    for index, block in enumerate(blocks[:4]):
        if parse_dateline(block) is not None:
            return index
    return None


def _standfirst(blocks: list[str], dateline_at: int | None, has_title: bool) -> str | None:
    if not has_title or not blocks:
        return None
    if dateline_at:
        lead = blocks[:dateline_at]
        if sum(len(b.split()) for b in lead) <= MAX_STANDFIRST_WORDS * 2:
            return " ".join(lead)
        return None
    if dateline_at is None and len(blocks) > 1 and _standfirst_like(blocks[0]):
        return blocks[0]
    return None


def _standfirst_like(block: str) -> bool:
    words = len(block.split())
    return 6 <= words <= MAX_STANDFIRST_WORDS and not block.rstrip().endswith((".", "!", "…", ":"))
