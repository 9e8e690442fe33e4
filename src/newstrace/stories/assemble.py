"""One storyline's record: its events, title, dated timeline, summary, outlet comparison and what each article added.

``assemble_story`` is pure: it takes the storyline's articles (with their event
and stored story vector) and the quotes they carry, and returns a
:class:`~newstrace.records.Story`.  A date without a year (``--MM-DD``) gets,
for the timeline only, the year that puts it nearest to the storyline's fully
dated articles; undated articles count for events, summaries and outlets but
not for the timeline.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from newstrace.records import Event, Story, TimelineArticle, TimelineEntry
from newstrace.stories.centroid import words
from newstrace.stories.compare import CoverageArticle, QuoteUse, compare_outlets, story_quotes
from newstrace.stories.dating import parse_day
from newstrace.stories.sentences import sentences_of
from newstrace.stories.sparse import add_into, dot
from newstrace.stories.summary import SummaryArticle, novelty, summarize
from newstrace.stories.vectors import Vector

TimelineBuilder = Callable[[list[TimelineArticle]], list[TimelineEntry]]
EVENT_SUMMARY = 2
STORY_SUMMARY = 3


@dataclass(frozen=True, slots=True)
class Member:
    """An article of the storyline with its event and stored vector and actors."""

    id: str
    event_id: str
    text: str
    title: str | None
    outlet: str | None
    date: str | None
    vector: Vector = field(default_factory=dict)
    actors: tuple[str, ...] = ()


def assemble_story(story_id: str, members: Sequence[Member], quotes: Sequence[QuoteUse],
                   timeline: TimelineBuilder, related: Sequence[str] = ()) -> Story:
    """The record of storyline ``story_id`` (``members`` in the order they were added)."""
    days = resolve_days(members)
    ordered = sorted(members, key=lambda m: (days.get(m.id) or date.max, m.date or "", m.id))
    coverage = [CoverageArticle(m.id, m.outlet, _shown_day(days.get(m.id), m.date), m.text, m.title) for m in ordered]
    carried = story_quotes(quotes, coverage)
    dated = [d for d in days.values() if d]
    texts = _summary_articles(ordered)
    return Story(
        id=story_id,
        title=story_title(ordered),
        article_ids=tuple(m.id for m in ordered),
        events=tuple(_events(story_id, ordered, days, texts)),
        timeline=tuple(timeline(_timeline_articles(ordered, days))),
        summary=tuple(summarize(texts, sentences=STORY_SUMMARY)),
        outlets=tuple(compare_outlets(coverage, carried)),
        quotes=tuple(carried),
        novelty=tuple(novelty(texts)),
        first_date=min(dated).isoformat() if dated else _partial_bound(members, min),
        last_date=max(dated).isoformat() if dated else _partial_bound(members, max),
        actors=_top_actors(ordered),
        terms=_top_terms(ordered),
        related=tuple(sorted(related)),
    )


def resolve_days(members: Sequence[Member]) -> dict[str, date | None]:
    """Each article's day: its full date, a month-day date placed in the nearest year, or None."""
    full = {m.id: parse_day(m.date) for m in members}
    anchors = sorted(d for d in full.values() if d)
    out: dict[str, date | None] = {}
    for m in members:
        if full[m.id] is not None or not (m.date or "").startswith("--") or not anchors:
            out[m.id] = full[m.id]
            continue
        out[m.id] = _nearest_year(m.date or "", anchors)
    return out


def _shown_day(day: date | None, raw: str | None) -> str | None:
    return day.isoformat() if day else raw


def _nearest_year(partial: str, anchors: list[date]) -> date | None:
    try:
        month, day = int(partial[2:4]), int(partial[5:7])
    except ValueError:
        return None
    options = []
    for year in {a.year + k for a in anchors for k in (-1, 0, 1)}:
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: (min(abs((d - a).days) for a in anchors), d)) if options else None


def _partial_bound(members: Sequence[Member], pick: Callable[[list[str]], str]) -> str | None:
    partial = [m.date for m in members if m.date and m.date.startswith("--")]
    return pick(partial) if partial else None


def story_title(members: Sequence[Member]) -> str:
    """The headline most central to the storyline, else the shortened lead of its most central article."""
    total: Vector = {}
    for m in members:
        add_into(total, m.vector)
    titled = [m for m in members if m.title and len(m.title.split()) >= 3]
    if titled:
        return max(titled, key=lambda m: (round(dot(m.vector, total), 9), -members.index(m))).title or ""  # ties: first
    if not members:
        return "(empty)"
    central = max(members, key=lambda m: (round(dot(m.vector, total), 9), -members.index(m)))
    return _lead(central.text) or ", ".join(a.title() for a in _top_actors(members)[:3]) or "(untitled)"


def _lead(text: str, limit: int = 14) -> str:
    sentences = sentences_of(text if isinstance(text, str) else "")
    if not sentences:
        return ""
    tokens = sentences[0].text.split()
    return " ".join(tokens[:limit]).rstrip(",;:") + ("…" if len(tokens) > limit else "")


def _events(story_id: str, ordered: Sequence[Member], days: dict[str, date | None],
            texts: Sequence[SummaryArticle]) -> list[Event]:
    """The storyline's events; ``texts`` are the summariser's view of ``ordered`` (same order)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(ordered):
        groups[m.event_id].append(i)
    out = []
    for event_id, indices in groups.items():
        group = [ordered[i] for i in indices]
        dated = [days[m.id] for m in group if days.get(m.id)]
        partial = sorted(m.date for m in group if m.date)
        when = min(d for d in dated if d).isoformat() if dated else (partial[0] if partial else None)
        out.append(Event(
            id=event_id, article_ids=tuple(m.id for m in group), date=when, title=story_title(group),
            story_id=story_id, outlets=tuple(dict.fromkeys(m.outlet for m in group if m.outlet)),
            summary=tuple(summarize([texts[i] for i in indices], sentences=EVENT_SUMMARY)),
        ))
    return sorted(out, key=lambda e: (e.date is None, e.date or "", e.id))


def _timeline_articles(ordered: Sequence[Member], days: dict[str, date | None]) -> list[TimelineArticle]:
    out = []
    for m in ordered:
        day = days.get(m.id)
        if day is not None:
            out.append(TimelineArticle(m.id, day.isoformat(), m.text, m.title, m.outlet))
    return out


def _summary_articles(members: Sequence[Member]) -> list[SummaryArticle]:
    """The members as the summariser takes them, each text split into sentences once for all the summaries."""
    return [SummaryArticle(m.id, m.text, m.title, tuple(sentences_of(m.text if isinstance(m.text, str) else "")))
            for m in members]


def _top_actors(members: Sequence[Member], count: int = 6) -> tuple[str, ...]:
    counts: Counter[str] = Counter()
    for m in members:
        counts.update(dict.fromkeys(m.actors[:12], 1))  # first-seen order breaks ties, not string hashing
    return tuple(a for a, _ in counts.most_common(count))


def _top_terms(members: Sequence[Member], count: int = 8) -> tuple[str, ...]:
    counts: Counter[str] = Counter()
    for m in members:
        counts.update(dict.fromkeys(
            (w for w in words(f"{m.title or ''} {m.text[:3000]}") if len(w) > 3 and not w.isdigit()), 1
        ))
    return tuple(w for w, _ in counts.most_common(count))

