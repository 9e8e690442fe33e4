"""Plain-text layout: chrome removal, promos, title, standfirst, dateline, dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from newstrace.clean import clean_document
from newstrace.clean.text import analyse_text, split_blocks
from newstrace.records import RawDocument, SourceRef


def _clean(path: Path) -> object:
    return clean_document(RawDocument(SourceRef(str(path)), "text", path.read_text("utf-8")), today=date(2026, 1, 1))


def test_agency_dateline_article(fixtures: Path) -> None:
    article = _clean(fixtures / "text" / "agency_dateline.txt")
    assert article.title == "Harbour pact to ease pressure on both ports — Valdorian Trade Minister"
    assert article.standfirst is not None and article.standfirst.startswith("Kask added that Solhaven")
    assert article.dateline is not None and article.dateline.place == "PORTVILLE"
    assert article.published.value is None
    assert article.published.partial == "--03-14"
    assert "year-unknown" in article.published.flags
    assert article.published.basis == "dateline"
    assert article.removed == ("All news",)
    assert "PORTVILLE, March 14" not in article.text
    assert article.text.count("We do not seek a quarrel.") == 1


def test_page_chrome_header_date_and_tags(fixtures: Path) -> None:
    article = _clean(fixtures / "text" / "page_chrome.txt")
    assert article.title is None
    assert article.published.value == "2024-03-14"
    assert article.published.basis == "header"
    assert article.tags == ("Irena Kask", "Portville", "Solhaven", "Valdoria", "Trade")
    for chrome in ("Listen Live", "Get short URL", "Reader guidelines", "Comments", "GMT"):
        assert chrome not in article.text
    assert article.text.startswith("Portville's mayor wants a face-to-face meeting")
    assert article.dateline is not None and article.dateline.outlet == "Harbor Wire"


def test_glued_promos_are_cut_and_the_sentence_kept(fixtures: Path) -> None:
    article = _clean(fixtures / "text" / "glued_promos.txt")
    assert "Kask said that the two cities have many shared concerns" in article.text
    assert "Plenty left to settle" not in article.text
    assert "Also on" not in article.text
    assert "Share this story" not in article.text
    assert "Only one older treaty between the two ports survived" in article.text
    assert any(r.startswith("Also on example-news.example ‘Plenty") for r in article.removed)
    assert article.outlet == "example-news.example"


def test_opening_quote_is_not_a_glue_point() -> None:
    text = "First paragraph of the story, which is long enough to be prose.\n" \
        "Also on example.example Port is ready to leave 'Harbour Compact' pact - CouncilThe council said it would vote."
    layout = analyse_text(text)
    assert "The council said it would vote." in layout.paragraphs
    assert not any("Harbour Compact" in p for p in layout.paragraphs)


def test_byline_becomes_authors() -> None:
    text = "Storm closes harbour\nBy Mara Okafor and Jon Halloway\nThe harbour closed at noon on Friday."
    layout = analyse_text(text)
    assert layout.authors == ("Mara Okafor", "Jon Halloway")
    assert layout.title == "Storm closes harbour"


def test_hard_wrapped_text_is_rejoined() -> None:
    para = ("The harbour authority said on Friday that the eastern quay would stay closed for repairs "
            "until the end of the month, and that ferries would use the western pier instead of it.")
    wrapped = "\n".join(para[i : i + 60] for i in range(0, len(para), 60))
    blocks = split_blocks("\n\n".join([wrapped] * 4))
    assert len(blocks) == 4


def test_future_date_is_rejected_not_turned_into_today() -> None:
    doc = RawDocument(SourceRef("x"), "record", "The port reopened.", title="Port reopens", published="2031-05-01")
    published = clean_document(doc, today=date(2026, 1, 1)).published
    assert published.value is None and published.partial is None
    assert "future-rejected" in published.flags and "2031-05-01" in (published.evidence or "")


def test_future_date_leaves_the_datelines_month_and_day() -> None:
    text = "QUAYTOWN, May 3. /QNA/. The port reopened on Monday after the storm, the harbour master said."
    doc = RawDocument(SourceRef("x"), "record", text, title="Port reopens", published="2031-05-03T10:00:00+01:00")
    published = clean_document(doc, today=date(2026, 1, 1)).published
    assert (published.value, published.partial, published.basis) == (None, "--05-03", "dateline")
    assert set(published.flags) == {"year-unknown", "future-rejected"}


def test_other_evidence_wins_over_a_future_date() -> None:
    doc = RawDocument(SourceRef("x"), "record", "The port reopened.", title="Port reopens", published="2031-05-01",
                      url="https://quay.example/2021/05/01/port-reopens")
    published = clean_document(doc, today=date(2026, 1, 1)).published
    assert (published.value, published.basis) == ("2021-05-01", "url")
    assert "future-rejected" in published.flags


def test_a_date_one_day_ahead_is_kept_for_time_zones() -> None:
    doc = RawDocument(SourceRef("x"), "record", "The port reopened.", title="Port reopens", published="2026-01-02")
    published = clean_document(doc, today=date(2026, 1, 1)).published
    assert published.value == "2026-01-02" and not published.flags


def test_record_metadata_wins() -> None:
    doc = RawDocument(SourceRef("x"), "record", "", title="Port reopens after storm", outlet="tass",
                      published="Fri, 21 Jan 2022 10:00:00 GMT", url="https://example.example/a")
    article = clean_document(doc, today=date(2026, 1, 1))
    assert article.outlet == "TASS" and article.outlet_basis == "metadata"
    assert article.published.value == "2022-01-21" and article.published.basis == "metadata"
    assert article.text == "" and article.title == "Port reopens after storm"


_WORDS = st.sampled_from(["harbour", "council", "said", "the", "Kask", "vote", "on", "Friday", "—", "\"quay\""])
_LINES = st.lists(st.lists(_WORDS, min_size=1, max_size=25).map(" ".join), min_size=1, max_size=12)


@given(_LINES)
def test_cleaning_is_idempotent(lines: list[str]) -> None:
    once = analyse_text("\n".join(lines), find_title=False)
    twice = analyse_text(once.text, find_title=False)
    assert twice.text == once.text


@given(_LINES)
def test_no_prose_block_is_dropped(lines: list[str]) -> None:
    prose = [line + "." for line in lines if len(line.split()) >= 8]
    layout = analyse_text("\n".join(prose), find_title=False)
    kept = " ".join(layout.paragraphs)
    for line in prose:
        assert " ".join(line.split()) in kept or layout.dateline is not None
