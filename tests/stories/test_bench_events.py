"""Smoke tests of the event benchmarks: a few Multi-News rows (skipped without ../shared) and a small speed run."""

from __future__ import annotations

from pathlib import Path

from newstrace.bench.events import run, run_speed, synthetic_docs


def test_multinews_smoke(shared: Path) -> None:
    result = run(shared, limit=12, seeds=(0,))
    assert result["gold_events"] == 12 and 0.5 < result["bcubed_f1"] <= 1.0


def test_speed_smoke() -> None:
    result = run_speed(size=300, probes=20)
    assert result["index_articles"] == 300 and result["add_one_ms_mean"] > 0
    docs = synthetic_docs(5)
    assert len({d.id for d in docs}) == 5 and all(d.date for d in docs)
