"""The analyser the analysis run uses: batches of ``(article_id, text)`` → quotes.

Parsing dominates the cost, so a batch is split over worker processes (two
by default, one per core of the reference machine), each parsing its share
with ``nlp.pipe`` and extracting the quotes itself: only the small
:class:`~newstrace.records.Quote` records travel back, not the parsed docs.
The workers are forked once the pipeline is loaded and, during an analysis
run, kept from one batch to the next; :meth:`QuoteAnalyzer.over` queues the
next batch before the current one's results are handed back, so the workers
never wait while the run stores quotes.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from multiprocessing.pool import AsyncResult, Pool
from typing import NamedTuple

from newstrace.analyze.model import AttributionModel
from newstrace.analyze.nlp import MODEL, load, parse_many
from newstrace.analyze.quotes import extract_quotes
from newstrace.records import Quote, bug_reason

VERSION = "12"
PROCESSES = 2
CHUNK = 32
MIN_CHUNK = 8  # a smaller batch is parsed in this process
SMALLEST_CHUNK = 4
JOBS_PER_WORKER = 2
JOBS_BEFORE_REFORK = 200  # a kept worker is replaced after this many chunks, so its vocabulary cannot grow forever
_FORKED_MODEL: AttributionModel | None = None  # set in each worker when it starts
Batch = Sequence[tuple[str, str]]  # (article id, text)
Results = list[tuple[str, list[Quote]]]  # (article id, its quotes)
Failed = list[tuple[str, str]]  # (article id, why its quotes could not be extracted)


class Outcome(NamedTuple):
    """A batch's quotes, article by article (an article that failed has none), and the failures."""

    results: Results
    failed: Failed


def default_processes() -> int:
    """Worker processes to use: two, or fewer on a one-core machine."""
    return max(1, min(PROCESSES, os.cpu_count() or 1))


class QuoteAnalyzer:
    """Parses a batch of articles with spaCy and extracts their quotes.

    ``name`` names the rules version, the pipeline and the trained model if
    one is given, so a new version makes the store re-analyse every article.
    ``processes > 1`` uses a pool of forked workers for batches larger than
    :data:`MIN_CHUNK`; used as a context manager (as the analysis run does)
    the pool is started once and kept for every batch until the block ends,
    otherwise each call starts and stops its own.
    """

    def __init__(self, batch_size: int = 32, processes: int | None = None,
                 model: AttributionModel | None = None) -> None:
        self.batch_size = batch_size
        self.processes = default_processes() if processes is None else max(1, processes)
        self.model = model
        self.name = f"quotes-rules-{VERSION}+{MODEL}" + (f"+model-{model.digest}" if model is not None else "")
        self._pool: Pool | None = None
        self._keep = False
        self._failed: Failed = []

    def __call__(self, articles: Batch) -> Results:
        if self.processes > 1 and len(articles) > MIN_CHUNK and "fork" in multiprocessing.get_all_start_methods():
            try:
                outcome = analyse_in(self._start(), articles, self.processes, self.batch_size)
            except BaseException:
                self.close(abort=True)
                raise
            if not self._keep:
                self.close()
        else:
            outcome = analyse(articles, self.batch_size, self.model)
        return self._kept(outcome)

    def take_failures(self) -> Failed:
        """The articles whose extraction failed since the last call, with the reason (then forgotten)."""
        failed, self._failed = self._failed, []
        return failed

    def _kept(self, outcome: Outcome) -> Results:
        self._failed.extend(outcome.failed)
        return outcome.results

    def over(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, Results]]:
        """Each batch with its results, in order; with workers the next batch is
        already being parsed while the caller stores this one's."""
        if self.processes <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            for batch in batches:
                yield batch, self(batch)
            return
        ahead: deque[tuple[Batch, Submitted]] = deque()
        try:
            for batch in batches:
                ahead.append((batch, submit(self._start(), batch, self.processes, self.batch_size)))
                if len(ahead) > 1:
                    batch_done, pending = ahead.popleft()
                    yield batch_done, self._kept(pending.get())
            while ahead:
                batch_done, pending = ahead.popleft()
                yield batch_done, self._kept(pending.get())
        except BaseException:
            self.close(abort=True)
            raise
        if not self._keep:
            self.close()

    def __enter__(self) -> QuoteAnalyzer:
        self._keep = True
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        self._keep = False
        self.close(abort=exc_type is not None)

    def close(self, abort: bool = False) -> None:
        """Stop the worker processes, if any are running (``abort``: at once, without waiting for them)."""
        if self._pool is not None:
            pool, self._pool = self._pool, None
            if abort:
                pool.terminate()
            else:
                pool.close()
            pool.join()

    def _start(self) -> Pool:
        if self._pool is None:
            self._pool = start_pool(self.processes, self.model)
        return self._pool


