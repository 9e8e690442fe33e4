"""The story run: new articles → events → storylines → timelines, summaries and outlet comparisons in the store.

Incremental: the story index is restored from the stored placements and IDF
state (no text is read again), each new article is placed in an event and its
event in a storyline, and only the storylines that changed get their record
(events, timeline, summaries, outlets, what is new) rebuilt.  Evidence from
earlier stages is used when present: quote speakers as actors, statements
(quote clusters from ``newstrace link``) shared with an event, and
near-duplicate copies, which always join their canonical article's event.
When the index merges two events, the absorbed event's stored placements move
to the kept id in the same transaction that records the absorbed ids (state
``absorbed_events``), and each event record lists the ids it absorbed.

An article that breaks the placement (a bug met on unusual input) is recorded
as a failure of stage ``stories`` and left out; the run goes on.
``newstrace stories --retry-failed`` forgets those failures.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newstrace.records import Failure, Record, Story, TimelineArticle, TimelineEntry
from newstrace.store import QuoteFilter, Store
from newstrace.store.statements import StatementFilter
from newstrace.store.stories import PendingArticle, PlacementRow
from newstrace.stories.assemble import Member, assemble_story
from newstrace.stories.compare import QuoteUse
from newstrace.stories.events import EventParams, Placement
from newstrace.stories.features import StoryDoc
from newstrace.stories.index import Assignment, StoryIndex
from newstrace.stories.storylines import StorylineParams
from newstrace.stories.timeline import build_timeline
from newstrace.stories.vectors import OnlineIdf

IDF_STATE = "idf"
ABSORBED_STATE = "absorbed_events"


@dataclass(frozen=True, slots=True)
class StorySummary(Record):
    """What a story run did: articles placed now, events and storylines in the store, storylines rebuilt."""

    articles: int = 0
    events: int = 0
    storylines: int = 0
    changed: int = 0
    seconds: float = 0.0
    failures: int = 0


@dataclass(frozen=True, slots=True)
class StoryOptions:
    """Knobs of the story run."""

    events: EventParams = EventParams()
    storylines: StorylineParams = StorylineParams()
    batch_size: int = 500
    timeline_sentences: int = 1


def build_stories(store: Store, options: StoryOptions | None = None) -> StorySummary:
    """Place every new article in an event and a storyline; rebuild the records of changed storylines."""
    chosen = options or StoryOptions()
    started = time.monotonic()
    if not store.pending_stories(1):
        return _summary(store, 0, 0, started)
    index = load_index(store, chosen)
    before = dict(index.storylines.event_storyline)
    touched: set[str] = set()
    placed = failed = 0
    while batch := store.pending_stories(chosen.batch_size):
        assignments, failures = _place(store, index, batch)
        touched.update(a.event_id for a in assignments)
        merges = index.take_merges()
        if merges:
            store.merge_events(merges, {ABSORBED_STATE: _absorbed_bytes(index)})
        store.write_placements([_row(a, index) for a in assignments], {IDF_STATE: index.idf.to_bytes()}, {},
                               failures)
        placed += len(assignments)
        failed += len(failures)
    touched = {index.events.resolve(e) for e in touched}
    now = index.storylines.event_storyline
    moves = {e: s for e, s in now.items() if before.get(e, s) != s or e in touched}
    store.write_placements([], {}, moves)
    changed = {now[e] for e in touched} | set(moves.values())
    gone = sorted(set(before.values()) - set(index.storylines.storylines))
    absorbed = absorbed_ids(index)
    records = [story_record(store, sid, index, chosen, absorbed) for sid in sorted(changed)]
    store.write_stories(records, gone)
    return _summary(store, placed, len(changed), started, failed)


def _place(store: Store, index: StoryIndex, batch: Sequence[PendingArticle]) -> tuple[list[Assignment], list[Failure]]:
    """Place each article of the batch; one that raises is reported and the others are still placed."""
    assignments: list[Assignment] = []
    failures: list[Failure] = []
    for row in batch:
        try:
            assignments.append(index.add(_doc(store, row)))
        except Exception as exc:  # a bug met on one unusual article: recorded, the run goes on
            failures.append(Failure.internal("article", row.id, "story placement", exc, "stories"))
    return assignments, failures


def load_index(store: Store, options: StoryOptions | None = None) -> StoryIndex:
    """The story index as the last run left it (empty for a new store)."""
    chosen = options or StoryOptions()
    blob = store.story_state(IDF_STATE)
    idf = OnlineIdf.from_bytes(blob) if blob else None
    index = StoryIndex(chosen.events, chosen.storylines, idf)
    for row in store.story_placements():
        placement = Placement(row.article_id, row.event_id, False, row.score, row.vector, row.actors, row.day,
                              row.yday, row.quote_keys)
        index.restore(placement, row.storyline_id)
    for story_id, related in store.story_related().items():
        index.storylines.relate(story_id, set(related))
    aliases = store.story_state(ABSORBED_STATE)
    if aliases:
        index.events.restore_absorbed(_absorbed_from(aliases))
    return index


def absorbed_ids(index: StoryIndex) -> dict[str, tuple[str, ...]]:
    """For each event that absorbed others, the ids it absorbed (directly or through a chain of merges), sorted."""
    out: dict[str, list[str]] = {}
    for absorbed in index.events.absorbed:
        out.setdefault(index.events.resolve(absorbed), []).append(absorbed)
    return {kept: tuple(sorted(ids)) for kept, ids in out.items()}


def _absorbed_bytes(index: StoryIndex) -> bytes:
    return json.dumps(index.events.absorbed, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _absorbed_from(blob: bytes) -> dict[str, str]:
    try:
        data = json.loads(blob)
    except (ValueError, UnicodeDecodeError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def story_record(store: Store, story_id: str, index: StoryIndex, options: StoryOptions | None = None,
                 absorbed: dict[str, tuple[str, ...]] | None = None) -> Story:
    """Rebuild the full record of one storyline from the store (``absorbed``: see :func:`absorbed_ids`)."""
    chosen = options or StoryOptions()
    members = _members(store, story_id)
    state = index.storylines.storylines.get(story_id)
    related = sorted(r for r in (state.related if state else set()) if r in index.storylines.storylines)

    def timeline(articles: list[TimelineArticle]) -> list[TimelineEntry]:
        return build_timeline(articles, sentences=chosen.timeline_sentences) if articles else []

    story = assemble_story(story_id, members, _quote_uses(store, [m.id for m in members]), timeline, related)
    merged = absorbed if absorbed is not None else absorbed_ids(index)
    if not any(e.id in merged for e in story.events):
        return story
    return replace(story, events=tuple(replace(e, absorbed=merged.get(e.id, ())) for e in story.events))


def _members(store: Store, story_id: str) -> list[Member]:
    out = []
    for row in store.story_placements(story_id):
        article = store.article(row.article_id)
        if article is None:
            continue
        when = article.published.value or article.published.partial
        out.append(Member(article.id, row.event_id, article.text, article.title, article.outlet, when,
                          row.vector, row.actors))
    return out


def _quote_uses(store: Store, article_ids: Sequence[str]) -> list[QuoteUse]:
    statement_of = _statements(store, article_ids)
    uses = []
    for article_id in article_ids:
        for row in store.quotes(QuoteFilter(article_id=article_id, limit=None)):
            q = row.quote
            if q.kind in ("direct", "mixed"):
                uses.append(QuoteUse(statement_of.get(q.id, q.id), article_id, q.speaker, q.text))
    return uses


def _statements(store: Store, article_ids: Sequence[str]) -> dict[str, str]:
    """``quote id -> statement id`` for the quotes of these articles (empty before ``newstrace link``)."""
    out: dict[str, str] = {}
    for article_id in article_ids:
        for row in store.statement_rows(StatementFilter(article_id=article_id, limit=None)):
            if row.article_id == article_id:
                out[row.quote_id] = row.statement_id
    return out


def _doc(store: Store, row: PendingArticle) -> StoryDoc:
    quotes = [r.quote for r in store.quotes(QuoteFilter(article_id=row.id, limit=None))]
    statements = _statements(store, [row.id])
    return StoryDoc(
        id=row.id, text=row.text or "", title=row.title, date=row.published or row.published_partial,
        outlet=row.outlet, speakers=tuple(sorted({q.speaker for q in quotes if q.speaker})),
        quote_keys=tuple(sorted(set(statements.values()))), canonical=store.canonical_of(row.id),
    )


def _row(assignment: Assignment, index: StoryIndex) -> PlacementRow:
    """The placement to store, under the event and storyline ids as they are now (after any merges)."""
    p = assignment.placement
    event_id = index.events.resolve(p.event_id)
    storyline_id = index.storylines.event_storyline.get(event_id, assignment.storyline_id)
    return PlacementRow(p.article_id, event_id, storyline_id, p.score, p.day, p.yday, p.vector, p.actors,
                        p.quote_keys)


def _summary(store: Store, placed: int, changed: int, started: float, failed: int = 0) -> StorySummary:
    _, events, storylines = store.count_stories()
    return StorySummary(placed, events, storylines, changed, round(time.monotonic() - started, 3), failed)
