"""The linking run: copies, speakers, statements and missing years, each stage incremental.

1. New articles → MinHash signatures → near-duplicate groups (:mod:`newstrace.link.neardup`): the index is
   rebuilt from stored signatures, each new article is inserted (which finds its copies), and the canonical
   (earliest) of every group that changed is rewritten.  Copies are linked, never deleted.
2. Speakers of new quotes → corpus entities (:mod:`newstrace.link.entities`), under the alias rules in force.
3. New quotes → statements (:mod:`newstrace.link.statements`): each passage joins, merges or founds a statement.
4. Articles dated only by month and day → a year from their linked coverage (:mod:`newstrace.link.years`).

An article or quote that breaks a stage (a bug met on unusual input) is recorded as a failure of stage ``link``
and the run goes on: the article is left out of the copies index, the quote gets no entity or no statement.
``newstrace link --retry-failed`` forgets those failures, so the articles are tried again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from newstrace.link import NearDuplicateIndex
from newstrace.link.aliases import AliasRules
from newstrace.link.entities import update_entities
from newstrace.link.statements import update_statements
from newstrace.link.years import update_years
from newstrace.records import Failure, Record
from newstrace.store import Store
from newstrace.store.links import SignatureRow


@dataclass(frozen=True, slots=True)
class LinkSummary(Record):
    """What a linking run did: new articles and those with copies, groups of copies in the store, quotes whose
    speaker was resolved to an entity, quotes placed in statements, and years inferred."""

    articles: int = 0
    linked: int = 0
    groups: int = 0
    speakers: int = 0
    quotes: int = 0
    years: int = 0
    seconds: float = 0.0
    failures: int = 0


def link_store(store: Store, *, batch_size: int = 500, aliases: AliasRules | None = None) -> LinkSummary:
    """Run every linking stage over what is new in the store; ``aliases`` replaces the stored alias rules."""
    started = time.monotonic()
    failures_before = store.count_failures("link")
    fresh = store.new_since_linking()
    articles, linked = link_copies(store, batch_size)
    speakers = update_entities(store, aliases)
    quotes = update_statements(store)
    years = update_years(store, fresh) if fresh or speakers else 0  # new evidence comes only with new links
    groups = len(store.duplicate_groups())
    failures = store.count_failures("link") - failures_before
    return LinkSummary(articles, linked, groups, speakers, quotes, years, round(time.monotonic() - started, 3),
                       failures)


def link_copies(store: Store, batch_size: int) -> tuple[int, int]:
    """Add every article without a signature to the near-duplicate index and store the groups."""
    if not store.unlinked(1):
        return 0, 0
    index = NearDuplicateIndex.from_signatures(store.signatures())
    articles = linked = 0
    while batch := store.unlinked(batch_size):
        rows, changed, failures = _insert_batch(index, batch)
        groups = {index.group(article_id) for article_id in changed}
        store.write_links(rows, [(g.canonical, g.members) for g in groups], failures)
        articles += len(batch)
        linked += len(changed)
    return articles, linked


def _insert_batch(
    index: NearDuplicateIndex, batch: list[tuple[str, str, str | None]]
) -> tuple[list[SignatureRow], set[str], list[Failure]]:
    rows: list[SignatureRow] = []
    changed: set[str] = set()
    failures: list[Failure] = []
    with index.insertion_session():
        for article_id, text, published in batch:
            try:
                signature = index.signature(text)  # the part that reads the text: it fails before the index changes
            except Exception as exc:  # a bug met on one unusual text: recorded, the run goes on
                failures.append(Failure.internal("article", article_id, "near-duplicate signature", exc, "link"))
                continue
            if index.insert_signature(article_id, signature, published):
                changed.add(article_id)
            rows.append((article_id, index.stored_signature(article_id).to_bytes(), published))
    return rows, changed, failures
