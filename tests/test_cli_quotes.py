"""The analyze and quotes commands, over a small store and in raw-text mode."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newstrace.cli import main

STORY = (
    "Portville strike talks resume\n\n"
    "PORTVILLE, May 3. /NWA/. Talks to end the dock strike resumed on Monday, Transport Minister Sefa Mborra said.\n\n"
    "\"We are closer to a deal than we were a week ago,\" Mborra told reporters.\n\n"
    "The minister said that both sides had agreed to keep the night shifts running.\n"
)


def _store(tmp_path: Path) -> str:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(STORY, "utf-8")
    db = str(tmp_path / "q.db")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(tmp_path / "in"), "--db", db, "--no-progress"]).exit_code == 0
    result = runner.invoke(main, ["analyze", "--db", db, "--json", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles"] == 1
    return db


def test_analyze_then_list_and_filter(tmp_path: Path) -> None:
    db = _store(tmp_path)
    runner = CliRunner()
    rows = json.loads(runner.invoke(main, ["quotes", "--db", db, "--format", "json"]).stdout)["rows"]
    direct = [r for r in rows if r["kind"] == "direct"]
    assert direct and direct[0]["speaker"] == "Sefa Mborra"
    assert "closer to a deal" in direct[0]["text"]
    assert direct[0]["outlet"] == "NWA"
    args = ["quotes", "--db", db, "--speaker", "mborra", "--format", "json"]
    by_speaker = json.loads(runner.invoke(main, args).stdout)
    assert len(by_speaker["rows"]) == len([r for r in rows if r["speaker"] == "Sefa Mborra"])
    found = json.loads(runner.invoke(main, ["quotes", "--db", db, "--search", "deal", "--format", "json"]).stdout)
    assert found["rows"] and all("deal" in r["text"] for r in found["rows"])
    again = json.loads(runner.invoke(main, ["analyze", "--db", db, "--json", "--no-progress"]).stdout)
    assert again["articles"] == 0


def test_export_json_carries_quotes(tmp_path: Path) -> None:
    db = _store(tmp_path)
    data = json.loads(CliRunner().invoke(main, ["export", "--db", db, "--format", "json"]).stdout)
    article = data["articles"][0]
    for quote in data["quotes"]:
        for key in ("id", "article_id", "text", "kind", "cue", "speaker_mention", "speaker", "start", "end"):
            assert key in quote
        assert quote["article_id"] == article["id"]
        assert article["text"][quote["start"]:quote["end"]].strip()


def test_raw_mode_offsets_index_the_file(tmp_path: Path) -> None:
    path = tmp_path / "raw.txt"
    path.write_text(STORY, "utf-8")
    result = CliRunner().invoke(main, ["quotes", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records
    text = path.read_text("utf-8")
    direct = [r for r in records if r["kind"] == "direct"][0]
    start, end = direct["content"][0]
    assert "closer to a deal" in text[start:end]
    assert set(direct) >= {"file", "kind", "content", "cue", "source", "speaker"}


def test_raw_mode_skips_a_file_it_cannot_analyse_and_goes_on(tmp_path: Path, monkeypatch) -> None:
    from newstrace.analyze import raw

    real = raw.extract_quotes

    def fragile(text: str, *args: object, **kwargs: object) -> object:
        if "tripwire" in text:
            raise IndexError("list index out of range")
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(raw, "extract_quotes", fragile)
    bad, good = tmp_path / "bad.txt", tmp_path / "good.txt"
    bad.write_text("The tripwire was found, Mayor Edda Holm said.\n", "utf-8")
    good.write_text(STORY, "utf-8")
    result = CliRunner().invoke(main, ["quotes", str(bad), str(good), "--format", "jsonl"])
    assert result.exit_code == 1
    assert "bad.txt: skipped, IndexError" in result.stderr
    assert {json.loads(line)["file"] for line in result.stdout.splitlines()} == {str(good)}
