"""Reading calendar dates from metadata strings, header lines, URLs and datelines."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_DMY = re.compile(rf"(?<![\d/])(\d{{1,2}})(?:st|nd|rd|th)?\.? ({MONTH_RE}),? (\d{{4}})(?!\d)", re.I)
_MDY = re.compile(rf"(?<![\w])({MONTH_RE}) (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})(?!\d)", re.I)
_URL = re.compile(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:GMT|UTC|[A-Z]{2,4}T)?\s*")
_WEEKDAY = re.compile(
    r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\.?,?", re.I
)
_SITE_PREFIX = re.compile(r"^[\w .&-]{1,30} [|•·] ")
_HEADER_LABEL = re.compile(
    r"^(?:(published|posted|first published|date|updated|last updated|modified)(?: on| at)?:?\s*)", re.I
)


def month_number(name: str) -> int | None:
    """1-12 for an English month name or abbreviation (``Sept.``), else None."""
    return MONTHS.get(name.lower().rstrip("."))


def safe_date(year: int, month: int, day: int) -> date | None:
    """A ``date`` or None when the numbers are not a real calendar day."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_full_date(text: str) -> date | None:
    """The first complete (year, month, day) date written in ``text``."""
    hits: list[tuple[int, date]] = []
    for match in _ISO.finditer(text):
        day = safe_date(int(match[1]), int(match[2]), int(match[3]))
        if day:
            hits.append((match.start(), day))
    for match in _DMY.finditer(text):
        day = _from_parts(match[3], match[2], match[1])
        if day:
            hits.append((match.start(), day))
    for match in _MDY.finditer(text):
        day = _from_parts(match[3], match[1], match[2])
        if day:
            hits.append((match.start(), day))
    return min(hits)[1] if hits else None


def _from_parts(year: str, month: str, day: str) -> date | None:
    number = month_number(month)
    return safe_date(int(year), number, int(day)) if number else None


def parse_date_string(value: str) -> date | None:
    """A date from a metadata value: ISO 8601, RFC 2822 (feeds) or written English."""
    text = value.strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    return find_full_date(text)


def date_from_url(url: str) -> date | None:
    """A date written in a URL path (``/2021/05/08/``, ``/20210508/``)."""
    match = _URL.search(url)
    return safe_date(int(match[1]), int(match[2]), int(match[3])) if match else None


def header_date(line: str) -> tuple[date, str] | None:
    """A date when ``line`` is nothing but a date (with time, weekday or a label).

    Returns the date and the label (``published``, ``updated`` ...) or ``""``.
    ``02:43 GMT08 May 2021`` and ``Jan 21, 2022`` qualify; a sentence that
    mentions a date does not.
    """
    text = _SITE_PREFIX.sub("", " ".join(line.split()))
    if len(text) > 80:
        return None
    label_match = _HEADER_LABEL.match(text)
    label = label_match[1].lower() if label_match and label_match[1] else ""
    body = text[label_match.end() :] if label_match else text
    found = find_full_date(body)
    if found is None:
        return None
    rest = _ISO.sub(" ", _DMY.sub(" ", _MDY.sub(" ", _TIME.sub(" ", body))))
    rest = _WEEKDAY.sub(" ", rest)
    if re.search(r"[A-Za-z]{3,}", re.sub(r"\b(?:GMT|UTC|IST|EST|EDT|CET|MSK|local time)\b", "", rest)):
        return None
    return found, label
