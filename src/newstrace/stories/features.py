"""What the event and storyline indexes see of an article: hashed terms, actors, quotes and a date.

Pure functions, no parser.  Terms are lower-cased content words of the title
(counted twice) and the text, plus the article's *actors*: capitalised names
found with a cheap heuristic (a run of capitalised words not at the start of a
sentence, or at the start when the same word is capitalised elsewhere too),
keyed by their last word so that "Antony Blinken", "Anthony Blinken" and
"Blinken" are one actor.  Stored quote speakers are actors too.  Terms and
actors are hashed (MurmurHash3) into a fixed space, so the indexes keep small
integer-keyed state and never a vocabulary.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sklearn.utils import murmurhash3_32

from newstrace.stories.centroid import STOPWORDS
from newstrace.stories.noise import service_words
from newstrace.timex.dates import day_of, safe_date

HASH_BITS = 20
HASH_SPACE = 1 << HASH_BITS
ACTOR_PREFIX = "@"
MAX_TEXT = 20_000
MAX_PARAGRAPHS = 200

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")
_NAME_RUN = re.compile(r"(?<![\w'’])[A-Z][a-zA-Z'’\-]+(?:(?:\s+(?:of|de|van|von|al|bin|the))?\s+[A-Z][a-zA-Z'’\-]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”]\s+|\n\s*)$")
_FULL_DATE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_PARTIAL_DATE = re.compile(r"^--(\d\d)-(\d\d)$")
_NOT_NAMES = STOPWORDS | frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december mr mrs ms dr president minister secretary spokesman spokeswoman "
    "according however meanwhile earlier later also read more news update updated share photo video".split()
)


@dataclass(frozen=True, slots=True)
class StoryDoc:
    """An article as the story indexes take it.

    ``date`` is ``YYYY-MM-DD``, ``--MM-DD`` (year unknown) or None.  ``speakers``
    are canonical quote speakers; ``quote_keys`` identify statements the article
    carries (quote cluster ids, or normalised quote texts) so that articles
    carrying the same statement meet; ``canonical`` is the near-duplicate group's
    canonical article when the article is a copy.
    """

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    speakers: tuple[str, ...] = ()
    quote_keys: tuple[str, ...] = ()
    canonical: str | None = None


@dataclass(frozen=True, slots=True)
class DocFeatures:
    """Hashed sublinear term frequencies (terms and actors), actor names, paragraph hashes and quote keys.

    ``content`` counts the content words of the text (title left out) and
    ``service`` those of them about the web site itself (see :mod:`newstrace.stories.noise`).
    """

    terms: tuple[tuple[int, float], ...]
    actors: tuple[str, ...]
    paragraphs: tuple[int, ...]
    quote_keys: tuple[int, ...]
    content: int = 0
    service: int = 0


def term_hash(term: str) -> int:
    """The bucket of ``term`` in the hashed feature space (stable across runs and processes)."""
    return int(murmurhash3_32(term, positive=True)) & (HASH_SPACE - 1)


def words(text: str) -> list[str]:
    """Lower-cased content words (no stopwords, no one-letter words, no bare numbers below 100)."""
    out: list[str] = []
    for raw in _WORD.findall(text):
        word = raw.lower().strip("'’-")
        if len(word) > 1 and word not in STOPWORDS and not (word.isdigit() and len(word) < 3):
            out.append(word)
    return out


def actors(text: str, extra: Iterable[str] = ()) -> list[str]:
    """Actor keys (lower-cased last word of each capitalised name) in order of appearance, repeats kept."""
    inside = (m.group() for m in _NAME_RUN.finditer(text) if not _at_start(text, m.start()))
    capitalised_inside = {token for run in inside for token in run.split()}
    keys: list[str] = []
    for found in _NAME_RUN.finditer(text):
        tokens = [t for t in found.group().split() if t.lower() not in _NOT_NAMES]
        if not tokens:
            continue
        if _at_start(text, found.start()) and tokens[0] == found.group().split()[0] \
                and tokens[0] not in capitalised_inside and len(tokens) == 1:
            continue
        keys.append(_key(tokens[-1]))
    keys.extend(_key(name.split()[-1]) for name in extra if name and name.split())
    return [k for k in keys if len(k) > 1]


def _key(token: str) -> str:
    token = token.lower().strip("'’-")
    return token[:-2] if token.endswith(("'s", "’s")) else token


def _at_start(text: str, index: int) -> bool:
    return index == 0 or bool(_SENTENCE_START.search(text[max(0, index - 3) : index]))


def paragraph_hashes(text: str) -> tuple[int, ...]:
    """Hashes of the article's substantial paragraphs (lines of 6+ words), to spot boilerplate met repeatedly."""
    out = []
    for line in text.splitlines()[:MAX_PARAGRAPHS]:
        normal = " ".join(line.lower().split())
        if len(normal.split()) >= 6:
            out.append(int(murmurhash3_32(normal, positive=True)))
    return tuple(out)


def featurize(doc: StoryDoc, boilerplate: frozenset[int] = frozenset()) -> DocFeatures:
    """The features of ``doc``; paragraphs whose hash is in ``boilerplate`` are left out of the terms."""
    text = doc.text[:MAX_TEXT] if isinstance(doc.text, str) else ""
    title = doc.title if isinstance(doc.title, str) else ""
    paragraphs = paragraph_hashes(text)
    if boilerplate:
        text = "\n".join(p for p, h in _with_hashes(text) if h not in boilerplate)
    counts: Counter[str] = Counter(words(title) * 2)
    body = words(text)
    counts.update(body)
    actor_keys = actors(title + "\n" + text, doc.speakers)
    counts.update(ACTOR_PREFIX + key for key in actor_keys)
    hashed: dict[int, float] = {}
    for term, count in counts.items():
        bucket = term_hash(term)
        hashed[bucket] = hashed.get(bucket, 0.0) + 1.0 + math.log(count)
    quote_keys = tuple(sorted({term_hash("q:" + key) for key in doc.quote_keys if key}))
    ranked = tuple(sorted(Counter(actor_keys).items(), key=lambda kv: (-kv[1], kv[0])))
    return DocFeatures(tuple(sorted(hashed.items())), tuple(k for k, _ in ranked), paragraphs, quote_keys, len(body),
                       service_words(body))


def _with_hashes(text: str) -> Iterable[tuple[str, int | None]]:
    for line in text.splitlines():
        normal = " ".join(line.lower().split())
        yield line, (int(murmurhash3_32(normal, positive=True)) if len(normal.split()) >= 6 else None)


def day_number(value: str | None) -> tuple[int | None, int | None]:
    """``(ordinal day, None)`` for a full date, ``(None, day of year 1-366)`` for ``--MM-DD``, else ``(None, None)``."""
    if not isinstance(value, str):
        return None, None
    if _FULL_DATE.match(value):
        full = day_of(value)
        return (full.toordinal() if full else None), None
    partial = _PARTIAL_DATE.match(value)
    leap_year_day = safe_date(2000, int(partial[1]), int(partial[2])) if partial else None
    return None, (leap_year_day.timetuple().tm_yday if leap_year_day else None)
    return None, None
