"""Commands around the tool itself: demo and bench."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from newstrace.cli.common import emit, json_option


@click.command("demo")
@click.option("--db", "db_path", default="newstrace-demo.db", show_default=True, type=click.Path(dir_okay=False))
def demo_command(db_path: str) -> None:
    """Build a store from the bundled fictional demo corpus and show what was found."""
    from newstrace.demo import run_demo

    run_demo(Path(db_path), click.echo)


@click.command("bench")
@click.argument("name", type=click.Choice(["boilerplate", "fundus", "throughput", "bigfile", "polnear"]))
@click.option("--shared", type=click.Path(file_okay=False), help="The shared reference data folder.")
@click.option("--limit", type=int, help="Only the first N cases.")
@click.option("--mode", default=None, help="Benchmark mode (boilerplate: html|text|both; throughput: text|html).")
@json_option
def bench_command(name: str, shared: str | None, limit: int | None, mode: str | None, as_json: bool) -> None:
    """Run a benchmark and print its numbers (see BENCHMARKS.md)."""
    runner = _bench_runner(name)
    result = runner(shared, limit, mode)
    emit(result) if as_json else _print_bench(name, result)


def _bench_runner(name: str) -> Callable[[str | None, int | None, str | None], dict[str, Any]]:
    from newstrace.bench.registry import run_named

    return lambda shared, limit, mode: run_named(name, shared, limit, mode)


def _print_bench(name: str, result: dict[str, Any]) -> None:
    click.echo(f"benchmark {name}")
    for key, value in result.items():
        click.echo(f"  {key}: {value}")
