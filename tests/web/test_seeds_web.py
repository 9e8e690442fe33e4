"""The five seed reports (``../shared/seeds``) through the whole pipeline, then every page of the web UI.

Skipped when the reference data is absent.  Covers what the built stages give:
statements and stories are checked when their stages exist in this checkout.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from newstrace.store import Store
from newstrace.web import create_app
from newstrace.web.pages import statements, stories
from tests.conftest import seeds_store


@pytest.fixture(scope="module")
def seeds_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("seeds-web") / "seeds.db"
    seeds_store(path, analyze=True, link=True, stories=True).close()
    with TestClient(create_app(path)) as client:
        yield client


def _story_ids(client: TestClient) -> list[str]:
    return [row["id"] for row in client.get("/stories.json").json()["rows"]]


def test_every_page_and_json_twin_answers(seeds_client: TestClient) -> None:
    articles = [r["id"] for r in seeds_client.get("/articles.json").json()["rows"]]
    assert len(articles) == 5
    speakers = [r["name"] for r in seeds_client.get("/speakers.json").json()["rows"]][:3]
    outlets = [r["name"] for r in seeds_client.get("/outlets.json").json()["rows"] if r["name"]]
    paths = ["/", "/stories", "/quotes", "/quotes?q=escalate", "/speakers", "/outlets", "/articles", "/runs", "/api"]
    paths += [f"/articles/{a}" for a in articles] + [f"/speakers/{s}" for s in speakers]
    paths += [f"/outlets/{o}" for o in outlets] + [f"/stories/{s}" for s in _story_ids(seeds_client)]
    for path in paths:
        base, _, query = path.partition("?")
        twin = ("/index" if base == "/" else base) + ".json" + (f"?{query}" if query else "")
        assert seeds_client.get(path).status_code == 200, path
        assert seeds_client.get(twin).status_code == 200, twin


def test_escalate_finds_blinkens_statement_with_both_outlets(seeds_client: TestClient) -> None:
    rows = seeds_client.get("/quotes.json?q=escalate").json()["rows"]
    blinken = [r for r in rows if r["speaker"] and "Blinken" in r["speaker"]]
    assert blinken, rows
    if not any(r["statement"] for r in rows):
        pytest.skip("quote clusters (statements) are not built by this checkout")
    outlets = [{c["outlet"] for c in r["carriers"]} for r in blinken]
    assert any({"TASS", "Sputnik"} <= found for found in outlets), outlets
    assert "first seen" in seeds_client.get("/quotes?q=escalate").text


def test_storyline_page_shows_the_timeline_with_its_dates(seeds_client: TestClient) -> None:
    ids = _story_ids(seeds_client)
    if not ids:
        assert "Not built yet" in seeds_client.get("/stories").text
        pytest.skip("stories are not built by this checkout")
    days = set()
    for story_id in ids:
        data = seeds_client.get(f"/stories/{story_id}.json").json()
        days |= {entry["date"] for entry in data["timeline"]}
        html = seeds_client.get(f"/stories/{story_id}").text
        assert 'class="timeline-chart"' in html
        for entry in data["timeline"]:
            assert f'data-date="{entry["date"]}"' in html
    assert {"2021-04-13", "2021-05-04", "2022-01-21"} <= days


def test_blinken_is_one_speaker_once_entities_are_built(seeds_client: TestClient) -> None:
    names = [r["name"] for r in seeds_client.get("/speakers.json?name=Blinken").json()["rows"]]
    assert names
    speaker = seeds_client.get(f"/speakers/{names[0]}.json").json()
    if speaker["entity"] is None:
        pytest.skip("corpus entities are not built by this checkout")
    assert names == ["Antony Blinken"] and "Anthony Blinken" in speaker["entity"]["aliases"]


def test_stage_helpers_agree_with_the_pages(seeds_client: TestClient) -> None:
    store: Store = seeds_client.app.state.store  # type: ignore[attr-defined]
    assert stories.available(store) == bool(_story_ids(seeds_client))
    assert statements.status(store)["built"] == statements.available(store)
