"""Article sets for the headless timeline mode: JSON Lines records with ``id``, ``time`` and ``text``.

Optional fields: ``title``, ``outlet`` (or ``source``).  ``time`` may be a full
ISO timestamp; its day is used.  A line that is not a JSON object, or lacks a
usable id, date or text, becomes a :class:`~newstrace.records.Failure`
(``bad-json`` / ``bad-record``) and the rest of the file is still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from newstrace.errors import ErrorCode
from newstrace.records import Failure, SourceRef, TimelineArticle
from newstrace.stories.dating import parse_day

STAGE = "timeline"


def read_articles(lines: Iterable[str], origin: str = "<stdin>") -> Iterator[TimelineArticle | Failure]:
    """One article, or one failure, per non-blank line."""
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield parse_line(line, SourceRef(origin, f"line:{number}"))


def parse_line(line: str, source: SourceRef) -> TimelineArticle | Failure:
    """A record from one JSON line."""
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        return Failure(source, ErrorCode.BAD_JSON, f"not JSON: {exc}", STAGE)
    if not isinstance(record, dict):
        return Failure(source, ErrorCode.BAD_RECORD, "a JSON object is expected", STAGE)
    return from_record(record, source)


def from_record(record: dict[str, Any], source: SourceRef) -> TimelineArticle | Failure:
    """A :class:`TimelineArticle` from a dict with ``id``, ``time`` and ``text``."""
    identifier, time, text = record.get("id"), record.get("time"), record.get("text")
    problem = _problem(identifier, time, text)
    if problem:
        return Failure(source, ErrorCode.BAD_RECORD, problem, STAGE)
    day = parse_day(str(time))
    assert day is not None
    return TimelineArticle(str(identifier), day.isoformat(), str(text), _optional(record.get("title")),
                           _optional(record.get("outlet") or record.get("source")))


def _problem(identifier: Any, time: Any, text: Any) -> str | None:
    if identifier is None or isinstance(identifier, dict | list) or not str(identifier).strip():
        return "missing id"
    if not isinstance(time, str) or parse_day(time) is None:
        return f"missing or unreadable time {time!r} (YYYY-MM-DD expected)"
    if not isinstance(text, str) or not text.strip():
        return "missing text"
    return None


def _optional(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
