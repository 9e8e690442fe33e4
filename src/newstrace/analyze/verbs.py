"""Attributions anchored on a cue verb, found through the dependency parse.

``X said (that) …``, ``… , X said``, ``X warned/believes/argued …``,
``X wants to …``, ``X denied the report``, ``according to X, …``.  Each
returns a :class:`~newstrace.analyze.spans.Draft` with content, cue and
source spans (the source token is found by :mod:`.subjects`); speakers are
resolved later.
"""

from __future__ import annotations

import re
from typing import Any

from newstrace.analyze.lexicon import Lexicon
from newstrace.analyze.marks import BOTH_MARKS, CLOSE_MARKS, OPEN_MARKS
from newstrace.analyze.spans import Draft, Span, subtract, trim
from newstrace.analyze.subjects import (
    SUBJECTS,
    agent_of,
    bare_passive,
    expletive,
    fronted_apposition,
    modal_name,
    name_before,
    poll_source,
    post_subject,
    publisher,
    sentence_subject,
    subject_of,
)

CUE_SIDE_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})
XCOMP_SPEECH = frozenset({
    "promise", "pledge", "vow", "decline", "refuse", "urge", "ask", "threaten", "offer", "agree", "swear",
    "call", "tell", "warn", "encourage", "order", "appeal", "claim", "say", "announce", "propose", "demand",
    "seem", "appear", "invite", "challenge", "beg", "plead", "instruct", "direct", "request", "remind", "advise",
})
RECIPIENT_VERBS = frozenset({"tell", "inform", "assure", "remind", "notify", "brief", "alert", "warn", "advise", "ask"})
INVERTED_DEPS = frozenset({"parataxis", "advcl", "ccomp", "conj"})
RAISING = frozenset({"seem", "appear"})
TRAILING_DEPS = frozenset({"relcl", "advcl"})
OBJECT_PREPS = {"accuse": ("of",), "blame": ("for",), "criticize": ("for",), "criticise": ("for",), "praise": ("for",),
                "describe": ("as",), "credit": ("with", "for"), "thank": ("for",), "liken": ("to",),
                "attack": ("for", "as"), "slam": ("for", "as"), "blast": ("for", "as"), "label": ("as",)}
DEFAULT_OBJECT_PREPS = ("as", "for")
TOPIC_PREPS = frozenset({"about", "against", "over"})
SOURCE_CUT_PREPS = frozenset({"during", "after", "before"})
FOCUS_ADVERBS = frozenset({"even", "just", "also"})
DATELINE_BREAKS = frozenset({"—", "–", "-", "--", ":", "―"})
_INLINE_SPACES = " \u00a0\u2009\u202f"
_DOUBLE_MARKS = OPEN_MARKS | CLOSE_MARKS | BOTH_MARKS
_CLOSING_MARKS = CLOSE_MARKS | BOTH_MARKS | {"''", "’"}
_SHORT_CAPITAL = re.compile(r"(?:^|[\s-])[A-Z][a-z]{1,4}$")
_SEEM = frozenset({"seem", "seemed", "seems", "appear", "appears", "appeared"})


def is_cue_verb(token: Any, lex: Lexicon) -> str | None:
    """The cue lemma when ``token`` is a verb from the lexicon, else None."""
    if not token.tag_.startswith("VB") and token.lower_ not in _SEEM:
        return None
    return lex.lemma(token.text)


def content_roots(token: Any, lemma: str, lex: Lexicon) -> list[Any]:
    """The complement tokens whose subtrees are the attributed content."""
    kids = list(token.children)
    comp = [c for c in kids if c.dep_ in ("ccomp", "csubjpass")]
    if comp:
        own = [c for c in comp if not _reports_quote_before(c, lex)]
        return own or comp
    xcomp = [c for c in kids if c.dep_ == "xcomp"]
    if xcomp and (lemma in XCOMP_SPEECH or lemma in lex.cognition.values()):
        objs = [c for c in kids if c.dep_ == "dobj" and c.i < xcomp[0].i]
        return objs + xcomp if lemma not in RECIPIENT_VERBS else xcomp
    objs = [c for c in kids if c.dep_ == "dobj"]
    if objs and _takes_object(lemma, lex):
        extra = [c for c in kids if c.i > objs[0].i and (c.dep_ in ("oprd", "ccomp", "xcomp") or (
            c.dep_ == "prep" and c.lower_ in OBJECT_PREPS.get(lemma, DEFAULT_OBJECT_PREPS)))]
        return objs + extra
    # Passive subjects ("X was criticized") are not taken as content: on PolNeAR train
    # that rule added more false attributions than it found.
    return _phrasal_objects(token, lemma, lex, kids)


