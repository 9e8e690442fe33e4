"""Highlighting by offsets and the SVG charts: pure functions, hostile input."""

from __future__ import annotations

from newstrace.web.render import highlight, to_csv
from newstrace.web.svg import TimelinePoint, sparkline, timeline


def test_highlight_cuts_text_at_quote_offsets() -> None:
    text = 'He said "<b>no</b>" twice.'
    quote = {"id": "q", "kind": "direct", "content": [[9, 18]], "start": 9, "end": 18}
    segments = highlight(text, [quote])
    assert [s.text for s in segments] == ['He said "', "<b>no</b>", '" twice.']
    assert segments[1].mark is quote and segments[1].first
    assert "".join(s.text for s in segments) == text


def test_highlight_clips_overlaps_and_bad_offsets() -> None:
    text = "abcdefghij"
    quotes = [{"id": "1", "kind": "direct", "content": [[1, 5]]}, {"id": "2", "kind": "mixed", "content": [[3, 8]]},
              {"id": "3", "kind": "direct", "content": [[40, 50], [-5, 0]]}]
    segments = highlight(text, quotes)
    assert "".join(s.text for s in segments) == text
    assert [(s.text, s.mark["id"] if s.mark else None) for s in segments] == [
        ("a", None), ("bcde", "1"), ("fgh", "2"), ("ij", None)]


def test_charts_escape_labels_and_handle_empty_input() -> None:
    assert sparkline([]) == "" and timeline([]) == ""
    assert "<polyline" in sparkline([1, 3, 2]) and "<polyline" in sparkline([4])
    svg = timeline([TimelinePoint("2021-05-04", "<script>x</script>", 3, href='/a?"x'),
                    TimelinePoint("2021-04-13", "call"), TimelinePoint("not a date", "skipped")])
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&quot;x" in svg
    assert svg.index("2021-04-13  call") < svg.index("2021-05-04  &lt;")
    assert svg.count('class="tl-entry"') == 2


def test_csv_defuses_formulas_and_flattens_lists() -> None:
    out = to_csv([{"a": "=HYPERLINK(1)", "b": ["x", "y"], "c": {"k": 1, "m": {"n": 2}}, "d": "--05-05"}])
    assert out.splitlines() == ["a,b,c_k,c_m,d", "'=HYPERLINK(1),x; y,1,\"{\"\"n\"\": 2}\",--05-05"]
