"""Tests for the URL-list reader, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newstrace.errors import ErrorCode
from newstrace.ingest import read_input
from newstrace.ingest.files import InputFile, discover
from newstrace.ingest.options import ReadOptions
from newstrace.ingest.urls import Fetcher, read_url_list
from newstrace.records import Failure, RawDocument, SourceRef

FAST = ReadOptions(timeout_s=0.5, backoff_s=0.01, delay_s=0, retries=2)
PAGE = "<html><head><title>Quay news</title></head><body><p>Caf\u00e9 opens.</p></body></html>"
UA = "newstrace-test/9.9 (+https://example.test/bot)"


class LocalServer(ThreadingHTTPServer):
    """A local server that counts hits per path and remembers User-Agents."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.hits: Counter[str] = Counter()
        self.agents: list[str] = []
        self.stop = threading.Event()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    """Routes for every case the reader must handle."""

    server: LocalServer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Keep test output quiet."""

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        self.server.hits[self.path] += 1
        self.server.agents.append(self.headers.get("User-Agent", ""))
        route = getattr(self, "route_" + self.path.split("?")[0].strip("/").replace("-", "_"), None)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            if route is None:
                self.reply(404, b"not here", "text/plain")
            else:
                route(self.server.hits[self.path])

    def route_page(self, hit: int) -> None:
        self.reply(200, PAGE.encode("latin-1"), "text/html; charset=iso-8859-1")

    def route_plain(self, hit: int) -> None:
        self.reply(200, b"A plain report.\n", "text/plain; charset=utf-8")

    def route_image(self, hit: int) -> None:
        self.reply(200, b"\x89PNG\r\n\x1a\n", "image/png")

    def route_untyped(self, hit: int) -> None:
        self.reply(200, b"<!DOCTYPE html><html><body>untyped</body></html>", None)

    def route_flaky(self, hit: int) -> None:
        self.reply(500 if hit == 1 else 200, b"<p>recovered</p>", "text/html")

    def route_broken(self, hit: int) -> None:
        self.reply(503, b"down", "text/plain")

    def route_busy(self, hit: int) -> None:
        if hit == 1:
            self.reply(429, b"", "text/plain", [("Retry-After", "3")])
        else:
            self.reply(200, b"calm now", "text/plain")

    def route_slow(self, hit: int) -> None:
        self.server.stop.wait(3)
        self.reply(200, b"too late", "text/plain")

    def route_big(self, hit: int) -> None:
        self.reply(200, b"x" * 5000, "text/plain")

    def route_big_stream(self, hit: int) -> None:
        """A body with no Content-Length, ended by closing the connection."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(b"y" * 5000)
        self.close_connection = True

    def route_redirect(self, hit: int) -> None:
        self.reply(302, b"", None, [("Location", "/page")])

    def reply(
        self, status: int, body: bytes, content_type: str | None, extra: list[tuple[str, str]] | None = None
    ) -> None:
        self.send_response(status)
        for name, value in [("Content-Type", content_type or ""), *(extra or [])]:
            if value:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests to 127.0.0.1 must never go through a proxy from the environment."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")


@pytest.fixture
def server() -> Iterator[LocalServer]:
    httpd = LocalServer()
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def url_list(tmp_path: Path, lines: list[str]) -> InputFile:
    """Write a .urls file and describe it as discover() does."""
    path = tmp_path / "list.urls"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = list(discover([path]))
    assert len(found) == 1 and isinstance(found[0], InputFile)
    return found[0]


def fetch_one(server: LocalServer, tmp_path: Path, path: str, opts: ReadOptions = FAST) -> RawDocument | Failure:
    items = list(read_url_list(url_list(tmp_path, [server.base + path]), opts))
    assert len(items) == 1
    return items[0]


def test_html_page(server: LocalServer, tmp_path: Path) -> None:
    doc = fetch_one(server, tmp_path, "/page")
    assert isinstance(doc, RawDocument)
    assert doc.format == "html"
    assert "Caf\u00e9 opens." in doc.content
    assert doc.url == server.base + "/page"
    assert doc.source.locator == "url:0"
    assert doc.input_sha256 is not None and len(doc.input_sha256) == 64


def test_text_page_and_untyped_html(server: LocalServer, tmp_path: Path) -> None:
    text = fetch_one(server, tmp_path, "/plain")
    assert isinstance(text, RawDocument)
    assert text.format == "text" and text.content == "A plain report.\n"
    untyped = fetch_one(server, tmp_path, "/untyped")
    assert isinstance(untyped, RawDocument) and untyped.format == "html"


def test_user_agent_is_sent(server: LocalServer, tmp_path: Path) -> None:
    opts = ReadOptions(user_agent=UA, timeout_s=0.5, backoff_s=0.01, delay_s=0)
    assert isinstance(fetch_one(server, tmp_path, "/page", opts), RawDocument)
    assert server.agents == [UA]


def test_404_is_http_status_without_retry(server: LocalServer, tmp_path: Path) -> None:
    failure = fetch_one(server, tmp_path, "/missing")
    assert isinstance(failure, Failure)
    assert failure.code is ErrorCode.HTTP_STATUS and "404" in failure.reason
    assert server.hits["/missing"] == 1