def _reports_quote_before(verb: Any, lex: Lexicon) -> bool:
    """``"…," she said, but … "…," said Kunin``: the parser hung the first report on the second, yet "she said"
    reports the quote just before it and is an attribution of its own, not part of Kunin's content."""
    if not lex.is_speech(verb.text):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    first = min(subject.left_edge.i, verb.i)
    if first < 2:
        return False
    before, two_before = verb.doc[first - 1].text, verb.doc[first - 2].text
    return before in _CLOSING_MARKS or (before == "," and two_before in _CLOSING_MARKS)


def _takes_object(lemma: str, lex: Lexicon) -> bool:
    if lemma in RECIPIENT_VERBS or lemma in lex.no_object:
        return False
    return lemma in lex.object_ok or lemma in lex.speech.values()


def _phrasal_objects(token: Any, lemma: str, lex: Lexicon, kids: list[Any]) -> list[Any]:
    preps = lex.phrasal.get(lemma, frozenset()) | TOPIC_PREPS
    for child in kids:
        if child.dep_ == "prep" and child.lower_ in preps:
            objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            if objects:
                return objects
    return []


def source_span(text: str, head: Any) -> Span | None:
    """The subject's span: its subtree, cut where :func:`_ends_source` says and after a dateline."""
    left = head.left_edge
    right = head.right_edge
    for child in head.rights:
        if _ends_source(child):
            stop = child.left_edge
            right = stop.nbor(-1) if stop.i > left.i else head
            break
    while left.i < head.i and left.lower_ in FOCUS_ADVERBS:
        left = left.nbor(1)  # "Even the mayor said": the adverb focuses, it is not part of the source
    for tok in head.doc[left.i : head.i]:
        if (tok.text in DATELINE_BREAKS and not _joins_words(tok)) or _breaks_line(tok):
            left = tok.nbor(1)
    span = trim(text, (left.idx, right.idx + len(right.text)))
    return _parenthetical_comma(text, _abbreviated_end(text, _without_stray_mark(text, span)))


def _breaks_line(tok: Any) -> bool:
    """A line break or tab; a no-break or thin space inside a line ("front-runner\u00a0Hillary Clinton") is not."""
    return "\n" in tok.text or (tok.is_space and bool(tok.text.strip(_INLINE_SPACES)))


def _joins_words(tok: Any) -> bool:
    """A hyphen inside a word ("Mark-Viverito"), not a dateline dash."""
    return tok.text == "-" and not tok.whitespace_ and tok.i > 0 and not tok.nbor(-1).whitespace_


def _without_stray_mark(text: str, span: Span | None) -> Span | None:
    """A source never opens with the closing mark of the quote before it (an unpaired double quote)."""
    if span is None:
        return None
    start, end = span
    piece = text[start:end]
    if piece[:1] in _DOUBLE_MARKS and sum(piece.count(m) for m in _DOUBLE_MARKS) % 2:
        rest = piece[1:].lstrip()
        return (end - len(rest), end) if rest else None
    return span


def _abbreviated_end(text: str, span: Span | None) -> Span | None:
    """``Sen. Jo Lind, R-Fla., said``: the stop of a short capitalised abbreviation before a comma is kept."""
    if span is None:
        return None
    start, end = span
    if text[end : end + 2] == ".," and _SHORT_CAPITAL.search(text[start:end]):
        return (start, end + 1)
    return span


def _parenthetical_comma(text: str, span: Span | None) -> Span | None:
    """``Jo Lind, the mayor, said``: the comma closing an apposition belongs to the source (the pair rule)."""
    if span is None:
        return None
    start, end = span
    if "," in text[start:end] and text[end : end + 1] == ",":
        return (start, end + 1)
    return span


def _ends_source(child: Any) -> bool:
    """Where a source stops: before a time phrase, a clause on a participle other than a past one ("Jo Lind,
    speaking on Monday, said"), or "during/after/before …"; a relative clause ("Jo Lind, who chairs the board,")
    and a past participle ("a report released on Friday") stay, as annotators of attribution mark them."""
    if child.dep_ == "npadvmod" or (child.dep_ == "acl" and child.tag_ != "VBN"):
        return True
    return child.dep_ == "prep" and child.lower_ in SOURCE_CUT_PREPS


