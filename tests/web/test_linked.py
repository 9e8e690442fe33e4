"""Pages over a store whose statements, entities and storylines are built."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import article_id


def _stories(client: TestClient) -> list[dict[str, object]]:
    data = client.get("/stories.json").json()
    if not data.get("built"):
        pytest.skip("the stories stage is not in this checkout")
    rows: list[dict[str, object]] = data["rows"]
    return rows


def test_story_list_and_page(linked_client: TestClient) -> None:
    rows = _stories(linked_client)
    harbour = next(r for r in rows if r["title"] == "Harbour talks resume")
    assert harbour["articles"] == 2 and harbour["volume"]
    assert linked_client.get("/stories.json?sort=size").json()["rows"][0]["id"] == harbour["id"]
    assert [r["title"] for r in linked_client.get("/stories.json?outlet=Bayside%20Herald").json()["rows"]] == [
        "Harbour talks resume"]
    data = linked_client.get(f"/stories/{harbour['id']}.json").json()
    assert data["timeline"] and [g["outlet"] for g in data["articles_by_outlet"]] == ["Larkport Daily",
                                                                                       "Bayside Herald"]
    assert data["articles_by_outlet"][0]["first"]
    html = linked_client.get(f"/stories/{harbour['id']}").text
    assert 'class="timeline-chart"' in html and "first to report" in html
    assert linked_client.get(f"/stories/{harbour['id']}.csv").status_code == 200


def test_hostile_story_title_and_timeline_are_escaped(linked_client: TestClient) -> None:
    rows = _stories(linked_client)
    hostile = next(r for r in rows if "Hostile" in str(r["title"]))
    for path in ("/stories", f"/stories/{hostile['id']}"):
        body = linked_client.get(path).text
        assert "<script>window" not in body and "<b>Hostile" not in body and "&lt;script&gt;" in body


def test_statements_give_carriers_and_speaker_entities(linked_client: TestClient) -> None:
    data = linked_client.get("/quotes.json?q=escalate").json()
    if not data["statements"]["built"]:
        pytest.skip("the statements stage is not in this checkout")
    row = data["rows"][0]
    assert row["statement"] and set(row["statement"]["outlets"]) == {"Larkport Daily", "Bayside Herald"}
    assert row["first_seen"]["outlet"] == "Larkport Daily"
    assert linked_client.get("/speakers.json").json()["rows"][0]["name"] == "Mira Olsen"
    article = linked_client.get(f"/articles/{article_id('a1')}.json").json()
    assert [e["name"] for e in article["entities"]] == ["Mira Olsen"]
    if article["story"] is not None:
        assert article["story"]["title"] == "Harbour talks resume"


def test_outlet_page_lists_stories_covered_and_missed(linked_client: TestClient) -> None:
    _stories(linked_client)
    coverage = linked_client.get("/outlets/Bayside%20Herald.json").json()["stories"]
    assert coverage["built"] and [s["title"] for s in coverage["covered"]] == ["Harbour talks resume"]
    assert coverage["first"] == [] and len(coverage["absent"]) == 2
