"""Attributions marked by punctuation rather than a verb.

* ``PENCE: Well, look …`` and ``Pat Caddell: Voters Are Worried`` — a short
  name at the start of a paragraph followed by a colon (transcripts, headlines);
* ``"…" ― Pamela Padilla`` — a quote tagged afterwards with a dash and a name.
"""

from __future__ import annotations

import re
from typing import Any

from newstrace.analyze.marks import paragraphs
from newstrace.analyze.spans import Draft, trim

_COLON_NAME = re.compile(
    r"(?P<name>(?:[A-Z][\w.'’-]*|[A-Z]{2,})(?:\s+(?:[A-Z][\w.'’-]*|of|de|van|von|al)){0,4})\s*(?P<cue>:)\s+(?=\S)"
)
_DASH_NAME = re.compile(r"\s*(?P<cue>[―—–]|--)\s*(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})")
_OPENING = frozenset("\"“")
NOT_SPEAKERS = frozenset({
    "update", "note", "editor's note", "editor’s note", "watch", "read", "photo", "video", "source", "sources",
    "related", "see also", "warning", "breaking", "exclusive", "opinion", "analysis", "q", "a", "question",
    "answer", "transcript", "full text", "via", "h/t", "image", "caption", "correction", "the latest",
    "so", "wow", "well", "yes", "no", "now", "here", "but", "and", "still", "plus", "meanwhile", "translation",
    "example", "for example", "in short", "in other words", "bottom line", "the bottom line", "the upshot",
})


def colon_attributions(text: str, doc: Any) -> list[Draft]:
    """``NAME: statement`` at the start of a paragraph."""
    found = []
    for start, end in paragraphs(text):
        if text[start] in _OPENING and end - start > 1:
            start += 1  # a transcript quoted line by line: "WALLACE: …
        match = _COLON_NAME.match(text, start, end)
        if match is None or match.group("name").lower() in NOT_SPEAKERS:
            continue
        content = trim(text, (match.end(), end), keep_final_stop=True)
        if content is None or len(text[content[0] : content[1]].split()) < 3:
            continue
        found.append(Draft(
            content=[content], cue=match.span("cue"), source=match.span("name"), origin="colon", confidence=0.5,
        ))
    return found


def dash_source(text: str, quote_end: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``(cue, source)`` spans when a dash and a name follow the quote ending at ``quote_end``."""
    match = _DASH_NAME.match(text, quote_end)
    if match is None or "\n\n" in text[quote_end : match.start("cue")]:
        return None
    return match.span("cue"), match.span("name")
