"""The tense around a time expression: does "Tuesday" mean the last one or the next one?

Two detectors with one signature, ``(text, start, end) -> Tense | None``:

* :func:`regex_tense` looks at the words of the sentence around the expression
  (the nearest tense marker before it, else the nearest after it): ``will``,
  ``'ll``, ``going to``... for the future; ``said``, ``was``, ``-ed`` forms for
  the past.  No model, a few microseconds per call.
* :func:`SpacyTense` climbs the dependency tree from the expression to its
  governing verb and reads the verb's tag and auxiliaries; it falls back to
  the regex when the parse gives no answer.
"""

from __future__ import annotations

import re
from typing import Any

from newstrace.timex.model import Tense

WINDOW = 160
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|'ll")
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(]?[A-Z])|\n\s*\n|;")

FUTURE_WORDS = frozenset(
    "will won't wont shall 'll would wouldn't going plans intends intend scheduled expected due upcoming "
    "tomorrow next".split()
)
PRESENT_WORDS = frozenset("is are says say am does do".split())
PAST_WORDS = frozenset(
    "was were had did said told went came took made held began left met gave got saw knew thought found "
    "became brought bought sold fell rose won lost spent paid sent led struck hit fled fought kept ran "
    "spoke wrote broke chose drove flew grew threw wore been ago earlier yesterday last since".split()
)
_NOT_PAST = frozenset("need needed indeed speed seed bed red feed weed breed hundred proceed exceed succeed".split())
WEAK_REACH = 3  # an -ed form counts only this close to the expression
FOLLOWING_REACH = 4  # markers after the expression count only this close


def classify(word: str) -> Tense | None:
    """The tense a marker word (``will``, ``said``, ``is``...) signals, if any."""
    lower = word.lower()
    if lower in FUTURE_WORDS:
        return "future"
    if lower in PAST_WORDS:
        return "past"
    if lower in PRESENT_WORDS:
        return "present"
    return None


def is_past_form(word: str) -> bool:
    """A lower-case ``-ed`` word: a weak sign of the past (``exploded``, not ``United``)."""
    return word.islower() and word.endswith("ed") and len(word) > 4 and word not in _NOT_PAST


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """A window around ``[start, end)`` cut at sentence ends (at most :data:`WINDOW` characters each side)."""
    left = max(0, start - WINDOW)
    before = list(_SENTENCE_END.finditer(text, left, start))
    if before:
        left = before[-1].end()
    right = min(len(text), end + WINDOW)
    after = _SENTENCE_END.search(text, end, right)
    return left, after.start() + 1 if after else right


def regex_tense(text: str, start: int, end: int) -> Tense | None:
    """The tense of the sentence around an expression, from marker words.

    The nearest marker before the expression decides (an ``-ed`` form counts
    only within :data:`WEAK_REACH` words); failing that, a marker just after it.
    """
    left, right = sentence_bounds(text, start, end)
    before = _WORD.findall(text, left, start)[::-1]
    after = _WORD.findall(text, end, right)[:FOLLOWING_REACH]
    for words in (before, after):
        for distance, word in enumerate(words):
            found = classify(word) or ("past" if distance < WEAK_REACH and is_past_form(word) else None)
            if found == "past" and words is before and _passive(before, distance):
                continue
            if found == "future" and _preposition(words, distance, reverse=words is before):
                continue
            if found is not None:
                return found
    return None


_NOUN_STARTS = frozenset("the a an its his her their our my your this that these those".split())


def _preposition(words: list[str], distance: int, *, reverse: bool) -> bool:
    """True for ``next to`` (a place, not the future) and ``due to the`` (a cause: ``due to its loss``)."""
    word = words[distance].lower()
    if word not in ("next", "due"):
        return False
    step = -1 if reverse else 1
    following = [words[i].lower() for i in (distance + step, distance + 2 * step) if 0 <= i < len(words)]
    if not following or following[0] != "to":
        return False
    return word == "next" or (len(following) > 1 and following[1] in _NOUN_STARTS)


def _passive(before: list[str], distance: int) -> bool:
    """True for ``(will) be held``: a participle after ``be``, whose tense comes from further left."""
    return distance + 1 < len(before) and before[distance + 1].lower() in ("be", "being")


_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "would", "going"})


class SpacyTense:
    """Tense from a parsed spaCy ``Doc`` whose text is the one being searched."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc

    def __call__(self, text: str, start: int, end: int) -> Tense | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        verb = governing_verb(span.root) if span is not None and len(span) else None
        found = verb_tense(verb) if verb is not None else None
        return found if found is not None else regex_tense(text, start, end)


def governing_verb(token: Any) -> Any:
    """The nearest verb at or above ``token`` in the dependency tree (None within four steps)."""
    for _ in range(5):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def verb_tense(verb: Any) -> Tense | None:
    """Future for a ``will``/``'ll``/``going to`` verb, past for VBD or ``had``/``did``, present for VBZ/VBP."""
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {child.lower_ for child in auxiliaries}
    if words & _FUTURE_AUX or verb.lower_ in _FUTURE_AUX:
        return "future"
    if verb.tag_ == "VBD" or any(child.tag_ == "VBD" for child in auxiliaries):
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or any(child.tag_ in ("VBZ", "VBP") for child in auxiliaries):
        return "present"
    return None
