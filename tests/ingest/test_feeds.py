"""Tests for the RSS/Atom reader (fictional feeds written in tmp_path)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newstrace.errors import ErrorCode
from newstrace.ingest import read_input
from newstrace.ingest.feeds import html_to_text, read_feed
from newstrace.ingest.files import InputFile, discover
from newstrace.ingest.options import ReadOptions
from newstrace.records import Failure, RawDocument

OPTS = ReadOptions()

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>The Daily Lantern</title>
  <link>https://lantern.example/</link>
  <language>en-gb</language>
  <item>
    <title>Old bridge reopens after repairs</title>
    <link>https://lantern.example/news/bridge</link>
    <description><![CDATA[<p>The <b>old</b> bridge &amp; its towpath</p><p>Traffic resumes.</p>]]></description>
    <pubDate>Tue, 05 May 2020 10:00:00 +0200</pubDate>
    <dc:creator>Ann Lee</dc:creator>
    <dc:creator>Bo Chen</dc:creator>
  </item>
  <item>
    <title>Council votes on ferry fares</title>
    <link>https://lantern.example/news/ferry</link>
    <pubDate>sometime next week</pubDate>
    <author>ed@lantern.example (Ed Nor)</author>
  </item>
  <item>
    <title>Meadow festival draws crowds</title>
    <link>https://lantern.example/news/meadow</link>
    <description>A short teaser.</description>
    <content:encoded><![CDATA[<p>Full <i>festival</i> story.</p><p>Second paragraph.</p>]]></content:encoded>
  </item>
</channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbor Wire</title>
  <id>urn:example:harbor-wire</id>
  <updated>2021-01-03T00:00:00Z</updated>
  <entry>
    <title>Quay extension approved</title>
    <link href="https://harbor.example/quay"/>
    <id>urn:example:1</id>
    <updated>2021-01-02T03:04:05-05:00</updated>
    <author><name>Kit Moss</name></author>
    <content type="html">&lt;p&gt;Planners approved the &lt;em&gt;quay&lt;/em&gt;.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title type="html">Tides &lt;b&gt;higher&lt;/b&gt; than forecast</title>
    <link href="https://harbor.example/tides"/>
    <id>urn:example:2</id>
    <published>2021-01-01T12:00:00Z</published>
    <updated>2021-01-02T12:00:00Z</updated>
    <summary>Gauges recorded a new level.</summary>
  </entry>
  <entry>
    <title>Ferry timetable</title>
    <link href="https://harbor.example/timetable"/>
    <id>urn:example:3</id>
    <content type="text">Ferries run hourly from the north quay.</content>
  </entry>
</feed>
"""


def feed_file(tmp_path: Path, name: str, data: bytes) -> InputFile:
    """Write ``data`` to ``name`` and describe it as discover() does."""
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    found = list(discover([path]))
    assert len(found) == 1 and isinstance(found[0], InputFile)
    return found[0]


def documents(items: list[RawDocument | Failure]) -> list[RawDocument]:
    """The items, checked to all be documents."""
    assert all(isinstance(i, RawDocument) for i in items), items
    return [i for i in items if isinstance(i, RawDocument)]


def test_rss_entries(tmp_path: Path) -> None:
    item = feed_file(tmp_path, "lantern.rss", RSS)
    bridge, ferry, meadow = documents(list(read_feed(item, OPTS)))

    assert bridge.format == "record"
    assert bridge.content == "The old bridge & its towpath\nTraffic resumes."
    assert bridge.title == "Old bridge reopens after repairs"
    assert bridge.url == "https://lantern.example/news/bridge"
    assert bridge.published == "2020-05-05T08:00:00+00:00"
    assert bridge.authors == ("Ann Lee", "Bo Chen")
    assert bridge.outlet == "The Daily Lantern"
    assert bridge.language == "en-gb"
    assert bridge.source.origin == str(item.path)
    assert bridge.source.locator == "item:0"

    assert ferry.format == "record" and ferry.content == ""
    assert ferry.title == "Council votes on ferry fares"
    assert ferry.published == "sometime next week"
    assert ferry.authors == ("Ed Nor",)
    assert ferry.source.locator == "item:1"

    assert meadow.format == "html"
    assert "<i>festival</i>" in meadow.content and "teaser" not in meadow.content
    assert meadow.title == "Meadow festival draws crowds"


