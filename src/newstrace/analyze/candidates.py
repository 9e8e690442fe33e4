"""Wider attribution candidates, for the optional learned filter (:mod:`.model`).

The rules (:mod:`.verbs`, :mod:`.nouns`) only fire on cue words from the
lexicon with the complements those words take.  A trained model can judge
more: here every verb with a complement (a clause, an object, a
prepositional object, a passive subject) and every noun with an owner and a
complement ("her criticism of the plan") becomes a candidate, with content
and source spans found the same way.  Most candidates are not attributions;
the model decides which are.
"""

from __future__ import annotations

from typing import Any

from newstrace.analyze.lexicon import Lexicon
from newstrace.analyze.nouns import noun_source
from newstrace.analyze.spans import Draft, Span, trim
from newstrace.analyze.subjects import agent_of, name_before, sentence_subject, subject_of
from newstrace.analyze.verbs import cue_span, cut_trailing_clause, source_span

VERB_PREPS = frozenset({"about", "on", "for", "against", "with", "to", "of", "over", "at", "into", "as", "from",
                        "in", "toward", "towards", "behind", "after"})
NOUN_PREPS = frozenset({"of", "on", "about", "for", "against", "to", "with", "over", "toward", "towards"})
OBJECT_EXTRAS = frozenset({"as", "for", "of", "with", "to"})
LATE_DEPS = ("oprd", "acomp", "intj", "attr")
CLAUSE_OPENERS = frozenset({"that", "to"})


def candidate(text: str, token: Any, lex: Lexicon) -> Draft | None:
    """A candidate attribution cued by ``token`` (a verb or a noun), or None."""
    if token.tag_.startswith("VB"):
        return verb_candidate(text, token, lex)
    if token.tag_ in ("NN", "NNS"):
        return noun_candidate(text, token, lex)
    return None


def verb_candidate(text: str, token: Any, lex: Lexicon) -> Draft | None:
    """Any verb with a complement: content is the complement, source the subject (or the passive agent)."""
    if token.dep_ in ("aux", "auxpass"):
        return None
    kind, roots = complement(token)
    content = span_of(text, roots) if roots else None
    if content is None:
        return None
    subject = agent_of(token) if kind == "passive" else (
        subject_of(token) or sentence_subject(token) or name_before(token))
    return Draft(
        content=[content], cue=cue_span(text, token, lex.lemma(token.text) or token.lower_, lex), cue_token=token.i,
        source=source_span(text, subject) if subject is not None else None,
        source_token=subject.i if subject is not None else None, origin=f"wide-{kind}", confidence=0.5,
    )


def complement(token: Any) -> tuple[str, list[Any]]:
    """The first complement found, by kind: clause, xcomp, object, prepositional object, late, passive."""
    kids = list(token.children)
    clause = [c for c in kids if c.dep_ in ("ccomp", "csubjpass")]
    if clause:
        return "ccomp", clause
    xcomp = [c for c in kids if c.dep_ == "xcomp"]
    if xcomp:
        return "xcomp", [c for c in kids if c.dep_ == "dobj" and c.i < xcomp[0].i] + xcomp
    objects = [c for c in kids if c.dep_ == "dobj"]
    if objects:
        extra = [c for c in kids if c.i > objects[0].i and (
            c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ in OBJECT_EXTRAS))]
        return "dobj", objects + extra
    found = _prep_objects(token, kids, VERB_PREPS)
    if found:
        return "prep", found
    for dep in LATE_DEPS:
        late = [c for c in kids if c.dep_ == dep and c.i > token.i]
        if late:
            return dep, late
    passive = [c for c in kids if c.dep_ == "nsubjpass"]
    return ("passive", passive) if passive else ("", [])


def _prep_objects(token: Any, kids: list[Any], preps: frozenset[str]) -> list[Any]:
    for child in kids:
        if child.dep_ == "prep" and child.lower_ in preps and child.i > token.i:
            objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            if objects:
                return objects
    return []


def noun_candidate(text: str, token: Any, lex: Lexicon) -> Draft | None:
    """A noun with a complement and an owner (or a cue noun from the lexicon): "Trump's attack on the press"."""
    if not any(c.dep_ == "poss" for c in token.children) and token.lower_ not in lex.noun_cues:
        return None
    content, kind = _noun_content(text, token)
    if content is None:
        return None
    source, source_token, cue_start = noun_source(text, token)
    return Draft(
        content=[content], cue=(cue_start, token.idx + len(token.text)), cue_token=token.i, source=source,
        source_token=source_token, origin=f"wide-noun-{kind}", confidence=0.5,
    )


def _noun_content(text: str, noun: Any) -> tuple[Span | None, str]:
    for child in noun.children:
        if child.i < noun.i:
            continue
        if child.dep_ == "prep" and child.lower_ in NOUN_PREPS:
            objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            if objects:
                return span_of(text, objects), "prep"
        if child.dep_ in ("acl", "relcl", "ccomp", "appos") and child.left_edge.lower_ in CLAUSE_OPENERS:
            return span_of(text, [child]), "clause"
    return None, ""


def span_of(text: str, roots: list[Any]) -> Span | None:
    """The subtrees of ``roots`` as one span, without a trailing author's clause."""
    start = min(r.left_edge.idx for r in roots)
    last = cut_trailing_clause(max(roots, key=lambda r: r.right_edge.i))
    return trim(text, (start, last.idx + len(last.text)))
