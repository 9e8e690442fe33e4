"""Normalisers for durations (``three months`` -> ``P3M``), sets (``every week``) and vague
references (``now`` -> ``PRESENT_REF``)."""

from __future__ import annotations

import re

from newstrace.timex import lexicon as lx
from newstrace.timex.calendar_names import group
from newstrace.timex.context import Context
from newstrace.timex.model import Resolution

Match = re.Match[str]

# units whose durations are written in years or weeks: unit -> (letter, multiplier)
_SCALED = {"decade": ("Y", 10), "century": ("Y", 100), "millennium": ("Y", 1000), "fortnight": ("W", 2),
           "quarter": ("Q", 1), "night": ("D", 1), "weekend": ("WE", 1)}
_HALF = {"hour": "PT30M", "day": "PT12H", "week": "P3.5D", "month": "P2W", "year": "P6M", "decade": "P5Y",
         "century": "P50Y"}


def duration_value(count: float | None, unit: str) -> str:
    """``P3M``, ``PT16H``, ``P10Y`` for a decade, ``PXY`` when the count is vague."""
    letter, granularity, is_time = lx.UNITS[unit]
    multiplier = 1
    if unit in _SCALED:
        letter, multiplier = _SCALED[unit]
    prefix = "PT" if is_time else "P"
    if count is None:
        return f"{prefix}X{lx.UNITS[unit][0] if unit in ('decade', 'century') else letter}"
    amount = count * multiplier
    if isinstance(amount, float) and not amount.is_integer() and unit in _SMALLER:
        return _with_remainder(amount, unit)
    shown = f"{amount:g}" if isinstance(amount, float) else str(amount)
    return f"{prefix}{shown}{letter}"


# a fraction of a unit written in the next smaller one: unit -> (its size in that unit, that unit's letter)
_SMALLER = {"year": (12, "M"), "day": (24, "H"), "hour": (60, "M"), "minute": (60, "S")}


def _with_remainder(amount: float, unit: str) -> str:
    """``P2Y6M`` for 2.5 years, ``PT5H30M`` for 5.5 hours, ``P1DT12H`` for a day and a half."""
    size, small = _SMALLER[unit]
    whole, rest = int(amount), round((amount - int(amount)) * size)
    letter = lx.UNITS[unit][0]
    if unit == "day":
        return f"P{whole}DT{rest}H" if whole else f"PT{rest}H"
    prefix = "PT" if lx.UNITS[unit][2] else "P"
    return f"{prefix}{whole}{letter}{rest}{small}" if whole else f"{prefix}{rest}{small}"


def _count(words: str) -> float | None:
    key = " ".join(words.lower().split())
    try:
        return float(key) if "." in key else lx.parse_number(key)
    except ValueError:
        return None


def duration(match: Match, ctx: Context) -> Resolution | None:
    """``three months``, ``the past four months``, ``a decade``, ``16-hour``, ``several years``."""
    unit = lx.unit_of(match["unit"])
    if unit is None or group(match, "old"):
        return None
    number = " ".join(match["num"].lower().split())
    if len(number) == 4 and number.isdigit() and 1800 <= int(number) <= 2100:
        return None
    if unit == "quarter" and (word_after(match, ctx) == "of" or "-quarters" in match.group(0).lower()):
        return None
    if unit == "second" and number in ("a", "an", "one") and _noun_follows(match, ctx):
        return None
    if number in ("half a", "half an"):
        return Resolution("DURATION", _HALF[unit], lx.UNITS[unit][1]) if unit in _HALF else None
    count = _count(number)
    if count is not None and (group(match, "half") or group(match, "half2")):
        count += 0.5
    return Resolution("DURATION", duration_value(count, unit), lx.UNITS[unit][1])


def _noun_follows(match: Match, ctx: Context) -> bool:
    """True for ``a second term``: a word, not punctuation, follows the unit."""
    tail = ctx.text[match.end() : match.end() + 20].lstrip()
    return tail[:1].isalpha()


def bare_units(match: Match, ctx: Context) -> Resolution | None:
    """``for years`` -> ``PXY``; ``in recent months`` -> ``PAST_REF``; ``in the coming weeks`` -> ``FUTURE_REF``."""
    span = match["span"].lower()
    unit = lx.unit_of(match["unit"])
    if unit is None:
        return None
    if "coming" in span:
        return Resolution("DATE", "FUTURE_REF", "ref")
    return Resolution("DURATION", duration_value(None, unit), lx.UNITS[unit][1])


def frequency(match: Match, ctx: Context) -> Resolution | None:
    """``every week`` -> ``P1W``, ``daily``, ``twice a year``, ``every Monday`` -> ``XXXX-WXX-1``."""
    if group(match, "adverb"):
        if modifies_noun(match, ctx):
            return None
        value, granularity = lx.FREQUENCY_ADVERBS[match["adverb"].lower()]
        return Resolution("SET", value, granularity)
    word = (group(match, "unit") or group(match, "unit2") or "").lower()
    if word.rstrip("s") in lx.WEEKDAYS:
        return Resolution("SET", f"XXXX-WXX-{lx.WEEKDAYS[word.rstrip('s')]}", "day")
    if word.rstrip("s") in lx.PARTS_OF_DAY:
        return Resolution("SET", f"XXXX-XX-XXT{lx.PARTS_OF_DAY[word.rstrip('s')]}", "day")
    if word in lx.SEASONS:
        return Resolution("SET", f"XXXX-{lx.SEASONS[word]}", "season")
    if word in lx.MONTH_NAMES:
        return _every_month(match)
    unit = lx.unit_of(word)
    if unit is None:
        return None
    every = group(match, "num")
    count = _count(every) if every else 1
    if "other" in match.group(0).lower().split():
        count = 2 * (count or 1)
    return Resolution("SET", duration_value(count, unit), lx.UNITS[unit][1])


def _every_month(match: Match) -> Resolution | None:
    """``each July`` -> ``XXXX-07`` (a capitalised month name: ``every may`` is not one)."""
    name = match["unit"]
    return Resolution("SET", f"XXXX-{lx.MONTHS[name.lower()]:02d}", "month") if name[:1].isupper() else None


_DETERMINERS = frozenset("the a an its his her their our your my any all average initial regular first usual".split())
_NOT_AFTER_SOON = frozenset("as after afterwards thereafter before enough".split())


def modifies_noun(match: Match, ctx: Context) -> bool:
    """True for an adjective use such as ``its quarterly dividend`` or ``the average daily volume``."""
    before = ctx.word_before(match)
    return before in _DETERMINERS or before.endswith("'s") or before.endswith("s'")


def word_after(match: Match, ctx: Context) -> str:
    tail = ctx.text[match.end() : match.end() + 30].split()
    return tail[0].lower().strip(".,;:!?\"')") if tail else ""


def reference(match: Match, ctx: Context) -> Resolution | None:
    """``now``/``currently`` -> ``PRESENT_REF``, ``recently`` -> ``PAST_REF``, ``soon`` -> ``FUTURE_REF``."""
    word = " ".join(match["ref"].lower().split())
    if word == "soon" and word_after(match, ctx) in _NOT_AFTER_SOON:
        return None
    if word == "future" and modifies_noun(match, ctx):
        return None
    if word in lx.PRESENT_WORDS:
        value = "PRESENT_REF"
    elif word in lx.PAST_WORDS:
        value = "PAST_REF"
    else:
        value = "FUTURE_REF"
    return Resolution("DATE", value, "ref")
