"""Boilerplate in the text of a whole web page copied as plain text.

Menus, footers and teasers come as runs of short lines.  Each line becomes a
paragraph for jusText's context-free classifier (length and stop-word density
in the page's own language; no links in plain text).  The article is the span
with the highest total score (good paragraphs add, short and bad lines take
away), so an isolated good paragraph far from it (a cookie notice, a footer
blurb) is left out.  Inside the span, prose is kept and runs of short lines or
teaser headlines (menus, link lists, related stories) are dropped.
"""

from __future__ import annotations

from functools import cache
from html import escape

import justext

from newstrace.clean.language import detect_language
from newstrace.clean.shapes import TERMINAL, is_headline, is_sentence_like

JUSTEXT_LANGUAGES: dict[str, str] = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "ru": "Russian", "pl": "Polish", "cs": "Czech",
    "sk": "Slovak", "sv": "Swedish", "da": "Danish", "no": "Norwegian_Bokmal", "nb": "Norwegian_Bokmal",
    "fi": "Finnish", "tr": "Turkish", "uk": "Ukrainian", "hu": "Hungarian", "ro": "Romanian",
    "el": "Greek", "bg": "Bulgarian", "hr": "Croatian", "sr": "Serbian", "sl": "Slovenian",
    "lt": "Lithuanian", "lv": "Latvian", "et": "Estonian", "id": "Indonesian", "ca": "Catalan",
}  # fmt: skip
MIN_BLOCKS = 10
SHORT_WORDS = 6
SHORT_SHARE = 0.3
#: How much each context-free class adds to a span's score.
CLASS_SCORES: dict[str, float] = {"good": 3.0, "neargood": 1.0, "short": -0.3, "bad": -1.0}
#: What a near-good line without sentence punctuation adds (a teaser headline, not prose).
TEASER_SCORE = 0.0
#: A run of this many short, bad or teaser lines inside the main span is a menu or link list.
SHORT_RUN = 3
#: Lines of this many words show whether the stop-word list fits the page.
PROSE_WORDS = 10
#: Below this share of stop words in its longer lines, the page is in another language.
MIN_STOPWORD_SHARE = 0.15
_PUNCTUATION = ".,;:!?\"'“”‘’()«»[]"
#: How far before the main span a headline may stand.
TITLE_REACH = 3


def looks_like_page_copy(blocks: list[str]) -> bool:
    """True when many blocks are short lines, as in a copied web page with its menus."""
    if len(blocks) < MIN_BLOCKS:
        return False
    short = sum(1 for b in blocks if len(b.split()) < SHORT_WORDS)
    return short / len(blocks) >= SHORT_SHARE


@cache
def _stoplist(language: str | None) -> frozenset[str]:
    name = JUSTEXT_LANGUAGES.get(language or "en")
    return frozenset(justext.get_stoplist(name)) if name else frozenset()


def page_language(blocks: list[str]) -> str | None:
    """The language of the page's longer lines (menus carry little evidence)."""
    prose = " ".join(b for b in blocks if len(b.split()) >= SHORT_WORDS)
    return detect_language(prose or " ".join(blocks), sample=4000)


def stoplist_for(blocks: list[str], language: str | None) -> frozenset[str]:
    """The stop words of the page's language, or none when they do not fit its longer lines."""
    stoplist = _stoplist(language or page_language(blocks))
    words = [w.strip(_PUNCTUATION).lower() for b in blocks if len(b.split()) >= PROSE_WORDS for w in b.split()]
    if not words or sum(w in stoplist for w in words) < MIN_STOPWORD_SHARE * len(words):
        return frozenset()
    return stoplist


def classes(blocks: list[str], stoplist: frozenset[str]) -> list[str]:
    """jusText's context-free class of each block (good, neargood, short, bad), without links."""
    html = "<html><body>" + "".join(f"<p>{escape(b)}</p>" for b in blocks) + "</body></html>"
    options = {} if stoplist else {"stopwords_low": 0.0, "stopwords_high": 0.0}
    paragraphs = justext.justext(html.encode("utf-8"), stoplist, encoding="utf-8", **options)
    found = [str(p.cf_class) for p in paragraphs]
    if len(found) != len(blocks):
        return ["good"] * len(blocks)
    return found


def _teaser(block: str, cls: str) -> bool:
    """A near-good line without sentence punctuation: a teaser headline more often than prose."""
    return cls == "neargood" and not block.rstrip().endswith(TERMINAL)


def block_score(block: str, cls: str) -> float:
    """What a block adds to the score of a span that holds it."""
    return TEASER_SCORE if _teaser(block, cls) else CLASS_SCORES[cls]


def main_span(blocks: list[str], found: list[str]) -> tuple[int, int] | None:
    """The span (first, last) of blocks with the highest total score."""
    best, best_span, total, start = 0.0, None, 0.0, 0
    for index, (block, cls) in enumerate(zip(blocks, found, strict=True)):
        if total <= 0:
            total, start = 0.0, index
        total += block_score(block, cls)
        if total > best:
            best, best_span = total, (start, index)
    return best_span


def _weak_runs(blocks: list[str], found: list[str]) -> list[bool]:
    """Which blocks belong to a run of at least SHORT_RUN short, bad or teaser lines."""
    weak = [cls in ("short", "bad") or _teaser(b, cls) for b, cls in zip(blocks, found, strict=True)]
    marks = [False] * len(found)
    index = 0
    while index < len(found):
        end = index
        while end < len(found) and weak[end]:
            end += 1
        if end - index >= SHORT_RUN:
            marks[index:end] = [True] * (end - index)
        index = max(end, index + 1)
    return marks


def _title_before(blocks: list[str], first: int) -> int | None:
    """The headline-shaped line closest before the main span, within TITLE_REACH lines."""
    for index in range(first - 1, max(first - 1 - TITLE_REACH, -1), -1):
        if is_headline(blocks[index]):
            return index
    return None


def select_main(blocks: list[str], language: str | None) -> list[bool]:
    """Which blocks to keep: prose and isolated short lines of the main span, and its headline."""
    found = classes(blocks, stoplist_for(blocks, language))
    span = main_span(blocks, found)
    if span is None:
        return [True] * len(blocks)
    first, last = span
    runs = _weak_runs(blocks, found)
    keep = [first <= i <= last and (not runs[i] or is_sentence_like(b)) for i, b in enumerate(blocks)]
    title = _title_before(blocks, first)
    if title is not None:
        keep[title] = True
    return keep
