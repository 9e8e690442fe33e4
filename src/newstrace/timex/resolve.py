"""From candidate matches to resolved expressions: one normaliser per rule, longest match first."""

from __future__ import annotations

import dataclasses

from newstrace.timex import calendar_names as cal
from newstrace.timex import relative as rel
from newstrace.timex import spans
from newstrace.timex.anaphora import anchor_anaphora
from newstrace.timex.context import Context, Handler
from newstrace.timex.model import TimeExpression
from newstrace.timex.patterns import Candidate, by_preference, extend_left, find_candidates

HANDLERS: dict[str, Handler] = {
    "iso_date": cal.iso_date, "slash_date": cal.slash_date, "month_day": cal.calendar_date,
    "day_month": cal.calendar_date, "month_year": cal.month_year, "month": cal.month_alone,
    "decade": cal.decade, "century": cal.century, "year": cal.year_alone, "season": cal.season,
    "quarter": cal.quarter, "holiday": cal.holiday,
    "the_quarter": rel.the_quarter, "year_compare": rel.year_compare, "weekday": rel.weekday,
    "time": rel.clock_time, "relday": rel.relative_day, "relpart": rel.relative_part,
    "relunit": rel.relative_unit, "the_year": rel.the_year, "year_end": rel.year_end, "year_period": rel.year_period,
    "spoken_year": cal.spoken_year, "the_unit": rel.the_unit, "weekend": rel.the_unit, "ago": rel.ago,
    "duration": spans.duration, "bare_units": spans.bare_units, "set": spans.frequency, "ref": spans.reference,
}


def resolve_all(ctx: Context) -> list[TimeExpression]:
    """Every time expression of ``ctx.text``: the longest candidates that resolve, without overlaps."""
    taken = bytearray(len(ctx.text))
    found: list[TimeExpression] = []
    for candidate in by_preference(list(find_candidates(ctx.text))):
        if any(taken[candidate.start : candidate.end]):
            continue
        expression = resolve_one(candidate, ctx)
        if expression is None:
            continue
        expression = _extended(expression, candidate.kind, ctx.text, taken)
        taken[expression.start : expression.end] = b"\x01" * (expression.end - expression.start)
        found.append(expression)
    return anchor_anaphora(sorted(found, key=lambda e: e.start))


def _extended(expression: TimeExpression, kind: str, text: str, taken: bytearray) -> TimeExpression:
    """The expression with the modifiers before it (``early``, ``about``, ``the``) when they are free."""
    start = extend_left(kind, text, expression.start)
    if start == expression.start or any(taken[start : expression.start]):
        return expression
    return dataclasses.replace(expression, start=start, text=text[start : expression.end])


def resolve_one(candidate: Candidate, ctx: Context) -> TimeExpression | None:
    """The expression for one candidate, or None when its normaliser rejects it."""
    resolution = HANDLERS[candidate.kind](candidate.match, ctx)
    if resolution is None:
        return None
    return TimeExpression(
        candidate.start, candidate.end, ctx.text[candidate.start : candidate.end],
        resolution.type, resolution.value, resolution.granularity, resolution.end_value,
    )
