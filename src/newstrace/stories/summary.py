"""Extractive summaries of events and storylines, and what each article added to its storyline.

* ``summarize``: the sentences closest to the TF-IDF centroid of all the
  sentences of a set of articles, with a small bonus for lead sentences, and no
  sentence too similar to one already chosen (redundancy removal); the chosen
  sentences come back in the order they were first reported.
* ``novelty``: for articles in publication order, the sentences of each whose
  content-word pairs were mostly not in any earlier article of the storyline,
  i.e. what was new in it relative to earlier coverage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newstrace.records import ArticleNovelty
from newstrace.stories import centroid as ct
from newstrace.stories.sentences import Sentence, sentences_of
from newstrace.stories.sparse import dot

MIN_WORDS = 6
MAX_WORDS = 60
LEAD_BONUS = 0.1
LEAD_SENTENCES = 3
MAX_SENTENCES_PER_ARTICLE = 80


@dataclass(frozen=True, slots=True)
class SummaryArticle:
    """An article as the summariser takes it: id, text, (optional) title and, when the caller has already split
    the text, its sentences (so that several summaries of the same articles split each text once)."""

    id: str
    text: str
    title: str | None = None
    sentences: tuple[Sentence, ...] | None = None


@dataclass(frozen=True, slots=True)
class _Candidate:
    article: int
    position: int
    text: str


def _sentences(article: SummaryArticle) -> Sequence[Sentence]:
    """The article's first ``MAX_SENTENCES_PER_ARTICLE`` sentences."""
    if article.sentences is not None:
        return article.sentences[:MAX_SENTENCES_PER_ARTICLE]
    return sentences_of(article.text if isinstance(article.text, str) else "")[:MAX_SENTENCES_PER_ARTICLE]


def _candidates(articles: Sequence[SummaryArticle]) -> list[_Candidate]:
    out: list[_Candidate] = []
    for index, article in enumerate(articles):
        for sentence in _sentences(article):
            size = len(sentence.text.split())
            if MIN_WORDS <= size <= MAX_WORDS and not sentence.text.endswith(":"):
                out.append(_Candidate(index, sentence.index, sentence.text))
    return out


def summarize(articles: Sequence[SummaryArticle], *, sentences: int = 3, redundancy: float = 0.5) -> list[str]:
    """Up to ``sentences`` central, non-redundant sentences of ``articles``, in reporting order."""
    candidates = _candidates(articles)
    if not candidates or sentences < 1:
        return []
    tokens = [ct.words(c.text) for c in candidates]
    idf = ct.Idf(tokens)
    vectors = [idf.vector(found) for found in tokens]
    middle = ct.centroid(vectors)
    scores = [dot(v, middle) + (LEAD_BONUS if c.position < LEAD_SENTENCES else 0.0)
              for v, c in zip(vectors, candidates, strict=True)]
    chosen = ct.pick(vectors, scores, sentences, redundancy)
    return [candidates[i].text for i in sorted(chosen, key=lambda i: (candidates[i].article, candidates[i].position))]


def _pairs(text: str) -> set[tuple[str, str]]:
    words = ct.words(text)
    return set(zip(words, words[1:], strict=False)) | {(w, "") for w in words if len(w) > 3}


def novelty(articles: Sequence[SummaryArticle], *, covered: float = 0.5) -> list[ArticleNovelty]:
    """For articles in the order given (earliest first): the sentences of each not covered by earlier ones.

    A sentence is covered when at least ``covered`` of its content-word pairs
    (and longer single words) already occurred in an earlier article.
    """
    seen: set[tuple[str, str]] = set()
    out: list[ArticleNovelty] = []
    for article in articles:
        fresh: list[str] = []
        total = 0
        own: set[tuple[str, str]] = set()
        for sentence in _sentences(article):
            keys = _pairs(sentence.text)
            if len(sentence.text.split()) < MIN_WORDS or not keys:
                continue
            total += 1
            if len(keys & seen) / len(keys) < covered:
                fresh.append(sentence.text)
            own |= keys
        seen |= own
        share = round(len(fresh) / total, 3) if total else 0.0
        out.append(ArticleNovelty(article.id, tuple(fresh), share))
    return out
