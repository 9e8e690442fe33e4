"""Boilerplate benchmark: does the main text keep the article and drop the site chrome?

Reads ``shared/data/trafilatura_eval``: for each page, ``with`` snippets must
appear in the extracted text and ``without`` snippets (navigation, footers,
teasers) must not.  A snippet is present when it is a whitespace-normalised
substring of the extracted text; ``with`` present = TP, absent = FN,
``without`` present = FP; precision/recall/F1 are micro-averaged over all
snippets.

Two modes:

* ``html`` - :func:`newstrace.clean.html.extract_html` on the page; the
  scored text is the extracted title plus the main text.
* ``text`` - the page is first turned into the plain text a browser copy
  would give (:func:`browser_text`), then cleaned with
  ``newstrace.clean.clean_document`` and scored on ``title + "\\n" + text``.
  While that function does not exist yet, the unmodified browser text is
  scored instead (the report says which path ran).  The "keep everything"
  baseline (the unmodified browser text) is always reported.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
from lxml import etree

from newstrace.bench.common import (
    contains_normalised,
    main_for,
    normalise_ws,
    prf,
    read_html_file,
)
from newstrace.clean.html import extract_html
from newstrace.errors import NewstraceError

#: Elements whose content a browser does not show as text.
HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object"})

#: Elements that a browser lays out as blocks (each starts on its own line).
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "caption", "center",
        "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
        "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "option", "p", "pre",
        "section", "select", "summary", "table", "tbody", "td", "textarea", "tfoot", "th",
        "thead", "tr", "ul", "button", "label", "img", "video", "audio", "picture",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Page:
    """One evaluation page and its snippets."""

    file: str
    path: Path
    url: str
    with_snippets: tuple[str, ...]
    without_snippets: tuple[str, ...]


def load_pages(shared: Path, limit: int | None = None) -> list[Page]:
    """The evaluation pages, in ``evaldata.json`` order."""
    root = shared / "data" / "trafilatura_eval"
    data: dict[str, dict[str, Any]] = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    pages = [
        Page(
            file=str(entry["file"]),
            path=root / "html" / str(entry["file"]),
            url=url,
            with_snippets=tuple(entry.get("with") or ()),
            without_snippets=tuple(entry.get("without") or ()),
        )
        for url, entry in data.items()
    ]
    return pages[:limit] if limit is not None else pages


# --------------------------------------------------------------------------- browser text


def browser_text(html: str) -> str:
    """The plain text a browser "select all, copy" of the page would give (approximately).

    Hidden elements (scripts, styles, ``<head>``, SVG ...) are dropped, every
    block-level element and ``<br>`` starts a new line, and runs of inline
    whitespace collapse to one space.
    """
    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return ""
    pieces: list[str] = []
    for piece in _walk(root):
        pieces.append(piece)
    lines = (normalise_ws(line) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _walk(element: Any) -> Iterator[str]:
    """Text pieces of ``element`` in document order; ``"\\n"`` around blocks."""
    stack: list[tuple[Any, bool]] = [(element, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag if isinstance(node.tag, str) else ""
        block = tag.lower() in BLOCK_TAGS
        if closing:
            if block:
                yield "\n"
            if node.tail:
                yield node.tail.replace("\n", " ")
            continue
        if not tag or tag.lower() in HIDDEN_TAGS:
            # comments, processing instructions and hidden elements: only the tail shows
            if node.tail and node is not element:
                yield node.tail.replace("\n", " ")
            continue
        if block:
            yield "\n"
        if node.text:
            yield node.text.replace("\n", " ")
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))


# --------------------------------------------------------------------------- scoring


@dataclass
class Counts:
    """Snippet counts for one mode."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, page: Page, text: str) -> None:
        """Score the snippets of ``page`` against ``text``."""
        haystack = normalise_ws(text)
        for snippet in page.with_snippets:
            if contains_normalised(haystack, snippet):
                self.tp += 1
            else:
                self.fn += 1
        self.fp += sum(contains_normalised(haystack, s) for s in page.without_snippets)

    def result(self) -> dict[str, float]:
        """Counts with precision, recall and F1."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, **prf(self.tp, self.fp, self.fn)}


def html_mode_text(html: str, url: str | None) -> str:
    """The scored text in ``html`` mode: title and main text from :func:`extract_html`."""
    try:
        got = extract_html(html, url)
    except NewstraceError:
        return ""
    return f"{got.title or ''}\n{got.text}"


def text_cleaner() -> tuple[str, Callable[[str, str], str]]:
    """The text-mode path: ``clean_document`` if it exists, else keep the browser text."""
    try:
        from newstrace import clean as clean_module
        from newstrace.records import RawDocument, SourceRef

        clean_document = clean_module.clean_document
    except (ImportError, AttributeError):
        return "fallback: unmodified browser text (clean_document not available)", _keep

    def run_clean(file: str, text: str) -> str:
        doc = RawDocument(source=SourceRef("bench:" + file), format="text", content=text)
        try:
            article = clean_document(doc)
        except NewstraceError:
            return ""
        body = getattr(article, "text", None)
        if not isinstance(body, str):
            return ""
        return f"{getattr(article, 'title', None) or ''}\n{body}"

    return "newstrace.clean.clean_document", run_clean


def _keep(file: str, text: str) -> str:
    """The "keep everything" baseline: the browser text as is."""
    return text


def run(shared: Path, *, limit: int | None = None) -> dict[str, object]:
    """Score the html and text modes (and the keep-everything baseline)."""
    pages = load_pages(shared, limit)
    path_name, clean_text = text_cleaner()
    html_counts, text_counts, keep_counts = Counts(), Counts(), Counts()
    html_seconds = 0.0
    for page in pages:
        html = read_html_file(page.path)
        start = time.perf_counter()
        html_counts.add(page, html_mode_text(html, page.url))
        html_seconds += time.perf_counter() - start
        plain = browser_text(html)
        keep_counts.add(page, plain)
        text_counts.add(page, clean_text(page.file, plain))
    return {
        "benchmark": "boilerplate",
        "pages": len(pages),
        "html": {**html_counts.result(), "pages_per_second": _rate(len(pages), html_seconds)},
        "text": text_counts.result(),
        "text_path": path_name,
        "keep_everything": keep_counts.result(),
    }


def _rate(n: int, seconds: float) -> float:
    return n / seconds if seconds else 0.0


def report(result: dict[str, object]) -> str:
    """A readable table of the three rows."""
    lines = [
        f"boilerplate snippets, {result['pages']} pages",
        f"text mode path: {result['text_path']}",
        f"{'mode':<22}{'P':>8}{'R':>8}{'F1':>8}{'TP':>6}{'FP':>6}{'FN':>6}",
    ]
    for label, key in (
        ("html (extract_html)", "html"),
        ("text (clean)", "text"),
        ("text keep-everything", "keep_everything"),
    ):
        row = result[key]
        assert isinstance(row, dict)
        lines.append(
            f"{label:<22}{row['precision']:>8.3f}{row['recall']:>8.3f}{row['f1']:>8.3f}"
            f"{row['tp']:>6}{row['fp']:>6}{row['fn']:>6}"
        )
    html_row = result["html"]
    assert isinstance(html_row, dict)
    lines.append(f"extract_html pages/s: {html_row['pages_per_second']:.1f}")
    return "\n".join(lines)


def main() -> int:
    """``python -m newstrace.bench.boilerplate``."""
    return main_for(__doc__.splitlines()[0] if __doc__ else "boilerplate", run, report)


if __name__ == "__main__":
    sys.exit(main())
