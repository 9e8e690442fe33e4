"""Statement linking: quality on synthetic variants, index speed and memory, and a whole linking run.

Everything is generated (seeded), nothing read from ``../shared``:

* **Statements** are word sequences of 8 to 40 words in two to four clauses,
  mixing stop words, words of a *topic* and words of a large Zipf-distributed
  vocabulary.  Each topic has five statements by one speaker: the same-person,
  same-subject statements that must stay apart.
* **Variants** of a statement, as outlets carry it: trimmed at either end, a
  contiguous part (partial quote), clauses reordered, 5-10% of words
  substituted, contractions and quote marks changed, or a combination; 20% of
  variants have an unknown speaker.

``quality`` (the default ``--mode``) scores pairwise and BCubed precision and
recall of the statements found against the true ones, per variant type.
``speed`` builds an index of ``--limit`` passages (default 100,000) and times
adding one more passage (p50/p99/max), reports the build rate, resident-memory
growth and the rebuild rate from stored rows.  ``store`` writes ``--limit``
generated articles (default 10,000) with about seven quotes each into a fresh
store and times ``link_store`` and each of its stages.

    newstrace bench statements [--mode quality|speed|store] [--limit N]
"""

from __future__ import annotations

import gc
import itertools
import random
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newstrace.bench.events import bcubed, pairwise
from newstrace.link.quotetext import STOPWORDS, tokens
from newstrace.link.statements import StatementIndex

_FUNCTION = sorted(STOPWORDS) + ["will", "would", "can", "should", "must", "have", "has", "had", "do", "does"]
_QUOTES = (("“", "”"), ('"', '"'), ("«", "»"), ("", ""))
_CONTRACTIONS = (("we are", "we're"), ("it is", "it's"), ("do not", "don't"), ("will not", "won't"),
                 ("they are", "they're"), ("can not", "can't"))
KINDS = ("trim", "partial", "reorder", "substitute", "marks", "mixed")


@dataclass(frozen=True, slots=True)
class Topic:
    words: list[str]
    phrases: list[list[str]]


@dataclass(frozen=True, slots=True)
class Passage:
    key: str
    text: str
    speaker: str | None
    truth: int
    kind: str


