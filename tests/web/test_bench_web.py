"""The web latency benchmark runs end to end on a tiny generated store."""

from __future__ import annotations

from pathlib import Path

from newstrace.bench import web


def test_bench_web_on_a_small_store(tmp_path: Path) -> None:
    result = web.run(count=120, path=str(tmp_path / "bench.db"), repeat=2)
    assert result["store_articles"] == 120 and result["store_quotes"] == 360
    assert "p95" in result["articles"] and "p95" in result["quotes"]
    assert isinstance(result["worst page p95 ms"], float)
    again = web.run(count=120, path=str(tmp_path / "bench.db"), repeat=1)
    assert again["store_quotes"] == 360
