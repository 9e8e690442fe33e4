"""Command that trains the optional attribution model from a corpus the user has."""

from __future__ import annotations

import click

from newstrace.cli.common import emit, json_option
from newstrace.errors import NewstraceError


@click.command("train-quotes")
@click.option("--polnear", "polnear_path", required=True, type=click.Path(exists=True, file_okay=False),
              help="A PolNeAR copy (the folder holding metadata.tsv, or one above it).")
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False), help="The model file to write.")
@click.option("--split", default="train", show_default=True, help="The split to train on.")
@click.option("--limit", type=int, help="Only the first N articles.")
@click.option("--threshold", default=0.3, show_default=True, help="Keep candidates at or above this probability.")
@click.option("--c", "c_value", default=0.2, show_default=True, help="Inverse regularisation strength.")
@click.option("--processes", default=2, show_default=True, help="Worker processes for parsing.")
@json_option
def train_quotes_command(polnear_path: str, out_path: str, split: str, limit: int | None, threshold: float,
                         c_value: float, processes: int, as_json: bool) -> None:
    """Train the attribution filter on an annotated corpus and write it as JSON (use it with --model)."""
    from newstrace.analyze.model import save_model
    from newstrace.analyze.training import train_polnear

    def progress(done: int, total: int) -> None:
        click.echo(f"\rparsed {done}/{total} articles", err=True, nl=done >= total)

    try:
        model = train_polnear(polnear_path, split=split, limit=limit, c=c_value, threshold=threshold,
                              processes=processes, progress=progress)
    except (NewstraceError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    save_model(model, out_path)
    summary = {"model": out_path, "features": len(model.weights), "threshold": model.threshold, **model.info}
    if as_json:
        emit(summary)
        return
    click.echo(f"wrote {out_path}: {len(model.weights)} feature weights from {model.info.get('articles')} articles "
               f"({model.info.get('positives')} of {model.info.get('candidates')} candidates are attributions)")
