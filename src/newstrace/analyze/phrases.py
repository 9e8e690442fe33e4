"""Attributions framed by a phrase rather than a verb: ``according to X, …`` and ``in a new poll, …``.

The frame is the cue, its noun phrase the source, and the rest of the
clause the content.  ``In a statement, X said …`` is left to the verb: a
frame only counts when the clause's own verb is not a cue.
"""

from __future__ import annotations

from typing import Any

from newstrace.analyze.lexicon import Lexicon
from newstrace.analyze.spans import Draft, Span, subtract, trim
from newstrace.analyze.subjects import subject_of
from newstrace.analyze.verbs import source_span

FRAME_PREPS = frozenset({"in"})
MAKE_FORMS = frozenset({"make", "makes", "made", "making"})
FRAME_WORDS = frozenset({"according", *FRAME_PREPS, *MAKE_FORMS})
FRAME_DOCUMENTS = frozenset({"poll", "polls", "survey", "surveys", "study", "studies", "report", "reports",
                             "analysis", "analyses", "estimate", "estimates", "ruling", "audit", "review"})
MIN_CONTENT_WORDS = 2


def frame_draft(text: str, token: Any, lex: Lexicon) -> Draft | None:
    """The framed attribution starting at ``token`` ("according" or a clause-initial "in"), if any."""
    if token.lower_ == "according":
        return according_to(text, token)
    if token.lower_ in FRAME_PREPS:
        return in_document(text, token, lex)
    if token.lower_ in MAKE_FORMS:
        return made_clear(text, token)
    return None


def made_clear(text: str, token: Any) -> Draft | None:
    """``X made (it) clear that …``: the phrase states what follows, like "said"; X is the source."""
    clear = next((c for c in token.children if c.lower_ == "clear" and c.i > token.i), None)
    if clear is None or not token.tag_.startswith("VB"):
        return None
    clauses = [c for node in (token, clear) for c in node.children
               if c.i > clear.i and c.tag_.startswith(("VB", "MD")) and any(
                   m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    if not clauses:
        return None
    clause = clauses[0]
    content = trim(text, (clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text)))
    subject = subject_of(token)
    if content is None:
        return None
    return Draft(content=[content], cue=(token.idx, clear.idx + len(clear.text)), cue_token=token.i,
                 source=source_span(text, subject) if subject is not None else None,
                 source_token=subject.i if subject is not None else None, origin="verb", confidence=0.6)


def according_to(text: str, token: Any) -> Draft | None:
    """``According to X, …``: cue ``according to``, source X, content the rest of the clause."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to":
        to = token.nbor(1)
    if to is None:
        return None
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    phrase_end = (obj.right_edge if obj is not None else to)
    content = _rest_of_sentence(text, token, (token.idx, phrase_end.idx + len(phrase_end.text)))
    source = source_span(text, obj) if obj is not None else None
    if not content and obj is not None:
        phrase_end = _before_comma(obj)  # the parser ran the clause into the source: "According to X, the move …"
        content = _rest_of_sentence(text, token, (token.idx, phrase_end.idx + len(phrase_end.text)))
        source = trim(text, (obj.left_edge.idx, phrase_end.idx + len(phrase_end.text)))
    if not content:
        return None
    return Draft(
        content=content,
        cue=(token.idx, to.idx + len(to.text)),
        cue_token=token.i,
        source=source,
        source_token=obj.i if obj is not None else None,
        origin="according",
        confidence=0.7,
    )


def _before_comma(obj: Any) -> Any:
    """The last token of ``obj``'s phrase before the first comma that follows it."""
    for tok in obj.doc[obj.i + 1 : obj.right_edge.i + 1]:
        if tok.text == ",":
            return tok.nbor(-1)
    return obj.right_edge


def in_document(text: str, token: Any, lex: Lexicon) -> Draft | None:
    """``In a new poll, Clinton leads …``: a clause-initial "in" + a document noun, the clause's verb no cue."""
    obj = next((c for c in token.children if c.dep_ == "pobj"), None)
    head = token.head
    if obj is None or obj.lower_ not in FRAME_DOCUMENTS or token.dep_ != "prep" or not head.tag_.startswith("VB"):
        return None
    if token.i > head.i or lex.lemma(head.text) or token.i != token.sent.start:
        return None
    end = obj.right_edge
    if end.i + 1 >= len(token.doc) or token.doc[end.i + 1].text != ",":
        return None
    content = _rest_of_sentence(text, token, (token.idx, end.idx + len(end.text)))
    if not content:
        return None
    return Draft(content=content, cue=(token.idx, token.idx + len(token.text)), cue_token=token.i,
                 source=source_span(text, obj), source_token=obj.i, origin="frame", confidence=0.6)


def _rest_of_sentence(text: str, token: Any, hole: Span) -> list[Span]:
    sent = token.sent
    pieces = [trim(text, p) for p in subtract((sent.start_char, sent.end_char), [hole])]
    return [p for p in pieces if p and len(text[p[0] : p[1]].split()) >= MIN_CONTENT_WORDS]
