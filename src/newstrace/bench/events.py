"""Event clustering on Multi-News: mix every article of the validation clusters, recover the clusters.

``data/multinews/validation.csv`` (read at run time only) holds 250 rows; each
row is one news event and ``documents`` is a Python list literal of its
articles.  All articles are mixed, given the same date (Multi-News has none),
inserted one by one into a fresh :class:`~newstrace.stories.events.EventIndex`
in a shuffled order, and the events found are scored against the rows with
BCubed precision, recall and F1 over all articles, and pairwise F1.  The run is
repeated for several shuffles (``seeds``) to show how much the insertion order
matters.

    python -m newstrace.bench.events --shared ../shared [--limit N] [--seeds 0,1,2]
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import random
import resource
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from newstrace.bench.common import resolve_shared
from newstrace.stories.events import EventIndex, EventParams
from newstrace.stories.features import StoryDoc
from newstrace.stories.index import StoryIndex

SAME_DAY = "2020-01-01"
DEFAULT_SEEDS = (0, 1, 2)


def load_multinews(shared: Path, limit: int | None = None) -> tuple[list[str], list[int]]:
    """The articles and, for each, the number of its row (its gold event)."""
    path = shared / "data" / "multinews" / "validation.csv"
    csv.field_size_limit(sys.maxsize)
    texts: list[str] = []
    gold: list[int] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row_number, row in enumerate(csv.DictReader(handle)):
            if limit is not None and row_number >= limit:
                break
            for text in ast.literal_eval(row["documents"]):
                texts.append(str(text))
                gold.append(row_number)
    return texts, gold


def bcubed(predicted: Sequence[object], gold: Sequence[object]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 over all items."""
    by_pred: dict[object, set[int]] = defaultdict(set)
    by_gold: dict[object, set[int]] = defaultdict(set)
    for i, (p, g) in enumerate(zip(predicted, gold, strict=True)):
        by_pred[p].add(i)
        by_gold[g].add(i)
    precision = recall = 0.0
    for p, g in zip(predicted, gold, strict=True):
        shared = len(by_pred[p] & by_gold[g])
        precision += shared / len(by_pred[p])
        recall += shared / len(by_gold[g])
    n = max(1, len(gold))
    return _prf(precision / n, recall / n)


def pairwise(predicted: Sequence[object], gold: Sequence[object]) -> tuple[float, float, float]:
    """Precision, recall and F1 over pairs of items put together."""
    def pairs(labels: Sequence[object]) -> set[tuple[int, int]]:
        groups: dict[object, list[int]] = defaultdict(list)
        for i, label in enumerate(labels):
            groups[label].append(i)
        return {(a, b) for members in groups.values() for k, a in enumerate(members) for b in members[k + 1:]}

    found, truth = pairs(predicted), pairs(gold)
    hit = len(found & truth)
    return _prf(hit / len(found) if found else 0.0, hit / len(truth) if truth else 0.0)


def _prf(p: float, r: float) -> tuple[float, float, float]:
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cluster(texts: Sequence[str], order: Sequence[int], params: EventParams | None = None) -> list[str]:
    """Insert the texts in ``order`` into a fresh index; the event of each text, by text index."""
    index = EventIndex(params)
    for i in order:
        index.insert(StoryDoc(id=f"mn{i:05d}", text=texts[i], date=SAME_DAY))
    return [index.event_of(f"mn{i:05d}") or "" for i in range(len(texts))]


