"""Word lists for time expressions: numbers, calendar names, units and reference words.

Everything here is plain data plus two tiny lookups; the regular expressions
built from it live in :mod:`newstrace.timex.patterns`.
"""

from __future__ import annotations

import re

UNITS_0_19 = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()

NUMBER_WORDS: dict[str, int] = {word: value for value, word in enumerate(UNITS_0_19)}
NUMBER_WORDS.update({word: 20 + 10 * i for i, word in enumerate(TENS)})
NUMBER_WORDS.update({"a": 1, "an": 1, "one": 1, "a single": 1, "a couple of": 2, "a couple": 2, "couple of": 2,
                     "a dozen": 12, "dozen": 12, "a hundred": 100, "one hundred": 100, "hundred": 100,
                     "a thousand": 1000, "half a": 0, "half an": 0})

VAGUE_NUMBERS = frozenset(
    "a few|few|several|many|some|the few|dozens of|hundreds of|thousands of|multiple|numerous|countless|"
    "the past few|the last few|the next few|the coming few".split("|")
)

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
    "final": 4, "last": 4, "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "19th": 19, "20th": 20,
    "21st": 21, "18th": 18, "17th": 17, "16th": 16, "15th": 15,
}

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
MONTH_NAMES = tuple(name for name in MONTHS if len(name) > 3 or name == "may")
MONTH_ABBREVIATIONS = tuple(name for name in MONTHS if len(name) <= 4 and name not in MONTH_NAMES)

WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_START_MONTH: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "midday": "MI", "noon": "MI", "daytime": "DT", "dawn": "MO",
}

# unit word (singular, lower case) -> (TIMEX3 duration letter, granularity, is a time-of-day unit)
UNITS: dict[str, tuple[str, str, bool]] = {
    "second": ("S", "second", True), "minute": ("M", "minute", True), "hour": ("H", "hour", True),
    "day": ("D", "day", False), "night": ("D", "day", False), "week": ("W", "week", False),
    "weekend": ("WE", "week", False), "fortnight": ("W", "week", False), "month": ("M", "month", False),
    "quarter": ("Q", "quarter", False), "season": ("S", "season", False), "year": ("Y", "year", False),
    "decade": ("DE", "decade", False), "century": ("CE", "century", False),
    "millennium": ("ML", "millennium", False),
}
UNIT_PLURALS: dict[str, str] = {"centuries": "century", "millennia": "millennium"}

# adverbs like "daily" that denote a set: word -> (TIMEX3 value, granularity)
FREQUENCY_ADVERBS: dict[str, tuple[str, str]] = {
    "hourly": ("PT1H", "hour"), "daily": ("P1D", "day"), "nightly": ("P1D", "day"), "weekly": ("P1W", "week"),
    "biweekly": ("P2W", "week"), "monthly": ("P1M", "month"), "quarterly": ("P3M", "quarter"),
    "annually": ("P1Y", "year"), "yearly": ("P1Y", "year"), "semiannually": ("P6M", "month"),
}

PRESENT_WORDS = frozenset(
    "now|currently|current|presently|nowadays|at present|right now|at the moment|these days|for now|"
    "at this time|at this point|at the moment|right now|these days".split("|")
)
PAST_WORDS = frozenset(
    "recently|recent|lately|the past|in the past|once upon a time|long ago|in recent times|not long ago|"
    "some time ago|a while ago|the old days".split("|")
)
FUTURE_WORDS = frozenset(
    "soon|the future|future|in the future|the near future|the near term|the long term|"
    "as soon as possible|someday|the coming days|the coming weeks|the coming months|"
    "the coming years|coming days|coming weeks|coming months|coming years|the days ahead|the weeks ahead|"
    "the months ahead|the years ahead|before long|in due course".split("|")
)

DECADE_WORDS: dict[str, int] = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8,
    "nineties": 9,
}

TIME_ZONES = ("EDT", "EST", "CDT", "CST", "MDT", "MST", "PDT", "PST", "GMT", "UTC", "BST", "CET", "CEST", "MSK")

_COMPOUND = re.compile(r"^(" + "|".join(TENS) + r")[\s-]+(" + "|".join(UNITS_0_19[1:10]) + r")$")


def parse_number(words: str) -> int | None:
    """The value of a number written in digits or words (``"24"``, ``"twenty-four"``, ``"a"``); None if vague."""
    key = " ".join(words.lower().replace(",", "").split())
    if key.isdigit():
        return int(key)
    if key in NUMBER_WORDS:
        return NUMBER_WORDS[key]
    compound = _COMPOUND.match(key)
    if compound:
        return NUMBER_WORDS[compound.group(1)] + NUMBER_WORDS[compound.group(2)]
    return None


def unit_of(word: str) -> str | None:
    """The singular unit name for ``"weeks"``, ``"Centuries"``, ``"year"``; None when not a unit."""
    key = word.lower()
    if key in UNIT_PLURALS:
        return UNIT_PLURALS[key]
    if key in UNITS:
        return key
    if key.endswith("s") and key[:-1] in UNITS:
        return key[:-1]
    return None
