"""Quote-mark driven attribution: direct quotes, their cues, splits and continuations.

Runs after the verb pass.  Quotes the verb pass already covered are
widened to their marks; the rest look for a speech verb just after the
closing mark (``"…," he said``) or just before the opening one (``He
concluded, "…"``).  Quotes with no cue of their own continue the
attribution right before them (the next sentence, or a following
paragraph that is all quotation) and multi-paragraph quotes are joined.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from newstrace.analyze.lexicon import Lexicon
from newstrace.analyze.marks import QuoteSpan, paragraphs
from newstrace.analyze.patterns import dash_source
from newstrace.analyze.spans import Draft, Span, merge, overlaps, trim
from newstrace.analyze.subjects import sentence_subject, subject_of
from newstrace.analyze.verbs import cue_span, from_verb, is_cue_verb, source_span

MIN_WORDS = 4
WINDOW = 8
SPLIT_GAP = 100
_TITLE = re.compile(r"[\"“][^\"“”\n]{1,40}[\"”]")  # a quoted title in the frame (NBC's "Today"), not a quote
EMBEDDED_WORDS = 8
CONNECTIVES = frozenset({"but", "and", "still", "now", "so", "yet", "also", "again", "then", "however", "plus"})
NO_SOURCE = frozenset({"it", "this", "that", "there", "here", "which", "what"})
PUT_FORMS = frozenset({"put", "puts", "putting"})
RELATIVES = frozenset({"which", "who", "that", "whom", "whose"})


class TokenIndex:
    """Character offset → token lookups over a parsed ``Doc``."""

    def __init__(self, doc: Any) -> None:
        from spacy.attrs import IDX

        self.doc = doc
        self.starts = [int(i) for i in doc.to_array(IDX).tolist()] if len(doc) else []

    def at(self, char: int) -> int:
        """Index of the token containing (or starting before) ``char``."""
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def after(self, char: int) -> int:
        return bisect.bisect_left(self.starts, char)


def widen_to_quotes(drafts: list[Draft], quotes: list[QuoteSpan]) -> None:
    """Grow each draft's content to the full quotes it overlaps (never over its own cue)."""
    for draft in drafts:
        grown = list(draft.content)
        for q in quotes:
            qspan = (q.start, q.end)
            if any(overlaps(qspan, c) for c in draft.content) and not _hits_frame(draft, qspan):
                grown.append(qspan)
        draft.content = merge(grown)


def _hits_frame(draft: Draft, span: Span) -> bool:
    return any(s is not None and overlaps(span, s) for s in (draft.cue, draft.source))


def claimed(drafts: list[Draft], span: Span) -> Draft | None:
    for draft in drafts:
        if any(overlaps(span, c) for c in draft.content) or _hits_frame(draft, span):
            return draft
    return None


def _paragraph_of(paras: list[tuple[int, int]], char: int) -> int:
    return max(0, bisect.bisect_right([p[0] for p in paras], char) - 1)


def trailing_cue(text: str, index: TokenIndex, q: QuoteSpan, lex: Lexicon, mask: bytearray) -> Any | None:
    """A speech verb in the few tokens after the closing mark, before the sentence ends."""
    doc = index.doc
    i = index.after(q.end)
    if i < len(doc) and doc[i].lower_ in RELATIVES:
        return None  # '"…," which Lund thinks will …': a relative clause about the quote, not its tag
    for j in range(i, min(len(doc), i + WINDOW)):
        tok = doc[j]
        if "\n" in tok.text or mask[tok.idx]:
            return None
        if (is_cue_verb(tok, lex) and lex.is_speech(tok.text)) or _put_it(tok):
            return tok
        if _tagging_verb(text, q, tok, i):
            return tok
        if tok.text in (".", "!", "?") and j > i:
            return None
    return None


def _put_it(tok: Any) -> bool:
    """``As Professor Lind put it, "…"``: the idiom reports speech though "put" alone does not."""
    return tok.lower_ in PUT_FORMS and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "it"


