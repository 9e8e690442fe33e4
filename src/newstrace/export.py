"""Exports of the store: JSON (one object), JSON Lines, CSV and Parquet, all streamed.

This module says what is exported (the record of an article, quote, statement, entity or story, and the tables);
:mod:`newstrace.export_tables` writes records in each format.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import IO, Any

from newstrace.export_tables import PAGE, write_csv, write_json_list, write_jsonl, write_parquet, write_table
from newstrace.link.statements import statements
from newstrace.records import Article, Entity, Quote, Statement, Story
from newstrace.store import QuoteFilter, Store
from newstrace.store.statements import StatementFilter

FORMATS = ("json", "jsonl", "csv", "parquet")
CSV_FIELDS = (
    "id", "sources", "url", "outlet", "outlet_basis", "title", "standfirst", "published", "published_partial",
    "published_basis", "published_confidence", "published_flags", "dateline_place", "authors", "tags",
    "language", "extractor", "extractor_version", "text",
)


def article_record(article: Article) -> dict[str, Any]:
    """The export form of an article (documented in ``docs/schema.md``)."""
    published = article.published
    return {
        "id": article.id,
        "sources": [str(s) for s in article.sources],
        "url": article.url,
        "outlet": article.outlet,
        "outlet_basis": article.outlet_basis,
        "title": article.title,
        "standfirst": article.standfirst,
        "published": published.value,
        "published_partial": published.partial,
        "published_basis": published.basis,
        "published_confidence": published.confidence,
        "published_evidence": published.evidence,
        "published_flags": list(published.flags),
        "dateline": article.dateline.to_dict() if article.dateline else None,
        "authors": list(article.authors),
        "tags": list(article.tags),
        "language": article.language,
        "extractor": article.extractor,
        "extractor_version": article.extractor_version,
        "text": article.text,
    }


def quote_record(quote: Quote, entity: tuple[str, str] | None = None) -> dict[str, Any]:
    """The export form of a quote (documented in ``docs/schema.md``); offsets index the article's ``text``.

    ``entity`` is the speaker's corpus entity ``(id, canonical name)`` once ``newstrace link`` resolved it: it then
    gives ``speaker``, and the article's own name for the speaker stays in ``speaker_in_article``.
    """
    return {
        "id": quote.id,
        "article_id": quote.article_id,
        "text": quote.text,
        "kind": quote.kind,
        "cue": quote.cue,
        "speaker_mention": quote.speaker_mention,
        "speaker": entity[1] if entity else quote.speaker,
        "speaker_in_article": quote.speaker,
        "speaker_entity_id": entity[0] if entity else None,
        "speaker_reason": quote.speaker_reason,
        "medium": quote.medium,
        "confidence": quote.confidence,
        "start": quote.start,
        "end": quote.end,
        "content": [list(span) for span in quote.content],
        "cue_spans": [list(span) for span in quote.cue_spans],
        "source_spans": [list(span) for span in quote.source_spans],
    }


def quote_records(store: Store) -> Iterator[dict[str, Any]]:
    speakers = store.quote_speakers()
    for row in store.quotes(QuoteFilter(limit=None)):
        yield quote_record(row.quote, speakers.get(row.quote.id))


def statement_record(statement: Statement) -> dict[str, Any]:
    """The export form of a statement (a quote cluster), documented in ``docs/schema.md``."""
    return {
        "id": statement.id,
        "quote_ids": list(statement.quote_ids),
        "canonical_text": statement.canonical_text,
        "speaker": statement.speaker,
        "speaker_entity_id": statement.speaker_entity_id,
        "first_article_id": statement.first_article_id,
        "first_outlet": statement.first_outlet,
        "first_published": statement.first_published,
        "outlets": list(statement.outlets),
        "speaker_conflict": statement.speaker_conflict,
        "carriers": [c.to_dict() for c in statement.carriers],
    }


def statement_records(store: Store) -> Iterator[dict[str, Any]]:
    """Every statement, most outlets first, read a page at a time."""
    offset = 0
    while page := statements(store, StatementFilter(limit=PAGE, offset=offset)):
        yield from map(statement_record, page)
        offset += PAGE


def entity_record(entity: Entity) -> dict[str, Any]:
    """The export form of an entity, documented in ``docs/schema.md``."""
    return entity.to_dict()


def entity_records(store: Store) -> Iterator[dict[str, Any]]:
    yield from map(entity_record, store.entities())


def story_record(story: Story) -> dict[str, Any]:
    """The export form of a storyline (documented in ``docs/schema.md``)."""
    return {
        "id": story.id,
        "title": story.title,
        "article_ids": list(story.article_ids),
        "first_date": story.first_date,
        "last_date": story.last_date,
        "events": [{"id": e.id, "article_ids": list(e.article_ids), "date": e.date, "title": e.title,
                    "outlets": list(e.outlets), "summary": list(e.summary), "absorbed": list(e.absorbed)}
                   for e in story.events],
        "timeline": [{"date": t.date, "text": " ".join(t.sentences), "sentences": list(t.sentences),
                      "article_ids": list(t.article_ids), "outlets": list(t.outlets)} for t in story.timeline],
        "summary": list(story.summary),
        "outlets": [o.to_dict() for o in story.outlets],
        "quotes": [q.to_dict() for q in story.quotes],
        "novelty": [n.to_dict() for n in story.novelty],
        "actors": list(story.actors),
        "related": list(story.related),
    }


def story_records(store: Store) -> Iterator[dict[str, Any]]:
    for row in store.stories(limit=None):
        story = store.story(row.id)
        if story is not None:
            yield story_record(story)


def records(store: Store) -> Iterator[dict[str, Any]]:
    for article in store.articles():
        yield {**article_record(article), "duplicate_of": _duplicate_of(store, article.id)}


def _duplicate_of(store: Store, article_id: str) -> str | None:
    canonical = store.canonical_of(article_id)
    return canonical if canonical != article_id else None


#: The tables other than articles, in the order the JSON export lists them after ``articles``.
TABLES: dict[str, Callable[[Store], Iterator[dict[str, Any]]]] = {
    "quotes": quote_records, "quote_clusters": statement_records, "entities": entity_records,
    "stories": story_records,
}


def export(store: Store, fmt: str, out: IO[str] | IO[bytes], table: str = "articles") -> int:
    """Write every article (or every record of another ``table``) to ``out`` in ``fmt``; returns the number written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if table != "articles":
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}; choose one of articles, {', '.join(TABLES)}")
        return write_table(table, TABLES[table](store), fmt, out)
    stream: Any = out
    if fmt == "json":
        return _json(store, stream)
    if fmt == "jsonl":
        return write_jsonl(records(store), stream)
    if fmt == "csv":
        return write_csv(map(_csv_row, records(store)), stream, CSV_FIELDS)
    return _parquet(store, stream)


