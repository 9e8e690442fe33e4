"""Every route and its JSON twin, in-process, over the hand-written fixture store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newstrace.errors import ErrorCode
from newstrace.store import Store
from newstrace.web import create_app
from newstrace.web.app import open_read_only
from tests.web.conftest import article_id

A1, A4 = article_id("a1"), article_id("a4")

PAGES = [
    "/", "/stories", "/quotes", "/quotes?q=escalate", "/quotes?speaker=Olsen&kind=direct", "/speakers",
    "/speakers/Mira%20Olsen", "/outlets", "/outlets/Coastline%20Times", "/articles", "/articles?q=harbour",
    "/articles?outlet=Bayside%20Herald&since=2024-03-01&until=2024-12-31", f"/articles/{A1}", f"/articles/{A4}",
    "/runs", "/api",
]


def _twin(path: str, ext: str) -> str:
    base, _, query = path.partition("?")
    base = "/index" if base == "/" else base
    return f"{base}.{ext}" + (f"?{query}" if query else "")


@pytest.mark.parametrize("path", PAGES)
def test_every_page_and_its_json_twin_answer(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200, page.text
    assert page.headers["content-type"].startswith("text/html")
    assert "<main id=\"main\"" in page.text and "Skip to content" in page.text
    twin = client.get(_twin(path, "json"))
    assert twin.status_code == 200, twin.text
    assert twin.headers["content-type"] == "application/json"
    assert isinstance(twin.json(), dict)


@pytest.mark.parametrize("path", ["/stories", "/quotes", "/speakers", "/outlets", "/articles", "/runs"])
def test_lists_return_rows_and_export_csv(client: TestClient, path: str) -> None:
    data = client.get(_twin(path, "json")).json()
    assert isinstance(data["rows"], list)
    csv = client.get(_twin(path, "csv"))
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert client.get(path + "?format=csv").text == csv.text


def test_quote_search_shows_every_carrier_and_first_seen(client: TestClient) -> None:
    data = client.get("/quotes.json?q=escalate").json()
    assert data["total"] == 2 and data["facets"]["speaker"] == [{"value": "Mira Olsen", "count": 2}]
    row = data["rows"][0]
    assert row["speaker"] == "Mira Olsen" and row["kind"] == "direct" and row["confidence"] == 0.9
    assert [c["outlet"] for c in row["carriers"]] == ["Larkport Daily", "Bayside Herald"]
    assert row["first_seen"]["outlet"] == "Larkport Daily"
    assert row["context"]["after"].startswith('" said Mira Olsen')


def test_article_page_has_quotes_dates_sources_and_copies(client: TestClient) -> None:
    data = client.get(f"/articles/{A1}.json").json()
    assert [q["id"] for q in data["quotes"]] == ["q1", "q2"]
    assert data["dates"][0] == {"what": "published", "value": "2024-03-04", "basis": "metadata",
                                "confidence": 0.9, "evidence": "2024-03-04", "flags": []}
    assert any(d["what"] == "in text" and d["evidence"] == "Monday" for d in data["dates"])
    assert data["article"]["sources"] == ["fixtures/a1.txt"]
    assert [d["outlet"] for d in data["duplicates"]] == ["Larkport Daily", "Bayside Herald"]
    html = client.get(f"/articles/{A1}").text
    assert '<mark class="q-direct"' in html and 'id="q-q1"' in html


def test_speaker_and_outlet_pages(client: TestClient) -> None:
    speaker = client.get("/speakers/mira%20olsen.json").json()
    assert speaker["name"] == "Mira Olsen" and speaker["quotes"] == 3
    assert {o["outlet"] for o in speaker["outlets"]} == {"Larkport Daily", "Bayside Herald"}
    assert {n["mention"] for n in speaker["named_as"]} == {"Mira Olsen", "She"}
    outlet = client.get("/outlets/Larkport%20Daily.json").json()
    assert outlet["articles"] == 1 and outlet["first"][0]["copies"] == 1
    assert client.get("/outlets.json").json()["rows"][0] == {
        "name": "Coastline Times", "articles": 2, "first": "2024-03-06", "last": "2024-03-07", "languages": 1,
        "quotes": 2}


def test_runs_page_lists_failures_with_reasons(client: TestClient) -> None:
    data = client.get("/runs.json").json()
    assert data["runs"][0]["status"] == "complete"
    assert data["rows"][0]["code"] == "no-text" and data["codes"] == [{"value": "no-text", "count": 1}]
    assert "no article text &lt;em&gt;found&lt;/em&gt;" in client.get("/runs").text


@pytest.mark.parametrize("path", [f"/articles/{A4}", "/quotes?q=window", "/speakers/Evil%20Mallory", "/articles"])
def test_hostile_text_is_escaped(client: TestClient, path: str) -> None:
    body = client.get(path).text
    assert "<script>window" not in body and "<img src=x" not in body and "<b>Hostile" not in body
    assert "&lt;script&gt;window.__pwned" in body


def test_csv_carries_the_text_as_data_never_as_a_page(client: TestClient) -> None:
    response = client.get("/quotes.csv?q=window")
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["x-content-type-options"] == "nosniff"
    header = response.text.splitlines()[0].split(",")
    assert "article_outlet" in header and "context_before" in header and "<script>window" in response.text


def test_only_web_urls_are_linked(client: TestClient) -> None:
    body = client.get(f"/articles/{A4}").text
    assert 'href="javascript:' not in body and "javascript:alert(1)" in body


def test_pages_forbid_scripts(client: TestClient) -> None:
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'none'" in policy


@pytest.mark.parametrize("path", ["/quotes.json?q=%22unbalanced", "/quotes.json?q=AND", "/articles.json?q=NOT(",
                                  "/articles.json?page=0", "/articles.json?per_page=5000", "/runs.json?page=x"])
def test_bad_queries_are_400_with_a_message(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "bad-query" and error["status"] == 400 and error["message"]


def test_bad_query_html_is_a_400_page(client: TestClient) -> None:
    response = client.get("/quotes?q=%22")
    assert response.status_code == 400 and "bad-query" in response.text and "<main" in response.text


@pytest.mark.parametrize("path", ["/articles/nope", "/speakers/Nobody", "/outlets/Nowhere", "/stories/none",
                                  "/no/such/page", "/articles/zz.csv"])
def test_unknown_ids_are_404_in_both_forms(client: TestClient, path: str) -> None:
    html = client.get(path)
    assert html.status_code == 404 and "not-found" in html.text
    base = path.removesuffix(".csv")
    twin = client.get(base + ".json")
    assert twin.status_code == 404
    assert twin.json()["error"]["code"] == "not-found"


def test_no_csv_for_single_records(client: TestClient) -> None:
    assert client.get(f"/articles/{A1}.json?format=csv").status_code == 404


def test_openapi_describes_the_json_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/stories.json", "/quotes.json", "/articles.json", "/articles/{article_id}.json", "/runs.json"):
        assert path in paths
    assert not any(p.endswith(".csv") for p in paths) and "/quotes" not in paths
    api = client.get("/api.json").json()["rows"]
    assert any(r["path"] == "/quotes.json" and any(p["name"] == "q" for p in r["parameters"]) for r in api)


def test_pagination(client: TestClient) -> None:
    first = client.get("/articles.json?per_page=3").json()
    second = client.get("/articles.json?per_page=3&page=2").json()
    assert (first["total"], first["pages"], first["has_next"], len(first["rows"])) == (4, 2, True, 3)
    assert (second["has_next"], len(second["rows"])) == (False, 1)
    assert 'rel="next"' in client.get("/articles?per_page=3").text


def test_stories_and_statements_state_is_explicit(client: TestClient) -> None:
    stories = client.get("/stories.json").json()
    quotes = client.get("/quotes.json").json()
    if not stories.get("built", True):
        assert "newstrace storify" in stories["message"]
        assert "Not built yet" in client.get("/").text
    if not quotes["statements"]["built"]:
        assert "newstrace link" in quotes["statements"]["message"]
    assert stories["overview"]["articles"] == 4


def test_the_store_is_opened_read_only(web_db: Path) -> None:
    store = open_read_only(web_db)
    with pytest.raises(sqlite3.OperationalError):
        store.db.execute("DELETE FROM articles")
    store.close()


def test_an_old_store_that_cannot_be_migrated_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 web_db: Path) -> None:
    import shutil

    from newstrace.errors import StoreError
    from newstrace.web import app

    old = tmp_path / "old.db"
    shutil.copy(web_db, old)
    with sqlite3.connect(old) as db:
        db.execute("DELETE FROM migrations WHERE name = ?", (app.BROWSING,))
    class ReadOnlyFile(Store):  # as on a file without write permission
        def __init__(self, path: str | Path = ":memory:", *, read_only: bool = False) -> None:
            if not read_only:
                raise StoreError(ErrorCode.UNREADABLE, "attempt to write a readonly database")
            super().__init__(path, read_only=True)

    monkeypatch.setattr(app, "Store", ReadOnlyFile)
    with pytest.raises(StoreError, match="open it once with write access"):
        create_app(old)


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newstrace.cli import main

    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no store" in result.output
    with pytest.raises(Exception, match="no store"):
        create_app(tmp_path / "none.db")
