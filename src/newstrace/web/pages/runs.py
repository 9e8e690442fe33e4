"""The runs page: ingest runs with their counts, and every failure with its reason."""

from __future__ import annotations

from typing import Any

from newstrace.store import Store, tallies
from newstrace.store import browse as sql
from newstrace.web.pages.common import Page, Paging


def runs_page(store: Store, paging: Paging) -> Page:
    """``/runs``: runs newest first; failures (paged, newest first) with code, stage and reason."""
    runs = [{k: v for k, v in r.items() if not k.endswith("_json")} for r in store.runs(limit=100)]
    failures = sql.failure_rows(store.db, paging.per_page, paging.offset)
    codes = sql.failure_codes(store.db)
    data: dict[str, Any] = {
        "runs": runs,
        "rows": failures,
        **paging.describe(sum(c["count"] for c in codes), len(failures)),
        "codes": codes,
        "totals": {  # articles and quotes from the tallies, as on the front page (no count of every row)
            "articles": tallies.article_total(store.db),
            "sources": sql.count_rows(store.db, "sources"),
            "quotes": tallies.quote_total(store.db),
            "duplicates": sql.count_rows(store.db, "duplicates"),
        },
    }
    return Page("runs.html", "Runs and failures", data, table="rows")
