"""Storylines chain events over months; summaries, what is new, and the outlet comparison."""

from __future__ import annotations

import pytest

from newstrace.stories.compare import CoverageArticle, QuoteUse, compare_outlets, story_quotes
from newstrace.stories.index import StoryIndex
from newstrace.stories.storylines import StorylineParams
from newstrace.stories.summary import SummaryArticle, novelty, summarize
from tests.stories.corpus import BRIDGE_1, BRIDGE_2, BRIDGE_LATER, ORCHESTRA, docs


def test_events_months_apart_share_a_storyline() -> None:
    index = StoryIndex()
    for doc in docs():
        index.add(doc)
    assert index.events.event_of("b3") != index.events.event_of("b1")
    assert index.storyline_of("b3") == index.storyline_of("b1") == index.storyline_of("h1")
    assert index.storyline_of("o1") != index.storyline_of("b1")


def test_storyline_params_are_validated() -> None:
    with pytest.raises(ValueError, match="link_threshold"):
        StorylineParams(threshold=0.2, link_threshold=0.5)


def test_summary_is_central_and_not_redundant() -> None:
    articles = [SummaryArticle("a", BRIDGE_1), SummaryArticle("b", BRIDGE_2), SummaryArticle("c", ORCHESTRA)]
    summary = summarize(articles[:2], sentences=2)
    assert 1 <= len(summary) <= 2
    assert any("bridge" in s.lower() for s in summary)
    assert summarize([SummaryArticle("x", "")]) == []


def test_what_is_new_against_earlier_coverage() -> None:
    found = novelty([SummaryArticle("a", BRIDGE_1), SummaryArticle("b", BRIDGE_1 + " Repairs start in May."),
                     SummaryArticle("c", BRIDGE_LATER)])
    assert found[0].share == 1.0
    assert found[1].sentences == () or all("Repairs start" in s for s in found[1].sentences)
    assert any("14 million crowns" in s for s in found[2].sentences)


def test_outlet_comparison() -> None:
    articles = [CoverageArticle("a", "Orla Post", "2021-03-03", BRIDGE_1),
                CoverageArticle("b", "Morrow Courier", "2021-03-04", BRIDGE_2),
                CoverageArticle("c", None, None, "Ferry timetables changed.")]
    quotes = story_quotes([QuoteUse("s1", "a", "Ilse Brandvold", "Nobody crosses a cracked bridge on my watch"),
                           QuoteUse("s1", "b", "Ilse Brandvold", "Nobody crosses a cracked bridge on my watch."),
                           QuoteUse("q9", "b", None, "long detours")], articles)
    assert quotes[0].key == "s1" and quotes[0].outlets == ("Orla Post", "Morrow Courier")
    assert quotes[0].first_outlet == "Orla Post"
    coverage = {c.outlet: c for c in compare_outlets(articles, quotes)}
    assert coverage["Orla Post"].first and not coverage["Morrow Courier"].first
    assert coverage["Orla Post"].quotes == ("s1",)
    assert "q9" in coverage["Orla Post"].missing_quotes or coverage["Orla Post"].missing_quotes == ()
    assert coverage["(unknown outlet)"].first_published is None
    assert compare_outlets([], []) == []
