"""The headless timeline command."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newstrace.cli import main

RECORDS = [
    {"id": "1", "time": "2023-03-02", "text": "The river at Lindholm burst its banks on Tuesday, flooding the old "
     "town.\nRescue teams evacuated 300 residents from the lower streets of the town."},
    {"id": "2", "time": "2023-03-06T08:00:00Z", "text": "Lindholm began clearing mud from its streets on Monday. "
     "On March 3, engineers reopened the rail line to the coast after the flood."},
    {"id": "3", "time": "2023-03-10", "source": "Valley Post", "text": "The council approved an emergency budget "
     "for flood repairs on Thursday. The rail line reopened on March 3 is running on time again."},
]


def _write(tmp_path: Path, extra: tuple[str, ...] = ()) -> Path:
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join([json.dumps(r) for r in RECORDS] + list(extra)) + "\n", "utf-8")
    return path


def test_json_output_has_exactly_l_dates_and_at_most_k_sentences(tmp_path: Path) -> None:
    path = _write(tmp_path)
    result = CliRunner().invoke(main, ["timeline", "--articles", str(path), "--dates", "3", "--sentences", "1",
                                       "--keyword", "flood", "--keyword", "rail", "--format", "json"])
    assert result.exit_code == 0, result.output
    entries = json.loads(result.stdout)
    assert len(entries) == 3
    assert all(set(e) == {"date", "sentences"} and len(e["sentences"]) == 1 for e in entries)
    assert [e["date"] for e in entries] == sorted(e["date"] for e in entries)
    assert "2023-03-03" in {e["date"] for e in entries}
    assert all("flood" in s.lower() or "rail" in s.lower() for e in entries for s in e["sentences"])


def test_bad_lines_are_skipped_with_a_message(tmp_path: Path) -> None:
    path = _write(tmp_path, ("{not json", json.dumps({"id": "9", "time": "yesterday", "text": "x"}), "[1, 2]"))
    result = CliRunner().invoke(main, ["timeline", "--articles", str(path), "--dates", "2", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 2
    assert "bad-json" in result.stderr and "bad-record" in result.stderr and "line:5" in result.stderr


def test_no_usable_articles_prints_an_empty_timeline(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("garbage\n", "utf-8")
    result = CliRunner().invoke(main, ["timeline", "--articles", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [] and "no usable articles" in result.stderr


def test_text_format_and_bad_bounds(tmp_path: Path) -> None:
    path = _write(tmp_path)
    result = CliRunner().invoke(main, ["timeline", "--articles", str(path)])
    assert result.exit_code == 0 and "2023-03-03" in result.stdout
    bad = CliRunner().invoke(main, ["timeline", "--articles", str(path), "--start", "March"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output
