"""Normalisers for expressions built on calendar names: dates, months, years, seasons, quarters, holidays."""

from __future__ import annotations

import re
from datetime import date, timedelta

from newstrace.timex import dates as dt
from newstrace.timex import lexicon as lx
from newstrace.timex.context import Context, unresolved
from newstrace.timex.model import Resolution

Match = re.Match[str]

_REL_DIRECTION: dict[str, dt.Direction] = {
    "last": "before", "past": "before", "previous": "before", "the previous": "before",
    "next": "after", "coming": "after", "the following": "after",
}
_BARE_MONTH_CONTEXT = frozenset(
    "in since until till by of during through from to before after between and or early late mid last next "
    "this each every on mid- mid earlier later".split()
)
_SEASON_CONTEXT = (_BARE_MONTH_CONTEXT | {"the", "that", "whole", "entire", "all"}) - {"to"}


def group(match: Match, name: str) -> str | None:
    """A named group's text, or None when the rule has no such group or it did not take part."""
    return match.groupdict().get(name)


def rel_key(match: Match, name: str = "rel") -> str:
    return " ".join((group(match, name) or "").lower().split())


def month_number(word: str) -> int:
    return lx.MONTHS[word.lower().rstrip(".")]


def year_number(text: str) -> int:
    """``1998`` from ``"1998"``, ``"'98"`` (two digits: 1930-2029) or ``"nineteen ninety-eight"``."""
    if text[:1].isalpha():
        return spoken_year_number(text)
    digits = text.lstrip("'")
    value = int(digits)
    if len(digits) == 2:
        value += 1900 if value >= 30 else 2000
    return value


def spoken_year_number(text: str) -> int:
    """``1997`` from ``"nineteen ninety-seven"``, ``2001`` from ``"two thousand and one"`` (0 if unreadable)."""
    words = text.lower().replace("-", " ").split()
    if words[:1] == ["nineteen"]:
        century, rest = 1900, words[1:]
    else:
        century, rest = 2000, [w for w in words[2:] if w != "and"]
    tail = lx.parse_number(" ".join(rest)) if rest else 0
    return century + tail if tail is not None else 0


def relyear(match: Match, dct: date | None) -> int | None:
    """The year given by ``this/last/next year`` or an explicit year group."""
    if group(match, "year"):
        return year_number(group(match, "year") or "")
    rel = rel_key(match, "relyear")
    if rel and dct is not None:
        return dct.year + {"this": 0, "last": -1, "next": 1}[rel]
    return None


def plausible_month(match: Match, ctx: Context, name: str = "month") -> bool:
    """Month names must be capitalised; ``May`` and ``March`` alone need a preposition or modifier first."""
    word = group(match, name) or ""
    if not word[:1].isupper():
        return False
    if word.lower() in ("may", "march") and not group(match, "rel"):
        return ctx.word_before(match) in _BARE_MONTH_CONTEXT
    return True


def iso_date(match: Match, ctx: Context) -> Resolution | None:
    day = dt.safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
    if day is None:
        return None
    if match["hour"]:
        return Resolution("TIME", f"{dt.day_value(day)}T{match['hour']}:{match['minute']}", "minute")
    return Resolution("DATE", dt.day_value(day), "day")


def slash_date(match: Match, ctx: Context) -> Resolution | None:
    day = dt.safe_date(year_number(match["year"]), int(match["month"]), int(match["day"]))
    return Resolution("DATE", dt.day_value(day), "day") if day else None


def _anchor_day(month: int, day: int, explicit_year: int | None, match: Match, ctx: Context) -> str | None:
    if explicit_year is not None:
        found = dt.safe_date(explicit_year, month, day)
        return dt.day_value(found) if found else None
    if ctx.dct is None:
        return f"XXXX-{month:02d}-{day:02d}" if dt.safe_date(2000, month, day) else None
    chosen = dt.month_day_year(month, day, ctx.dct, ctx.direction(match))
    return dt.day_value(chosen) if chosen else None


def calendar_date(match: Match, ctx: Context) -> Resolution | None:
    """``April 13``, ``13 April 2021``, ``June 11-13``, ``May 30 - June 2``."""
    if not match["month"][:1].isupper() and not group(match, "year"):
        return None
    month = month_number(match["month"])
    year = year_number(match["year"]) if group(match, "year") else None
    value = _anchor_day(month, int(match["day"]), year, match, ctx)
    if value is None:
        return None
    end_value = None
    if group(match, "day2"):
        month2 = month_number(match["month2"]) if group(match, "month2") else month
        end_value = _range_end(value, month2, int(match["day2"]))
    return Resolution("DATE", value, "day", end_value)


def _range_end(start_value: str, month: int, day: int) -> str | None:
    year = start_value[:4]
    if not year.isdigit():
        return f"XXXX-{month:02d}-{day:02d}"
    end = dt.safe_date(int(year), month, day)
    if end is not None and dt.day_value(end) < start_value:
        end = dt.safe_date(int(year) + 1, month, day)
    return dt.day_value(end) if end else None


def month_year(match: Match, ctx: Context) -> Resolution | None:
    if not (group(match, "month") or "")[:1].isupper():
        return None
    return Resolution("DATE", dt.month_value(year_number(match["year"]), month_number(match["month"])), "month")


def month_alone(match: Match, ctx: Context) -> Resolution | None:
    """``June``, ``last November``, ``earlier in May``, ``May of next year``."""
    if not plausible_month(match, ctx):
        return None
    month = month_number(match["month"])
    year = relyear(match, ctx.dct)
    if year is None and ctx.dct is not None:
        rel = rel_key(match)
        direction = _REL_DIRECTION.get(rel) or ctx.direction(match, "past")
        year = ctx.dct.year if rel == "this" else dt.period_year(month, 1, ctx.dct, direction)
    value = dt.month_value(year, month) if year is not None else f"XXXX-{month:02d}"
    return Resolution("DATE", value, "month")


