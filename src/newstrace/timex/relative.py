"""Normalisers for expressions anchored on the document date: weekdays, clock times, ``yesterday``,
``last week``, ``two years ago``, ``the year-earlier quarter``."""

from __future__ import annotations

import re
from datetime import date, timedelta

from newstrace.timex import dates as dt
from newstrace.timex import lexicon as lx
from newstrace.timex.calendar_names import group, month_number, rel_key
from newstrace.timex.context import Context, unresolved
from newstrace.timex.model import Resolution
from newstrace.timex.spans import duration_value

Match = re.Match[str]

_WEEKDAY_DIRECTION: dict[str, dt.Direction] = {
    "last": "before", "past": "before", "previous": "before", "next": "after", "coming": "after",
}
_DELTA = {
    "last": -1, "previous": -1, "past": -1, "preceding": -1, "prior": -1, "next": 1, "coming": 1, "following": 1,
}
_DAY_WORDS = {"today": 0, "tonight": 0, "overnight": 0, "yesterday": -1, "tomorrow": 1,
              "the day before yesterday": -2, "the day after tomorrow": 2}


def _part_code(match: Match) -> str:
    part = group(match, "part")
    return "T" + lx.PARTS_OF_DAY[part.lower()] if part else ""


def weekday(match: Match, ctx: Context) -> Resolution | None:
    """``Tuesday`` (by tense), ``last Friday``, ``this Monday``, ``Sunday night``, ``Tuesdays`` (a set)."""
    number = lx.WEEKDAYS[match["weekday"].lower()]
    part = _part_code(match)
    if group(match, "plural") or group(match, "plural2"):
        return Resolution("SET", f"XXXX-WXX-{number}{part}", "day")
    value = _weekday_value(number, match, ctx)
    return Resolution("TIME" if part else "DATE", value + part, "day")


def _weekday_value(number: int, match: Match, ctx: Context) -> str:
    if ctx.dct is None:
        return f"XXXX-WXX-{number}"
    rel = rel_key(match)
    if rel == "this":
        return dt.day_value(dt.this_week_day(number, ctx.dct))
    direction = _WEEKDAY_DIRECTION.get(rel) or _possessive_direction(match, ctx) or ctx.direction(match)
    return dt.day_value(dt.weekday_date(number, ctx.dct, direction))


_AHEAD = re.compile(r"\b(?:ahead\s+of|before|until|till|upcoming|for)\s+$", re.IGNORECASE)


def _possessive_direction(match: Match, ctx: Context) -> dt.Direction | None:
    """``past`` for ``Wednesday's ruling``: a day named as the owner of a reported event has happened,
    whatever the verb of the sentence (``they would appeal Wednesday's ruling``); not after ``ahead of``."""
    if ctx.text[match.end() : match.end() + 2] not in ("'s", "’s"):
        return None
    return None if _AHEAD.search(ctx.text, max(0, match.start() - 12), match.start()) else "past"


def _day_of_reference(word: str, match: Match, ctx: Context) -> str:
    """The date of ``today``/``Friday``/``May 5`` in a clock-time expression."""
    key = " ".join(word.lower().split())
    if ctx.dct is None:
        return unresolved("day")
    if key in _DAY_WORDS:
        return dt.day_value(ctx.dct + timedelta(days=_DAY_WORDS[key]))
    if key in lx.WEEKDAYS:
        return dt.day_value(dt.weekday_date(lx.WEEKDAYS[key], ctx.dct, ctx.direction(match)))
    chosen = dt.month_day_year(month_number(match["month"]), int(match["day"]), ctx.dct, ctx.direction(match))
    return dt.day_value(chosen) if chosen else unresolved("day")


