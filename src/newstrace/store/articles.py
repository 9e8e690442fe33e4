"""Article rows: an :class:`~newstrace.records.Article` as a row of the ``articles`` table and back."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from newstrace.records import Article, Dateline, PublishedDate, SourceRef


def article_row(article: Article, run_id: int | None, created_at: str) -> dict[str, Any]:
    """The ``articles`` columns of ``article``, by name."""
    published = article.published
    return {
        "id": article.id,
        "url": article.url,
        "outlet": article.outlet,
        "outlet_basis": article.outlet_basis,
        "title": article.title,
        "standfirst": article.standfirst,
        "text": article.text,
        "published": published.value,
        "published_partial": published.partial,
        "published_basis": published.basis,
        "published_confidence": published.confidence,
        "published_json": json.dumps(published.to_dict()),
        "dateline_json": json.dumps(article.dateline.to_dict()) if article.dateline else None,
        "authors_json": json.dumps(list(article.authors)),
        "tags_json": json.dumps(list(article.tags)),
        "removed_json": json.dumps(list(article.removed)),
        "language": article.language,
        "extractor": article.extractor,
        "extractor_version": article.extractor_version,
        "run_id": run_id,
        "created_at": created_at,
    }


def article_from_row(row: sqlite3.Row, sources: tuple[SourceRef, ...]) -> Article:
    """The article of a stored row, with the inputs it was read from."""
    dateline = json.loads(row["dateline_json"]) if row["dateline_json"] else None
    return Article(
        id=row["id"],
        text=row["text"],
        title=row["title"],
        standfirst=row["standfirst"],
        url=row["url"],
        outlet=row["outlet"],
        outlet_basis=row["outlet_basis"],
        published=PublishedDate.from_dict(json.loads(row["published_json"])),
        dateline=Dateline.from_dict(dateline) if dateline else None,
        authors=tuple(json.loads(row["authors_json"])),
        language=row["language"],
        tags=tuple(json.loads(row["tags_json"])),
        extractor=row["extractor"] or "",
        extractor_version=row["extractor_version"] or "",
        sources=sources,
        removed=tuple(json.loads(row["removed_json"])),
    )


def article_where(outlet: str | None, since: str | None, until: str | None) -> tuple[str, list[Any]]:
    """``WHERE ...`` (or nothing) and its arguments: an outlet (any case) and a publication date range."""
    clauses: list[str] = []
    args: list[Any] = []
    if outlet:
        clauses.append("outlet = ? COLLATE NOCASE")
        args.append(outlet)
    if since:
        clauses.append("published >= ?")
        args.append(since)
    if until:
        clauses.append("published <= ?")
        args.append(until)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", args
