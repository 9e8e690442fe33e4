"""Options and helpers shared by the commands."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click

from newstrace.errors import NewstraceError
from newstrace.store import Store, open_store

DEFAULT_DB = "newstrace.db"

db_option = click.option(
    "--db",
    "db_path",
    default=lambda: os.environ.get("NEWSTRACE_DB", DEFAULT_DB),
    show_default=f"$NEWSTRACE_DB or {DEFAULT_DB}",
    type=click.Path(dir_okay=False),
    help="The SQLite store.",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
retry_failed_option = click.option(
    "--retry-failed", is_flag=True,
    help="Try again the items this stage recorded as failures in earlier runs (after an upgrade, say).")


def report_failures(count: int, what: str) -> None:
    """One line about the items a stage skipped, with where to read why."""
    if count:
        click.echo(f"{count} {what}; `newstrace failures` lists them with the reason, `--retry-failed` tries again")


def open_cli_store(db_path: str, must_exist: bool = True) -> Store:
    """Open the store, or stop with a clear message."""
    if must_exist and not Path(db_path).exists():
        raise click.ClickException(f"no store at {db_path}; run `newstrace ingest PATH --db {db_path}` first")
    try:
        return open_store(db_path)
    except NewstraceError as exc:
        raise click.ClickException(str(exc)) from exc


def emit(data: Any) -> None:
    """Print ``data`` as indented JSON on stdout."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))
