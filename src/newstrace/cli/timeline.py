"""The timeline command: a dated timeline from a file of articles (headless mode, no store)."""

from __future__ import annotations

import json

import click

from newstrace.records import Failure, TimelineArticle, TimelineEntry
from newstrace.stories.dating import parse_day
from newstrace.stories.inputs import read_articles
from newstrace.stories.timeline import build_timeline


@click.command("timeline")
@click.option("--articles", "path", required=True, type=click.Path(exists=True, dir_okay=False, allow_dash=True),
              help="JSON Lines file of articles with id, time (YYYY-MM-DD) and text; '-' for stdin.")
@click.option("--dates", type=click.IntRange(min=1), default=None, help="Number of dates (default: automatic).")
@click.option("--sentences", type=click.IntRange(min=1), default=1, show_default=True,
              help="At most this many sentences per date.")
@click.option("--keyword", "keywords", multiple=True, help="Only sentences containing this word (repeatable).")
@click.option("--start", help="First date the timeline may use, YYYY-MM-DD.")
@click.option("--end", help="Last date the timeline may use, YYYY-MM-DD.")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
def timeline_command(path: str, dates: int | None, sentences: int, keywords: tuple[str, ...], start: str | None,
                     end: str | None, fmt: str) -> None:
    """Build a dated timeline from an article set: the key dates and a few sentences for each."""
    for name, value in (("--start", start), ("--end", end)):
        if value is not None and parse_day(value) is None:
            raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint=name)
    articles = _load(path)
    entries = build_timeline(articles, dates=dates, sentences=sentences, keywords=keywords, start=start, end=end)
    if fmt == "json":
        click.echo(json.dumps([{"date": e.date, "sentences": list(e.sentences)} for e in entries],
                              ensure_ascii=False, indent=2))
    else:
        _print_text(entries)


def _load(path: str) -> list[TimelineArticle]:
    """The file's articles; unusable lines are reported on stderr and skipped."""
    origin = "<stdin>" if path == "-" else path
    with click.open_file(path, encoding="utf-8", errors="replace") as handle:
        found = list(read_articles(handle, origin))
    for failure in (f for f in found if isinstance(f, Failure)):
        click.echo(f"skipped {failure.source}: {failure.code.value}: {failure.reason}", err=True)
    articles = [a for a in found if isinstance(a, TimelineArticle)]
    if not articles:
        click.echo(f"no usable articles in {origin}", err=True)
    return articles


def _print_text(entries: list[TimelineEntry]) -> None:
    for entry in entries:
        click.echo(f"{entry.date}  ({len(entry.article_ids)} articles)")
        for sentence in entry.sentences:
            click.echo(f"    {sentence}")

