"""Commands about links between articles: link (find copies) and duplicates."""

from __future__ import annotations

import click

from newstrace.cli.common import db_option, emit, json_option, open_cli_store
from newstrace.linking import link_store
from newstrace.records import Article


@click.command("link")
@db_option
@json_option
def link_command(db_path: str, as_json: bool) -> None:
    """Find near-duplicate copies among stored articles (incremental: only new articles are added)."""
    with open_cli_store(db_path) as store:
        summary = link_store(store)
    if as_json:
        emit(summary.to_dict())
        return
    click.echo(f"linked {summary.articles} new articles ({summary.linked} with copies); "
               f"{summary.groups} groups of copies in the store ({summary.seconds:.1f}s)")


@click.command("duplicates")
@db_option
@json_option
def duplicates_command(db_path: str, as_json: bool) -> None:
    """Groups of copies: the canonical (earliest) article and every copy, with outlet and date."""
    with open_cli_store(db_path) as store:
        groups = [(c, [a for a in map(store.article, members) if a]) for c, members in store.duplicate_groups()]
    if as_json:
        emit({"rows": [{"canonical": c, "members": [_member(a) for a in members]} for c, members in groups]})
        return
    for canonical, members in groups:
        click.echo(canonical)
        for article in members:
            mark = "*" if article.id == canonical else " "
            when = article.published.value or "-"
            click.echo(f"  {mark} {when:10} {article.outlet or '-':20.20} {article.title or ''}")


def _member(article: Article) -> dict[str, str | None]:
    return {"id": article.id, "outlet": article.outlet, "published": article.published.value, "title": article.title}
