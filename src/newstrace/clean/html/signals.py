"""Signals a page declares for search engines and social networks.

JSON-LD ``NewsArticle``-like objects (``headline``, ``datePublished``,
``author``, ``articleBody``, ``publisher``), Open Graph / article meta tags,
``<meta name="author">``, ``<link rel="canonical">``, the declared language
and the page's ``<h1>`` headings.  Reading them is cheap and leaves the tree
untouched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import unescape
from typing import Any

from lxml.html import HtmlElement

from newstrace.clean.html.util import clean, dedupe, iso_day, split_names, split_paragraphs

_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "askpublicnewsarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "report",
        "scholarlyarticle",
        "techarticle",
        "webpage",
        "medicalwebpage",
        "aboutpage",
        "creativework",
    }
)
_PAGE_TYPES = frozenset({"webpage", "medicalwebpage", "aboutpage", "creativework"})

#: Meta tags that may declare the publication date, most specific first.
_DATE_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "pubdate",
    "date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)
_LANG = re.compile(r"^([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class PageSignals:
    """Metadata a page declares explicitly (JSON-LD, meta tags, link tags)."""

    ld_headline: str | None = None
    ld_published: str | None = None
    ld_authors: tuple[str, ...] = ()
    ld_body: str | None = None
    ld_publisher: str | None = None
    og_title: str | None = None
    og_site_name: str | None = None
    meta_published: str | None = None
    meta_published_key: str | None = None
    meta_authors: tuple[str, ...] = ()
    canonical: str | None = None
    language: str | None = None
    description: str | None = None
    h1: tuple[str, ...] = ()


def read_signals(tree: HtmlElement) -> PageSignals:
    """Collect the explicit metadata a page declares (read-only on ``tree``)."""
    meta = _meta_map(tree)
    article = _best_ld_article(_ld_objects(tree))
    published_key, published = _first_meta_date(meta, _DATE_KEYS)
    return PageSignals(
        ld_headline=clean(_ld_text(article.get("headline") if article else None)),
        ld_published=clean(_ld_text(article.get("datePublished") if article else None)),
        ld_authors=_ld_people(article.get("author") if article else None),
        ld_body=_clean_body(_ld_text(article.get("articleBody") if article else None)),
        ld_publisher=_ld_name(article.get("publisher") if article else None),
        og_title=clean(meta.get("og:title") or meta.get("twitter:title")),
        og_site_name=clean(meta.get("og:site_name")),
        meta_published=published,
        meta_published_key=published_key,
        meta_authors=split_names(meta.get("author") or meta.get("article:author") or ""),
        canonical=_canonical(tree),
        language=_declared_language(tree, meta),
        description=clean(meta.get("description") or meta.get("og:description")),
        h1=tuple(t for t in (clean(h.text_content()) for h in tree.iter("h1")) if t),
    )


def _meta_map(tree: HtmlElement) -> dict[str, str]:
    """``<meta>`` name/property (lower-cased) to content; the first occurrence wins."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        content = element.get("content")
        if key and content and content.strip():
            found.setdefault(key.strip().lower(), unescape(content.strip()))
    return found


def _first_meta_date(meta: dict[str, str], keys: Iterable[str]) -> tuple[str | None, str | None]:
    """The first of ``keys`` whose ``meta`` value starts with an ISO date, and that value."""
    for key in keys:
        if iso_day(meta.get(key)):
            return key, meta[key]
    return None, None


def _canonical(tree: HtmlElement) -> str | None:
    """The ``<link rel="canonical">`` target, if declared."""
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if "canonical" in rel and href:
            return href
    return None


def _declared_language(tree: HtmlElement, meta: dict[str, str]) -> str | None:
    """ISO 639-1 code from ``<html lang>``, content-language or ``og:locale``."""
    root = tree.getroottree().getroot()
    candidates = (
        root.get("lang"),
        root.get("xml:lang"),
        meta.get("content-language"),
        meta.get("language"),
        meta.get("og:locale"),
    )
    for value in candidates:
        match = _LANG.match((value or "").strip())
        if match:
            return match.group(1).lower()
    return None


# --------------------------------------------------------------------------- JSON-LD


def _ld_objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON object in the page's JSON-LD scripts, ``@graph`` members included."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        yield from _walk_ld(data, depth=0)


def _walk_ld(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    """Flatten lists and ``@graph`` containers into their objects."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk_ld(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _walk_ld(graph, depth + 1)
        main = data.get("mainEntity")
        if isinstance(main, dict | list):
            yield from _walk_ld(main, depth + 1)


def _ld_types(obj: dict[str, Any]) -> set[str]:
    """The object's ``@type`` values, lower-cased."""
    raw = obj.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {v.lower() for v in values if isinstance(v, str)}


def _best_ld_article(objects: Iterable[dict[str, Any]]) -> dict[str, Any] | None:
    """The most article-like JSON-LD object: news types before generic pages."""
    best: dict[str, Any] | None = None
    best_rank = 0
    for obj in objects:
        types = _ld_types(obj) & _ARTICLE_TYPES
        if not types or not (obj.get("headline") or obj.get("datePublished")):
            continue
        rank = 1 if types <= _PAGE_TYPES else 2
        rank += 1 if obj.get("headline") and obj.get("datePublished") else 0
        if rank > best_rank:
            best, best_rank = obj, rank
    return best


def _ld_text(value: Any) -> str | None:
    """A JSON-LD value as a string (first item of a list), HTML entities decoded."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    return unescape(value) if isinstance(value, str) else None


def _ld_name(value: Any) -> str | None:
    """The ``name`` of a JSON-LD person/organisation (or a plain string)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return clean(unescape(value)) if isinstance(value, str) else None


def _ld_people(value: Any) -> tuple[str, ...]:
    """Author names from a JSON-LD ``author`` value (string, object or list)."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = _ld_name(item)
        if name:
            names.extend(split_names(name))
    return dedupe(names)


def _clean_body(value: str | None) -> str | None:
    """Keep line breaks of a JSON-LD body but tidy each line."""
    if not value:
        return None
    return "\n".join(split_paragraphs(value)) or None