def test_atom_entries(tmp_path: Path) -> None:
    item = feed_file(tmp_path, "harbor.atom", ATOM)
    quay, tides, timetable = documents(list(read_feed(item, OPTS)))

    assert quay.format == "html" and "<em>quay</em>" in quay.content
    assert quay.published == "2021-01-02T08:04:05+00:00"
    assert quay.authors == ("Kit Moss",)
    assert quay.outlet == "Harbor Wire"
    assert quay.url == "https://harbor.example/quay"

    assert tides.format == "record"
    assert tides.content == "Gauges recorded a new level."
    assert tides.title == "Tides higher than forecast"
    assert tides.published == "2021-01-01T12:00:00+00:00"

    assert timetable.format == "record"
    assert timetable.content == "Ferries run hourly from the north quay."
    assert timetable.published is None and timetable.authors == ()


def test_start_skips_entries(tmp_path: Path) -> None:
    item = feed_file(tmp_path, "lantern.rss", RSS)
    full = list(read_feed(item, OPTS))
    assert list(read_feed(item, OPTS, start=2)) == full[2:]
    assert list(read_feed(item, OPTS, start=3)) == []


def test_gzipped_feed_through_dispatcher(tmp_path: Path) -> None:
    item = feed_file(tmp_path, "lantern.xml.gz", RSS)
    assert item.kind == "feed"
    items = documents(list(read_input(item, OPTS)))
    assert [d.source.locator for d in items] == ["item:0", "item:1", "item:2"]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"<rss version='2.0'><channel><title>Cut short</tit", "malformed"),
        (b"<<<this is not xml>>>", "malformed"),
        (b"<html><body><p>Just a web page.</p></body></html>", "not an RSS or Atom feed"),
        (b"<rss version='2.0'><channel><title>Quiet</title></channel></rss>", "no entries"),
    ],
)
def test_unusable_feed_is_one_failure(tmp_path: Path, data: bytes, words: str) -> None:
    item = feed_file(tmp_path, "bad.rss", data)
    items = list(read_input(item, OPTS))
    assert len(items) == 1 and isinstance(items[0], Failure)
    assert items[0].code is ErrorCode.BAD_FEED
    assert words in items[0].reason
    assert items[0].source.locator == ""
    assert list(read_feed(item, OPTS, start=1)) == []


def test_malformed_feed_keeps_entries_it_could_read(tmp_path: Path) -> None:
    data = RSS.replace(b"</channel>\n</rss>\n", b"")
    items = documents(list(read_feed(feed_file(tmp_path, "cut.rss", data), OPTS)))
    assert len(items) == 3


def test_empty_file_and_empty_entry(tmp_path: Path) -> None:
    empty = list(read_input(feed_file(tmp_path, "empty.rss", b"  \n"), OPTS))
    assert isinstance(empty[0], Failure) and empty[0].code is ErrorCode.EMPTY
    data = b"<rss version='2.0'><channel><title>T</title><item></item></channel></rss>"
    items = list(read_feed(feed_file(tmp_path, "blank.rss", data), OPTS))
    assert len(items) == 1 and isinstance(items[0], Failure)
    assert items[0].code is ErrorCode.BAD_RECORD and items[0].source.locator == "item:0"


def test_oversize_entry_is_too_large(tmp_path: Path) -> None:
    item = feed_file(tmp_path, "lantern.rss", RSS)
    items = list(read_feed(item, ReadOptions(max_document_bytes=40)))
    codes = [i.code if isinstance(i, Failure) else None for i in items]
    assert codes == [ErrorCode.TOO_LARGE, None, ErrorCode.TOO_LARGE]


def test_html_to_text() -> None:
    markup = "<div>One &amp; two<br>three<script>skip()</script></div><ul><li>four</li></ul>"
    assert html_to_text(markup) == "One & two\nthree\nfour"
    assert html_to_text("plain words, a < b") == "plain words, a < b"
