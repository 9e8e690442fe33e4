"""The linking run: new articles → MinHash signatures → near-duplicate groups in the store.

Incremental: the index is rebuilt from stored signatures, each new article is
inserted (which finds its copies), and the canonical (earliest) of every group
that changed is rewritten.  Copies are linked, never deleted.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from newstrace.link import NearDuplicateIndex
from newstrace.records import Record
from newstrace.store import Store
from newstrace.store.links import SignatureRow


@dataclass(frozen=True, slots=True)
class LinkSummary(Record):
    """What a linking run did."""

    articles: int = 0
    linked: int = 0
    groups: int = 0
    seconds: float = 0.0


def link_store(store: Store, *, batch_size: int = 500) -> LinkSummary:
    """Add every article without a signature to the near-duplicate index and store the groups."""
    started = time.monotonic()
    if not store.unlinked(1):
        return LinkSummary(0, 0, len(store.duplicate_groups()), round(time.monotonic() - started, 3))
    index = NearDuplicateIndex.from_signatures(store.signatures())
    articles = linked = 0
    while batch := store.unlinked(batch_size):
        rows, changed = _insert_batch(index, batch)
        groups = {index.group(article_id) for article_id in changed}
        store.write_links(rows, [(g.canonical, g.members) for g in groups])
        articles += len(batch)
        linked += len(changed)
    return LinkSummary(articles, linked, len(store.duplicate_groups()), round(time.monotonic() - started, 3))


def _insert_batch(
    index: NearDuplicateIndex, batch: list[tuple[str, str, str | None]]
) -> tuple[list[SignatureRow], set[str]]:
    rows: list[SignatureRow] = []
    changed: set[str] = set()
    with index.insertion_session():
        for article_id, text, published in batch:
            if index.insert(article_id, text, published):
                changed.add(article_id)
            rows.append((article_id, index.stored_signature(article_id).to_bytes(), published))
    return rows, changed
