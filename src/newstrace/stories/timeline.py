"""Dated timelines from a set of articles: which days matter, and one or a few sentences for each.

Unsupervised, after date mention counting (Ghalandari & Ifrim 2020):

1. every sentence is dated (:mod:`newstrace.stories.dating`): the days its time
   expressions name, resolved against its article's publication date;
2. days are ranked by the number of articles that mention them (a mention of
   the article's own publication day, such as "today", counts half);
3. each chosen day gets the sentences closest to the TF-IDF centroid of the
   sentences about it (those that mention it, and with a lower weight the
   undated ones published that day or the day after), without near-repeats,
   repeated wire copies counting as extra support.

With ``keywords`` only sentences containing one of them are chosen and counted.
``build_timeline`` is the public function; ``plan_timeline`` keeps the sentence
objects (their raw tokenised form too) for evaluation.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from newstrace.records import TimelineArticle, TimelineEntry
from newstrace.stories import centroid as ct
from newstrace.stories.dating import DatedSentence, dated_sentences, parse_day
from newstrace.stories.sparse import dot

MAX_SUPPORT = 50
_NOT_NEWS = re.compile(r"\bPhoto\b|\bpictured\b|\bLast updated\b|\bGMT\b| \| |[?:]$", re.IGNORECASE)

Pool = list[tuple[DatedSentence, float]]


@dataclass(frozen=True, slots=True)
class TimelineParams:
    """The knobs of the method (defaults tuned on Timeline17; see BENCHMARKS.md)."""

    same_day_weight: float = 0.5
    future_weight: float = 1.0
    publication_weight: float = 0.0
    auto_publication_weight: float = 0.5
    auto_min_score: float = 1.0
    keyword_dates: bool = True
    undated_weight: float = 0.5
    undated_days: int = 1
    support_power: float = 0.3
    redundancy: float = 0.5
    min_words: int = 5
    max_words: int = 40


DEFAULT_PARAMS = TimelineParams()


@dataclass(frozen=True, slots=True)
class PlannedEntry:
    """A chosen day, its chosen sentences (best first) and the indices of the articles that support it."""

    day: date
    chosen: tuple[DatedSentence, ...]
    support: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Bounds:
    """The days a timeline may use (inclusive; None for open)."""

    start: date | None = None
    end: date | None = None

    def admits(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


def build_timeline(
    articles: Iterable[TimelineArticle], *, dates: int | None = None, sentences: int = 1,
    keywords: Sequence[str] = (), start: str | None = None, end: str | None = None,
) -> list[TimelineEntry]:
    """A timeline of ``articles``: ``dates`` entries (chosen automatically when None), sorted by date, each
    with at most ``sentences`` sentences; with ``keywords`` only sentences containing one of them.
    ``start``/``end`` (``YYYY-MM-DD``) bound the days it may use."""
    kept = [a for a in articles if isinstance(a, TimelineArticle)]
    bounds = Bounds(parse_day(start), parse_day(end))
    plan = plan_timeline(prepare(kept), dates=dates, sentences=sentences, keywords=keywords, bounds=bounds)
    return [to_entry(entry, kept) for entry in plan]


def prepare(articles: Sequence[TimelineArticle]) -> list[DatedSentence]:
    """Every sentence of ``articles`` with its day mentions (articles without a usable date give none)."""
    out: list[DatedSentence] = []
    for index, article in enumerate(articles):
        out.extend(dated_sentences(index, article))
    return out


def to_entry(entry: PlannedEntry, articles: Sequence[TimelineArticle]) -> TimelineEntry:
    """The public record of a planned entry: readable sentences, supporting article ids and their outlets."""
    ids = tuple(articles[i].id for i in entry.support)
    outlets = tuple(dict.fromkeys(o for o in (articles[i].outlet for i in entry.support) if o))
    return TimelineEntry(entry.day.isoformat(), tuple(s.text for s in entry.chosen), ids, outlets)


def plan_timeline(
    prepared: Sequence[DatedSentence], *, dates: int | None, sentences: int, keywords: Sequence[str] = (),
    bounds: Bounds | None = None, params: TimelineParams = DEFAULT_PARAMS,
) -> list[PlannedEntry]:
    """The entries of the timeline, sorted by day (see the module docstring for the method)."""
    if sentences < 1 or (dates is not None and dates < 1) or not prepared:
        return []
    bounds = bounds or Bounds()
    needles = tuple(k.lower() for k in keywords if isinstance(k, str) and k.strip())
    readable = [s for s in prepared if _readable(s, params)]
    selectable = [s for s in readable if _has_keyword(s, needles)]
    usable = {day for day in candidate_pools(selectable, params) if bounds.admits(day)}
    counted = [s for s in prepared if _has_keyword(s, needles)] if params.keyword_dates else prepared
    ranked = rank_dates(counted, params if dates is not None else _auto(params), usable)
    wanted = dates if dates is not None else auto_count(len({s.article for s in prepared}), ranked, params)
    pools = candidate_pools(readable, params)
    words_of = {text: ct.words(text) for text in dict.fromkeys(s.text for s in prepared)}
    idf = ct.Idf(words_of[s.text] for s in prepared)

    def vector_of(sentence: DatedSentence) -> ct.Vector:
        return idf.vector(words_of[sentence.text])

    used: set[str] = set()
    entries: list[PlannedEntry] = []
    for day, _ in ranked:
        if len(entries) >= wanted:
            break
        entry = _entry(day, pools[day], vector_of, sentences, params, needles, used)
        if entry.chosen:
            entries.append(entry)
    return sorted(entries, key=lambda e: e.day)


def _has_keyword(sentence: DatedSentence, needles: tuple[str, ...]) -> bool:
    if not needles:
        return True
    lowered = sentence.text.lower()
    return any(n in lowered for n in needles)


def _readable(sentence: DatedSentence, params: TimelineParams) -> bool:
    """Prose of a sensible length: no photo captions, page furniture, questions or lower-case fragments."""
    length = len(sentence.text.split())
    if not params.min_words <= length <= params.max_words:
        return False
    return not (_NOT_NEWS.search(sentence.text) or sentence.text[:1].islower())


def _auto(params: TimelineParams) -> TimelineParams:
    """Without a number of dates (small story sets) publication days count too."""
    return dataclasses.replace(params, publication_weight=params.auto_publication_weight)


def rank_dates(
    sentences: Sequence[DatedSentence], params: TimelineParams, usable: set[date],
) -> list[tuple[date, float]]:
    """The ``usable`` days with their scores, best first: the articles mentioning the day (a mention of the
    article's own day counts ``same_day_weight``, of a later day ``future_weight``) plus
    ``publication_weight`` per article published on it; ties go to the day mentioned by more sentences,
    then to the earlier day."""
    mentioned: dict[date, dict[int, float]] = defaultdict(dict)
    published: dict[date, set[int]] = defaultdict(set)
    repeated: dict[date, int] = defaultdict(int)
    for sentence in sentences:
        published[sentence.published].add(sentence.article)
        for day in sentence.mentions:
            repeated[day] += 1
            weight = _mention_weight(day, sentence.published, params)
            by_article = mentioned[day]
            by_article[sentence.article] = max(weight, by_article.get(sentence.article, 0.0))
    score = {
        d: sum(mentioned[d].values()) + params.publication_weight * len(published[d])
        for d in usable
    }
    ordered = sorted(usable, key=lambda d: (-score[d], -repeated[d], d))
    return [(d, score[d]) for d in ordered]


def _mention_weight(day: date, published: date, params: TimelineParams) -> float:
    if day == published:
        return params.same_day_weight
    return params.future_weight if day > published else 1.0


def candidate_pools(sentences: Sequence[DatedSentence], params: TimelineParams) -> dict[date, Pool]:
    """For each day, the sentences that may describe it, with weights: a sentence naming days shares 1 among
    them; an undated one weighs ``undated_weight`` for its publication day and the ``undated_days`` before."""
    pools: dict[date, Pool] = defaultdict(list)
    for sentence in sentences:
        if sentence.mentions:
            share = 1.0 / len(sentence.mentions)
            for day in sentence.mentions:
                pools[day].append((sentence, share))
        elif params.undated_weight > 0:
            for back in range(params.undated_days + 1):
                pools[sentence.published - timedelta(days=back)].append((sentence, params.undated_weight))
    return pools


def auto_count(articles: int, ranked: Sequence[tuple[date, float]], params: TimelineParams = DEFAULT_PARAMS) -> int:
    """How many days a timeline of ``articles`` articles shows when the caller does not say: the days with
    at least ``auto_min_score`` (one article's worth of evidence), at most ``max(8, 3 sqrt(articles))``,
    at least one."""
    strong = sum(1 for _, score in ranked if score >= params.auto_min_score)
    return min(len(ranked), max(1, min(strong, max(8, round(3 * math.sqrt(articles))))))


def _key(sentence: DatedSentence) -> str:
    return " ".join(sentence.text.lower().split())


def _merged(pool: Pool) -> list[tuple[DatedSentence, float]]:
    """Identical sentences (wire copies) merged into one with their weights added."""
    merged: dict[str, tuple[DatedSentence, float]] = {}
    for sentence, weight in pool:
        key = _key(sentence)
        first, total = merged.get(key, (sentence, 0.0))
        merged[key] = (first, total + weight)
    return list(merged.values())


def _entry(day: date, pool: Pool, vector_of: Callable[[DatedSentence], ct.Vector], count: int, params: TimelineParams,
           needles: tuple[str, ...], used: set[str]) -> PlannedEntry:
    """The day's sentences: the centroid of all its sentences, the choice among those with a keyword that
    no more important day has taken (``used`` grows)."""
    items = _merged(pool)
    vectors = [vector_of(s) for s, _ in items]
    center = ct.centroid(vectors, [w for _, w in items])
    scores = [
        dot(v, center) * w**params.support_power if _has_keyword(s, needles) and _key(s) not in used else -1.0
        for v, (s, w) in zip(vectors, items, strict=True)
    ]
    picked = [i for i in ct.pick(vectors, scores, count, params.redundancy) if scores[i] >= 0]
    chosen = tuple(items[i][0] for i in picked)
    used.update(_key(s) for s in chosen)
    support = list(dict.fromkeys([s.article for s in chosen] + sorted({s.article for s, _ in pool})))
    return PlannedEntry(day, chosen, tuple(support[:MAX_SUPPORT]))
