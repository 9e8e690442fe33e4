"""Near-duplicate detection: recall and precision on edited copies of real articles, and speed.

Originals are the Multi-News validation articles (``data/multinews/validation.csv``)
and the PolNeAR train and dev texts (``data/polnear/data/*/text/*.txt``), read
at run time only (nothing of them is copied into the repository).  Originals
shorter than ``MIN_TOKENS`` words are skipped, and so are originals that are
already copies of an earlier one (exact shingle containment of 0.5 or more:
Multi-News has a few wire stories filed twice), so that the ground truth is
known.  The other articles of a Multi-News cluster report the same event with
different words: they are the hard negatives.

For each edit level a seeded, edited copy of every original is made, mixing
word substitutions (40% of the edit budget), word deletions (20%), inserted
boilerplate lines (20%) and dropped paragraphs (20%); a ``containment``
scenario drops about 40% of the paragraphs and adds boilerplate.  Originals and
copies go into one index (originals dated first); every match reported on
insertion is a reported pair.  Recall: the share of copies linked directly to
their original.  Precision: the share of reported pairs that join an original
and its own copy.  Canonical: the share of copies whose group canonical is
their original.

Speed: signatures per second on one core (the real originals), and, on a
synthetic index of ``--index-size`` generated articles (default 100,000), the
time to link one new article (signature, query and insert), its memory
(growth of resident memory) and build rate.

    python -m newstrace.bench.neardup --shared ../shared [--limit N] [--index-size 100000]
"""

from __future__ import annotations

import argparse
import ast
import csv
import gc
import json
import random
import re
import resource
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse  # type: ignore[import-untyped]

from newstrace.bench.common import ENV_VAR, resolve_shared
from newstrace.link.minhash import shingle_hashes, tokens
from newstrace.link.neardup import NearDuplicateIndex

MIN_TOKENS = 30
NATURAL_COPY = 0.5
_PARAGRAPH = re.compile(r"\n\s*\n")
BOILERPLATE = (
    "Advertisement",
    "Sign up for our daily newsletter to get the top stories delivered to your inbox.",
    "Follow us on Twitter and Facebook for the latest updates.",
    "Read more: the stories our readers are talking about today",
    "This article has been updated with additional reporting.",
    "Copyright 2016 The Associated Press. All rights reserved. This material may not be published, "
    "broadcast, rewritten or redistributed.",
    "Click here to subscribe and never miss a story.",
    "Share this article",
    "Related coverage",
    "Photo: file image. Please enable JavaScript to view the comments.",
)


@dataclass(frozen=True, slots=True)
class Scenario:
    """How a copy is edited: the share of words touched, and how the budget is split."""

    name: str
    level: float
    substitute: float = 0.4
    delete: float = 0.2
    boilerplate: float = 0.2
    drop: float = 0.2


SCENARIOS = (
    Scenario("1%", 0.01),
    Scenario("3%", 0.03),
    Scenario("5%", 0.05),
    Scenario("10%", 0.10),
    Scenario("containment", 0.45, substitute=0.03, delete=0.02, boilerplate=0.05, drop=0.9),
)


# --------------------------------------------------------------------------- data


def read_originals(shared: Path, limit: int | None = None) -> list[tuple[str, str]]:
    """``(name, text)`` of the Multi-News and PolNeAR articles (names carry the Multi-News cluster)."""
    found: list[tuple[str, str]] = []
    path = shared / "data" / "multinews" / "validation.csv"
    if path.is_file():
        csv.field_size_limit(sys.maxsize)
        with path.open(encoding="utf-8", newline="") as handle:
            for row_no, row in enumerate(csv.DictReader(handle)):
                for doc_no, doc in enumerate(ast.literal_eval(row["documents"])):
                    found.append((f"multinews:{row_no}:{doc_no}", str(doc)))
    for file in sorted((shared / "data" / "polnear" / "data").glob("*/text/*.txt")):
        found.append((f"polnear:{file.parent.parent.name}/{file.stem}", file.read_text(encoding="utf-8")))
    found = [(name, text) for name, text in found if len(tokens(text)) >= MIN_TOKENS]
    return found[:limit] if limit else found


