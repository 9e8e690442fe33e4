"""Events: articles about the same happening, clustered online as they arrive.

:class:`EventIndex` is a stateful index with a small verb set (``insert``,
``query``, ``restore``).  Inserting an article either joins the event it fits
best or opens a new one; there is no fixed number of events.

* **Evidence**: the article's TF-IDF vector over hashed title and text words
  plus its actors (:mod:`newstrace.stories.features`), with document
  frequencies that grow with the corpus (:class:`~newstrace.stories.vectors.OnlineIdf`,
  rare terms weigh ``idf ** power``); statements it shares with an event's
  articles add ``quote_bonus``; a near-duplicate copy always joins its
  canonical article's event.
* **Score**: the mean cosine between the article and the event's articles
  (average linkage, computed from the event's summed unit vectors), plus the
  quote bonus; the article joins the best event scoring at least ``threshold``.
* **Time**: only events with an article within ``window_days`` of the article's
  date are candidates.  A date without a year (``--MM-DD``) is compared by
  month and day; an undated article may join an event of any date.
* **Sublinear lookup**: each article is posted under its ``index_terms``
  heaviest terms and a time bucket; a query reads the postings of its own
  ``query_terms`` heaviest terms in the buckets of its window only.

Paragraphs met in ``boilerplate_after`` or more earlier articles (crawl
notices, newsletter boxes) are left out of an article's terms.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from newstrace.stories.features import DocFeatures, StoryDoc, day_number, featurize
from newstrace.stories.sparse import add_into, dot
from newstrace.stories.vectors import OnlineIdf, Vector, top_terms

UNDATED = -1
_PARTIAL_BASE = -1000


@dataclass(frozen=True, slots=True)
class EventParams:
    """The knobs of the event clusterer (defaults tuned on Multi-News validation; see BENCHMARKS.md)."""

    threshold: float = 0.12
    window_days: int = 7
    query_terms: int = 16
    index_terms: int = 16
    stored_terms: int = 120
    max_candidates: int = 300
    quote_bonus: float = 0.25
    boilerplate_after: int = 2

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise ValueError(f"threshold must be in (0, 1), got {self.threshold}")
        for name in ("window_days", "query_terms", "index_terms", "stored_terms", "max_candidates",
                     "boilerplate_after"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")


@dataclass(frozen=True, slots=True)
class Placement:
    """Where ``insert`` put an article: its event, whether that event is new, the score, and what was indexed.

    ``vector`` is the article's stored unit vector (its ``stored_terms`` heaviest
    terms) and ``day``/``yday`` its date as an ordinal or day of year.
    """

    article_id: str
    event_id: str
    created: bool
    score: float
    vector: Vector
    actors: tuple[str, ...]
    day: int | None
    yday: int | None
    quote_keys: tuple[int, ...] = ()


@dataclass(slots=True)
class EventState:
    """An event as the index keeps it."""

    id: str
    total: Vector = field(default_factory=dict)
    members: list[str] = field(default_factory=list)
    first: int | None = None
    last: int | None = None
    ydays: set[int] = field(default_factory=set)
    quotes: set[int] = field(default_factory=set)
    actors: Counter[str] = field(default_factory=Counter)

    @property
    def size(self) -> int:
        return len(self.members)


class EventIndex:
    """Online event clustering over a growing corpus (see the module docstring)."""

    def __init__(self, params: EventParams | None = None, idf: OnlineIdf | None = None) -> None:
        self.params = params or EventParams()
        self.idf = idf or OnlineIdf()
        self.events: dict[str, EventState] = {}
        self.article_event: dict[str, str] = {}
        self._postings: dict[int, dict[int, set[str]]] = defaultdict(dict)
        self._quote_postings: dict[int, set[str]] = defaultdict(set)
        self._years: set[int] = set()

    def __len__(self) -> int:
        return len(self.article_event)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self.article_event

    # -- verbs ------------------------------------------------------------------------------------------------------

    def insert(self, doc: StoryDoc) -> Placement:
        """Place ``doc`` in an event (an existing one or a new one) and update the index."""
        if doc.id in self.article_event:
            return self.placement_of(doc)
        features = self._features(doc)
        vector = self.idf.vector(features.terms)
        day, yday = day_number(doc.date)
        event_id, score = self._choose(doc, vector, features.quote_keys, day, yday)
        stored = self.idf.vector(features.terms, self.params.stored_terms)
        self.idf.add((t for t, _ in features.terms), features.paragraphs)
        created = event_id is None
        placement = Placement(doc.id, event_id or _event_id(doc.id), created, score, stored, features.actors, day,
                              yday, features.quote_keys)
        self.restore(placement)
        return placement

    def query(self, doc: StoryDoc) -> list[tuple[str, float]]:
        """Candidate events for ``doc`` with their scores, best first (nothing is changed)."""
        features = self._features(doc)
        vector = self.idf.vector(features.terms)
        day, yday = day_number(doc.date)
        scored = self._scores(vector, features.quote_keys, day, yday)
        return sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))

    def restore(self, placement: Placement) -> None:
        """Add an already placed article (from ``insert`` or from the store) to its event and the postings."""
        event = self.events.get(placement.event_id)
        if event is None:
            event = self.events[placement.event_id] = EventState(placement.event_id)
        add_into(event.total, placement.vector)
        event.members.append(placement.article_id)
        event.actors.update(placement.actors)
        _extend_dates(event, placement.day, placement.yday)
        if placement.day is not None:
            self._years.add(_year(placement.day))
        self.article_event[placement.article_id] = event.id
        bucket = self._bucket(placement.day, placement.yday)
        for term in top_terms(placement.vector, self.params.index_terms):
            self._postings[term].setdefault(bucket, set()).add(event.id)
        for key in placement.quote_keys:
            self._quote_postings[key].add(event.id)
            event.quotes.add(key)

    def event_of(self, article_id: str) -> str | None:
        return self.article_event.get(article_id)

    # -- internals --------------------------------------------------------------------------------------------------

    def _features(self, doc: StoryDoc) -> DocFeatures:
        first = featurize(doc)
        noisy = frozenset(h for h in first.paragraphs if self.idf.paragraph_count(h) >= self.params.boilerplate_after)
        if not noisy:
            return first
        cleaned = featurize(doc, noisy)
        return DocFeatures(cleaned.terms, cleaned.actors, first.paragraphs, cleaned.quote_keys)

    def placement_of(self, doc: StoryDoc) -> Placement:
        event_id = self.article_event[doc.id]
        day, yday = day_number(doc.date)
        return Placement(doc.id, event_id, False, 1.0, {}, (), day, yday)

    def _choose(
        self, doc: StoryDoc, vector: Vector, quotes: tuple[int, ...], day: int | None, yday: int | None
    ) -> tuple[str | None, float]:
        canonical = doc.canonical if doc.canonical and doc.canonical != doc.id else None
        if canonical and canonical in self.article_event:
            return self.article_event[canonical], 1.0
        scored = self._scores(vector, quotes, day, yday)
        if not scored:
            return None, 0.0
        best = min(scored, key=lambda e: (-scored[e], e))
        return (best, scored[best]) if scored[best] >= self.params.threshold else (None, scored[best])

    def _scores(self, vector: Vector, quotes: tuple[int, ...], day: int | None, yday: int | None) -> dict[str, float]:
        scores: dict[str, float] = {}
        for event_id in self._candidates(vector, quotes, day, yday):
            event = self.events[event_id]
            if not _in_window(event, day, yday, self.params.window_days):
                continue
            score = dot(vector, event.total) / event.size
            if quotes and event.quotes.intersection(quotes):
                score += self.params.quote_bonus
            scores[event_id] = score
        return scores

    def _candidates(self, vector: Vector, quotes: tuple[int, ...], day: int | None, yday: int | None) -> list[str]:
        buckets = self._query_buckets(day, yday)
        hits: Counter[str] = Counter()
        for term in top_terms(vector, self.params.query_terms):
            by_bucket = self._postings.get(term)
            if not by_bucket:
                continue
            groups = by_bucket.values() if buckets is None else (by_bucket.get(b, ()) for b in buckets)
            for group in groups:
                hits.update(group)
        for key in quotes:
            hits.update(dict.fromkeys(self._quote_postings.get(key, ()), 3))
        return [event_id for event_id, _ in hits.most_common(self.params.max_candidates)]

    def _bucket(self, day: int | None, yday: int | None) -> int:
        width = self.params.window_days
        if day is not None:
            return day // width
        if yday is not None:
            return _PARTIAL_BASE - yday // width
        return UNDATED

    def _query_buckets(self, day: int | None, yday: int | None) -> list[int] | None:
        """The buckets a query reads; None means every bucket (an undated article)."""
        width = self.params.window_days
        if day is None and yday is None:
            return None
        if day is not None:
            days = [day]
            yday = _yday(day)
        else:
            days = [_ordinal(year, yday or 1) for year in self._years]
        out = {UNDATED}
        for d in days:
            out.update(range((d - width) // width, (d + width) // width + 1))
        assert yday is not None
        out.update(_PARTIAL_BASE - (y % 366) // width for y in range(yday - width, yday + width + 1))
        return sorted(out)


def _event_id(article_id: str) -> str:
    return "ev-" + article_id[:12]


def _extend_dates(event: EventState, day: int | None, yday: int | None) -> None:
    if day is not None:
        event.first = day if event.first is None else min(event.first, day)
        event.last = day if event.last is None else max(event.last, day)
        event.ydays.add(_yday(day))
    elif yday is not None:
        event.ydays.add(yday)


def _in_window(event: EventState, day: int | None, yday: int | None, window: int) -> bool:
    if day is None and yday is None:
        return True
    if day is not None and event.first is not None and event.last is not None:
        return event.first - window <= day <= event.last + window
    probe = yday if yday is not None else _yday(day or 1)
    if not event.ydays:
        return True
    return any(min(abs(probe - y), 366 - abs(probe - y)) <= window for y in event.ydays)


def _yday(ordinal: int) -> int:
    return date.fromordinal(ordinal).timetuple().tm_yday


def _year(ordinal: int) -> int:
    return date.fromordinal(ordinal).year


def _ordinal(year: int, yday: int) -> int:
    return date(year, 1, 1).toordinal() + yday - 1
