"""Commands around the tool itself: demo and bench."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from newstrace.bench.registry import RUNNERS, run_named
from newstrace.cli.common import emit, json_option


@click.command("demo")
@click.option("--db", "db_path", default="newstrace-demo.db", show_default=True, type=click.Path(dir_okay=False))
def demo_command(db_path: str) -> None:
    """Build a store from the bundled fictional demo corpus and show what was found."""
    from newstrace.demo import run_demo

    run_demo(Path(db_path), click.echo)


@click.command("bench")
@click.argument("name", type=click.Choice(sorted(RUNNERS)))
@click.option("--shared", type=click.Path(file_okay=False), help="The shared reference data folder.")
@click.option("--limit", type=int, help="Only the first N cases.")
@click.option("--mode", default=None, help="throughput: text|html|memory; polnear: the split, dev|train.")
@json_option
def bench_command(name: str, shared: str | None, limit: int | None, mode: str | None, as_json: bool) -> None:
    """Run a benchmark and print its numbers (see BENCHMARKS.md)."""
    result = run_named(name, shared, limit, mode)
    emit(result) if as_json else _print_bench(name, result)


def _print_bench(name: str, result: dict[str, Any]) -> None:
    click.echo(f"benchmark {name}")
    for key, value in result.items():
        click.echo(f"  {key}: {value}")
