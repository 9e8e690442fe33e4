"""Regular expressions that find candidate time expressions, one rule per kind of expression.

Each rule is a ``(kind, pattern)`` pair; :mod:`newstrace.timex.resolve` holds one
normaliser per kind.  A match may carry a group named ``span``: the expression
is then that group only (the rest of the match is context, such as the
preposition before a bare ``May``).  Overlaps are settled by the caller:
the longest candidate wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newstrace.timex import lexicon as lx


def _alt(words: object) -> str:
    """A non-capturing alternation, longest words first, spaces matching any whitespace."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)  # type: ignore[attr-defined]
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"


_ABBREVIATIONS = r"(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\."
_BARE_ABBREVIATIONS = r"(?:jan|feb|apr|jun|jul|aug|sept|sep|oct|nov|dec)"


def month(name: str = "month", *, abbreviations_without_dot: bool = True) -> str:
    """A month name or abbreviation captured as group ``name``."""
    bare = "|" + _BARE_ABBREVIATIONS if abbreviations_without_dot else ""
    return rf"(?P<{name}>{_alt(lx.MONTH_NAMES)}|{_ABBREVIATIONS}{bare})(?![a-z])"


def day(name: str = "day") -> str:
    return rf"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:.,]\d)\b"


_SPOKEN_TAIL = rf"{_alt(lx.TENS)}(?:[\s-]+{_alt(lx.UNITS_0_19[1:10])})?"
# a year said in words after a month or season: "January nineteen ninety-seven", "spring two thousand and one"
SPOKEN_YEAR = (
    rf"nineteen[\s-]+(?:{_SPOKEN_TAIL}|{_alt(lx.UNITS_0_19[10:])})|"
    rf"two\s+thousand(?:\s+and)?[\s-]+(?:{_SPOKEN_TAIL}|{_alt(lx.UNITS_0_19[1:])})"
)


def year(name: str = "year") -> str:
    """A year in digits (``1998``, ``'98``) or in words (``nineteen ninety-eight``) captured as group ``name``."""
    return rf"(?P<{name}>(?:1[0-9]|20)\d\d|'\d\d|{SPOKEN_YEAR})(?![\d]|,\d|\.\d)\b"


WEEKDAY = rf"(?P<weekday>{_alt(lx.WEEKDAYS)})"
NUM = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|"
    + rf"(?:{_alt(lx.TENS)}(?:[\s-]+{_alt(lx.UNITS_0_19[1:10])})?)|{_alt(lx.NUMBER_WORDS)}|{_alt(lx.VAGUE_NUMBERS)})"
)
HALF = r"(?:\s+1/2|\s*½|\s+and\s+a\s+half)"  # "2 1/2 years", "two and a half hours"
UNIT = (
    r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|centur(?:y|ies)|"
    r"millenni(?:um|a))"
)
MOD_WORDS = (
    r"(?:early|earlier|late|later|mid|middle|the\s+(?:beginning|start|end|middle|rest|remainder|close|turn)\s+of|"
    r"the\s+(?:first|second|latter|last)\s+half\s+of|(?:the\s+)?(?:early|late|latter)\s+part\s+of)"
)
MOD_REQUIRED = rf"{MOD_WORDS}(?:\s*-\s*|\s+)(?:in\s+|of\s+)?"
RANGE_SEP = r"\s*(?:-|–|—|to|through|thru|until|till)\s*"
PART = r"(?P<part>morning|afternoon|evening|night)"
APPROX = (
    r"(?:about|nearly|almost|more\s+than|less\s+than|fewer\s+than|over|up\s+to|at\s+least|some|roughly|around|"
    r"only|just|another|an\s+additional|approximately|barely|well\s+over|under)\s+"
)
TIME = (
    r"(?:(?P<hour>[01]?\d)(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\.?|[ap]m\b)|(?P<hour24>[012]?\d):"
    r"(?P<minute24>[0-5]\d)(?![\d:])|(?P<clock>[01]?\d|" + _alt(lx.UNITS_0_19[1:13]) + r")\s+o'clock|"
    r"(?P<named>noon|midnight|midday))"
)
DAYREF = rf"(?:{_alt(lx.WEEKDAYS)}|today|tomorrow|yesterday|tonight)"
TIME_ZONE = r"(?:\s+(?P<zone>" + "|".join(lx.TIME_ZONES) + r"|local\s+time|\(\d{4}\s+GMT\)))?"

