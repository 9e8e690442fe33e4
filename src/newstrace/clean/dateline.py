"""Opening datelines: ``LONDON, May 5. /TASS/.``, ``WASHINGTON (Sputnik) -``, ``Geneva [Switzerland], January 21 :``."""

from __future__ import annotations

import re

from newstrace.clean.dates import MONTH_RE, month_number
from newstrace.records import Dateline

_PLACE_CAPS = r"(?P<place>[A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,3})"
_PLACE_ANY = r"(?P<place>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})"
_REGION = r"(?:,? \[?(?P<region>[A-Z][\w.'’ -]{1,30}?)\]?)"
_DAY = rf"(?P<month>{MONTH_RE}) (?P<day>\d{{1,2}})(?:,? (?P<year>\d{{4}}))?"
_DASH = r"\s*[-–—:]+\s*"

PATTERNS: tuple[re.Pattern[str], ...] = (
    # LONDON, May 5. /TASS/.
    re.compile(rf"^{_PLACE_CAPS}{_REGION}?, {_DAY}\.? /(?P<agency>[A-Za-z][\w .-]{{0,20}})/\.?\s*"),
    # NEW YORK, May 5 (Reuters) -   |   WASHINGTON (Sputnik) -
    re.compile(rf"^{_PLACE_ANY}{_REGION}?(?:, {_DAY})? \((?P<agency>[A-Z][\w .&-]{{0,24}})\){_DASH}"),
    # Geneva [Switzerland], January 21 :
    re.compile(rf"^{_PLACE_ANY} \[(?P<region>[^\]]{{2,40}})\],? {_DAY}\s*[-–—:]+\s*"),
    # WASHINGTON, May 5 —   |   KYIV, Ukraine, Jan. 21, 2022 —
    re.compile(rf"^{_PLACE_CAPS}{_REGION}?, {_DAY}\.?{_DASH}"),
    # BRUSSELS —
    re.compile(rf"^{_PLACE_CAPS}{_REGION}?\s+[—–-]{{1,2}}\s+"),
)


def parse_dateline(paragraph: str) -> tuple[Dateline, str] | None:
    """Split an opening dateline from the paragraph it starts.

    Returns the :class:`Dateline` and the rest of the paragraph, or None when
    the paragraph does not start with a dateline.
    """
    for pattern in PATTERNS:
        match = pattern.match(paragraph)
        if match and _plausible(match):
            return _dateline(match), paragraph[match.end() :]
    return None


def _plausible(match: re.Match[str]) -> bool:
    place = match["place"]
    if len(place) < 3 and not place.isupper():
        return False
    rest = match.string[match.end() :]
    return bool(rest) and (rest[0].isupper() or rest[0] in "\"“‘'")


def _dateline(match: re.Match[str]) -> Dateline:
    groups = match.groupdict()
    month = month_number(groups["month"]) if groups.get("month") else None
    return Dateline(
        raw=match.group(0).strip(),
        place=groups["place"].strip(),
        region=(groups.get("region") or "").strip() or None,
        month=month,
        day=int(groups["day"]) if groups.get("day") else None,
        year=int(groups["year"]) if groups.get("year") else None,
        outlet=(groups.get("agency") or "").strip() or None,
    )
