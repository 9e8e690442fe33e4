"""Reader for URL lists: a text file with one http(s) URL per line, fetched politely.

Blank lines and lines starting with ``#`` are ignored; every other line is one
item, numbered from 0 in the locator ``url:<n>``, so a resumed run skips the
first ``start`` items without fetching them.  Fetching uses only the standard
library: the User-Agent, timeout, size cap, retries and per-host delay come
from :class:`ReadOptions`.  Requests are retried, with exponential backoff, on
network errors, 5xx and 429 (honouring ``Retry-After`` up to 30 s) but never on
other 4xx statuses.
"""

from __future__ import annotations

import gzip
import hashlib
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from email.utils import parsedate_to_datetime
from http.client import HTTPException, HTTPMessage, HTTPResponse
from typing import IO, Any
from urllib.parse import quote, urlsplit, urlunsplit

from newstrace.errors import ErrorCode, InputError
from newstrace.ingest.decode import decode_bytes
from newstrace.ingest.files import InputFile, open_stream
from newstrace.ingest.htmlmeta import declared_charset
from newstrace.ingest.options import ReadOptions
from newstrace.records import DocFormat, Failure, RawDocument, SourceRef

MAX_RETRY_AFTER_S = 30.0
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
_URL_SAFE = "/?:@!$&'()*+,;=%~[]-._"
_NETWORK_ERRORS = (urllib.error.URLError, HTTPException, OSError)


def read_url_list(item: InputFile, opts: ReadOptions, start: int = 0) -> Iterator[RawDocument | Failure]:
    """Fetch every URL listed in ``item``; one document or failure per URL."""
    fetcher = Fetcher(opts)
    for index, line in enumerate(_entries(item)):
        if index < start:
            continue
        source = SourceRef(item.origin, f"url:{index}")
        url = _check_url(line)
        if url is None:
            reason = f"not an http(s) URL: {line[:200]!r}"
            yield Failure(source, ErrorCode.BAD_RECORD, reason)
            continue
        yield fetcher.fetch(url, source)


def _entries(item: InputFile) -> Iterator[str]:
    """The non-blank, non-comment lines of the list, streamed."""
    try:
        stream: Any = open_stream(item)
    except OSError as exc:
        raise InputError(ErrorCode.UNREADABLE, f"cannot read file: {exc.strerror}") from exc
    with stream:
        for raw in _lines(stream):
            line = raw.decode("utf-8", errors="replace").strip().lstrip("\ufeff")
            if line and not line.startswith("#"):
                yield line


def _lines(stream: IO[bytes]) -> Iterator[bytes]:
    """Lines of a (possibly gzip) stream, with gzip damage as :class:`InputError`."""
    try:
        yield from stream
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise InputError(ErrorCode.BAD_GZIP, f"corrupt or truncated gzip: {exc}") from exc
    except OSError as exc:
        raise InputError(ErrorCode.UNREADABLE, f"cannot read file: {exc}") from exc


