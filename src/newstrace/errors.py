"""Typed errors with stable codes.

Every rejected input becomes a :class:`~newstrace.records.Failure` carrying one
of these codes.  Codes are part of the public interface: they never change
meaning and are listed in ``docs/errors.md``.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable reasons an input, or part of one, was not used."""

    NOT_FOUND = "not-found"
    UNREADABLE = "unreadable"
    EMPTY = "empty"
    BINARY = "binary"
    ENCODING = "encoding"
    TOO_LARGE = "too-large"
    UNSUPPORTED = "unsupported"
    BAD_GZIP = "bad-gzip"
    BAD_WARC = "bad-warc"
    BAD_JSON = "bad-json"
    BAD_CSV = "bad-csv"
    BAD_FEED = "bad-feed"
    BAD_RECORD = "bad-record"
    FETCH = "fetch"
    HTTP_STATUS = "http-status"
    NO_TEXT = "no-text"
    BAD_QUERY = "bad-query"
    BAD_ALIASES = "bad-aliases"
    INTERNAL = "internal"


class NewstraceError(Exception):
    """Base class: an error with a stable code and a human reason."""

    def __init__(self, code: ErrorCode, reason: str) -> None:
        super().__init__(f"{code.value}: {reason}")
        self.code = code
        self.reason = reason


class InputError(NewstraceError):
    """An input (file, record, URL) that cannot be turned into a document."""


class StoreError(NewstraceError):
    """The store cannot be opened or is not a newstrace database."""
