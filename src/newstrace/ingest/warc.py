"""Reader for web archives: WARC (and ARC) files, plain or gzip-compressed.

Each HTML ``response`` record (and each ``text/html`` ``resource`` record)
becomes one :class:`RawDocument`; requests, metadata, warcinfo, revisits and
non-HTML payloads are skipped silently and do not count as items.

Gzip is undone here with the standard library rather than by warcio, for two
reasons: a whole-file gzip (``gzip crawl.warc``) is accepted, not only the
record-per-member layout, and a truncated gzip raises an error instead of
silently ending the archive early.  A truncated or corrupt archive yields
every document readable before the break, then one ``bad-warc`` or
``bad-gzip`` :class:`Failure`.
"""

from __future__ import annotations

import gzip
import hashlib
import zlib
from collections.abc import Iterator
from email.message import Message
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator

from newstrace.errors import ErrorCode, InputError
from newstrace.ingest.decode import decode_bytes
from newstrace.ingest.files import InputFile
from newstrace.ingest.htmlmeta import declared_charset
from newstrace.ingest.options import ReadOptions
from newstrace.records import Failure, RawDocument, SourceRef

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 16


class _GunzipReader:
    """A gunzipping stream that reports damaged gzip as :class:`InputError`.

    warcio treats an ``EOFError`` met while reading record headers as the
    normal end of the archive, so a truncated gzip would go unnoticed; this
    wrapper turns every gzip error into an exception warcio does not swallow.
    """

    def __init__(self, raw: IO[bytes]) -> None:
        self._gz = gzip.GzipFile(fileobj=raw, mode="rb")

    def read(self, size: int = -1) -> bytes:
        """Read up to ``size`` decompressed bytes (fewer is not the end; b"" is).

        ``read1`` returns what one step of decompression gave, so the data
        before a break in the gzip stream is handed out before the error.
        """
        try:
            return self._gz.read1(size)
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            raise InputError(ErrorCode.BAD_GZIP, f"corrupt or truncated gzip: {exc}") from exc

    def tell(self) -> int:
        """Offset in the decompressed stream."""
        return self._gz.tell()


def read_warc(item: InputFile, opts: ReadOptions, start: int = 0) -> Iterator[RawDocument | Failure]:
    """Yield one document per HTML page archived in a WARC/ARC file.

    ``start`` skips that many items (documents and per-record failures) a
    previous run stored, without decoding their bodies.
    """
    if item.size == 0:
        raise InputError(ErrorCode.EMPTY, "file is empty")
    try:
        raw = item.path.open("rb")
    except OSError as exc:
        raise InputError(ErrorCode.UNREADABLE, f"cannot read file: {exc.strerror}") from exc
    with raw:
        yield from _read_archive(_open_archive(raw), item.origin, opts, start)


def _open_archive(raw: IO[bytes]) -> IO[bytes] | _GunzipReader:
    """The raw file, or a gunzipping reader over it when it starts like gzip."""
    magic = raw.read(2)
    raw.seek(0)
    return _GunzipReader(raw) if magic == _GZIP_MAGIC else raw


def _read_archive(
    stream: IO[bytes] | _GunzipReader, origin: str, opts: ReadOptions, start: int
) -> Iterator[RawDocument | Failure]:
    """Walk the records; stop with one failure where the archive breaks."""
    archive = _checked(ArchiveIterator(stream))
    index = 0
    while True:
        try:
            record = _next_page(archive)
            if record is None:
                return
            result = None
            if index < start:
                _drain(record)
            else:
                result = _convert(record, origin, opts)
        except Exception as exc:  # noqa: BLE001 - warcio raises many types on damage
            if index >= start:
                yield _broken(origin, exc)
            return
        if result is not None:
            yield result
        index += 1


def _checked(archive: ArchiveIterator) -> Iterator[Any]:
    """The archive's records, checked where warcio is lenient.

    The first record must open a WARC or ARC file (warcio reads almost any
    line of five words as an ARC header), every WARC record must declare its
    length, and the archive must not end inside a record's headers (which
    warcio takes for a normal end).
    """
    for number, record in enumerate(archive):
        if number == 0 and record.format != "warc" and record.rec_type != "arc_header":
            raise InputError(ErrorCode.BAD_WARC, "not a WARC or ARC archive")
        length = record.rec_headers.get_header("Content-Length") or ""
        if record.format == "warc" and not length.strip().isdigit():
            reason = "a record has no valid Content-Length: the archive is truncated or corrupt"
            raise InputError(ErrorCode.BAD_WARC, reason)
        yield record
    if archive.fh.tell() > archive.offset:
        reason = f"archive is truncated: it ends inside a record at offset {archive.offset:,}"
        raise InputError(ErrorCode.BAD_WARC, reason)


def _next_page(archive: Iterator[Any]) -> Any | None:
    """The next record holding an HTML page, or None at the end of the archive."""
    for record in archive:
        if _is_page(record):
            return record
        _drain(record)
    return None


