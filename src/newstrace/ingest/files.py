"""Finding input files and opening them, plain or gzip-compressed."""

from __future__ import annotations

import gzip
import hashlib
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from newstrace.errors import ErrorCode, InputError

KINDS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".warc": "warc",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".urls": "urls",
}


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file found under the paths given to ``ingest``."""

    path: Path
    kind: str
    compressed: bool
    size: int
    mtime_ns: int

    @property
    def origin(self) -> str:
        return str(self.path)


def kind_of(path: Path) -> tuple[str | None, bool]:
    """The reader kind for a file name, and whether it is gzip-compressed."""
    name = path.name.lower()
    compressed = name.endswith(".gz")
    if compressed:
        name = name[:-3]
    return KINDS.get(Path(name).suffix), compressed


def discover(paths: Iterable[str | Path]) -> Iterator[InputFile | tuple[Path, InputError]]:
    """Yield every input file under ``paths`` in a stable (sorted) order.

    Unknown file types inside folders are skipped quietly (a folder of news
    often holds images); a path named explicitly that cannot be read is an
    error the caller records.
    """
    for raw in paths:
        path = Path(raw).expanduser().absolute()
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield _describe(path, explicit=True)
        else:
            yield path, InputError(ErrorCode.NOT_FOUND, f"no such file or folder: {path}")


def _walk(folder: Path) -> Iterator[InputFile | tuple[Path, InputError]]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            if kind_of(path)[0] is not None:
                yield _describe(path, explicit=False)


def _describe(path: Path, explicit: bool) -> InputFile | tuple[Path, InputError]:
    kind, compressed = kind_of(path)
    if kind is None:
        kind = "text" if explicit else ""
    try:
        stat = path.stat()
    except OSError as exc:
        return path, InputError(ErrorCode.UNREADABLE, f"cannot stat file: {exc.strerror}")
    return InputFile(path, kind, compressed, stat.st_size, stat.st_mtime_ns)


def read_bytes(item: InputFile, limit: int) -> bytes:
    """The whole (decompressed) content of a single-document file, size-capped."""
    if not item.compressed and item.size > limit:
        raise InputError(ErrorCode.TOO_LARGE, f"file is {item.size:,} bytes, limit {limit:,}")
    try:
        if not item.compressed:
            return item.path.read_bytes()
        with gzip.open(item.path, "rb") as fh:
            data = fh.read(limit + 1)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise InputError(ErrorCode.BAD_GZIP, f"corrupt or truncated gzip: {exc}") from exc
    except OSError as exc:
        raise InputError(ErrorCode.UNREADABLE, f"cannot read file: {exc}") from exc
    if len(data) > limit:
        raise InputError(ErrorCode.TOO_LARGE, f"decompressed content exceeds {limit:,} bytes")
    return data


def open_stream(item: InputFile) -> IO[bytes]:
    """A binary stream over the (decompressed) file, for container readers."""
    if item.compressed:
        return cast(IO[bytes], gzip.open(item.path, "rb"))
    return item.path.open("rb")


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()
