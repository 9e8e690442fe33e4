"""The records passed between pipeline stages.

Every stage takes and returns these frozen dataclasses; nothing else travels
between modules.  Each record converts to and from plain JSON-ready dicts with
``to_dict`` / ``from_dict`` so the store, the exports and the web layer share
one representation.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, TypeVar, Union

from newstrace.errors import ErrorCode

R = TypeVar("R", bound="Record")

DocFormat = Literal["text", "html", "record"]


class Record:
    """Mixin giving frozen dataclasses a JSON-friendly dict form."""

    __dataclass_fields__: ClassVar[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _dump(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type,unused-ignore]

    @classmethod
    def from_dict(cls: type[R], data: dict[str, Any]) -> R:
        hints = typing.get_type_hints(cls)
        kwargs = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type,unused-ignore]
            if f.name in data:
                kwargs[f.name] = _load(hints[f.name], data[f.name])
        return cls(**kwargs)


def _dump(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, tuple | list):
        return [_dump(v) for v in value]
    if isinstance(value, ErrorCode):
        return value.value
    return value


def _load(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _load(inner[0], value) if len(inner) == 1 else value
    if origin is tuple:
        return tuple(_load(args[0], v) for v in value)
    if isinstance(hint, type) and issubclass(hint, Record):
        return hint.from_dict(value)
    if isinstance(hint, type) and issubclass(hint, ErrorCode):
        return ErrorCode(value)
    return value


@dataclass(frozen=True, slots=True)
class SourceRef(Record):
    """Where a document came from: an input file or URL, and a place inside it.

    ``locator`` is empty for a whole file, else ``line:12`` (JSONL/CSV),
    ``record:<id>`` (WARC), ``item:3`` (feeds) or ``url:<n>`` (URL lists).
    """

    origin: str
    locator: str = ""

    def __str__(self) -> str:
        return f"{self.origin}#{self.locator}" if self.locator else self.origin


@dataclass(frozen=True, slots=True)
class RawDocument(Record):
    """One document as a reader found it, before any cleaning.

    ``format`` says how to read ``content``: ``text`` (scraped plain text),
    ``html`` (a web page) or ``record`` (structured fields; ``content`` may be
    empty for a headline-only item).  The optional fields carry metadata the
    input itself declared (a JSONL column, a feed entry, an HTTP header).
    """

    source: SourceRef
    format: DocFormat
    content: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    input_sha256: str | None = None


@dataclass(frozen=True, slots=True)
class Failure(Record):
    """An input, or a part of one, that could not be used, and why."""

    source: SourceRef
    code: ErrorCode
    reason: str
    stage: str = "ingest"

    @classmethod
    def internal(cls, origin: str, locator: str, what: str, exc: Exception, stage: str) -> Failure:
        """A bug met on one item (``origin`` "article" or "quote"): recorded with the exception, so the run goes on."""
        return cls(SourceRef(origin, locator), ErrorCode.INTERNAL, bug_reason(what, exc), stage)


def bug_reason(what: str, exc: Exception) -> str:
    """The reason recorded for a bug met on one item: what was being done and the exception, kept short."""
    return f"{what}: {type(exc).__name__}: {exc}"[:500]


@dataclass(frozen=True, slots=True)
class PublishedDate(Record):
    """A publication date and where it came from.

    ``value`` is ``YYYY-MM-DD`` when the year is known.  When only month and
    day are known ``value`` is None and ``partial`` holds ``--MM-DD`` with
    ``year-unknown`` in ``flags``.  ``basis`` names the evidence: ``metadata``,
    ``url``, ``header``, ``dateline``, ``text`` or ``inferred``.
    """

    value: str | None = None
    partial: str | None = None
    basis: str | None = None
    confidence: float = 0.0
    evidence: str | None = None
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Dateline(Record):
    """An opening dateline such as ``LONDON, May 5. /TASS/.``."""

    raw: str
    place: str | None = None
    region: str | None = None
    month: int | None = None
    day: int | None = None
    year: int | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class Article(Record):
    """A cleaned article: the unit the store, the analyses and the exports use.

    ``id`` is a hash of the normalised text, so the same text read from two
    inputs is one article with two ``sources``.  ``removed`` lists the lines
    the cleaner dropped as site chrome, so every decision can be audited.
    """

    id: str
    text: str
    title: str | None = None
    standfirst: str | None = None
    url: str | None = None
    outlet: str | None = None
    outlet_basis: str | None = None
    published: PublishedDate = field(default_factory=PublishedDate)
    dateline: Dateline | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    tags: tuple[str, ...] = ()
    extractor: str = ""
    extractor_version: str = ""
    sources: tuple[SourceRef, ...] = ()
    removed: tuple[str, ...] = ()


Spans = tuple[tuple[int, int], ...]


class ContentBounds:
    """``start`` and ``end`` of a record's (possibly discontinuous) ``content`` spans."""

    __slots__ = ()
    content: Sequence[tuple[int, int]]

    @property
    def start(self) -> int:
        return min(s for s, _ in self.content)

    @property
    def end(self) -> int:
        return max(e for _, e in self.content)


