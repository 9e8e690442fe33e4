"""Commands about what links articles across outlets: statements (quote clusters) and entities."""

from __future__ import annotations

import click

from newstrace.cli.common import db_option, emit, json_option, open_cli_store
from newstrace.export import entity_record, statement_record
from newstrace.link.quotetext import diff_text
from newstrace.link.statements import statements
from newstrace.records import Entity, Statement
from newstrace.store.statements import StatementFilter


@click.command("statements")
@db_option
@click.option("--speaker", help="Only statements of this person or organisation (any name, spelling or role).")
@click.option("--min-outlets", default=1, show_default=True, help="Only statements carried by this many outlets.")
@click.option("--article", "article_id", help="Only statements this article carries.")
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0)
@json_option
def statements_command(
    db_path: str, speaker: str | None, min_outlets: int, article_id: str | None, limit: int, offset: int,
    as_json: bool,
) -> None:
    """Statements carried by one or more articles: carriers, who had it first, and each wording's diff."""
    where = StatementFilter(speaker=speaker, min_outlets=min_outlets, article_id=article_id, limit=limit, offset=offset)
    with open_cli_store(db_path) as store:
        rows = statements(store, where)
    if as_json:
        emit({"rows": [statement_record(s) for s in rows]})
        return
    for statement in rows:
        _print_statement(statement)


def _print_statement(statement: Statement) -> None:
    outlets = len(statement.outlets)
    click.echo(f"{statement.id}  {statement.speaker or '(unknown speaker)'}  {outlets} outlet(s), "
               f"{len(statement.carriers)} carrier(s); first: {statement.first_published or '?'} "
               f"{statement.first_outlet or '-'} ({statement.first_article_id})")
    click.echo(f"  “{statement.canonical_text}”")
    for carrier in statement.carriers:
        change = "(canonical)" if not carrier.diff and carrier.text == statement.canonical_text else diff_text(
            carrier.diff)
        click.echo(f"    {carrier.published or '?':10}  {carrier.outlet or '-':16.16}  {carrier.article_id}  {change}")
    if statement.speaker_conflict:
        names = sorted({c.speaker or '?' for c in statement.carriers})
        click.echo(f"  ! speakers differ across carriers: {', '.join(names)}")
    click.echo("")


@click.command("entities")
@db_option
@click.option("--kind", type=click.Choice(["person", "org"]), help="Only people or only organisations.")
@click.option("--name", help="Only entities with a name, spelling or role containing this.")
@click.option("--limit", default=100, show_default=True)
@json_option
def entities_command(db_path: str, kind: str | None, name: str | None, limit: int, as_json: bool) -> None:
    """People and organisations across the corpus, with their other spellings and roles, most quoted first."""
    with open_cli_store(db_path) as store:
        rows = store.entities(kind=kind, name=name, limit=limit)
    if as_json:
        emit({"rows": [entity_record(e) for e in rows]})
        return
    for entity in rows:
        _print_entity(entity)


def _print_entity(entity: Entity) -> None:
    click.echo(f"{entity.id}  {entity.kind:6}  {entity.name}  ({entity.quotes} quotes)")
    if entity.aliases:
        click.echo(f"    also: {'; '.join(entity.aliases)}")
    if entity.roles:
        click.echo(f"    roles: {'; '.join(entity.roles)}")
