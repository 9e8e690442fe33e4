"""Reading an attribution corpus in the PolNeAR layout (brat standoff), for training and benchmarks.

The layout: ``metadata.tsv`` (compartment, filename, annotators, ...) and per
split ``<split>/text/<name>.txt`` with ``<split>/attributions/<name>_<annotator>.ann``.
Each ``E`` relation of the first annotator listed becomes one :class:`Attr`
with its content, cue and source character spans.  Nothing is copied: the
texts are read from the path the user gives, at run time.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newstrace.analyze.marks import quote_kind, quoted_mask
from newstrace.errors import ErrorCode, InputError

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Attr:
    """One attribution (gold or predicted) as spans."""

    content: tuple[Span, ...]
    cue: tuple[Span, ...]
    source: tuple[Span, ...]
    kind: str = ""


@dataclass(frozen=True, slots=True)
class Article:
    """One annotated article: its text and the gold attributions."""

    name: str
    text: str
    gold: tuple[Attr, ...]


def data_dir(path: Path | str) -> Path:
    """The folder holding ``metadata.tsv``: ``path`` itself, ``path/data`` or ``path/data/polnear/data``."""
    root = Path(path).expanduser()
    for candidate in (root, root / "data", root / "polnear" / "data", root / "data" / "polnear" / "data"):
        if (candidate / "metadata.tsv").is_file():
            return candidate
    raise InputError(ErrorCode.NOT_FOUND, f"no PolNeAR metadata.tsv under {root}")


def first_annotators(root: Path) -> dict[tuple[str, str], str]:
    """``(split, filename) → first-listed annotator`` from ``metadata.tsv``."""
    with (root / "metadata.tsv").open(encoding="utf-8", newline="") as handle:
        return {
            (row["compartment"], row["filename"]): row["annotators"].split("|")[0]
            for row in csv.DictReader(handle, delimiter="\t")
        }


def parse_ann(text: str) -> list[dict[str, list[Span]]]:
    """Brat standoff → one dict of role → spans per ``E`` relation."""
    spans: dict[str, list[Span]] = {}
    relations: list[dict[str, list[Span]]] = []
    events: list[list[str]] = []
    for line in text.split("\n"):
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2 and " " in fields[1]:
            _, offsets = fields[1].split(" ", 1)
            found = [_pair(part) for part in offsets.split(";")]
            spans[fields[0]] = [s for s in found if s is not None]
        elif line.startswith("E") and len(fields) >= 2:
            events.append(fields[1].split()[1:])
    for roles in events:
        rel: dict[str, list[Span]] = {"Source": [], "Cue": [], "Content": []}
        for item in roles:
            role, _, tid = item.partition(":")
            key = "Content" if role.startswith("Content") else role
            if key in rel:
                rel[key].extend(spans.get(tid, []))
        relations.append(rel)
    return relations


def _pair(part: str) -> Span | None:
    fields = part.split()
    if len(fields) != 2 or not all(f.isdigit() for f in fields):
        return None
    return int(fields[0]), int(fields[1])


def load_split(root: Path, split: str, limit: int | None = None) -> list[Article]:
    """The articles of one split (``train``, ``dev``) under the data folder ``root``."""
    annotators = first_annotators(root)
    articles = []
    for path in sorted((root / split / "text").glob("*.txt"))[: limit if limit else None]:
        annotator = annotators.get((split, path.stem))
        ann = root / split / "attributions" / f"{path.stem}_{annotator}.ann"
        if annotator is None or not ann.is_file():
            continue
        text = path.read_text("utf-8")
        mask = quoted_mask(text)
        gold = tuple(
            Attr(tuple(sorted(r["Content"])), tuple(sorted(r["Cue"])), tuple(sorted(r["Source"])),
                 quote_kind(text, sorted(r["Content"]), mask))
            for r in parse_ann(ann.read_text("utf-8"))
            if r["Content"]
        )
        articles.append(Article(path.stem, text, gold))
    return articles


def covered(pred: Sequence[Span], gold: Sequence[Span]) -> int:
    """Characters of ``gold`` that ``pred`` covers (spans within each side do not overlap)."""
    return sum(max(0, min(pe, ge) - max(ps, gs)) for ps, pe in pred for gs, ge in gold)


def length(spans: Sequence[Span]) -> int:
    return sum(e - s for s, e in spans)


def touch(a: Sequence[Span], b: Sequence[Span]) -> bool:
    """True when some span of ``a`` shares a character with some span of ``b``."""
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)
