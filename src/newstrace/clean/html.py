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
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from html import unescape
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from typing import Any
from urllib.parse import urljoin, urlsplit

import ftfy
import trafilatura
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura import metadata as trafilatura_metadata
from trafilatura.settings import Document

from newstrace.errors import ErrorCode, InputError

__all__ = ["HtmlExtract", "MAX_HTML_CHARS", "extract_html"]

#: Pages longer than this are refused (news pages are rarely above 5 MB).
MAX_HTML_CHARS = 20_000_000

EXTRACTOR = "trafilatura"

#: A page whose main text has fewer words than this has no main text (a stray "Home" link).
MIN_TEXT_WORDS = 5

#: Use the JSON-LD ``articleBody`` when it has this many times more words than trafilatura's text.
LD_BODY_RATIO = 1.5

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

_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_SPACES = re.compile(r"\s+")
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " * ", " / ")
_BYLINE_PREFIX = re.compile(r"^\s*(?:by|written by|von|par)\s+", re.I)
#: A whole paragraph that is a cross-link ("Read more: ...") or a bare widget label.
_PROMO_LINE = re.compile(
    r"^(?:(?:read more|related|see also|also read|read also)\s*[:|»›]"
    r"|more from\b|click here to (?:subscribe|sign up|follow|read)\b"
    r"|(?:advertisement|sponsored(?: content)?|comments?|share this(?: article| story)?"
    r"|recommended|related(?: articles?| stories| content)?)\W*$)",
    re.I,
)
#: Calls to action and legal lines typical of the end of a page's text.
_TAIL_CHROME = re.compile(
    r"\b(?:subscrib\w*|newsletter|sign up|log ?in to|register (?:now|here|for free)|commenting"
    r"|all rights reserved|copyright (?:\d{4}|©)|written permission|follow (?:us|\w+(?: \w+)?)"
    r" on (?:twitter|x|facebook|instagram|google news|linkedin|tiktok|youtube)"
    r"|download (?:our|the) app|contact us|display name)\b|©",
    re.I,
)
#: A short heading that opens a block of links to other articles.
_RELATED_HEADING = re.compile(
    r"^(?:related(?: articles?| stories| content| coverage| posts)?|more from\b.*|popular"
    r"|most (?:read|popular|viewed)|recommended(?: for you| stories)?|you (?:may|might) also like"
    r"|read next|more stories|latest (?:news|stories)|trending(?: now)?|further reading)\W*$",
    re.I,
)
_RELATED_ZONE = 0.6
_PROMO_MAX_WORDS = 30
_TAIL_MAX_WORDS = 40

_URL_HOST = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)")

_LANG = re.compile(r"^([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*$")


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


@cache
def extractor_version() -> str:
    """The installed trafilatura version (looked up once: the lookup reads package metadata)."""
    try:
        return package_version("trafilatura")
    except PackageNotFoundError:  # pragma: no cover - vendored or renamed install
        return str(getattr(trafilatura, "__version__", "unknown"))


# --------------------------------------------------------------------------- entry point


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
    htmldate) only run when the page's explicit signals leave a gap.
    """
    tree = _parse(html)
    signals = read_signals(tree)
    fallback = FallbackMeta(tree, url)
    sitename = fallback.sitename(with_json_ld=not (signals.og_site_name or signals.ld_publisher))
    title = choose_title(signals, fallback.title, (sitename, _host_name(url)))
    headlines = (title, signals.og_title, signals.ld_headline, *signals.h1[:1])
    text = choose_text(main_text(tree, url), signals.ld_body, headlines)
    if _words(text) < MIN_TEXT_WORDS:
        raise InputError(ErrorCode.NO_TEXT, "no main text found in the HTML page")
    published, evidence = choose_date(signals, fallback.published)
    return HtmlExtract(
        text=repair_text(text),
        title=_repair(title),
        authors=tuple(repair_text(a) for a in choose_authors(signals, fallback.author)),
        published=published,
        published_evidence=evidence,
        url=_absolute(signals.canonical, url) or fallback.url or url,
        sitename=_repair(signals.og_site_name or signals.ld_publisher or sitename),
        language=signals.language,
        description=_repair(signals.description or _str(fallback.meta.description)),
        extractor=EXTRACTOR,
        extractor_version=extractor_version(),
    )


def repair_text(text: str) -> str:
    """Mojibake and Unicode repair of extracted text, as the readers do it for whole files.

    Repairing the few kilobytes of extracted text costs about a millisecond;
    the same repair of a whole page's markup costs tens of milliseconds.
    Idempotent, so text that was already repaired comes out unchanged.
    """
    return ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False)


def _repair(value: str | None) -> str | None:
    return repair_text(value) if value else value


def main_text(tree: HtmlElement, url: str | None) -> str | None:
    """trafilatura's main text of the page (``tree`` itself is left untouched)."""
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
    )
    return _str(_as_dict(doc).get("text"))


