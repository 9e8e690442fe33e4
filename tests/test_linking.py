"""The linking run over the store: copies grouped with the earliest as canonical, incrementally."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newstrace.cli import main
from newstrace.linking import link_store
from newstrace.pipeline import ingest
from newstrace.store import open_store

BODY = (
    "PORTVILLE, May 3. /NWA/. Talks to end the dock strike resumed on Monday after a week of silence, the transport "
    "ministry said, as ships queued off the harbour and shops in the old town ran short of fresh produce. Union "
    "leaders said the night shifts would keep running while negotiators met at the harbour authority building. "
    "The ministry said a mediator from the chamber of shipping would join the talks on Wednesday."
)


def test_copies_grouped_incrementally(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text(json.dumps({"text": BODY, "published": "2021-05-03", "outlet": "NWA"}) + "\n")
    store = open_store(tmp_path / "s.db")
    ingest([folder], store, progress=False)
    assert link_store(store).groups == 0
    edited = BODY.replace("ran short of", "were running low on") + " Reporting by the harbour desk."
    (folder / "b.jsonl").write_text(json.dumps({"text": edited, "published": "2021-05-04", "outlet": "Gazette"}) + "\n")
    other = "Floods closed the river road in Hessel on Friday, and the mayor asked the army for help with pumps."
    (folder / "c.jsonl").write_text(json.dumps({"text": other, "published": "2021-05-02"}) + "\n")
    ingest([folder], store, progress=False)
    summary = link_store(store)
    assert summary.articles == 2 and summary.groups == 1
    [(canonical, members)] = store.duplicate_groups()
    first = store.article(canonical)
    assert first is not None and first.outlet == "NWA"
    assert len(members) == 2
    data = json.loads(CliRunner().invoke(main, ["export", "--db", str(tmp_path / "s.db")]).stdout)
    copies = [a for a in data["articles"] if a["duplicate_of"]]
    assert [a["outlet"] for a in copies] == ["Gazette"] and copies[0]["duplicate_of"] == canonical


def test_duplicates_command(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [json.dumps({"text": BODY, "published": "2021-05-03"}),
             json.dumps({"text": BODY + " The talks ended at midnight.", "published": "2021-05-01"})]
    (folder / "a.jsonl").write_text("\n".join(lines) + "\n")
    db = str(tmp_path / "d.db")
    runner = CliRunner()
    runner.invoke(main, ["ingest", str(folder), "--db", db, "--no-progress"])
    assert runner.invoke(main, ["link", "--db", db]).exit_code == 0
    rows = json.loads(runner.invoke(main, ["duplicates", "--db", db, "--json"]).stdout)["rows"]
    assert len(rows) == 1
    canonical = [m for m in rows[0]["members"] if m["id"] == rows[0]["canonical"]][0]
    assert canonical["published"] == "2021-05-01"
