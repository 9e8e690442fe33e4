"""Corpus-level chrome: short paragraphs that recur across one outlet's articles.

A paragraph is only a candidate when it is short and does not read as prose
(a recurring background sentence is article text); it is removed once it has
been seen in ``threshold`` distinct articles of the same outlet.  The counts
live in the store, so the decision is the same across runs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from newstrace.clean.identity import article_id, normalise_for_hash
from newstrace.clean.shapes import is_sentence_like
from newstrace.records import Article

MAX_WORDS = 25
THRESHOLD = 3

Counter = Callable[[str, Sequence[str]], Mapping[str, int]]


def paragraph_hashes(article: Article) -> list[tuple[str, str]]:
    """``(hash, paragraph)`` for the article's short paragraphs."""
    out = []
    for paragraph in article.text.split("\n\n"):
        if 0 < len(paragraph.split()) <= MAX_WORDS and not is_sentence_like(paragraph):
            digest = hashlib.sha1(normalise_for_hash(paragraph).encode()).hexdigest()[:16]
            out.append((digest, paragraph))
    return out


def strip_repeated(article: Article, counts: Counter, threshold: int = THRESHOLD) -> Article:
    """Remove paragraphs already seen in ``threshold - 1`` other articles of the outlet."""
    if not article.outlet:
        return article
    pairs = paragraph_hashes(article)
    seen = counts(article.outlet, [h for h, _ in pairs])
    repeated = {p for h, p in pairs if seen.get(h, 0) >= threshold - 1}
    if not repeated:
        return article
    kept = [p for p in article.text.split("\n\n") if p not in repeated]
    text = "\n\n".join(kept)
    return replace(
        article,
        id=article_id(text, article.title),
        text=text,
        removed=(*article.removed, *sorted(repeated)),
    )
