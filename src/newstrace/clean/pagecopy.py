"""Boilerplate in the text of a whole web page copied as plain text.

Menus, footers and teasers come as runs of short lines.  Each line becomes a
paragraph for jusText's classifier (length, stop-word density and the classes
of the neighbours); the article is then the span between its first and last
good paragraph, where prose is always kept.
"""

from __future__ import annotations

from functools import cache
from html import escape

import justext

from newstrace.clean.shapes import is_headline, is_sentence_like

JUSTEXT_LANGUAGES: dict[str, str] = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "ru": "Russian", "pl": "Polish", "cs": "Czech",
    "sk": "Slovak", "sv": "Swedish", "da": "Danish", "no": "Norwegian_Bokmal", "nb": "Norwegian_Bokmal",
    "fi": "Finnish", "tr": "Turkish", "uk": "Ukrainian", "hu": "Hungarian", "ro": "Romanian",
    "el": "Greek", "bg": "Bulgarian", "hr": "Croatian", "sr": "Serbian", "sl": "Slovenian",
    "lt": "Lithuanian", "lv": "Latvian", "et": "Estonian", "id": "Indonesian", "ca": "Catalan",
}
MIN_BLOCKS = 10
SHORT_WORDS = 6
SHORT_SHARE = 0.3


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


def classify(blocks: list[str], language: str | None) -> list[bool]:
    """jusText's good/bad verdict for each block, treated as a paragraph without links."""
    html = "<html><body>" + "".join(f"<p>{escape(b)}</p>" for b in blocks) + "</body></html>"
    stoplist = _stoplist(language)
    options = {} if stoplist else {"stopwords_low": 0.0, "stopwords_high": 0.0}
    paragraphs = justext.justext(html.encode("utf-8"), stoplist, encoding="utf-8", **options)
    verdicts = [not p.is_boilerplate for p in paragraphs]
    if len(verdicts) != len(blocks):
        return [True] * len(blocks)
    return verdicts


def select_main(blocks: list[str], language: str | None) -> list[bool]:
    """Which blocks to keep: jusText's good ones plus prose between the first and last good one."""
    good = classify(blocks, language)
    if not any(good):
        return [True] * len(blocks)
    first = good.index(True)
    last = len(good) - 1 - good[::-1].index(True)
    keep = [g or (first < i < last and is_sentence_like(b)) for i, (b, g) in enumerate(zip(blocks, good, strict=True))]
    if first > 0 and is_headline(blocks[first - 1]):
        keep[first - 1] = True
    return keep