# --------------------------------------------------------------------------- fallback metadata


class FallbackMeta:
    """trafilatura's metadata for one page, worked out piece by piece and only as far as needed.

    The same values as ``bare_extraction(with_metadata=True)`` gives, but the
    meta tags are read up front (cheap) while trafilatura's JSON-LD reading
    and byline search (a few ms each) and htmldate (a copy and scan of the
    whole page) wait until a caller asks for a value only they can give.
    """

    def __init__(self, tree: HtmlElement, url: str | None) -> None:
        self.tree = tree
        self.given_url = url
        self.meta = trafilatura_metadata.examine_meta(tree)
        self.url = _str(self.meta.url) or _str(trafilatura_metadata.extract_url(tree, url))
        self._json_ld: Document | None = None

    @property
    def title(self) -> str | None:
        """Title from meta tags, else from ``<title>`` / ``<h1>``."""
        return _str(self.meta.title) or _str(trafilatura_metadata.extract_title(self.tree))

    def sitename(self, with_json_ld: bool) -> str | None:
        """Site name from meta tags (and JSON-LD if asked), else ``<title>``, else the URL's host."""
        meta = self.json_ld() if with_json_ld else self.meta
        found = _str(meta.sitename) or _str(trafilatura_metadata.extract_sitename(self.tree))
        return _site_label(found, self.url)

    def author(self) -> str | None:
        """Author from meta tags and JSON-LD, else trafilatura's search of byline elements."""
        return _str(self.json_ld().author) or _str(trafilatura_metadata.extract_author(self.tree))

    def published(self) -> str | None:
        """htmldate's original publication date (in trafilatura's settings)."""
        found = find_date(
            self.tree,
            url=self.url,
            original_date=True,
            extensive_search=True,
            max_date=datetime.now().astimezone().strftime("%Y-%m-%d"),
        )
        return _str(found)

    def json_ld(self) -> Document:
        """The meta-tag metadata completed from the page's JSON-LD (computed once)."""
        if self._json_ld is None:
            meta = trafilatura_metadata.examine_meta(self.tree)
            if meta.author and " " not in meta.author:
                meta.author = None
            self._json_ld = trafilatura_metadata.extract_meta_json(self.tree, meta)
        return self._json_ld


def _site_label(sitename: str | None, url: str | None) -> str | None:
    """trafilatura's tidying of a site name (``@handle``, lower case), else the URL's host."""
    if sitename:
        name = sitename.lstrip("@")
        if name and "." not in name and not name[0].isupper():
            name = name.title()
        return name or None
    match = _URL_HOST.match(url or "")
    return match[1] if match else None


def _as_dict(doc: Any) -> dict[str, Any]:
    """trafilatura's result (a ``Document``, a dict or None) as a dict."""
    if doc is None:
        return {}
    if isinstance(doc, dict):
        return doc
    data = doc.as_dict()
    return data if isinstance(data, dict) else {}


def _parse(html: str) -> HtmlElement:
    """Parse markup into an lxml tree, or raise ``NO_TEXT``."""
    tree = trafilatura.load_html(html)
    if tree is None or not isinstance(tree, HtmlElement):
        raise InputError(ErrorCode.NO_TEXT, "not parseable as HTML")
    return tree


# --------------------------------------------------------------------------- page signals