class Generator:
    """Seeded synthetic statements and their variants."""

    def __init__(self, seed: int = 7, vocabulary: int = 30_000) -> None:
        self.rng = random.Random(seed)
        self.words = [self._word() for _ in range(vocabulary)]
        self.cumulative = list(itertools.accumulate(1 / (rank + 10) for rank in range(vocabulary)))

    def _word(self) -> str:
        letters = "bcdfghklmnprstvz"
        vowels = "aeiou"
        return "".join(self.rng.choice(letters) + self.rng.choice(vowels) for _ in range(self.rng.randint(2, 4)))

    def general(self, k: int = 1) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=k)

    def topic(self) -> Topic:
        words = self.general(30)
        phrases = [self.rng.sample(words, self.rng.randint(2, 3)) for _ in range(6)]
        return Topic(words, phrases)

    def statement(self, topic: Topic) -> list[list[str]]:
        """Clauses of words: about 40% function words, the rest topic and general words; half the clauses use
        one of the topic's stock phrases (what makes statements on one subject look alike)."""
        clauses = []
        for _ in range(self.rng.randint(2, 4)):
            clause = []
            for _ in range(self.rng.randint(4, 10)):
                roll = self.rng.random()
                pool = _FUNCTION if roll < 0.4 else topic.words if roll < 0.7 else None
                clause.append(self.rng.choice(pool) if pool else self.general()[0])
            if self.rng.random() < 0.5:
                at = self.rng.randrange(len(clause))
                clause[at:at] = self.rng.choice(topic.phrases)
            clauses.append(clause)
        return clauses

    def variant(self, clauses: list[list[str]], kind: str) -> str:
        words = [w for c in clauses for w in c]
        if kind == "mixed":
            kind = self.rng.choice(("trim", "reorder", "substitute"))
            clauses = self._reorder(clauses) if self.rng.random() < 0.5 else clauses
            words = [w for c in clauses for w in c]
        if kind == "trim":
            cut = self.rng.randint(1, max(1, len(words) // 3))
            words = words[cut:] if self.rng.random() < 0.5 else words[:-cut]
        elif kind == "partial":
            size = max(8, int(len(words) * self.rng.uniform(0.4, 0.7)))
            start = self.rng.randint(0, max(0, len(words) - size))
            words = words[start : start + size]
        elif kind == "reorder":
            words = [w for c in self._reorder(clauses) for w in c]
        elif kind == "substitute":
            for _ in range(max(1, round(len(words) * self.rng.uniform(0.05, 0.1)))):
                words[self.rng.randrange(len(words))] = self.general()[0]
        return self._render(words)

    def _reorder(self, clauses: list[list[str]]) -> list[list[str]]:
        shuffled = clauses[:]
        while len(shuffled) > 1 and shuffled == clauses:
            self.rng.shuffle(shuffled)
        return shuffled

    def _render(self, words: list[str]) -> str:
        text = " ".join(words)
        for full, short in _CONTRACTIONS:
            if self.rng.random() < 0.5:
                text = text.replace(full, short)
        opening, closing = self.rng.choice(_QUOTES)
        return f"{opening}{text[:1].upper()}{text[1:]},{closing}"

    def corpus(self, statements: int, variants: tuple[int, int] = (0, 4)) -> list[Passage]:
        """``statements`` originals (five per topic and speaker) and their variants, shuffled."""
        passages: list[Passage] = []
        topic = Topic([], [])
        for truth in range(statements):
            if truth % 5 == 0:
                topic, speaker = self.topic(), f"speaker-{truth // 5}"
            clauses = self.statement(topic)
            passages.append(Passage(f"{truth}:0", self._render([w for c in clauses for w in c]), speaker, truth,
                                    "original"))
            for n in range(self.rng.randint(*variants)):
                kind = self.rng.choice(KINDS)
                who = None if self.rng.random() < 0.2 else speaker
                passages.append(Passage(f"{truth}:{n + 1}", self.variant(clauses, kind), who, truth, kind))
        self.rng.shuffle(passages)
        return passages


# --------------------------------------------------------------------------- quality


def score(passages: list[Passage], index: StatementIndex) -> dict[str, Any]:
    """Pairwise and BCubed precision/recall of the statements found (an unplaced passage stands alone), and recall
    per variant type."""
    found = [index.statement_of(p.key) or p.key for p in passages]
    truth = [p.truth for p in passages]
    pair_precision, pair_recall, _ = pairwise(found, truth)
    precision, recall, f1 = bcubed(found, truth)
    return {
        "passages": len(passages),
        "pairwise_precision": round(pair_precision, 4),
        "pairwise_recall": round(pair_recall, 4),
        "bcubed_precision": round(precision, 4),
        "bcubed_recall": round(recall, 4),
        "bcubed_f1": round(f1, 4),
        "recall_by_kind": _recall_by_kind(passages, index),
    }


def _recall_by_kind(passages: list[Passage], index: StatementIndex) -> dict[str, float]:
    original = {p.truth: index.statement_of(p.key) for p in passages if p.kind == "original"}
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for p in passages:
        if p.kind != "original":
            total[p.kind] += 1
            right[p.kind] += index.statement_of(p.key) == original[p.truth] is not None
    return {kind: round(right[kind] / total[kind], 4) for kind in sorted(total)}


def run_quality(statements: int = 3000, seed: int = 7) -> dict[str, Any]:
    passages = Generator(seed).corpus(statements)
    index = StatementIndex()
    started, cpu = time.perf_counter(), time.process_time()
    with index.insertion_session():
        for p in passages:
            index.add(p.key, tokens(p.text), p.speaker)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"statements": statements, **score(passages, index), "passages_per_second": round(len(passages) / seconds),
            "passages_per_cpu_second": round(len(passages) / cpu)}


# --------------------------------------------------------------------------- speed and memory


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096 / 2**20


def run_speed(size: int = 100_000, probes: int = 1000, seed: int = 11) -> dict[str, Any]:
    generator = Generator(seed)
    passages = generator.corpus(size // 3 + 1, variants=(1, 3))[:size]
    probe_passages = Generator(seed + 1).corpus(probes // 3 + 1, variants=(1, 3))[:probes]
    words = [tokens(p.text) for p in passages]
    gc.collect()
    before = _rss_mb()
    index = StatementIndex()
    started, cpu = time.perf_counter(), time.process_time()
    with index.insertion_session():
        for p, w in zip(passages, words, strict=True):
            index.add(p.key, w, p.speaker)
    build, build_cpu = time.perf_counter() - started, time.process_time() - cpu
    indexed = len(index)
    gc.collect()
    grown = _rss_mb() - before
    timings, cpu_timings = [], []
    for p in probe_passages:
        probe_words = tokens(p.text)
        started, cpu = time.perf_counter(), time.process_time()
        index.add("probe-" + p.key, probe_words, p.speaker)
        timings.append((time.perf_counter() - started) * 1000)
        cpu_timings.append((time.process_time() - cpu) * 1000)
    timings.sort()
    cpu_timings.sort()
    rows = [(p.key, w, p.speaker, index.statement_of(p.key) or "")
            for p, w in zip(passages, words, strict=True) if index.statement_of(p.key)]
    started, cpu = time.perf_counter(), time.process_time()
    StatementIndex.from_rows(rows)
    rebuild, rebuild_cpu = time.perf_counter() - started, time.process_time() - cpu
    return {
        "index_passages": indexed,
        "build_passages_per_second": round(len(passages) / build),
        "build_passages_per_cpu_second": round(len(passages) / build_cpu),
        "add_one_ms_p50": round(timings[len(timings) // 2], 3),
        "add_one_ms_p99": round(timings[int(len(timings) * 0.99)], 3),
        "add_one_ms_max": round(timings[-1], 3),
        "add_one_cpu_ms_p50_p99_max": [round(cpu_timings[i], 3) for i in (len(timings) // 2, int(len(timings) * 0.99),
                                                                          -1)],
        "rss_growth_mb": round(grown, 1),
        "pair_table_mb": round(index.nbytes() / 2**20, 1),
        "rebuild_passages_per_second": round(len(rows) / rebuild),
        "rebuild_passages_per_cpu_second": round(len(rows) / rebuild_cpu),
    }


# --------------------------------------------------------------------------- a linking run over a store


def _names(rng: random.Random, people: int) -> list[tuple[str, str]]:
    first = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Irena", "Jonas", "Karin", "Lev"]
    last = [f"{a}{b}".capitalize() for a in ("vol", "kas", "mor", "tan", "hel", "dra", "pes", "lin")
            for b in ("kov", "ren", "ssen", "ari", "ez", "ov", "berg", "ic")]
    return [(rng.choice(first), rng.choice(last)) for _ in range(people)]


def _articles(count: int, seed: int) -> Iterator[tuple[str, str | None, str | None, list[tuple[str, str, str]]]]:
    """``(text, published, partial, [(passage, speaker, mention)])`` per article."""
    generator = Generator(seed)
    rng = generator.rng
    people = _names(rng, 400)
    pool: list[tuple[list[list[str]], tuple[str, str]]] = []
    topic = generator.topic()
    for n in range(count):
        if n % 50 == 0:
            topic = generator.topic()
        said = []
        for _ in range(rng.randint(4, 10)):
            if pool and rng.random() < 0.3:
                clauses, person = rng.choice(pool[-300:])
                text = generator.variant(clauses, rng.choice(KINDS))
            else:
                clauses, person = generator.statement(topic), rng.choice(people)
                pool.append((clauses, person))
                text = generator._render([w for c in clauses for w in c])
            name = f"{person[0]} {person[1]}" if rng.random() < 0.8 else f"{person[0][:-1]}y {person[1]}"
            said.append((text, name, rng.choice(["he", "she", person[1], f"Minister {name}"])))
        day = f"{2020 + n * 3 // count}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        body = " ".join(f"{t} {m} said." for t, _, m in said)
        yield body, (None if n % 40 == 0 else day), (day[4:] if n % 40 == 0 else None), said


def run_store(count: int = 10_000, seed: int = 5) -> dict[str, Any]:
    """Time ``link_store`` and its stages over a fresh store of generated articles with quotes."""
    from newstrace.link.entities import update_entities
    from newstrace.link.statements import update_statements
    from newstrace.link.years import update_years
    from newstrace.linking import link_copies, link_store
    from newstrace.store import open_store

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.db")
        quotes = _fill(store, count, seed)
        timings: dict[str, float] = {}
        for stage, call in (("copies", lambda: link_copies(store, 500)), ("entities", lambda: update_entities(store)),
                            ("statements", lambda: update_statements(store)), ("years", lambda: update_years(store))):
            started, cpu = time.perf_counter(), time.process_time()
            call()
            timings[f"{stage}_seconds"] = round(time.perf_counter() - started, 2)
            timings[f"{stage}_cpu_seconds"] = round(time.process_time() - cpu, 2)
        _fill(store, 1, seed + 1, first=count)
        started, cpu = time.perf_counter(), time.process_time()
        link_store(store)
        timings["one_more_article_link_seconds"] = round(time.perf_counter() - started, 2)
        timings["one_more_article_link_cpu_seconds"] = round(time.process_time() - cpu, 2)
        shared = store.db.execute(
            "SELECT COUNT(*) FROM (SELECT statement_id FROM statement_passages WHERE statement_id IS NOT NULL "
            "GROUP BY statement_id HAVING COUNT(*) > 1)").fetchone()[0]
        result = {"articles": count, "quotes": quotes, **timings,
                  "link_seconds": round(sum(v for k, v in timings.items() if "cpu" not in k and "one" not in k), 2),
                  "link_cpu_seconds": round(sum(v for k, v in timings.items() if "cpu" in k and "one" not in k), 2),
                  "statements_with_2_or_more_passages": shared,
                  "entities": len(store.entities())}
        store.close()
    return result


def _fill(store: Any, count: int, seed: int, first: int = 0) -> int:
    from newstrace.records import Article, PublishedDate, Quote, SourceRef
    from newstrace.store import Batch, StoredDoc

    quotes = 0
    for n, (text, published, partial, said) in enumerate(_articles(count, seed), start=first):
        date = PublishedDate(value=published, partial=partial, basis="metadata" if published else "dateline",
                             flags=() if published else ("year-unknown",))
        article = Article(id=f"{n:016x}", text=text, outlet=f"outlet-{n % 25}", published=date)
        store.write_batch(None, Batch(docs=[StoredDoc(article, SourceRef(f"gen/{n}"), "text")]))
        found, at = [], 0
        for i, (passage, name, mention) in enumerate(said):
            start = text.index(passage, at)
            at = start + len(passage)
            found.append(Quote(f"{n:012x}{i:04x}", article.id, "direct", passage, ((start, at),),
                               speaker_mention=mention, speaker=name, confidence=0.8))
        store.write_quotes([(article.id, found)], "bench")
        quotes += len(found)
    return quotes


def run(mode: str | None = None, limit: int | None = None) -> dict[str, Any]:
    """``quality`` (default), ``speed`` or ``store``."""
    if mode in (None, "quality"):
        return run_quality(statements=limit or 3000)
    if mode == "speed":
        return run_speed(size=limit or 100_000)
    if mode == "store":
        return run_store(count=limit or 10_000)
    raise ValueError(f"unknown mode {mode!r}; choose quality, speed or store")
