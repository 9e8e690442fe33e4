"""The must-show timeline dates on the five real seed reports (skipped when ``../shared/seeds`` is absent).

The seeds' year-less TASS dates (``--05-05``, ``--05-23``) are taken as 2021 here; the RT report has no date
and is left out.  No seed text is stored in the repository.
"""

from __future__ import annotations

import pytest

from newstrace.records import TimelineArticle, TimelineEntry
from newstrace.stories.timeline import build_timeline
from tests.conftest import seeds_store


@pytest.fixture(scope="module")
def timeline() -> list[TimelineEntry]:
    store = seeds_store()
    articles = []
    for article in store.articles():
        published = article.published.value or (f"2021-{article.published.partial[2:]}"
                                                 if article.published.partial else None)
        if published:
            articles.append(TimelineArticle(article.id, published, article.text, article.title, article.outlet))
    store.close()
    assert len(articles) == 4
    return build_timeline(articles, sentences=2)


@pytest.mark.shared
def test_seed_timeline_carries_the_must_show_dates(timeline: list[TimelineEntry]) -> None:
    dates = {entry.date: entry for entry in timeline}
    assert {"2021-04-13", "2021-05-04", "2022-01-21"} <= set(dates)
    assert "phone call" in " ".join(dates["2021-04-13"].sentences) or "telephone" in " ".join(
        dates["2021-04-13"].sentences)
    assert "Financial Times" in " ".join(dates["2021-05-04"].sentences)
    assert "Geneva" in " ".join(dates["2022-01-21"].sentences) or "Friday" in " ".join(dates["2022-01-21"].sentences)


@pytest.mark.shared
def test_seed_phone_call_is_supported_by_both_tass_reports(timeline: list[TimelineEntry]) -> None:
    call = next(entry for entry in timeline if entry.date == "2021-04-13")
    assert len(call.article_ids) == 2 and call.outlets == ("TASS",)
