"""Commands about stories: storify (build events and storylines), stories (list them) and story (show one)."""

from __future__ import annotations

import dataclasses

import click

from newstrace.cli.common import db_option, emit, json_option, open_cli_store, report_failures, retry_failed_option
from newstrace.export import story_record
from newstrace.records import Story
from newstrace.stories.compare import UNKNOWN_OUTLET
from newstrace.storying import build_stories


@click.command("storify")
@db_option
@retry_failed_option
@json_option
def storify_command(db_path: str, retry_failed: bool, as_json: bool) -> None:
    """Group new articles into events and storylines; rebuild timelines and summaries of changed storylines."""
    with open_cli_store(db_path) as store:
        if retry_failed:
            store.clear_failures("stories")
        summary = build_stories(store)
    if as_json:
        emit(summary.to_dict())
        return
    click.echo(f"placed {summary.articles} new articles; {summary.events} events in {summary.storylines} storylines "
               f"({summary.changed} rebuilt, {summary.seconds:.1f}s)")
    report_failures(summary.failures, "articles could not be placed in a story")


@click.command("stories")
@db_option
@click.option("--sort", type=click.Choice(["recency", "size"]), default="recency", show_default=True)
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0, show_default=True)
@json_option
def stories_command(db_path: str, sort: str, limit: int, offset: int, as_json: bool) -> None:
    """Storylines, most recent or largest first, with their date span and counts."""
    with open_cli_store(db_path) as store:
        rows = store.stories("size" if sort == "size" else "recency", limit, offset)
    if as_json:
        emit({"rows": [dataclasses.asdict(r) for r in rows]})
        return
    if not rows:
        click.echo("no storylines yet; run `newstrace storify` first")
    for r in rows:
        span = f"{r.first_date or '?'}..{r.last_date or '?'}"
        click.echo(f"{r.id}  {span:22} {r.articles:4} art {r.events:3} ev {r.outlets:3} outlets  {r.title}")


@click.command("story")
@click.argument("story_id")
@db_option
@json_option
def story_command(story_id: str, db_path: str, as_json: bool) -> None:
    """One storyline: timeline, events, outlets (first to report), quotes and what each article added."""
    with open_cli_store(db_path) as store:
        story = store.story(story_id)
    if story is None:
        raise click.ClickException(f"no storyline {story_id!r}; list them with `newstrace stories`")
    if as_json:
        emit(story_record(story))
        return
    _show(story)


def _show(story: Story) -> None:
    click.echo(f"{story.id}  {story.title}")
    click.echo(f"  {story.first_date or '?'} .. {story.last_date or '?'}; {len(story.article_ids)} articles, "
               f"{len(story.events)} events; actors: {', '.join(story.actors)}")
    if story.related:
        click.echo(f"  related: {', '.join(story.related)}")
    _section("summary", [f"- {s}" for s in story.summary])
    _section("timeline", [f"{e.date}  {' '.join(e.sentences)}  [{', '.join(e.outlets) or UNKNOWN_OUTLET}]"
                          for e in story.timeline])
    _section("events", [f"{e.date or '?':10} {e.id}  {len(e.article_ids)} art  {e.title or ''}" for e in story.events])
    _section("outlets", [
        f"{'*' if o.first else ' '} {o.outlet:24.24} {len(o.article_ids):3} art  first {o.first_published or '?':10}"
        f"  quotes {len(o.quotes)} (left out {len(o.missing_quotes)})  {', '.join(o.terms)}" for o in story.outlets
    ])
    _section("quotes", [f"{q.speaker or '?'}: {q.text[:100]}  [{', '.join(q.outlets)}]" for q in story.quotes[:20]])
    _section("what is new", [f"{n.article_id[:12]} {n.share:.0%} new: {(n.sentences or ('-',))[0][:100]}"
                             for n in story.novelty])


def _section(name: str, lines: list[str]) -> None:
    if lines:
        click.echo(f"\n{name}:")
        for line in lines:
            click.echo(f"  {line}")
