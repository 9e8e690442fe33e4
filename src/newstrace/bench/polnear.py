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
import json
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from newstrace.analyze import corpus
from newstrace.analyze.analyzer import plan_chunks
from newstrace.analyze.corpus import Article, Attr, first_annotators, parse_ann
from newstrace.analyze.model import AttributionModel, load_model

__all__ = ["Article", "Attr", "first_annotators", "parse_ann", "load_split", "run", "report", "main"]
from newstrace.bench.common import ENV_VAR, prf, resolve_shared

Span = tuple[int, int]
THRESHOLDS = (0.3, 0.8)
KINDS = ("direct", "mixed", "indirect")


def load_split(shared: Path, split: str, limit: int | None = None) -> list[Article]:
    """The articles of a PolNeAR split under the ``shared/`` reference folder."""
    return corpus.load_split(shared / "data" / "polnear" / "data", split, limit)


# --------------------------------------------------------------------------- GGT matching


def ggt_match(gold: Sequence[Attr], pred: Sequence[Attr], threshold: float) -> list[tuple[int, int]]:
    """Greedy GGT matching: ``(gold index, prediction index)`` pairs."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        total = corpus.length(g.content)
        best, best_share = -1, threshold
        for pi, p in enumerate(pred):
            if pi in used or not total:
                continue
            share = corpus.covered(p.content, g.content) / total
            if share > best_share:
                best, best_share = pi, share
        if best >= 0:
            used.add(best)
            pairs.append((gi, best))
    return pairs


def _agree(a: Sequence[Span], b: Sequence[Span]) -> bool:
    return corpus.touch(a, b) if a and b else not a and not b


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

    def __init__(self, doc: Any) -> None:
        self.starts, self.ends = _token_offsets(doc)

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


def _token_offsets(doc: Any) -> tuple[list[int], list[int]]:
    """Start and end offsets of the non-space tokens, read from the doc's arrays."""
    from spacy.attrs import IDX, IS_SPACE, LENGTH

    if not len(doc):
        return [], []
    rows = doc.to_array([IDX, LENGTH, IS_SPACE]).tolist()
    return [int(i) for i, _, space in rows if not space], [int(i + n) for i, n, space in rows if not space]


TokAttr = tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]


def _tok(tokens: Tokens, a: Attr) -> TokAttr:
    return tokens.spans(a.cue), tokens.spans(a.source), tokens.spans(a.content)


def _same_cue(x: TokAttr, y: TokAttr) -> bool:
    return bool(x[0]) and x[0] == y[0]


def _same_source(x: TokAttr, y: TokAttr) -> bool:
    return corpus.touch(x[0], y[0]) and x[1] == y[1]


def _same_content(x: TokAttr, y: TokAttr) -> bool:
    return corpus.touch(x[0], y[0]) and x[2] == y[2]


def _same_all(x: TokAttr, y: TokAttr) -> bool:
    return _same_cue(x, y) and x[1] == y[1] and x[2] == y[2]


# --------------------------------------------------------------------------- run


def predict(text: str, doc: Any, model: AttributionModel | None = None) -> list[Attr]:
    from newstrace.analyze.quotes import extract_quotes

    return [Attr(q.content, q.cue_spans, q.source_spans, q.kind) for q in extract_quotes(text, doc, model=model)]


Scored = tuple[list[Attr], Tokens, float, float]
_MODEL: list[AttributionModel | None] = [None]


def _score_chunk(texts: Sequence[str]) -> list[Scored]:
    """Parse and extract a few articles: predictions, token offsets, parse and attribution seconds."""
    from newstrace.analyze.nlp import parse_many

    out: list[Scored] = []
    started = time.process_time()
    for text, doc in zip(texts, parse_many(texts, batch_size=len(texts)), strict=True):
        parsed = time.process_time()
        pred = predict(text, doc, _MODEL[0])
        done = time.process_time()
        out.append((pred, Tokens(doc), parsed - started, done - parsed))
        started = time.process_time()
    return out


def _scored(articles: Sequence[Article], processes: int, model: AttributionModel | None) -> Iterator[Scored]:
    """Every article scored in order; ``processes > 1`` spreads chunks over forked workers."""
    import multiprocessing

    texts = [a.text for a in articles]
    chunks = [texts[c.start : c.stop] for c in plan_chunks([len(t) for t in texts], processes)]  # as the analysis run
    _MODEL[0] = model  # read by the workers, which are forked after this
    if processes <= 1:
        for chunk in chunks:
            yield from _score_chunk(chunk)
        return
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        for result in pool.imap(_score_chunk, chunks, chunksize=1):
            yield from result


def run_mode(shared: Path, mode: str | None, limit: int | None = None) -> dict[str, Any]:
    """``newstrace bench polnear --mode``: ``dev`` or ``train`` (rules); ``dev+model`` trains a model on train first.

    Two worker processes, the reference machine's cores.
    """
    split, _, extra = (mode or "dev").partition("+")
    model = train_on(shared, processes=2) if extra == "model" else None
    return run(shared, split=split, limit=limit, processes=2, model=model)


def train_on(shared: Path, processes: int = 2) -> AttributionModel:
    """The attribution model trained on PolNeAR train (read from ``shared``; nothing is written)."""
    from newstrace.analyze.training import train_polnear

    return train_polnear(shared / "data" / "polnear" / "data", split="train", processes=processes)


def run(shared: Path, *, split: str = "dev", limit: int | None = None, errors: bool = False,
        processes: int = 1, model: AttributionModel | None = None) -> dict[str, Any]:
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
    scored = _scored(articles, processes, model)
    for article, (pred, tokens, parse_time, attrib_time) in zip(articles, scored, strict=True):
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
        "model": dict(model.info) if model is not None else None,
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
    parser.add_argument("--model", type=Path, default=None, help="a trained model file (newstrace train-quotes)")
    parser.add_argument("--train-model", action="store_true", help="train a model on the train split first")
    args = parser.parse_args(argv)
    shared = resolve_shared(args.shared)
    if not (shared / "data" / "polnear").is_dir():
        print(f"PolNeAR not found under {shared} (set --shared or ${ENV_VAR})")
        return 2
    model = load_model(args.model) if args.model else train_on(shared, args.processes) if args.train_model else None
    result = run(shared, split=args.split, limit=args.limit, errors=args.errors, processes=args.processes, model=model)
    print(report(result))
    print("most common errors:")
    for name, count in list(result["errors"].items())[: args.breakdown]:
        print(f"  {count:5}  {name}")
    result["errors"] = dict(list(result["errors"].items())[:50])
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