def _is_page(record: Any) -> bool:
    """True for records that hold an HTML page: the only ones that become items."""
    if record.rec_type == "response" and record.http_headers is not None:
        return _media_type(record.http_headers.get_header("Content-Type"))[0] in HTML_TYPES
    if record.rec_type == "resource":
        return _media_type(record.rec_headers.get_header("Content-Type"))[0] in HTML_TYPES
    return False


def _media_type(value: str | None) -> tuple[str, str | None]:
    """The lower-case media type and declared charset of a Content-Type value."""
    if not value:
        return "", None
    message = Message()
    message["Content-Type"] = value
    return message.get_content_type(), message.get_content_charset()


def _locator(record: Any) -> str:
    """``record:<WARC-Record-ID>`` with angle brackets removed.

    ARC files have no record ids; their records are named by URL and capture
    date, which is as stable as the file.
    """
    record_id = record.rec_headers.get_header("WARC-Record-ID")
    if record_id:
        return f"record:{record_id.strip().strip('<>')}"
    date = record.rec_headers.get_header("archive-date") or ""
    return f"record:{_target_uri(record) or ''}@{date}"


def _target_uri(record: Any) -> str | None:
    """The archived URL (``WARC-Target-URI``, or ``uri`` in ARC files)."""
    headers = record.rec_headers
    return headers.get_header("WARC-Target-URI") or headers.get_header("uri") or None


def _convert(record: Any, origin: str, opts: ReadOptions) -> RawDocument | Failure:
    """Turn one HTML record into a document, or a failure for this record only."""
    source = SourceRef(origin, _locator(record))
    url = _target_uri(record)
    status = _status(record)
    if status is not None and status != 200:
        _drain(record)
        return Failure(source, ErrorCode.HTTP_STATUS, _status_reason(record, status, url))
    body = _read_body(record, source, opts.max_document_bytes)
    _drain(record)
    if isinstance(body, Failure):
        return body
    if len(body) > opts.max_document_bytes:
        limit = opts.max_document_bytes
        return Failure(source, ErrorCode.TOO_LARGE, f"record payload exceeds {limit:,} bytes")
    return _document(body, record, source, url)


def _status(record: Any) -> int | None:
    """The HTTP status of a response record (None for resource records)."""
    if record.http_headers is None or record.rec_type != "response":
        return None
    try:
        return int(record.http_headers.get_statuscode())
    except (TypeError, ValueError):
        return 0


def _status_reason(record: Any, status: int, url: str | None) -> str:
    """A human reason for a non-200 response, naming the redirect target if any."""
    reason = f"archived response has HTTP status {status}, not 200"
    location = record.http_headers.get_header("Location")
    if 300 <= status < 400 and location:
        reason += f" (redirect to {location})"
    return f"{reason}: {url}" if url else reason


def _read_body(record: Any, source: SourceRef, limit: int) -> bytes | Failure:
    """Up to ``limit + 1`` bytes of the decoded payload.

    Damage to the archive itself (:class:`InputError` from the gzip layer)
    propagates; a payload whose HTTP transfer/content encoding cannot be undone
    becomes a failure for this record.
    """
    try:
        return bytes(record.content_stream().read(limit + 1))
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - decoders raise many types
        reason = f"cannot decode the HTTP payload: {type(exc).__name__}: {exc}"
        return Failure(source, ErrorCode.BAD_RECORD, reason)


def _drain(record: Any) -> None:
    """Read the rest of the record and raise ``bad-warc`` if the file ends inside it."""
    raw = record.raw_stream
    while raw.read(_CHUNK):
        pass
    missing = getattr(raw, "limit", 0)
    if missing > 0:
        record_id = record.rec_headers.get_header("WARC-Record-ID") or "a record"
        reason = f"archive is truncated: {record_id} is missing {missing:,} bytes"
        raise InputError(ErrorCode.BAD_WARC, reason)


def _document(body: bytes, record: Any, source: SourceRef, url: str | None) -> RawDocument | Failure:
    """Decode the payload into a document; undecodable bytes fail this record only."""
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    charset = _media_type(headers.get_header("Content-Type"))[1] or declared_charset(body)
    if not body.strip():
        return Failure(source, ErrorCode.EMPTY, "archived page has an empty body")
    try:
        text = decode_bytes(body, charset, repair=False)
    except InputError as exc:
        return Failure(source, exc.code, exc.reason)
    return RawDocument(
        source=source,
        format="html",
        content=text,
        url=url,
        input_sha256=hashlib.sha256(body).hexdigest(),
    )


def _broken(origin: str, exc: Exception) -> Failure:
    """The one failure that ends a damaged archive."""
    if isinstance(exc, InputError):
        return Failure(SourceRef(origin), exc.code, exc.reason)
    detail = " ".join(str(exc).split())[:300] or type(exc).__name__
    reason = f"corrupt or truncated archive, reading stopped: {detail}"
    return Failure(SourceRef(origin), ErrorCode.BAD_WARC, reason)
