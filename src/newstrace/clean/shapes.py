"""What a block of text looks like: a headline, prose, or neither."""

from __future__ import annotations

from newstrace.clean.dateline import parse_dateline

TERMINAL = (".", "!", "?", "…", ".\"", ".”", "!”", "?”", ".’", "\"", "”", ")", ".)")
MAX_TITLE_WORDS = 30


def is_headline(block: str) -> bool:
    """A line shaped like a headline: short, no final full stop, starts with a capital."""
    words = block.split()
    if not 2 <= len(words) <= MAX_TITLE_WORDS or len(block) > 250:
        return False
    if block.rstrip().endswith((".", ",", ";", ":", "…")) or parse_dateline(block) is not None:
        return False
    first = block.lstrip("\"“‘'")[:1]
    return first.isupper() or first.isdigit()


def is_sentence_like(block: str) -> bool:
    """Prose rather than a label: several words ending in sentence punctuation."""
    return len(block.split()) >= 6 and block.rstrip().endswith(TERMINAL)
