"""Language identification with py3langid (normalised probabilities)."""

from __future__ import annotations

from functools import cache
from typing import Any

MIN_CHARS = 20
MIN_PROBABILITY = 0.6


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, sample: int = 1200) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when too short or unsure."""
    head = text[:sample]
    if len(head.strip()) < MIN_CHARS:
        return None
    code, probability = _identifier().classify(head)
    return str(code) if probability >= MIN_PROBABILITY else None
