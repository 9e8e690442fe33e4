"""Time expressions: find them in a text and resolve them to TIMEX3 values against the publication date.

``find_time_expressions(text, dct)`` is the whole stage; ``dates_for_text``
is its raw (CLI) form.  The core is regular expressions over a lexicon, with
a regex tense detector deciding whether ``Tuesday`` is the last or the next
one; pass a spaCy ``doc`` (or call ``find_with_spacy``) to take the tense from
the dependency parse instead.
"""

from __future__ import annotations

from newstrace.timex.api import dates_for_text, find_time_expressions, find_with_spacy
from newstrace.timex.model import Resolution, TimeExpression

__all__ = ["Resolution", "TimeExpression", "dates_for_text", "find_time_expressions", "find_with_spacy"]
