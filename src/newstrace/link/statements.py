"""Statements: the same quoted passage carried by many articles, clustered incrementally.

:class:`StatementIndex` keeps every passage of at least ``MIN_TOKENS`` words
(:mod:`newstrace.link.quotetext`) in an inverted index of word pairs (the
compact sorted-array multimap of the near-duplicate index), so a new passage
finds its candidates by lookup, never by comparing with all others.
Candidates are verified with the rules of :func:`~newstrace.link.quotetext.verdict`.

A *strong* match (two passages of ``FRAGMENT_TOKENS`` words or more) joins the
new passage's statement with the matched one, merging statements when it
matches several (single linkage, so grouping does not depend on the order
passages arrive in).  A *weak* match (a short fragment) only attaches the
fragment to the best statement it matches: a fragment never bridges two
statements.  Nothing is rebuilt when passages arrive: they join, or merge,
existing statements.

:func:`update_statements` is the linking stage over the store, and
:func:`statements` reads statements back as :class:`~newstrace.records.Statement`
records with carriers, first carrier and word diffs.
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from newstrace.link.bands import BandTable
from newstrace.link.quotetext import (
    FRAGMENT_TOKENS,
    MIN_TOKENS,
    STOPWORDS,
    Passage,
    Similarity,
    Verdict,
    compare,
    passages,
    verdict,
    word_diff,
)
from newstrace.records import Carrier, Failure, Statement
from newstrace.store import Store
from newstrace.store.statements import PassageRow, StatementFilter

_MASK = (1 << 64) - 1


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an added passage went: its statement (None when too short) and the statements merged into it."""

    statement_id: str | None
    merged: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Candidate:
    """A verified match of a queried passage."""

    key: str
    statement_id: str
    verdict: Verdict
    similarity: Similarity


def passage_key(quote_id: str, part: int) -> str:
    return f"{quote_id}:{part}"


def statement_id_for(key: str) -> str:
    """A statement's id: 16 hex digits of SHA-1 over the key of the passage that founded it."""
    return hashlib.sha1(f"statement:{key}".encode()).hexdigest()[:16]


def pair_hashes(words: Sequence[str]) -> set[int]:
    """64-bit keys of the adjacent word pairs, leaving out pairs of two stop words (all pairs if none is left)."""
    pairs = list(zip(words, words[1:], strict=False))
    chosen = [p for p in pairs if not (p[0] in STOPWORDS and p[1] in STOPWORDS)] or pairs
    return {hash(p) & _MASK for p in chosen}


def pair_keys(words: Sequence[str]) -> npt.NDArray[np.uint64]:
    """:func:`pair_hashes` as a sorted array."""
    return np.array(sorted(pair_hashes(words)), dtype=np.uint64)


