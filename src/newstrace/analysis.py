"""The analysis run: stored articles → quotes with speakers, batched and resumable.

Articles are analysed once per analyser version; a re-run only picks up
articles added since, and a new analyser version re-analyses everything.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Protocol

from newstrace.progress import Progress
from newstrace.records import Quote, Record
from newstrace.store import Store


class Analyzer(Protocol):
    """Turns article texts into quotes; ``name`` changes whenever its output may change."""

    name: str

    def __call__(self, articles: Sequence[tuple[str, str]]) -> list[tuple[str, list[Quote]]]: ...


@dataclass(frozen=True, slots=True)
class AnalyzeSummary(Record):
    """What an analysis run did."""

    analyzer: str
    articles: int = 0
    quotes: int = 0
    seconds: float = 0.0


def analyze_store(
    store: Store, analyzer: Analyzer | None = None, *, batch_size: int = 64, progress: bool = False
) -> AnalyzeSummary:
    """Analyse every article the analyser has not seen yet; commits one transaction per batch."""
    chosen = analyzer or default_analyzer()
    started = time.monotonic()
    articles = found = 0
    bar = Progress(total=0, enabled=progress)
    try:
        with _session(chosen):
            for batch in store.pending_analysis(chosen.name, batch_size):
                results = chosen(batch)
                store.write_quotes(results, chosen.name)
                articles += len(batch)
                found += sum(len(q) for _, q in results)
                bar.tick(articles, found)
    finally:
        bar.close()
    return AnalyzeSummary(chosen.name, articles, found, round(time.monotonic() - started, 3))


def _session(analyzer: Analyzer) -> AbstractContextManager[object]:
    """The analyser's own context (worker processes kept for the whole run) when it has one."""
    return analyzer if isinstance(analyzer, AbstractContextManager) else nullcontext()


def default_analyzer() -> Analyzer:
    """The shipped attribution analyser (spaCy small English pipeline plus rules)."""
    from newstrace.analyze import QuoteAnalyzer

    analyzer: Analyzer = QuoteAnalyzer()
    return analyzer
