"""Server-rendered SVG charts: a sparkline of volume and a dated timeline.

Pure functions from numbers and labels to an SVG string.  Every label is
escaped here, so the result can be inserted into a page as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    """One dated entry of a timeline chart: its date, a short label and a weight (articles)."""

    day: str
    label: str
    weight: int = 1
    href: str | None = None


def sparkline(values: Sequence[int], *, width: int = 120, height: int = 24, label: str = "volume") -> str:
    """A small line of ``values`` (e.g. articles per month), scaled to the largest."""
    if not values:
        return ""
    top = max(max(values), 1)
    step = width / max(len(values) - 1, 1)
    points = " ".join(
        f"{i * step:.1f},{height - 2 - (v / top) * (height - 4):.1f}" for i, v in enumerate(values)
    )
    if len(values) == 1:
        points += f" {width:.1f},{height - 2 - (values[0] / top) * (height - 4):.1f}"
    title = escape(f"{label}: {', '.join(str(v) for v in values)}")
    return (
        f'<svg class="sparkline" role="img" aria-label="{title}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg"><title>{title}</title>'
        f'<polyline fill="none" stroke="currentColor" stroke-width="1.5" points="{points}"/></svg>'
    )


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def timeline(points: Sequence[TimelinePoint], *, width: int = 720, row: int = 22) -> str:
    """A horizontal time axis with one marker per dated entry, labelled by date, sized by weight."""
    dated = [(d, p) for p in points if (d := _day(p.day)) is not None]
    if not dated:
        return ""
    dated.sort(key=lambda pair: pair[0])
    first, last = dated[0][0], dated[-1][0]
    span = max((last - first).days, 1)
    left, right = 16, width - 16
    height = 56 + row * len(dated)
    axis = 28
    parts = [
        f'<svg class="timeline-chart" role="img" aria-labelledby="tl-title" width="100%" '
        f'viewBox="0 0 {width} {height}" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="tl-title">Timeline from {first.isoformat()} to {last.isoformat()}, {len(dated)} dates</title>',
        f'<line x1="{left}" y1="{axis}" x2="{right}" y2="{axis}" stroke="currentColor" stroke-width="1"/>',
        f'<text x="{left}" y="14" font-size="11">{first.isoformat()}</text>',
        f'<text x="{right}" y="14" font-size="11" text-anchor="end">{last.isoformat()}</text>',
    ]
    for i, (day, point) in enumerate(dated):
        x = left + (right - left) * (day - first).days / span
        y = 56 + row * i
        radius = min(3 + point.weight, 9)
        parts.append(_marker(x, axis, y, radius, day, point))
    parts.append("</svg>")
    return "".join(parts)


def _marker(x: float, axis: int, y: int, radius: int, day: date, point: TimelinePoint) -> str:
    """A dot on the axis, a leader down to the entry's row, and the label at the row's start."""
    label = escape(f"{day.isoformat()}  {_short(point.label)}")
    text = f'<text x="16" y="{y + 4}" font-size="12">{label}</text>'
    if point.href:
        text = f'<a href="{escape(point.href)}">{text}</a>'
    return (
        f'<g class="tl-entry" data-date="{day.isoformat()}">'
        f'<line x1="{x:.1f}" y1="{axis}" x2="{x:.1f}" y2="{y - 10}" stroke="currentColor" stroke-opacity="0.3"/>'
        f'<circle cx="{x:.1f}" cy="{axis}" r="{radius}" class="tl-dot"><title>{label}</title></circle>'
        f"{text}</g>"
    )


def _short(label: str, limit: int = 90) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
