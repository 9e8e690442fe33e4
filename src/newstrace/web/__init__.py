"""The local web UI and JSON API over a store (``newstrace serve``).

``create_app(db_path)`` builds the read-only ASGI app; every HTML page has a
``.json`` twin built from the same context (see ``docs/web.md``).
"""

from __future__ import annotations

from newstrace.web.app import create_app

__all__ = ["create_app"]
