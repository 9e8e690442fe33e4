"""Timeline17 benchmark: dated timelines scored with tilse (alignment ROUGE and date F1).

Reads ``shared/data/t17/<topic>/{articles.jsonl,timelines.jsonl,keywords.json}`` at
run time (nothing from it is copied into the repository).  The protocol of
``shared/README.md``: one task per reference timeline (19); the input is the
topic's articles published between the first and the last reference date; the
output has as many dates as the reference (L) and round(mean sentences per
reference date) sentences per date (K), only from sentences that contain a
keyword.  Scores: alignment-based ROUGE-1/2 with many-to-one date-content
alignment (tilse ``align_date_content_costs_many_to_one``) and date P/R/F1,
precision and recall averaged over the tasks before F1 is computed.  Predicted
sentences are given to ROUGE in their original tokenised form, like the
references.  ``--mode original`` (default) runs tilse's bundled ROUGE-1.5.5 Perl
script, ``--mode reimpl`` tilse's faster Python approximation.

``tilse`` is a benchmark-only dependency: ``pip install 'newstrace[bench]'``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from newstrace.records import TimelineArticle
from newstrace.stories.dating import DatedSentence, parse_day
from newstrace.stories.timeline import (
    DEFAULT_PARAMS,
    Bounds,
    PlannedEntry,
    TimelineParams,
    build_timeline,
    plan_timeline,
    prepare,
)

DATA = Path("data") / "t17"
ANCHORS = "DATEWISE (supervised) AR1-F 0.120 / date F1 0.544; mention counting date F1 0.528"
TARGETS = {"rouge_1": 0.125, "date": 0.55}


class MissingTilse(RuntimeError):
    """tilse (the scorer) is not installed."""


@dataclass(frozen=True, slots=True)
class Task:
    """One reference timeline of a topic and what the protocol derives from it."""

    topic: str
    number: int
    reference: dict[date, list[str]]
    keywords: tuple[str, ...]

    @property
    def start(self) -> date:
        return min(self.reference)

    @property
    def end(self) -> date:
        return max(self.reference)

    @property
    def dates(self) -> int:
        return len(self.reference)

    @property
    def sentences(self) -> int:
        return round(sum(len(s) for s in self.reference.values()) / len(self.reference))


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    articles: tuple[TimelineArticle, ...]
    tasks: tuple[Task, ...]


# --------------------------------------------------------------------------- data


def load_topic(folder: Path) -> Topic:
    """A topic's articles, keywords and reference timelines."""
    keywords = tuple(json.loads((folder / "keywords.json").read_text("utf-8")))
    articles = tuple(_articles(folder / "articles.jsonl"))
    tasks = []
    for number, line in enumerate((folder / "timelines.jsonl").read_text("utf-8").splitlines()):
        if line.strip():
            reference = _reference(json.loads(line))
            tasks.append(Task(folder.name, number, reference, keywords))
    return Topic(folder.name, articles, tuple(tasks))


def _articles(path: Path) -> Iterator[TimelineArticle]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            yield TimelineArticle(str(record["id"]), str(record["time"])[:10], str(record["text"]),
                                  outlet=record.get("source"))


def _reference(rows: list[Any]) -> dict[date, list[str]]:
    out: dict[date, list[str]] = {}
    for day, sentences in rows:
        parsed = parse_day(day)
        if parsed is not None:
            out.setdefault(parsed, []).extend(sentences)
    return out


def topics(shared: Path) -> list[Path]:
    return sorted(p for p in (shared / DATA).iterdir() if (p / "timelines.jsonl").is_file())


# --------------------------------------------------------------------------- prediction


def predict(
    task: Task, prepared: Sequence[DatedSentence], params: TimelineParams = DEFAULT_PARAMS,
) -> list[PlannedEntry]:
    """The timeline for one task, from the topic's prepared sentences restricted to the task's window."""
    window = [s for s in prepared if task.start <= s.published <= task.end]
    return plan_timeline(window, dates=task.dates, sentences=task.sentences, keywords=task.keywords,
                         bounds=Bounds(task.start, task.end), params=params)


def as_prediction(plan: Sequence[PlannedEntry]) -> dict[date, list[str]]:
    """Day -> tokenised sentences (the form the references are in)."""
    return {entry.day: [s.raw for s in entry.chosen] for entry in plan if entry.chosen}


# --------------------------------------------------------------------------- scoring


def _tilse() -> tuple[Any, Any]:
    try:
        from tilse.data import timelines  # type: ignore[import-not-found,import-untyped,unused-ignore]
        from tilse.evaluation import rouge  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingTilse("the t17 benchmark needs tilse: pip install 'newstrace[bench]'") from exc
    return timelines, rouge


