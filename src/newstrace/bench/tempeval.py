"""TempEval-3 time-expression benchmark (TimeBank + AQUAINT, TBAQ-cleaned).

Reads ``shared/data/tempeval3/TBAQ-cleaned`` at run time (nothing from it is
copied into the repository).  Each TimeML file gives a text (tags stripped,
entities decoded, offsets kept), gold TIMEX3 spans with type and value, and
the document creation time in ``<DCT>``.  Extraction runs with the DCT.

Scores, per corpus and overall (and for the two halves of AQUAINT by file name:
rules were written looking at TimeBank and the first half only, so ``AQUAINT-2``
is held out): relaxed match (any character overlap, one gold to one prediction)
P/R/F1; value F1 = relaxed F1 x the share of matched pairs whose value string is
exactly right; strict (identical span) P/R/F1;
type accuracy over matched pairs; documents and expressions per second.

``python -m newstrace.bench.tempeval [--shared DIR] [--limit N] [--spacy/--no-spacy] [--errors FILE]``
(``--limit`` applies per corpus).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from newstrace.bench.common import ENV_VAR, prf, resolve_shared
from newstrace.timex import TimeExpression, find_time_expressions, find_with_spacy

CORPORA = ("TimeBank", "AQUAINT")
HALVES = ("AQUAINT-1", "AQUAINT-2")  # AQUAINT split by sorted file name; the second half is held out
DATA = Path("data") / "tempeval3" / "TBAQ-cleaned"
HERALD = 0.776  # HeidelTime, TempEval-3 platinum value F1

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r"<DCT>.*?value=\"(\d{4}-\d\d-\d\d)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class Document:
    name: str
    corpus: str
    text: str
    dct: date
    gold: tuple[Gold, ...]


# --------------------------------------------------------------------------- data


def parse_timeml(source: str, name: str = "", corpus: str = "") -> Document:
    """A TimeML file's ``<TEXT>`` with its tags stripped, the gold TIMEX3 spans and the DCT."""
    dct_match = _DCT.search(source)
    if dct_match is None:
        raise ValueError(f"{name}: no DCT")
    body = source[source.index("<TEXT>") + len("<TEXT>") : source.index("</TEXT>")]
    pieces: list[str] = []
    gold: list[Gold] = []
    length, open_at, last = 0, 0, 0
    attrs: dict[str, str] = {}
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[last : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        last = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if tag.group(1):
            gold.append(Gold(open_at, length, attrs.get("type", ""), attrs.get("value", "")))
        else:
            open_at, attrs = length, dict(_ATTR.findall(tag.group(3)))
    pieces.append(html.unescape(body[last:]))
    return Document(name, corpus, "".join(pieces), date.fromisoformat(dct_match.group(1)), tuple(gold))


def load(shared: Path, limit: int | None = None) -> list[Document]:
    """The documents of both corpora, sorted by name (the first ``limit`` of each)."""
    docs: list[Document] = []
    for corpus in CORPORA:
        paths = sorted((shared / DATA / corpus).glob("*.tml"))[:limit]
        docs.extend(parse_timeml(p.read_text(encoding="utf-8"), p.stem, corpus) for p in paths)
    return docs


# --------------------------------------------------------------------------- scoring


def match_pairs(gold: Sequence[Gold], pred: Sequence[TimeExpression]) -> list[tuple[int, int]]:
    """One-to-one relaxed matches: each gold takes the first unmatched overlapping prediction."""
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi not in used and p.start < g.end and g.start < p.end:
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    matched: int = 0
    strict: int = 0
    value_ok: int = 0
    type_ok: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, doc: Document, pred: Sequence[TimeExpression]) -> None:
        pairs = match_pairs(doc.gold, pred)
        self.gold += len(doc.gold)
        self.pred += len(pred)
        self.matched += len(pairs)
        for gi, pi in pairs:
            g, p = doc.gold[gi], pred[pi]
            self.strict += (g.start, g.end) == (p.start, p.end)
            self.value_ok += g.value == p.value
            self.type_ok += g.type == p.type
        self.errors.extend(_errors(doc, pred, pairs))

    def result(self) -> dict[str, Any]:
        relaxed = prf(self.matched, self.pred - self.matched, self.gold - self.matched)
        strict = prf(self.strict, self.pred - self.strict, self.gold - self.strict)
        value_accuracy = self.value_ok / self.matched if self.matched else 0.0
        return {
            "gold": self.gold, "predicted": self.pred, "relaxed": relaxed, "strict_f1": strict["f1"],
            "value_accuracy": value_accuracy, "value_f1": relaxed["f1"] * value_accuracy,
            "type_accuracy": self.type_ok / self.matched if self.matched else 0.0,
        }


