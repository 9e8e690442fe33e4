"""HTML extraction: from a web page to its main text and metadata.

The body, and the fallback metadata, come from trafilatura (with htmldate
looking for the original publication date, not the last update).  A few
cheap, general signals that pages declare for search engines and social
networks are read first and preferred where they are more reliable:

* JSON-LD ``NewsArticle``-like objects: ``headline``, ``datePublished``,
  ``author`` and ``articleBody``;
* Open Graph / article meta tags: ``og:title``, ``og:site_name``,
  ``article:published_time``, ``<meta name="author">``;
* ``<link rel="canonical">`` and ``<html lang>``.

There are no per-site rules.  Every failure (empty, truncated or garbage
markup, a page without main text) becomes an :class:`InputError`.

The work is split by concern: :mod:`~newstrace.clean.html.page` (parsing and
trafilatura's main text), :mod:`~newstrace.clean.html.signals` (declared
signals), :mod:`~newstrace.clean.html.fallback` (trafilatura's and htmldate's
metadata, computed lazily), :mod:`~newstrace.clean.html.choose` (choosing
each field) and :mod:`~newstrace.clean.html.util` (shared string helpers).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version

import trafilatura

from newstrace.clean.html.choose import (
    choose_authors,
    choose_date,
    choose_text,
    choose_title,
    strip_site_name,
    trim_chrome,
)
from newstrace.clean.html.fallback import FallbackMeta
from newstrace.clean.html.page import main_text, parse
from newstrace.clean.html.signals import read_signals
from newstrace.clean.html.util import absolute, host_name, nonempty_str, word_count
from newstrace.errors import ErrorCode, InputError
from newstrace.ingest.decode import repair_text

__all__ = [
    "HtmlExtract",
    "MAX_HTML_CHARS",
    "extract_html",
    "extractor_version",
    "main_text",
    "strip_site_name",
    "trim_chrome",
]

#: Pages longer than this are refused (news pages are rarely above 5 MB).
MAX_HTML_CHARS = 20_000_000

EXTRACTOR = "trafilatura"

#: A page whose main text has fewer words than this has no main text (a stray "Home" link).
MIN_TEXT_WORDS = 5


@dataclass(frozen=True, slots=True)
class HtmlExtract:
    """What :func:`extract_html` found in one page."""

    text: str
    title: str | None
    authors: tuple[str, ...]
    published: str | None
    published_evidence: str | None
    url: str | None
    sitename: str | None
    language: str | None
    description: str | None
    extractor: str
    extractor_version: str


@cache
def extractor_version() -> str:
    """The installed trafilatura version (looked up once: the lookup reads package metadata)."""
    try:
        return package_version("trafilatura")
    except PackageNotFoundError:  # pragma: no cover - vendored or renamed install
        return str(getattr(trafilatura, "__version__", "unknown"))


def extract_html(html: str, url: str | None = None) -> HtmlExtract:
    """Extract the main text and metadata of a web page.

    Raises :class:`InputError` with ``NO_TEXT`` when the page has no main text
    (empty, whitespace-only or unparseable markup included) and ``TOO_LARGE``
    for pages above :data:`MAX_HTML_CHARS`.  No parser exception escapes.
    """
    if not html or html.isspace():
        raise InputError(ErrorCode.NO_TEXT, "empty HTML document")
    if len(html) > MAX_HTML_CHARS:
        raise InputError(ErrorCode.TOO_LARGE, f"HTML document of {len(html):,} characters is too large")
    try:
        return _extract(html, url)
    except InputError:
        raise
    except MemoryError as exc:
        raise InputError(ErrorCode.TOO_LARGE, "HTML document too large for memory") from exc
    except Exception as exc:  # noqa: BLE001 - lxml/trafilatura internals must not escape
        raise InputError(ErrorCode.NO_TEXT, f"HTML extraction failed ({type(exc).__name__}: {exc})") from exc


def _extract(html: str, url: str | None) -> HtmlExtract:
    """The extraction proper; may raise anything, :func:`extract_html` wraps it.

    The page is parsed once; the tree serves the page signals, trafilatura's
    main-text extraction (which works on its own copy) and the fallback
    metadata.  The costly fallbacks (trafilatura's JSON-LD and byline search,
    htmldate) only run when the page's explicit signals leave a gap.  The kept
    text is repaired (mojibake) here: repairing a few kilobytes of text is far
    cheaper than repairing the page's whole markup.
    """
    tree = parse(html)
    signals = read_signals(tree)
    fallback = FallbackMeta(tree, url)
    sitename = fallback.sitename(with_json_ld=not (signals.og_site_name or signals.ld_publisher))
    title = choose_title(signals, fallback.title, (sitename, host_name(url)))
    headlines = (title, signals.og_title, signals.ld_headline, *signals.h1[:1])
    text = choose_text(main_text(tree, url), signals.ld_body, headlines)
    if word_count(text) < MIN_TEXT_WORDS:
        raise InputError(ErrorCode.NO_TEXT, "no main text found in the HTML page")
    published, evidence = choose_date(signals, fallback.published)
    return HtmlExtract(
        text=repair_text(text),
        title=_repair(title),
        authors=tuple(repair_text(a) for a in choose_authors(signals, fallback.author)),
        published=published,
        published_evidence=evidence,
        url=absolute(signals.canonical, url) or fallback.url or url,
        sitename=_repair(signals.og_site_name or signals.ld_publisher or sitename),
        language=signals.language,
        description=_repair(signals.description or nonempty_str(fallback.meta.description)),
        extractor=EXTRACTOR,
        extractor_version=extractor_version(),
    )


def _repair(value: str | None) -> str | None:
    return repair_text(value) if value else value
