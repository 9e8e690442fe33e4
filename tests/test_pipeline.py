"""The ingest run: bad input becomes failures, re-runs change nothing, interrupted runs resume."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import newstrace.pipeline as pipeline
from newstrace.ingest import ReadOptions
from newstrace.pipeline import IngestOptions, ingest
from newstrace.store import Store, open_store

ARTICLE = (
    "Ferry service {n} resumes\n\n"
    "SOLHAVEN, April {d}. /NWA/. The ferry line number {n} between Solhaven and Portville resumed service on "
    "Tuesday after a week of repairs, the harbour authority said.\n\n"
    "\"We expect the timetable to be back to normal by the weekend,\" a spokeswoman for line {n} said.\n"
)


def _write_articles(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"a{n:04d}.txt").write_text(ARTICLE.format(n=n, d=n % 28 + 1), "utf-8")


def _bad_inputs(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "empty.txt").write_bytes(b"")
    latin = "Café owners in Portville said the quay works were très long."
    (folder / "latin1.txt").write_bytes(latin.encode("latin-1"))
    (folder / "mojibake.txt").write_text("The mayorâ€™s office said the quay would reopen on Friday.", "utf-8")
    (folder / "truncated.html").write_text("<html><head><title>Cut</title></head><body><p>The quay", "utf-8")
    (folder / "corrupt.txt.gz").write_bytes(gzip.compress(b"Some text that will be cut off." * 50)[:40])
    (folder / "big.txt").write_text("word " * 5000, "utf-8")
    lines = [json.dumps({"title": "Quay reopens", "text": "The quay reopened on Friday after repairs."}),
             "{not json", json.dumps({"title": "Headline only about the ferry strike"}), json.dumps([1, 2])]
    (folder / "records.jsonl").write_text("\n".join(lines) + "\n", "utf-8")


def test_bad_input_is_recorded_and_the_rest_processed(tmp_path: Path, store: Store) -> None:
    _bad_inputs(tmp_path / "in")
    options = IngestOptions(read=ReadOptions(max_document_bytes=20_000))
    summary = ingest([tmp_path / "in", tmp_path / "missing"], store, options, progress=False)
    codes = {(Path(r.failure.source.origin).name, r.failure.source.locator): r.failure.code.value
             for r in store.failures()}
    assert codes[("binary.txt", "")] == "binary"
    assert codes[("empty.txt", "")] == "empty"
    assert codes[("corrupt.txt.gz", "")] == "bad-gzip"
    assert codes[("big.txt", "")] == "too-large"
    assert codes[("records.jsonl", "line:2")] == "bad-json"
    assert codes[("records.jsonl", "line:4")] == "bad-record"
    assert codes[("missing", "")] == "not-found"
    texts = {a.text for a in store.articles()}
    titles = {a.title for a in store.articles()}
    assert "Café owners in Portville said the quay works were très long." in texts
    assert "The mayor’s office said the quay would reopen on Friday." in texts
    assert "Headline only about the ferry strike" in titles
    assert summary.failures == len(codes)
    assert summary.status == "complete"


def test_second_run_changes_nothing_and_copies_become_sources(tmp_path: Path, store: Store) -> None:
    _write_articles(tmp_path / "a", 5)
    _write_articles(tmp_path / "b", 2)  # the same texts under another folder
    first = ingest([tmp_path / "a", tmp_path / "b"], store, progress=False)
    assert first.articles_new == 5 and first.articles_known == 2
    again = ingest([tmp_path / "a", tmp_path / "b"], store, progress=False)
    assert again.files_unchanged == 7 and again.documents == 0
    assert store.count_articles() == 5
    with_two = [a for a in store.articles() if len(a.sources) == 2]
    assert len(with_two) == 2


def test_changed_file_is_read_again(tmp_path: Path, store: Store) -> None:
    _write_articles(tmp_path, 1)
    ingest([tmp_path], store, progress=False)
    path = tmp_path / "a0000.txt"
    path.write_text(path.read_text() + "\nThe mayor welcomed the news on Wednesday evening.\n", "utf-8")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
    summary = ingest([tmp_path], store, progress=False)
    assert summary.articles_new == 1 and store.count_articles() == 2


def test_ctrl_c_keeps_committed_work_and_rerun_resumes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write_articles(tmp_path / "in", 30)
    db = tmp_path / "s.db"
    calls = {"n": 0}
    real = pipeline.clean_document

    def interrupting(doc, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 17:
            raise KeyboardInterrupt
        return real(doc, **kwargs)

    monkeypatch.setattr(pipeline, "clean_document", interrupting)
    store = open_store(db)
    with pytest.raises(KeyboardInterrupt):
        ingest([tmp_path / "in"], store, IngestOptions(batch_size=5), progress=False)
    assert store.count_articles() == 16
    assert store.runs()[0]["status"] == "interrupted"
    monkeypatch.setattr(pipeline, "clean_document", real)
    summary = ingest([tmp_path / "in"], store, IngestOptions(batch_size=5), progress=False)
    assert store.count_articles() == 30
    assert summary.documents == 14


def test_kill_9_loses_nothing_committed(tmp_path: Path) -> None:
    _write_articles(tmp_path / "in", 600)
    db = tmp_path / "k.db"
    cmd = [sys.executable, "-m", "newstrace", "ingest", str(tmp_path / "in"), "--db", str(db), "--batch-size", "5"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists() and _count(db) >= 50:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    before = _count(db)
    assert before >= 1
    store = open_store(db)
    summary = ingest([tmp_path / "in"], store, progress=False)
    assert store.count_articles() == 600
    assert summary.documents <= 600 - before + 5
    assert store.runs()[1]["status"] == "aborted" or before == 600


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_parallel_cleaning_gives_the_same_articles(tmp_path: Path) -> None:
    _write_articles(tmp_path / "in", 40)
    one, two = open_store(), open_store()
    ingest([tmp_path / "in"], one, IngestOptions(jobs=1), progress=False)
    ingest([tmp_path / "in"], two, IngestOptions(jobs=2), progress=False)
    assert [a.id for a in one.articles()] == [a.id for a in two.articles()]


def test_repeated_outlet_lines_are_removed(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(5):
        body = (f"KESTREL (Harbor Wire) - Story number {n} about the harbour budget was approved by the council "
                f"with {n + 3} votes in favour.\n\nJoin our channel for harbour updates\n")
        (folder / f"{n}.txt").write_text(body, "utf-8")
    ingest([folder], store, progress=False)
    kept = [a for a in store.articles() if "Join our channel" in a.text]
    assert len(kept) == 2
