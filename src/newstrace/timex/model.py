"""The records of the time-expression stage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from newstrace.records import Record

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Tense = Literal["past", "present", "future"]


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a time expression means: TIMEX3 type, value and granularity (and a range's end)."""

    type: TimexType
    value: str
    granularity: str
    end_value: str | None = None


@dataclass(frozen=True)
class TimeExpression(Record):
    """A time expression found in a text, normalised to a TIMEX3 value.

    ``start``/``end`` are character offsets into the text that was searched;
    ``value`` is a TIMEX3 value (``2021-05-04``, ``2021-W17``, ``P3M``,
    ``PAST_REF``, ``XXXX-XX-XX`` when it cannot be resolved); ``end_value``
    is the end of a range such as ``June 11-13``.
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    granularity: str
    end_value: str | None = None

    def to_cli_dict(self) -> dict[str, object]:
        """The raw-mode form printed by ``newstrace dates``."""
        out: dict[str, object] = {
            "start": self.start, "end": self.end, "text": self.text, "value": self.value, "type": self.type,
        }
        if self.end_value is not None:
            out["end_value"] = self.end_value
        return out