def drop_natural_copies(
    originals: list[tuple[str, str]], shingle_size: int = 3
) -> tuple[list[tuple[str, str]], dict[str, int]]:
    """Originals without those that are copies of an earlier one (exact containment >= 0.5).

    Also counts the hard negatives left: pairs of kept originals whose exact
    containment is 0.3 or more (shared wire paragraphs, same-event stories).
    """
    sets = [shingle_hashes(tokens(text), shingle_size) for _, text in originals]
    vocab, columns = np.unique(np.concatenate(sets), return_inverse=True)
    indptr = np.cumsum([0, *(s.size for s in sets)])
    matrix = sparse.csr_matrix((np.ones(indptr[-1], dtype=np.float32), columns, indptr), shape=(len(sets), vocab.size))
    overlap = sparse.triu(matrix @ matrix.T, k=1).tocoo()
    sizes = np.array([s.size for s in sets], dtype=np.float64)
    contained = overlap.data / np.minimum(sizes[overlap.row], sizes[overlap.col]) >= NATURAL_COPY
    dropped = set(overlap.col[contained].tolist())
    share = overlap.data / np.minimum(sizes[overlap.row], sizes[overlap.col])
    kept = ~np.isin(overlap.row, list(dropped)) & ~np.isin(overlap.col, list(dropped))
    stats = {"natural_copies_dropped": len(dropped), "hard_negative_pairs": int(np.sum(kept & (share >= 0.3)))}
    return [o for i, o in enumerate(originals) if i not in dropped], stats


# --------------------------------------------------------------------------- edits


def edited_copy(text: str, scenario: Scenario, rng: random.Random, vocabulary: list[str]) -> str:
    """A copy of ``text`` with about ``scenario.level`` of its words edited (see the module doc)."""
    paragraphs = [p.split() for p in _PARAGRAPH.split(text) if p.strip()]
    budget = max(1, round(scenario.level * sum(len(p) for p in paragraphs)))
    spent = _drop_paragraphs(paragraphs, round(budget * scenario.drop), rng)
    spent += _add_boilerplate(paragraphs, round(budget * scenario.boilerplate), rng)
    deletions = round(budget * scenario.delete)
    _edit_words(paragraphs, deletions, max(0, budget - spent - deletions), rng, vocabulary)
    return "\n\n".join(" ".join(p) for p in paragraphs if p)


def _drop_paragraphs(paragraphs: list[list[str]], budget: int, rng: random.Random) -> int:
    spent = 0
    for i in rng.sample(range(len(paragraphs)), len(paragraphs)):
        if len(paragraphs) > 1 and 0 < len(paragraphs[i]) <= budget - spent:
            spent += len(paragraphs[i])
            paragraphs[i] = []
    paragraphs[:] = [p for p in paragraphs if p]
    return spent


def _add_boilerplate(paragraphs: list[list[str]], budget: int, rng: random.Random) -> int:
    spent = 0
    while spent < budget:
        line = rng.choice(BOILERPLATE).split()
        paragraphs.insert(rng.randint(0, len(paragraphs)), line)
        spent += len(line)
    return spent


def _edit_words(
    paragraphs: list[list[str]], deletions: int, substitutions: int, rng: random.Random, vocabulary: list[str]
) -> None:
    places = [(i, j) for i, p in enumerate(paragraphs) for j in range(len(p))]
    chosen = rng.sample(places, min(len(places), deletions + substitutions))
    for i, j in chosen[deletions:]:
        paragraphs[i][j] = rng.choice(vocabulary)
    for i, j in sorted(chosen[:deletions], reverse=True):
        del paragraphs[i][j]


# --------------------------------------------------------------------------- quality