def _json(store: Store, out: Any) -> int:
    """One object: the articles, then every other table."""
    out.write("{")
    count = write_json_list(out, "articles", records(store))
    for name, table_records in TABLES.items():
        out.write(",\n")
        write_json_list(out, name, table_records(store))
    out.write("}\n")
    return count


def _csv_row(record: dict[str, Any]) -> dict[str, Any]:
    flat = {k: record.get(k) for k in CSV_FIELDS if k in record}
    flat["dateline_place"] = (record.get("dateline") or {}).get("place")
    for key in ("sources", "authors", "tags", "published_flags"):
        flat[key] = "; ".join(record[key])
    return flat


def _parquet(store: Store, out: Any) -> int:
    import pyarrow as pa

    rows = ({**record, "dateline": json.dumps(record["dateline"]) if record["dateline"] else None}
            for record in records(store))
    return write_parquet(rows, out, _schema(pa))


def _schema(pa: Any) -> Any:
    text, strings = pa.string(), pa.list_(pa.string())
    types = {"sources": strings, "authors": strings, "tags": strings, "published_flags": strings,
             "published_confidence": pa.float64()}
    names = ("id", "sources", "url", "outlet", "outlet_basis", "title", "standfirst", "published",
             "published_partial", "published_basis", "published_confidence", "published_evidence",
             "published_flags", "dateline", "authors", "tags", "language", "extractor", "extractor_version", "text")
    return pa.schema([(n, types.get(n, text)) for n in names])
