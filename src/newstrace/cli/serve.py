"""The ``serve`` command: the local web UI and JSON API over a store."""

from __future__ import annotations

import ipaddress

import click

from newstrace.cli.common import db_option
from newstrace.errors import NewstraceError


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
def serve_command(db_path: str, host: str, port: int) -> None:
    """Browse the store in a web browser: stories, quotes, speakers, outlets, articles, runs (read-only)."""
    import uvicorn

    from newstrace.web import create_app

    try:
        app = create_app(db_path)
    except NewstraceError as exc:
        raise click.ClickException(exc.reason) from exc
    if not _is_loopback(host):
        click.echo(f"warning: listening on {host}: anyone who can reach this address can read the store", err=True)
    click.echo(f"newstrace: serving {db_path} read-only at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
