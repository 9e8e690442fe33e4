"""Storylines: events chained over time by the actors and the subject they share.

:class:`StorylineIndex` keeps, for each storyline, the sum of its articles'
unit term vectors (the subject) and a count of its actors (people,
organisations and places named in it, and quote speakers).  When an event gets
its first article the event joins the storyline it fits best, within
``window_days`` (months, not days) of the storyline's last article, or starts a
new one.  The fit is ``actor_weight`` times the cosine of the IDF-weighted
actor profiles plus the rest times the cosine of the term profiles.  A
storyline made of a single event may still move to a better one as its event
grows, and two storylines merge when an event ties them at ``merge_threshold``
or more (both checks run when the event reaches 2, 4, 8, ... articles);
storylines scoring between ``link_threshold`` and ``threshold`` are recorded as
*related* instead of merged.  An event is compared through its
``query_terms`` heaviest terms.  Candidate lookup goes through
postings of actors and heavy terms, so it does not read every storyline.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from newstrace.stories.features import ACTOR_PREFIX, term_hash
from newstrace.stories.sparse import add_into, dot, norm, unit
from newstrace.stories.vectors import OnlineIdf, Vector, top_terms


@dataclass(frozen=True, slots=True)
class StorylineParams:
    """The knobs of storyline chaining."""

    threshold: float = 0.22
    link_threshold: float = 0.12
    merge_threshold: float = 0.4
    window_days: int = 400
    actor_weight: float = 0.5
    actor_idf: float = 0.5
    profile_terms: int = 24
    query_terms: int = 256
    profile_actors: int = 8
    max_candidates: int = 60

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise ValueError(f"threshold must be in (0, 1), got {self.threshold}")
        if not self.threshold <= self.merge_threshold <= 1.0:
            raise ValueError(f"merge_threshold must be between threshold and 1, got {self.merge_threshold}")
        if not 0.0 <= self.link_threshold <= self.threshold:
            raise ValueError(f"link_threshold must be between 0 and threshold, got {self.link_threshold}")
        if not 0.0 <= self.actor_weight <= 1.0:
            raise ValueError(f"actor_weight must be in [0, 1], got {self.actor_weight}")
        if self.window_days < 1 or self.profile_terms < 1 or self.profile_actors < 1 or self.max_candidates < 1:
            raise ValueError("window_days, profile_terms, profile_actors and max_candidates must be positive")


@dataclass(slots=True)
class StorylineState:
    """A storyline as the index keeps it."""

    id: str
    terms: Vector = field(default_factory=dict)
    actors: Counter[str] = field(default_factory=Counter)
    events: list[str] = field(default_factory=list)
    articles: int = 0
    first: int | None = None
    last: int | None = None
    related: set[str] = field(default_factory=set)
    indexed: set[int] = field(default_factory=set)
    norm_sq: float = 0.0
    cached_actors: Vector | None = None


@dataclass(slots=True)
class _EventProfile:
    terms: Vector = field(default_factory=dict)
    actors: Counter[str] = field(default_factory=Counter)
    day: int | None = None
    articles: int = 0


class StorylineIndex:
    """Chains events into storylines as articles arrive (see the module docstring)."""

    def __init__(self, idf: OnlineIdf, params: StorylineParams | None = None) -> None:
        self.params = params or StorylineParams()
        self.idf = idf
        self.storylines: dict[str, StorylineState] = {}
        self.event_storyline: dict[str, str] = {}
        self._profiles: dict[str, _EventProfile] = {}
        self._postings: dict[int, set[str]] = defaultdict(set)

    def add(self, event_id: str, vector: Vector, actors: tuple[str, ...], day: int | None) -> str:
        """Count one more article of ``event_id`` and return the storyline the event belongs to."""
        profile = self._profile(event_id, vector, actors, day)
        current = self.event_storyline.get(event_id)
        checkpoint = profile.articles & (profile.articles - 1) == 0
        if current is None or (checkpoint and self._movable(current)):
            target = self._choose(event_id, profile, current)
            if target != current:
                self._move(event_id, current, target)
        story = self.storylines[self.event_storyline[event_id]]
        self._count(story, vector, actors, day)
        if current is not None and checkpoint and not self._movable(story.id):
            self._merge_near(story.id, profile)
        return self.event_storyline[event_id]

    def _profile(self, event_id: str, vector: Vector, actors: tuple[str, ...], day: int | None) -> _EventProfile:
        profile = self._profiles.setdefault(event_id, _EventProfile())
        add_into(profile.terms, vector)
        profile.actors.update(actors)
        profile.articles += 1
        if day is not None:
            profile.day = day if profile.day is None else max(profile.day, day)
        return profile

    def _merge_near(self, story_id: str, profile: _EventProfile) -> None:
        """Two storylines that grew apart from weak first evidence merge once an event ties them strongly."""
        scores = self._scores(profile, exclude=story_id)
        best = min(scores, key=lambda s: (-scores[s], s)) if scores else None
        if best is None or scores[best] < self.params.merge_threshold:
            return
        self._join(story_id, best)

    def _join(self, first: str, second: str) -> str:
        """Merge two storylines into the larger one (ties: the smaller id); returns the id kept."""
        keep, drop = sorted((first, second), key=lambda s: (-self.storylines[s].articles, s))
        for event_id in self.storylines[drop].events:
            self.event_storyline[event_id] = keep
        self.storylines[keep].events.extend(self.storylines[drop].events)
        self._absorb(keep, drop)
        return keep

    def merge_events(self, kept: str, absorbed: str) -> None:
        """Event ``absorbed`` was merged into event ``kept``: one profile, and one storyline for both.

        The same happening cannot sit in two storylines, so when the two events
        were in different storylines those storylines merge too.
        """
        old = self._profiles.pop(absorbed, None)
        source = self.event_storyline.pop(absorbed, None)
        if old is None or source is None or kept not in self.event_storyline:
            return
        profile = self._profiles[kept]
        add_into(profile.terms, old.terms)
        profile.actors.update(old.actors)
        profile.articles += old.articles
        if old.day is not None:
            profile.day = old.day if profile.day is None else max(profile.day, old.day)
        self.storylines[source].events.remove(absorbed)
        target = self.event_storyline[kept]
        if source != target:
            self._join(target, source)

    def restore(self, event_id: str, storyline_id: str, vector: Vector, actors: tuple[str, ...],
                day: int | None) -> None:
        """Add an already placed article (from the store) without choosing again."""
        self._profile(event_id, vector, actors, day)
        if event_id not in self.event_storyline:
            self.event_storyline[event_id] = storyline_id
            self.storylines.setdefault(storyline_id, StorylineState(storyline_id)).events.append(event_id)
        self._count(self.storylines[storyline_id], vector, actors, day)

    def relate(self, storyline_id: str, others: set[str]) -> None:
        story = self.storylines.get(storyline_id)
        if story is not None:
            story.related.update(o for o in others if o in self.storylines and o != storyline_id)

    # -- internals --------------------------------------------------------------------------------------------------

    def _movable(self, storyline_id: str) -> bool:
        story = self.storylines.get(storyline_id)
        return story is not None and len(story.events) == 1

    def _choose(self, event_id: str, profile: _EventProfile, current: str | None) -> str:
        scores = self._scores(profile, exclude=current)
        best = min(scores, key=lambda s: (-scores[s], s)) if scores else None
        if best is not None and scores[best] >= self.params.threshold:
            return best
        target = current or "st-" + event_id.removeprefix("ev-")
        related = {s for s, v in scores.items() if v >= self.params.link_threshold and s != target}
        self.storylines.setdefault(target, StorylineState(target)).related.update(related)
        return target

    def _scores(self, profile: _EventProfile, exclude: str | None) -> dict[str, float]:
        actor_vec = self._actor_vector(profile.actors)
        term_vec = {t: profile.terms[t] for t in top_terms(profile.terms, self.params.query_terms)}
        term_norm = norm(term_vec) or 1.0
        out: dict[str, float] = {}
        for story_id in self._candidates(term_vec, actor_vec):
            story = self.storylines[story_id]
            if story_id == exclude or not self._in_window(story, profile.day):
                continue
            terms = dot(term_vec, story.terms) / (term_norm * (math.sqrt(story.norm_sq) or 1.0))
            people = dot(actor_vec, self._story_actors(story))
            out[story_id] = self.params.actor_weight * people + (1 - self.params.actor_weight) * terms
        return out

    def _story_actors(self, story: StorylineState) -> Vector:
        """The storyline's actor vector, recomputed only after it changed."""
        if story.cached_actors is None:
            story.cached_actors = self._actor_vector(story.actors)
        return story.cached_actors

    def _candidates(self, terms: Vector, actors: Vector) -> list[str]:
        hits: Counter[str] = Counter()
        keys = top_terms(terms, self.params.profile_terms) + list(actors)
        for key in keys:
            hits.update(self._postings.get(key, ()))
        return [s for s, _ in hits.most_common(self.params.max_candidates)]

    def _actor_vector(self, actors: Counter[str]) -> Vector:
        top = actors.most_common(self.params.profile_actors)
        vec: Vector = {}
        for name, count in top:
            key = term_hash(ACTOR_PREFIX + name)
            vec[key] = vec.get(key, 0.0) + (1.0 + math.log(count)) * self.idf.weight(key) ** self.params.actor_idf
        return unit(vec)

    def _in_window(self, story: StorylineState, day: int | None) -> bool:
        if day is None or story.first is None or story.last is None:
            return True
        return story.first - self.params.window_days <= day <= story.last + self.params.window_days

    def _move(self, event_id: str, source: str | None, target: str) -> None:
        self.storylines.setdefault(target, StorylineState(target)).events.append(event_id)
        self.event_storyline[event_id] = target
        if source is not None and source in self.storylines:
            self._absorb(target, source)

    def _absorb(self, target: str, source: str) -> None:
        """Fold storyline ``source`` (its events already pointed at ``target``) into ``target``."""
        old = self.storylines.pop(source)
        story = self.storylines[target]
        story.cached_actors = None
        add_into(story.terms, old.terms)
        story.norm_sq = norm(story.terms) ** 2
        story.actors.update(old.actors)
        story.articles += old.articles
        story.related.update(r for r in old.related if r != target)
        story.related.discard(source)
        for day in (old.first, old.last):
            _extend(story, day)
        for key in old.indexed:
            self._postings[key].discard(source)
            self._postings[key].add(target)
            story.indexed.add(key)

    def _count(self, story: StorylineState, vector: Vector, actors: tuple[str, ...], day: int | None) -> None:
        story.cached_actors = None
        story.norm_sq += sum(2.0 * story.terms.get(t, 0.0) * v + v * v for t, v in vector.items())
        add_into(story.terms, vector)
        story.actors.update(actors)
        story.articles += 1
        _extend(story, day)
        keys = top_terms(vector, self.params.profile_terms // 2)
        keys += [term_hash(ACTOR_PREFIX + a) for a in actors[: self.params.profile_actors]]
        for key in keys:
            if key not in story.indexed:
                story.indexed.add(key)
                self._postings[key].add(story.id)


def _extend(story: StorylineState, day: int | None) -> None:
    if day is None:
        return
    story.first = day if story.first is None else min(story.first, day)
    story.last = day if story.last is None else max(story.last, day)
