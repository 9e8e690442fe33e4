"""Commands about statements: analyze (find quotes in stored articles) and quotes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from newstrace.analysis import analyze_store
from newstrace.cli.common import db_option, emit, json_option, open_cli_store
from newstrace.errors import NewstraceError
from newstrace.export import quote_record
from newstrace.store import QuoteFilter, QuoteRow

model_option = click.option("--model", "model_path", type=click.Path(dir_okay=False),
                            help="A trained attribution model (newstrace train-quotes); rules only without it.")


def _analyzer(model_path: str | None) -> Any:
    """The quote analyser, with the trained model when one is given (None: the default analyser)."""
    if model_path is None:
        return None
    from newstrace.analyze import QuoteAnalyzer

    return QuoteAnalyzer(model=_load_model(model_path))


def _load_model(model_path: str | None) -> Any:
    if model_path is None:
        return None
    from newstrace.analyze.model import load_model

    try:
        return load_model(model_path)
    except NewstraceError as exc:
        raise click.ClickException(str(exc)) from exc


@click.command("analyze")
@db_option
@click.option("--batch-size", default=64, show_default=True, help="Articles per transaction.")
@click.option("--progress/--no-progress", default=None, help="Progress display (default: when stderr is a terminal).")
@model_option
@json_option
def analyze_command(db_path: str, batch_size: int, progress: bool | None, model_path: str | None,
                    as_json: bool) -> None:
    """Find quotes and speakers in every stored article not analysed yet."""
    import sys

    analyzer = _analyzer(model_path)
    with open_cli_store(db_path) as store:
        show = sys.stderr.isatty() if progress is None else progress
        summary = analyze_store(store, analyzer, batch_size=batch_size, progress=show)
    if as_json:
        emit(summary.to_dict())
        return
    click.echo(f"analysed {summary.articles} articles with {summary.analyzer}: {summary.quotes} quotes "
               f"in {summary.seconds:.1f}s")
    if summary.failures:
        click.echo(f"{summary.failures} articles could not be analysed and have no quotes; "
                   "`newstrace failures` lists them with the reason")


@click.command("quotes")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@db_option
@click.option("--speaker", help="Speaker name or mention contains this.")
@click.option("--outlet", help="Only articles of this outlet.")
@click.option("--kind", type=click.Choice(["direct", "mixed", "indirect"]))
@click.option("--since", help="Articles published on or after YYYY-MM-DD.")
@click.option("--until", help="Articles published on or before YYYY-MM-DD.")
@click.option("--search", "query", help="Full-text query over quote text and speaker (FTS5 syntax).")
@click.option("--limit", default=100, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text", show_default=True)
@model_option
def quotes_command(
    files: tuple[str, ...], db_path: str, speaker: str | None, outlet: str | None, kind: str | None,
    since: str | None, until: str | None, query: str | None, limit: int, fmt: str, model_path: str | None,
) -> None:
    """List stored quotes, or with FILE arguments find quotes in raw text files (offsets into each file)."""
    if files:
        _raw_mode(files, fmt, _load_model(model_path))
        return
    where = QuoteFilter(speaker, outlet, kind, since, until, query, limit=limit)
    with open_cli_store(db_path) as store:
        try:
            rows = list(store.quotes(where))
        except NewstraceError as exc:
            raise click.ClickException(exc.reason) from exc
        speakers = store.quote_speakers([r.quote.id for r in rows])
    _print_rows(rows, fmt, speakers)


def _raw_mode(files: tuple[str, ...], fmt: str, model: Any = None) -> None:
    from newstrace.analyze.raw import quotes_for_text

    failed = 0
    for name in files:
        try:
            text = Path(name).read_text("utf-8", errors="replace")
            found_all = quotes_for_text(text, model)
        except Exception as exc:  # one unreadable file or a rule bug must not stop the others
            failed += 1
            click.echo(f"{name}: skipped, {type(exc).__name__}: {exc}", err=True)
            continue
        for found in found_all:
            record = {"file": name, **found}
            click.echo(json.dumps(record, ensure_ascii=False) if fmt != "text" else _raw_line(record, text))
    if failed:
        raise click.exceptions.Exit(1)


def _raw_line(record: dict[str, Any], text: str) -> str:
    content = " … ".join(text[s:e] for s, e in record["content"])
    return f"{record['file']}  {record['kind']:8}  {record.get('speaker') or '?'}: {content[:160]}"


def _print_rows(rows: list[QuoteRow], fmt: str, speakers: dict[str, tuple[str, str]]) -> None:
    records = [{**quote_record(r.quote, speakers.get(r.quote.id)), "outlet": r.outlet, "published": r.published,
                "title": r.title} for r in rows]
    if fmt == "json":
        emit({"rows": records})
        return
    for record in records:
        if fmt == "jsonl":
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            who = record["speaker"] or f"({record['speaker_mention'] or 'unknown'})"
            click.echo(f"{record['published'] or '-':10}  {record['outlet'] or '-':14.14}  {record['kind']:8}  "
                       f"{who}: {record['text'][:160]}")
