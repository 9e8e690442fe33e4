"""Site chrome in plain text: whole chrome lines, glued promo headlines, tag lists.

Patterns live in ``newstrace/data/chrome.json``.  Every function here is pure:
it returns what it kept and what it removed so decisions can be audited.
"""

from __future__ import annotations

import re
from functools import cache

from newstrace import settings

_GLUE = re.compile(r"(?<=[a-z0-9.!?’'\"”)»\]])(?=[A-Z])")
_CAMEL_WORDS = frozenset(
    "youtube linkedin whatsapp playstation iphone ipad macbook mcdonald mcdonald's powerpoint "
    "javascript paypal softbank openai deepmind blackrock fedex github tiktok wechat facebook "
    "easyjet jetblue smartphone ebay airbnb".split()
)


@cache
def _chrome_re() -> re.Pattern[str]:
    lines = settings.load("chrome")["lines"]
    return re.compile("(?:" + "|".join(lines) + r")[\s.:!|»›>-]*", re.I)


@cache
def _promo_re() -> re.Pattern[str]:
    prefixes = settings.load("chrome")["promo_prefixes"]
    return re.compile(r"(?:^|(?<=[.!?”\"’]) ?)(?:" + "|".join(prefixes) + r")\s*", re.I)


def is_chrome_line(line: str) -> bool:
    """True when the whole line is site chrome, also when chrome words are glued together."""
    text = " ".join(line.split())
    if not text:
        return True
    if _chrome_re().fullmatch(text) or is_menu_line(text):
        return True
    parts = [p.strip() for p in _GLUE.split(text)]
    return len(parts) > 1 and all(_chrome_re().fullmatch(p) for p in parts if p)


_MENU_SEPARATORS = re.compile(r"\s+[|•·»›]\s+")


def is_menu_line(text: str) -> bool:
    """A navigation line: three or more short items between ``|`` or bullet separators."""
    items = _MENU_SEPARATORS.split(text)
    return len(items) >= 3 and all(0 < len(i.split()) <= 4 for i in items)


def is_promo_label(line: str) -> bool:
    """A line such as ``Read more`` whose next line is a promoted headline."""
    labels = settings.load("chrome")["promo_labels"]
    return " ".join(line.split()).lower().rstrip(" :.»›>") in labels


def split_promos(line: str) -> list[tuple[str, bool]]:
    """Split a line into ``(segment, is_promo)`` pieces.

    A promo such as ``Also on example.com Headline`` runs up to the point where
    the next real sentence was glued onto it without a space
    (``...after meeting MinisterThe minister said``); that sentence is kept.
    """
    match = _promo_re().search(line)
    if match is None:
        return [(line, False)]
    pieces: list[tuple[str, bool]] = []
    if line[: match.start()].strip():
        pieces.append((line[: match.start()].strip(), False))
    body_start = match.end()
    glue = first_glue(line, body_start)
    if glue is None:
        pieces.append((line[match.start() :].strip(), True))
        return pieces
    pieces.append((line[match.start() : glue].strip(), True))
    pieces.extend(split_promos(line[glue:]))
    return pieces


def first_glue(text: str, start: int = 0) -> int | None:
    """Index where a capitalised word is glued onto the previous one, if any."""
    for match in _GLUE.finditer(text, start):
        pos = match.start()
        if pos <= start or text[pos - 1].isspace() or _opens_quote(text, pos - 1):
            continue
        if _word_at(text, pos).lower().strip("’'\".,") in _CAMEL_WORDS:
            continue
        if len(text[pos:].split()) >= 2:
            return pos
    return None


def _opens_quote(text: str, index: int) -> bool:
    """True when ``text[index]`` is a quote mark that opens a quotation."""
    return text[index] in "'\"‘“«" and (index == 0 or text[index - 1].isspace())


def _word_at(text: str, pos: int) -> str:
    left = pos
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = pos
    while right < len(text) and not text[right].isspace():
        right += 1
    return text[left:right]


_TAG_ITEM = re.compile(r"[A-Z0-9][\w'’.&-]*(?: [\w'’.&-]+){0,4}")


def parse_tag_list(line: str) -> tuple[str, ...] | None:
    """The tags of a trailing tag line (``Name One, Name Two, Country, Topic``), else None."""
    text = line.strip()
    if text.endswith((".", "!", "?", ":", ";", "\"", "”")):
        return None
    items = [i.strip() for i in text.split(",")]
    if len(items) < 3 or not all(_TAG_ITEM.fullmatch(i) for i in items):
        return None
    if any(len(i.split()) > 5 for i in items):
        return None
    return tuple(items)
