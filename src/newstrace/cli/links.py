"""Commands about links between articles: link (find copies) and duplicates."""

from __future__ import annotations

import click

from newstrace.cli.common import db_option, emit, json_option, open_cli_store, report_failures, retry_failed_option
from newstrace.errors import NewstraceError
from newstrace.link.aliases import AliasRules, read_aliases
from newstrace.linking import link_store
from newstrace.records import Article


@click.command("link")
@db_option
@click.option("--aliases", "aliases_path", type=click.Path(exists=True, dir_okay=False),
              help="Entity alias rules to force or forbid merges (JSON or text; kept for later runs).")
@retry_failed_option
@json_option
def link_command(db_path: str, aliases_path: str | None, retry_failed: bool, as_json: bool) -> None:
    """Link across outlets: copies, speakers as entities, statements, missing years (incremental)."""
    rules = _aliases(aliases_path)
    with open_cli_store(db_path) as store:
        if retry_failed:
            store.clear_failures("link")
        summary = link_store(store, aliases=rules)
    if as_json:
        emit(summary.to_dict())
        return
    click.echo(f"linked {summary.articles} new articles ({summary.linked} with copies); "
               f"{summary.groups} groups of copies in the store; {summary.speakers} speakers resolved to entities, "
               f"{summary.quotes} quotes placed in statements, {summary.years} years inferred "
               f"({summary.seconds:.1f}s)")
    report_failures(summary.failures, "articles or quotes could not be linked")


def _aliases(path: str | None) -> AliasRules | None:
    if path is None:
        return None
    try:
        return read_aliases(path)
    except NewstraceError as exc:
        raise click.ClickException(exc.reason) from exc


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
