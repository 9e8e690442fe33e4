"""Commands about ingest runs: ingest, failures, runs."""

from __future__ import annotations

import sys
from typing import Any

import click

from newstrace.cli.common import db_option, emit, json_option, open_cli_store
from newstrace.ingest import ReadOptions
from newstrace.pipeline import IngestOptions, RunSummary, ingest
from newstrace.store import Store


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("--jobs", "-j", default=1, show_default=True, help="Worker processes for cleaning.")
@click.option("--batch-size", default=200, show_default=True, help="Documents per transaction.")
@click.option("--keep-raw", is_flag=True, help="Store every raw input (always done for fetched URLs).")
@click.option("--max-mb", default=32.0, show_default=True, help="Largest single document, in MB.")
@click.option("--outlets", "outlets_file", type=click.Path(exists=True, dir_okay=False),
              help="JSON file of known outlets (domains, signatures), merged over the shipped table.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@json_option
def ingest_command(
    paths: tuple[str, ...], db_path: str, jobs: int, batch_size: int, keep_raw: bool, max_mb: float,
    outlets_file: str | None, progress: bool | None, as_json: bool,
) -> None:
    """Ingest files and folders (.txt .html .warc[.gz] .jsonl .json .csv .rss .atom .urls, also .gz)."""
    read = ReadOptions(max_document_bytes=int(max_mb * 1024 * 1024))
    options = IngestOptions(read=read, jobs=jobs, batch_size=batch_size, keep_raw=keep_raw, outlets_file=outlets_file)
    with open_cli_store(db_path, must_exist=False) as store:
        try:
            summary = ingest(list(paths), store, options, progress=progress)
        except KeyboardInterrupt:
            click.echo("interrupted: committed work is kept; run the same command again to resume", err=True)
            sys.exit(130)
        if as_json:
            emit({**summary.to_dict(), "failures_list": [_failure_dict(f) for f in store.failures(summary.run_id)]})
        else:
            _print_summary(summary, store)


def _print_summary(summary: RunSummary, store: Store) -> None:
    click.echo(
        f"run {summary.run_id} {summary.status}: {summary.files} files "
        f"({summary.files_unchanged} unchanged, skipped), {summary.documents} documents, "
        f"{summary.articles_new} new articles, {summary.articles_known} already stored, "
        f"{summary.failures} failures in {summary.seconds:.1f}s ({summary.rate:.0f} docs/s)"
    )
    if summary.failures:
        codes = ", ".join(f"{code} {count}" for code, count in summary.failures_by_code)
        click.echo(f"failures by code: {codes}")
        for row in store.failures(summary.run_id)[:20]:
            click.echo(f"  {row.failure.code.value:12} {row.failure.source}  {row.failure.reason}")
        click.echo("list them all with `newstrace failures`")


def _failure_dict(row: Any) -> dict[str, Any]:
    return {**row.failure.to_dict(), "run_id": row.run_id, "created_at": row.created_at}


@click.command("failures")
@db_option
@click.option("--run", "run_id", type=int, help="Only failures of this run.")
@json_option
def failures_command(db_path: str, run_id: int | None, as_json: bool) -> None:
    """Inputs that could not be used, with a stable code and a reason."""
    with open_cli_store(db_path) as store:
        rows = store.failures(run_id)
    if as_json:
        emit({"rows": [_failure_dict(r) for r in rows]})
        return
    if not rows:
        click.echo("no failures")
    for row in rows:
        click.echo(f"{row.failure.code.value:12} {row.failure.stage:7} {row.failure.source}  {row.failure.reason}")


@click.command("runs")
@db_option
@json_option
def runs_command(db_path: str, as_json: bool) -> None:
    """Ingest runs, newest first."""
    with open_cli_store(db_path) as store:
        rows = store.runs()
    if as_json:
        emit({"rows": [{k: v for k, v in r.items() if not k.endswith("_json")} for r in rows]})
        return
    for r in rows:
        counts = r["counts"]
        click.echo(f"run {r['id']:4} {r['status']:11} {r['started_at']}  new {counts.get('articles_new', '-')}"
                   f"  failures {counts.get('failures', '-')}")