def _check_url(line: str) -> str | None:
    """The line if it is a single absolute http(s) URL with a host, else None."""
    if any(ch.isspace() for ch in line):
        return None
    try:
        parts = urlsplit(line)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return line


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects only to http(s) URLs (never ftp:, file: or data:)."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            reason = f"redirect to a non-http URL: {newurl}"
            raise urllib.error.HTTPError(req.full_url, code, reason, headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _build_opener() -> urllib.request.OpenerDirector:
    """An opener for http(s) only: proxies from the environment, safe redirects."""
    opener = urllib.request.OpenerDirector()
    handlers: list[urllib.request.BaseHandler] = [
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        _HttpOnlyRedirects(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ]
    for handler in handlers:
        opener.add_handler(handler)
    return opener


class _Retry(Exception):
    """A failed attempt that may succeed later (network error, 5xx, 429)."""

    def __init__(self, failure: InputError, wait_s: float | None = None) -> None:
        super().__init__(failure.reason)
        self.failure = failure
        self.wait_s = wait_s


@dataclass
class Fetcher:
    """Fetches URLs one at a time, politely; remembers when each host was last asked.

    ``sleep`` and ``clock`` are injectable so tests need not wait.
    """

    opts: ReadOptions
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _last_request: dict[str, float] = field(default_factory=dict, init=False)
    _opener: urllib.request.OpenerDirector = field(default_factory=_build_opener, init=False)

    def fetch(self, url: str, source: SourceRef) -> RawDocument | Failure:
        """Fetch one URL into a document, or a failure naming the reason."""
        try:
            final_url, headers, body = self._fetch_with_retries(url)
            return _document(source, final_url, headers, body, self.opts)
        except InputError as exc:
            return Failure(source, exc.code, exc.reason)

    def _fetch_with_retries(self, url: str) -> tuple[str, Message, bytes]:
        """Try once plus ``opts.retries`` times, backing off exponentially."""
        attempts = self.opts.retries + 1
        for attempt in range(attempts):
            try:
                return self._attempt(url)
            except _Retry as retry:
                if attempt + 1 == attempts:
                    failure = retry.failure
                    note = f" (after {attempts} attempts)" if attempts > 1 else ""
                    raise InputError(failure.code, failure.reason + note) from None
                self.sleep(self._backoff(attempt, retry.wait_s))
        raise AssertionError("unreachable")  # pragma: no cover

    def _backoff(self, attempt: int, retry_after_s: float | None) -> float:
        """Seconds to wait before the next attempt."""
        if retry_after_s is not None:
            return min(retry_after_s, MAX_RETRY_AFTER_S)
        return float(self.opts.backoff_s * 2**attempt)

    def _attempt(self, url: str) -> tuple[str, Message, bytes]:
        """One request: the final URL, the response headers and the capped body."""
        self._wait_for_host(url)
        request = urllib.request.Request(_ascii_url(url), headers=_request_headers(self.opts))
        try:
            with self._opener.open(request, timeout=self.opts.timeout_s) as response:
                return _read_response(response, self.opts.max_document_bytes)
        except urllib.error.HTTPError as exc:
            raise _status_error(exc) from None
        except TimeoutError:
            raise _Retry(InputError(ErrorCode.FETCH, _timeout_reason(self.opts))) from None
        except _NETWORK_ERRORS as exc:
            raise _Retry(InputError(ErrorCode.FETCH, _network_reason(exc))) from None
        except ValueError as exc:
            raise InputError(ErrorCode.BAD_RECORD, f"cannot request this URL: {exc}") from None
        finally:
            self._last_request[_host(url)] = self.clock()

    def _wait_for_host(self, url: str) -> None:
        """Sleep until ``opts.delay_s`` has passed since the last request to this host."""
        last = self._last_request.get(_host(url))
        if last is None or self.opts.delay_s <= 0:
            return
        remaining = last + self.opts.delay_s - self.clock()
        if remaining > 0:
            self.sleep(remaining)


def _ascii_url(url: str) -> str:
    """The URL with non-ASCII characters in its path and query percent-encoded.

    Host names need no care: the socket layer applies IDNA itself.
    """
    if url.isascii():
        return url
    parts = urlsplit(url)
    path, query = (quote(p, safe=_URL_SAFE) for p in (parts.path, parts.query))
    return urlunsplit((parts.scheme, parts.netloc, path, query, quote(parts.fragment, safe=_URL_SAFE)))


def _host(url: str) -> str:
    """The host (and port) a request goes to, for per-host politeness."""
    return urlsplit(url).netloc.lower()


def _request_headers(opts: ReadOptions) -> dict[str, str]:
    """Headers sent with every request (no compression: urllib would not undo it)."""
    return {
        "User-Agent": opts.user_agent,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
        "Accept-Encoding": "identity",
    }


def _read_response(response: HTTPResponse, limit: int) -> tuple[str, Message, bytes]:
    """Check the type and size, then read at most ``limit + 1`` bytes of body."""
    headers = response.headers
    _check_type(headers)
    declared = headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        reason = f"response is {int(declared):,} bytes, limit {limit:,}"
        raise InputError(ErrorCode.TOO_LARGE, reason)
    body = response.read(limit + 1)
    if len(body) > limit:
        raise InputError(ErrorCode.TOO_LARGE, f"response exceeds {limit:,} bytes")
    return response.geturl(), headers, body


def _check_type(headers: Message) -> None:
    """Reject, before downloading the body, responses that are not HTML or text."""
    if headers.get("Content-Type") is None:
        return
    media = headers.get_content_type()
    if media not in HTML_TYPES and media not in TEXT_TYPES:
        raise InputError(ErrorCode.UNSUPPORTED, f"unsupported content type {media}")


def _status_error(exc: urllib.error.HTTPError) -> InputError | _Retry:
    """An HTTP error status: retried for 5xx and 429, final for the rest."""
    failure = InputError(ErrorCode.HTTP_STATUS, f"HTTP {exc.code} {exc.reason}".strip())
    exc.close()
    if exc.code == 429 or exc.code >= 500:
        return _Retry(failure, _retry_after(exc.headers))
    return failure


def _retry_after(headers: Message | None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delta-seconds or HTTP date)."""
    value = (headers.get("Retry-After") if headers is not None else None) or ""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _timeout_reason(opts: ReadOptions) -> str:
    return f"no response within {opts.timeout_s:g} s"


def _network_reason(exc: BaseException) -> str:
    """A short human reason for a network error."""
    inner = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(inner, TimeoutError):
        return "connection timed out"
    text = getattr(inner, "strerror", None) or str(inner) or type(inner).__name__
    return f"network error: {text}"


def _document(source: SourceRef, final_url: str, headers: Message, body: bytes, opts: ReadOptions) -> RawDocument:
    """Decode a fetched body into an ``html`` or ``text`` document."""
    if not body.strip():
        raise InputError(ErrorCode.EMPTY, "empty response body")
    fmt = _format(headers, body)
    charset = headers.get_content_charset()
    if fmt == "html":
        charset = charset or declared_charset(body)
    return RawDocument(
        source=source,
        format=fmt,
        content=decode_bytes(body, charset, repair=fmt != "html"),
        url=final_url,
        input_sha256=hashlib.sha256(body).hexdigest(),
    )


def _format(headers: Message, body: bytes) -> DocFormat:
    """``html`` or ``text`` from the Content-Type, sniffing the body if there is none."""
    if headers.get("Content-Type") is not None:
        return "html" if headers.get_content_type() in HTML_TYPES else "text"
    head = body[:1024].lstrip().lower()
    return "html" if head.startswith((b"<!doctype html", b"<html")) else "text"