def cue_span(text: str, token: Any, lemma: str, lex: Lexicon) -> Span:
    """The verb group: the verb with adjacent auxiliaries, negation, adverbs and particles.

    A cue verb governed by another verb right before it (``seemed to suggest``,
    ``went on to say``) takes that verb's group too.
    """
    doc = token.doc
    start = token.i
    kids = {c.i: c for c in token.children}
    name = modal_name(token)  # "Will wrote": the "modal" is the writer, not part of the cue
    while start - 1 in kids and kids[start - 1].dep_ in CUE_SIDE_DEPS and (name is None or name.i != start - 1):
        start -= 1
    head = token.head
    if token.dep_ == "xcomp" and head.i < start and all(
            t.dep_ in ("aux", "prt", "advmod") for t in doc[head.i + 1 : start]) and start - head.i <= 3:
        outer = cue_span(text, head, lex.lemma(head.text) or head.lower_, lex) if head.i != token.i else None
        if outer is not None and outer[1] <= doc[start].idx:
            return (outer[0], _right_end(doc, token, lemma, lex))
    return (doc[start].idx, _right_end(doc, token, lemma, lex))


def _right_end(doc: Any, token: Any, lemma: str, lex: Lexicon) -> int:
    end = token.i
    kids = {c.i: c for c in token.children}
    particles = lex.phrasal.get(lemma, frozenset())
    while end + 1 in kids and (kids[end + 1].dep_ in ("prt", "neg") or (
            kids[end + 1].dep_ == "prep" and kids[end + 1].lower_ in particles)):
        end += 1
    if end + 1 < len(doc) and doc[end + 1].text == ":":
        end += 1
    return int(doc[end].idx + len(doc[end].text))


def from_verb(text: str, token: Any, lex: Lexicon) -> Draft | None:
    """An attribution whose cue is the verb ``token`` (None when it has no content)."""
    lemma = is_cue_verb(token, lex)
    if lemma is None:
        return None
    roots = content_roots(token, lemma, lex)
    if len(roots) == 1 and roots[0].dep_ == "xcomp" and _has_own_content(roots[0], lex):
        return None
    split = split_clauses(text, token, roots)
    if split is not None:
        roots = [split[0]]
    content = _roots_content(text, roots) if roots else _inverted_content(text, token, lex)
    if not content:
        return None
    subject = agent_of(token) if bare_passive(token) else (
        subject_of(token) or sentence_subject(token) or name_before(token) or post_subject(token)
        or fronted_apposition(token))
    if subject is not None and expletive(subject, token):
        subject = None
    if subject is not None:
        subject = poll_source(token, subject) or subject
    if subject is not None and subject.lower_ in ("that", "which") and token.dep_ == "relcl":
        subject = publisher(token.head) or subject
    if lemma in RAISING and subject is not None and roots:
        content = [source_span(text, subject) or content[0], *content]
        subject = None
    source = source_span(text, subject) if subject is not None else None
    if split is not None:
        source, subject = split[1], split[2]
    return Draft(
        content=content,
        cue=cue_span(text, token, lemma, lex),
        cue_token=token.i,
        source=source,
        source_token=subject.i if subject is not None else None,
        origin="verb" if roots else "inverted",
        confidence=0.6,
    )


def split_clauses(text: str, token: Any, roots: list[Any]) -> tuple[Any, Span | None, Any] | None:
    """A subject-less cue verb with a "clause" on each side: one of them is the source the parser misread.

    ``"…," said Robin Maynard, half joking``: after a closing quote the clause after the verb names the speaker;
    ``Sanders, meanwhile, who sits at zero endorsements, said that …``: otherwise the clause before it does.
    Returns ``(content root, source span, source token)``.
    """
    if len(roots) != 2 or any(r.dep_ != "ccomp" for r in roots) or not roots[0].i < token.i < roots[1].i:
        return None
    if any(c.dep_ in SUBJECTS for c in token.children):
        return None
    doc = token.doc
    quoted_before = token.i > 0 and (doc[token.i - 1].tag_ == "''" or (
        doc[token.i - 1].text == "," and token.i > 1 and doc[token.i - 2].tag_ == "''"))
    content, named = (roots[0], roots[1]) if quoted_before else (roots[1], roots[0])
    words = [t for t in named.subtree if t.i != token.i]
    if quoted_before:
        words = _until_comma(words)
    names = [t for t in words if t.tag_ in ("NNP", "NNPS") or (t.dep_ == "nsubj" and t.tag_.startswith("NN"))]
    if not names:
        return None
    head = names[-1] if quoted_before else next((t for t in names if t.dep_ == "nsubj"), names[0])
    return content, trim(text, (words[0].idx, words[-1].idx + len(words[-1].text))), head