def test_500_then_200_is_retried(server: LocalServer, tmp_path: Path) -> None:
    doc = fetch_one(server, tmp_path, "/flaky")
    assert isinstance(doc, RawDocument) and "recovered" in doc.content
    assert server.hits["/flaky"] == 2


def test_persistent_503_fails_after_all_attempts(server: LocalServer, tmp_path: Path) -> None:
    failure = fetch_one(server, tmp_path, "/broken")
    assert isinstance(failure, Failure)
    assert failure.code is ErrorCode.HTTP_STATUS and "503" in failure.reason
    assert server.hits["/broken"] == FAST.retries + 1


def test_slow_endpoint_times_out(server: LocalServer, tmp_path: Path) -> None:
    opts = ReadOptions(timeout_s=0.3, backoff_s=0.01, delay_s=0, retries=1)
    failure = fetch_one(server, tmp_path, "/slow", opts)
    assert isinstance(failure, Failure) and failure.code is ErrorCode.FETCH
    assert "0.3 s" in failure.reason or "timed out" in failure.reason
    assert server.hits["/slow"] == 2


def test_connection_refused_is_fetch_failure(tmp_path: Path) -> None:
    with ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler) as probe:
        port = probe.server_address[1]
    items = list(read_url_list(url_list(tmp_path, [f"http://127.0.0.1:{port}/"]), FAST))
    assert len(items) == 1 and isinstance(items[0], Failure)
    assert items[0].code is ErrorCode.FETCH and "3 attempts" in items[0].reason


@pytest.mark.parametrize("path", ["/big", "/big-stream"])
def test_oversize_body_is_too_large(server: LocalServer, tmp_path: Path, path: str) -> None:
    opts = ReadOptions(max_document_bytes=1000, timeout_s=0.5, backoff_s=0.01, delay_s=0)
    failure = fetch_one(server, tmp_path, path, opts)
    assert isinstance(failure, Failure) and failure.code is ErrorCode.TOO_LARGE


def test_unsupported_type(server: LocalServer, tmp_path: Path) -> None:
    failure = fetch_one(server, tmp_path, "/image")
    assert isinstance(failure, Failure) and failure.code is ErrorCode.UNSUPPORTED
    assert "image/png" in failure.reason


def test_redirect_gives_final_url(server: LocalServer, tmp_path: Path) -> None:
    doc = fetch_one(server, tmp_path, "/redirect")
    assert isinstance(doc, RawDocument)
    assert doc.url == server.base + "/page"
    assert doc.source.locator == "url:0"


def test_list_parsing_locators_and_bad_lines(server: LocalServer, tmp_path: Path) -> None:
    item = url_list(
        tmp_path,
        [
            "# a comment",
            server.base + "/page",
            "",
            "ftp://files.example/report.txt",
            "   ",
            "not a url at all",
            server.base + "/plain",
        ],
    )
    items = list(read_input(item, FAST))
    assert [i.source.locator for i in items] == ["url:0", "url:1", "url:2", "url:3"]
    assert isinstance(items[0], RawDocument) and isinstance(items[3], RawDocument)
    assert isinstance(items[1], Failure) and items[1].code is ErrorCode.BAD_RECORD
    assert isinstance(items[2], Failure) and items[2].code is ErrorCode.BAD_RECORD


def test_start_skips_without_fetching(server: LocalServer, tmp_path: Path) -> None:
    paths = ["/page?a", "/page?b", "/page?c", "/plain"]
    item = url_list(tmp_path, [server.base + p for p in paths])
    items = list(read_url_list(item, FAST, start=2))
    assert [i.source.locator for i in items] == ["url:2", "url:3"]
    assert all(isinstance(i, RawDocument) for i in items)
    assert set(server.hits) == {"/page?c", "/plain"}


def test_delay_between_requests_to_same_host(server: LocalServer) -> None:
    waits: list[float] = []
    opts = ReadOptions(delay_s=2.0, timeout_s=0.5)
    fetcher = Fetcher(opts, sleep=waits.append, clock=lambda: 100.0)
    for n in range(2):
        result = fetcher.fetch(server.base + "/plain", SourceRef("list.urls", f"url:{n}"))
        assert isinstance(result, RawDocument)
    assert waits == [2.0]


def test_retry_after_is_honoured_and_capped(server: LocalServer) -> None:
    waits: list[float] = []
    fetcher = Fetcher(ReadOptions(retries=1, backoff_s=0.5, delay_s=0), sleep=waits.append)
    assert fetcher._backoff(0, 7.0) == 7.0
    assert fetcher._backoff(0, 600.0) == 30.0
    assert fetcher._backoff(2, None) == 2.0
    result = fetcher.fetch(server.base + "/broken", SourceRef("list.urls", "url:0"))
    assert isinstance(result, Failure) and result.code is ErrorCode.HTTP_STATUS
    assert waits == [0.5]
    busy = fetcher.fetch(server.base + "/busy", SourceRef("list.urls", "url:1"))
    assert isinstance(busy, RawDocument) and busy.content == "calm now"
    assert waits == [0.5, 3.0]


def test_non_ascii_url_is_percent_encoded(server: LocalServer, tmp_path: Path) -> None:
    doc = fetch_one(server, tmp_path, "/plain?q=caf\u00e9")
    assert isinstance(doc, RawDocument) and doc.format == "text"
    assert list(server.hits) == ["/plain?q=caf%C3%A9"]
