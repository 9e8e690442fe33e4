"""Statements (quote clusters across outlets) and corpus entities, as the pages need them.

The linking stage that builds them (``newstrace link``) may not have run on a
store: every function here then answers "not built" (an explicit state the
pages show) instead of failing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newstrace.link.statements import statements as find_statements
from newstrace.records import Statement
from newstrace.store import Store
from newstrace.store import browse_stories as sql
from newstrace.store.statements import StatementFilter
from newstrace.web.pages.common import not_built


def available(store: Store) -> bool:
    """Whether quote clusters have been built in this store."""
    return sql.has_rows(store.db, "statement_passages", "statement_id IS NOT NULL")


def entities_available(store: Store) -> bool:
    return sql.has_rows(store.db, "entities")


def status(store: Store) -> dict[str, Any]:
    if available(store):
        return {"built": True}
    return not_built("Statements (one quote carried by several outlets)", "newstrace link")


def statements_by_id(store: Store, statement_ids: Sequence[str]) -> dict[str, Statement]:
    """The statements with these ids, read in one query."""
    if not statement_ids:
        return {}
    found = find_statements(store, StatementFilter(statement_ids=tuple(set(statement_ids)), limit=None))
    return {s.id: s for s in found}


def clusters_for(store: Store, quote_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The statement (cluster) each quote belongs to, keyed by quote id; empty when not built."""
    if not quote_ids or not available(store):
        return {}
    ids = sql.statement_ids(store.db, quote_ids)
    built = {sid: statement_dict(s) for sid, s in statements_by_id(store, list(ids.values())).items()}
    return {qid: built[sid] for qid, sid in ids.items() if sid in built}


def statement_dict(statement: Statement) -> dict[str, Any]:
    """A statement for a page: canonical text, speaker, first carrier, every carrier with its word diff."""
    return {
        "id": statement.id,
        "canonical_text": statement.canonical_text,
        "speaker": statement.speaker,
        "speaker_conflict": statement.speaker_conflict,
        "outlets": list(statement.outlets),
        "first": {"article_id": statement.first_article_id, "outlet": statement.first_outlet,
                  "published": statement.first_published},
        "carriers": [
            {"article_id": c.article_id, "quote_id": c.quote_id, "outlet": c.outlet, "published": c.published,
             "text": c.text, "speaker": c.speaker, "diff": [e.to_dict() for e in c.diff]}
            for c in statement.carriers
        ],
    }


def entity_for(store: Store, name: str) -> dict[str, Any] | None:
    """The corpus entity (aliases, roles, kind) behind a speaker name; None when not built or unknown."""
    if not entities_available(store):
        return None
    for entity in store.entities(name=name, limit=10):
        if entity.name.casefold() == name.casefold() or name in entity.aliases:
            return entity.to_dict()
    return None


def article_entities(store: Store, article_id: str) -> list[dict[str, Any]]:
    return sql.article_entities(store.db, article_id) if entities_available(store) else []