def score_scenario(
    originals: list[tuple[str, str]], scenario: Scenario, seed: int, vocabulary: list[str], **params: float
) -> dict[str, Any]:
    """Recall, precision and canonical accuracy for one edit scenario."""
    rng = random.Random(f"{seed}:{scenario.name}")
    copies = [edited_copy(text, scenario, rng, vocabulary) for _, text in originals]
    index = NearDuplicateIndex(**params)  # type: ignore[arg-type]
    pairs: set[tuple[str, str]] = set()
    items = [(f"o{i}", text, "2020-01-01") for i, (_, text) in enumerate(originals)]
    items += [(f"c{i}", text, "2020-01-02") for i, text in enumerate(copies)]
    rng.shuffle(items)
    for article_id, text, published in items:
        for match in index.insert(article_id, text, published):
            pairs.add(tuple(sorted((article_id, match.article_id))))  # type: ignore[arg-type]
    true_pairs = {p for p in pairs if p[0][1:] == p[1][1:]}
    found = sum((f"c{i}", f"o{i}") in true_pairs for i in range(len(copies)))
    canonical = sum(index.canonical(f"c{i}") == f"o{i}" for i in range(len(copies)))
    jaccard, containment = _exact_similarity(originals, copies)
    by_rule = [
        j >= index.jaccard_threshold or c >= index.containment_threshold
        for j, c in zip(jaccard, containment, strict=True)
    ]
    return {
        "exact_rule_recall": sum(by_rule) / len(copies),
        "copies": len(copies),
        "recall": found / len(copies),
        "precision": len(true_pairs) / len(pairs) if pairs else 1.0,
        "reported_pairs": len(pairs),
        "false_pairs": len(pairs) - len(true_pairs),
        "canonical_right": canonical / len(copies),
        "exact_jaccard_mean": float(np.mean(jaccard)),
        "exact_jaccard_p5": float(np.percentile(jaccard, 5)),
        "exact_containment_mean": float(np.mean(containment)),
    }


def _exact_similarity(originals: list[tuple[str, str]], copies: list[str]) -> tuple[list[float], list[float]]:
    jaccard, containment = [], []
    for (_, text), copy in zip(originals, copies, strict=True):
        a, b = set(shingle_hashes(tokens(text)).tolist()), set(shingle_hashes(tokens(copy)).tolist())
        inter = len(a & b)
        jaccard.append(inter / len(a | b))
        containment.append(inter / min(len(a), len(b)))
    return jaccard, containment


# --------------------------------------------------------------------------- speed


def signature_rate(texts: list[str]) -> dict[str, float]:
    """Signatures per second on one core over ``texts`` (best of three passes)."""
    index = NearDuplicateIndex()
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for text in texts:
            index.signature(text)
        best = min(best, time.perf_counter() - start)
    words = sum(len(t.split()) for t in texts) / len(texts)
    return {"per_second": len(texts) / best, "mean_words": words}


