"""Fundus benchmark: title, publication day, authors and body of real news pages.

Reads ``shared/data/fundus``: ``manifest.json`` lists the pages; the English
ones (``english: true``) form the benchmark set.  For each page the expected
values are the publisher JSON's entry for the manifest's parser ``version``.

Metrics (per extractor):

* **day right** - share of pages whose extracted ``YYYY-MM-DD`` equals the
  first ten characters of the expected ``publishing_date``.  Timezones are not
  converted: the expected day is the date *as written* in the page's own
  offset (``2024-04-27 23:30:00-04:00`` counts as 27 April), which is what a
  reader of the page sees and what JSON-LD/meta tags declare.
* **title right** - exact match after whitespace normalisation; **relaxed**
  compares lower-cased word tokens only (quotes, dashes, case and punctuation
  ignored).
* **authors** - micro precision/recall/F1 over case-folded, whitespace
  normalised names (a page without expected authors contributes its
  predictions as false positives).
* **body BoW F1** - bag-of-words F1 between the expected body (summary, every
  section headline and paragraph) and the extracted text, both as lower-cased
  ``\\w+`` tokens: the mean of per-page F1 and the micro F1 over all tokens.

Two extractors are measured: newstrace's :func:`extract_html` and plain
trafilatura (``bare_extraction`` with its defaults, plus ``with_metadata=True``
so that it reports a title, date and authors).
"""

from __future__ import annotations

import ast
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import trafilatura

from newstrace.bench.common import (
    bag_overlap,
    f1_from_overlap,
    main_for,
    normalise_ws,
    pct,
    prf,
    read_html_file,
    word_tokens,
)
from newstrace.clean.html import extract_html
from newstrace.errors import InputError


@dataclass(frozen=True, slots=True)
class Expected:
    """The reference values for one page."""

    name: str
    url: str | None
    html_path: Path
    title: str | None
    day: str | None
    authors: tuple[str, ...]
    body: str


@dataclass(frozen=True, slots=True)
class Predicted:
    """What an extractor returned for one page (all empty on failure)."""

    title: str | None = None
    day: str | None = None
    authors: tuple[str, ...] = ()
    text: str = ""


Extractor = Callable[[str, str | None], Predicted]


def load_pages(shared: Path, limit: int | None = None) -> list[Expected]:
    """The English benchmark pages with their expected values."""
    root = shared / "data" / "fundus"
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    pages: list[Expected] = []
    cache: dict[str, dict[str, Any]] = {}
    for entry in manifest:
        if not entry.get("english"):
            continue
        json_path = str(entry["json"])
        if json_path not in cache:
            cache[json_path] = json.loads((root / json_path).read_text(encoding="utf-8"))
        gold = cache[json_path][entry["version"]]
        pages.append(
            Expected(
                name=f"{entry['publisher']}/{entry['version']}",
                url=entry.get("url"),
                html_path=root / entry["html"],
                title=gold.get("title"),
                day=_day(gold.get("publishing_date")),
                authors=tuple(gold.get("authors") or ()),
                body=body_text(gold.get("body")),
            )
        )
        if limit is not None and len(pages) >= limit:
            break
    return pages


def _day(value: Any) -> str | None:
    """The ``YYYY-MM-DD`` written at the start of an expected date."""
    return value[:10] if isinstance(value, str) and len(value) >= 10 else None


def body_text(body: Any) -> str:
    """The expected body as text: summary, then each section's headline and paragraphs."""
    if isinstance(body, str):
        try:
            body = ast.literal_eval(body)
        except (ValueError, SyntaxError):
            return str(body)
    if not isinstance(body, dict):
        return ""
    parts: list[str] = [*_strings(body.get("headline")), *_strings(body.get("summary"))]
    parts.extend(_strings(body.get("paragraphs")))
    for section in body.get("sections") or ():
        if isinstance(section, dict):
            parts.extend(_strings(section.get("headline")))
            parts.extend(_strings(section.get("paragraphs")))
    return "\n".join(parts)


def _strings(value: Any) -> list[str]:
    """A string or list of strings as a list."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def newstrace_extractor(html: str, url: str | None) -> Predicted:
    """newstrace's :func:`extract_html`."""
    try:
        got = extract_html(html, url)
    except InputError:
        return Predicted()
    return Predicted(got.title, got.published, got.authors, got.text)


def trafilatura_extractor(html: str, url: str | None) -> Predicted:
    """Plain trafilatura ``bare_extraction`` (defaults, with metadata)."""
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    except Exception:  # noqa: BLE001 - a baseline crash is a miss, not an abort
        return Predicted()
    if doc is None:
        return Predicted()
    data: dict[str, Any] = doc if isinstance(doc, dict) else doc.as_dict()
    author = data.get("author") or ""
    authors = tuple(a.strip() for a in str(author).split(";") if a.strip())
    date = data.get("date")
    return Predicted(
        title=data.get("title"),
        day=str(date)[:10] if date else None,
        authors=authors,
        text=str(data.get("text") or ""),
    )


def _author_key(name: str) -> str:
    return normalise_ws(name).casefold()


