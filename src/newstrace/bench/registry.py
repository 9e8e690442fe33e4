"""Benchmarks by name, for the ``newstrace bench`` command."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newstrace.bench.common import default_shared_dir

Runner = Callable[[Path, int | None, str | None], dict[str, Any]]


def _module(name: str) -> Any:
    return importlib.import_module(f"newstrace.bench.{name}")


RUNNERS: dict[str, Runner] = {
    "boilerplate": lambda shared, limit, mode: dict(_module("boilerplate").run(shared, limit=limit)),
    "fundus": lambda shared, limit, mode: dict(_module("fundus").run(shared, limit=limit)),
    "neardup": lambda shared, limit, mode: dict(_module("neardup").run(shared, limit=limit)),
    "polnear": lambda shared, limit, mode: dict(_module("polnear").run_mode(shared, mode, limit)),
    "tempeval": lambda shared, limit, mode: dict(_module("tempeval").run(shared, limit=limit)),
    "t17": lambda shared, limit, mode: dict(_module("t17").run(shared, limit=limit, mode=mode)),
    "throughput": lambda shared, limit, mode: dict(_module("throughput").run(mode or "text", count=limit or 3000)),
    "bigfile": lambda shared, limit, mode: dict(_module("bigfile").run()),
    "statements": lambda shared, limit, mode: dict(_module("statements").run(mode, limit)),
    "web": lambda shared, limit, mode: dict(_module("web").run(count=limit or 100_000, path=mode)),
    "events": lambda shared, limit, mode: dict(_module("events").run(shared, limit=limit)),
    "stories-speed": lambda shared, limit, mode: dict(_module("events").run_speed(size=limit or 100_000)),
}


def run_named(name: str, shared: str | None, limit: int | None, mode: str | None) -> dict[str, Any]:
    """Run benchmark ``name`` and return its numbers."""
    if name not in RUNNERS:
        raise ValueError(f"unknown benchmark {name!r}; choose one of {', '.join(RUNNERS)}")
    return RUNNERS[name](Path(shared) if shared else default_shared_dir(), limit, mode)
