"""Tests for the WARC reader: archives are built in tmp_path with warcio."""

from __future__ import annotations

import gzip
import hashlib
import io
import random
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newstrace.errors import ErrorCode
from newstrace.ingest import read_input
from newstrace.ingest.files import InputFile, discover
from newstrace.ingest.options import ReadOptions
from newstrace.ingest.warc import read_warc
from newstrace.records import Failure, RawDocument

OPTS = ReadOptions()


def page(title: str, body: str = "Some fictional article text.") -> bytes:
    """A tiny HTML page."""
    return f"<html><head><title>{title}</title></head><body><p>{body}</p></body></html>".encode()


def response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    extra: Iterable[tuple[str, str]] = (),
) -> Any:
    """A WARC response record with HTTP headers."""
    headers = [("Content-Type", content_type), *extra]
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)


def request(writer: WARCWriter, url: str) -> Any:
    """A WARC request record."""
    http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.test")], is_http_request=True)
    return writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=http)


def write_warc(path: Path, records: Iterable[Any], gz: bool) -> list[str]:
    """Write the records (built by callables taking the writer); return their ids."""
    ids = []
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for build in records:
            record = build(writer)
            ids.append(record.rec_headers.get_header("WARC-Record-ID").strip("<>"))
            writer.write_record(record)
    return ids


def input_file(path: Path) -> InputFile:
    """The InputFile discover() makes for one path."""
    found = list(discover([path]))
    assert len(found) == 1 and isinstance(found[0], InputFile)
    return found[0]


def read(path: Path, opts: ReadOptions = OPTS, start: int = 0) -> list[RawDocument | Failure]:
    """All items read_input yields for the file."""
    return list(read_input(input_file(path), opts, start))


def mixed_archive(path: Path, gz: bool) -> list[str]:
    """warcinfo, request+response pairs, non-HTML, metadata, a 404 and a resource."""
    return write_warc(
        path,
        [
            lambda w: w.create_warcinfo_record(path.name, {"software": "test"}),
            lambda w: request(w, "https://harbor.example/one"),
            lambda w: response(w, "https://harbor.example/one", page("One")),
            lambda w: response(w, "https://harbor.example/logo.png", b"\x89PNG\r\n", "image/png"),
            lambda w: w.create_warc_record(
                "https://harbor.example/one",
                "metadata",
                payload=io.BytesIO(b"outlink: https://harbor.example/two\r\n"),
                warc_content_type="application/warc-fields",
            ),
            lambda w: request(w, "https://harbor.example/two"),
            lambda w: response(
                w,
                "https://harbor.example/two",
                page("Deux", "Caf\u00e9 cr\u00e8me").decode().encode("latin-1"),
                "text/html; charset=ISO-8859-1",
            ),
            lambda w: response(w, "https://harbor.example/gone", page("x"), status="404 Not Found"),
            lambda w: w.create_warc_record(
                "https://harbor.example/three",
                "resource",
                payload=io.BytesIO(page("Three")),
                warc_content_type="text/html",
            ),
        ],
        gz,
    )


