"""Who said what: every attributed statement in an article, with spans and a speaker.

:func:`extract_quotes` runs three passes over one parsed article:

1. the verb pass (:mod:`.verbs`): speech and cognition verbs with their
   complements and subjects, and ``according to X``;
2. the quote pass (:mod:`.direct`): quote marks widened, unclaimed quotes
   given their own cue, a shared cue (a quote split around "he said") or the
   attribution they continue;
3. speakers (:mod:`.speakers`): the source mention resolved to a canonical
   person or organisation of the article, or None with a reason.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from newstrace.analyze import direct, speakers
from newstrace.analyze.candidates import candidate
from newstrace.analyze.lexicon import Lexicon, lexicon
from newstrace.analyze.marks import QuoteSpan, find_quotes, paragraphs, quote_kind, quoted_mask
from newstrace.analyze.model import AttributionModel
from newstrace.analyze.nouns import from_noun
from newstrace.analyze.patterns import colon_attributions
from newstrace.analyze.phrases import FRAME_WORDS, frame_draft
from newstrace.analyze.spans import Draft, merge, overlaps, subtract, trim
from newstrace.analyze.verbs import from_verb, is_cue_verb
from newstrace.records import Quote

WIDE_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "NN", "NNS")
_HASHES: dict[int, tuple[Lexicon, frozenset[int], frozenset[int]]] = {}


def extract_quotes(text: str, doc: Any = None, article_id: str = "",
                   model: AttributionModel | None = None) -> list[Quote]:
    """The attributed statements of ``text`` (parsed here unless ``doc`` is given).

    With a trained ``model`` the rule attributions and wider candidates are
    filtered by it (see :mod:`newstrace.analyze.model`).
    """
    if not text or not text.strip():
        return []
    if doc is None:
        from newstrace.analyze.nlp import parse

        doc = parse(text)
    quotes = find_quotes(text)
    mask = quoted_mask(text, quotes)
    drafts = find_drafts(text, doc, quotes, mask, model=model)
    speakers.resolve(text, doc, drafts)
    return [to_quote(text, d, article_id, mask) for d in drafts]


def find_drafts(text: str, doc: Any, quotes: list[QuoteSpan], mask: bytearray,
                model: AttributionModel | None = None) -> list[Draft]:
    """Attribution drafts (spans only, no speakers), in text order (``mask`` marks the ``quotes``)."""
    lex = lexicon()
    drafts = _verb_pass(text, doc, lex, mask, model)
    drafts.extend(d for d in colon_attributions(text, doc) if not _reported_inside(text, d, drafts, lex))
    direct.widen_to_quotes(drafts, quotes)
    drafts = drop_nested(drafts)
    index = direct.TokenIndex(doc)
    direct.attach_quotes(text, index, drafts, quotes, lex, mask)
    _add_standalone(text, index, drafts, quotes, lex)
    drafts = [d for d in drop_nested(drafts) if _content_without_frame(text, d)]
    return sorted(drafts, key=lambda d: (d.start, d.end))


def _content_without_frame(text: str, draft: Draft) -> bool:
    """Cut the cue and source out of the content (a token has one role); False when nothing is left."""
    frame = [s for s in (draft.cue, draft.source) if s is not None]
    if not any(overlaps(f, c) for f in frame for c in draft.content):
        return True
    pieces = [trim(text, p, keep_final_stop=True) for c in draft.content for p in subtract(c, frame)]
    draft.content = [p for p in pieces if p is not None and any(ch.isalnum() for ch in text[p[0] : p[1]])]
    return bool(draft.content)


def _verb_pass(text: str, doc: Any, lex: Lexicon, mask: bytearray, model: AttributionModel | None) -> list[Draft]:
    if model is None:
        tokens = (doc[i] for i in cue_positions(doc, lex))
        rules = (rule_draft(text, token, lex) for token in tokens if not mask[token.idx])
        return [d for d in rules if d is not None]
    judged = (model.judge(text, doc, d, lex, mask) for d in candidate_drafts(text, doc, lex, mask))
    return [d for d in judged if d is not None]


def candidate_drafts(text: str, doc: Any, lex: Lexicon, mask: bytearray) -> Iterator[Draft]:
    """What a trained model judges: per unquoted possible cue, the rule draft or else the wide candidate."""
    for i in cue_positions(doc, lex, wide=True):
        token = doc[i]
        if mask[token.idx]:
            continue
        draft = rule_draft(text, token, lex) or candidate(text, token, lex)
        if draft is not None:
            yield draft


def cue_positions(doc: Any, lex: Lexicon, wide: bool = False) -> list[int]:
    """Indices of the tokens that can cue an attribution: lexicon words (any verb or common noun when ``wide``).

    Read from the doc's arrays, so the other tokens are never materialised.
    """
    from spacy.attrs import LOWER, TAG

    if not len(doc):
        return []
    words, tags = _hashes(lex)
    found = []
    for i, (low, tag) in enumerate(doc.to_array([LOWER, TAG]).tolist()):
        if low in words or (wide and tag in tags):
            found.append(i)
    return found


def _hashes(lex: Lexicon) -> tuple[frozenset[int], frozenset[int]]:
    """String hashes of the cue words and the wide tags (computed once per lexicon)."""
    from spacy.strings import get_string_id

    cached = _HASHES.get(id(lex))
    if cached is None or cached[0] is not lex:
        words = {*lex.speech, *lex.cognition, *lex.noun_cues, *FRAME_WORDS}
        cached = (lex, frozenset(get_string_id(w) for w in words), frozenset(get_string_id(t) for t in WIDE_TAGS))
        _HASHES[id(lex)] = cached
    return cached[1], cached[2]


def rule_draft(text: str, token: Any, lex: Lexicon) -> Draft | None:
    """The rules' attribution cued by ``token``: "according to", a cue verb or a cue noun."""
    draft = frame_draft(text, token, lex)
    if draft is None and is_cue_verb(token, lex):
        draft = from_verb(text, token, lex)
    if draft is None and token.lower_ in lex.noun_cues:
        draft = from_noun(text, token, lex)
    return draft