class StatementIndex:
    """An incremental index of quoted passages grouped into statements.

    Args:
        max_candidates: candidates verified per query, those sharing the most
            word pairs first (at least 1).
        min_shared: share of the smaller passage's word pairs a candidate must
            share to be verified, in (0, 1].
    """

    def __init__(self, *, max_candidates: int = 64, min_shared: float = 0.3) -> None:
        if isinstance(max_candidates, bool) or not isinstance(max_candidates, int) or max_candidates < 1:
            raise ValueError(f"max_candidates must be a positive int, got {max_candidates!r}")
        if not 0 < min_shared <= 1:
            raise ValueError(f"min_shared must be in (0, 1], got {min_shared!r}")
        self.max_candidates = max_candidates
        self.min_shared = min_shared
        self._table = BandTable()
        self._keys: list[str] = []
        self._slot: dict[str, int] = {}
        self._words: list[tuple[str, ...]] = []
        self._speakers: list[str | None] = []
        self._label: list[str] = []
        self._members: dict[str, list[int]] = {}
        self._npairs = np.zeros(1024, dtype=np.int32)
        self._alive = np.zeros(1024, dtype=np.bool_)

    # ----------------------------------------------------------------- verbs

    def add(self, key: str, words: tuple[str, ...], speaker: str | None = None) -> Placement:
        """Index a passage and place it in a statement (stored placements are restored by :meth:`from_rows`)."""
        if key in self._slot:
            return Placement(self._label[self._slot[key]])
        if len(words) < MIN_TOKENS:
            return Placement(None)
        keys = pair_keys(words)
        found = self._query(words, keys, speaker)
        label, merged = self._choose(key, found, may_merge=len(words) >= FRAGMENT_TOKENS, speaker=speaker)
        self._append(key, words, keys, speaker, label)
        return Placement(label, merged)

    def query(self, words: tuple[str, ...], speaker: str | None = None) -> list[Candidate]:
        """Indexed passages that carry the same statement, best first."""
        if len(words) < MIN_TOKENS or not self._keys:
            return []
        return self._query(words, pair_keys(words), speaker)

    def _query(self, words: tuple[str, ...], keys: npt.NDArray[np.uint64], speaker: str | None) -> list[Candidate]:
        found = []
        for slot in self._candidates(keys):
            other = self._speakers[slot]
            sim = compare(words, self._words[slot])
            same = speaker is not None and speaker == other
            outcome = verdict(sim, same, speaker is None or other is None or speaker == other)
            if outcome != "none":
                found.append(Candidate(self._keys[slot], self._label[slot], outcome, sim))
        return sorted(found, key=lambda c: (c.verdict != "strong", -c.similarity.score, c.key))

    def statement_of(self, key: str) -> str | None:
        slot = self._slot.get(key)
        return self._label[slot] if slot is not None else None

    def members(self, statement_id: str) -> list[str]:
        return [self._keys[s] for s in self._members.get(statement_id, [])]

    def statements(self) -> Iterator[tuple[str, list[str]]]:
        for label, slots in self._members.items():
            yield label, [self._keys[s] for s in slots]

    @contextmanager
    def insertion_session(self) -> Iterator[StatementIndex]:
        """A block of adds; at its end the pair table's write buffers are merged (the index stays compact)."""
        try:
            yield self
        finally:
            self._table.merge(self._alive)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, tuple[str, ...], str | None, str]], **params: float) -> StatementIndex:
        """Rebuild from stored ``(key, words, speaker, statement_id)`` rows, placements kept as they are.

        The word-pair table is loaded in bulk at the end, not entry by entry.
        """
        index = cls(**params)  # type: ignore[arg-type]
        all_keys: list[int] = []
        slots: list[int] = []
        for key, words, speaker, statement_id in rows:
            if key in index._slot or len(words) < MIN_TOKENS:
                continue
            keys = pair_hashes(words)
            slots.extend([len(index._keys)] * len(keys))
            all_keys.extend(keys)
            index._append(key, words, len(keys), speaker, statement_id)
        if all_keys:
            keys_array = np.asarray(all_keys, dtype=np.uint64)
            index._table.add_many(np.asarray(slots, dtype=np.int32), keys_array, index._alive)
        return index

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._slot

    def nbytes(self) -> int:
        """Bytes of the pair table's arrays (the word tuples are Python objects, measured by the benchmark)."""
        return self._table.nbytes() + int(self._npairs.nbytes + self._alive.nbytes)

    # ----------------------------------------------------------------- internals

    def _candidates(self, keys: npt.NDArray[np.uint64]) -> list[int]:
        if not self._keys:
            return []
        slots = self._table.lookup(keys)
        if not slots.size:
            return []
        unique, counts = np.unique(slots, return_counts=True)
        need = np.maximum(1, np.ceil(self.min_shared * np.minimum(keys.size, self._npairs[unique])))
        keep = counts >= need
        unique, counts = unique[keep], counts[keep]
        order = np.lexsort((unique, -counts))[: self.max_candidates]
        return [int(s) for s in unique[order]]

    def _choose(
        self, key: str, found: list[Candidate], may_merge: bool, speaker: str | None
    ) -> tuple[str, tuple[str, ...]]:
        """Join (merging) the statements strongly matched; a fragment, or a passage of unknown speaker matching
        statements of different known speakers, only joins the best match."""
        strong = list(dict.fromkeys(c.statement_id for c in found if c.verdict == "strong"))
        if speaker is None and len({s for label in strong for s in self._speakers_of(label)} - {None}) > 1:
            may_merge = False
        if strong and may_merge:
            survivor = min(strong, key=lambda s: (-len(self._members[s]), s))
            merged = tuple(s for s in strong if s != survivor)
            for label in merged:
                self._merge(label, survivor)
            return survivor, merged
        if found:
            return found[0].statement_id, ()
        return statement_id_for(key), ()

    def _speakers_of(self, statement_id: str) -> set[str | None]:
        return {self._speakers[slot] for slot in self._members[statement_id]}

    def _merge(self, old: str, new: str) -> None:
        moved = self._members.pop(old)
        for slot in moved:
            self._label[slot] = new
        self._members[new].extend(moved)

    def _append(
        self, key: str, words: tuple[str, ...], keys: npt.NDArray[np.uint64] | int, speaker: str | None, label: str
    ) -> None:
        """Record a passage and put its word-pair ``keys`` in the table (a count: the caller loads them in bulk)."""
        slot = len(self._keys)
        if slot == self._alive.size:
            self._grow(2 * slot)
        self._keys.append(key)
        self._slot[key] = slot
        self._words.append(tuple(map(sys.intern, words)))
        self._speakers.append(speaker)
        self._label.append(label)
        self._members.setdefault(label, []).append(slot)
        self._alive[slot] = True
        if isinstance(keys, int):
            self._npairs[slot] = keys
        else:
            self._npairs[slot] = keys.size
            self._table.add(slot, keys, self._alive)

    def _grow(self, capacity: int) -> None:
        for name in ("_npairs", "_alive"):
            old = getattr(self, name)
            new = np.zeros(capacity, dtype=old.dtype)
            new[: old.size] = old
            setattr(self, name, new)


