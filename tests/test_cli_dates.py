"""The dates command in raw-text mode."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newstrace.cli import main


def test_dates_jsonl_offsets_and_values(tmp_path: Path) -> None:
    text = "The minister said on Tuesday that talks would resume next month."
    path = tmp_path / "a.txt"
    path.write_text(text, "utf-8")
    result = CliRunner().invoke(main, ["dates", str(path), "--dct", "2021-05-05", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    found = {r["text"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert found["Tuesday"]["value"] == "2021-05-04"
    assert found["next month"]["value"] == "2021-06"
    for record in found.values():
        assert text[record["start"]:record["end"]] == record["text"]


def test_bad_dct_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Yesterday.", "utf-8")
    result = CliRunner().invoke(main, ["dates", str(path), "--dct", "05/05/2021"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
