"""PolNeAR attribution benchmark: Gender-Gap-Tracker matching and citron exact spans.

Reads ``shared/data/polnear`` at run time (nothing from it is copied into the
repository).  For every article of the split, the first annotator listed in
``metadata.tsv`` is the gold standard.

* GGT style: for each gold attribution in document order, the unmatched
  prediction covering the largest share of the gold content's characters is
  its match when that share is above 0.3 (also reported at 0.8).  Micro
  P/R/F1 overall and per kind (direct / mixed / indirect, decided from the
  double quotes around the content), speaker accuracy (predicted source
  shares a character with the gold source, or both absent) and cue accuracy
  over matched pairs.
* citron style: exact token-span P/R/F1 for cue, source (cue overlaps and
  sources equal), content (cue overlaps and contents equal) and all three.

Also: articles per second, and the share of time spent in the parse versus
in attribution.  ``python -m newstrace.bench.polnear [--split dev] [--limit N]``.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import json
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newstrace.analyze.marks import quote_kind, quoted_mask
from newstrace.bench.common import ENV_VAR, prf, resolve_shared

Span = tuple[int, int]
THRESHOLDS = (0.3, 0.8)
KINDS = ("direct", "mixed", "indirect")


@dataclass(frozen=True, slots=True)
class Attr:
    """One attribution (gold or predicted) as spans."""

    content: tuple[Span, ...]
    cue: tuple[Span, ...]
    source: tuple[Span, ...]
    kind: str = ""


@dataclass(frozen=True, slots=True)
class Article:
    name: str
    text: str
    gold: tuple[Attr, ...]


# --------------------------------------------------------------------------- data


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
            spans[fields[0]] = [_pair(part) for part in offsets.split(";")]
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


def _pair(part: str) -> Span:
    start, end = part.split()
    return int(start), int(end)


def load_split(shared: Path, split: str, limit: int | None = None) -> list[Article]:
    root = shared / "data" / "polnear" / "data"
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


# --------------------------------------------------------------------------- GGT matching


def _covered(pred: Sequence[Span], gold: Sequence[Span]) -> int:
    return sum(max(0, min(pe, ge) - max(ps, gs)) for ps, pe in pred for gs, ge in gold)


def _length(spans: Sequence[Span]) -> int:
    return sum(e - s for s, e in spans)


def _touch(a: Sequence[Span], b: Sequence[Span]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def ggt_match(gold: Sequence[Attr], pred: Sequence[Attr], threshold: float) -> list[tuple[int, int]]:
    """Greedy GGT matching: ``(gold index, prediction index)`` pairs."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        total = _length(g.content)
        best, best_share = -1, threshold
        for pi, p in enumerate(pred):
            if pi in used or not total:
                continue
            share = _covered(p.content, g.content) / total
            if share > best_share:
                best, best_share = pi, share
        if best >= 0:
            used.add(best)
            pairs.append((gi, best))
    return pairs


def _agree(a: Sequence[Span], b: Sequence[Span]) -> bool:
    return _touch(a, b) if a and b else not a and not b


