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
* **Merging**: an early article can open a second event for what later turns
  out to be the same happening.  After each insert, the events the new article
  also fits (scoring at least ``bridge`` times the threshold; at most
  ``merge_candidates`` of them) are compared with the article's event: they
  merge when their average linkage (mean cosine over all pairs of their
  articles) reaches ``merge_threshold`` or the cosine of their centroids reaches
  ``centroid_merge``.  The older event keeps its id; the absorbed id is recorded
  (:attr:`EventIndex.absorbed`), stale postings resolve through it, and the
  merges of each insert are handed out once by :meth:`EventIndex.take_merges`.

Paragraphs met in ``boilerplate_after`` or more earlier articles (crawl
notices, newsletter boxes) are left out of an article's terms.  A page that is
not news at all (a crawl notice, a sign-in or cookie wall, an empty text; see
:mod:`newstrace.stories.noise`) becomes an event of its own that nothing joins.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

from newstrace.stories.features import DocFeatures, StoryDoc, day_number, featurize
from newstrace.stories.noise import NoiseParams, is_noise, reports_speech
from newstrace.stories.sparse import add_into, dot, norm
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
    merge_threshold: float = 0.15
    centroid_merge: float = 0.5
    bridge: float = 1.0
    merge_candidates: int = 3
    noise: NoiseParams = NoiseParams()

    def __post_init__(self) -> None:
        for name in ("threshold", "merge_threshold", "centroid_merge"):
            if not 0.0 < getattr(self, name) < 1.0:
                raise ValueError(f"{name} must be in (0, 1), got {getattr(self, name)}")
        if not 0.0 < self.bridge <= 2.0:
            raise ValueError(f"bridge must be in (0, 2], got {self.bridge}")
        for name in ("window_days", "query_terms", "index_terms", "stored_terms", "max_candidates",
                     "boilerplate_after"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.merge_candidates < 0:
            raise ValueError(f"merge_candidates must be 0 (no merging) or more, got {self.merge_candidates}")


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
    born: int = 0

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
        self.absorbed: dict[str, str] = {}
        self._born = 0
        self._merges: list[tuple[str, str]] = []

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
        day, yday = day_number(doc.date)
        if self._noise(doc, features):
            return self._alone(doc, features, day, yday)
        vector = self.idf.vector(features.terms)
        scored = self._scores(vector, features.quote_keys, day, yday)
        event_id, score = self._choose(doc, scored)
        stored = self.idf.vector(features.terms, self.params.stored_terms)
        self.idf.add((t for t, _ in features.terms), features.paragraphs)
        created = event_id is None
        placement = Placement(doc.id, event_id or _event_id(doc.id), created, score, stored, features.actors, day,
                              yday, features.quote_keys)
        self.restore(placement)
        if event_id is not None:
            kept = self._merge_bridged(event_id, scored)
            if kept != event_id:
                placement = replace(placement, event_id=kept)
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
            event = self.events[placement.event_id] = EventState(placement.event_id, born=self._born)
            self._born += 1
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

    def resolve(self, event_id: str) -> str:
        """The id an event goes by now: itself, or the event it was merged into (through any chain of merges)."""
        seen = event_id
        for _ in range(len(self.absorbed)):  # bounded: a damaged record with a cycle cannot loop forever
            if seen not in self.absorbed:
                break
            seen = self.absorbed[seen]
        return seen

    def take_merges(self) -> list[tuple[str, str]]:
        """The ``(kept, absorbed)`` merges made since the last call, oldest first."""
        out, self._merges = self._merges, []
        return out

    def restore_absorbed(self, absorbed: dict[str, str]) -> None:
        """Replay the absorbed ids recorded by earlier runs (their articles are already restored under the kept id)."""
        self.absorbed.update((a, k) for a, k in absorbed.items() if a != k and a not in self.events)

    # -- internals --------------------------------------------------------------------------------------------------

    def _features(self, doc: StoryDoc) -> DocFeatures:
        first = featurize(doc)
        noisy = frozenset(h for h in first.paragraphs if self.idf.paragraph_count(h) >= self.params.boilerplate_after)
        if not noisy:
            return first
        cleaned = featurize(doc, noisy)
        return DocFeatures(cleaned.terms, cleaned.actors, first.paragraphs, cleaned.quote_keys, cleaned.content,
                           cleaned.service)

    def _noise(self, doc: StoryDoc, features: DocFeatures) -> bool:
        """A non-article page, unless it carries quotes, copies an article or reports speech (the text scan last)."""
        if not is_noise(features.content, features.service, bool(doc.title and doc.title.strip()), self.params.noise):
            return False
        return not (doc.quote_keys or (doc.canonical and doc.canonical != doc.id) or reports_speech(doc.text))

    def _alone(self, doc: StoryDoc, features: DocFeatures, day: int | None, yday: int | None) -> Placement:
        """A non-article page: an event of its own, stored without terms so that nothing can join it."""
        self.idf.add((t for t, _ in features.terms), features.paragraphs)
        placement = Placement(doc.id, _event_id(doc.id), True, 0.0, {}, (), day, yday)
        self.restore(placement)
        return placement

    def placement_of(self, doc: StoryDoc) -> Placement:
        event_id = self.article_event[doc.id]
        day, yday = day_number(doc.date)
        return Placement(doc.id, event_id, False, 1.0, {}, (), day, yday)

    def _choose(self, doc: StoryDoc, scored: dict[str, float]) -> tuple[str | None, float]:
        canonical = doc.canonical if doc.canonical and doc.canonical != doc.id else None
        if canonical and canonical in self.article_event:
            return self.article_event[canonical], 1.0
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
        if self.absorbed:
            hits = self._resolved(hits)
        return [event_id for event_id, _ in hits.most_common(self.params.max_candidates)]

    def _resolved(self, hits: Counter[str]) -> Counter[str]:
        out: Counter[str] = Counter()
        for event_id, count in hits.items():
            out[self.resolve(event_id)] += count
        return out

    # -- merging ----------------------------------------------------------------------------------------------------

    def _merge_bridged(self, event_id: str, scored: dict[str, float]) -> str:
        """Merge into one the article's event and the events it bridges to; returns the id the event keeps."""
        floor = self.params.threshold * self.params.bridge
        others = sorted((e for e, s in scored.items() if e != event_id and s >= floor), key=lambda e: (-scored[e], e))
        current = event_id
        for other in others[: self.params.merge_candidates]:  # live ids: candidates are resolved when scored
            if self._close(current, other):
                current = self._merge(current, other)
        return current

    def _close(self, a: str, b: str) -> bool:
        first, second = self.events[a], self.events[b]
        shared = dot(first.total, second.total)
        if shared / (first.size * second.size) >= self.params.merge_threshold:
            return True
        lengths = norm(first.total) * norm(second.total)
        return bool(lengths) and shared / lengths >= self.params.centroid_merge

    def _merge(self, a: str, b: str) -> str:
        """Fold the younger of events ``a`` and ``b`` into the older; returns the older's id."""
        keep, drop = sorted((self.events[a], self.events[b]), key=lambda e: e.born)
        del self.events[drop.id]
        add_into(keep.total, drop.total)
        keep.members.extend(drop.members)
        keep.actors.update(drop.actors)
        keep.quotes.update(drop.quotes)
        for day in (drop.first, drop.last):
            _extend_dates(keep, day, None)
        keep.ydays.update(drop.ydays)
        for member in drop.members:
            self.article_event[member] = keep.id
        self.absorbed[drop.id] = keep.id
        self._merges.append((keep.id, drop.id))
        return keep.id

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
