"""Linking articles across the corpus: near-duplicate copies first."""

from newstrace.link.minhash import Signature, shingle_hashes, signature, similarity, tokens
from newstrace.link.neardup import DuplicateGroup, Match, NearDuplicateIndex, find_near_duplicates

__all__ = [
    "DuplicateGroup",
    "Match",
    "NearDuplicateIndex",
    "Signature",
    "find_near_duplicates",
    "shingle_hashes",
    "signature",
    "similarity",
    "tokens",
]
