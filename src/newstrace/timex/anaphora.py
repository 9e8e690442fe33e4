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
from datetime import date, timedelta

from newstrace.timex import dates as dt
from newstrace.timex.model import TimeExpression

ANAPHORIC = re.compile(
    r"\b(?:that|the\s+(?P<rel>following|same|previous|preceding))\s+(?P<unit>week|month|quarter|year)$",
    re.IGNORECASE,
)
_DELTA = {"": 0, "same": 0, "following": 1, "previous": -1, "preceding": -1}
_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_MONTH = re.compile(r"^(\d{4})-(\d\d)(?!\d)")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])")
_YEAR = re.compile(r"^(\d{4})(?![\d])")


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
    if unit == "year":
        year = _YEAR.match(value)
        return f"{int(year.group(1)) + delta:04d}" if year else None
    if unit == "quarter":
        return _shift_quarter(value, delta)
    if unit == "month":
        month = _MONTH.match(value)
        return dt.month_value(*dt.shift_months(int(month.group(1)), int(month.group(2)), delta)) if month else None
    day = _day(value)
    return dt.week_value(day + timedelta(days=7 * delta)) if day else None


def _shift_quarter(value: str, delta: int) -> str | None:
    quarter = _QUARTER.match(value)
    month = _MONTH.match(value)
    if quarter:
        year, number = int(quarter.group(1)), int(quarter.group(2))
    elif month:
        year, number = int(month.group(1)), (int(month.group(2)) - 1) // 3 + 1
    else:
        return None
    index = year * 4 + number - 1 + delta
    return f"{index // 4:04d}-Q{index % 4 + 1}"


def _day(value: str) -> date | None:
    found = _DAY.match(value)
    return dt.safe_date(int(found.group(1)), int(found.group(2)), int(found.group(3))) if found else None