def _errors(doc: Document, pred: Sequence[TimeExpression], pairs: list[tuple[int, int]]) -> Iterator[dict[str, Any]]:
    """Misses, spurious predictions and wrong values, for tuning (``--errors``)."""
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    base = {"doc": doc.name, "dct": doc.dct.isoformat()}
    for gi, g in enumerate(doc.gold):
        if gi not in matched_gold:
            yield {**base, "kind": "missed", "text": doc.text[g.start : g.end], "gold": g.value,
                   "context": _around(doc.text, g.start, g.end)}
    for pi, p in enumerate(pred):
        if pi not in matched_pred:
            yield {**base, "kind": "spurious", "text": p.text, "pred": p.value,
                   "context": _around(doc.text, p.start, p.end)}
    for gi, pi in pairs:
        g, p = doc.gold[gi], pred[pi]
        if g.value != p.value:
            yield {**base, "kind": "value", "text": doc.text[g.start : g.end], "pred_text": p.text,
                   "gold": g.value, "pred": p.value, "context": _around(doc.text, g.start, g.end)}


def _around(text: str, start: int, end: int, width: int = 60) -> str:
    return " ".join(f"{text[max(0, start - width):start]}[{text[start:end]}]{text[end:end + width]}".split())


# --------------------------------------------------------------------------- run


def _extractor(use_spacy: bool) -> Callable[[str, date], list[TimeExpression]]:
    return find_with_spacy if use_spacy else find_time_expressions


def run(shared: Path, limit: int | None = None, use_spacy: bool = False) -> dict[str, Any]:
    """Score the extractor on both corpora; ``use_spacy`` takes the tense from the parse."""
    docs = load(shared, limit)
    extract = _extractor(use_spacy)
    tallies = {name: Tally() for name in (*CORPORA, *HALVES, "overall")}
    halves = _aquaint_halves(docs)
    expressions, started = 0, time.perf_counter()
    for doc in docs:
        pred = extract(doc.text, doc.dct)
        expressions += len(pred)
        for name in (doc.corpus, halves.get(doc.name), "overall"):
            if name is not None:
                tallies[name].add(doc, pred)
    elapsed = max(time.perf_counter() - started, 1e-9)
    result: dict[str, Any] = {name: tally.result() for name, tally in tallies.items()}
    result.update({
        "documents": len(docs), "spacy": use_spacy, "seconds": elapsed,
        "docs_per_second": len(docs) / elapsed, "expressions_per_second": expressions / elapsed,
    })
    result["errors"] = tallies["overall"].errors
    return result


def _aquaint_halves(docs: Sequence[Document]) -> dict[str, str]:
    """Each AQUAINT document's half: the first ceil(n/2) by name are ``AQUAINT-1``, the rest ``AQUAINT-2``."""
    names = sorted(doc.name for doc in docs if doc.corpus == "AQUAINT")
    first = (len(names) + 1) // 2
    return {name: HALVES[0] if index < first else HALVES[1] for index, name in enumerate(names)}


def report(result: dict[str, Any]) -> str:
    """A small table of the scores."""
    lines = [f"TempEval-3 TBAQ, {result['documents']} documents, tense from {'spaCy' if result['spacy'] else 'regex'}",
             f"{'corpus':<10} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} {'strict':>6} {'value':>6} "
             f"{'valF1':>6} {'type':>6}"]
    for name in (*CORPORA, *HALVES, "overall"):
        r = result[name]
        rel = r["relaxed"]
        lines.append(f"{name:<10} {r['gold']:>5} {r['predicted']:>5} {rel['precision']:>6.3f} {rel['recall']:>6.3f} "
                     f"{rel['f1']:>6.3f} {r['strict_f1']:>6.3f} {r['value_accuracy']:>6.3f} {r['value_f1']:>6.3f} "
                     f"{r['type_accuracy']:>6.3f}")
    lines.append(f"speed: {result['docs_per_second']:.1f} docs/s, {result['expressions_per_second']:.0f} expressions/s "
                 f"({result['seconds']:.2f} s); HeidelTime anchor value F1 {HERALD}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=None, help="the shared/ reference dir")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents of each corpus")
    parser.add_argument("--spacy", action=argparse.BooleanOptionalAction, default=False,
                        help="take the tense from the spaCy parse (default: regex tense)")
    parser.add_argument("--errors", type=Path, default=None, help="write misses and wrong values here (JSON lines)")
    args = parser.parse_args(argv)
    shared = resolve_shared(args.shared)
    if not (shared / DATA).is_dir():
        print(f"TempEval-3 data not found under {shared} (set --shared or ${ENV_VAR})", file=sys.stderr)
        return 2
    result = run(shared, limit=args.limit, use_spacy=args.spacy)
    errors = result.pop("errors")
    if args.errors:
        args.errors.write_text("".join(json.dumps(e) + "\n" for e in errors), encoding="utf-8")
    print(report(result))
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