def read_signals(tree: HtmlElement) -> PageSignals:
    """Collect the explicit metadata a page declares (read-only on ``tree``)."""
    meta = _meta_map(tree)
    article = _best_ld_article(_ld_objects(tree))
    published_key, published = _first_meta_date(
        meta,
        (
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
        ),
    )
    return PageSignals(
        ld_headline=_clean(_ld_text(article.get("headline") if article else None)),
        ld_published=_clean(_ld_text(article.get("datePublished") if article else None)),
        ld_authors=_ld_people(article.get("author") if article else None),
        ld_body=_clean_body(_ld_text(article.get("articleBody") if article else None)),
        ld_publisher=_ld_name(article.get("publisher") if article else None),
        og_title=_clean(meta.get("og:title") or meta.get("twitter:title")),
        og_site_name=_clean(meta.get("og:site_name")),
        meta_published=published,
        meta_published_key=published_key,
        meta_authors=_split_names(meta.get("author") or meta.get("article:author") or ""),
        canonical=_canonical(tree),
        language=_declared_language(tree, meta),
        description=_clean(meta.get("description") or meta.get("og:description")),
        h1=tuple(t for t in (_clean(h.text_content()) for h in tree.iter("h1")) if t),
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
        if _iso_day(meta.get(key)):
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
    return _clean(unescape(value)) if isinstance(value, str) else None


def _ld_people(value: Any) -> tuple[str, ...]:
    """Author names from a JSON-LD ``author`` value (string, object or list)."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = _ld_name(item)
        if name:
            names.extend(_split_names(name))
    return _dedupe(names)


# --------------------------------------------------------------------------- choices


def choose_title(signals: PageSignals, fallback: str | None, sites: Iterable[str | None] = ()) -> str | None:
    """The headline: ``og:title``, else JSON-LD ``headline``, else trafilatura's, else ``<h1>``.

    ``og:title`` comes first because publishers write it as the shareable
    headline, usually without the site name that ``<title>`` carries; on the
    fundus pages it agrees with the reference title more often than the
    JSON-LD headline (an SEO variant on several sites).  A site name split
    off by ``|``, ``-`` and the like is removed from whichever is used.
    """
    names = [s for s in (signals.og_site_name, signals.ld_publisher, *sites) if s]
    for candidate in (signals.og_title, signals.ld_headline, fallback):
        stripped = strip_site_name(candidate, names, signals.h1) if candidate else None
        if stripped:
            return stripped
    return signals.h1[0] if signals.h1 else None


def strip_site_name(title: str, sites: Iterable[str], h1: Iterable[str] = ()) -> str:
    """Remove site-name segments such as ``" | Politics | The Daily Example"``.

    The title is split on separators (``|``, ``-``, ``·``, ``*`` ...).  When a
    leading prefix of segments equals a ``<h1>`` of the page, that prefix is
    the title.  Otherwise a segment naming the site ends the title, together
    with the short segments (sections, "by ..." bylines) around it; a leading
    site-name segment is dropped too.
    """
    title = _clean(title) or ""
    site_keys = {k for k in (_key(s) for s in sites) if k}
    h1_keys = {_key(h) for h in h1}
    for sep in _TITLE_SEPARATORS:
        parts = title.split(sep)
        if len(parts) < 2:
            continue
        for end in range(1, len(parts)):
            if _key(sep.join(parts[:end])) in h1_keys:
                return sep.join(parts[:end]).strip()
        cut = _site_cut(parts, site_keys)
        if cut is not None:
            return strip_site_name(sep.join(parts[:cut]), sites, h1)
        if len(parts) > 1 and _is_site(parts[0], site_keys):
            return strip_site_name(sep.join(parts[1:]), sites, h1)
    return title


def _site_cut(parts: list[str], site_keys: set[str]) -> int | None:
    """Index of the first trailing segment to drop, or None when no segment names the site."""
    for index in range(len(parts) - 1, 0, -1):
        if _is_site(parts[index], site_keys):
            cut = index
            while cut > 1 and _is_short(parts[cut - 1]):
                cut -= 1
            return cut
    return None


def _is_site(segment: str, site_keys: set[str]) -> bool:
    """True when a title segment names the site (or is a "by ..." byline)."""
    key = _key(segment)
    if not key:
        return False
    if _BYLINE_PREFIX.match(segment):
        return True
    return any(key == site or (site in key and _is_short(segment)) for site in site_keys)


def _is_short(segment: str) -> bool:
    """A segment of at most three words (a section label or a site name)."""
    return len(segment.split()) <= 3


def choose_date(signals: PageSignals, fallback: Callable[[], str | None]) -> tuple[str | None, str | None]:
    """Publication day and its evidence: JSON-LD, then meta tags, then htmldate.

    ``fallback`` (htmldate) is only called when neither JSON-LD nor the meta
    tags declare an ISO date.
    """
    day = _iso_day(signals.ld_published)
    if day:
        return day, "json-ld datePublished"
    day = _iso_day(signals.meta_published)
    if day:
        return day, f"meta {signals.meta_published_key}"
    day = _iso_day(fallback())
    if day:
        return day, "htmldate"
    return None, None


def choose_authors(signals: PageSignals, fallback: Callable[[], str | None]) -> tuple[str, ...]:
    """Authors from JSON-LD, else ``<meta name="author">``, else trafilatura (only then called)."""
    if signals.ld_authors:
        return signals.ld_authors
    if signals.meta_authors:
        return signals.meta_authors
    return _split_names(fallback() or "")


def choose_text(extracted: str | None, ld_body: str | None, titles: Iterable[str | None]) -> str:
    """Main text, paragraphs separated by blank lines.

    trafilatura's text, unless the page's JSON-LD ``articleBody`` is much
    longer (trafilatura then stopped early, e.g. at an inline widget) or
    trafilatura found nothing.  Leading paragraphs repeating one of the page's
    headlines (``titles``: the chosen title, ``<h1>``, JSON-LD, ``og:title``) are dropped.
    """
    paragraphs = _paragraphs(extracted or "")
    if ld_body and _prefer_ld_body(paragraphs, ld_body):
        paragraphs = _paragraphs(ld_body)
    title_keys = {_key(t) for t in titles if t}
    while paragraphs and _key(paragraphs[0]) in title_keys:
        paragraphs = paragraphs[1:]
    return "\n\n".join(trim_chrome(paragraphs))


def trim_chrome(paragraphs: list[str]) -> list[str]:
    """Drop cross-link lines ("Read more: ...") and the calls to action that end a page.

    Short paragraphs starting like a cross-link are removed wherever they are;
    from the end, short paragraphs about subscribing, newsletters, comments,
    following on social networks or copyright are removed until the first
    ordinary paragraph.  Everything is kept if trimming would empty the text.
    """
    kept = _cut_related(paragraphs)
    kept = [p for p in kept if not (_words(p) <= _PROMO_MAX_WORDS and _PROMO_LINE.match(p))]
    while kept and _words(kept[-1]) <= _TAIL_MAX_WORDS and _TAIL_CHROME.search(kept[-1]):
        kept.pop()
    return kept or paragraphs


# --------------------------------------------------------------------------- small helpers


def _prefer_ld_body(paragraphs: list[str], ld_body: str) -> bool:
    """True when the JSON-LD body is much longer, or the same text with paragraph breaks."""
    words = _words("\n".join(paragraphs))
    if _words(ld_body) > LD_BODY_RATIO * words:
        return True
    same = " ".join(paragraphs) == " ".join(ld_body.split())
    return same and len(paragraphs) < len(_paragraphs(ld_body))


def _cut_related(paragraphs: list[str]) -> list[str]:
    """Cut at a "Related" / "More from ..." heading in the last part of the text."""
    start = int(len(paragraphs) * _RELATED_ZONE)
    for index in range(max(start, 1), len(paragraphs)):
        if _words(paragraphs[index]) <= 6 and _RELATED_HEADING.match(paragraphs[index]):
            return paragraphs[:index]
    return paragraphs


def _words(text: str) -> int:
    """Number of whitespace-separated words."""
    return len(text.split())


def _host_name(url: str | None) -> str | None:
    """The registered-name part of a URL's host (``www.example.co.uk`` -> ``example``)."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    labels = [label for label in host.split(".") if label and label != "www"]
    while len(labels) > 1 and len(labels[-1]) <= 3:
        labels.pop()
    return labels[-1] if labels else None


def _paragraphs(text: str) -> list[str]:
    """Non-empty, whitespace-collapsed lines of ``text``."""
    return [p for p in (_clean(line) for line in text.splitlines()) if p]


def _clean(value: str | None) -> str | None:
    """Collapse whitespace; None for empty values."""
    if not value:
        return None
    cleaned = _SPACES.sub(" ", value).strip()
    return cleaned or None


def _clean_body(value: str | None) -> str | None:
    """Keep line breaks of a JSON-LD body but tidy each line."""
    if not value:
        return None
    return "\n".join(_paragraphs(value)) or None


def _key(text: str) -> str:
    """A loose comparison key: lower-case alphanumerics only."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _str(value: Any) -> str | None:
    """``value`` if it is a non-empty string."""
    return value if isinstance(value, str) and value.strip() else None


def _iso_day(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from the start of an ISO-like date string, as written."""
    if not value:
        return None
    match = _ISO_DAY.match(value)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1800 <= year <= 2200):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _split_names(raw: str) -> tuple[str, ...]:
    """Split an author string on ``;``, ``,``, `` and `` and ``&``; drop a "By" prefix."""
    if not raw or raw.strip().startswith(("http://", "https://")):
        return ()
    parts = re.split(r"\s*(?:;|,|\band\b|&|\|)\s*", raw)
    names = [_clean(_BYLINE_PREFIX.sub("", p)) for p in parts]
    return _dedupe(n for n in names if n and not n.startswith(("http://", "https://")))


def _dedupe(names: Iterable[str]) -> tuple[str, ...]:
    """Names in order, without case-insensitive repeats."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(name)
    return tuple(out)


def _absolute(link: str | None, base: str | None) -> str | None:
    """Resolve a possibly relative link against ``base``."""
    if not link:
        return None
    if base and not link.startswith(("http://", "https://")):
        return urljoin(base, link)
    return link
