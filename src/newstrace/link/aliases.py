"""User alias rules for entities: names to merge into one entity, names never to merge.

Two file formats (documented in ``docs/cli.md``, ``newstrace link --aliases``):

* JSON (a ``.json`` file)::

      {"merge": [["Antony Blinken", "Tony Blinken"], {"name": "The Kremlin", "aliases": ["Kremlin"], "kind": "org"}],
       "forbid": [["Joe Biden", "Jill Biden"]]}

* text, one rule a line, ``#`` starts a comment::

      Antony Blinken = Tony Blinken = Blinken
      org: The Kremlin = Kremlin
      Joe Biden != Jill Biden

The first name of a merge is the entity's canonical name.  A bad file raises
:class:`~newstrace.errors.InputError` with code ``bad-aliases``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newstrace.errors import ErrorCode, InputError
from newstrace.records import Record

KINDS = ("person", "org")


@dataclass(frozen=True, slots=True)
class AliasRules(Record):
    """Merge groups (first name canonical), forbidden pairs, and kinds forced on merge groups."""

    merge: tuple[tuple[str, ...], ...] = ()
    forbid: tuple[tuple[str, str], ...] = ()
    kinds: tuple[tuple[str, str], ...] = ()


def read_aliases(path: str | Path) -> AliasRules:
    """Read an alias file (JSON when it ends in ``.json``, else the text format)."""
    try:
        text = Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(ErrorCode.BAD_ALIASES, f"cannot read alias file {path}: {exc}") from exc
    return parse_json(text) if str(path).lower().endswith(".json") else parse_text(text)


def parse_json(text: str) -> AliasRules:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(ErrorCode.BAD_ALIASES, f"alias file is not valid JSON: {exc}") from exc
    if not isinstance(data, dict) or set(data) - {"merge", "forbid"}:
        raise InputError(ErrorCode.BAD_ALIASES, 'alias JSON must be an object with "merge" and/or "forbid" lists')
    merges, kinds = [], []
    for entry in _list(data, "merge"):
        names, kind = _merge_entry(entry)
        merges.append(names)
        if kind:
            kinds.append((names[0], kind))
    forbids = [pair for entry in _list(data, "forbid") for pair in _pairs(_names(entry, "forbid"))]
    return AliasRules(tuple(merges), tuple(forbids), tuple(kinds))


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise InputError(ErrorCode.BAD_ALIASES, f'"{key}" must be a list')
    return value


def _merge_entry(entry: Any) -> tuple[tuple[str, ...], str | None]:
    if isinstance(entry, dict):
        names = _names([entry.get("name"), *entry.get("aliases", [])], "merge")
        kind = entry.get("kind")
        if kind is not None and kind not in KINDS:
            raise InputError(ErrorCode.BAD_ALIASES, f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
        return names, kind
    return _names(entry, "merge"), None


def _names(entry: Any, rule: str) -> tuple[str, ...]:
    if not isinstance(entry, list) or not all(isinstance(n, str) and n.strip() for n in entry) or len(entry) < 2:
        raise InputError(ErrorCode.BAD_ALIASES, f"a {rule} rule needs two or more non-empty names, got {entry!r}")
    return tuple(" ".join(n.split()) for n in entry)


def _pairs(names: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(a, b) for i, a in enumerate(names) for b in names[i + 1 :]]


def parse_text(text: str) -> AliasRules:
    merges: list[tuple[str, ...]] = []
    forbids: list[tuple[str, str]] = []
    kinds: list[tuple[str, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        kind, line = _kind_prefix(line)
        if "!=" in line:
            forbids.extend(_pairs(_line_names(line.split("!="), number)))
        elif "=" in line:
            names = _line_names(line.split("="), number)
            merges.append(names)
            if kind:
                kinds.append((names[0], kind))
        else:
            raise InputError(ErrorCode.BAD_ALIASES, f"line {number}: expected 'A = B' or 'A != B', got {raw!r}")
    return AliasRules(tuple(merges), tuple(forbids), tuple(kinds))


def _kind_prefix(line: str) -> tuple[str | None, str]:
    head, sep, rest = line.partition(":")
    if sep and head.strip().lower() in KINDS:
        return head.strip().lower(), rest.strip()
    return None, line


def _line_names(parts: list[str], number: int) -> tuple[str, ...]:
    names = tuple(" ".join(p.split()) for p in parts)
    if len(names) < 2 or not all(names):
        raise InputError(ErrorCode.BAD_ALIASES, f"line {number}: every side of a rule needs a name")
    return names
