"""The corpus story index: one shared online IDF, the event index and the storyline index, fed one article at a time.

``StoryIndex.add`` is the incremental step the ``storying`` run and the speed
benchmark time: featurise the article, place it in an event (merging the
events it bridges), update that event's storyline.  ``restore`` replays placements read back from the store, so
a later run continues where the last one stopped without re-reading texts.
"""

from __future__ import annotations

from dataclasses import dataclass

from newstrace.stories.events import EventIndex, EventParams, Placement
from newstrace.stories.features import StoryDoc
from newstrace.stories.storylines import StorylineIndex, StorylineParams
from newstrace.stories.vectors import OnlineIdf


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where an article went: its placement in an event and the event's storyline."""

    placement: Placement
    storyline_id: str

    @property
    def article_id(self) -> str:
        return self.placement.article_id

    @property
    def event_id(self) -> str:
        return self.placement.event_id


class StoryIndex:
    """Events and storylines over a growing corpus."""

    def __init__(self, events: EventParams | None = None, storylines: StorylineParams | None = None,
                 idf: OnlineIdf | None = None) -> None:
        self.idf = idf or OnlineIdf()
        self.events = EventIndex(events, self.idf)
        self.storylines = StorylineIndex(self.idf, storylines)
        self._merges: list[tuple[str, str]] = []

    def __len__(self) -> int:
        return len(self.events)

    def add(self, doc: StoryDoc) -> Assignment:
        """Place one article; returns its event and storyline."""
        if doc.id in self.events:
            event_id = self.events.event_of(doc.id) or ""
            return Assignment(self.events.placement_of(doc), self.storylines.event_storyline[event_id])
        placement = self.events.insert(doc)
        for kept, absorbed in self.events.take_merges():
            self.storylines.merge_events(kept, absorbed)
            self._merges.append((kept, absorbed))
        storyline = self.storylines.add(placement.event_id, placement.vector, placement.actors, placement.day)
        return Assignment(placement, storyline)

    def take_merges(self) -> list[tuple[str, str]]:
        """The ``(kept, absorbed)`` event merges made by ``add`` since the last call, oldest first."""
        out, self._merges = self._merges, []
        return out

    def restore(self, placement: Placement, storyline_id: str) -> None:
        """Replay a stored placement (the IDF state is restored separately, from its own bytes)."""
        self.events.restore(placement)
        self.storylines.restore(placement.event_id, storyline_id, placement.vector, placement.actors, placement.day)

    def storyline_of(self, article_id: str) -> str | None:
        event_id = self.events.event_of(article_id)
        return self.storylines.event_storyline.get(event_id) if event_id else None
