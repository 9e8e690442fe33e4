"""Small hand-made corpora for the linking tests: articles written straight to a store, quotes placed by hand.

No parser runs: each quote is given as the passages it quotes, found in the article's text.  Every text is
fictional and written for these tests.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from newstrace.records import Article, PublishedDate, Quote, SourceRef
from newstrace.store import Batch, Store, StoredDoc


@dataclass(frozen=True)
class Said:
    """A quote to place: the passages it quotes (each must occur in the article text), who said it, how."""

    passages: Sequence[str]
    speaker: str | None
    kind: str = "direct"
    mention: str | None = None


def article(key: str, text: str, *, outlet: str | None, published: str | None = None,
            partial: str | None = None) -> Article:
    """An article with a full date (``published``) or a month and day only (``partial``, ``--MM-DD``)."""
    if partial:
        date = PublishedDate(partial=partial, basis="dateline", confidence=0.5, evidence=f"{outlet} dateline",
                             flags=("year-unknown",))
    else:
        date = PublishedDate(value=published, basis="metadata" if published else None,
                             confidence=0.95 if published else 0.0)
    return Article(id=hashlib.sha1(key.encode()).hexdigest()[:16], text=text, outlet=outlet, published=date)


def store_articles(store: Store, articles: Sequence[Article]) -> None:
    docs = [StoredDoc(a, SourceRef(f"test/{a.id}.txt"), "text") for a in articles]
    store.write_batch(None, Batch(docs=docs))


def quote(art: Article, said: Said) -> Quote:
    spans = []
    for passage in said.passages:
        start = art.text.index(passage)
        spans.append((start, start + len(passage)))
    content = tuple(spans)
    digest = hashlib.sha1(f"{art.id}{content}".encode()).hexdigest()[:16]
    text = " … ".join(art.text[s:e] for s, e in content)
    return Quote(id=digest, article_id=art.id, kind=said.kind, text=text, content=content,
                 speaker_mention=said.mention or said.speaker, speaker=said.speaker, confidence=0.8)


def store_quotes(store: Store, art: Article, said: Sequence[Said]) -> list[Quote]:
    quotes = [quote(art, s) for s in said]
    store.write_quotes([(art.id, quotes)], "test")
    return quotes
