"""Smoke test: the PolNeAR benchmark runs on two articles (skipped without ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.bench import polnear
from newstrace.bench.common import default_shared_dir

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def shared() -> Path:
    path = default_shared_dir()
    if not (path / "data" / "polnear" / "data").is_dir():
        pytest.skip(f"PolNeAR data not found under {path}")
    return path


def test_polnear_smoke(shared: Path) -> None:
    result = polnear.run(shared, split="dev", limit=2)
    assert result["articles"] == 2
    for threshold in ("0.3", "0.8"):
        ggt = result["ggt"][threshold]
        assert 0.0 <= ggt["f1"] <= 1.0
        assert set(ggt["by_kind"]) == {"direct", "mixed", "indirect"}
        assert 0.0 <= ggt["speaker_accuracy"] <= 1.0
    assert set(result["citron"]) == {"cue", "source", "content", "all"}
    assert result["ggt"]["0.3"]["f1"] > 0.3
    assert result["articles_per_second"] > 0
    assert "GGT @0.3" in polnear.report(result)


def test_ann_parsing() -> None:
    ann = "T1\tSource 0 3\tSam\nT2\tCue 4 8\tsaid\nT3\tContent 9 12;14 20\tyes indeed\nT4\tAttribution 4 8\tsaid\n" \
          "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
    (rel,) = polnear.parse_ann(ann)
    assert rel == {"Source": [(0, 3)], "Cue": [(4, 8)], "Content": [(9, 12), (14, 20)]}
