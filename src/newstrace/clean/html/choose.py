"""Choosing the title, date, authors and main text from the page's signals and fallbacks.

The page's explicit signals (:mod:`newstrace.clean.html.signals`) are
preferred where they are more reliable; trafilatura's and htmldate's values
(:mod:`newstrace.clean.html.fallback`) fill the gaps and are only computed
when needed.  The main text is tidied of cross-links, related-article blocks
and the calls to action that end a page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from newstrace.clean.html.signals import PageSignals
from newstrace.clean.html.util import (
    BYLINE_PREFIX,
    clean,
    iso_day,
    loose_key,
    split_names,
    split_paragraphs,
    word_count,
)

#: Use the JSON-LD ``articleBody`` when it has this many times more words than trafilatura's text.
LD_BODY_RATIO = 1.5

_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " * ", " / ")
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
    title = clean(title) or ""
    site_keys = {k for k in (loose_key(s) for s in sites) if k}
    h1_keys = {loose_key(h) for h in h1}
    for sep in _TITLE_SEPARATORS:
        parts = title.split(sep)
        if len(parts) < 2:
            continue
        for end in range(1, len(parts)):
            if loose_key(sep.join(parts[:end])) in h1_keys:
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
    key = loose_key(segment)
    if not key:
        return False
    if BYLINE_PREFIX.match(segment):
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
    day = iso_day(signals.ld_published)
    if day:
        return day, "json-ld datePublished"
    day = iso_day(signals.meta_published)
    if day:
        return day, f"meta {signals.meta_published_key}"
    day = iso_day(fallback())
    if day:
        return day, "htmldate"
    return None, None


def choose_authors(signals: PageSignals, fallback: Callable[[], str | None]) -> tuple[str, ...]:
    """Authors from JSON-LD, else ``<meta name="author">``, else trafilatura (only then called)."""
    if signals.ld_authors:
        return signals.ld_authors
    if signals.meta_authors:
        return signals.meta_authors
    return split_names(fallback() or "")


def choose_text(extracted: str | None, ld_body: str | None, titles: Iterable[str | None]) -> str:
    """Main text, paragraphs separated by blank lines.

    trafilatura's text, unless the page's JSON-LD ``articleBody`` is much
    longer (trafilatura then stopped early, e.g. at an inline widget) or
    trafilatura found nothing.  Leading paragraphs repeating one of the page's
    headlines (``titles``: the chosen title, ``<h1>``, JSON-LD, ``og:title``) are dropped.
    """
    paragraphs = split_paragraphs(extracted or "")
    if ld_body and _prefer_ld_body(paragraphs, ld_body):
        paragraphs = split_paragraphs(ld_body)
    title_keys = {loose_key(t) for t in titles if t}
    while paragraphs and loose_key(paragraphs[0]) in title_keys:
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
    kept = [p for p in kept if not (word_count(p) <= _PROMO_MAX_WORDS and _PROMO_LINE.match(p))]
    while kept and word_count(kept[-1]) <= _TAIL_MAX_WORDS and _TAIL_CHROME.search(kept[-1]):
        kept.pop()
    return kept or paragraphs


def _prefer_ld_body(paragraphs: list[str], ld_body: str) -> bool:
    """True when the JSON-LD body is much longer, or the same text with paragraph breaks."""
    words = word_count("\n".join(paragraphs))
    if word_count(ld_body) > LD_BODY_RATIO * words:
        return True
    same = " ".join(paragraphs) == " ".join(ld_body.split())
    return same and len(paragraphs) < len(split_paragraphs(ld_body))


def _cut_related(paragraphs: list[str]) -> list[str]:
    """Cut at a "Related" / "More from ..." heading in the last part of the text."""
    start = int(len(paragraphs) * _RELATED_ZONE)
    for index in range(max(start, 1), len(paragraphs)):
        if word_count(paragraphs[index]) <= 6 and _RELATED_HEADING.match(paragraphs[index]):
            return paragraphs[:index]
    return paragraphs
