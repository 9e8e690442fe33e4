"""A real browser (Debian's Chromium, headless, driven by Playwright) against ``newstrace serve``'s app.

Skipped when /usr/bin/chromium is absent, unless NEWSTRACE_REQUIRE_BROWSER=1
(CI sets it after installing Chromium), in which case a missing browser fails.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newstrace.web import create_app
from tests.web.conftest import HOSTILE_QUOTE, article_id

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def _require_browser() -> None:
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("NEWSTRACE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"NEWSTRACE_REQUIRE_BROWSER=1 but {CHROMIUM} is missing (apt-get install chromium)")
    pytest.skip(f"{CHROMIUM} is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(linked_db: Path) -> Iterator[str]:
    _require_browser()
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(create_app(linked_db), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


def test_navigate_search_follow_and_chart(server: str, browser: Any, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/")
    assert page.title().endswith("newstrace")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.screenshot(path=str(tmp_path / "home.png"), full_page=True)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Quotes").click()
    page.get_by_label("Words in the quote or speaker").fill("escalate")
    page.keyboard.press("Enter")
    page.wait_for_url("**/quotes?q=escalate*")
    first = page.locator("article.quote").first
    assert "We will not escalate this dispute" in first.inner_text()
    carriers = first.locator(".carriers").inner_text()
    assert "Larkport Daily" in carriers and "Bayside Herald" in carriers and "first seen" in carriers
    page.screenshot(path=str(tmp_path / "quotes.png"), full_page=True)

    first.locator(".carriers").get_by_role("link", name="Bayside Herald").click()
    page.wait_for_url(f"**/articles/{article_id('a2')}")
    assert page.locator(".text mark.q-direct").first.inner_text() == "We will not escalate this dispute,"
    chart = page.locator("svg.timeline-chart")
    assert chart.count() == 1 and chart.locator("circle").count() >= 1
    assert chart.bounding_box()["width"] > 100
    page.screenshot(path=str(tmp_path / "article.png"), full_page=True)
    assert all((tmp_path / f"{n}.png").stat().st_size > 1000 for n in ("home", "quotes", "article"))


def test_story_timeline_when_stories_exist(server: str, browser: Any, tmp_path: Path) -> None:
    page = browser.new_page()
    page.goto(server + "/stories")
    links = page.locator("table a[href^='/stories/']")
    if links.count() == 0:
        assert "Not built yet" in page.locator(".notice").first.inner_text()
        return
    links.first.click()
    assert page.locator("svg.timeline-chart").count() == 1
    page.locator("a[href^='/articles/']").first.click()
    assert "/articles/" in page.url
    page.screenshot(path=str(tmp_path / "story-article.png"), full_page=True)


@pytest.mark.parametrize("path", [f"/articles/{article_id('a4')}", "/quotes?q=window", "/speakers/Evil%20Mallory"])
def test_hostile_quote_is_shown_inert(server: str, browser: Any, tmp_path: Path, path: str) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + path)
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("script").count() == 0 and page.locator("main img").count() == 0
    assert page.get_by_text(HOSTILE_QUOTE).first.is_visible()
    assert not dialogs
    page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)


def test_readable_on_a_phone(server: str, browser: Any, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(server + f"/articles/{article_id('a1')}")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