def year_alone(match: Match, ctx: Context) -> Resolution | None:
    text = match["year"]
    if text.startswith("'") and not group(match, "fiscal"):
        return None
    return Resolution("DATE", f"{year_number(text):04d}", "year")


def decade(match: Match, ctx: Context) -> Resolution | None:
    """``the 1990s`` -> ``199``; ``the '80s`` / ``the eighties`` -> ``198``."""
    if group(match, "century"):
        return Resolution("DATE", f"{match['century']}{match['decade']}", "decade")
    digit = int(match["short"]) if group(match, "short") else lx.DECADE_WORDS[match["word"].lower()]
    century = 19 if group(match, "word") or digit >= 3 else 20
    return Resolution("DATE", f"{century}{digit}", "decade")


def century(match: Match, ctx: Context) -> Resolution | None:
    number = lx.ORDINALS[match["ord"].lower()]
    return Resolution("DATE", f"{number - 1:02d}", "century") if number >= 10 else None


def season(match: Match, ctx: Context) -> Resolution | None:
    """``spring 2020`` -> ``2020-SP``; ``last fall``; ``this summer``; ``in the winter``."""
    code = lx.SEASONS[match["season"].lower()]
    rel = rel_key(match)
    anchored = rel not in ("", "the") or group(match, "year") or group(match, "relyear")
    if not anchored and ctx.word_before(match) not in _SEASON_CONTEXT:
        return None
    year = relyear(match, ctx.dct)
    if year is None and ctx.dct is not None:
        direction = _REL_DIRECTION.get(rel) or ctx.direction(match)
        year = ctx.dct.year if rel == "this" else dt.period_year(lx.SEASON_START_MONTH[code], 3, ctx.dct, direction)
    return Resolution("DATE", f"{year:04d}-{code}" if year is not None else f"XXXX-{code}", "season")


def quarter(match: Match, ctx: Context) -> Resolution | None:
    """``the third quarter`` (of the document's year unless it has not begun), ``fiscal 1990's first half``.

    Results are reported after a quarter ends, so without a future cue it is the latest one that has begun;
    a future cue picks the next one not yet over unless the one just ended is much closer
    (``a third-quarter loss`` read in October, next to an unrelated ``plans to``).
    """
    number = lx.ORDINALS[match["ord"].lower()]
    is_half = match.group(0).lower().rstrip().endswith("half")
    if is_half and number > 2:
        return None
    year = _quarter_year(match, ctx)
    label = f"H{number}" if is_half else f"Q{number}"
    if year is None and ctx.dct is not None:
        start = (number - 1) * (6 if is_half else 3) + 1
        direction: dt.Direction = "future" if ctx.direction(match) == "future" else "past"
        year = dt.period_year(start, 6 if is_half else 3, ctx.dct, direction, strict=direction == "past")
    value = f"{year:04d}-{label}" if year is not None else f"XXXX-{label}"
    return Resolution("DATE", value, "half" if is_half else "quarter")


def _quarter_year(match: Match, ctx: Context) -> int | None:
    before = (group(match, "yearpre") or "").lower()
    if before[:1].isdigit():
        return int(before)
    if before and ctx.dct is not None:
        return ctx.dct.year + {"this": 0, "last": -1, "next": 1}[before.split()[0]]
    return relyear(match, ctx.dct)


HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "new year's": (1, 1),
    "new year's day": (1, 1), "new year": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
    "july fourth": (7, 4), "fourth of july": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14),
}


def holiday_date(name: str, year: int) -> date:
    """The date of a named holiday in ``year`` (US holidays for Thanksgiving, Labor and Memorial Day)."""
    if name in HOLIDAYS:
        return date(year, *HOLIDAYS[name])
    if name.startswith("thanksgiving"):
        return dt.nth_weekday(year, 11, 4, 4)
    if name == "labor day":
        return dt.nth_weekday(year, 9, 1, 1)
    if name == "memorial day":
        return dt.nth_weekday(year, 5, 1, -1)
    offsets = {"good friday": -2, "easter monday": 1}
    return dt.easter(year) + timedelta(days=offsets.get(name, 0))


def holiday(match: Match, ctx: Context) -> Resolution | None:
    name = " ".join(match["name"].lower().split())
    if not match["name"][:1].isupper():
        return None
    if group(match, "year"):
        return Resolution("DATE", dt.day_value(holiday_date(name, year_number(match["year"]))), "day")
    if ctx.dct is None:
        return Resolution("DATE", unresolved("day"), "day")
    years = (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)
    candidates = [holiday_date(name, y) for y in years]
    rel = rel_key(match)
    direction = _REL_DIRECTION.get(rel) or ctx.direction(match)
    chosen = candidates[1] if rel == "this" else dt.choose(candidates, ctx.dct, direction)
    return Resolution("DATE", dt.day_value(chosen or candidates[1]), "day")


def spoken_year(match: Match, ctx: Context) -> Resolution | None:
    """``nineteen ninety-six`` -> ``1996``, ``the year two thousand`` -> ``2000``."""
    head = match["head"].lower()
    tail = lx.parse_number(match["tail"]) if group(match, "tail") else 0
    if tail is None or (head == "nineteen" and not tail):
        return None
    if head == "nineteen" and tail < 10:
        return None
    if head.startswith("two") and not tail and not match.group(0).lower().startswith("the"):
        return None
    return Resolution("DATE", f"{(1900 if head == 'nineteen' else 2000) + tail:04d}", "year")
