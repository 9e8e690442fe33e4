"""The command line: every command runs over a small store and prints text or JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newstrace.cli import main


@pytest.fixture
def db(tmp_path: Path, fixtures: Path) -> str:
    path = str(tmp_path / "cli.db")
    result = CliRunner().invoke(main, ["ingest", str(fixtures / "text"), "--db", path, "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "3 new articles" in result.output
    return path


def _json(args: list[str]) -> object:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_articles_show_search_failures_runs(db: str) -> None:
    rows = _json(["articles", "--db", db, "--json"])["rows"]  # type: ignore[index]
    assert len(rows) == 3
    shown = _json(["show", rows[0]["id"][:8], "--db", db, "--json"])
    assert shown["id"] == rows[0]["id"]  # type: ignore[index]
    hits = _json(["search", "dredging", "--db", db, "--json"])["rows"]  # type: ignore[index]
    assert hits and all("dredging" in h["snippet"] for h in hits)
    assert _json(["failures", "--db", db, "--json"]) == {"rows": []}
    assert _json(["runs", "--db", db, "--json"])["rows"][0]["status"] == "complete"  # type: ignore[index]


def test_search_syntax_error_is_a_clean_message(db: str) -> None:
    result = CliRunner().invoke(main, ["search", 'dredging AND "', "--db", db])
    assert result.exit_code == 1
    assert "cannot search" in result.output


def test_export_json_has_the_documented_keys(db: str) -> None:
    data = _json(["export", "--db", db, "--format", "json"])
    article = data["articles"][0]  # type: ignore[index]
    for key in ("id", "sources", "url", "outlet", "title", "published", "published_partial",
                "published_basis", "language", "text"):
        assert key in article
    assert isinstance(article["sources"], list)


def test_export_other_formats(db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    lines = runner.invoke(main, ["export", "--db", db, "--format", "jsonl"]).stdout.strip().splitlines()
    assert len([json.loads(line) for line in lines if line.startswith("{")]) == 3
    csv_out = runner.invoke(main, ["export", "--db", db, "--format", "csv"]).stdout
    assert csv_out.startswith("id,sources,url,outlet")
    target = tmp_path / "a.parquet"
    assert runner.invoke(main, ["export", "--db", db, "--format", "parquet", "-o", str(target)]).exit_code == 0
    assert pq.read_table(target).num_rows == 3


def test_missing_store_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["articles", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no store" in result.output


def test_ingest_json_summary_lists_failures(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    data = _json(["ingest", str(tmp_path), "--db", str(tmp_path / "x.db"), "--json", "--no-progress"])
    assert data["failures"] == 1  # type: ignore[index]
    assert data["failures_list"][0]["code"] == "empty"  # type: ignore[index]


def test_python_dash_m_works() -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "newstrace", "--version"], capture_output=True, text=True, check=True)
    assert "newstrace" in out.stdout


def test_every_command_is_documented() -> None:
    docs = (Path(__file__).resolve().parents[1] / "docs" / "cli.md").read_text("utf-8")
    for name in main.commands:  # type: ignore[attr-defined]
        assert f"newstrace {name}" in docs, f"command {name} is not documented in docs/cli.md"


def test_every_error_code_is_documented() -> None:
    from newstrace.errors import ErrorCode

    docs = (Path(__file__).resolve().parents[1] / "docs" / "errors.md").read_text("utf-8")
    for code in ErrorCode:
        assert f"`{code.value}`" in docs, f"error code {code.value} is not documented"


