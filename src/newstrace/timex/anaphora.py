"""Anaphoric expressions: ``that year``, ``the following month``, ``later that year``.

TimeML resolves these against the time the narrative is talking about, not the
document date: in "Farkas was promoted on May 22, 1995, and the following year he
was posted abroad", ``the following year`` is 1996.  After the normalisers have run,
:func:`anchor_anaphora` walks the expressions in text order and re-resolves each
anaphoric one from the latest calendar date before it that is fine enough for its
unit (a month or finer for ``the following month``).  With no such date the value
from the document date is kept.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from datetime import date

from newstrace.timex import dates as dt
from newstrace.timex.model import TimeExpression
from newstrace.timex.relative import unit_value

ANAPHORIC = re.compile(
    r"\b(?:that|the\s+(?P<rel>following|same|previous|preceding))\s+(?P<unit>week|month|quarter|year)$",
    re.IGNORECASE,
)
_DELTA = {"": 0, "same": 0, "following": 1, "previous": -1, "preceding": -1}
_MONTH = re.compile(r"^(\d{4})-(\d\d)(?!\d)")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])")
_YEAR = re.compile(r"^(\d{4})(?![\d])")
_NEEDS = {"year": 0, "quarter": 1, "month": 2, "week": 3}  # how fine an anchor a unit needs (a week: a day)


def anchor_anaphora(expressions: Sequence[TimeExpression]) -> list[TimeExpression]:
    """The expressions (in text order) with anaphoric ones resolved from the date narrated before them."""
    out: list[TimeExpression] = []
    previous: list[str] = []
    for expression in expressions:
        found = ANAPHORIC.search(expression.text)
        if found is not None and expression.type == "DATE":
            value = _from_anchor(found["unit"].lower(), _DELTA[(found["rel"] or "").lower()], previous)
            if value is not None:
                expression = dataclasses.replace(expression, value=value)
        if expression.type in ("DATE", "TIME") and _YEAR.match(expression.value):
            previous.append(expression.value)
        out.append(expression)
    return out


def _from_anchor(unit: str, delta: int, previous: list[str]) -> str | None:
    """The value ``delta`` units from the latest earlier value that has the unit's precision."""
    for value in reversed(previous):
        shifted = shift_value(value, unit, delta)
        if shifted is not None:
            return shifted
    return None


def shift_value(value: str, unit: str, delta: int) -> str | None:
    """``value`` (a TIMEX3 date) as a ``unit`` moved by ``delta``; None when it is too coarse for the unit."""
    anchor = _anchor(value)
    if anchor is None or anchor[1] < _NEEDS[unit]:
        return None
    return unit_value(unit, anchor[0], delta)[0]


def _anchor(value: str) -> tuple[date, int] | None:
    """The first day of the period ``value`` names and how fine it is (0 a year ... 3 a day)."""
    day = dt.day_of(value)
    if day is not None:
        return day, 3
    month = _MONTH.match(value)
    first = dt.safe_date(int(month[1]), int(month[2]), 1) if month else None
    if first is not None:
        return first, 2
    quarter = _QUARTER.match(value)
    if quarter:
        first = dt.safe_date(int(quarter[1]), 3 * int(quarter[2]) - 2, 1)
        return (first, 1) if first is not None else None
    year = _YEAR.match(value)
    first = dt.safe_date(int(year[1]), 1, 1) if year else None
    return (first, 0) if first is not None else None