def analyse(articles: Batch, batch_size: int = 32, model: AttributionModel | None = None) -> Outcome:
    """Parse and extract in this process; an article whose extraction raises gets no quotes and is reported, and
    the batch carries on (a rule that trips over one unusual text must not stop a run over a million)."""
    texts = [text for _, text in articles]
    docs = parse_many(texts, batch_size=batch_size)
    outcome = Outcome([], [])
    for (article_id, text), doc in zip(articles, docs, strict=True):
        try:
            found = extract_quotes(text, doc, article_id, model) if text.strip() else []
        except Exception as exc:  # any bug in the rules: reported with the article, never silent
            found = []
            outcome.failed.append((article_id, bug_reason("quote extraction failed", exc)))
        outcome.results.append((article_id, found))
    return outcome


def _init_worker(model: AttributionModel | None) -> None:
    global _FORKED_MODEL
    _FORKED_MODEL = model


def _worker(job: tuple[Batch, int]) -> Outcome:
    chunk, batch_size = job
    return analyse(chunk, batch_size, _FORKED_MODEL)


def start_pool(processes: int, model: AttributionModel | None = None) -> Pool:
    """Forked workers sharing the pipeline loaded here first (and ``model``), copy-on-write."""
    load()
    return multiprocessing.get_context("fork").Pool(processes, initializer=_init_worker, initargs=(model,),
                                                    maxtasksperchild=JOBS_BEFORE_REFORK)


def plan_chunks(lengths: Sequence[int], workers: int, most: int = CHUNK, least: int = SMALLEST_CHUNK) -> list[range]:
    """Cut articles of these text lengths into consecutive chunks for ``workers`` processes.

    Guided scheduling by characters: each chunk takes about a
    ``1 / (JOBS_PER_WORKER × workers)`` share of the characters still left
    (at most ``most`` articles, at least ``least``), so chunks start large, which
    the batched parser likes, and shrink towards the end, where a large chunk
    would leave the other workers idle while one finishes it.
    """
    chunks: list[range] = []
    left = sum(lengths)
    start = 0
    while start < len(lengths):
        share = left / (JOBS_PER_WORKER * max(1, workers))
        end, size = start, 0
        while end < len(lengths) and end - start < most and (size < share or end - start < least):
            size += lengths[end]
            end += 1
        chunks.append(range(start, end))
        left -= size
        start = end
    return chunks


def analyse_in(pool: Pool, articles: Batch, processes: int, batch_size: int = 32) -> Outcome:
    """Parse and extract ``articles`` in the workers of ``pool``, in order (chunks of :func:`plan_chunks`)."""
    return submit(pool, articles, processes, batch_size).get()


class Submitted:
    """A batch handed to the workers: :meth:`get` waits for its results, in the batch's order."""

    def __init__(self, pending: AsyncResult[list[Outcome]]) -> None:
        self._pending = pending

    def get(self) -> Outcome:
        chunks = self._pending.get()
        return Outcome([pair for chunk in chunks for pair in chunk.results],
                       [failure for chunk in chunks for failure in chunk.failed])


def submit(pool: Pool, articles: Batch, processes: int, batch_size: int = 32) -> Submitted:
    """Queue ``articles`` for the workers of ``pool`` without waiting for them."""
    items = list(articles)
    chunks = plan_chunks([len(text) for _, text in items], processes)
    jobs = [(items[c.start : c.stop], min(batch_size, len(c))) for c in chunks]
    return Submitted(pool.map_async(_worker, jobs, chunksize=1))
