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
from typing import Any

from newstrace.analyze import direct, speakers
from newstrace.analyze.lexicon import Lexicon, lexicon
from newstrace.analyze.marks import QuoteSpan, find_quotes, paragraphs, quote_kind, quoted_mask
from newstrace.analyze.nouns import from_noun
from newstrace.analyze.patterns import colon_attributions
from newstrace.analyze.spans import Draft, merge, overlaps
from newstrace.analyze.verbs import according_to, from_verb, is_cue_verb
from newstrace.records import Quote


def extract_quotes(text: str, doc: Any = None, article_id: str = "") -> list[Quote]:
    """The attributed statements of ``text`` (parsed here unless ``doc`` is given)."""
    if not text or not text.strip():
        return []
    if doc is None:
        from newstrace.analyze.nlp import parse

        doc = parse(text)
    drafts = find_drafts(text, doc)
    speakers.resolve(text, doc, drafts)
    mask = quoted_mask(text)
    return [to_quote(text, d, article_id, mask) for d in drafts]


def find_drafts(text: str, doc: Any, lex: Lexicon | None = None) -> list[Draft]:
    """Attribution drafts (spans only, no speakers), in text order."""
    lex = lex or lexicon()
    quotes = find_quotes(text)
    mask = quoted_mask(text, quotes)
    drafts = _verb_pass(text, doc, lex, mask)
    drafts.extend(d for d in colon_attributions(text, doc) if not _clashes(d, drafts))
    direct.widen_to_quotes(drafts, quotes)
    drafts = drop_nested(drafts)
    direct.attach_quotes(text, doc, drafts, quotes, lex, mask)
    _add_standalone(text, drafts, quotes)
    drafts = drop_nested(drafts)
    return sorted(drafts, key=lambda d: (d.start, d.end))


def _verb_pass(text: str, doc: Any, lex: Lexicon, mask: bytearray) -> list[Draft]:
    drafts = []
    for token in doc:
        if mask[token.idx]:
            continue
        draft = according_to(text, token) if token.lower_ == "according" else None
        if draft is None and is_cue_verb(token, lex):
            draft = from_verb(text, token, lex)
        if draft is None and token.lower_ in lex.noun_cues:
            draft = from_noun(text, token, lex)
        if draft is not None:
            drafts.append(draft)
    return drafts


def _add_standalone(text: str, drafts: list[Draft], quotes: list[QuoteSpan]) -> None:
    paras = paragraphs(text)
    for q in quotes:
        if direct.claimed(drafts, (q.start, q.end)) is None and direct.forward(text, q, drafts, paras) is None:
            extra = direct.standalone(text, q)
            if extra is not None:
                drafts.append(extra)


def _clashes(draft: Draft, others: list[Draft]) -> bool:
    return any(overlaps(c, o) for c in draft.content for other in others for o in other.content)


def drop_nested(drafts: list[Draft]) -> list[Draft]:
    """Only the outermost attribution is kept: drop drafts whose cue lies in another's content."""
    keep = []
    for draft in drafts:
        if draft.cue is None or not any(
            other is not draft and any(overlaps(draft.cue, c) for c in other.content)
            and _size(other) >= _size(draft)
            for other in drafts
        ):
            keep.append(draft)
    return keep


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
