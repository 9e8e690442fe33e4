"""The parsed page and trafilatura's main text of it."""

from __future__ import annotations

from typing import Any

import trafilatura
from lxml.html import HtmlElement

from newstrace.clean.html.util import nonempty_str
from newstrace.errors import ErrorCode, InputError


def parse(html: str) -> HtmlElement:
    """Parse markup into an lxml tree, or raise ``NO_TEXT``."""
    tree = trafilatura.load_html(html)
    if tree is None or not isinstance(tree, HtmlElement):
        raise InputError(ErrorCode.NO_TEXT, "not parseable as HTML")
    return tree


def main_text(tree: HtmlElement, url: str | None) -> str | None:
    """trafilatura's main text of the page (``tree`` itself is left untouched)."""
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
    )
    return nonempty_str(_as_dict(doc).get("text"))


def _as_dict(doc: Any) -> dict[str, Any]:
    """trafilatura's result (a ``Document``, a dict or None) as a dict."""
    if doc is None:
        return {}
    if isinstance(doc, dict):
        return doc
    data = doc.as_dict()
    return data if isinstance(data, dict) else {}
