"""Reader for news feeds: RSS (0.9x, 1.0, 2.0) and Atom, parsed by feedparser.

Each feed entry becomes one :class:`RawDocument`.  An entry that carries the
full article as HTML (``content:encoded`` in RSS, ``<content type="html">`` in
Atom) becomes an ``html`` document holding that HTML.  Any other entry becomes
a ``record``: its text is the summary/description (or plain-text content) with
tags stripped, and may be empty, since headline-only items are real input.

feedparser needs the whole document, so a feed is read into memory; its size
is capped at :data:`FEED_SIZE_FACTOR` times ``max_document_bytes`` (at least
:data:`MIN_FEED_LIMIT`), while ``max_document_bytes`` caps each entry.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

import feedparser

from newstrace.errors import ErrorCode, InputError
from newstrace.ingest.files import InputFile, read_bytes
from newstrace.ingest.options import ReadOptions
from newstrace.records import DocFormat, Failure, RawDocument, SourceRef

FEED_SIZE_FACTOR = 4
MIN_FEED_LIMIT = 64 * 1024 * 1024
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_EMAIL_THEN_NAME = re.compile(r"^\s*\S+@\S+\s*\((?P<name>[^()]+)\)\s*$")
_NAME_THEN_EMAIL = re.compile(r"^\s*(?P<name>[^<>]+?)\s*<[^<>]*@[^<>]*>\s*$")


def read_feed(item: InputFile, opts: ReadOptions, start: int = 0) -> Iterator[RawDocument | Failure]:
    """Yield one document per feed entry; ``start`` skips entries already stored."""
    parsed = _parse(item, opts)
    if not parsed.entries:
        if start == 0:
            yield Failure(SourceRef(item.origin), ErrorCode.BAD_FEED, _no_entries_reason(parsed))
        return
    outlet = _clean(parsed.feed.get("title")) or None
    language = parsed.feed.get("language") or None
    for index, entry in enumerate(parsed.entries):
        if index >= start:
            source = SourceRef(item.origin, f"item:{index}")
            yield _entry_document(entry, source, opts, outlet, language)


def _parse(item: InputFile, opts: ReadOptions) -> Any:
    """Read and parse the feed (bytes, so feedparser never fetches anything)."""
    data = read_bytes(item, max(opts.max_document_bytes * FEED_SIZE_FACTOR, MIN_FEED_LIMIT))
    if not data.strip():
        raise InputError(ErrorCode.EMPTY, "file is empty")
    return feedparser.parse(data)


def _no_entries_reason(parsed: Any) -> str:
    """Why a feed gave no entries: malformed XML, not a feed, or really empty."""
    if parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        return f"malformed feed, no entries could be read: {problem}"
    if not parsed.get("version"):
        return "not an RSS or Atom feed (no entries)"
    return "feed has no entries"


def _entry_document(
    entry: Any, source: SourceRef, opts: ReadOptions, outlet: str | None, language: str | None
) -> RawDocument | Failure:
    """One entry as a document, or a failure if it is unusable."""
    fmt, content = _body(entry)
    title = _title(entry)
    url = entry.get("link") or None
    if not (title or url or content.strip()):
        return Failure(source, ErrorCode.BAD_RECORD, "feed entry has no title, link or text")
    size = len(content.encode("utf-8"))
    if size > opts.max_document_bytes:
        limit = opts.max_document_bytes
        reason = f"entry text is {size:,} bytes, limit {limit:,}"
        return Failure(source, ErrorCode.TOO_LARGE, reason)
    return RawDocument(
        source=source,
        format=fmt,
        content=content,
        url=url,
        title=title,
        outlet=outlet,
        published=_published(entry),
        authors=_authors(entry),
        language=_language(entry) or language,
    )


def _body(entry: Any) -> tuple[DocFormat, str]:
    """``("html", markup)`` for entries with full HTML content, else ``("record", text)``."""
    contents = [c for c in entry.get("content") or () if (c.get("value") or "").strip()]
    for part in contents:
        if part.get("type") in HTML_TYPES:
            return "html", str(part["value"])
    if contents:
        return "record", _clean(str(contents[0]["value"]))
    return "record", html_to_text(entry.get("summary") or "")


def _title(entry: Any) -> str | None:
    """The entry title as plain text (feeds may put markup in titles)."""
    title = entry.get("title") or ""
    detail = entry.get("title_detail") or {}
    if detail.get("type") in HTML_TYPES:
        title = html_to_text(title)
    return _clean(title) or None


def _published(entry: Any) -> str | None:
    """ISO 8601 UTC date when feedparser understood it, else the raw string given."""
    # dict.get: feedparser's own get() maps a missing "updated" to "published", with a warning
    for key in ("published_parsed", "updated_parsed"):
        parsed = dict.get(entry, key)
        if parsed is not None:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
    raw = dict.get(entry, "published") or dict.get(entry, "updated")
    return _clean(raw) or None


def _authors(entry: Any) -> tuple[str, ...]:
    """Author names from ``author``/``dc:creator``, without e-mail addresses.

    feedparser splits an RSS ``author`` such as ``ed@example.org (Ed Nor)``
    badly, so a single author is taken from the raw string.
    """
    listed = [a.get("name") or "" for a in entry.get("authors") or ()]
    if len(listed) <= 1 and entry.get("author"):
        listed = [entry["author"]]
    names: list[str] = []
    for raw in listed:
        name = _author_name(raw)
        if name and name not in names:
            names.append(name)
    return tuple(names)


def _author_name(raw: str) -> str:
    """``Ed Nor`` from ``ed@x.org (Ed Nor)`` or ``Ed Nor <ed@x.org>``; '' for a bare address."""
    text = _clean(raw)
    for pattern in (_EMAIL_THEN_NAME, _NAME_THEN_EMAIL):
        match = pattern.match(text)
        if match:
            return _clean(match.group("name"))
    return "" if "@" in text and " " not in text else text


def _language(entry: Any) -> str | None:
    """The language an entry's content or summary declares, if any."""
    for part in [*(entry.get("content") or ()), entry.get("summary_detail") or {}]:
        if part.get("language"):
            return str(part["language"])
    return None


def _clean(text: str | None) -> str:
    """Collapse runs of white space to single spaces."""
    return " ".join((text or "").split())


class _TextCollector(HTMLParser):
    """Collects the text of an HTML fragment, with line breaks at block tags."""

    BLOCK = frozenset(
        {
            "address",
            "article",
            "aside",
            "blockquote",
            "br",
            "dd",
            "div",
            "dl",
            "dt",
            "figcaption",
            "footer",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "header",
            "hr",
            "li",
            "main",
            "nav",
            "ol",
            "p",
            "pre",
            "section",
            "table",
            "td",
            "th",
            "tr",
            "ul",
        }
    )
    HIDDEN = frozenset({"script", "style", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self._hidden += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: tags dropped, entities decoded, one block per line."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    lines = (_clean(line) for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)