RULES: tuple[tuple[str, str], ...] = (
    ("iso_date", r"\b(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:T(?P<hour>[012]\d):(?P<minute>[0-5]\d))?\b"),
    ("slash_date", r"(?<![\d/])(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>\d{4}|\d{2})(?![\d/])"),
    ("month_day", rf"\b(?:{WEEKDAY},?\s+)?{month()}\s*{day()}"
                  rf"(?:{RANGE_SEP}(?:{month('month2')}\s*)?{day('day2')})?(?:,?\s+{year()})?"),
    ("day_month", rf"\b(?:{WEEKDAY},?\s+)?(?:the\s+)?{day()}(?:{RANGE_SEP}{day('day2')})?\s+(?:of\s+)?"
                  rf"{month(abbreviations_without_dot=False)}(?:,?\s+{year()})?"),
    ("month_year", rf"\b{month()},?\s+(?:of\s+)?{year()}"),
    ("month", rf"\b(?:(?P<rel>last|next|this|past|coming|previous|that|the\s+following|the\s+previous)\s+)?"
              rf"{month(abbreviations_without_dot=False)}(?!\s*\d)(?:,?\s+(?:of\s+)?(?P<relyear>this|last|next)\s+year)?"),
    ("decade", rf"\b(?:(?P<century>1\d|20)(?P<decade>\d)0'?s|'(?P<short>\d)0s|"
               rf"(?P<word>{_alt(lx.DECADE_WORDS)}))\b"),
    ("century", rf"\b(?P<ord>{_alt(lx.ORDINALS)})[\s-]+century\b"),
    ("year", r"(?<![\d$£€#.,/-])(?:(?P<fiscal>fiscal|calendar|(?:the\s+)?(?:fiscal\s+|calendar\s+|model\s+)?year)"
             r"\s+)?\b(?P<year>1[5-9]\d\d|20\d\d|'\d\d)(?:'s)?(?![\d]|,\d|\.\d|\s*(?:%|percent))\b"),
    ("season", rf"\b(?:(?P<rel>last|this|next|past|coming|that|the)\s+)?(?P<season>spring|summer|fall|autumn|winter)"
               rf"\b(?:\s+(?:of\s+)?(?:{year()}|(?P<relyear>this|last|next)\s+year))?"),
    ("quarter", r"\b(?:(?:the|its|this|last|next|a)\s+)?(?:(?P<yearpre>(?:1[0-9]|20)\d\d|this\s+year's|last\s+year's|"
                r"next\s+year's)\s+)?(?:(?:fiscal|calendar)\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final)"
                r"[\s-]+(?:fiscal[\s-]+)?(?:quarter|period|half)(?:\s+of\s+(?:(?:fiscal|calendar)\s+)?(?:the\s+year\s+)?"
                r"(?:(?P<year>(?:1[0-9]|20)\d\d)|(?P<relyear>this|last|next)\s+year))?\b"),
    ("the_quarter", r"\bthe\s+(?P<which>(?:latest|current|same|previous|past|most\s+recent|recent|year-earlier|"
                    r"year-ago|prior-year|comparable|fiscal|just-ended|just-completed)\s+)?(?P<unit>quarter|period)\b"
                    r"(?![\s-]+(?:ended|ending))"),
    ("the_year", r"\b(?:for|in|during|throughout|through|of|over)\s+(?P<span>the\s+(?:(?:full|fiscal|calendar|"
                 r"latest|current|entire|whole)\s+)*(?P<unit>year|week|month))\b"
                 r"(?P<ended>\s+(?:ended|ending|that\s+ended|to\s+date))?"),
    ("year_end", r"\b(?P<prep>by|at|since|before|after|until|till|through|around)\s+"
                 r"(?P<span>(?:the\s+)?year[\s-]end)\b"),
    ("year_period", r"\bthe\s+(?P<year>(?:19|20)\d\d)\s+(?:fiscal\s+)?(?:quarter|period)\b"),
    ("spoken_year", rf"\b(?:the\s+year\s+)?(?P<head>nineteen|two\s+thousand(?:\s+and)?)(?:[\s-]+"
                    rf"(?P<tail>(?:{_alt(lx.TENS)})(?:[\s-]+{_alt(lx.UNITS_0_19[1:10])})?|{_alt(lx.UNITS_0_19[1:])}))?\b"),
    ("year_compare", r"\b(?:the\s+)?year[\s-](?:earlier|ago)(?:\s+(?P<noun>quarter|period|level|figure))?\b"),
    ("weekday", rf"\b(?:(?P<rel>last|next|this|past|coming|previous)\s+)?{WEEKDAY}(?P<plural>s)?"
                rf"(?:\s+{PART}(?P<plural2>s)?)?\b"),
    ("time", rf"(?:\b(?P<before>{DAYREF})\s+(?:at\s+|{PART}\s+at\s+)?)?\b{TIME}{TIME_ZONE}"
             rf"(?:,?\s+(?:on\s+)?(?P<after>{DAYREF}|(?:{month('month')}\s*{day()}))\b)?"),
    ("relday", r"\b(?P<word>today|yesterday|tomorrow|tonight|overnight|the\s+day\s+before\s+yesterday|"
               r"the\s+day\s+after\s+tomorrow)(?:\s+(?P<part>morning|afternoon|evening|night))?\b"),
    ("relpart", r"\b(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part>morning|afternoon|evening|night)\b"),
    ("relunit", r"\b(?P<the>the\s+)?(?P<rel>last|next|this|past|coming|previous|current|following|that|same|"
                r"preceding|prior|present)\s+(?P<unit>week|weekend|month|year|decade|century|quarter|"
                r"(?:fiscal|calendar|school|academic)\s+year)\b"),
    ("the_unit", rf"\b(?P<mod2>{MOD_REQUIRED})the\s+(?P<unit>year|month|week|decade|century)\b"),
    ("weekend", r"\bthe\s+(?P<unit>weekend)\b"),
    ("ago", rf"\b(?P<num>{NUM})[\s-]+(?P<unit>{UNIT})s?\s+(?P<dir>ago|earlier|later|from\s+now|hence)\b"),
    ("duration", rf"\b(?:(?P<rel>past|last|next|coming|first|previous|following|final|remaining|recent|entire|"
                 r"whole|full|same|initial|latest|further|additional|other|preceding|subsequent|ensuing|"
                 r"year[\s-](?:earlier|ago))\s+)?"
                 rf"(?P<num>{NUM})(?P<half>{HALF})?[\s-]+(?P<unit>{UNIT})s?\b(?P<half2>\s+and\s+a\s+half\b)?"
                 r"(?P<old>[\s-]+old)?"),
    ("bare_units", rf"\b(?:for|over|in|within|during|after|take|took|takes|lasted|last|lasting)\s+(?P<span>(?:the\s+)?"
                   rf"(?:(?:past|last|next|coming|recent|few|several|many)\s+)*(?P<unit>{UNIT})s)\b"),
    ("set", rf"\b(?:(?:every|each|per)\s+(?:other\s+)?(?:(?P<num>{NUM})\s+)?(?P<unit>{UNIT}|{WEEKDAY}|morning|"
            rf"afternoon|evening|night|{_alt(lx.MONTH_NAMES)}|{_alt(lx.SEASONS)})s?|"
            rf"(?P<adverb>{_alt(lx.FREQUENCY_ADVERBS)})|(?:once|twice|thrice|"
            rf"(?P<times>{NUM})\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit2>{UNIT}))\b"),
    ("ref", rf"\b(?P<ref>{_alt(lx.PRESENT_WORDS | lx.PAST_WORDS | lx.FUTURE_WORDS)})(?![\w-])"),
    ("holiday", r"\b(?:(?P<rel>last|next|this)\s+)?(?P<name>christmas(?:\s+eve|\s+day)?|new\s+year's(?:\s+eve|\s+day)?|"
                r"thanksgiving(?:\s+day)?|easter(?:\s+sunday|\s+monday)?|good\s+friday|independence\s+day|"
                r"july\s+fourth|fourth\s+of\s+july|halloween|valentine's\s+day|labor\s+day|memorial\s+day|"
                r"new\s+year)\b(?:,?\s+(?:of\s+)?" + year() + ")?"),
)

