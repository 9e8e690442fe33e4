"""Quote wording for statement linking: passages, normalised tokens, similarity rules and word diffs.

A quote's *passages* are its content spans (a direct quote split around "he
said" has two); for a mixed quote the longest quoted fragment stands for the
passage when it is long enough.  Tokens are case-folded words with quote marks,
punctuation and contractions normalised ("we're" → "we are", "haven't" →
"have not"), so that two outlets' renderings of the same words compare equal.

:func:`compare` measures a pair of token sequences once; :func:`verdict` applies
the rules (see ``docs/cli.md``, ``newstrace statements``):

* passages under ``MIN_TOKENS`` words are never linked;
* a *fragment* (under ``FRAGMENT_TOKENS`` words) links only when it occurs word
  for word in the other passage and both have the same known speaker;
* longer passages link when the shorter one is covered in order (trimmed or
  partial quotes, a few words changed), when the two are reorderings of each
  other (clauses swapped), or when they are near identical.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from newstrace.records import Quote, WordEdit

MIN_TOKENS = 5
FRAGMENT_TOKENS = 8
LONG_TOKENS = 15
NEAR_IDENTICAL = 90.0

Verdict = Literal["none", "weak", "strong"]

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "´": "'"})
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»]+)[\"“”„«»]")
_EDGE = " \t\n\"'“”„«»‘’`,;:–—-"
_SUFFIXES = (("n't", ("not",)), ("'re", ("are",)), ("'ve", ("have",)), ("'m", ("am",)), ("'ll", ("will",)),
             ("'d", ("would",)))
_IS = frozenset({"it", "that", "there", "what", "here", "he", "she", "who", "where", "this", "let"})
_SPECIAL = {"won't": ("will", "not"), "can't": ("cannot",), "shan't": ("shall", "not"), "let's": ("let", "us"),
            "ain't": ("is", "not")}
STOPWORDS = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been it its this that these those "
    "there here we i you he she they them us our his her their not no so if then than also about into over".split()
)


def tokens(text: str) -> tuple[str, ...]:
    """Case-folded words with contractions expanded and possessive ``'s`` dropped."""
    out: list[str] = []
    for word in _WORD.findall(text.translate(_APOSTROPHES).casefold()):
        out.extend(_expand(word))
    return tuple(out)


def _expand(word: str) -> tuple[str, ...]:
    if "'" not in word:
        return (word,)
    if word in _SPECIAL:
        return _SPECIAL[word]
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            return (word[: -len(suffix)], *replacement)
    if word.endswith("'s"):
        stem = word[:-2]
        return (stem, "is") if stem in _IS else (stem,)
    return (word.replace("'", ""),)


@dataclass(frozen=True, slots=True)
class Passage:
    """One contiguous quoted passage of a quote: the unit statements are made of."""

    quote_id: str
    part: int
    article_id: str
    text: str
    tokens: tuple[str, ...]


def passages(quote: Quote, article_text: str) -> list[Passage]:
    """The quote's passages, one per content span (a mixed quote's long quoted fragment stands for its span)."""
    found = []
    for part, (start, end) in enumerate(quote.content):
        raw = article_text[max(0, start) : max(0, end)]
        if quote.kind == "mixed":
            raw = _longest_quoted(raw) or raw
        text = raw.strip(_EDGE)
        words = tokens(text)
        if quote.kind != "direct" and words[:1] == ("that",):
            words = words[1:]
            text = text[4:].lstrip() if text[:4].lower() == "that" else text
        found.append(Passage(quote.id, part, quote.article_id, text, words))
    return found


def _longest_quoted(text: str) -> str | None:
    fragments = [f.strip(_EDGE) for f in _QUOTED.findall(text)]
    best = max(fragments, key=lambda f: len(tokens(f)), default=None)
    return best if best is not None and len(tokens(best)) >= MIN_TOKENS else None


# --------------------------------------------------------------------------- similarity


@dataclass(frozen=True, slots=True)
class Similarity:
    """How two token sequences compare; coverage figures are shares of the shorter one.

    ``ordered``: longest common subsequence; ``words``: shared words (multiset);
    ``bigrams``: shared adjacent word pairs; ``sorted_ratio``: rapidfuzz
    token-sort ratio (0-100, reordering ignored); ``ratio``: rapidfuzz ratio of
    the normalised texts (0-100, length differences penalised).
    """

    shorter: int
    longer: int
    ordered: float
    words: float
    bigrams: float
    sorted_ratio: float
    ratio: float

    @property
    def score(self) -> float:
        """One number to rank matches: in-order coverage first, then the adjacent pairs."""
        return self.ordered + self.bigrams / 2


