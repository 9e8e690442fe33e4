"""What a normaliser needs besides the match: the text, the document date and the tense detector."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from newstrace.timex.dates import Direction
from newstrace.timex.model import Resolution, Tense

TenseFn = Callable[[str, int, int], Tense | None]
Handler = Callable[[re.Match[str], "Context"], Resolution | None]

_QUARTERLY = re.compile(r"\bquarter", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"'`(\[_-])\s*$")

_TENSE_DIRECTION: dict[Tense | None, Direction] = {"past": "past", "future": "future", "present": "near", None: "near"}


@dataclass(frozen=True)
class Context:
    """The document being searched: its text, creation date (if known) and tense detector."""

    text: str
    dct: date | None
    tense: TenseFn
    quarterly: bool = field(default=False)

    @classmethod
    def build(cls, text: str, dct: date | None, tense: TenseFn) -> Context:
        return cls(text, dct, tense, bool(_QUARTERLY.search(text)))

    def direction(self, match: re.Match[str], default: Direction = "near") -> Direction:
        """How an underspecified date in ``match`` relates to the document date, from the tense."""
        found = self.tense(self.text, match.start(), match.end())
        return default if found is None else _TENSE_DIRECTION[found]

    def names_a_title(self, match: re.Match[str]) -> bool:
        """True for a relative expression capitalised as (part of) a name: ``VOA Today``, ABC's ``This Week``.

        A capital on a word after the first, or on a single word that does not start a sentence, marks a
        programme or paper, not a time; text in capitals throughout (a headline) is not judged.
        """
        words = match.group(0).split()
        if match.group(0).isupper() or not words:
            return False
        if any(word[:1].isupper() for word in words[1:]):
            return True
        before = self.text[max(0, match.start() - 4) : match.start()]
        return words[0][:1].isupper() and not _SENTENCE_START.search(before)

    def word_before(self, match: re.Match[str]) -> str:
        """The lower-cased word just before the match ('' at the start)."""
        head = self.text[max(0, match.start() - 30) : match.start()].split()
        return head[-1].lower().strip("(\"'") if head else ""


def unresolved(granularity: str) -> str:
    """The TIMEX3 placeholder for an expression that cannot be anchored (no document date)."""
    return {
        "year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX", "quarter": "XXXX-QX", "season": "XXXX-XX",
        "decade": "XXX", "century": "XX",
    }.get(granularity, "XXXX-XX-XX")
