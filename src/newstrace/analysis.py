"""The analysis run: stored articles → quotes with speakers, batched and resumable.

Articles are analysed once per analyser version; a re-run only picks up
articles added since, and a new analyser version re-analyses everything.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from newstrace.errors import ErrorCode
from newstrace.progress import Progress
from newstrace.records import Failure, Record, SourceRef
from newstrace.store import Store

if TYPE_CHECKING:
    from newstrace.analyze.analyzer import Batch, Results


class Analyzer(Protocol):
    """Turns article texts into quotes; ``name`` changes whenever its output may change."""

    name: str

    def __call__(self, articles: Batch) -> Results: ...


@runtime_checkable
class StreamingAnalyzer(Analyzer, Protocol):
    """An analyser that works ahead: it takes the run's batches as a stream and hands back each with its results."""

    def over(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, Results]]: ...


@runtime_checkable
class ReportingAnalyzer(Analyzer, Protocol):
    """An analyser that reports the articles it could not analyse instead of stopping the run."""

    def take_failures(self) -> list[tuple[str, str]]: ...


@dataclass(frozen=True, slots=True)
class AnalyzeSummary(Record):
    """What an analysis run did (``failures``: articles recorded as failed, see ``newstrace failures``)."""

    analyzer: str
    articles: int = 0
    quotes: int = 0
    seconds: float = 0.0
    failures: int = 0


def analyze_store(
    store: Store, analyzer: Analyzer | None = None, *, batch_size: int = 64, progress: bool = False
) -> AnalyzeSummary:
    """Analyse every article the analyser has not seen yet; commits one transaction per batch."""
    chosen = analyzer or default_analyzer()
    started = time.monotonic()
    articles = found = failed = 0
    bar = Progress(total=0, enabled=progress)
    try:
        with _session(chosen):
            for batch, results in _each_batch(chosen, store.pending_analysis(chosen.name, batch_size)):
                failures = _failures(chosen)
                store.write_quotes(results, chosen.name, failures)
                articles += len(batch)
                found += sum(len(q) for _, q in results)
                failed += len(failures)
                bar.tick(articles, found)
    finally:
        bar.close()
    return AnalyzeSummary(chosen.name, articles, found, round(time.monotonic() - started, 3), failed)


def _failures(analyzer: Analyzer) -> list[Failure]:
    """The articles the analyser could not analyse in the last batch, as failures of the ``analyze`` stage."""
    if not isinstance(analyzer, ReportingAnalyzer):
        return []
    return [Failure(SourceRef("article", article_id), ErrorCode.INTERNAL, reason, stage="analyze")
            for article_id, reason in analyzer.take_failures()]


def _each_batch(analyzer: Analyzer, batches: Iterable[Batch]) -> Iterator[tuple[Batch, Results]]:
    """Each batch with its results; an analyser that can stream is given the whole sequence of batches."""
    if isinstance(analyzer, StreamingAnalyzer):
        yield from analyzer.over(batches)
        return
    for batch in batches:
        yield batch, analyzer(batch)


def _session(analyzer: Analyzer) -> AbstractContextManager[object]:
    """The analyser's own context (worker processes kept for the whole run) when it has one."""
    return analyzer if isinstance(analyzer, AbstractContextManager) else nullcontext()


def default_analyzer() -> Analyzer:
    """The shipped attribution analyser (spaCy small English pipeline plus rules)."""
    from newstrace.analyze import QuoteAnalyzer

    analyzer: Analyzer = QuoteAnalyzer()
    return analyzer
