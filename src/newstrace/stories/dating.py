"""Sentences with the days they talk about: each sentence of an article, dated by its time expressions.

A sentence that names a day ("On April 13, ...", "said on Tuesday", "yesterday")
refers to that day, resolved by :mod:`newstrace.timex` against the article's
publication date; a sentence without one is taken to report on the publication
day (the timeline builder gives it a lower weight).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

from newstrace.records import TimelineArticle
from newstrace.stories.sentences import Sentence, sentences_of
from newstrace.timex import find_time_expressions
from newstrace.timex.dates import day_of

_DAY_TYPES = frozenset({"DATE", "TIME"})
_SPAN = re.compile(r"^P(\d+)([DW])$")
_LATER = re.compile(r"\s*(later|earlier)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DatedSentence:
    """One sentence of article number ``article`` (its ``position``-th), with the days it mentions."""

    article: int
    position: int
    raw: str
    text: str
    published: date
    mentions: tuple[date, ...] = ()


def parse_day(value: str | None) -> date | None:
    """``date`` from ``YYYY-MM-DD`` (a longer ISO timestamp is cut to its day); None when not a date."""
    if not value or not isinstance(value, str):
        return None
    return day_of(value.strip())


def day_of_value(value: str) -> date | None:
    """The day a TIMEX3 value pins down (``2021-05-04``, ``2021-05-04TEV``), None for coarser values."""
    return parse_day(value) if len(value) >= 10 else None


def dated_sentences(index: int, article: TimelineArticle) -> list[DatedSentence]:
    """The sentences of one article with their day mentions (empty when its date or text is unusable)."""
    published = parse_day(article.time)
    if published is None or not isinstance(article.text, str) or not article.text.strip():
        return []
    sentences = sentences_of(article.text)
    mentions = sentence_mentions(sentences, published)
    return [
        DatedSentence(index, s.index, s.raw, s.text, published, tuple(mentions[i]))
        for i, s in enumerate(sentences)
    ]


def sentence_mentions(sentences: list[Sentence], published: date) -> list[list[date]]:
    """For each sentence, the distinct days its time expressions resolve to (in order of mention)."""
    starts: list[int] = []
    offset = 0
    for sentence in sentences:
        starts.append(offset)
        offset += len(sentence.text) + 1
    found: list[list[date]] = [[] for _ in sentences]
    text = "\n".join(s.text for s in sentences)
    narrated: date | None = None
    for expression in find_time_expressions(text, published):
        if expression.type in _DAY_TYPES:
            day = day_of_value(expression.value)
        elif expression.type == "DURATION":
            day = counted_day(expression.value, text[expression.end : expression.end + 12], narrated or published)
        else:
            continue
        slot = found[bisect_right(starts, expression.start) - 1]
        if day is not None and day not in slot:
            slot.append(day)
            narrated = day
    return found


def counted_day(duration: str, after: str, anchor: date) -> date | None:
    """The day of ``three days later`` / ``a week earlier``: counted from ``anchor`` (the day the article
    narrated last, else its publication day); None for any other duration."""
    span, direction = _SPAN.match(duration), _LATER.match(after)
    if span is None or direction is None:
        return None
    days = int(span.group(1)) * (7 if span.group(2) == "W" else 1)
    return anchor + timedelta(days=days if direction.group(1).lower() == "later" else -days)