class GGTCounter:
    """Accumulates GGT counts at one threshold."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.tp: Counter[str] = Counter()
        self.fp: Counter[str] = Counter()
        self.fn: Counter[str] = Counter()
        self.speaker_right = 0
        self.cue_right = 0

    def add(self, gold: Sequence[Attr], pred: Sequence[Attr]) -> list[tuple[int, int]]:
        pairs = ggt_match(gold, pred, self.threshold)
        matched_g = {g for g, _ in pairs}
        matched_p = {p for _, p in pairs}
        for gi, g in enumerate(gold):
            (self.tp if gi in matched_g else self.fn)[g.kind] += 1
        for pi, p in enumerate(pred):
            if pi not in matched_p:
                self.fp[p.kind] += 1
        for gi, pi in pairs:
            self.speaker_right += _agree(pred[pi].source, gold[gi].source)
            self.cue_right += _agree(pred[pi].cue, gold[gi].cue)
        return pairs

    def result(self) -> dict[str, Any]:
        tp, fp, fn = (sum(c.values()) for c in (self.tp, self.fp, self.fn))
        out: dict[str, Any] = {"tp": tp, "fp": fp, "fn": fn, **prf(tp, fp, fn)}
        out["speaker_accuracy"] = self.speaker_right / tp if tp else 0.0
        out["cue_accuracy"] = self.cue_right / tp if tp else 0.0
        out["by_kind"] = {
            k: {"tp": self.tp[k], "fp": self.fp[k], "fn": self.fn[k], **prf(self.tp[k], self.fp[k], self.fn[k])}
            for k in KINDS
        }
        return out


# --------------------------------------------------------------------------- citron exact spans


class Tokens:
    """Character spans → token spans (first, last+1) over a whitespace/punctuation tokenisation."""

    def __init__(self, doc: Any = None, starts: list[int] | None = None, ends: list[int] | None = None) -> None:
        self.starts = starts if starts is not None else [t.idx for t in doc if not t.is_space]
        self.ends = ends if ends is not None else [t.idx + len(t.text) for t in doc if not t.is_space]

    def span(self, span: Span) -> tuple[int, int]:
        first = bisect.bisect_right(self.ends, span[0])
        last = bisect.bisect_left(self.starts, span[1])
        return first, last

    def spans(self, spans: Sequence[Span]) -> tuple[tuple[int, int], ...]:
        return tuple(sorted(self.span(s) for s in spans))


class CitronCounter:
    """Exact token-span counts for cue, source, content and whole attributions."""

    PARTS = ("cue", "source", "content", "all")

    def __init__(self) -> None:
        self.counts = {p: [0, 0, 0] for p in self.PARTS}

    def add(self, tokens: Tokens, gold: Sequence[Attr], pred: Sequence[Attr]) -> None:
        g = [_tok(tokens, a) for a in gold]
        p = [_tok(tokens, a) for a in pred]
        for part, same in (("cue", _same_cue), ("source", _same_source), ("content", _same_content),
                           ("all", _same_all)):
            c = self.counts[part]
            c[0] += sum(1 for x in p if any(same(x, y) for y in g))
            c[1] += sum(1 for x in p if not any(same(x, y) for y in g))
            c[2] += sum(1 for y in g if not any(same(x, y) for x in p))

    def result(self) -> dict[str, Any]:
        return {part: {"tp": c[0], "fp": c[1], "fn": c[2], **prf(*c)} for part, c in self.counts.items()}


TokAttr = tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]


def _tok(tokens: Tokens, a: Attr) -> TokAttr:
    return tokens.spans(a.cue), tokens.spans(a.source), tokens.spans(a.content)


def _tok_overlap(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _same_cue(x: TokAttr, y: TokAttr) -> bool:
    return bool(x[0]) and x[0] == y[0]


def _same_source(x: TokAttr, y: TokAttr) -> bool:
    return _tok_overlap(x[0], y[0]) and x[1] == y[1]


def _same_content(x: TokAttr, y: TokAttr) -> bool:
    return _tok_overlap(x[0], y[0]) and x[2] == y[2]


def _same_all(x: TokAttr, y: TokAttr) -> bool:
    return _same_cue(x, y) and x[1] == y[1] and x[2] == y[2]


# --------------------------------------------------------------------------- run


def predict(text: str, doc: Any) -> list[Attr]:
    from newstrace.analyze.quotes import extract_quotes

    return [Attr(q.content, q.cue_spans, q.source_spans, q.kind) for q in extract_quotes(text, doc)]


Scored = tuple[list[Attr], Tokens, float, float]
CHUNK = 8


def _score_chunk(texts: Sequence[str]) -> list[Scored]:
    """Parse and extract a few articles: predictions, token offsets, parse and attribution seconds."""
    from newstrace.analyze.nlp import parse_many

    out: list[Scored] = []
    started = time.process_time()
    for text, doc in zip(texts, parse_many(texts, batch_size=CHUNK), strict=True):
        parsed = time.process_time()
        pred = predict(text, doc)
        done = time.process_time()
        out.append((pred, Tokens(doc), parsed - started, done - parsed))
        started = time.process_time()
    return out


def _scored(articles: Sequence[Article], processes: int) -> Iterator[Scored]:
    """Every article scored in order; ``processes > 1`` spreads chunks over forked workers."""
    import multiprocessing

    chunks = [[a.text for a in articles[i : i + CHUNK]] for i in range(0, len(articles), CHUNK)]
    if processes <= 1:
        for chunk in chunks:
            yield from _score_chunk(chunk)
        return
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        for result in pool.imap(_score_chunk, chunks, chunksize=1):
            yield from result


def run(shared: Path, *, split: str = "dev", limit: int | None = None, errors: bool = False,
        processes: int = 1) -> dict[str, Any]:
    """Score the attribution extractor on a PolNeAR split; returns every number.

    Parse and attribution seconds are CPU seconds summed over workers;
    ``articles_per_second`` is wall-clock throughput (it drops when other
    programs share the cores) and ``articles_per_cpu_second`` × processes
    the throughput the workers reach when they have their cores to
    themselves.
    """
    from newstrace.analyze.nlp import load

    articles = load_split(Path(shared), split, limit)
    load()
    ggt = {t: GGTCounter(t) for t in THRESHOLDS}
    citron = CitronCounter()
    parse_s = attrib_s = 0.0
    breakdown: Counter[str] = Counter()
    wall = time.perf_counter()
    for article, (pred, tokens, parse_time, attrib_time) in zip(articles, _scored(articles, processes), strict=True):
        parse_s += parse_time
        attrib_s += attrib_time
        for threshold, counter in ggt.items():
            pairs = counter.add(article.gold, pred)
            if threshold == THRESHOLDS[0]:
                _tally_errors(breakdown, article, pred, pairs, errors)
        citron.add(tokens, article.gold, pred)
    wall = time.perf_counter() - wall
    return {
        "split": split,
        "articles": len(articles),
        "gold": sum(len(a.gold) for a in articles),
        "ggt": {f"{t:.1f}": c.result() for t, c in ggt.items()},
        "citron": citron.result(),
        "seconds": round(wall, 2),
        "articles_per_second": len(articles) / wall if wall else 0.0,
        "articles_per_cpu_second": len(articles) / (parse_s + attrib_s) if parse_s + attrib_s else 0.0,
        "processes": processes,
        "parse_seconds": round(parse_s, 2),
        "attribution_seconds": round(attrib_s, 2),
        "attribution_over_parse": attrib_s / parse_s if parse_s else 0.0,
        "errors": dict(breakdown.most_common()),
    }


def _tally_errors(tally: Counter[str], article: Article, pred: Sequence[Attr], pairs: list[tuple[int, int]],
                  show: bool) -> None:
    text = article.text
    matched = dict(pairs)
    used = set(matched.values())
    for gi, g in enumerate(article.gold):
        if gi not in matched:
            cue = " ".join(text[s:e] for s, e in g.cue).lower() or "(none)"
            tally[f"FN {g.kind} cue={cue}"] += 1
            if show:
                print(f"FN [{g.kind}] {article.name} cue={cue!r} src={_show(text, g.source)!r}\n"
                      f"   {_show(text, g.content)[:200]!r}")
        elif not _agree(pred[matched[gi]].source, g.source):
            tally["speaker wrong"] += 1
            if show:
                print(f"SPK {article.name} gold={_show(text, g.source)!r} "
                      f"pred={_show(text, pred[matched[gi]].source)!r} cue={_show(text, g.cue)!r}")
    for pi, p in enumerate(pred):
        if pi not in used:
            tally[f"FP {p.kind} cue={_show(text, p.cue).lower()}"] += 1
            if show:
                print(f"FP [{p.kind}] {article.name} cue={_show(text, p.cue)!r}\n   {_show(text, p.content)[:200]!r}")


def _show(text: str, spans: Sequence[Span]) -> str:
    return " | ".join(text[s:e] for s, e in spans)


def report(result: dict[str, Any]) -> str:
    lines = [f"PolNeAR {result['split']}: {result['articles']} articles, {result['gold']} gold attributions"]
    for threshold, r in result["ggt"].items():
        lines.append(f"GGT @{threshold}: P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f} "
                     f"(tp {r['tp']} fp {r['fp']} fn {r['fn']}); speaker acc {r['speaker_accuracy']:.3f}, "
                     f"cue acc {r['cue_accuracy']:.3f}")
        for kind, k in r["by_kind"].items():
            lines.append(f"   {kind:8} P {k['precision']:.3f} R {k['recall']:.3f} F1 {k['f1']:.3f} "
                         f"(tp {k['tp']} fp {k['fp']} fn {k['fn']})")
    for part, c in result["citron"].items():
        lines.append(f"citron exact {part:8} P {c['precision']:.3f} R {c['recall']:.3f} F1 {c['f1']:.3f}")
    lines.append(f"speed: {result['articles_per_second']:.1f} articles/s with {result['processes']} process(es) "
                 f"({result['articles_per_cpu_second']:.1f} per CPU-second); CPU: parse {result['parse_seconds']}s, "
                 f"attribution {result['attribution_seconds']}s "
                 f"(+{100 * result['attribution_over_parse']:.0f}% of parse time)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="PolNeAR attribution benchmark")
    parser.add_argument("--shared", type=Path, default=None, help="the shared/ reference dir")
    parser.add_argument("--split", choices=("train", "dev"), default="dev")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--errors", action="store_true", help="print every error (FN, FP, wrong speaker)")
    parser.add_argument("--processes", type=int, default=1, help="worker processes (each parses and extracts)")
    parser.add_argument("--breakdown", type=int, default=25, help="show the N most common error classes")
    args = parser.parse_args(argv)
    shared = resolve_shared(args.shared)
    if not (shared / "data" / "polnear").is_dir():
        print(f"PolNeAR not found under {shared} (set --shared or ${ENV_VAR})")
        return 2
    result = run(shared, split=args.split, limit=args.limit, errors=args.errors, processes=args.processes)
    print(report(result))
    print("most common errors:")
    for name, count in list(result["errors"].items())[: args.breakdown]:
        print(f"  {count:5}  {name}")
    result["errors"] = dict(list(result["errors"].items())[:50])
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