def _until_comma(words: list[Any]) -> list[Any]:
    for k, word in enumerate(words):
        if word.text == "," and k > 0:
            return words[:k]
    return words


def _has_own_content(token: Any, lex: Lexicon) -> bool:
    """``seemed to suggest that …``: the complement is itself a cue verb with content."""
    lemma = is_cue_verb(token, lex)
    return lemma is not None and bool(content_roots(token, lemma, lex))


def _roots_content(text: str, roots: list[Any]) -> list[Span]:
    start = min(r.left_edge.idx for r in roots)
    last_root = max(roots, key=lambda r: r.right_edge.i)
    last = cut_trailing_clause(last_root)
    span = trim(text, (start, last.idx + len(last.text)))
    return [span] if span else []


def cut_trailing_clause(root: Any) -> Any:
    """The last token to keep: drop a final ", which …" / ", when …" clause added by the author."""
    end = root.right_edge
    for tok in root.subtree:
        if tok.dep_ in TRAILING_DEPS and tok.right_edge.i == end.i and tok.left_edge.i > root.i:
            before = tok.left_edge.nbor(-1)
            if before.text in (",", "—", "–", "--") and before.i > root.left_edge.i:
                return before.nbor(-1)
    return end


def _inverted_content(text: str, token: Any, lex: Lexicon) -> list[Span]:
    """``The talks were useful, he said.``: the parser hung the cue under the content verb."""
    head = token.head
    if token.dep_ not in INVERTED_DEPS or head.i == token.i or (token.i < head.i and not _parenthetical(token)):
        return []
    if token.dep_ in ("ccomp", "conj") and lex.lemma(head.text) and not _outer_report(token):
        return []
    if not any(c.dep_ == "nsubj" for c in token.children) or not head.tag_.startswith(("VB", "MD", "JJ", "NN")):
        return []
    if _subordinate(token) or (token.dep_ != "parataxis" and not _set_off(token)):
        return []
    sent = token.sent
    hole = (token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text))
    whole = (sent.start_char, sent.end_char)
    pieces = [trim(text, p) for p in subtract(whole, [hole])]
    return [p for p in pieces if p and len(text[p[0]:p[1]].split()) >= 2]


def _outer_report(token: Any) -> bool:
    """``Manafort acknowledged that …, The Washington Post reported.``: a named reporter after a report it
    carries (the parser hung it under the inner cue verb)."""
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    return subject is not None and token.i > token.head.i and subject.tag_ in ("NNP", "NNPS") and (
        token.i == token.sent.end - 1 or token.nbor(1).is_punct or token.nbor(1).dep_ in ("prep", "npadvmod"))


def _set_off(token: Any) -> bool:
    """A reporting clause after its content is set off by punctuation ("…, he said"); "make voters feel …"
    is a plain complement."""
    first = token.left_edge
    return first.i > 0 and first.nbor(-1).text in (",", "—", "–", "--", "-", "''", "\"", "”", "(")


def _subordinate(token: Any) -> bool:
    """``…, when Boyle asked him``, ``after 55 percent said so``: a clause opened by a subordinator is the
    circumstance of the sentence, not the report of it."""
    return any(c.dep_ == "mark" or (c.tag_ == "WRB" and c.i < token.i) for c in token.children)


def _parenthetical(token: Any) -> bool:
    """``The museum, Mr. Obama said, would …``: the cue clause sits between commas."""
    left, right = token.left_edge, token.right_edge
    doc = token.doc
    before = doc[left.i - 1] if left.i > 0 else None
    after = doc[right.i + 1] if right.i + 1 < len(doc) else None
    if left.text == "," and left.i < token.i:
        before = left  # the parser hung the opening comma on the cue itself
    if right.text == "," and right.i > token.i:
        after = right
    return bool(before is not None and after is not None and before.text == "," and after.text == ","
                and before.i < token.i < after.i)