@dataclass(frozen=True, slots=True)
class Quote(Record, ContentBounds):
    """One attributed statement in an article: who said what, with character offsets.

    ``content``, ``cue`` and ``source`` are ``(start, end)`` spans into the
    article's ``text`` (content may be discontinuous).  ``speaker`` is the
    canonical name the mention resolves to, or None with ``speaker_reason``
    saying why.  ``kind`` is ``direct``, ``mixed`` or ``indirect``.
    """

    id: str
    article_id: str
    kind: str
    text: str
    content: Spans
    cue: str | None = None
    cue_spans: Spans = ()
    speaker_mention: str | None = None
    source_spans: Spans = ()
    speaker: str | None = None
    speaker_reason: str | None = None
    medium: str | None = None
    confidence: float = 0.0


# --- timelines (issue 5) ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimelineArticle(Record):
    """An article as the timeline builder sees it: id, publication date ``YYYY-MM-DD`` and text."""

    id: str
    time: str
    text: str
    title: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class TimelineEntry(Record):
    """One dated entry of a timeline: the day, its sentences and the articles (and outlets) behind them."""

    date: str
    sentences: tuple[str, ...]
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...] = ()


# --- statements and entities across the corpus (issue 4) --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WordEdit(Record):
    """One word-level difference between a variant wording and its statement's canonical text.

    ``op`` is ``replace``, ``delete`` (canonical words the variant drops inside its span), ``insert`` (words only
    the variant has) or ``omitted`` (canonical words before or after the part the variant quotes).  ``at`` is the
    word offset in the canonical text.
    """

    op: str
    at: int
    canonical: str = ""
    variant: str = ""


@dataclass(frozen=True, slots=True)
class Carrier(Record):
    """One article's wording of a statement: a quoted passage (``part`` of quote ``quote_id``) and its diff."""

    quote_id: str
    part: int
    article_id: str
    outlet: str | None
    published: str | None
    text: str
    speaker: str | None = None
    speaker_entity_id: str | None = None
    diff: tuple[WordEdit, ...] = ()


@dataclass(frozen=True, slots=True)
class Statement(Record):
    """One statement carried by one or more articles (a quote cluster), carriers in order of publication.

    ``canonical_text`` is the fullest wording; ``first_*`` name the earliest carrier; ``speaker_conflict`` is true
    when carriers attribute it to different people or organisations.
    """

    id: str
    canonical_text: str
    speaker: str | None
    speaker_entity_id: str | None
    first_article_id: str
    first_outlet: str | None
    first_published: str | None
    carriers: tuple[Carrier, ...]
    speaker_conflict: bool = False

    @property
    def quote_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.quote_id for c in self.carriers))

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.outlet for c in self.carriers if c.outlet))


@dataclass(frozen=True, slots=True)
class Entity(Record):
    """A person or organisation across the corpus: the canonical name, the other spellings and the roles."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    quotes: int = 0


# --- stories: events and storylines (issue 5) ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Event(Record):
    """Articles about one happening, clustered as they arrived; ``date`` is the earliest publication date."""

    id: str
    article_ids: tuple[str, ...]
    date: str | None = None
    title: str | None = None
    story_id: str | None = None
    outlets: tuple[str, ...] = ()
    summary: tuple[str, ...] = ()
    absorbed: tuple[str, ...] = ()  # ids of events merged into this one (issue 5), so old links still resolve


@dataclass(frozen=True, slots=True)
class StoryQuote(Record):
    """A statement carried in a storyline: its key (statement or quote id), speaker, text and carriers."""

    key: str
    speaker: str | None
    text: str
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...] = ()
    first_outlet: str | None = None
    first_date: str | None = None


@dataclass(frozen=True, slots=True)
class OutletCoverage(Record):
    """One outlet's coverage of a storyline: its articles, whether it was first, what it carried or left out."""

    outlet: str
    article_ids: tuple[str, ...]
    first_published: str | None = None
    first: bool = False
    quotes: tuple[str, ...] = ()
    missing_quotes: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleNovelty(Record):
    """What an article added to its storyline: its sentences not covered by earlier articles."""

    article_id: str
    sentences: tuple[str, ...] = ()
    share: float = 0.0


@dataclass(frozen=True, slots=True)
class Story(Record):
    """A storyline: events chained over time by shared actors and subject, with its timeline and comparison."""

    id: str
    title: str
    article_ids: tuple[str, ...]
    events: tuple[Event, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    summary: tuple[str, ...] = ()
    outlets: tuple[OutletCoverage, ...] = ()
    quotes: tuple[StoryQuote, ...] = ()
    novelty: tuple[ArticleNovelty, ...] = ()
    first_date: str | None = None
    last_date: str | None = None
    actors: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
