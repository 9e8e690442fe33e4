"""The analyze mode of the throughput benchmark times the store path on generated articles (no shared data)."""

from __future__ import annotations

from newstrace.bench import throughput


def test_analyze_mode_reports_rate_and_cpu_time() -> None:
    result = throughput.run("analyze", count=6, jobs=1)
    assert result["mode"] == "analyze"
    assert result["articles"] == 6
    assert result["quotes"] > 0
    assert result["cpu_seconds"] > 0
    assert result["articles_per_cpu_second"] > 0
