"""The Timeline17 benchmark's protocol and scoring on a tiny invented topic (no shared data needed)."""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path

import pytest

from newstrace.bench import t17

ARTICLES = [
    {"id": "f/1", "time": "2023-03-02", "text": "The river at Lindholm burst its banks on Tuesday , flooding the old "
     "town . \nRescue teams evacuated 300 residents from the lower streets . \n"},
    {"id": "f/2", "time": "2023-03-06", "text": "Lindholm began clearing mud on Monday after the flood . \nOn March 3 "
     ", engineers reopened the rail line to the coast after the flood . \n"},
    {"id": "f/3", "time": "2023-04-30", "text": "A flood memorial opened on Sunday , weeks after the waters fell . \n"},
]
REFERENCE = [["2023-02-28", ["The river floods the old town of Lindholm ."]],
             ["2023-03-03", ["Engineers reopen the rail line .", "Trains run again ."]]]


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    topic = tmp_path / "data" / "t17" / "flood"
    topic.mkdir(parents=True)
    (topic / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), "utf-8")
    (topic / "timelines.jsonl").write_text(json.dumps(REFERENCE) + "\n", "utf-8")
    (topic / "keywords.json").write_text(json.dumps(["flood"]), "utf-8")
    return tmp_path


def test_task_protocol(shared: Path) -> None:
    topic = t17.load_topic(shared / "data" / "t17" / "flood")
    task = topic.tasks[0]
    assert (task.start, task.end, task.dates, task.sentences) == (date(2023, 2, 28), date(2023, 3, 3), 2, 2)
    plan = t17.predict(task, t17.prepare(topic.articles))
    assert len(plan) <= 2 and all(task.start <= e.day <= task.end for e in plan)
    assert all("flood" in s.text for e in plan for s in e.chosen)
    assert all(s.published <= task.end for e in plan for s in e.chosen)  # the April article is outside the window


def test_average_takes_f_of_mean_p_and_r() -> None:
    one = {"precision": 1.0, "recall": 0.0}
    other = {"precision": 0.0, "recall": 1.0}
    result = t17.average([{m: one for m in ("rouge_1", "rouge_2", "date")},
                          {m: other for m in ("rouge_1", "rouge_2", "date")}])
    assert result["date"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}


def test_missing_data_is_a_message(tmp_path: Path) -> None:
    assert "not found" in t17.run(tmp_path)["error"]


@pytest.mark.skipif(importlib.util.find_spec("tilse") is None, reason="tilse (the bench extra) is not installed")
def test_run_scores_with_tilse(shared: Path) -> None:
    result = t17.run(shared, mode="reimpl", timing=False)
    assert result["tasks"] == 1 and 0.0 <= result["AR1_f1"] <= 1.0
    assert result["date_precision"] > 0