class Scorer:
    """tilse's alignment ROUGE (many-to-one, date and content costs) and date P/R for one task at a time."""

    def __init__(self, mode: str = "original") -> None:
        self.timelines, rouge = _tilse()
        self.evaluator = rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"], rouge_computation=mode)

    def score(self, predicted: dict[date, list[str]], reference: dict[date, list[str]]) -> dict[str, dict[str, float]]:
        truth = self.timelines.GroundTruth([self.timelines.Timeline(reference)])
        if predicted:
            scores = self.evaluator.evaluate_align_date_content_costs_many_to_one(
                self.timelines.Timeline(predicted), truth)
        else:
            scores = {m: {"precision": 0.0, "recall": 0.0} for m in ("rouge_1", "rouge_2")}
        shared = len(set(predicted) & set(reference))
        scores["date"] = {"precision": shared / len(predicted) if predicted else 0.0,
                          "recall": shared / len(reference)}
        return {m: {k: float(v) for k, v in s.items() if k != "f_score"} for m, s in scores.items()}


def average(results: Sequence[dict[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    """Precision and recall averaged over tasks, then F1 of the averages (as in Ghalandari & Ifrim 2020)."""
    out: dict[str, dict[str, float]] = {}
    for metric in ("rouge_1", "rouge_2", "date"):
        p = sum(r[metric]["precision"] for r in results) / len(results) if results else 0.0
        r_ = sum(r[metric]["recall"] for r in results) / len(results) if results else 0.0
        out[metric] = {"precision": p, "recall": r_, "f1": _f1(p, r_)}
    return out


# --------------------------------------------------------------------------- run


def run(shared: Path, limit: int | None = None, mode: str | None = None,
        params: TimelineParams = DEFAULT_PARAMS, timing: bool = True) -> dict[str, Any]:
    """All tasks (the first ``limit``): per-task scores, the averages and the timing of the largest topic."""
    if not (shared / DATA).is_dir():
        return {"error": f"Timeline17 not found under {shared / DATA} (set --shared or $NEWSTRACE_SHARED)"}
    try:
        scorer = Scorer(mode or "original")
    except MissingTilse as exc:
        return {"error": str(exc)}
    rows: list[dict[str, Any]] = []
    results: list[dict[str, dict[str, float]]] = []
    started = time.perf_counter()
    for folder in topics(shared):
        topic = load_topic(folder)
        prepared = prepare(topic.articles)
        for task in topic.tasks:
            if limit is not None and len(results) >= limit:
                break
            predicted = as_prediction(predict(task, prepared, params))
            scores = scorer.score(predicted, task.reference)
            results.append(scores)
            rows.append(_row(task, predicted, scores))
    result: dict[str, Any] = {"tasks": len(results), "rouge": mode or "original", **_flat(average(results))}
    result["seconds"] = round(time.perf_counter() - started, 1)
    if timing:
        result.update(time_largest(shared))
    result["anchors"] = ANCHORS
    result["per_task"] = rows
    return result


def _row(task: Task, predicted: dict[date, list[str]], scores: dict[str, dict[str, float]]) -> dict[str, Any]:
    return {"task": f"{task.topic}/{task.number}", "L": task.dates, "K": task.sentences, "dates": len(predicted),
            **{m: round(_f1(s["precision"], s["recall"]), 3) for m, s in scores.items()}}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _flat(averages: dict[str, dict[str, float]]) -> dict[str, float]:
    names = {"rouge_1": "AR1", "rouge_2": "AR2", "date": "date"}
    return {f"{names[m]}_{k}": round(v, 4) for m, s in averages.items() for k, v in s.items()}


def time_largest(shared: Path) -> dict[str, Any]:
    """Seconds for ``build_timeline`` over every article of the largest topic (sentence split and dating included)."""
    largest = max(topics(shared), key=lambda p: (p / "articles.jsonl").stat().st_size)
    topic = load_topic(largest)
    biggest = max(topic.tasks, key=lambda t: t.dates)
    started = time.perf_counter()
    entries = build_timeline(topic.articles, dates=biggest.dates, sentences=biggest.sentences,
                             keywords=biggest.keywords)
    return {"largest_topic": topic.name, "largest_articles": len(topic.articles), "largest_dates": len(entries),
            "largest_seconds": round(time.perf_counter() - started, 2)}


def report(result: dict[str, Any]) -> str:
    """A small table of the averages (the per-task rows stay in the JSON)."""
    if "error" in result:
        return str(result["error"])
    lines = [f"Timeline17, {result['tasks']} tasks, ROUGE {result['rouge']}",
             f"{'metric':<8} {'P':>7} {'R':>7} {'F1':>7}"]
    for name in ("AR1", "AR2", "date"):
        lines.append(f"{name:<8} {result[name + '_precision']:>7.4f} {result[name + '_recall']:>7.4f} "
                     f"{result[name + '_f1']:>7.4f}")
    lines.append(f"targets: AR1-F >= {TARGETS['rouge_1']}, date F1 >= {TARGETS['date']}; anchors: {ANCHORS}")
    if "largest_seconds" in result:
        lines.append(f"largest topic {result['largest_topic']}: {result['largest_articles']} articles, "
                     f"{result['largest_dates']} dates in {result['largest_seconds']} s (target < 60 s)")
    return "\n".join(lines)
