"""The ingest run: discover → read → clean → store, streaming, batched and resumable.

Progress per input file is committed with each batch, so a re-run after
Ctrl-C or ``kill -9`` skips finished files and resumes unfinished ones at the
first item not yet stored.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from newstrace.clean import clean_document
from newstrace.clean.outlets import OutletTable, outlet_table
from newstrace.clean.repeats import THRESHOLD, paragraph_hashes, strip_repeated
from newstrace.errors import ErrorCode, InputError
from newstrace.ingest import InputFile, ReadOptions, discover, read_input
from newstrace.progress import Progress
from newstrace.records import Article, Failure, RawDocument, Record, SourceRef
from newstrace.store import Batch, InputProgress, Store, StoredDoc


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """Settings of an ingest run."""

    read: ReadOptions = field(default_factory=ReadOptions)
    jobs: int = 1
    batch_size: int = 200
    today: date | None = None
    keep_raw: bool = False
    repeat_threshold: int = THRESHOLD
    outlets_file: str | None = None

    def __post_init__(self) -> None:
        if self.jobs < 1:
            raise ValueError(f"jobs must be >= 1, got {self.jobs}")
        if self.batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {self.batch_size}")
        if self.repeat_threshold < 2:
            raise ValueError(f"repeat_threshold must be >= 2, got {self.repeat_threshold}")


@dataclass(frozen=True, slots=True)
class RunSummary(Record):
    """What an ingest run did."""

    run_id: int
    status: str
    files: int = 0
    files_unchanged: int = 0
    documents: int = 0
    articles_new: int = 0
    articles_known: int = 0
    failures: int = 0
    failures_by_code: tuple[tuple[str, int], ...] = ()
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


# Events flowing from the readers through the cleaners to the writer.
@dataclass(frozen=True, slots=True)
class _Item:
    """One item of an input: a document (cleaned into ``outcome``) or a failure."""

    item: InputFile | None
    position: int
    doc: RawDocument | None
    outcome: Article | Failure | None


@dataclass(frozen=True, slots=True)
class _Done:
    item: InputFile
    items: int


_Event = _Item | _Done


def ingest(
    paths: Sequence[str | Path], store: Store, options: IngestOptions | None = None, *, progress: bool | None = None
) -> RunSummary:
    """Ingest files and folders into ``store``; never raises for bad input.

    Every rejected input becomes a recorded :class:`Failure`.  Returns a
    :class:`RunSummary`; on Ctrl-C the work so far is committed, the run is
    marked ``interrupted`` and ``KeyboardInterrupt`` propagates.
    """
    opts = options or IngestOptions()
    run = _Run(store, opts, store.begin_run([str(p) for p in paths]))
    show = sys.stderr.isatty() if progress is None else progress
    bar = Progress(total=_total_bytes(paths) if show else 0, enabled=show)
    try:
        for event in _cleaned(_events(paths, store, opts, run), opts):
            run.take(event, bar)
        run.finish("complete")
    except KeyboardInterrupt:
        run.finish("interrupted")
        raise
    finally:
        bar.close()
    return run.summary


def _total_bytes(paths: Sequence[str | Path]) -> int:
    """Input size for the progress bar (a metadata-only walk, done only when a bar is shown)."""
    return sum(e.size for e in discover(paths) if isinstance(e, InputFile))


def _events(paths: Sequence[str | Path], store: Store, opts: IngestOptions, run: _Run) -> Iterator[_Event]:
    """Documents and failures from every input file, skipping what earlier runs stored."""
    for entry in discover(paths):
        if isinstance(entry, tuple):
            path, error = entry
            yield _Item(None, 0, None, Failure(SourceRef(str(path)), error.code, error.reason))
            continue
        start = _resume_point(store, entry, run)
        if start is None:
            continue
        count = start
        for outcome in read_input(entry, opts.read, start):
            count += 1
            if isinstance(outcome, RawDocument):
                yield _Item(entry, count, outcome, None)
            else:
                yield _Item(entry, count, None, outcome)
        yield _Done(entry, count)


def _resume_point(store: Store, item: InputFile, run: _Run) -> int | None:
    """Where to start reading ``item``: None when it is already complete and unchanged."""
    known = store.input_progress(item.origin)
    run.files += 1
    if known is None:
        return 0
    if (known.size, known.mtime_ns) != (item.size, item.mtime_ns):
        store.forget_input(item.origin)
        return 0
    if known.complete:
        run.files_unchanged += 1
        return None
    return known.items_done


def _cleaned(events: Iterable[_Event], opts: IngestOptions) -> Iterator[_Event]:
    """Clean documents, in worker processes when ``jobs > 1``, keeping the order."""
    task = _CleanTask(opts.today, outlet_table(opts.outlets_file))
    if opts.jobs == 1:
        yield from (task(e) for e in events)
        return
    import newstrace.clean.html  # noqa: F401 - import trafilatura once, before forking the workers

    context = multiprocessing.get_context("fork")
    with context.Pool(opts.jobs) as pool:
        yield from pool.imap(task, events, chunksize=16)


class _CleanTask:
    """Picklable callable for the worker pool: cleans the documents among the events."""

    def __init__(self, today: date | None, outlets: OutletTable) -> None:
        self.today = today
        self.outlets = outlets

    def __call__(self, event: _Event) -> _Event:
        if not isinstance(event, _Item) or event.doc is None:
            return event
        return replace(event, outcome=clean_one(event.doc, self.today, self.outlets))


def clean_one(doc: RawDocument, today: date | None = None, outlets: OutletTable | None = None) -> Article | Failure:
    """Clean one document; any problem becomes a ``clean``-stage :class:`Failure`."""
    try:
        return clean_document(doc, today=today, outlets=outlets)
    except InputError as exc:
        return Failure(doc.source, exc.code, exc.reason, stage="clean")
    except Exception as exc:  # noqa: BLE001 - one bad document must not end the run
        return Failure(doc.source, ErrorCode.INTERNAL, f"{type(exc).__name__}: {exc}", stage="clean")


class _Run:
    """The state of one ingest run: the open batch and the counters."""

    def __init__(self, store: Store, opts: IngestOptions, run_id: int) -> None:
        self.store, self.opts, self.run_id = store, opts, run_id
        self.batch = Batch()
        self.started = time.monotonic()
        self.files = self.files_unchanged = self.documents = 0
        self.new = self.known = 0
        self.codes: Counter[str] = Counter()
        self.pending_lines: Counter[tuple[str, str]] = Counter()

    def take(self, event: _Event, bar: Progress) -> None:
        if isinstance(event, _Done):
            self._progress(event.item, event.items, complete=True)
            bar.advance(event.item.size, self.new + self._pending_new())
        else:
            self._item(event)
            bar.tick(self.documents, self.new + self._pending_new())
        if len(self.batch) >= self.opts.batch_size:
            self.flush()

    def _pending_new(self) -> int:
        return len(self.batch.docs)

    def _fail(self, failure: Failure) -> None:
        self.batch.failures.append(failure)
        self.codes[failure.code.value] += 1

    def _item(self, event: _Item) -> None:
        if event.doc is not None:
            self.documents += 1
        if isinstance(event.outcome, Failure):
            self._fail(event.outcome)
        elif event.outcome is not None and event.item is not None and event.doc is not None:
            self._article(event.item, event.doc, event.outcome)
        if event.item is not None:
            self._progress(event.item, event.position, complete=False)

    def _article(self, item: InputFile, doc: RawDocument, article: Article) -> None:
        article = strip_repeated(article, self._line_counts, self.opts.repeat_threshold)
        if article.outlet and not self.store.has_article(article.id):
            for digest, _ in paragraph_hashes(article):
                self.batch.line_hashes.append((article.outlet, digest))
                self.pending_lines[(article.outlet, digest)] += 1
        keep = self.opts.keep_raw or item.kind == "urls"
        self.batch.docs.append(
            StoredDoc(article, doc.source, doc.format, doc.input_sha256, doc.content if keep else None)
        )

    def _line_counts(self, outlet: str, hashes: Sequence[str]) -> dict[str, int]:
        stored = self.store.line_counts(outlet, hashes)
        return {h: stored.get(h, 0) + self.pending_lines[(outlet, h)] for h in hashes}

    def _progress(self, item: InputFile, items: int, complete: bool) -> None:
        self.batch.progress[item.origin] = InputProgress(
            item.origin, item.kind, item.size, item.mtime_ns, items, complete
        )

    def flush(self) -> None:
        if not len(self.batch) and not self.batch.progress:
            return
        fresh = self.store.write_batch(self.run_id, self.batch)
        self.new += sum(fresh)
        self.known += len(fresh) - sum(fresh)
        self.batch = Batch()
        self.pending_lines.clear()

    def finish(self, status: str) -> None:
        self.flush()
        self.summary = self._summary(status)
        self.store.finish_run(self.run_id, status, self.summary.to_dict())

    def _summary(self, status: str) -> RunSummary:
        return RunSummary(
            run_id=self.run_id,
            status=status,
            files=self.files,
            files_unchanged=self.files_unchanged,
            documents=self.documents,
            articles_new=self.new,
            articles_known=self.known,
            failures=sum(self.codes.values()),
            failures_by_code=tuple(sorted(self.codes.items())),
            seconds=round(time.monotonic() - self.started, 3),
        )
