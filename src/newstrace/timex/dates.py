"""Calendar arithmetic: TIMEX3 value strings and choosing a date near the document date.

``direction`` is how an underspecified date relates to the document creation
time: ``"past"`` (on or before it), ``"future"`` (on or after it), ``"near"``
(whichever is closer), or, with a ``last``/``next`` modifier, ``"before"``
and ``"after"`` (strictly).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Literal

Direction = Literal["past", "future", "near", "before", "after"]

_DAY_PREFIX = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")


def day_value(day: date) -> str:
    """``2021-05-04``."""
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def month_value(year: int, month: int) -> str:
    """``2021-05``."""
    return f"{year:04d}-{month:02d}"


def week_value(day: date) -> str:
    """The ISO week containing ``day``: ``2021-W17``."""
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """``(year, month)`` moved by ``delta`` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def shift_date_months(day: date, delta: int) -> date:
    """``day`` moved by ``delta`` months, clipped to the end of the target month."""
    year, month = shift_months(day.year, day.month, delta)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def safe_date(year: int, month: int, day: int) -> date | None:
    """A date, or None when the combination does not exist (31 April, 29 February 2021)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def day_of(value: str) -> date | None:
    """The day a value starting with ``YYYY-MM-DD`` names (``2021-05-04``, ``2021-05-04TEV``); None otherwise."""
    found = _DAY_PREFIX.match(value)
    return safe_date(int(found[1]), int(found[2]), int(found[3])) if found else None


def choose(candidates: list[date], dct: date, direction: Direction) -> date | None:
    """The candidate that fits ``direction`` best relative to ``dct`` (None if none fits)."""
    fitting = [d for d in candidates if _fits(d, dct, direction)]
    if not fitting:
        return None
    return min(fitting, key=lambda d: (abs((d - dct).days), d > dct))


TENSE_FACTOR = 2.0  # the tense may pick a date at most this many times farther than the nearest one


def _fits(day: date, dct: date, direction: Direction) -> bool:
    if direction == "past":
        return day <= dct
    if direction == "future":
        return day >= dct
    if direction == "before":
        return day < dct
    if direction == "after":
        return day > dct
    return True


def month_day_year(month: int, day: int, dct: date, direction: Direction) -> date | None:
    """The year for ``month``/``day`` (no year written): the nearest date, unless the tense points to
    one not much farther away (see :data:`TENSE_FACTOR`); ``before``/``after`` are strict."""
    years = (dct.year - 1, dct.year, dct.year + 1)
    candidates = [d for d in (safe_date(y, month, day) for y in years) if d is not None]
    nearest = choose(candidates, dct, "near")
    fitting = choose(candidates, dct, direction)
    if direction in ("before", "after") or nearest is None or fitting is None:
        return fitting
    return fitting if abs((fitting - dct).days) <= TENSE_FACTOR * abs((nearest - dct).days) else nearest


def month_year(month: int, dct: date, direction: Direction) -> int:
    """The year of a bare month name; the document's own month counts as both past and future."""
    first = dct.replace(day=1)
    candidates = [date(y, month, 1) for y in (dct.year - 1, dct.year, dct.year + 1)]
    chosen = choose(candidates, first, direction)
    return chosen.year if chosen else dct.year


def weekday_date(weekday: int, dct: date, direction: Direction) -> date:
    """The date of ISO ``weekday`` (1 = Monday) around ``dct``; ``near`` prefers the past on ties."""
    candidates = [dct + timedelta(days=offset) for offset in range(-7, 8)]
    candidates = [d for d in candidates if d.isoweekday() == weekday]
    chosen = choose(candidates, dct, direction)
    return chosen if chosen is not None else dct


def this_week_day(weekday: int, dct: date) -> date:
    """The date of ``weekday`` in the ISO week of ``dct``."""
    return dct + timedelta(days=weekday - dct.isoweekday())


def quarter_of(day: date) -> int:
    """1..4."""
    return (day.month - 1) // 3 + 1


def last_completed_quarter(dct: date) -> tuple[int, int]:
    """``(year, quarter)`` of the most recent quarter that ended before ``dct``."""
    year, month = shift_months(dct.year, dct.month, -3)
    return year, (month - 1) // 3 + 1


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ISO ``weekday`` of a month; ``n = -1`` for the last one."""
    days = [date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]
    matching = [d for d in days if d.isoweekday() == weekday]
    return matching[n if n < 0 else n - 1]


def _period(year: int, start_month: int, months: int) -> tuple[date, date]:
    first = date(year, start_month, 1)
    return first, shift_date_months(first, months) - timedelta(days=1)


def period_year(start_month: int, months: int, dct: date, direction: Direction, *, strict: bool = False) -> int:
    """The year of a recurring period (a month, season or quarter) written without one.

    ``past`` takes the latest period that has begun by ``dct``, ``future`` the
    earliest not yet over, ``before``/``after`` exclude the period containing
    ``dct``, and ``near`` the one containing ``dct`` or else the closest.  Unless ``strict``, a
    ``past``/``future`` period much farther away than the nearest one loses to it (:data:`TENSE_FACTOR`).
    """
    spans = {y: _period(y, start_month, months) for y in (dct.year - 1, dct.year, dct.year + 1)}
    fits = {
        "past": [y for y, (s, _) in spans.items() if s <= dct],
        "future": [y for y, (_, e) in spans.items() if e >= dct],
        "before": [y for y, (_, e) in spans.items() if e < dct],
        "after": [y for y, (s, _) in spans.items() if s > dct],
    }
    nearest = min(spans, key=lambda y: _distance(spans[y], dct))
    if direction == "near" or not fits[direction]:
        return nearest
    fitting = max(fits[direction]) if direction in ("past", "before") else min(fits[direction])
    if strict or direction in ("before", "after"):
        return fitting
    close_enough = _distance(spans[fitting], dct) <= TENSE_FACTOR * _distance(spans[nearest], dct)
    return fitting if close_enough else nearest


def _distance(span: tuple[date, date], dct: date) -> int:
    start, end = span
    if start <= dct <= end:
        return 0
    return min(abs((start - dct).days), abs((end - dct).days))