# --------------------------------------------------------------------------- the stage over the store


def update_statements(store: Store, *, batch_size: int = 2000) -> int:
    """Place every quote not yet in a statement; returns the number of quotes placed."""
    store.drop_stale_links()
    if not store.pending_statement_quotes(1):
        return 0
    index = StatementIndex.from_rows(
        (passage_key(q, p), tuple(norm.split()), speaker, sid) for q, p, norm, speaker, sid in store.passages()
    )
    placed = 0
    while batch := store.pending_statement_quotes(batch_size):
        rows: list[tuple[Passage, str | None]] = []
        merges: list[tuple[str, str]] = []
        failures: list[Failure] = []
        with index.insertion_session():
            for quote, article_text, speaker in batch:
                try:
                    parts = passages(quote, article_text)
                except Exception as exc:  # a bug met on one unusual quote: it is placed in no statement
                    parts = []
                    failures.append(Failure.internal("quote", quote.id, "statement passages", exc, "link"))
                for passage in parts or [_empty(quote.id, quote.article_id)]:
                    placement = index.add(passage_key(passage.quote_id, passage.part), passage.tokens, speaker)
                    merges.extend((old, placement.statement_id or "") for old in placement.merged)
                    rows.append((passage, placement.statement_id))
        final = [
            (p.quote_id, p.part, p.article_id, index.statement_of(passage_key(p.quote_id, p.part)) if sid else None,
             p.text, " ".join(p.tokens))
            for p, sid in rows
        ]
        store.write_passages(final, merges, failures)
        placed += len(batch)
    return placed


def _empty(quote_id: str, article_id: str) -> Passage:
    return Passage(quote_id, 0, article_id, "", ())


def statements(store: Store, where: StatementFilter | None = None) -> list[Statement]:
    """Statements with their carriers (earliest first), canonical text, speaker, conflict flag and diffs."""
    groups: dict[str, list[PassageRow]] = {}
    for row in store.statement_rows(where or StatementFilter()):
        groups.setdefault(row.statement_id, []).append(row)
    return [build_statement(statement_id, rows) for statement_id, rows in groups.items()]


def build_statement(statement_id: str, rows: Sequence[PassageRow]) -> Statement:
    """One statement from its stored passages: the fullest wording is canonical, carriers by date."""
    ordered = sorted(rows, key=_by_date)
    canonical = min(ordered, key=lambda r: -len(r.norm.split()))
    carriers = tuple(
        Carrier(r.quote_id, r.part, r.article_id, r.outlet, r.published, r.text, r.speaker or r.article_speaker,
                r.entity_id, () if r is canonical else word_diff(canonical.text, r.text))
        for r in ordered
    )
    entities = Counter(r.entity_id for r in rows if r.entity_id)
    speaker_id = max(entities, key=lambda e: (entities[e], e == canonical.entity_id)) if entities else None
    names = {r.entity_id: r.speaker for r in rows}
    first = ordered[0]
    return Statement(
        id=statement_id,
        canonical_text=canonical.text,
        speaker=names.get(speaker_id) if speaker_id else canonical.article_speaker,
        speaker_entity_id=speaker_id,
        first_article_id=first.article_id,
        first_outlet=first.outlet,
        first_published=first.published,
        carriers=carriers,
        speaker_conflict=len(entities) > 1,
    )


def _by_date(row: PassageRow) -> tuple[bool, str, str, str, int]:
    return (row.published is None, row.published or "", row.article_id, row.quote_id, row.part)
