"""Ingest: turn files, folders and URL lists into :class:`RawDocument` records.

Every reader is a generator ``reader(item, options, start) -> Iterator[RawDocument | Failure]``
that streams its input and skips, cheaply, the first ``start`` items a previous
run already stored.  :func:`read_input` wraps each reader so that nothing it
raises escapes: errors become :class:`Failure` records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from newstrace.errors import ErrorCode, InputError
from newstrace.ingest.feeds import read_feed
from newstrace.ingest.files import InputFile, discover
from newstrace.ingest.options import ReadOptions
from newstrace.ingest.single import read_html_file, read_text_file
from newstrace.ingest.tabular import read_csv, read_json, read_jsonl
from newstrace.ingest.urls import read_url_list
from newstrace.ingest.warc import read_warc
from newstrace.records import Failure, RawDocument, SourceRef

Reader = Callable[[InputFile, ReadOptions, int], Iterator[RawDocument | Failure]]

READERS: dict[str, Reader] = {
    "text": read_text_file,
    "html": read_html_file,
    "warc": read_warc,
    "jsonl": read_jsonl,
    "json": read_json,
    "csv": read_csv,
    "feed": read_feed,
    "urls": read_url_list,
}

__all__ = ["READERS", "InputFile", "ReadOptions", "discover", "read_input"]


def read_input(
    item: InputFile, options: ReadOptions | None = None, start: int = 0
) -> Iterator[RawDocument | Failure]:
    """Read one input file; every problem becomes a :class:`Failure`, never an exception."""
    opts = options or ReadOptions()
    reader = READERS.get(item.kind)
    if reader is None:
        yield Failure(SourceRef(item.origin), ErrorCode.UNSUPPORTED, f"no reader for {item.path.name}")
        return
    try:
        yield from reader(item, opts, start)
    except InputError as exc:
        yield Failure(SourceRef(item.origin), exc.code, exc.reason)
    except MemoryError:
        yield Failure(SourceRef(item.origin), ErrorCode.TOO_LARGE, "input too large for memory")
    except Exception as exc:  # noqa: BLE001 - a reader bug must not end the run
        yield Failure(SourceRef(item.origin), ErrorCode.INTERNAL, f"{type(exc).__name__}: {exc}")
