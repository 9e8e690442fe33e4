"""Attributions whose cue is a noun: "his claim that …", "issued a statement saying …"
is handled by the verb pass; here "X's warning that …", "the concern that …",
"His view is that …" and "made a promise to …".
"""

from __future__ import annotations

from typing import Any

from newstrace.analyze.lexicon import Lexicon
from newstrace.analyze.spans import Draft, Span, trim
from newstrace.analyze.subjects import governing_verb, subject_of
from newstrace.analyze.verbs import source_span

LIGHT_VERBS = frozenset({"make", "made", "makes", "making", "issue", "issued", "issues", "issuing", "express",
                         "expressed", "expresses", "voice", "voiced", "raise", "raised", "raises", "repeat",
                         "repeated", "reiterate", "reiterated", "offer", "offered", "share", "shared", "echo",
                         "echoed", "renew", "renewed", "dismiss", "dismissed", "reject", "rejected"})


def from_noun(text: str, token: Any, lex: Lexicon) -> Draft | None:
    """An attribution cued by the noun ``token`` with a that-clause (or to-clause) complement."""
    if not token.tag_.startswith("NN") or token.lower_ not in lex.noun_cues:
        return None
    content = _complement(text, token)
    if content is None:
        return None
    source, source_tok, cue_start = noun_source(text, token)
    return Draft(
        content=[content],
        cue=(cue_start, token.idx + len(token.text)),
        cue_token=token.i,
        source=source,
        source_token=source_tok,
        origin="noun",
        confidence=0.5,
    )


def _complement(text: str, noun: Any) -> Span | None:
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp", "appos", "relcl") and child.i > noun.i and _is_that_clause(child):
            return trim(text, (child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text)))
    head = noun.head
    if noun.dep_ == "nsubj" and head.lower_ in ("is", "was", "are", "were", "'s", "’s", "remains", "remained"):
        for child in head.children:
            if child.dep_ in ("ccomp", "attr") and child.i > head.i and _is_that_clause(child):
                return trim(text, (child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text)))
    return None


def _is_that_clause(token: Any) -> bool:
    first = token.left_edge
    # "the claim that X lied" (a complementizer), not "a proposal that X pushed" (a relative pronoun)
    return bool(first.lower_ == "that" and first.dep_ == "mark" and token.tag_.startswith(("VB", "MD", "JJ")))


def noun_source(text: str, noun: Any) -> tuple[Span | None, int | None, int]:
    cue_start = noun.idx
    for child in noun.children:
        if child.dep_ == "amod" and child.i == noun.i - 1:
            cue_start = child.idx
    for child in noun.children:
        if child.dep_ == "poss":
            span = (child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text))
            return span, child.i, cue_start
    verb = noun.head
    if noun.dep_ == "dobj" and verb.lower_ in LIGHT_VERBS:
        subject = subject_of(verb)
        if subject is not None:
            return source_span(text, subject), subject.i, verb.idx
        return None, None, verb.idx
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return source_span(text, obj), obj.i, cue_start
    return _governing_subject(text, noun, cue_start)


def _governing_subject(text: str, noun: Any, cue_start: int) -> tuple[Span | None, int | None, int]:
    """``X says in a statement that …``, ``X backed away from a suggestion that …``: with no owner of its own,
    the noun's statement is put by the subject of the verb it hangs on."""
    verb = governing_verb(noun)
    subject = subject_of(verb) if verb is not None else None
    if subject is None:
        return None, None, cue_start
    return source_span(text, subject), subject.i, cue_start