def run(shared: Path | str | None = None, *, limit: int | None = None, seeds: Sequence[int] = DEFAULT_SEEDS,
        params: EventParams | None = None) -> dict[str, Any]:
    """Cluster the mixed Multi-News articles once per seed; mean and spread of the scores."""
    texts, gold = load_multinews(resolve_shared(shared), limit)
    runs = []
    for seed in seeds:
        order = list(range(len(texts)))
        random.Random(seed).shuffle(order)
        started = time.perf_counter()
        labels = cluster(texts, order, params)
        seconds = time.perf_counter() - started
        runs.append((bcubed(labels, gold), pairwise(labels, gold), len(set(labels)), seconds))
    f1s = [r[0][2] for r in runs]
    return {
        "articles": len(texts),
        "gold_events": len(set(gold)),
        "seeds": list(seeds),
        "events_found": [r[2] for r in runs],
        "bcubed_precision": round(statistics.mean(r[0][0] for r in runs), 4),
        "bcubed_recall": round(statistics.mean(r[0][1] for r in runs), 4),
        "bcubed_f1": round(statistics.mean(f1s), 4),
        "bcubed_f1_per_seed": [round(f, 4) for f in f1s],
        "bcubed_f1_spread": round(max(f1s) - min(f1s), 4),
        "pairwise_f1": round(statistics.mean(r[1][2] for r in runs), 4),
        "articles_per_second": round(len(texts) / statistics.mean(r[3] for r in runs), 1),
        "target_bcubed_f1": 0.90,
    }


def synthetic_docs(count: int, seed: int = 7) -> list[StoryDoc]:
    """``count`` generated articles: storylines of a few events each, with their own actors and subject words,
    dated over three years, in arrival order (texts of about 120 words from a 20,000-word vocabulary)."""
    rng = random.Random(seed)
    vocabulary = [_word(rng) for _ in range(20_000)]
    names = [_word(rng).capitalize() for _ in range(30_000)]
    docs: list[StoryDoc] = []
    stories = max(1, count // 20)
    for number in range(count):
        story = rng.randrange(stories)
        story_rng = random.Random(story)
        actors = story_rng.sample(names, 3)
        subject = story_rng.sample(vocabulary, 25)
        day = date(2020, 1, 1) + timedelta(days=(story * 3 + rng.randrange(40)) % 1000)
        body = [rng.choice(subject) if rng.random() < 0.35 else rng.choice(vocabulary) for _ in range(120)]
        for k in range(0, len(body), 12):
            body[k] = f"{rng.choice(actors)} said"
        title = f"{actors[0]} {' '.join(rng.sample(subject, 4))}"
        docs.append(StoryDoc(f"syn{number:07d}", ". ".join(" ".join(body[i:i + 12]) for i in range(0, 120, 12)),
                             title, day.isoformat(), f"Outlet {rng.randrange(40)}"))
    return docs


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randrange(2, 5)))


def run_speed(size: int = 100_000, probes: int = 200) -> dict[str, Any]:
    """Time to add one article (events and storylines updated) to an index of ``size`` generated articles."""
    docs = synthetic_docs(size + probes)
    index = StoryIndex()
    started = time.perf_counter()
    for doc in docs[:size]:
        index.add(doc)
    build = time.perf_counter() - started
    times = []
    for doc in docs[size:]:
        tick = time.perf_counter()
        index.add(doc)
        times.append((time.perf_counter() - tick) * 1000)
    times.sort()
    return {
        "index_articles": size,
        "events": len(index.events.events),
        "storylines": len(index.storylines.storylines),
        "build_articles_per_second": round(size / build, 1),
        "add_one_ms_mean": round(statistics.mean(times), 2),
        "add_one_ms_p95": round(times[int(len(times) * 0.95) - 1], 2),
        "add_one_ms_max": round(times[-1], 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "target_ms": 100,
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", default=None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--speed", type=int, default=None, help="Run the speed benchmark on N generated articles.")
    args = parser.parse_args(argv)
    if args.speed:
        print(json.dumps(run_speed(args.speed), indent=2))
        return
    params = EventParams(threshold=args.threshold) if args.threshold else None
    seeds = [int(s) for s in args.seeds.split(",") if s.strip()]
    print(json.dumps(run(args.shared, limit=args.limit, seeds=seeds, params=params), indent=2))


if __name__ == "__main__":
    main()