def _tagging_verb(text: str, q: QuoteSpan, tok: Any, first: int) -> bool:
    """``"…," Hillary shot back``: any finite verb right after a comma-ended quote and its subject."""
    if text[max(q.start, q.end - 3) : q.end].strip("”\"' ")[-1:] not in (",", "?", "!"):
        return False
    if not tok.tag_.startswith("VB") or tok.tag_ in ("VBG", "VBN"):
        return False
    subjects = [c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i and c.idx >= q.end]
    # a long subject is fine when it starts right after the quote ('"…," a voice-over in the ad states')
    return bool(subjects) and (tok.i - first <= 4 or subjects[0].left_edge.i == first)


def leading_cue(text: str, index: TokenIndex, q: QuoteSpan, lex: Lexicon, mask: bytearray) -> Any | None:
    """A speech verb right before the opening mark (``He said: "…"``, ``said Blinken, "…"``)."""
    doc = index.doc
    i = index.after(q.start) - 1
    for j in range(i, max(-1, i - WINDOW), -1):
        tok = doc[j]
        if "\n" in tok.text and j > 0 and doc[j - 1].text == ":" and j == i:
            continue
        if "\n" in tok.text or mask[tok.idx] or tok.text in (".", "!", "?"):
            return None
        if (is_cue_verb(tok, lex) and lex.is_speech(tok.text)) or _put_it(tok):
            return tok if _only_frame_between(doc, tok, q.start) else None
        if _leading_tagging_verb(tok, q):
            return tok
    return None


def _leading_tagging_verb(tok: Any, q: QuoteSpan) -> bool:
    """``Clinton cracked, "…"``, ``Article 33 affirms: "…"``: a finite verb with its subject, then only a comma
    or colon before the opening mark, introduces the quote whatever the verb."""
    if tok.tag_ not in ("VBD", "VBZ", "VBP") or not any(
            c.dep_ == "nsubj" and c.i < tok.i and c.tag_ not in ("WP", "WDT") for c in tok.children):
        return False  # "what happened: …" introduces nobody
    between = [t for t in tok.doc[tok.i + 1 :] if t.idx < q.start]
    return bool(between) and between[-1].text in (",", ":") and all(
        t.is_punct or t.tag_ in ("RB", "RP") for t in between)


def _only_frame_between(doc: Any, verb: Any, stop: int) -> bool:
    """Between the verb and the quote there is only punctuation, the subject, adverbs or a PP: no other verb.

    (Treating the verb's own complements apart was tried and lost direct recall on PolNeAR train.)"""
    for tok in doc[verb.i + 1 :]:
        if tok.idx >= stop:
            return True
        if tok.tag_.startswith("VB"):
            return False
    return True


def draft_for_verb(text: str, verb: Any, q: QuoteSpan, lex: Lexicon) -> Draft:
    lemma = lex.lemma(verb.text) or verb.lower_
    base = from_verb(text, verb, lex)
    source = base.source if base else None
    src_tok = base.source_token if base else None
    quote = (q.start, q.end)
    if source is not None and overlaps(source, quote):
        source = src_tok = None  # '"We were wrong," Ramos told AFP': the parser's subject is inside the quote
    if source is None:
        found = (t for t in (subject_of(verb), _name_between(verb, q), _post_subject(verb), sentence_subject(verb))
                 if t is not None)
        subj = next((t for t in found if not q.start <= t.idx < q.end), None)
        if subj is not None:
            source, src_tok = source_span(text, subj), subj.i
            if source is not None and overlaps(source, quote):
                source = (max(q.end, subj.left_edge.idx), subj.idx + len(subj.text))
    return Draft(
        content=[(q.start, q.end)], cue=cue_span(text, verb, lemma, lex), cue_token=verb.i,
        source=source, source_token=src_tok, origin="direct", confidence=0.8,
    )


