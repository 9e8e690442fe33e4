"""Exports of the store's other tables (quotes, quote clusters, entities) in JSON, JSON Lines, CSV and Parquet.

``newstrace export --table NAME`` writes one table: ``json`` as ``{"NAME": [...]}``, ``jsonl`` one record a
line, ``csv`` one row a record (lists of strings joined with ``; ``, nested values as JSON), ``parquet`` with a
schema inferred from the records (lists of strings as string lists, nested values as JSON strings).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from itertools import chain, islice
from typing import IO, Any

from newstrace.link.statements import statements
from newstrace.records import Entity, Statement
from newstrace.store import Store
from newstrace.store.statements import StatementFilter

PAGE = 2000


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


def entity_record(entity: Entity) -> dict[str, Any]:
    """The export form of an entity, documented in ``docs/schema.md``."""
    return entity.to_dict()


def statement_records(store: Store) -> Iterator[dict[str, Any]]:
    """Every statement, most outlets first, read a page at a time."""
    offset = 0
    while page := statements(store, StatementFilter(limit=PAGE, offset=offset)):
        yield from map(statement_record, page)
        offset += PAGE


def entity_records(store: Store) -> Iterator[dict[str, Any]]:
    yield from map(entity_record, store.entities())


def write_table(name: str, rows: Iterator[dict[str, Any]], fmt: str, out: IO[str] | IO[bytes]) -> int:
    """Write one table's records to ``out`` in ``fmt``; returns the number written."""
    if fmt == "json":
        return _json(name, rows, out)
    if fmt == "jsonl":
        return _jsonl(rows, out)
    if fmt == "csv":
        return _csv(rows, out)
    return _parquet(rows, out)


def _json(name: str, rows: Iterator[dict[str, Any]], out: Any) -> int:
    out.write(f'{{"{name}": [')
    count = 0
    for count, row in enumerate(rows, start=1):
        out.write(("\n" if count == 1 else ",\n") + json.dumps(row, ensure_ascii=False))
    out.write("\n]}\n")
    return count


def _jsonl(rows: Iterator[dict[str, Any]], out: Any) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    """Lists of strings joined with ``; ``; other nested values as JSON."""
    flat: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            flat[key] = "; ".join(value)
        elif isinstance(value, list | dict):
            flat[key] = json.dumps(value, ensure_ascii=False)
        else:
            flat[key] = value
    return flat


def _csv(rows: Iterator[dict[str, Any]], out: Any) -> int:
    writer: csv.DictWriter[str] | None = None
    count = 0
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row))
            writer.writeheader()
        writer.writerow(_flat(row))
        count += 1
    return count


def _parquet(rows: Iterator[dict[str, Any]], out: Any) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    first = list(islice(rows, PAGE))
    schema = pa.schema([(key, _arrow_type(pa, key, first)) for key in (first[0] if first else {"id": ""})])
    writer = pq.ParquetWriter(out, schema)
    count = 0
    batch: list[dict[str, Any]] = []
    for row in chain(first, rows):
        batch.append({k: _cell(v, schema.field(k).type, pa) for k, v in row.items()})
        if len(batch) >= PAGE:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count, batch = count + len(batch), []
    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    writer.close()
    return count + len(batch)


def _arrow_type(pa: Any, key: str, rows: list[dict[str, Any]]) -> Any:
    sample = next((r[key] for r in rows if r.get(key) is not None), None)
    if isinstance(sample, bool):
        return pa.bool_()
    if isinstance(sample, int):
        return pa.int64()
    if isinstance(sample, float):
        return pa.float64()
    if isinstance(sample, list) and all(isinstance(v, str) for v in sample):
        return pa.list_(pa.string())
    return pa.string()


def _cell(value: Any, kind: Any, pa: Any) -> Any:
    if value is None or kind != pa.string() or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)
