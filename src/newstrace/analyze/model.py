"""The optional learned filter: a logistic model over candidate attributions.

Without a model the rules decide alone.  With one (trained by the user with
``newstrace train-quotes --polnear PATH --out MODEL.json``, see
:mod:`.training`), every rule attribution and every wider candidate
(:mod:`.candidates`) is scored, and those at or above the model's threshold
are kept.  The model file is plain JSON: feature weights, a bias and the
threshold, applied here in pure Python (no scikit-learn at run time).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newstrace.analyze.features import features
from newstrace.analyze.lexicon import Lexicon
from newstrace.analyze.spans import Draft
from newstrace.errors import ErrorCode, InputError

FORMAT = "newstrace-attribution-model"
FEATURES_VERSION = 1


@dataclass(frozen=True, slots=True)
class AttributionModel:
    """Feature weights, bias and acceptance threshold of a trained candidate filter."""

    weights: Mapping[str, float]
    bias: float = 0.0
    threshold: float = 0.5
    info: Mapping[str, Any] = field(default_factory=dict)

    def probability(self, names: Iterable[str]) -> float:
        """The probability that a candidate with these features is an attribution."""
        z = self.bias + sum(self.weights.get(name, 0.0) for name in names)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def judge(self, text: str, doc: Any, draft: Draft, lex: Lexicon, mask: bytearray) -> Draft | None:
        """``draft`` with its probability as confidence when accepted, else None."""
        p = self.probability(features(text, doc, draft, lex, mask))
        if p < self.threshold:
            return None
        draft.confidence = p
        return draft

    @property
    def digest(self) -> str:
        """A short content hash, so a new model makes the store re-analyse."""
        return hashlib.sha256(json.dumps(self.to_json(), sort_keys=True).encode("utf-8")).hexdigest()[:10]

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "features_version": FEATURES_VERSION, "threshold": self.threshold,
                "bias": self.bias, "info": dict(self.info), "weights": dict(sorted(self.weights.items()))}


def save_model(model: AttributionModel, path: Path | str) -> None:
    Path(path).write_text(json.dumps(model.to_json(), ensure_ascii=False, indent=0), "utf-8")


def load_model(path: Path | str) -> AttributionModel:
    """Read a model file; a missing, unreadable or foreign file is an :class:`InputError`."""
    try:
        raw = json.loads(Path(path).read_text("utf-8"))
    except FileNotFoundError as exc:
        raise InputError(ErrorCode.NOT_FOUND, f"no model file at {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(ErrorCode.UNREADABLE, f"cannot read model file {path}: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise InputError(ErrorCode.BAD_JSON, f"model file {path} is not JSON: {exc}") from exc
    return model_from_json(raw, str(path))


def model_from_json(raw: Any, name: str = "model") -> AttributionModel:
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise InputError(ErrorCode.BAD_JSON, f"{name} is not a newstrace attribution model")
    if raw.get("features_version") != FEATURES_VERSION:
        raise InputError(ErrorCode.BAD_JSON, f"{name} was trained for other features; train it again")
    weights = raw.get("weights")
    try:
        table = {str(k): float(v) for k, v in weights.items()} if isinstance(weights, dict) else None
        bias, threshold = float(raw.get("bias", 0.0)), float(raw.get("threshold", 0.5))
    except (TypeError, ValueError) as exc:
        raise InputError(ErrorCode.BAD_JSON, f"{name} has a malformed weight: {exc}") from exc
    if table is None:
        raise InputError(ErrorCode.BAD_JSON, f"{name} has no weights")
    info = raw.get("info")
    return AttributionModel(table, bias, threshold, info if isinstance(info, dict) else {})