def _add_standalone(text: str, index: direct.TokenIndex, drafts: list[Draft], quotes: list[QuoteSpan],
                    lex: Lexicon) -> None:
    paras = paragraphs(text)
    for q in quotes:
        if direct.claimed(drafts, (q.start, q.end)) is None and direct.forward(text, q, drafts, paras) is None:
            extra = direct.embedded(text, index, q, lex) or direct.standalone(text, q)
            if extra is not None:
                drafts.append(extra)


def _reported_inside(text: str, draft: Draft, others: list[Draft], lex: Lexicon) -> bool:
    """``Superdelegates: … "…," Devine said.``: a label before a colon is no speaker when its paragraph reports
    someone else's speech (a speech verb with its own source); a transcript name in capitals always speaks."""
    if draft.source is None or text[draft.source[0] : draft.source[1]].isupper():
        return False
    return any(_speech_with_source(text, other, lex) and _clashes(draft, [other]) for other in others)


def _speech_with_source(text: str, draft: Draft, lex: Lexicon) -> bool:
    words = text[draft.cue[0] : draft.cue[1]].split() if draft.cue is not None else []
    return draft.source is not None and bool(words) and lex.is_speech(words[-1].strip(":,"))


def _clashes(draft: Draft, others: list[Draft]) -> bool:
    return any(overlaps(c, o) for c in draft.content for other in others for o in other.content)


def drop_nested(drafts: list[Draft]) -> list[Draft]:
    """Only the outermost attribution is kept: drop drafts whose cue lies in another's content."""
    sized = [(d, _size(d)) for d in drafts]
    return [draft for draft, size in sized if draft.cue is None or not _nested(draft.cue, draft, size, sized)]


def _nested(cue: tuple[int, int], draft: Draft, size: int, sized: list[tuple[Draft, int]]) -> bool:
    start, end = cue
    for other, other_size in sized:
        if other is draft or other_size < size:
            continue
        if any(s < end and start < e for s, e in other.content):
            return True
    return False


def _size(draft: Draft) -> int:
    return sum(e - s for s, e in draft.content)


def quote_id(article_id: str, content: tuple[tuple[int, int], ...]) -> str:
    """Content-hash id: the article id and the content spans."""
    key = article_id + "|" + ";".join(f"{s}-{e}" for s, e in content)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def to_quote(text: str, draft: Draft, article_id: str, mask: bytearray) -> Quote:
    content = tuple(merge(draft.content))
    kind = quote_kind(text, content, mask)
    confidence = draft.confidence
    if kind != "indirect" and draft.cue is not None:
        confidence = max(confidence, min(0.95, confidence + 0.2))
    return Quote(
        id=quote_id(article_id, content),
        article_id=article_id,
        kind=kind,
        text=" … ".join(text[s:e] for s, e in content),
        content=content,
        cue=text[draft.cue[0] : draft.cue[1]] if draft.cue else None,
        cue_spans=(draft.cue,) if draft.cue else (),
        speaker_mention=text[draft.source[0] : draft.source[1]] if draft.source else None,
        source_spans=(draft.source,) if draft.source else (),
        speaker=draft.speaker,
        speaker_reason=draft.speaker_reason,
        medium=draft.medium,
        confidence=round(confidence, 3),
    )