@pytest.mark.parametrize("gz", [False, True])
def test_reads_html_responses_and_skips_other_records(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    ids = mixed_archive(path, gz)
    items = read(path)
    assert [type(i).__name__ for i in items] == ["RawDocument"] * 2 + ["Failure", "RawDocument"]
    one, two, gone, three = items
    assert isinstance(one, RawDocument) and isinstance(two, RawDocument)
    assert isinstance(three, RawDocument) and isinstance(gone, Failure)
    assert one.format == "html" and "<title>One</title>" in one.content
    assert one.url == "https://harbor.example/one"
    assert one.source.origin == str(path)
    assert one.source.locator == f"record:{ids[2]}"
    assert one.input_sha256 == hashlib.sha256(page("One")).hexdigest()
    assert "Caf\u00e9 cr\u00e8me" in two.content
    assert gone.code is ErrorCode.HTTP_STATUS and "404" in gone.reason
    assert gone.source.locator == f"record:{ids[7]}"
    assert three.url == "https://harbor.example/three" and "Three" in three.content


def test_start_skips_items_already_stored(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    mixed_archive(path, gz=True)
    full = read(path)
    assert read(path, start=2) == full[2:]
    assert read(path, start=len(full)) == []


def test_whole_file_gzip_is_accepted(tmp_path: Path) -> None:
    plain = tmp_path / "crawl.warc"
    mixed_archive(plain, gz=False)
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    expected = [(type(i), getattr(i, "content", None)) for i in read(plain)]
    assert [(type(i), getattr(i, "content", None)) for i in read(whole)] == expected


def pages_archive(path: Path, gz: bool, count: int = 4) -> None:
    """An archive of ``count`` response records with bodies large enough to cut."""
    rng = random.Random(7)
    words = ["harbor", "lantern", "council", "ferry", "meadow", "quartz", "vote", "bridge"]
    text = [" ".join(f"{rng.choice(words)}{rng.randrange(10**5)}" for _ in range(1500))]
    bodies = [page(f"Page {n}", text[0][n:]) for n in range(count)]
    builders = [lambda w, n=n, b=b: response(w, f"https://harbor.example/{n}", b) for n, b in enumerate(bodies)]
    write_warc(path, builders, gz)


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_archive_gives_documents_then_one_failure(tmp_path: Path, gz: bool) -> None:
    full = tmp_path / "full.warc"
    pages_archive(full, gz)
    data = full.read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(data[: len(data) * 5 // 8])
    items = read(cut)
    assert all(isinstance(i, RawDocument) for i in items[:-1])
    assert 1 <= len(items) - 1 < 4
    last = items[-1]
    assert isinstance(last, Failure)
    assert last.code in (ErrorCode.BAD_GZIP, ErrorCode.BAD_WARC)
    assert "truncated" in last.reason
    assert read(cut, start=len(items)) == []


def test_archive_ending_inside_record_headers_is_a_failure(tmp_path: Path) -> None:
    full = tmp_path / "full.warc"
    pages_archive(full, gz=False, count=3)
    data = full.read_bytes()
    last_record = data.rindex(b"WARC/1.")
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: data.index(b"WARC-Target-URI", last_record)])
    items = read(cut)
    assert [type(i) for i in items] == [RawDocument, RawDocument, Failure]
    assert isinstance(items[-1], Failure) and items[-1].code is ErrorCode.BAD_WARC


def test_not_a_warc_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("these are just some notes\nnot an archive\n")
    items = read(path)
    assert len(items) == 1 and isinstance(items[0], Failure)
    assert items[0].code is ErrorCode.BAD_WARC


def test_empty_file_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "empty.warc"
    path.write_bytes(b"")
    items = read(path)
    assert len(items) == 1 and isinstance(items[0], Failure)
    assert items[0].code is ErrorCode.EMPTY


def test_oversize_record_is_too_large_and_reading_continues(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    write_warc(
        path,
        [
            lambda w: response(w, "https://harbor.example/big", page("Big", "word " * 2000)),
            lambda w: response(w, "https://harbor.example/small", page("Small", "tiny")),
        ],
        gz=False,
    )
    items = read(path, ReadOptions(max_document_bytes=1000))
    assert isinstance(items[0], Failure) and items[0].code is ErrorCode.TOO_LARGE
    assert isinstance(items[1], RawDocument) and "Small" in items[1].content


def test_content_encoding_and_binary_payload(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    write_warc(
        path,
        [
            lambda w: response(
                w,
                "https://harbor.example/zipped",
                gzip.compress(page("Zipped")),
                extra=[("Content-Encoding", "gzip")],
            ),
            lambda w: response(w, "https://harbor.example/bin", b"\x00\x01\x02" * 100),
        ],
        gz=False,
    )
    zipped, binary = list(read_warc(input_file(path), OPTS))
    assert isinstance(zipped, RawDocument) and "<title>Zipped</title>" in zipped.content
    assert isinstance(binary, Failure) and binary.code is ErrorCode.BINARY
    assert binary.source.locator.startswith("record:urn:uuid:")