COMPILED: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in RULES
)
PRIORITY = {kind: index for index, (kind, _) in enumerate(RULES)}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A rule's match: the expression's character span and the match that found it."""

    kind: str
    start: int
    end: int
    match: re.Match[str]

    @property
    def length(self) -> int:
        return self.end - self.start


_MODIFIER = re.compile(rf"\b{MOD_REQUIRED}$", re.IGNORECASE)
_APPROX = re.compile(rf"\b{APPROX}$", re.IGNORECASE)
_THE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_DATED = ("month_day", "day_month", "month_year", "month", "year", "season", "weekday", "relunit", "decade",
          "century", "quarter", "holiday", "relday", "relpart", "weekday", "the_quarter")
EXTENSIONS: dict[str, tuple[re.Pattern[str], ...]] = {kind: (_MODIFIER,) for kind in _DATED}
EXTENSIONS.update({"decade": (_MODIFIER, _THE), "century": (_MODIFIER, _THE), "duration": (_APPROX, _THE),
                   "ago": (_APPROX,)})
LOOKBACK = 60


def extend_left(kind: str, text: str, start: int) -> int:
    """Move ``start`` left over modifiers the rule allows (``early``, ``the end of``, ``about``), up to ``the``."""
    patterns = EXTENSIONS.get(kind, ())
    for _ in range(3):
        if text[start : start + 4].lower() == "the ":
            return start
        found = None
        for pattern in patterns:
            found = pattern.search(text, max(0, start - LOOKBACK), start)
            if found:
                break
        if found is None:
            return start
        start = found.start()
    return start


_UNIT_WORDS = frozenset(
    [*lx.UNITS, *(u + "s" for u in lx.UNITS), "centuries", "millennia"]
)
_REF_ANCHORS = frozenset(
    phrase.split()[-1] for phrase in lx.PRESENT_WORDS | lx.PAST_WORDS | lx.FUTURE_WORDS
) - {"s"} | {"today"}
_MONTH_WORDS = frozenset(lx.MONTHS)
# the words near which each rule can match ("#year": a 1500-2099 number, "#clock": digits before a colon)
ANCHORS: dict[str, frozenset[str] | None] = {
    "iso_date": None, "slash_date": None,
    "month_day": _MONTH_WORDS, "day_month": _MONTH_WORDS, "month_year": _MONTH_WORDS, "month": _MONTH_WORDS,
    "decade": frozenset({"s", *lx.DECADE_WORDS}), "century": frozenset({"century"}),
    "year": frozenset({"#year", "fiscal", "fy"}), "season": frozenset(lx.SEASONS),
    "quarter": frozenset({"quarter", "half"}), "the_quarter": frozenset({"quarter", "period"}),
    "year_compare": frozenset({"earlier", "ago"}), "the_year": frozenset({"year", "week", "month"}),
    "year_end": frozenset({"end"}), "year_period": frozenset({"quarter", "period"}),
    "spoken_year": frozenset({"nineteen", "thousand"}), "weekday": frozenset(lx.WEEKDAYS),
    "time": frozenset({"m", "am", "pm", "noon", "midnight", "midday", "clock", "#clock"}),
    "relday": frozenset({"today", "yesterday", "tomorrow", "tonight", "overnight"}),
    "relpart": frozenset({"morning", "afternoon", "evening", "night"}),
    "relunit": _UNIT_WORDS, "the_unit": _UNIT_WORDS, "weekend": frozenset({"weekend"}),
    "ago": frozenset({"ago", "earlier", "later", "now", "hence"}), "duration": _UNIT_WORDS,
    "bare_units": _UNIT_WORDS, "ref": _REF_ANCHORS,
    "set": frozenset({"every", "each", "per", "once", "twice", "thrice", "times", *lx.FREQUENCY_ADVERBS}),
    "holiday": frozenset({"christmas", "new", "thanksgiving", "easter", "good", "independence", "july",
                          "fourth", "halloween", "valentine", "labor", "memorial"}),
}
REACH = 60
_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_SPACE = re.compile(r"\s")


def _anchor_key(token: re.Match[str], text: str) -> str:
    word = token.group().lower()
    if not word[0].isdigit():
        return word
    if len(word) == 4 and 1500 <= int(word) <= 2099:
        return "#year"
    return "#clock" if text[token.end() : token.end() + 1] == ":" else word


def anchor_positions(text: str) -> dict[str, list[int]]:
    """Start offsets of every anchor word in ``text``, keyed by the anchor."""
    wanted = frozenset().union(*(words for words in ANCHORS.values() if words))
    positions: dict[str, list[int]] = {}
    for token in _TOKEN.finditer(text):
        key = _anchor_key(token, text)
        if key in wanted:
            positions.setdefault(key, []).append(token.start())
    return positions


def windows(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """Merged ``[start - REACH, start + REACH]`` windows, ends moved to the next whitespace."""
    merged: list[tuple[int, int]] = []
    for start in sorted(starts):
        low = max(0, start - REACH)
        space = _SPACE.search(text, min(len(text), start + REACH))
        high = space.start() if space else len(text)
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return merged


def find_candidates(text: str) -> Iterator[Candidate]:
    """Every match of every rule (overlapping), searched only near the rule's anchor words."""
    positions = anchor_positions(text)
    for kind, pattern in COMPILED:
        words = ANCHORS[kind]
        spans = [(0, len(text))] if words is None else windows(text, [p for w in words for p in positions.get(w, ())])
        seen: set[tuple[int, int]] = set()
        for low, high in spans:
            for match in pattern.finditer(text, low, high):
                start, end = match.span("span") if "span" in pattern.groupindex else match.span()
                if end > start and (start, end) not in seen:
                    seen.add((start, end))
                    yield Candidate(kind, start, end, match)


def by_preference(candidates: list[Candidate]) -> list[Candidate]:
    """Longest first; on equal length, earlier rules first."""
    return sorted(candidates, key=lambda c: (-c.length, PRIORITY[c.kind], c.start))
