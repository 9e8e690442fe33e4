"""Raw-text mode: quotes with offsets into the text exactly as given (no cleaning).

This is what ``newstrace quotes FILE... --format jsonl`` prints, one object
per attribution::

    {"kind": "direct", "content": [[s, e], ...], "cue": [[s, e]], "source": [[s, e]],
     "speaker": "Antony Blinken", ...}
"""

from __future__ import annotations

from typing import Any

from newstrace.analyze.model import AttributionModel
from newstrace.analyze.quotes import extract_quotes


def quotes_for_text(text: str, model: AttributionModel | None = None) -> list[dict[str, Any]]:
    """Every attribution in ``text``; offsets are Python string offsets into ``text`` itself."""
    return [
        {
            "kind": q.kind,
            "content": [[s, e] for s, e in q.content],
            "cue": [[s, e] for s, e in q.cue_spans],
            "source": [[s, e] for s, e in q.source_spans],
            "speaker": q.speaker,
            "speaker_mention": q.speaker_mention,
            "speaker_reason": q.speaker_reason,
            "medium": q.medium,
            "confidence": q.confidence,
        }
        for q in extract_quotes(text, model=model)
    ]
