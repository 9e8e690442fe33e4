"""MinHash signatures of article texts: word shingles, datasketch permutations, compact bytes.

* **Shingles**: word ``shingle_size``-grams over the tokens of
  :func:`~newstrace.clean.identity.normalise_for_hash` (so case, accents and
  punctuation never matter), each hashed to 32 bits (CRC-32 per word, combined
  per shingle).
* **Signatures**: the values of a datasketch ``MinHash`` (``affine32`` scheme,
  ``num_perm`` permutations, ``hashfunc=int`` over the shingle hashes),
  computed in one vectorised step, plus the number of distinct shingles and
  the content hash.  :class:`Signature` serialises to ``24 + 4 * num_perm``
  bytes, so the store can keep signatures in a table and rebuild the index.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from datasketch import LeanMinHash, MinHash

from newstrace.clean.identity import normalise_for_hash

U32 = npt.NDArray[np.uint32]

SCHEME = "affine32"
_MAGIC = b"NDS1"
_HEADER = struct.Struct("<4sBxHIIQ")  # magic, shingle size, num_perm, seed, shingle count, content hash
_SHINGLE_MULT = np.uint64(0x100000001B3)


@dataclass(frozen=True, slots=True)
class Signature:
    """The MinHash signature of one text, with what verification and persistence need.

    ``values`` holds ``num_perm`` little-endian uint32 MinHash values (datasketch
    ``affine32`` scheme); ``size`` is the number of distinct shingles;
    ``content_hash`` is the 16-hex-digit hash of the normalised text (the same
    as :func:`~newstrace.clean.identity.article_id` for a non-empty text).
    """

    values: bytes
    size: int
    content_hash: str
    shingle_size: int
    seed: int

    @property
    def num_perm(self) -> int:
        return len(self.values) // 4

    @property
    def hashvalues(self) -> U32:
        """The MinHash values as a read-only uint32 array (no copy)."""
        return np.frombuffer(self.values, dtype="<u4").astype(np.uint32, copy=False)

    def to_bytes(self) -> bytes:
        """``24 + 4 * num_perm`` bytes: a header, then the values (see :meth:`from_bytes`)."""
        header = _HEADER.pack(
            _MAGIC, self.shingle_size, self.num_perm, self.seed, self.size, int(self.content_hash, 16)
        )
        return header + self.values

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        """Read what :meth:`to_bytes` wrote; ``ValueError`` on anything else."""
        if len(data) < _HEADER.size:
            raise ValueError(f"signature too short: {len(data)} bytes, the header alone is {_HEADER.size}")
        magic, shingle_size, num_perm, seed, size, content = _HEADER.unpack_from(data)
        if magic != _MAGIC:
            raise ValueError(f"not a newstrace signature: magic {magic!r}, expected {_MAGIC!r}")
        if len(data) != _HEADER.size + 4 * num_perm:
            raise ValueError(
                f"signature of {num_perm} values must be {_HEADER.size + 4 * num_perm} bytes, got {len(data)}"
            )
        return cls(bytes(data[_HEADER.size :]), size, f"{content:016x}", shingle_size, seed)

    def minhash(self) -> LeanMinHash:
        """The signature as a datasketch ``LeanMinHash`` (for ``jaccard`` or a ``MinHashLSH``)."""
        return LeanMinHash(seed=self.seed, hashvalues=self.hashvalues, scheme=SCHEME)


def tokens(text: str) -> list[str]:
    """The normalised word tokens shingles are made of (as for article ids)."""
    return normalise_for_hash(text).split()


def shingle_hashes(words: Sequence[str], shingle_size: int = 3) -> U32:
    """Sorted distinct 32-bit hashes of the word ``shingle_size``-grams of ``words``.

    A text shorter than one shingle is one shingle; no words give no hashes.
    """
    token = np.fromiter(map(zlib.crc32, (w.encode("utf-8") for w in words)), dtype=np.uint64)
    return _shingles(token, shingle_size)


def _shingles(token: npt.NDArray[np.uint64], shingle_size: int) -> U32:
    if not token.size:
        return np.empty(0, dtype=np.uint32)
    width = min(shingle_size, token.size)
    count = token.size - width + 1
    h = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(width):
            h = h * _SHINGLE_MULT + token[offset : offset + count]
    folded = (h ^ (h >> np.uint64(32))) & np.uint64(0xFFFFFFFF)
    return np.unique(folded.astype(np.uint32))


def _fmix32(h: U32) -> U32:
    """MurmurHash3's 32-bit finaliser, as datasketch applies it before its affine permutations."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def signature(text: str, *, shingle_size: int = 3, num_perm: int = 128, seed: int = 1) -> Signature:
    """The :class:`Signature` of ``text`` (use the index's own method to reuse its permutations)."""
    return Signer(shingle_size, num_perm, seed).sign(text)


def similarity(a: Signature, b: Signature) -> tuple[float, float]:
    """Estimated ``(jaccard, containment)`` of two compatible signatures."""
    if (a.num_perm, a.seed, a.shingle_size) != (b.num_perm, b.seed, b.shingle_size):
        raise ValueError("signatures differ in num_perm, seed or shingle_size and cannot be compared")
    jaccard = float(np.count_nonzero(a.hashvalues == b.hashvalues)) / a.num_perm
    return jaccard, float(containment_from_jaccard(np.array([jaccard]), a.size, np.array([b.size]))[0])


def containment_from_jaccard(
    jaccard: npt.NDArray[np.float64], size: int, others: npt.NDArray[np.generic]
) -> npt.NDArray[np.float64]:
    """Share of the smaller set inside the larger, from the Jaccard estimates and both set sizes."""
    other = others.astype(np.float64)
    inter = jaccard * (size + other) / (1.0 + jaccard)
    smaller = np.maximum(np.minimum(other, float(size)), 1.0)
    return np.asarray(np.minimum(inter / smaller, 1.0), dtype=np.float64)


class Signer:
    """Signatures with one set of datasketch permutations, built once.

    The MinHash values are those of a datasketch ``MinHash(scheme="affine32",
    hashfunc=int)`` updated with the shingle hashes, computed in one vectorised
    step instead of through ``update_batch`` (the tests check they are equal).
    """

    def __init__(self, shingle_size: int, num_perm: int, seed: int) -> None:
        self.shingle_size, self.num_perm, self.seed = shingle_size, num_perm, seed
        empty = MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME)
        self._a = np.asarray(empty.permutations[0], dtype=np.uint32)
        self._b = np.asarray(empty.permutations[1], dtype=np.uint32)
        self._empty = np.asarray(empty.hashvalues, dtype=np.uint32)

    def sign(self, text: str) -> Signature:
        data = normalise_for_hash(text).encode("utf-8")
        content = hashlib.sha256(data).hexdigest()[:16]
        hashes = _shingles(np.fromiter(map(zlib.crc32, data.split()), dtype=np.uint64), self.shingle_size)
        values = self.minhash_values(hashes).astype("<u4").tobytes()
        return Signature(values, int(hashes.size), content, self.shingle_size, self.seed)

    def minhash_values(self, hashes: U32) -> U32:
        """The MinHash values of a set of 32-bit shingle hashes."""
        if not hashes.size:
            return self._empty.copy()
        out = self._empty.copy()
        with np.errstate(over="ignore"):
            mixed = _fmix32(hashes)[:, None]
            for start in range(0, mixed.shape[0], 2048):
                block = mixed[start : start + 2048] * self._a + self._b
                np.minimum(out, block.min(axis=0), out=out)
        return out
