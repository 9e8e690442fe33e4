"""Benchmarks by name, for the ``newstrace bench`` command."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newstrace.bench.common import default_shared_dir


def run_named(name: str, shared: str | None, limit: int | None, mode: str | None) -> dict[str, Any]:
    """Run benchmark ``name`` and return its numbers."""
    folder = Path(shared) if shared else default_shared_dir()
    if name == "boilerplate":
        from newstrace.bench import boilerplate

        return dict(boilerplate.run(folder, limit=limit))
    if name == "fundus":
        from newstrace.bench import fundus

        return dict(fundus.run(folder, limit=limit))
    if name == "throughput":
        from newstrace.bench import throughput

        return throughput.run(mode or "text", count=limit or 3000)
    if name == "bigfile":
        from newstrace.bench import bigfile

        return bigfile.run()
    raise ValueError(f"unknown benchmark {name!r}")
