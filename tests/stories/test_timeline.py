"""The timeline builder on small invented article sets."""

from __future__ import annotations

from datetime import date

from newstrace.records import TimelineArticle, TimelineEntry
from newstrace.stories.dating import counted_day, sentence_mentions
from newstrace.stories.sentences import detokenise, sentences_of, split_text
from newstrace.stories.timeline import build_timeline


def _articles() -> list[TimelineArticle]:
    return [
        TimelineArticle("a1", "2023-03-02", "The river at Lindholm burst its banks on Tuesday, flooding the old town. "
                        "Rescue teams evacuated 300 residents from the lower streets. The mayor called it the worst "
                        "flood in forty years.", outlet="Valley Post"),
        TimelineArticle("a2", "2023-03-02", "Floodwater covered the market square in Lindholm on Tuesday. "
                        "Shops along the river stayed closed as the water kept rising.", outlet="North Wire"),
        TimelineArticle("a3", "2023-03-06", "Lindholm began clearing mud from its streets on Monday. "
                        "The flood on February 28 destroyed two bridges, the council said. "
                        "On March 3, engineers reopened the rail line to the coast.", outlet="North Wire"),
        TimelineArticle("a4", "2023-03-10", "The council of Lindholm approved an emergency budget for flood repairs "
                        "on Thursday. Residents said the rail line reopened on March 3 was running on time again.",
                        outlet="Valley Post"),
        TimelineArticle("a5", "2023-03-10", "A football match between Lindholm and Brenna ended in a draw on "
                        "Wednesday after a goalless first half.", outlet="Sport Daily"),
    ]


def test_exactly_l_dates_sorted_with_at_most_k_sentences() -> None:
    timeline = build_timeline(_articles(), dates=3, sentences=2)
    assert len(timeline) == 3
    assert [e.date for e in timeline] == sorted(e.date for e in timeline)
    assert all(isinstance(e, TimelineEntry) and 1 <= len(e.sentences) <= 2 for e in timeline)
    assert "2023-02-28" in {e.date for e in timeline}  # the flood day, named by two articles


def test_in_text_dates_beat_publication_dates() -> None:
    timeline = build_timeline(_articles(), dates=2, sentences=1)
    by_date = {e.date: e for e in timeline}
    assert "2023-03-03" in by_date  # "On March 3 ..." in articles published on the 6th and the 10th
    assert "rail line" in by_date["2023-03-03"].sentences[0]
    assert set(by_date["2023-03-03"].article_ids) >= {"a3", "a4"}


def test_keywords_filter_sentences() -> None:
    timeline = build_timeline(_articles(), dates=5, sentences=3, keywords=["flood"])
    sentences = [s for e in timeline for s in e.sentences]
    assert sentences and all("flood" in s.lower() for s in sentences)
    assert not any("football" in s.lower() for s in sentences)


def test_outlets_and_supporting_articles() -> None:
    timeline = build_timeline(_articles(), dates=1, sentences=1)
    assert timeline[0].date == "2023-02-28"
    assert timeline[0].article_ids[0] in {"a1", "a2", "a3"}
    assert set(timeline[0].outlets) <= {"Valley Post", "North Wire"}


def test_automatic_number_of_dates_and_bounds() -> None:
    timeline = build_timeline(_articles())
    assert 1 <= len(timeline) <= 8
    bounded = build_timeline(_articles(), start="2023-03-01", end="2023-03-05")
    assert bounded and all("2023-03-01" <= e.date <= "2023-03-05" for e in bounded)


def test_bad_input_gives_empty_results() -> None:
    assert build_timeline([]) == []
    assert build_timeline([TimelineArticle("x", "not a date", "Something happened on Monday.")]) == []
    assert build_timeline([TimelineArticle("x", "2023-01-01", "")]) == []
    assert build_timeline(_articles(), dates=0) == []
    assert build_timeline(_articles(), sentences=0) == []
    assert build_timeline(_articles(), keywords=["zeppelin"]) == []


def test_fewer_candidate_dates_than_asked() -> None:
    articles = [TimelineArticle("a", "2023-05-05", "The bridge at Orsa was closed to traffic on Tuesday morning.")]
    timeline = build_timeline(articles, dates=4, sentences=1)
    assert [e.date for e in timeline] == ["2023-05-02"]


def test_detokenise_ptb_text() -> None:
    raw = "WASHINGTON -LRB- Reuters -RRB- - Officials said `` no '' , and it 's over ."
    assert detokenise(raw) == 'WASHINGTON (Reuters) - Officials said "no", and it\'s over.'


def test_tokenised_lines_are_sentences_and_wire_dateline_is_cut() -> None:
    text = ("By A. Writer WASHINGTON -LRB- Reuters -RRB- - The agency said on Monday that tests were under way "
            "in three states . \nIt 's the first case , officials said . \n")
    found = sentences_of(text)
    assert [s.text for s in found] == [
        "The agency said on Monday that tests were under way in three states.",
        "It's the first case, officials said.",
    ]
    assert found[1].raw == "It 's the first case , officials said ."


def test_plain_splitter_keeps_abbreviations() -> None:
    text = 'Mr. Brand arrived in the U.S. capital on Jan. 5. He said "no." Then he left.\nA new line.'
    assert split_text(text) == ["Mr. Brand arrived in the U.S. capital on Jan. 5.", 'He said "no."',
                                "Then he left.", "A new line."]


def test_days_later_count_from_the_day_just_narrated() -> None:
    text = ("The levee gave way on March 3. Three days later the ferry stopped. A week earlier, engineers had warned. "
            "The repairs lasted three days.")
    mentions = sentence_mentions(sentences_of(text), date(2021, 3, 10))
    assert mentions == [[date(2021, 3, 3)], [date(2021, 3, 6)], [date(2021, 2, 27)], []]
    assert counted_day("P2D", " later, on", date(2021, 3, 10)) == date(2021, 3, 12)
    assert counted_day("P2D", " of talks", date(2021, 3, 10)) is None
    assert counted_day("P1M", " later", date(2021, 3, 10)) is None
