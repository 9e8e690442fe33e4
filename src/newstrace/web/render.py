"""Turning a page context into HTML (Jinja2, autoescaped), JSON or CSV.

Article text is hostile input: templates never mark anything safe except the
SVG built (and escaped) in :mod:`newstrace.web.svg`, and highlighting cuts the
text into segments by offsets that the template escapes one by one.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote as urlquote

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from newstrace import __version__
from newstrace.web import svg


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of article text, inside a highlighted span (``mark``) or not."""

    text: str
    mark: dict[str, Any] | None = None
    first: bool = False


def highlight(text: str, quotes: Sequence[dict[str, Any]]) -> list[Segment]:
    """Cut ``text`` at the content spans of ``quotes`` (export records); overlapping spans are clipped."""
    spans = sorted(
        (max(0, int(s)), min(len(text), int(e)), i)
        for i, q in enumerate(quotes) for s, e in q.get("content") or [(q["start"], q["end"])]
    )
    out: list[Segment] = []
    pos = 0
    seen: set[int] = set()
    for start, end, i in spans:
        start = max(start, pos)
        if end <= start:
            continue
        if start > pos:
            out.append(Segment(text[pos:start]))
        out.append(Segment(text[start:end], quotes[i], i not in seen))
        seen.add(i)
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


def path_part(value: str | None) -> str:
    """A value made safe as one path segment of a URL (``/speakers/{name}``)."""
    return urlquote(value or "", safe="")


def dates_chart(dates: Sequence[dict[str, Any]]) -> Markup:
    """A timeline of an article's dates that name a day (publication and dates in the text)."""
    days: dict[str, list[str]] = {}
    for d in dates:
        value = str(d.get("value") or "")
        if len(value) == 10 and value[4] == "-" and value[:4].isdigit():
            days.setdefault(value, []).append(str(d.get("evidence") or d["what"]) if d["what"] != "published"
                                              else "published")
    points = [svg.TimelinePoint(day, ", ".join(labels)[:80], len(labels)) for day, labels in days.items()]
    return Markup(svg.timeline(points))


def timeline_point(entry: dict[str, Any]) -> svg.TimelinePoint:
    """A story's timeline entry (export form) as a chart point linking to its place in the list."""
    label = (entry.get("sentences") or [""])[0]
    label = label if len(label) <= 70 else label[:69] + "…"
    return svg.TimelinePoint(entry["date"], label, len(entry.get("article_ids") or ()), href=f"#tl-{entry['date']}")


def twin(request: Any, ext: str) -> str:
    """The URL of the current page's ``.json`` or ``.csv`` twin, with the same query."""
    raw = request.scope.get("raw_path")
    path = raw.decode("latin-1") if raw else request.url.path
    path = "/index" if path in ("", "/") else path.rstrip("/")
    query = request.url.query
    return f"{path}.{ext}" + (f"?{query}" if query else "")


def web_url(value: str | None) -> str | None:
    """A link target taken from hostile input: only http(s) URLs are linked."""
    return value if value and value.lower().startswith(("http://", "https://")) else None


def marks(quotes: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quote records plus their speaker mentions (``source_spans``) as spans to highlight."""
    sources = [{"id": f"{q['id']}-who", "kind": "source", "speaker": q.get("speaker"), "content": q["source_spans"]}
               for q in quotes if q.get("source_spans")]
    return [*quotes, *sources]


def make_env() -> Environment:
    env = Environment(
        loader=PackageLoader("newstrace.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        highlight=highlight, version=__version__, enc=path_part, twin=twin, web_url=web_url, dates_chart=dates_chart,
        sparkline=lambda values, **kw: Markup(svg.sparkline(list(values), **kw)),
        timeline=lambda points, **kw: Markup(svg.timeline(list(points), **kw)),
        point=svg.TimelinePoint,
    )
    env.filters["pct"] = lambda v: "" if v is None else f"{float(v):.0%}"
    env.filters["tl_point"] = timeline_point
    env.filters["marks"] = marks
    return env


FORMULA_STARTS = ("=", "+", "@", "\t", "\r")


def to_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value  # a spreadsheet must not run hostile text as a formula
    if isinstance(value, list | tuple):
        return "; ".join(str(_cell(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    """One level of nesting flattened: ``{"article": {"id": 1}}`` becomes ``{"article_id": 1}``."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, dict):
            out.update({f"{key}_{sub}": _cell(v) for sub, v in value.items()})
        else:
            out[key] = _cell(value)
    return out


def to_csv(rows: Iterable[dict[str, Any]]) -> str:
    """Rows as CSV, one column per key of the first row; lists joined by ``; ``, deeper objects as JSON."""
    out = io.StringIO()
    writer: csv.DictWriter[str] | None = None
    for row in map(_flat, rows):
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), extrasaction="ignore")
            writer.writeheader()
        writer.writerow(row)
    return out.getvalue()
