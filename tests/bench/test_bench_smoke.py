"""Smoke tests: each benchmark runs on three pages of the shared reference data.

Skipped when the reference data (``../shared`` next to the checkout, or
``$NEWSTRACE_SHARED``) is not present.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.bench import boilerplate, fundus
from newstrace.bench.common import default_shared_dir

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def shared() -> Path:
    path = default_shared_dir()
    if not (path / "data").is_dir():
        pytest.skip(f"shared reference data not found at {path}")
    return path


def test_fundus_smoke(shared: Path) -> None:
    if not (shared / "data" / "fundus" / "manifest.json").is_file():
        pytest.skip("fundus data not found")
    result = fundus.run(shared, limit=3)
    ours = result["newstrace"]
    base = result["trafilatura"]
    assert isinstance(ours, dict) and isinstance(base, dict)
    assert ours["pages"] == 3
    for key in ("day_right", "title_right", "authors_f1", "body_f1_mean", "body_f1_micro"):
        assert 0.0 <= ours[key] <= 1.0
        assert 0.0 <= base[key] <= 1.0
    assert ours["body_f1_mean"] > 0.5
    assert "fundus" in fundus.report(result)


def test_boilerplate_smoke(shared: Path) -> None:
    if not (shared / "data" / "trafilatura_eval" / "evaldata.json").is_file():
        pytest.skip("trafilatura_eval data not found")
    result = boilerplate.run(shared, limit=3)
    assert result["pages"] == 3
    for mode in ("html", "text", "keep_everything"):
        row = result[mode]
        assert isinstance(row, dict)
        assert 0.0 <= row["f1"] <= 1.0
    keep = result["keep_everything"]
    assert isinstance(keep, dict) and keep["recall"] > 0.5
    assert "text mode path" in boilerplate.report(result)


def test_browser_text_puts_blocks_on_lines() -> None:
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<nav><a>Home</a> <a>News</a></nav><div>One <b>bold</b>\n  word</div>"
        "<p>Two<br>Three</p><script>var x = 1;</script><ul><li>Four</li><li>Five</li></ul>"
        "</body></html>"
    )
    assert boilerplate.browser_text(html).split("\n") == [
        "Home News",
        "One bold word",
        "Two",
        "Three",
        "Four",
        "Five",
    ]