def _clock(match: Match) -> str | None:
    """``15:00`` from the time groups, or None for an impossible time."""
    if group(match, "named"):
        return {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[match["named"].lower()]
    if group(match, "hour24"):
        hour, minute = int(match["hour24"]), int(match["minute24"])
        return f"{hour:02d}:{minute:02d}" if hour < 24 else None
    if group(match, "clock"):
        hour = lx.parse_number(match["clock"]) or 0
        return f"{hour:02d}:00" if 0 < hour <= 12 else None
    hour, minute = int(match["hour"]), int(group(match, "minute") or 0)
    if not 0 < hour <= 12:
        return None
    afternoon = match["ampm"].lower().startswith("p")
    return f"{hour % 12 + (12 if afternoon else 0):02d}:{minute:02d}"


def clock_time(match: Match, ctx: Context) -> Resolution | None:
    """``3 p.m. Friday`` -> ``2021-05-07T15:00``; a time alone is on the document date."""
    clock = _clock(match)
    if clock is None:
        return None
    reference = group(match, "before") or group(match, "after")
    if reference:
        day = _day_of_reference(reference, match, ctx)
    else:
        day = dt.day_value(ctx.dct) if ctx.dct else unresolved("day")
    return Resolution("TIME", f"{day}T{clock}", "minute")


def relative_day(match: Match, ctx: Context) -> Resolution | None:
    """``yesterday``, ``tomorrow morning``, ``tonight``, ``the day before yesterday``."""
    if ctx.names_a_title(match):
        return None
    word = " ".join(match["word"].lower().split())
    part = _part_code(match) or ("TNI" if word in ("tonight", "overnight") else "")
    value = dt.day_value(ctx.dct + timedelta(days=_DAY_WORDS[word])) if ctx.dct else unresolved("day")
    return Resolution("TIME" if part else "DATE", value + part, "day")


def relative_part(match: Match, ctx: Context) -> Resolution | None:
    """``this morning``, ``last night``."""
    rel = match["rel"].lower()
    offset = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
    if rel == "last" and match["part"].lower() != "night":
        return None
    value = dt.day_value(ctx.dct + timedelta(days=offset)) if ctx.dct else unresolved("day")
    return Resolution("TIME", value + _part_code(match), "day")


def unit_value(unit: str, dct: date, delta: int) -> tuple[str, str]:
    """The value and granularity of the ``unit`` (week, month, ...) ``delta`` units from ``dct``."""
    if unit in ("week", "weekend"):
        value = dt.week_value(dct + timedelta(days=7 * delta))
        return (value + "-WE" if unit == "weekend" else value), "week"
    if unit == "month":
        return dt.month_value(*dt.shift_months(dct.year, dct.month, delta)), "month"
    if unit == "quarter":
        year, month = dt.shift_months(dct.year, dct.month, 3 * delta)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}", "quarter"
    if unit == "decade":
        return f"{dct.year // 10 + delta:03d}", "decade"
    if unit == "century":
        return f"{dct.year // 100 + delta:02d}", "century"
    if unit == "day":
        return dt.day_value(dct + timedelta(days=delta)), "day"
    return f"{dct.year + delta:04d}", "year"


def _unit_key(text: str) -> str:
    words = text.lower().split()
    return "year" if words[-1] == "year" else words[-1]


def relative_unit(match: Match, ctx: Context) -> Resolution | None:
    """``last week`` -> ``2021-W17``, ``next month``, ``this year``; ``the past year`` is a duration."""
    if ctx.names_a_title(match):
        return None
    unit = _unit_key(match["unit"])
    rel = rel_key(match)
    if ctx.dct is None:
        return Resolution("DATE", unresolved(lx.UNITS[unit][1]), lx.UNITS[unit][1])
    value, granularity = unit_value(unit, ctx.dct, _DELTA.get(rel, 0))
    return Resolution("DATE", value, granularity)


def the_unit(match: Match, ctx: Context) -> Resolution | None:
    """``the end of the year``, ``the weekend`` (by tense)."""
    unit = match["unit"].lower()
    if ctx.dct is None:
        return Resolution("DATE", unresolved(lx.UNITS[unit][1]), lx.UNITS[unit][1])
    if unit == "weekend":
        return Resolution("DATE", _weekend(match, ctx), "week")
    value, granularity = unit_value(unit, ctx.dct, 0)
    return Resolution("DATE", value, granularity)


def _weekend(match: Match, ctx: Context) -> str:
    assert ctx.dct is not None
    saturday = dt.weekday_date(6, ctx.dct, ctx.direction(match))
    return dt.week_value(saturday) + "-WE"


