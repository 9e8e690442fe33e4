"""What every page context shares: the ``Page`` value, paging and errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newstrace.errors import ErrorCode, NewstraceError
from newstrace.store.browse import WINDOW, Total

MAX_PER_PAGE = 200


@dataclass(frozen=True, slots=True)
class Page:
    """One page's context: ``data`` is both the JSON twin and the template input.

    ``table`` names the list in ``data`` that the ``.csv`` twin exports (None: no CSV).
    """

    template: str
    title: str
    data: dict[str, Any] = field(default_factory=dict)
    table: str | None = None


@dataclass(frozen=True, slots=True)
class Paging:
    """Which page of a listing: 1-based ``page`` of ``per_page`` rows."""

    page: int = 1
    per_page: int = 50

    def __post_init__(self) -> None:
        if self.page < 1:
            raise bad_request(f"page must be 1 or more, not {self.page}")
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            raise bad_request(f"per_page must be between 1 and {MAX_PER_PAGE}, not {self.per_page}")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def describe(self, total: int | Total | None, shown: int, reachable: int | None = None) -> dict[str, Any]:
        """The paging part of a list's JSON: page, per_page, total (exact or a lower bound) and whether more follow.

        ``reachable`` caps how many rows the listing can show (a search ranks a window of its matches).
        """
        count = Total(total) if isinstance(total, int) else total
        end = self.offset + shown
        if count is None or not count.exact:
            more, pages = shown == self.per_page and (reachable is None or end < reachable), None
        else:
            last = count.count if reachable is None else min(count.count, reachable)
            more, pages = end < last, max(1, -(-last // self.per_page))
        return {"page": self.page, "per_page": self.per_page, "total": None if count is None else count.count,
                "total_exact": None if count is None else count.exact, "pages": pages, "has_next": more}


def window_note(total: Total, ranked: bool) -> dict[str, Any] | None:
    """When a listing's facets (and, ``ranked``, its relevance order) cover only a window of the matches: its size
    and the number of matches (None when they cover every match)."""
    if total.exact and total.count <= WINDOW:
        return None
    return {"size": WINDOW, "matches": total.count, "matches_exact": total.exact, "ranked": ranked}


def not_found(what: str) -> NewstraceError:
    return NewstraceError(ErrorCode.NOT_FOUND, what)


def bad_request(what: str) -> NewstraceError:
    return NewstraceError(ErrorCode.BAD_QUERY, what)


def clean(value: str | None) -> str | None:
    """A query parameter with surrounding blanks removed; empty means not given."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def not_built(stage: str, command: str) -> dict[str, Any]:
    """The explicit state of a page whose data a later stage has not produced yet."""
    return {
        "built": False,
        "message": f"{stage} are not built yet — run `{command}` on this store, then reload.",
    }
