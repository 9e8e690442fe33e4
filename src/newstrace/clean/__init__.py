"""Clean: from a :class:`RawDocument` to an :class:`Article` with metadata and provenance.

:func:`clean_document` is pure: the same document and reference day always
give the same article.  Corpus-level cleaning (lines that repeat across one
outlet's articles) lives in :mod:`newstrace.clean.repeats`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from newstrace import __version__
from newstrace.clean.identity import article_id
from newstrace.clean.language import detect_language
from newstrace.clean.outlets import OutletEvidence, OutletTable, guess_outlet
from newstrace.clean.published import DateEvidence, resolve_published
from newstrace.clean.text import TextLayout, analyse_text
from newstrace.errors import ErrorCode, InputError
from newstrace.records import Article, PublishedDate, RawDocument

__all__ = ["clean_document", "analyse_text"]

TEXT_EXTRACTOR = "newstrace.text"


def clean_document(doc: RawDocument, *, today: date | None = None, outlets: OutletTable | None = None) -> Article:
    """Clean one raw document into an article.

    Raises :class:`InputError` (``no-text``) when nothing usable is left.
    ``today`` is the reference day for clamping future dates (default: now);
    ``outlets`` a table of known outlets (default: the shipped one).
    """
    reference = today or date.today()
    article = _from_html(doc, reference) if doc.format == "html" else _from_text(doc, reference)
    return _with_outlet(article, doc, outlets)


def _with_outlet(article: Article, doc: RawDocument, outlets: OutletTable | None) -> Article:
    agency = article.dateline.outlet if article.dateline else None
    evidence = OutletEvidence(article.outlet, article.url, article.removed, agency, article.text)
    guess = guess_outlet(evidence, outlets)
    if guess is None:
        return article
    return replace(article, outlet=guess.name, outlet_basis=guess.basis)


def _from_text(doc: RawDocument, today: date) -> Article:
    layout = analyse_text(doc.content, find_title=doc.title is None)
    title = doc.title or layout.title
    if not layout.text.strip() and not title:
        raise InputError(ErrorCode.NO_TEXT, "no article text left after removing site chrome")
    evidence = DateEvidence(declared=doc.published, url=doc.url, headers=layout.header_dates, dateline=layout.dateline)
    extractor = "record" if doc.format == "record" else TEXT_EXTRACTOR
    return _article(doc, layout, title, resolve_published(evidence, today), extractor, __version__)


def _from_html(doc: RawDocument, today: date) -> Article:
    from newstrace.clean.html import extract_html

    page = extract_html(doc.content, doc.url)
    layout = analyse_text(page.text, find_title=False, page_copy=False)
    evidence = DateEvidence(
        declared=doc.published,
        html_date=page.published,
        html_evidence=page.published_evidence,
        url=page.url or doc.url,
        headers=layout.header_dates,
        dateline=layout.dateline,
    )
    merged = replace(
        doc,
        url=page.url or doc.url,
        title=doc.title or page.title,
        outlet=doc.outlet or page.sitename,
        authors=doc.authors or page.authors,
        language=doc.language or page.language,
    )
    published = resolve_published(evidence, today)
    return _article(merged, layout, merged.title, published, page.extractor, page.extractor_version)


def _article(
    doc: RawDocument,
    layout: TextLayout,
    title: str | None,
    published: PublishedDate,
    extractor: str,
    version: str,
) -> Article:
    text = layout.text
    return Article(
        id=article_id(text, title),
        text=text,
        title=title,
        standfirst=layout.standfirst,
        url=doc.url,
        outlet=doc.outlet,
        published=published,
        dateline=layout.dateline,
        authors=doc.authors or layout.authors,
        language=detect_language(text or title or "") or doc.language,
        tags=layout.tags,
        extractor=extractor,
        extractor_version=version,
        sources=(doc.source,),
        removed=layout.removed,
    )
