"""Features of one candidate attribution, for the learned filter (:mod:`.model`).

Each candidate is described by a bag of string features: the cue word and a
crude stem, its tag and dependency, its children, how the content starts and
how long it is, whether it is quoted, and what the source is (pronoun, name,
organisation, none).  Pairs of these ("stem × source type") let a linear
model learn that "imposed" with a named subject and an object is an
attribution while "imposed" in a relative clause is not.
"""

from __future__ import annotations

from typing import Any

from newstrace.analyze.lexicon import Lexicon
from newstrace.analyze.spans import Draft

PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", "who", "which", "that"})
OPENERS = frozenset({"that", "to", "if", "whether", "how", "what", "why", "when", "the", "a", "his", "her", "their",
                     "he", "she", "they", "it", "we", "i"})
_SUFFIXES = ("ing", "ed", "es", "s")
_QUOTES = "“\"'‘”"


def stem(word: str, lex: Lexicon) -> str:
    """The lexicon lemma, else the word without a regular ending."""
    lemma = lex.lemma(word)
    if lemma:
        return lemma
    low = word.lower()
    for suffix in _SUFFIXES:
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            return low[: -len(suffix)]
    return low


def bucket(n: int) -> str:
    if n <= 1:
        return "1"
    if n <= 3:
        return "2-3"
    return "4-8" if n <= 8 else "9-20" if n <= 20 else "21+"


def features(text: str, doc: Any, draft: Draft, lex: Lexicon, mask: bytearray) -> list[str]:
    """The feature strings of ``draft`` (``mask`` marks quoted characters)."""
    found = [f"o={draft.origin}"]
    token = doc[draft.cue_token] if draft.cue_token is not None else None
    word = stem(token.text, lex) if token is not None else "-"
    if token is not None:
        found += cue_features(text, token, draft, lex, word)
    found += content_features(text, draft, mask, word)
    found += content_root_features(doc, draft, word)
    found += source_features(doc, draft, word)
    return found


def cue_features(text: str, token: Any, draft: Draft, lex: Lexicon, word: str) -> list[str]:
    """The cue ``token`` (``word`` is its stem): its form, tag, dependency, children and position."""
    origin = draft.origin
    found = [f"w={token.lower_}", f"s={word}", f"t={token.tag_}", f"dep={token.dep_}", f"htag={token.head.tag_[:2]}",
             f"s|o={word}|{origin}", f"t|o={token.tag_}|{origin}", f"dep|o={token.dep_}|{origin}",
             f"speech={lex.is_speech(token.text)}", f"lex={bool(lex.lemma(token.text))}",
             f"noun_lex={token.lower_ in lex.noun_cues}"]
    for child in token.children:
        found.append(f"kid={child.dep_}")
        if child.dep_ == "neg":
            found.append("neg")
        elif child.dep_ == "aux" and child.tag_ == "MD":
            found.append("modal")
        elif child.dep_ in ("prt", "prep"):
            found.append(f"{child.dep_}={word}|{child.lower_}")
    if draft.cue is not None:
        found.append(f"cuelen={bucket(len(text[draft.cue[0] : draft.cue[1]].split()))}")
    offset = token.i - token.sent.start
    found.append("sentpos=" + ("first" if offset <= 2 else "early" if offset <= 6 else "late"))
    if token.head.i != token.i:
        found.append(f"hw={token.head.lower_[:20]}")
    found.extend(context_features(token, lex))
    return found


def context_features(token: Any, lex: Lexicon) -> list[str]:
    """Where the cue sits: under another cue verb (a nested report), in a relative clause, after a comma."""
    found = []
    for depth, above in enumerate(token.ancestors):
        if depth >= 4:
            break
        if above.tag_.startswith("VB") and lex.lemma(above.text):
            found.append(f"under_cue={lex.is_speech(above.text)}")
            found.append(f"under_cue_dep={token.dep_}")
            break
    if token.i > 0:
        prev = token.doc[token.i - 1]
        found.append(f"prev={prev.lower_ if prev.is_punct or prev.tag_ in ('RB', 'MD', 'TO') else prev.tag_[:2]}")
    return found


def content_features(text: str, draft: Draft, mask: bytearray, word: str) -> list[str]:
    spans = draft.content
    words = sum(len(text[s:e].split()) for s, e in spans)
    first = text[spans[0][0] : spans[0][1]].split()[:1]
    opener = first[0].lower().strip(_QUOTES) if first else ""
    opener = opener if opener in OPENERS else "other"
    inside = sum(mask[s:e].count(1) for s, e in spans)
    total = sum(e - s for s, e in spans)
    quoted = "none" if inside == 0 else "all" if inside >= total - 2 else "some"
    return [f"clen={bucket(words)}", f"cfirst={opener}", f"q={quoted}", f"s|cf={word}|{opener}"]


def content_root_features(doc: Any, draft: Draft, word: str) -> list[str]:
    """The content's own head: a clause (verb), a noun phrase (person or thing) or something else."""
    start, end = draft.content[0]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    root = span.root
    kind = "verb" if root.tag_.startswith(("VB", "MD")) else root.ent_type_ or root.tag_[:2]
    return [f"croot={kind}", f"s|croot={word}|{kind}", f"crootdep={root.dep_}"]


def source_features(doc: Any, draft: Draft, word: str) -> list[str]:
    if draft.source is None:
        return ["src=none", f"s|nosrc={word}"]
    if draft.source_token is None:
        return ["src=notok"]
    head = doc[draft.source_token]
    low = head.lower_
    kind = "pron" if low in PRONOUNS else head.ent_type_ or ("prop" if head.tag_.startswith("NNP") else "noun")
    found = [f"srctag={head.tag_}", f"srcent={head.ent_type_ or 'none'}",
             "srcrel=" + ("before" if draft.source[0] < draft.start else "after"),
             f"s|src={word}|{kind}", f"o|src={draft.origin}|{kind}"]
    if low in PRONOUNS:
        found.append(f"srcpron={low}")
    if head.tag_ in ("NN", "NNS"):
        found.append(f"srcw={low}")
    return found
