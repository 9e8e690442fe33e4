"""Shipped settings files (``newstrace/data/*.json``), loaded once."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed JSON settings file ``newstrace/data/<name>.json``."""
    text = resources.files("newstrace").joinpath("data", f"{name}.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data