def ago(match: Match, ctx: Context) -> Resolution | None:
    """``two years ago`` -> ``2019``; ``three weeks from now``; ``several months ago`` -> ``PAST_REF``.

    ``three days later`` / ``a day earlier`` count from the event just narrated, not from the document
    date: TimeML marks ``three days`` as a duration and ``later`` as a signal, so the rule declines them
    (the duration rule takes the span).  ``a year earlier`` stays a date: in reports it is the
    comparison period (the same quarter or year before the document's).
    """
    unit = lx.unit_of(match["unit"]) or "day"
    direction = match["dir"].lower()
    if direction == "later" or (direction == "earlier" and unit != "year"):
        return None
    future = direction not in ("ago", "earlier")
    count = lx.parse_number(match["num"])
    if lx.UNITS[unit][2]:
        return None
    if count is None:
        return Resolution("DATE", "FUTURE_REF" if future else "PAST_REF", "ref")
    if ctx.dct is None:
        return Resolution("DATE", unresolved(lx.UNITS[unit][1]), lx.UNITS[unit][1])
    delta = count if future else -count
    if unit == "year" and count == 1 and not future and ctx.quarterly:
        return compared_quarter(ctx.dct, -count)
    if unit in ("decade", "century"):
        unit, delta = "year", delta * (10 if unit == "decade" else 100)
    if unit in ("day", "night"):
        return Resolution("DATE", dt.day_value(ctx.dct + timedelta(days=delta)), "day")
    value, granularity = unit_value(unit, ctx.dct, delta)
    return Resolution("DATE", value, granularity)


def compared_quarter(dct: date, years: int) -> Resolution:
    """The quarter being reported on (the last completed one), ``years`` years away."""
    year, number = dt.last_completed_quarter(dct)
    return Resolution("DATE", f"{year + years:04d}-Q{number}", "quarter")


def year_compare(match: Match, ctx: Context) -> Resolution | None:
    """``the year-earlier quarter`` / ``year-ago`` -> the reported quarter a year before."""
    if ctx.dct is None:
        return Resolution("DATE", unresolved("year"), "year")
    noun = (group(match, "noun") or "").lower()
    if noun in ("quarter", "period") or ctx.quarterly:
        return compared_quarter(ctx.dct, -1)
    return Resolution("DATE", f"{ctx.dct.year - 1:04d}", "year")


_PERIOD_WORDS = frozenset({"year-earlier", "year-ago", "prior-year", "comparable", "latest"})


def the_quarter(match: Match, ctx: Context) -> Resolution | None:
    """``the quarter`` / ``the latest quarter`` (the reported one), ``the current quarter``."""
    which = " ".join((group(match, "which") or "").lower().split())
    if match["unit"].lower() == "period" and which not in _PERIOD_WORDS:
        return None
    if ctx.dct is None:
        return Resolution("DATE", unresolved("quarter"), "quarter")
    if which == "current":
        return Resolution("DATE", f"{ctx.dct.year:04d}-Q{dt.quarter_of(ctx.dct)}", "quarter")
    if which in ("year-earlier", "year-ago", "prior-year", "comparable"):
        return compared_quarter(ctx.dct, -1)
    return compared_quarter(ctx.dct, 0)


def the_year(match: Match, ctx: Context) -> Resolution | None:
    """``for the year`` -> the document's year; ``in the year ended June 30`` -> ``P1Y``."""
    unit = match["unit"].lower()
    if group(match, "ended") and "date" not in match["ended"]:
        return Resolution("DURATION", duration_value(1, unit), lx.UNITS[unit][1])
    if ctx.dct is None:
        return Resolution("DATE", unresolved(lx.UNITS[unit][1]), lx.UNITS[unit][1])
    value, granularity = unit_value(unit, ctx.dct, 0)
    return Resolution("DATE", value, granularity)


def year_end(match: Match, ctx: Context) -> Resolution | None:
    """``by year-end`` -> the last day of the document's year (of the previous one after ``since``)."""
    if ctx.dct is None:
        return Resolution("DATE", "XXXX-12-31", "day")
    year = ctx.dct.year - 1 if match["prep"].lower() == "since" else ctx.dct.year
    return Resolution("DATE", f"{year:04d}-12-31", "day")


def year_period(match: Match, ctx: Context) -> Resolution | None:
    """``the 1988 quarter`` -> the reported quarter (the last completed one) of 1988."""
    number = dt.last_completed_quarter(ctx.dct)[1] if ctx.dct else None
    return Resolution("DATE", f"{match['year']}-Q{number if number else 'X'}", "quarter")
