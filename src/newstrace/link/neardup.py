"""Near-duplicate articles: MinHash signatures over word shingles, LSH candidates, verified links.

Exact copies are already one :class:`~newstrace.records.Article` (its id hashes
the normalised text).  This module links *different* ids whose texts are near
identical: a wire story lightly edited by a second outlet, a copy with a
paragraph dropped or with boilerplate lines added.

* **Signatures** (:mod:`newstrace.link.minhash`): datasketch MinHash over word
  3-grams of the normalised tokens, 128 permutations, storable as bytes.
* **Candidates** (:mod:`newstrace.link.bands`): LSH banding with ``bands`` x
  ``rows`` (default 42 x 3: a pair of Jaccard 0.5 collides with probability
  0.996, one of 0.3 with 0.68, one of 0.1 with 0.04).
* **Verification**: a candidate is a match when its estimated Jaccard is at
  least ``jaccard_threshold`` (0.5), or when the estimated share of the smaller
  shingle set inside the larger is at least ``containment_threshold`` (0.7)
  with an estimated Jaccard of at least ``containment_min_jaccard`` (0.2);
  the second rule links copies with dropped paragraphs or added boilerplate.

:class:`NearDuplicateIndex` is the stateful, incremental index (``insert``,
``query``, ``remove``, ``insertion_session``); duplicate groups are the connected
components of the match graph, so grouping does not depend on insertion order,
and each group's canonical is its earliest published article (ties by id).
Copies are linked, never deleted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from newstrace.link.bands import BandTable, band_keys
from newstrace.link.minhash import U32, Signature, Signer, containment_from_jaccard
from newstrace.records import Article

MatchKind = Literal["exact", "near", "contained"]
_MAX_SHINGLE = 16


@dataclass(frozen=True, slots=True)
class Match:
    """An indexed article that is a near duplicate of the queried text.

    ``jaccard`` is the estimated Jaccard similarity of the shingle sets;
    ``containment`` the estimated share of the smaller set found in the larger.
    ``kind`` is ``exact`` (same normalised text), ``near`` (Jaccard above the
    threshold) or ``contained`` (only the containment is above its threshold).
    """

    article_id: str
    jaccard: float
    containment: float
    kind: MatchKind


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """Articles linked as copies of one another; ``canonical`` is the earliest published.

    ``members`` lists every article of the group, canonical first, then by
    publication (unknown dates last) and id.
    """

    canonical: str
    members: tuple[str, ...]


def find_near_duplicates(articles: Iterable[Article], **params: float) -> tuple[DuplicateGroup, ...]:
    """Groups of two or more near-duplicate articles (one pass, index built in a session).

    ``params`` are :class:`NearDuplicateIndex` constructor arguments.
    """
    index = NearDuplicateIndex(**params)  # type: ignore[arg-type]
    with index.insertion_session():
        for article in articles:
            index.insert(article.id, article.text, article.published.value)
    return tuple(index.groups())


# --------------------------------------------------------------------------- the index


def _order_key(published: str | None, article_id: str) -> tuple[bool, str, str]:
    return (published is None, published or "", article_id)


class NearDuplicateIndex:
    """An incremental near-duplicate index over article texts (MinHash LSH).

    Args:
        shingle_size: words per shingle (1 to 16).  Smaller is more robust to
            edits, larger separates articles that merely share phrases.
        num_perm: MinHash permutations; at least ``bands * rows``.
        bands, rows: the LSH banding.  A pair of Jaccard ``j`` becomes a
            candidate with probability ``1 - (1 - j**rows)**bands``.
        jaccard_threshold: minimum estimated Jaccard for a match, in (0, 1].
        containment_threshold: minimum estimated containment (of the smaller
            shingle set in the larger) for a match, in (0, 1].
        containment_min_jaccard: a containment match also needs at least this
            estimated Jaccard: below it the containment estimate is noise (a
            short text against a long one shares a couple of values by chance),
            so a contained copy must keep roughly a third of the original.
        seed: seed of the MinHash permutations; signatures from different
            seeds cannot be mixed.
    """

    def __init__(
        self,
        *,
        shingle_size: int = 3,
        num_perm: int = 128,
        bands: int = 42,
        rows: int = 3,
        jaccard_threshold: float = 0.5,
        containment_threshold: float = 0.7,
        containment_min_jaccard: float = 0.2,
        seed: int = 1,
    ) -> None:
        _check_int("shingle_size", shingle_size, 1, _MAX_SHINGLE)
        _check_int("num_perm", num_perm, 1, 65535)
        _check_int("bands", bands, 1, num_perm)
        _check_int("rows", rows, 1, num_perm)
        _check_int("seed", seed, 0, 2**32 - 1)
        if bands * rows > num_perm:
            raise ValueError(f"bands * rows must be at most num_perm: {bands} * {rows} = {bands * rows} > {num_perm}")
        for name, value in (
            ("jaccard_threshold", jaccard_threshold),
            ("containment_threshold", containment_threshold),
            ("containment_min_jaccard", containment_min_jaccard),
        ):
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 < value <= 1.0:
                raise ValueError(f"{name} must be a number in (0, 1], got {value!r}")
        if containment_min_jaccard > jaccard_threshold:
            raise ValueError(
                f"containment_min_jaccard ({containment_min_jaccard}) must not exceed "
                f"jaccard_threshold ({jaccard_threshold})"
            )
        self.shingle_size, self.num_perm, self.bands, self.rows, self.seed = shingle_size, num_perm, bands, rows, seed
        self.jaccard_threshold = float(jaccard_threshold)
        self.containment_threshold = float(containment_threshold)
        self.containment_min_jaccard = float(containment_min_jaccard)
        self._signer = Signer(shingle_size, num_perm, seed)
        self._table = BandTable()
        self._sigs = np.zeros((0, num_perm), dtype=np.uint32)
        self._sizes = np.zeros(0, dtype=np.uint32)
        self._hashes = np.zeros(0, dtype=np.uint64)
        self._alive = np.zeros(0, dtype=np.bool_)
        self._ids: list[str] = []
        self._published: list[str | None] = []
        self._slot: dict[str, int] = {}
        self._edges: dict[int, set[int]] = {}

    # ----------------------------------------------------------------- verbs

    def signature(self, text: str) -> Signature:
        """The :class:`Signature` of ``text`` under this index's parameters."""
        return self._signer.sign(text)

    def insert(self, article_id: str, text: str, published: str | None = None) -> list[Match]:
        """Index an article and link it to its near duplicates; returns those matches.

        ``published`` is an ISO 8601 date or time (compared as text); it picks
        each group's canonical.  ``ValueError`` if ``article_id`` is indexed.
        """
        return self.insert_signature(article_id, self.signature(text), published)

    def insert_signature(self, article_id: str, sig: Signature | bytes, published: str | None = None) -> list[Match]:
        """:meth:`insert` from a stored signature (``Signature`` or its bytes)."""
        if article_id in self._slot:
            raise ValueError(f"article {article_id!r} is already in the index; remove it first")
        sig = self._compatible(sig)
        found = self._search(sig)
        slot = self._append(article_id, sig, published)
        if sig.size:
            self._table.add(slot, band_keys(sig.hashvalues, self.bands, self.rows), self._alive)
        if found:
            self._edges[slot] = {s for s, _ in found}
            for other, _ in found:
                self._edges.setdefault(other, set()).add(slot)
        return [m for _, m in found]

    def query(self, text: str) -> list[Match]:
        """Indexed articles that are near duplicates of ``text``, most similar first."""
        return [m for _, m in self._search(self.signature(text))]

    def query_signature(self, sig: Signature | bytes) -> list[Match]:
        """:meth:`query` from a signature."""
        return [m for _, m in self._search(self._compatible(sig))]

    def remove(self, article_id: str) -> None:
        """Forget an article and its links (its group may split).  ``KeyError`` if absent."""
        slot = self._slot.pop(article_id, None)
        if slot is None:
            raise KeyError(f"article {article_id!r} is not in the index")
        self._alive[slot] = False
        for other in self._edges.pop(slot, set()):
            self._edges[other].discard(slot)
            if not self._edges[other]:
                del self._edges[other]
        if len(self._ids) > 1024 and len(self._slot) < len(self._ids) // 2:
            self._compact()

    @contextmanager
    def insertion_session(self) -> Iterator[NearDuplicateIndex]:
        """A block of inserts (the datasketch verb); at its end every band buffer is merged.

        Inserts inside a session behave as outside it: matches are found and
        linked at once.  The session only leaves the index compact at the end.
        """
        try:
            yield self
        finally:
            self._table.merge(self._alive)

    @classmethod
    def from_signatures(
        cls, rows: Iterable[tuple[str, Signature | bytes, str | None]], **params: float
    ) -> NearDuplicateIndex:
        """Rebuild an index from stored ``(article_id, signature, published)`` rows."""
        index = cls(**params)  # type: ignore[arg-type]
        with index.insertion_session():
            for article_id, sig, published in rows:
                index.insert_signature(article_id, sig, published)
        return index

    # ----------------------------------------------------------------- groups

    def __len__(self) -> int:
        return len(self._slot)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._slot

    def stored_signature(self, article_id: str) -> Signature:
        """The signature kept for an indexed article (to store it).  ``KeyError`` if absent."""
        slot = self._slot_of(article_id)
        values = self._sigs[slot].astype("<u4").tobytes()
        content = f"{int(self._hashes[slot]):016x}"
        return Signature(values, int(self._sizes[slot]), content, self.shingle_size, self.seed)

    def stored_signatures(self) -> Iterator[tuple[str, Signature, str | None]]:
        """Every ``(article_id, signature, published)``, in insertion order: what
        :meth:`from_signatures` reads back."""
        for article_id, slot in self._slot.items():
            yield article_id, self.stored_signature(article_id), self._published[slot]

    def links(self, article_id: str) -> list[Match]:
        """The direct matches of an indexed article, most similar first."""
        slot = self._slot_of(article_id)
        others = np.asarray(sorted(self._edges.get(slot, ())), dtype=np.int64)
        return [m for _, m in self._verify(self._sigs[slot], int(self._sizes[slot]), int(self._hashes[slot]), others)]

    def group(self, article_id: str) -> DuplicateGroup:
        """The duplicate group of an indexed article (itself alone when it has no copies)."""
        members = sorted(self._component(self._slot_of(article_id)), key=self._slot_key)
        return DuplicateGroup(self._ids[members[0]], tuple(self._ids[s] for s in members))

    def canonical(self, article_id: str) -> str:
        """The id of the earliest published article of ``article_id``'s group (ties by id)."""
        return self.group(article_id).canonical

    def groups(self, min_size: int = 2) -> list[DuplicateGroup]:
        """Every group of at least ``min_size`` articles, ordered by canonical."""
        seen: set[int] = set()
        found: list[DuplicateGroup] = []
        for slot in sorted(self._edges) if min_size > 1 else sorted(self._slot.values()):
            if slot in seen:
                continue
            members = sorted(self._component(slot), key=self._slot_key)
            seen.update(members)
            if len(members) >= min_size:
                found.append(DuplicateGroup(self._ids[members[0]], tuple(self._ids[s] for s in members)))
        return sorted(found, key=lambda g: self._slot_key(self._slot[g.canonical]))

    def nbytes(self) -> int:
        """Approximate bytes held by the arrays of the index (signatures, sizes, band entries)."""
        n = len(self._ids)
        per_slot = self._sigs.itemsize * self.num_perm + 4 + 8 + 1
        return n * per_slot + self._table.nbytes()

    # ----------------------------------------------------------------- internals

    def _slot_of(self, article_id: str) -> int:
        try:
            return self._slot[article_id]
        except KeyError:
            raise KeyError(f"article {article_id!r} is not in the index") from None

    def _slot_key(self, slot: int) -> tuple[bool, str, str]:
        return _order_key(self._published[slot], self._ids[slot])

    def _component(self, start: int) -> set[int]:
        seen, todo = {start}, [start]
        while todo:
            for other in self._edges.get(todo.pop(), ()):
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        return seen

    def _compatible(self, sig: Signature | bytes) -> Signature:
        if isinstance(sig, bytes | bytearray | memoryview):
            sig = Signature.from_bytes(bytes(sig))
        mine = (self.num_perm, self.seed, self.shingle_size)
        theirs = (sig.num_perm, sig.seed, sig.shingle_size)
        if theirs != mine:
            raise ValueError(f"signature made with (num_perm, seed, shingle_size) = {theirs}, index uses {mine}")
        return sig

    def _search(self, sig: Signature) -> list[tuple[int, Match]]:
        if not sig.size or not self._slot:
            return []
        values = sig.hashvalues
        slots = np.unique(self._table.lookup(band_keys(values, self.bands, self.rows)))
        slots = slots[self._alive[slots]]
        return self._verify(values, sig.size, int(sig.content_hash, 16), slots)

    def _verify(self, values: U32, size: int, content: int, slots: npt.NDArray[np.integer]) -> list[tuple[int, Match]]:
        if not slots.size:
            return []
        jaccard = np.count_nonzero(self._sigs[slots] == values, axis=1) / self.num_perm
        containment = containment_from_jaccard(jaccard, size, self._sizes[slots])
        contained = (containment >= self.containment_threshold) & (jaccard >= self.containment_min_jaccard)
        keep = (jaccard >= self.jaccard_threshold) | contained
        found = []
        for slot, j, c in zip(slots[keep].tolist(), jaccard[keep].tolist(), containment[keep].tolist(), strict=True):
            kind: MatchKind = "exact" if int(self._hashes[slot]) == content else "near"
            if kind == "near" and j < self.jaccard_threshold:
                kind = "contained"
            found.append((slot, Match(self._ids[slot], j, c, kind)))
        return sorted(found, key=lambda pair: (-pair[1].jaccard, -pair[1].containment, pair[1].article_id))

    def _append(self, article_id: str, sig: Signature, published: str | None) -> int:
        slot = len(self._ids)
        if slot == self._sigs.shape[0]:
            self._grow(max(1024, 2 * slot))
        self._sigs[slot] = sig.hashvalues
        self._sizes[slot] = sig.size
        self._hashes[slot] = int(sig.content_hash, 16)
        self._alive[slot] = True
        self._ids.append(article_id)
        self._published.append(published)
        self._slot[article_id] = slot
        return slot

    def _grow(self, capacity: int) -> None:
        n = len(self._ids)
        for name in ("_sigs", "_sizes", "_hashes", "_alive"):
            old = getattr(self, name)
            new = np.zeros((capacity, *old.shape[1:]), dtype=old.dtype)
            new[:n] = old[:n]
            setattr(self, name, new)

    def _compact(self) -> None:
        """Renumber the live articles into fresh arrays (after many removals)."""
        live = sorted(self._slot.values())
        renumber = {old: new for new, old in enumerate(live)}
        edges = {renumber[s]: {renumber[o] for o in others} for s, others in self._edges.items()}
        sigs, sizes, hashes = self._sigs[live], self._sizes[live], self._hashes[live]
        ids, published = [self._ids[s] for s in live], [self._published[s] for s in live]
        self._sigs, self._sizes, self._hashes = sigs, sizes, hashes
        self._alive = np.ones(len(live), dtype=np.bool_)
        self._ids, self._published = ids, published
        self._slot = {a: i for i, a in enumerate(ids)}
        self._edges = edges
        self._table = BandTable()
        for slot in range(len(live)):
            if self._sizes[slot]:
                self._table.add(slot, band_keys(self._sigs[slot], self.bands, self.rows), self._alive)
        self._table.merge(self._alive)


def _check_int(name: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}, got {value}")
