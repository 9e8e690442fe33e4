"""Missing years: an article dated only by month and day takes its year from the coverage it is linked to.

Evidence is every dated article linked to it: a near-duplicate copy (weight
3), an article carrying one of its statements (weight 2), or an article quoting
one of the same people within ``WINDOW_DAYS`` of that month and day (weight
1).  Each linked article votes for the year that puts the month and day
closest to its own date, its vote shrinking with the distance
(``weight / (1 + days / 30)``); a linked date that was itself inferred counts
half.  The year with most votes wins.  The article's date becomes the full
date with basis ``inferred``, the flag ``year-inferred`` and evidence naming
the statements, groups, people and articles it came from.  Articles whose
year is found from other inferred ones are handled in later passes of the
same run.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from newstrace.records import PublishedDate
from newstrace.store import Store
from newstrace.store.years import EvidenceRow

WEIGHTS = {"duplicate": 3.0, "statement": 2.0, "entity": 1.0}
WINDOW_DAYS = 60
MAX_PEOPLE_LINKS = 200
PASSES = 3


@dataclass(frozen=True, slots=True)
class YearChoice:
    """The inferred year, its share of the votes, and the evidence that voted for it."""

    year: int
    share: float
    evidence: tuple[EvidenceRow, ...]


def infer_year(month_day: str, evidence: Sequence[EvidenceRow]) -> YearChoice | None:
    """The year for ``--MM-DD`` that best fits the linked articles' dates (None without usable evidence)."""
    month, day = _month_day(month_day)
    if month is None or day is None:
        return None
    votes: dict[int, float] = defaultdict(float)
    support: dict[int, list[EvidenceRow]] = defaultdict(list)
    for row in evidence:
        seen = _parse(row[3])
        year, distance = _nearest(month, day, seen) if seen else (None, 0)
        if year is None:
            continue
        weight = WEIGHTS.get(row[0], 1.0) * (0.5 if row[4] == "inferred" else 1.0)
        votes[year] += weight / (1 + distance / 30)
        support[year].append(row)
    if not votes:
        return None
    best = max(votes, key=lambda y: (votes[y], -y))
    return YearChoice(best, votes[best] / sum(votes.values()), tuple(support[best]))


def _month_day(partial: str) -> tuple[int | None, int | None]:
    try:
        return int(partial[2:4]), int(partial[5:7])
    except (ValueError, IndexError, TypeError):
        return None, None


def _parse(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _nearest(month: int, day: int, seen: date) -> tuple[int | None, int]:
    """The year within one of ``seen``'s that puts month-day nearest to it, and the distance in days."""
    options = []
    for year in (seen.year - 1, seen.year, seen.year + 1):
        try:
            options.append((abs((date(year, month, day) - seen).days), year))
        except ValueError:
            continue
    if not options:
        return None, 0
    distance, year = min(options)
    return year, distance


def inferred_date(original: PublishedDate, choice: YearChoice) -> PublishedDate:
    """The article's date with the inferred year, basis ``inferred`` and the evidence in words."""
    partial = original.partial or ""
    kinds = sorted({row[0] for row in choice.evidence}, key=lambda k: -WEIGHTS.get(k, 0))
    vias = ", ".join(dict.fromkeys(f"{row[0]} {row[1]}" for row in choice.evidence[:6]))
    articles = ", ".join(dict.fromkeys(f"{row[2]} ({row[3]})" for row in choice.evidence[:6]))
    strength = max(WEIGHTS.get(k, 1.0) for k in kinds) / max(WEIGHTS.values())
    flags = tuple(f for f in original.flags if f != "year-unknown") + ("year-inferred",)
    return replace(
        original,
        value=f"{choice.year}{partial[1:]}",
        basis="inferred",
        confidence=round(min(original.confidence or 0.5, 0.4 + 0.4 * choice.share * strength), 2),
        evidence=f"year {choice.year} from linked coverage ({', '.join(kinds)}): {vias}; articles {articles}; "
        f"month and day from {original.evidence!r}",
        flags=flags,
    )


# --------------------------------------------------------------------------- the stage over the store


def update_years(store: Store, near: set[str] | None = None) -> int:
    """Infer the year of month-day-only articles from their linked dated coverage; returns how many.

    ``near``: only the undated articles among, or linked to, these articles (those with something new this run);
    None: every undated article.  Later passes revisit the undated articles linked to those just dated.
    """
    total = 0
    for _ in range(PASSES):
        done = 0
        dated: set[str] = set()
        for article_id, published_json in store.undated_articles(sorted(near) if near is not None else None):
            original = PublishedDate.from_dict(json.loads(published_json))
            if not original.partial:
                continue
            rows = store.year_evidence(article_id, original.partial[1:], WINDOW_DAYS, MAX_PEOPLE_LINKS)
            choice = infer_year(original.partial, rows)
            if choice is None:
                continue
            evidence = [dict(zip(("kind", "via", "article_id", "published", "basis"), r, strict=True))
                        for r in choice.evidence]
            store.write_inferred_date(article_id, inferred_date(original, choice), published_json, evidence)
            dated.add(article_id)
            done += 1
        total += done
        if not done:
            break
        near = dated
    return total
