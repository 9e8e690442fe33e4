"""The five real seed reports (``../shared/seeds``): what the foundation issue must show.

Skipped when the reference data is absent.  No seed text is stored here:
the checks name short phrases only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.records import Article
from tests.conftest import seeds_store


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    store = seeds_store()
    return {Path(a.sources[0].origin).name[:3]: a for a in store.articles()}


def test_five_articles_with_outlets(seeds: dict[str, Article]) -> None:
    assert len(seeds) == 5
    assert [seeds[k].outlet for k in ("000", "001", "002", "003")] == ["TASS", "Sputnik", "RT", "TASS"]


def test_titles_where_the_text_has_them(seeds: dict[str, Article]) -> None:
    assert seeds["000"].title and seeds["000"].title.startswith("Biden-Putin meeting to benefit")
    assert seeds["003"].title and seeds["003"].title.startswith("Putin-Biden meeting is important")
    assert seeds["004"].title and seeds["004"].title.startswith("US is 'fully prepared'")
    assert seeds["001"].title is None and seeds["002"].title is None


def test_dates(seeds: dict[str, Article]) -> None:
    assert seeds["001"].published.value == "2021-05-08"
    assert seeds["004"].published.value == "2022-01-21"
    for key, partial in (("000", "--05-05"), ("003", "--05-23")):
        assert seeds[key].published.value is None
        assert seeds[key].published.partial == partial
        assert "year-unknown" in seeds[key].published.flags


@pytest.mark.parametrize("chrome", ["All news", "Listen Live", "Get short URL", "Updated at", "Also on rt.com",
                                    "Community standards", "Think your friends", "Share this story", "GMT08"])
def test_no_chrome_left(seeds: dict[str, Article], chrome: str) -> None:
    for article in seeds.values():
        assert chrome not in article.text


@pytest.mark.parametrize("sentence", [
    "Blinken said that the two nations have many areas of",
    "Virtually the only major arms control treaty the US and Russia managed to salvage",
    "Following the talks with Blinken, Lavrov said earlier this week",
    "Moscow has provided the United States a list of reciprocal actions",
    "The choice of a city is more a technical decision",
    "The Kremlin denies it is planning to attack",
])
def test_no_sentence_lost(seeds: dict[str, Article], sentence: str) -> None:
    assert any(sentence in a.text for a in seeds.values())


def test_every_source_paragraph_survives(seeds: dict[str, Article]) -> None:
    """Every prose line of every seed (ending in sentence punctuation, 8+ words) is in the text."""
    for article in seeds.values():
        raw = Path(article.sources[0].origin).read_text("utf-8")
        text = " ".join(article.text.split())
        for line in raw.splitlines():
            line = " ".join(line.split())
            if len(line.split()) >= 8 and line.endswith((".", "\"", "”", "?")) and "Also on" not in line:
                body = line.split("/TASS/. ")[-1].split("(Sputnik) - ")[-1].split("January 21 : ")[-1]
                assert body in text, body[:80]