class _Prose:
    """Generated articles: Zipf-distributed pseudo-words in paragraphs (fast and seeded)."""

    def __init__(self, seed: int, vocabulary: int = 40_000) -> None:
        self.rng = np.random.default_rng(seed)
        letters = np.array(list("etaoinshrdlucmfwypvbgkjqxz"))
        lengths = self.rng.integers(2, 11, vocabulary)
        self.words = np.array(["".join(self.rng.choice(letters, n)) for n in lengths.tolist()])
        ranks = np.arange(1, vocabulary + 1, dtype=np.float64)
        weights = 1.0 / ranks**1.05
        self.cdf = np.cumsum(weights / weights.sum())

    def article(self) -> str:
        n = int(self.rng.integers(250, 1000))
        picks = np.minimum(np.searchsorted(self.cdf, self.rng.random(n)), self.cdf.size - 1)
        words = self.words[picks].tolist()
        cuts = sorted(set(self.rng.integers(1, n, n // 60).tolist()))
        bounds = [0, *cuts, n]
        return "\n\n".join(" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:], strict=False) if b > a)

    def articles(self, count: int) -> Iterator[str]:
        for _ in range(count):
            yield self.article()


def _rss() -> int:
    """Resident memory of this process in bytes (Linux ``/proc``; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return pages * resource.getpagesize()


def index_speed(size: int, probes: int, seed: int) -> dict[str, Any]:
    """Build a ``size``-article synthetic index; time linking ``probes`` new articles (half are copies).

    Memory is the growth of resident memory over the build (texts are
    generated one at a time and dropped, so it is the index), and the bytes of
    the index's arrays alone.
    """
    prose = _Prose(seed)
    kept: list[str] = []
    index = NearDuplicateIndex()
    gc.collect()
    before = _rss()
    start = time.perf_counter()
    for i, text in enumerate(prose.articles(size)):
        index.insert(f"s{i}", text, f"2021-{1 + i % 12:02d}-01")
        if i < probes:
            kept.append(text)
    build = time.perf_counter() - start
    gc.collect()
    memory = _rss() - before - sum(sys.getsizeof(t) for t in kept)
    rng = random.Random(seed)
    vocabulary = prose.words.tolist()
    new = [edited_copy(kept[i], SCENARIOS[2], rng, vocabulary) if i % 2 else prose.article() for i in range(probes)]
    times, linked = [], 0
    for i, text in enumerate(new):
        start = time.perf_counter()
        matches = index.insert(f"n{i}", text, "2022-01-01")
        times.append(time.perf_counter() - start)
        linked += bool(i % 2) and any(m.article_id == f"s{i}" for m in matches)
    ms = np.array(times) * 1000
    stored = [(key, sig.to_bytes(), published) for key, sig, published in index.stored_signatures()]
    start = time.perf_counter()
    rebuilt = NearDuplicateIndex.from_signatures(stored)
    rebuild = time.perf_counter() - start
    return {
        "rebuild_per_second": len(rebuilt) / rebuild,
        "rebuild_same_groups": rebuilt.groups() == index.groups(),
        "articles": size,
        "build_seconds": build,
        "build_per_second": size / build,
        "memory_mb": memory / 1e6,
        "memory_mb_per_100k": memory / 1e6 * 100_000 / size,
        "array_mb_per_100k": index.nbytes() / 1e6 * 100_000 / len(index),
        "link_ms_p50": float(np.percentile(ms, 50)),
        "link_ms_p99": float(np.percentile(ms, 99)),
        "link_ms_max": float(ms.max()),
        "probe_copies_linked": linked / max(1, probes // 2),
    }


# --------------------------------------------------------------------------- command


def run(shared: Path, limit: int | None = None, index_size: int = 100_000, seed: int = 7) -> dict[str, Any]:
    """All the numbers: per scenario quality, signature rate and index speed and memory."""
    originals = read_originals(shared, limit)
    originals, stats = drop_natural_copies(originals)
    vocabulary = sorted({w for _, text in originals for w in text.split()})
    result: dict[str, Any] = {"originals": len(originals), **stats}
    result["scenarios"] = {s.name: score_scenario(originals, s, seed, vocabulary) for s in SCENARIOS}
    result["signatures"] = signature_rate([text for _, text in originals])
    result["index"] = index_speed(index_size, probes=1000, seed=seed)
    return result


def report(result: dict[str, Any]) -> str:
    """A plain-text table of the numbers."""
    lines = [
        f"near-duplicates: {result['originals']} originals ({result['natural_copies_dropped']} natural copies dropped, "
        f"{result['hard_negative_pairs']} hard-negative pairs with containment >= 0.3 kept)",
        f"{'scenario':<12} {'recall':>7} {'precision':>9} {'pairs':>6} {'false':>5} {'canon':>6} {'exactJ':>7}"
        f" {'J p5':>6} {'rule':>6}",
    ]
    for name, s in result["scenarios"].items():
        lines.append(
            f"{name:<12} {s['recall']:>7.4f} {s['precision']:>9.4f} {s['reported_pairs']:>6} {s['false_pairs']:>5} "
            f"{s['canonical_right']:>6.3f} {s['exact_jaccard_mean']:>7.3f} {s['exact_jaccard_p5']:>6.3f}"
            f" {s['exact_rule_recall']:>6.3f}"
        )
    sig, idx = result["signatures"], result["index"]
    lines.append(f"signatures: {sig['per_second']:.0f}/s on one core (mean {sig['mean_words']:.0f} words)")
    lines.append(
        f"index of {idx['articles']}: link one article p50 {idx['link_ms_p50']:.2f} ms, "
        f"p99 {idx['link_ms_p99']:.2f} ms, "
        f"max {idx['link_ms_max']:.1f} ms; memory {idx['memory_mb_per_100k']:.0f} MB per 100k (RSS growth; "
        f"arrays {idx['array_mb_per_100k']:.0f} MB); build {idx['build_per_second']:.0f} articles/s, "
        f"rebuild from stored signatures {idx['rebuild_per_second']:.0f}/s"
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description="Near-duplicate detection benchmark.")
    parser.add_argument("--shared", type=Path, default=None, help="the shared/ reference dir")
    parser.add_argument("--limit", type=int, default=None, help="only the first N originals")
    parser.add_argument("--index-size", type=int, default=100_000, help="articles in the synthetic speed index")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    shared = resolve_shared(args.shared)
    if not shared.is_dir():
        print(f"reference data not found at {shared} (set --shared or ${ENV_VAR})")
        return 2
    result = run(shared, limit=args.limit, index_size=args.index_size, seed=args.seed)
    print(report(result))
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
