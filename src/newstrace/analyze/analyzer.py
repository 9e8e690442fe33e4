"""The analyser the analysis run uses: batches of ``(article_id, text)`` → quotes.

Parsing dominates the cost, so a batch is split over worker processes (two
by default, one per core of the reference machine), each parsing its share
with ``nlp.pipe`` and extracting the quotes itself: only the small
:class:`~newstrace.records.Quote` records travel back, not the parsed docs.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence

from newstrace.analyze.model import AttributionModel
from newstrace.analyze.nlp import MODEL, load, parse_many
from newstrace.analyze.quotes import extract_quotes
from newstrace.records import Quote

VERSION = "4"
PROCESSES = 2
CHUNK = 32
MIN_CHUNK = 8
_FORKED_MODEL: AttributionModel | None = None  # set before forking, read by the workers


def default_processes() -> int:
    """Worker processes to use: two, or fewer on a one-core machine."""
    return max(1, min(PROCESSES, os.cpu_count() or 1))


class QuoteAnalyzer:
    """Parses a batch of articles with spaCy and extracts their quotes.

    ``name`` names the rules version, the pipeline and the trained model if
    one is given, so a new version makes the store re-analyse every article.
    ``processes > 1`` uses a pool of forked workers for batches larger than
    one chunk.
    """

    def __init__(self, batch_size: int = 32, processes: int | None = None,
                 model: AttributionModel | None = None) -> None:
        self.batch_size = batch_size
        self.processes = default_processes() if processes is None else max(1, processes)
        self.model = model
        self.name = f"quotes-rules-{VERSION}+{MODEL}" + (f"+model-{model.digest}" if model is not None else "")

    def __call__(self, articles: Sequence[tuple[str, str]]) -> list[tuple[str, list[Quote]]]:
        if self.processes > 1 and len(articles) > MIN_CHUNK and "fork" in multiprocessing.get_all_start_methods():
            return analyse_parallel(articles, self.processes, self.batch_size, self.model)
        return analyse(articles, self.batch_size, self.model)


def analyse(articles: Sequence[tuple[str, str]], batch_size: int = 32,
            model: AttributionModel | None = None) -> list[tuple[str, list[Quote]]]:
    """Parse and extract in this process."""
    texts = [text for _, text in articles]
    docs = parse_many(texts, batch_size=batch_size)
    return [
        (article_id, extract_quotes(text, doc, article_id, model) if text.strip() else [])
        for (article_id, text), doc in zip(articles, docs, strict=True)
    ]


def _worker(job: tuple[list[tuple[str, str]], int]) -> list[tuple[str, list[Quote]]]:
    chunk, batch_size = job
    return analyse(chunk, batch_size, _FORKED_MODEL)


def analyse_parallel(articles: Sequence[tuple[str, str]], processes: int, batch_size: int = 32,
                     model: AttributionModel | None = None) -> list[tuple[str, list[Quote]]]:
    """Parse and extract in ``processes`` forked workers (the pipeline and model are loaded once, before the fork)."""
    global _FORKED_MODEL
    load()
    items = list(articles)
    size = max(MIN_CHUNK, min(CHUNK, -(-len(items) // processes)))  # one chunk per worker when it fits
    jobs = [(items[i : i + size], min(batch_size, size)) for i in range(0, len(items), size)]
    context = multiprocessing.get_context("fork")
    _FORKED_MODEL = model
    try:
        with context.Pool(processes) as pool:
            results = pool.map(_worker, jobs, chunksize=1)
    finally:
        _FORKED_MODEL = None
    return [pair for chunk in results for pair in chunk]