def score(pages: list[Expected], predictions: list[Predicted]) -> dict[str, Any]:
    """All metrics for one extractor over the pages."""
    n = len(pages)
    day_right = title_right = title_relaxed = 0
    a_tp = a_fp = a_fn = 0
    per_page_f1: list[float] = []
    common_sum = exp_sum = got_sum = 0
    misses: list[dict[str, Any]] = []
    for page, pred in zip(pages, predictions, strict=True):
        day_ok = page.day is not None and pred.day == page.day
        exact = bool(page.title and pred.title) and normalise_ws(page.title or "") == normalise_ws(pred.title or "")
        relaxed = bool(page.title and pred.title) and word_tokens(page.title or "") == word_tokens(pred.title or "")
        day_right += day_ok
        title_right += exact
        title_relaxed += relaxed
        gold_a = {_author_key(a) for a in page.authors}
        pred_a = {_author_key(a) for a in pred.authors}
        a_tp += len(gold_a & pred_a)
        a_fp += len(pred_a - gold_a)
        a_fn += len(gold_a - pred_a)
        common, n_exp, n_got = bag_overlap(word_tokens(page.body), word_tokens(pred.text))
        page_f1 = f1_from_overlap(common, n_exp, n_got)
        per_page_f1.append(page_f1)
        common_sum, exp_sum, got_sum = common_sum + common, exp_sum + n_exp, got_sum + n_got
        if not (day_ok and exact and page_f1 >= 0.9 and gold_a == pred_a):
            misses.append(
                {
                    "page": page.name,
                    "day": None if day_ok else [page.day, pred.day],
                    "title_exact": exact,
                    "authors": None if gold_a == pred_a else [sorted(gold_a), sorted(pred_a)],
                    "body_f1": round(page_f1, 3),
                }
            )
    authors = prf(a_tp, a_fp, a_fn)
    return {
        "pages": n,
        "day_right": day_right / n if n else 0.0,
        "title_right": title_right / n if n else 0.0,
        "title_relaxed": title_relaxed / n if n else 0.0,
        "authors_precision": authors["precision"],
        "authors_recall": authors["recall"],
        "authors_f1": authors["f1"],
        "body_f1_mean": sum(per_page_f1) / n if n else 0.0,
        "body_f1_micro": f1_from_overlap(common_sum, exp_sum, got_sum),
        "misses": misses,
    }


def _predict_all(pages: list[Expected], htmls: list[str], extractor: Extractor) -> tuple[list[Predicted], float]:
    """Run ``extractor`` over every page; also return the seconds spent."""
    start = time.perf_counter()
    predictions = [extractor(html, page.url) for page, html in zip(pages, htmls, strict=True)]
    return predictions, time.perf_counter() - start


def run(shared: Path, *, limit: int | None = None) -> dict[str, object]:
    """Run the benchmark for newstrace and the trafilatura baseline."""
    pages = load_pages(shared, limit)
    htmls = [read_html_file(p.html_path) for p in pages]
    ours, seconds = _predict_all(pages, htmls, newstrace_extractor)
    base, base_seconds = _predict_all(pages, htmls, trafilatura_extractor)
    result_ours = score(pages, ours)
    result_base = score(pages, base)
    result_ours["pages_per_second"] = len(pages) / seconds if seconds else 0.0
    result_base["pages_per_second"] = len(pages) / base_seconds if base_seconds else 0.0
    return {"benchmark": "fundus", "newstrace": result_ours, "trafilatura": result_base}


_ROWS = (
    ("day right", "day_right"),
    ("title right", "title_right"),
    ("title relaxed", "title_relaxed"),
    ("authors P", "authors_precision"),
    ("authors R", "authors_recall"),
    ("authors F1", "authors_f1"),
)


def report(result: dict[str, object]) -> str:
    """A readable table of the results, with newstrace's misses listed."""
    ours = result["newstrace"]
    base = result["trafilatura"]
    assert isinstance(ours, dict) and isinstance(base, dict)
    lines = [f"fundus English pages: {ours['pages']}", f"{'metric':<18}{'newstrace':>12}{'trafilatura':>14}"]
    for label, key in _ROWS:
        lines.append(f"{label:<18}{pct(ours[key]):>12}{pct(base[key]):>14}")
    for label, key in (("body F1 (mean)", "body_f1_mean"), ("body F1 (micro)", "body_f1_micro")):
        lines.append(f"{label:<18}{ours[key]:>12.3f}{base[key]:>14.3f}")
    lines.append(f"{'pages/s':<18}{ours['pages_per_second']:>12.1f}{base['pages_per_second']:>14.1f}")
    lines.append("newstrace misses (day / title / authors / body F1 < 0.9):")
    for miss in ours["misses"]:
        lines.append(f"  {json.dumps(miss, ensure_ascii=False)}")
    return "\n".join(lines)


def main() -> int:
    """``python -m newstrace.bench.fundus``."""
    return main_for(__doc__.splitlines()[0] if __doc__ else "fundus", run, report)


if __name__ == "__main__":
    sys.exit(main())
