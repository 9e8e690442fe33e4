"""Readers for files that hold one document: scraped plain text and HTML pages."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from newstrace.errors import ErrorCode, InputError
from newstrace.ingest.decode import decode_bytes
from newstrace.ingest.files import InputFile, read_bytes
from newstrace.ingest.htmlmeta import declared_charset
from newstrace.ingest.options import ReadOptions
from newstrace.records import DocFormat, Failure, RawDocument, SourceRef


def read_text_file(item: InputFile, opts: ReadOptions, start: int = 0) -> Iterator[RawDocument | Failure]:
    """One plain-text document per file."""
    yield from _read_single(item, opts, start, "text")


def read_html_file(item: InputFile, opts: ReadOptions, start: int = 0) -> Iterator[RawDocument | Failure]:
    """One HTML page per file."""
    yield from _read_single(item, opts, start, "html")


def _read_single(
    item: InputFile, opts: ReadOptions, start: int, fmt: DocFormat
) -> Iterator[RawDocument | Failure]:
    if start > 0:
        return
    data = read_bytes(item, opts.max_document_bytes)
    if not data.strip():
        raise InputError(ErrorCode.EMPTY, "file is empty")
    declared = declared_charset(data) if fmt == "html" else None
    text = decode_bytes(data, declared, repair=fmt != "html")
    if not text.strip():
        raise InputError(ErrorCode.EMPTY, "file holds only white space")
    yield RawDocument(
        source=SourceRef(item.origin),
        format=fmt,
        content=text,
        input_sha256=hashlib.sha256(data).hexdigest(),
    )
