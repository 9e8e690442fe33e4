"""Choosing a publication date from all the evidence, with its basis and a confidence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from newstrace.clean.dates import date_from_url, parse_date_string, safe_date
from newstrace.clean.text import HeaderDate
from newstrace.records import Dateline, PublishedDate

CONFIDENCE = {
    "metadata": 0.95,
    "html": 0.9,
    "url": 0.9,
    "header": 0.85,
    "header-updated": 0.6,
    "dateline": 0.8,
    "dateline-partial": 0.5,
}


@dataclass(frozen=True, slots=True)
class DateEvidence:
    """Everything a document says about when it was published."""

    declared: str | None = None
    html_date: str | None = None
    html_evidence: str | None = None
    url: str | None = None
    headers: Sequence[HeaderDate] = ()
    dateline: Dateline | None = None


def resolve_published(evidence: DateEvidence, today: date) -> PublishedDate:
    """The best-supported publication date; month-day only when no year is known.

    A stated date more than a day after ``today`` (one day is left for time zones) is a typo or a bad clock,
    not evidence: it is set aside, the other evidence decides (a dateline's month and day at least), and the
    result is flagged ``future-rejected`` with the rejected date in its evidence.
    """
    latest = (today + timedelta(days=1)).isoformat()
    candidates = _full_candidates(evidence)
    kept = [c for c in candidates if c.value is not None and c.value <= latest]
    rejected = [c for c in candidates if c not in kept]
    if kept:
        best = _agree_with_dateline(max(kept, key=lambda c: c.confidence), evidence.dateline)
    else:
        best = _partial(evidence.dateline)
    return _note_rejected(best, rejected, today) if rejected else best


def _full_candidates(ev: DateEvidence) -> list[PublishedDate]:
    found: list[PublishedDate] = []
    if ev.declared:
        day = parse_date_string(ev.declared)
        if day:
            found.append(_candidate(day, "metadata", "metadata", ev.declared))
    if ev.html_date:
        day = parse_date_string(ev.html_date)
        if day:
            found.append(_candidate(day, "metadata", "html", ev.html_evidence or ev.html_date))
    url_day = date_from_url(ev.url) if ev.url else None
    if url_day:
        found.append(_candidate(url_day, "url", "url", ev.url))
    for header in ev.headers:
        kind = "header-updated" if header.label in {"updated", "last updated", "modified"} else "header"
        found.append(_candidate(header.day, "header", kind, header.raw))
    line = ev.dateline
    if line and line.year and line.month and line.day:
        day = safe_date(line.year, line.month, line.day)
        if day:
            found.append(_candidate(day, "dateline", "dateline", line.raw))
    return found


def _candidate(day: date, basis: str, kind: str, evidence: str | None) -> PublishedDate:
    return PublishedDate(value=day.isoformat(), basis=basis, confidence=CONFIDENCE[kind], evidence=evidence)


def _agree_with_dateline(best: PublishedDate, line: Dateline | None) -> PublishedDate:
    """Raise confidence when the dateline's month and day agree with the chosen date."""
    if line is None or line.month is None or line.day is None or best.value is None:
        return best
    if best.value[5:] == f"{line.month:02d}-{line.day:02d}":
        return replace(best, confidence=min(0.98, best.confidence + 0.05))
    return best


def _note_rejected(best: PublishedDate, rejected: Sequence[PublishedDate], today: date) -> PublishedDate:
    stated = "; ".join(f"{r.evidence or r.value} ({r.basis})" for r in rejected)
    note = f"rejected as after {today.isoformat()}: {stated}"
    return replace(
        best,
        evidence=f"{best.evidence}; {note}" if best.evidence else note,
        flags=(*best.flags, "future-rejected"),
    )


def _partial(line: Dateline | None) -> PublishedDate:
    if line is None or line.month is None or line.day is None:
        return PublishedDate()
    return PublishedDate(
        partial=f"--{line.month:02d}-{line.day:02d}",
        basis="dateline",
        confidence=CONFIDENCE["dateline-partial"],
        evidence=line.raw,
        flags=("year-unknown",),
    )
