"""The public functions: find time expressions in a text, resolved against its publication date."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from newstrace.timex.context import Context, TenseFn
from newstrace.timex.model import TimeExpression
from newstrace.timex.resolve import resolve_all
from newstrace.timex.tense import SpacyTense, regex_tense


def find_time_expressions(text: str, dct: date | None, *, doc: Any = None) -> list[TimeExpression]:
    """Time expressions of ``text`` in order, with TIMEX3 values resolved against ``dct``.

    ``dct`` is the document creation (publication) date; without it relative
    expressions get placeholder values such as ``XXXX-WXX-2``.  ``doc``, a
    spaCy ``Doc`` of the same text, makes the tense come from the parse
    (the governing verb and its auxiliaries) instead of the regex detector.
    """
    if not text:
        return []
    if isinstance(dct, datetime):
        dct = dct.date()
    tense: TenseFn = SpacyTense(doc) if doc is not None and doc.text == text else regex_tense
    return resolve_all(Context.build(text, dct, tense))


def find_with_spacy(text: str, dct: date | None) -> list[TimeExpression]:
    """:func:`find_time_expressions` with the tense read from the project's spaCy parse."""
    from newstrace.analyze.nlp import parse

    return find_time_expressions(text, dct, doc=parse(text) if text else None)


def dates_for_text(text: str, dct: date | str | None) -> list[dict[str, object]]:
    """Raw mode (``newstrace dates``): one ``{start, end, text, value, type}`` dict per expression."""
    if isinstance(dct, str):
        dct = date.fromisoformat(dct[:10])
    return [expression.to_cli_dict() for expression in find_time_expressions(text, dct)]
