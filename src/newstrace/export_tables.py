"""The export formats: a stream of records written as JSON, JSON Lines, CSV or Parquet.

:mod:`newstrace.export` says what the records are; this module only writes them.
``newstrace export --table NAME`` writes one table: ``json`` as ``{"NAME": [...]}``, ``jsonl`` one record a
line, ``csv`` one row a record (lists of strings joined with ``; ``, nested values as JSON), ``parquet`` with a
schema inferred from the records (lists of strings as string lists, nested values as JSON strings).  The articles
use the same writers with their own CSV columns and Parquet schema.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice
from typing import IO, Any

PAGE = 2000


def write_table(name: str, rows: Iterator[dict[str, Any]], fmt: str, out: IO[str] | IO[bytes]) -> int:
    """Write one table's records to ``out`` in ``fmt``; returns the number written."""
    stream: Any = out
    if fmt == "json":
        stream.write("{")
        count = write_json_list(stream, name, rows)
        stream.write("}\n")
        return count
    if fmt == "jsonl":
        return write_jsonl(rows, stream)
    if fmt == "csv":
        return write_csv(rows, stream)
    return write_parquet(rows, stream)


def write_json_list(out: Any, key: str, rows: Iterable[dict[str, Any]]) -> int:
    """``"key": [record, ...]`` (one record a line), as a member of a JSON object; returns the number written."""
    out.write(f'"{key}": [')
    count = 0
    for count, row in enumerate(rows, start=1):
        out.write(("\n" if count == 1 else ",\n") + json.dumps(row, ensure_ascii=False))
    out.write("\n]")
    return count


def write_jsonl(rows: Iterable[dict[str, Any]], out: Any) -> int:
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


def write_csv(rows: Iterable[dict[str, Any]], out: Any, fields: Sequence[str] | None = None) -> int:
    """One row a record; the columns are ``fields`` (header always written), else the first record's keys."""
    writer = None if fields is None else _csv_writer(out, fields)
    count = 0
    for row in rows:
        if writer is None:
            writer = _csv_writer(out, list(row))
        writer.writerow(_flat(row))
        count += 1
    return count


def _csv_writer(out: Any, fields: Sequence[str]) -> csv.DictWriter[str]:
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    return writer


def write_parquet(rows: Iterator[dict[str, Any]], out: Any, schema: Any = None) -> int:
    """Parquet in row groups of ``PAGE``; ``schema`` (a ``pyarrow.Schema``) inferred from the first page when None.

    Non-string values of string columns are written as JSON; keys not in the schema are left out.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    first = list(islice(rows, PAGE))
    if schema is None:
        schema = pa.schema([(key, _arrow_type(pa, key, first)) for key in (first[0] if first else {"id": ""})])
    strings = {field.name for field in schema if field.type == pa.string()}
    writer = pq.ParquetWriter(out, schema)
    count = 0
    batch: list[dict[str, Any]] = []
    for row in chain(first, rows):
        batch.append({name: _cell(row.get(name), name in strings) for name in schema.names})
        if len(batch) >= PAGE:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count, batch = count + len(batch), []
    if batch or not count:
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


def _cell(value: Any, string_column: bool) -> Any:
    if value is None or not string_column or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)
