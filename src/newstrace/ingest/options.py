"""Options shared by every reader, with defaults a user rarely needs to change."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Limits and politeness settings for readers.

    ``max_document_bytes`` caps one document (a file, a record, a response);
    larger ones become ``too-large`` failures.  Container files (JSONL, CSV,
    WARC, feeds) may be larger: they are streamed and the cap applies to each
    record inside.
    """

    max_document_bytes: int = 32 * 1024 * 1024
    user_agent: str = "newstrace/0.1 (+https://pypi.org/project/newstrace/)"
    timeout_s: float = 20.0
    retries: int = 2
    backoff_s: float = 1.0
    delay_s: float = 0.5

    def __post_init__(self) -> None:
        if self.max_document_bytes <= 0:
            raise ValueError(f"max_document_bytes must be positive, got {self.max_document_bytes}")
        if self.timeout_s <= 0:
            raise ValueError(f"timeout_s must be positive, got {self.timeout_s}")
        if self.retries < 0:
            raise ValueError(f"retries must be >= 0, got {self.retries}")
        if self.backoff_s < 0 or self.delay_s < 0:
            raise ValueError("backoff_s and delay_s must be >= 0")
