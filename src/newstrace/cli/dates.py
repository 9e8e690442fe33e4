"""The dates command: time expressions in raw text, resolved against a reference date."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from newstrace.timex import dates_for_text


@click.command("dates")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--dct", help="Document creation time YYYY-MM-DD (default: unresolved placeholders).")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
def dates_command(files: tuple[str, ...], dct: str | None, fmt: str) -> None:
    """Find time expressions in files' text exactly as given, with TIMEX3 values (offsets into each file)."""
    reference = _parse_dct(dct)
    for name in files:
        text = Path(name).read_text("utf-8", errors="replace")
        for found in dates_for_text(text, reference):
            if fmt == "jsonl":
                click.echo(json.dumps({"file": name, **found}, ensure_ascii=False))
            else:
                click.echo(f"{name}  {found['start']:>6}-{found['end']:<6} {found['type']:8} {found['value']:16} "
                           f"{found['text']}")


def _parse_dct(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint="--dct") from exc