def compare(a: tuple[str, ...], b: tuple[str, ...]) -> Similarity:
    """Measure ``a`` against ``b`` (symmetric)."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    n = max(1, len(short))
    shared = sum((Counter(short) & Counter(long)).values())
    pairs = Counter(zip(short, short[1:], strict=False))
    shared_pairs = sum((pairs & Counter(zip(long, long[1:], strict=False))).values())
    joined_a, joined_b = " ".join(short), " ".join(long)
    return Similarity(
        shorter=len(short),
        longer=len(long),
        ordered=LCSseq.similarity(short, long) / n,
        words=shared / n,
        bigrams=shared_pairs / max(1, len(short) - 1),
        sorted_ratio=fuzz.token_sort_ratio(joined_a, joined_b, processor=None),
        ratio=fuzz.ratio(joined_a, joined_b, processor=None),
    )


def near_identical(sim: Similarity) -> bool:
    """The same words nearly verbatim: linked whatever the speakers (a different speaker is then a conflict)."""
    return sim.shorter >= MIN_TOKENS + 1 and sim.ratio >= NEAR_IDENTICAL


def verdict(sim: Similarity, same_known_speaker: bool, compatible: bool) -> Verdict:
    """``strong`` (same statement, may join clusters), ``weak`` (a fragment: attach only) or ``none``.

    ``same_known_speaker``: both passages are attributed to the same entity;
    ``compatible``: the same entity or at least one unknown.
    """
    if sim.shorter < MIN_TOKENS:
        return "none"
    fragment = sim.shorter < FRAGMENT_TOKENS
    if near_identical(sim):
        return "weak" if fragment else "strong"
    if not compatible:
        return "none"
    if fragment:
        return "weak" if same_known_speaker and sim.ordered == 1.0 and sim.bigrams == 1.0 else "none"
    return "strong" if _same_statement(sim) else "none"


def _same_statement(sim: Similarity) -> bool:
    pairs_needed = 0.6 if sim.shorter >= LONG_TOKENS else 0.75
    trimmed = sim.ordered >= 0.8 and sim.bigrams >= pairs_needed
    reordered = sim.shorter / max(1, sim.longer) >= 0.6 and sim.sorted_ratio >= 80 and sim.words >= 0.75
    return trimmed or reordered or sim.ratio >= 85


# --------------------------------------------------------------------------- word diffs


def word_diff(canonical: str, variant: str) -> tuple[WordEdit, ...]:
    """The word-level edits turning ``canonical`` into ``variant`` (words compared in normalised form).

    Canonical words before the first and after the last word the variant shares
    with it are ``omitted`` (a partial quote), not deleted.
    """
    old, new = canonical.split(), variant.split()
    ops = SequenceMatcher(None, [_key(w) for w in old], [_key(w) for w in new], autojunk=False).get_opcodes()
    equal = [i for i, op in enumerate(ops) if op[0] == "equal"]
    edits = []
    for index, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            continue
        outside = bool(equal) and (index < equal[0] or index > equal[-1])
        if outside and tag in ("delete", "replace") and i2 > i1:
            edits.append(WordEdit("omitted", i1, " ".join(old[i1:i2])))
            if tag == "replace":
                edits.append(WordEdit("insert", i1 if index < equal[0] else i2, "", " ".join(new[j1:j2])))
            continue
        edits.append(WordEdit(tag, i1, " ".join(old[i1:i2]), " ".join(new[j1:j2])))
    return tuple(edits)


def _key(word: str) -> str:
    return " ".join(tokens(word))


def diff_text(edits: tuple[WordEdit, ...]) -> str:
    """A short readable form of a diff: ``[-have-]{+take+}``, ``[…omitted 12 words…]``."""
    parts = []
    for edit in edits:
        if edit.op == "omitted":
            parts.append(f"[…{len(edit.canonical.split())} words omitted…]")
        else:
            removed = f"[-{edit.canonical}-]" if edit.canonical else ""
            added = f"{{+{edit.variant}+}}" if edit.variant else ""
            parts.append(removed + added)
    return " ".join(parts) if parts else "(same words)"
