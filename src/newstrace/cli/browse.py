"""Commands that read the store: articles, show, search, export."""

from __future__ import annotations

import sys
from typing import Any

import click

from newstrace.cli.common import db_option, emit, json_option, open_cli_store
from newstrace.errors import NewstraceError
from newstrace.export import FORMATS, TABLES, article_record, export
from newstrace.records import Article
from newstrace.store import Store


@click.command("articles")
@db_option
@click.option("--outlet", help="Only this outlet.")
@click.option("--since", help="Published on or after YYYY-MM-DD.")
@click.option("--until", help="Published on or before YYYY-MM-DD.")
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0)
@json_option
def articles_command(
    db_path: str, outlet: str | None, since: str | None, until: str | None, limit: int, offset: int, as_json: bool
) -> None:
    """List stored articles."""
    with open_cli_store(db_path) as store:
        rows = list(store.articles(outlet=outlet, since=since, until=until, limit=limit, offset=offset))
        if as_json:
            emit({"rows": [_summary_row(a) for a in rows], "total": store.count_articles()})
            return
        for article in rows:
            row = _summary_row(article)
            label = row["title"] or row["lead"]
            click.echo(f"{row['id']}  {row['date'] or '-':10}  {row['outlet'] or '-':14.14}  {label}")


def _summary_row(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "date": article.published.value or article.published.partial,
        "outlet": article.outlet,
        "title": article.title,
        "lead": article.text[:80].replace("\n", " "),
    }


@click.command("show")
@click.argument("article_id")
@db_option
@json_option
def show_command(article_id: str, db_path: str, as_json: bool) -> None:
    """Show one article (an id prefix is enough)."""
    with open_cli_store(db_path) as store:
        article = store.article(article_id)
    if article is None:
        raise click.ClickException(f"no article {article_id}")
    record = {**article_record(article), "removed": list(article.removed)}
    if as_json:
        emit(record)
        return
    _print_article(record)


def _print_article(record: dict[str, Any]) -> None:
    date = record["published"] or record["published_partial"] or "unknown"
    click.echo(f"id:        {record['id']}")
    click.echo(f"title:     {record['title'] or '-'}")
    click.echo(f"outlet:    {record['outlet'] or '-'} ({record['outlet_basis'] or 'no evidence'})")
    click.echo(f"published: {date} (basis {record['published_basis']}, confidence {record['published_confidence']}, "
               f"from {record['published_evidence']!r}) {' '.join(record['published_flags'])}")
    if record["dateline"]:
        click.echo(f"dateline:  {record['dateline']['raw']}")
    click.echo(f"authors:   {', '.join(record['authors']) or '-'}    language: {record['language'] or '-'}")
    click.echo(f"sources:   {'; '.join(record['sources'])}")
    click.echo(f"extractor: {record['extractor']} {record['extractor_version']}")
    click.echo(f"removed:   {len(record['removed'])} chrome lines")
    click.echo("")
    click.echo(record["text"])


@click.command("search")
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True)
@json_option
def search_command(query: str, db_path: str, limit: int, as_json: bool) -> None:
    """Full-text search over titles and texts (SQLite FTS5 syntax)."""
    with open_cli_store(db_path) as store:
        try:
            hits = store.search(query, limit)
        except NewstraceError as exc:
            raise click.ClickException(exc.reason) from exc
    if as_json:
        emit({"query": query, "rows": [_hit(hit) for hit in hits]})
        return
    for hit in hits:
        click.echo(f"{hit.id}  {hit.published or '-':10}  {hit.outlet or '-':14.14}  {hit.title or ''}")
        click.echo(f"    {hit.snippet}")


def _hit(hit: Any) -> dict[str, Any]:
    return {k: getattr(hit, k) for k in ("id", "title", "outlet", "published", "snippet", "rank")}


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
@click.option("--table", type=click.Choice(["articles", *TABLES]), default="articles", show_default=True,
              help="What to export: articles (JSON also carries every other table), or one other table.")
def export_command(db_path: str, fmt: str, output: str | None, table: str) -> None:
    """Export every article (or another table) as JSON, JSON Lines, CSV or Parquet."""
    with open_cli_store(db_path) as store:
        count = _export_to(store, fmt, output, table)
    click.echo(f"exported {count} {table.replace('_', ' ')}", err=True)


def _export_to(store: Store, fmt: str, output: str | None, table: str = "articles") -> int:
    if fmt == "parquet":
        if output is None and sys.stdout.isatty():
            raise click.ClickException("Parquet is binary: give --output FILE or redirect stdout")
        target: Any = output or sys.stdout.buffer
        return export(store, fmt, target, table)
    if output is None:
        return export(store, fmt, sys.stdout, table)
    with open(output, "w", encoding="utf-8", newline="") as fh:
        return export(store, fmt, fh, table)
