"""The ``newstrace`` command: a thin layer over the library.

Each command parses its arguments, calls one library function and prints the
result, as text for people or as JSON with ``--json``.  Progress goes to
stderr so stdout stays pipeable.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from newstrace import __version__
from newstrace.errors import NewstraceError
from newstrace.export import FORMATS, article_record, export
from newstrace.ingest import ReadOptions
from newstrace.pipeline import IngestOptions, RunSummary, ingest
from newstrace.records import Article
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


def _store(db_path: str, must_exist: bool = True) -> Store:
    if must_exist and not Path(db_path).exists():
        raise click.ClickException(f"no store at {db_path}; run `newstrace ingest PATH --db {db_path}` first")
    try:
        return open_store(db_path)
    except NewstraceError as exc:
        raise click.ClickException(str(exc)) from exc


def _emit(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newstrace")
def main() -> None:
    """newstrace: who said what, where and first, across news outlets."""


@main.command("ingest")
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
    with _store(db_path, must_exist=False) as store:
        try:
            summary = ingest(list(paths), store, options, progress=progress)
        except KeyboardInterrupt:
            click.echo("interrupted: committed work is kept; run the same command again to resume", err=True)
            sys.exit(130)
        if as_json:
            _emit({**summary.to_dict(), "failures_list": [_failure_dict(f) for f in store.failures(summary.run_id)]})
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


@main.command("articles")
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
    with _store(db_path) as store:
        rows = list(store.articles(outlet=outlet, since=since, until=until, limit=limit, offset=offset))
        if as_json:
            _emit({"rows": [_summary_row(a) for a in rows], "total": store.count_articles()})
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


@main.command("show")
@click.argument("article_id")
@db_option
@json_option
def show_command(article_id: str, db_path: str, as_json: bool) -> None:
    """Show one article (an id prefix is enough)."""
    with _store(db_path) as store:
        article = store.article(article_id)
    if article is None:
        raise click.ClickException(f"no article {article_id}")
    record = {**article_record(article), "removed": list(article.removed)}
    if as_json:
        _emit(record)
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


@main.command("search")
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True)
@json_option
def search_command(query: str, db_path: str, limit: int, as_json: bool) -> None:
    """Full-text search over titles and texts (SQLite FTS5 syntax)."""
    with _store(db_path) as store:
        try:
            hits = store.search(query, limit)
        except NewstraceError as exc:
            raise click.ClickException(exc.reason) from exc
    if as_json:
        _emit({"query": query, "rows": [_hit(hit) for hit in hits]})
        return
    for hit in hits:
        click.echo(f"{hit.id}  {hit.published or '-':10}  {hit.outlet or '-':14.14}  {hit.title or ''}")
        click.echo(f"    {hit.snippet}")


def _hit(hit: Any) -> dict[str, Any]:
    return {k: getattr(hit, k) for k in ("id", "title", "outlet", "published", "snippet", "rank")}


@main.command("failures")
@db_option
@click.option("--run", "run_id", type=int, help="Only failures of this run.")
@json_option
def failures_command(db_path: str, run_id: int | None, as_json: bool) -> None:
    """Inputs that could not be used, with a stable code and a reason."""
    with _store(db_path) as store:
        rows = store.failures(run_id)
    if as_json:
        _emit({"rows": [_failure_dict(r) for r in rows]})
        return
    if not rows:
        click.echo("no failures")
    for row in rows:
        click.echo(f"{row.failure.code.value:12} {row.failure.stage:7} {row.failure.source}  {row.failure.reason}")


@main.command("runs")
@db_option
@json_option
def runs_command(db_path: str, as_json: bool) -> None:
    """Ingest runs, newest first."""
    with _store(db_path) as store:
        rows = store.runs()
    if as_json:
        _emit({"rows": [{k: v for k, v in r.items() if not k.endswith("_json")} for r in rows]})
        return
    for r in rows:
        counts = r["counts"]
        click.echo(f"run {r['id']:4} {r['status']:11} {r['started_at']}  new {counts.get('articles_new', '-')}"
                   f"  failures {counts.get('failures', '-')}")


@main.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
def export_command(db_path: str, fmt: str, output: str | None) -> None:
    """Export every article as JSON, JSON Lines, CSV or Parquet."""
    with _store(db_path) as store:
        count = _export_to(store, fmt, output)
    click.echo(f"exported {count} articles", err=True)


def _export_to(store: Store, fmt: str, output: str | None) -> int:
    if fmt == "parquet":
        if output is None and sys.stdout.isatty():
            raise click.ClickException("Parquet is binary: give --output FILE or redirect stdout")
        target: Any = output or sys.stdout.buffer
        return export(store, fmt, target)
    if output is None:
        return export(store, fmt, sys.stdout)
    with open(output, "w", encoding="utf-8", newline="") as fh:
        return export(store, fmt, fh)


@main.command("demo")
@click.option("--db", "db_path", default="newstrace-demo.db", show_default=True, type=click.Path(dir_okay=False))
def demo_command(db_path: str) -> None:
    """Build a store from the bundled fictional demo corpus and show what was found."""
    from newstrace.demo import run_demo

    run_demo(Path(db_path), click.echo)


@main.command("bench")
@click.argument("name", type=click.Choice(["boilerplate", "fundus", "throughput"]))
@click.option("--shared", type=click.Path(file_okay=False), help="The shared reference data folder.")
@click.option("--limit", type=int, help="Only the first N cases.")
@click.option("--mode", default=None, help="Benchmark mode (boilerplate: html|text|both; throughput: text|html).")
@json_option
def bench_command(name: str, shared: str | None, limit: int | None, mode: str | None, as_json: bool) -> None:
    """Run a benchmark and print its numbers (see BENCHMARKS.md)."""
    runner = _bench_runner(name)
    result = runner(shared, limit, mode)
    _emit(result) if as_json else _print_bench(name, result)


def _bench_runner(name: str) -> Callable[[str | None, int | None, str | None], dict[str, Any]]:
    from newstrace.bench.registry import run_named

    return lambda shared, limit, mode: run_named(name, shared, limit, mode)


def _print_bench(name: str, result: dict[str, Any]) -> None:
    click.echo(f"benchmark {name}")
    for key, value in result.items():
        click.echo(f"  {key}: {value}")


if __name__ == "__main__":  # pragma: no cover
    main()
