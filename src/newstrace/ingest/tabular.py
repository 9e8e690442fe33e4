"""Readers for record files: JSON Lines, a JSON array or object, CSV/TSV.

A record may carry any of ``id, url, title, text, html, outlet, published,
authors`` (common aliases such as ``content``, ``body``, ``date`` and
``source`` are accepted).  A record with only a title is a headline and is
kept: headline feeds are real input.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from newstrace.errors import ErrorCode, InputError
from newstrace.ingest.decode import decode_bytes
from newstrace.ingest.files import InputFile, open_stream, read_bytes
from newstrace.ingest.options import ReadOptions
from newstrace.records import DocFormat, Failure, RawDocument, SourceRef

ALIASES: dict[str, tuple[str, ...]] = {
    "url": ("url", "link", "uri", "canonical_url"),
    "title": ("title", "headline"),
    "text": ("text", "content", "body", "maintext", "article"),
    "html": ("html", "raw_html"),
    "outlet": ("outlet", "source", "publisher", "site", "sitename", "domain"),
    "published": ("published", "date", "publication_date", "pubdate", "time", "date_publish"),
    "authors": ("authors", "author", "byline"),
    "language": ("language", "lang"),
}


def read_jsonl(item: InputFile, opts: ReadOptions, start: int = 0) -> Iterator[RawDocument | Failure]:
    """One record per line; a line that is not a JSON object is a failure of that line only."""
    with open_stream(item) as stream:
        for number, raw in enumerate(_lines(stream, opts.max_document_bytes), start=1):
            if number <= start or (isinstance(raw, bytes) and not raw.strip()):
                continue
            if isinstance(raw, int):
                yield Failure(SourceRef(item.origin, f"line:{number}"), ErrorCode.TOO_LARGE, f"line is {raw:,} bytes")
            else:
                yield _jsonl_line(item, opts, number, raw)


def _lines(stream: Any, limit: int) -> Iterator[bytes | int]:
    """Lines of at most ``limit`` bytes; a longer line is skipped and given as its length."""
    try:
        while line := stream.readline(limit + 1):
            if len(line) <= limit or line.endswith(b"\n"):
                yield line
                continue
            yield len(line) + _skip_rest_of_line(stream)
    except (OSError, EOFError) as exc:
        raise InputError(ErrorCode.BAD_GZIP, f"stream broke off: {exc}") from exc


def _skip_rest_of_line(stream: Any, chunk: int = 1 << 20) -> int:
    skipped = 0
    while part := stream.readline(chunk):
        skipped += len(part)
        if part.endswith(b"\n"):
            break
    return skipped


def _jsonl_line(item: InputFile, opts: ReadOptions, number: int, raw: bytes) -> RawDocument | Failure:
    ref = SourceRef(item.origin, f"line:{number}")
    if len(raw) > opts.max_document_bytes:
        return Failure(ref, ErrorCode.TOO_LARGE, f"line is {len(raw):,} bytes")
    try:
        value = json.loads(decode_bytes(raw))
    except (json.JSONDecodeError, InputError) as exc:
        return Failure(ref, ErrorCode.BAD_JSON, f"not JSON: {exc}")
    return record_to_document(value, ref, raw)


def read_json(item: InputFile, opts: ReadOptions, start: int = 0) -> Iterator[RawDocument | Failure]:
    """A JSON array of records, an object with a list under ``articles``/``items``/``data``, or one record."""
    data = read_bytes(item, opts.max_document_bytes)
    try:
        value = json.loads(decode_bytes(data))
    except json.JSONDecodeError as exc:
        raise InputError(ErrorCode.BAD_JSON, f"not JSON: {exc}") from exc
    records = _json_records(value)
    for index, record in enumerate(records):
        if index >= start:
            raw = json.dumps(record, sort_keys=True).encode()
            yield record_to_document(record, SourceRef(item.origin, f"item:{index}"), raw)


def _json_records(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        for key in ("articles", "items", "data", "records", "documents"):
            if isinstance(value.get(key), list):
                return list(value[key])
        return [value]
    raise InputError(ErrorCode.BAD_JSON, f"expected records, found a JSON {type(value).__name__}")


def read_csv(item: InputFile, opts: ReadOptions, start: int = 0) -> Iterator[RawDocument | Failure]:
    """CSV or TSV with a header row naming the fields."""
    csv.field_size_limit(opts.max_document_bytes)
    delimiter = "\t" if item.path.name.lower().removesuffix(".gz").endswith(".tsv") else ","
    with open_stream(item) as stream:
        text = io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="")
        yield from _csv_rows(item, csv.DictReader(text, delimiter=delimiter), start)


def _csv_rows(item: InputFile, reader: csv.DictReader[str], start: int) -> Iterator[RawDocument | Failure]:
    index = 0
    while True:
        ref = SourceRef(item.origin, f"row:{index + 1}")
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Failure(ref, ErrorCode.BAD_CSV, f"unreadable CSV row: {exc}")
            return
        index += 1
        if index > start:
            raw = json.dumps(row, sort_keys=True).encode()
            yield record_to_document(dict(row), ref, raw)


def record_to_document(value: Any, ref: SourceRef, raw: bytes) -> RawDocument | Failure:
    """Map one record's fields (with aliases) onto a :class:`RawDocument`."""
    if not isinstance(value, dict):
        return Failure(ref, ErrorCode.BAD_RECORD, f"expected an object, found {type(value).__name__}")
    fields = {name: _pick(value, keys) for name, keys in ALIASES.items()}
    html, text = _str(fields["html"]), _str(fields["text"])
    fmt: DocFormat = "html" if html and not text else "record"
    content = (html if fmt == "html" else text) or ""
    title = _str(fields["title"])
    if not content.strip() and not title:
        return Failure(ref, ErrorCode.NO_TEXT, "record has neither text, html nor title")
    return RawDocument(
        source=ref,
        format=fmt,
        content=content,
        url=_str(fields["url"]),
        title=title,
        outlet=_str(fields["outlet"]),
        published=_str(fields["published"]),
        authors=_authors(fields["authors"]),
        language=_str(fields["language"]),
        input_sha256=hashlib.sha256(raw).hexdigest(),
    )


def _pick(record: dict[str, Any], keys: Iterable[str]) -> Any:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for key in keys:
        if lowered.get(key) not in (None, ""):
            return lowered[key]
    return None


def _str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _authors(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        return tuple(s for s in (_str(v) for v in value) if s)
    text = str(value)
    parts = text.split(";") if ";" in text else text.split(",") if "," in text else [text]
    return tuple(p.strip() for p in parts if p.strip())
