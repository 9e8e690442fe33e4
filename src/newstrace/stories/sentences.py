"""Fast plain-text sentence splitting, with PTB-tokenised text (``-LRB-``, two backquotes) made readable again.

No parser: a line-aware regular-expression splitter that knows common
abbreviations.  Text that is already tokenised one sentence per line (as in
research corpora such as Timeline17) keeps its lines as sentences; each sentence
keeps its ``raw`` form (for scoring against tokenised references) and a
detokenised ``text`` form (for people and for the time-expression rules).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PTB_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_PTB_TOKEN = re.compile(r"-[LR][RSC]B-")
_SPACE_BEFORE = re.compile(r" (?=[,.;:?!%)\]}]|'s\b|'S\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b|''|'(?= |$))")
_SPACE_AFTER = re.compile(r"(?<=[(\[{$#]) |(?<=``) ")
_QUOTES = re.compile(r"``|''|`")
_ESCAPED_SLASH = re.compile(r"\\/")
_TOKENISED_HINTS = re.compile(r" , | \. ?$| 's |-LRB-|`` | n't ", re.MULTILINE)

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gov gen col lt sgt capt st jr sr inc corp co ltd no vs etc jan feb mar apr jun jul "
    "aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m mt ft rev".split()
)
_BOUNDARY = re.compile(r"(?<=[.!?])(?P<close>[\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9])")
# a wire-service dateline glued before the lead: "WASHINGTON (Reuters) - ", "-LRB- CNN -RRB- --"
_WIRE = re.compile(
    r"^.{0,240}?(?:\(|-LRB- )[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*){0,2}(?:\)|\s-RRB-)\s*(?:-{1,2}|—|–|:)\s+"
)
_LAST_WORD = re.compile(r"(\S+)$")
MAX_SENTENCE = 600


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article: ``raw`` as written, ``text`` readable; ``index`` its position."""

    index: int
    raw: str
    text: str


def detokenise(raw: str) -> str:
    """Undo PTB tokenisation: ``-LRB- Reuters -RRB-`` -> ``(Reuters)``, two backquotes -> ``"``,
    ``it 's`` -> ``it's``."""
    text = _PTB_TOKEN.sub(lambda m: _PTB_BRACKETS.get(m.group(), m.group()), raw)
    text = _ESCAPED_SLASH.sub("/", text)
    text = _SPACE_AFTER.sub("", text)
    text = _SPACE_BEFORE.sub("", text)
    text = _QUOTES.sub(lambda m: "'" if m.group() == "`" else '"', text)
    return " ".join(text.split())


def looks_tokenised(text: str) -> bool:
    """True for PTB-style text: spaces before commas and full stops, ``-LRB-``, two backquotes."""
    sample = text[:4000]
    return len(_TOKENISED_HINTS.findall(sample)) >= 2 and sample.count(" ,") >= sample.count(",") * 0.8


def split_text(text: str) -> list[str]:
    """Plain text into sentences: lines (or paragraphs) first, then full stops not after abbreviations."""
    out: list[str] = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            out.extend(_split_line(line))
    return out


def _split_line(line: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for boundary in _BOUNDARY.finditer(line):
        head = line[start : boundary.end("close")]
        word = _LAST_WORD.search(head)
        token = word.group(1).lower().rstrip(".!?\"'”’)]") if word else ""
        if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            continue
        pieces.append(head.strip())
        start = boundary.end()
    pieces.append(line[start:].strip())
    return [piece for piece in pieces if piece]


def sentences_of(text: str) -> list[Sentence]:
    """The sentences of an article (lines as sentences when the text is PTB-tokenised)."""
    if looks_tokenised(text):
        raws = [" ".join(line.split()) for line in text.splitlines()]
        pairs = [(raw, detokenise(raw)) for raw in raws if raw]
    else:
        pairs = [(piece, piece) for piece in split_text(text)]
    if pairs:
        pairs[0] = (strip_wire_dateline(pairs[0][0]), strip_wire_dateline(pairs[0][1]))
    return [Sentence(i, raw[:MAX_SENTENCE], shown[:MAX_SENTENCE]) for i, (raw, shown) in enumerate(pairs) if shown]


def strip_wire_dateline(sentence: str) -> str:
    """The lead without a glued byline and wire dateline (``By X ... WASHINGTON (Reuters) - ``)."""
    found = _WIRE.match(sentence)
    return sentence[found.end() :] if found and len(sentence) - found.end() > 40 else sentence
