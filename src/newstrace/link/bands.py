"""Compact storage for MinHash LSH band keys: sorted arrays plus small write buffers.

The banding is the classic one (datasketch ``MinHashLSH`` with ``params=(bands,
rows)``): two signatures are candidates when all ``rows`` values of at least one
band agree.  Only the storage differs.  ``MinHashLSH`` keeps a Python set per
band bucket, which costs about 1.3 GB per 100k articles at 42 bands; here every
``(band key, slot)`` entry is 12 bytes in NumPy arrays sorted by key (a
``searchsorted`` per band on query), and recent inserts wait in small dicts
until they are merged in, so inserting stays cheap.
"""

from __future__ import annotations

from array import array

import numpy as np
import numpy.typing as npt

U64 = npt.NDArray[np.uint64]
I32 = npt.NDArray[np.int32]

_MIX1 = np.uint64(0xFF51AFD7ED558CCD)
_MIX2 = np.uint64(0xC4CEB9FE1A85EC53)
_ROW_MULT = np.uint64(0x9E3779B97F4A7C15)


def _fmix64(h: U64) -> U64:
    """MurmurHash3's 64-bit finaliser, element-wise (wrapping arithmetic)."""
    h = h ^ (h >> np.uint64(33))
    h = h * _MIX1
    h = h ^ (h >> np.uint64(33))
    h = h * _MIX2
    return h ^ (h >> np.uint64(33))


def band_keys(hashvalues: npt.NDArray[np.uint32], bands: int, rows: int) -> U64:
    """One 64-bit key per band: the band's ``rows`` values and its number, hashed together.

    Equal keys mean equal bands (up to 64-bit collisions, which only add a
    candidate that verification then rejects).  Keys of different bands never
    share a bucket because the band number is hashed in.
    """
    grid = hashvalues[: bands * rows].astype(np.uint64).reshape(bands, rows)
    h = np.arange(bands, dtype=np.uint64) + np.uint64(1)
    with np.errstate(over="ignore"):
        for column in range(rows):
            h = _fmix64(h * _ROW_MULT + grid[:, column])
    return h


class BandTable:
    """A multimap from band key to slot number, tuned for many keys and rare matches.

    Keys are spread over ``SHARDS`` shards by their top bits.  Each shard is a
    sorted key array with a parallel slot array, plus a dict of entries added
    since its last merge.  A shard is merged (its buffer sorted and spliced in,
    one linear pass over the shard) when the buffer passes a 32nd of the
    shard, so the buffers stay small and one insert never pays for more than
    a few shards' copies (about 1 ms each at 100k articles).
    """

    SHARDS = 64
    _SHIFT = np.uint64(64 - 6)

    def __init__(self, merge_fraction: float = 1 / 32, min_buffer: int = 256) -> None:
        self._keys: list[U64] = [np.empty(0, dtype=np.uint64) for _ in range(self.SHARDS)]
        self._slots: list[I32] = [np.empty(0, dtype=np.int32) for _ in range(self.SHARDS)]
        # Buffers hold no per-entry objects the garbage collector must walk:
        # a dict of ints (a list only when a key repeats) and two flat arrays.
        self._fresh: list[dict[int, int | list[int]]] = [{} for _ in range(self.SHARDS)]
        self._pending_keys: list[array[int]] = [array("Q") for _ in range(self.SHARDS)]
        self._pending_slots: list[array[int]] = [array("i") for _ in range(self.SHARDS)]
        self._merge_fraction = merge_fraction
        self._min_buffer = min_buffer

    def __len__(self) -> int:
        return sum(k.size for k in self._keys) + sum(len(p) for p in self._pending_keys)

    def add(self, slot: int, keys: U64, alive: npt.NDArray[np.bool_]) -> None:
        """Record that ``slot`` has these band keys (merged into the sorted arrays later)."""
        shards = (keys >> self._SHIFT).tolist()
        for key, shard in zip(keys.tolist(), shards, strict=True):
            fresh = self._fresh[shard]
            known = fresh.get(key)
            if known is None:
                fresh[key] = slot
            elif isinstance(known, int):
                fresh[key] = [known, slot]
            else:
                known.append(slot)
            self._pending_keys[shard].append(key)
            self._pending_slots[shard].append(slot)
        for shard in set(shards):
            if len(self._pending_keys[shard]) > max(self._min_buffer, self._keys[shard].size * self._merge_fraction):
                self._merge_shard(shard, alive)

    def lookup(self, keys: U64) -> I32:
        """Every slot sharing at least one key with ``keys`` (unsorted, may repeat)."""
        found: list[I32] = []
        for np_key, key, shard in zip(keys, keys.tolist(), (keys >> self._SHIFT).tolist(), strict=True):
            sorted_keys = self._keys[shard]
            lo = int(sorted_keys.searchsorted(np_key, side="left"))
            if lo < sorted_keys.size and sorted_keys[lo] == np_key:
                hi = int(sorted_keys.searchsorted(np_key, side="right"))
                found.append(self._slots[shard][lo:hi])
            slots = self._fresh[shard].get(key)
            if slots is not None:
                found.append(np.asarray(slots, dtype=np.int32).reshape(-1))
        return np.concatenate(found) if found else np.empty(0, dtype=np.int32)

    def add_many(self, slots: I32, keys: U64, alive: npt.NDArray[np.bool_]) -> None:
        """Add many ``(slot, key)`` entries at once, spliced straight into the sorted arrays (a bulk load)."""
        self.merge(alive)
        shards = (keys >> self._SHIFT).astype(np.int64)
        order = np.lexsort((keys, shards))
        keys, slots, shards = keys[order], slots[order].astype(np.int32), shards[order]
        bounds = np.searchsorted(shards, np.arange(self.SHARDS + 1))
        for shard in range(self.SHARDS):
            lo, hi = int(bounds[shard]), int(bounds[shard + 1])
            if lo < hi:
                at = np.searchsorted(self._keys[shard], keys[lo:hi], side="right")
                self._keys[shard] = np.insert(self._keys[shard], at, keys[lo:hi])
                self._slots[shard] = np.insert(self._slots[shard], at, slots[lo:hi])

    def merge(self, alive: npt.NDArray[np.bool_]) -> None:
        """Merge every shard's buffer and drop entries of removed slots."""
        for shard in range(self.SHARDS):
            self._merge_shard(shard, alive)

    def _merge_shard(self, shard: int, alive: npt.NDArray[np.bool_]) -> None:
        keys, slots = self._keys[shard], self._slots[shard]
        if slots.size:
            keep = alive[slots]
            if not keep.all():
                keys, slots = keys[keep], slots[keep]
        if self._pending_keys[shard]:
            new_keys = np.frombuffer(self._pending_keys[shard], dtype=np.uint64)
            new_slots = np.frombuffer(self._pending_slots[shard], dtype=np.int32)
            order = np.argsort(new_keys, kind="stable")
            new_keys, new_slots = new_keys[order], new_slots[order]
            live = alive[new_slots]
            new_keys, new_slots = new_keys[live], new_slots[live]
            at = np.searchsorted(keys, new_keys, side="right")
            keys, slots = np.insert(keys, at, new_keys), np.insert(slots, at, new_slots)
            self._pending_keys[shard] = array("Q")
            self._pending_slots[shard] = array("i")
            self._fresh[shard].clear()
        self._keys[shard], self._slots[shard] = keys, slots

    def nbytes(self) -> int:
        """Bytes held by the sorted arrays (the write buffers are bounded and not counted)."""
        return sum(int(k.nbytes + s.nbytes) for k, s in zip(self._keys, self._slots, strict=True))
