"""The ``newstrace`` command: a thin layer over the library.

Each command parses its arguments, calls one library function and prints the
result, as text for people or as JSON with ``--json``.  Progress goes to
stderr so stdout stays pipeable.  Commands live in one module per area.
"""

from __future__ import annotations

import click

from newstrace import __version__
from newstrace.cli.browse import articles_command, export_command, search_command, show_command
from newstrace.cli.dates import dates_command
from newstrace.cli.links import duplicates_command, link_command
from newstrace.cli.quotes import analyze_command, quotes_command
from newstrace.cli.runs import failures_command, ingest_command, runs_command
from newstrace.cli.serve import serve_command
from newstrace.cli.statements import entities_command, statements_command
from newstrace.cli.stories import stories_command, storify_command, story_command
from newstrace.cli.timeline import timeline_command
from newstrace.cli.tools import bench_command, demo_command
from newstrace.cli.train import train_quotes_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newstrace")
def main() -> None:
    """newstrace: who said what, where and first, across news outlets."""


for command in (
    ingest_command, analyze_command, link_command, articles_command, show_command, search_command,
    quotes_command, duplicates_command, dates_command, failures_command, runs_command, export_command,
    demo_command, bench_command,
):
    main.add_command(command)
main.add_command(serve_command)
for command in (storify_command, stories_command, story_command):
    main.add_command(command)

for command in (statements_command, entities_command):
    main.add_command(command)
main.add_command(train_quotes_command)
main.add_command(timeline_command)

__all__ = ["main"]