def _name_between(verb: Any, q: QuoteSpan) -> Any | None:
    """``"…," Conway notes``: the noun between the closing mark and the verb (its phrase's head)."""
    if verb.idx < q.end:
        return None
    doc = verb.doc
    words = [doc[k] for k in range(verb.i - 1, max(-1, verb.i - WINDOW), -1) if doc[k].idx >= q.end]
    noun = next((t for t in words if t.tag_ in ("NNP", "NNPS", "NN", "NNS", "PRP")), None)
    if noun is None or any(t.tag_.startswith("VB") for t in words if t.i > noun.i):
        return None
    while noun.dep_ in ("compound", "amod") and noun.head.i < verb.i and noun.head.idx >= q.end:
        noun = noun.head
    return noun


def _post_subject(verb: Any) -> Any | None:
    """``"…," said Blinken``: a subject the parser hung elsewhere near the verb."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "npadvmod") and child.tag_.startswith(("NNP", "PRP")):
            return child
    nxt = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    while nxt is not None and nxt.dep_ == "compound" and nxt.head.i > nxt.i and nxt.head.tag_.startswith("NNP"):
        nxt = nxt.head
    if nxt is not None and (nxt.tag_.startswith(("NNP", "PRP")) or (
            nxt.text[:1].isupper() and nxt.dep_ in ("advmod", "npadvmod", "dobj", "attr"))):
        return nxt  # '"…," said Skelly' with the name mistagged as an adverb
    return None


def attach_quotes(text: str, index: TokenIndex, drafts: list[Draft], quotes: list[QuoteSpan], lex: Lexicon,
                  mask: bytearray) -> list[Draft]:
    """Give every unclaimed quote an attribution: its own cue, a shared cue, or continuation.

    A quote that runs over several paragraphs (each left open, the next
    opening again) is handled as one group: whichever member has a cue or is
    already claimed gives its attribution to all of them.
    """
    paras = paragraphs(text)
    by_cue = {d.cue_token: d for d in drafts if d.cue_token is not None}
    speaker_tags = {d.source[0] for d in drafts if d.origin == "colon" and d.source is not None}
    for chain in _chains(quotes, speaker_tags):
        group = _split_chain(text, index, chain, lex, mask, drafts, paras)
        if not group:
            continue
        owner = next((d for q in group if (d := claimed(drafts, (q.start, q.end))) is not None), None)
        if owner is None:
            owner = _group_cue(text, index, group, lex, mask, drafts, by_cue)
        if owner is None:
            owner = _adjacent(text, group[0], drafts)
        if owner is None:
            owner = _continue(text, group[0], drafts, paras, index.doc)
        if owner is None:
            owner = _colon_lead(text, index, group[0], drafts, lex)
        if owner is not None:
            owner.content = merge([*owner.content, *((q.start, q.end) for q in group)])
    return drafts


def _split_chain(text: str, index: TokenIndex, chain: list[QuoteSpan], lex: Lexicon, mask: bytearray,
                 drafts: list[Draft], paras: list[tuple[int, int]]) -> list[QuoteSpan]:
    """``"A," he said. "B …`` left open and run on into a paragraph with its own cue: the first part of B
    continues the attribution of A in its own paragraph; the rest of the chain goes on as a group."""
    first = chain[0]
    if len(chain) < 2 or claimed(drafts, (first.start, first.end)) is not None:
        return chain
    if trailing_cue(text, index, first, lex, mask) or leading_cue(text, index, first, lex, mask):
        return chain
    prev = _continue(text, first, drafts, paras, index.doc)
    if prev is None or prev.cue is None or _paragraph_of(paras, prev.cue[0]) != _paragraph_of(paras, first.start):
        return chain
    prev.content = merge([*prev.content, (first.start, first.end)])
    return chain[1:]


def _chains(quotes: list[QuoteSpan], speaker_tags: set[int]) -> list[list[QuoteSpan]]:
    """Quotes that run on over paragraphs, grouped; a transcript line (``"PENCE: …``) starts a new group."""
    groups: list[list[QuoteSpan]] = []
    linked = False
    for q in quotes:
        if linked and q.start + 1 not in speaker_tags:
            groups[-1].append(q)
        else:
            groups.append([q])
        linked = q.continues
    return groups


def _group_cue(text: str, index: TokenIndex, group: list[QuoteSpan], lex: Lexicon, mask: bytearray,
               drafts: list[Draft], by_cue: dict[int, Draft]) -> Draft | None:
    last, first = group[-1], group[0]
    if sum(q.words(text) for q in group) < MIN_WORDS and not _sentence_like(text, last):
        return None
    verb = trailing_cue(text, index, last, lex, mask) or leading_cue(text, index, first, lex, mask)
    if verb is None:
        return _dash_tagged(text, last, drafts)
    if verb.i in by_cue:
        return by_cue[verb.i]
    draft = draft_for_verb(text, verb, first, lex)
    drafts.append(draft)
    by_cue[verb.i] = draft
    return draft


def _colon_lead(text: str, index: TokenIndex, q: QuoteSpan, drafts: list[Draft], lex: Lexicon) -> Draft | None:
    """``President X released the following statement:`` then the quote: whoever the clause before the colon
    has as its subject introduces the quote, whatever the verb."""
    before = text[: q.start].rstrip()
    if not before.endswith(":") or q.words(text) < MIN_WORDS or text[len(before) : q.start].count("\n") > 2:
        return None
    doc = index.doc
    colon = doc[index.at(len(before) - 1)]
    root = colon.sent.root
    if not root.tag_.startswith("VB") or root.i > colon.i:
        return None
    subject = subject_of(root)
    if subject is None or subject.lower_ in ("it", "this", "that", "there", "here"):
        return None
    cue_start = min(doc[root.i].idx, cue_span(text, root, root.lower_, lex)[0])
    draft = Draft(content=[(q.start, q.end)], cue=(cue_start, colon.idx + 1), cue_token=root.i,
                  source=source_span(text, subject), source_token=subject.i, origin="direct", confidence=0.6)
    drafts.append(draft)
    return draft


def _sentence_like(text: str, q: QuoteSpan) -> bool:
    """A short quote that is still a statement: it ends in punctuation inside the marks."""
    inner = text[q.start : q.end].rstrip("”\"' »")
    return inner[-1:] in (",", ".", "!", "?") and q.words(text) >= 2


def _dash_tagged(text: str, q: QuoteSpan, drafts: list[Draft]) -> Draft | None:
    found = dash_source(text, q.end) if q.closed else None
    if found is None:
        return None
    draft = Draft(content=[(q.start, q.end)], cue=found[0], source=found[1], origin="dash", confidence=0.7)
    drafts.append(draft)
    return draft


def _adjacent(text: str, q: QuoteSpan, drafts: list[Draft]) -> Draft | None:
    """A quote that starts right where an attribution's content ends (same sentence) extends it."""
    for draft in drafts:
        gap = text[draft.end : q.start]
        if draft.end <= q.start and len(gap) <= 2 and not gap.strip(" ,") and draft.cue is not None:
            return draft
        if draft.end <= q.start and _split_around_cue(text, draft, gap):
            return draft
    return None


def _split_around_cue(text: str, draft: Draft, gap: str) -> bool:
    """``"…," said Sherman, speaking of politicians, "…"``: the quote resumes after its own cue clause."""
    if draft.cue is None or not draft.end <= draft.cue[0] or text[draft.end - 1] not in "”\"'":
        return False
    if len(gap) > SPLIT_GAP or "\n" in gap or any(stop in gap for stop in (". ", "? ", "! ")):
        return False
    return text[draft.end - 2 : draft.end].strip("”\"' ")[-1:] == "," and gap.rstrip().endswith(",")


def _continue(text: str, q: QuoteSpan, drafts: list[Draft], paras: list[tuple[int, int]], doc: Any) -> Draft | None:
    """A cue-less quote continues the attribution just before it (same or previous paragraph)."""
    if q.words(text) < MIN_WORDS or not _starts_sentence(text, q, paras):
        return None
    before = [d for d in drafts if (d.end <= q.start or (d.cue and d.cue[1] <= q.start))
              and not _in_source(d, drafts, doc) and not _under_cue(d, drafts, doc)]
    if not before:
        return None
    prev = max(before, key=lambda d: max(d.end, d.cue[1] if d.cue else 0))
    here = _paragraph_of(paras, q.start)
    if _paragraph_of(paras, prev.end) < here - 1 or _gap_has_text(text, prev, q, paras):
        return None
    return prev


def _in_source(draft: Draft, drafts: list[Draft], doc: Any) -> bool:
    """The cue hangs on another attribution's source ("said X, who has accused Y of …")."""
    if draft.cue_token is None:
        return False
    heads = {t.i for t in doc[draft.cue_token].ancestors}
    return any(other.source_token in heads for other in drafts if other is not draft)


def _under_cue(draft: Draft, drafts: list[Draft], doc: Any) -> bool:
    """``"…," he said when asked about X``: a cue hanging under another attribution's cue is a side remark;
    the quote that follows continues the main one."""
    if draft.cue_token is None:
        return False
    heads = {t.i for t in doc[draft.cue_token].ancestors}
    return any(other.cue_token in heads for other in drafts if other is not draft and other.cue_token is not None)


def _starts_sentence(text: str, q: QuoteSpan, paras: list[tuple[int, int]]) -> bool:
    para_start = paras[_paragraph_of(paras, q.start)][0]
    head = text[para_start : q.start].rstrip()
    words = head.rsplit(None, 1)
    if len(words) == 2 and words[1].strip(",").lower() in CONNECTIVES:
        head = words[0]  # '… he said. But "…"': a connective before the quote still starts the sentence
    return not head or head[-1] in ".!?:”\"" or head.endswith(("”", '"'))


def _gap_has_text(text: str, prev: Draft, q: QuoteSpan, paras: list[tuple[int, int]]) -> bool:
    """True when a whole non-quote paragraph separates the previous attribution from the quote."""
    end = max(prev.end, prev.cue[1] if prev.cue else 0, prev.source[1] if prev.source else 0)
    gap = text[end : q.start]
    if gap.count("\n") == 0:
        return len(gap.split()) > 30 or any(m in _TITLE.sub(" ", gap) for m in "\"“”")
    here = _paragraph_of(paras, q.start)
    return _paragraph_of(paras, end) < here - 1


def forward(text: str, q: QuoteSpan, drafts: list[Draft], paras: list[tuple[int, int]]) -> Draft | None:
    """A cue-less quote paragraph right before a paragraph whose quote has a cue joins that attribution."""
    if q.words(text) < MIN_WORDS or not _starts_sentence(text, q, paras):
        return None
    here = _paragraph_of(paras, q.start)
    later = [d for d in drafts if d.start >= q.end and d.origin == "direct"]
    if not later or here + 1 >= len(paras):
        return None
    nxt = min(later, key=lambda d: d.start)
    if _paragraph_of(paras, nxt.start) > here + 1 or len(text[q.end : nxt.start].split()) > 3:
        return None
    nxt.content = merge([*nxt.content, (q.start, q.end)])
    return nxt


def embedded(text: str, index: TokenIndex, q: QuoteSpan, lex: Lexicon) -> Draft | None:
    """A cue-less quote inside a sentence (``Kane assails what he calls the "lie" of …``, ``X cites Y, "…"``):
    the sentence's main verb frames it and its subject is the source (PolNeAR's mixed-quote convention)."""
    if not index.starts or q.words(text) < EMBEDDED_WORDS:
        return None
    sent = index.doc[index.at(q.start)].sent
    root = sent.root
    if not text[sent.start_char : q.start].strip() or not root.tag_.startswith("VB") or root.idx >= q.start:
        return None
    subject = subject_of(root)
    if subject is None or subject.lower_ in NO_SOURCE or subject.idx >= q.start:
        return None
    return Draft(content=[(q.start, q.end)], cue=cue_span(text, root, lex.lemma(root.text) or root.lower_, lex),
                 cue_token=root.i, source=source_span(text, subject), source_token=subject.i, origin="embedded",
                 confidence=0.4)


def standalone(text: str, q: QuoteSpan) -> Draft | None:
    """A sentence-long quote with no cue and nobody before it: kept, speaker unknown."""
    span = trim(text, (q.start, q.end), keep_final_stop=True)
    if span is None or q.words(text) < 8:
        return None
    return Draft(content=[span], origin="cue-less", confidence=0.3)
