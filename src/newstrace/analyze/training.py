"""Training the learned filter from an annotated corpus the user gives (PolNeAR layout).

Every candidate the analyser judges with a model (rule attributions and
wider candidates, :func:`newstrace.analyze.quotes.candidate_drafts`) is
labelled against the gold attributions: positive when its cue touches a gold
cue and its content covers more than 30% of that gold content.  A logistic
regression (scikit-learn) over the candidate features is fitted and written
as a plain JSON :class:`~newstrace.analyze.model.AttributionModel`.  The corpus is read
from the user's path at run time; the model file stays with the user.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from newstrace.analyze import corpus
from newstrace.analyze.corpus import Article, Attr
from newstrace.analyze.features import features
from newstrace.analyze.lexicon import Lexicon, lexicon
from newstrace.analyze.marks import quoted_mask
from newstrace.analyze.model import AttributionModel
from newstrace.analyze.quotes import candidate_drafts
from newstrace.analyze.spans import Draft

Example = tuple[list[str], int]
MIN_SHARE = 0.3
MIN_COUNT = 2
CHUNK = 8


def label(draft: Draft, gold: Sequence[Attr]) -> int:
    """1 when the candidate's cue touches a gold cue and its content covers > 30% of that gold content."""
    if draft.cue is None:
        return 0
    for attr in gold:
        total = corpus.length(attr.content)
        if total and corpus.touch([draft.cue], attr.cue) and corpus.covered(draft.content, attr.content) > (
                MIN_SHARE * total):
            return 1
    return 0


def article_examples(text: str, doc: Any, gold: Sequence[Attr], lex: Lexicon | None = None) -> list[Example]:
    """Feature lists and labels of every candidate in one parsed article."""
    lex = lex or lexicon()
    mask = quoted_mask(text)
    return [(features(text, doc, d, lex, mask), label(d, gold)) for d in candidate_drafts(text, doc, lex, mask)]


def fit(examples: Sequence[Example], c: float = 0.2, threshold: float = 0.3,
        info: dict[str, Any] | None = None) -> AttributionModel:
    """A logistic regression over the examples' features (those seen at least twice)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(name for names, _ in examples for name in set(names))
    rows = [{name: 1 for name in names if counts[name] >= MIN_COUNT} for names, _ in examples]
    labels = [y for _, y in examples]
    if len(set(labels)) < 2:
        raise ValueError("training needs both attributions and non-attributions among the candidates")
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    classifier = LogisticRegression(C=c, max_iter=3000).fit(matrix, labels)
    weights = {str(name): round(float(w), 5) for name, w in zip(vectorizer.get_feature_names_out(),
                                                                 classifier.coef_[0], strict=True) if abs(w) >= 1e-4}
    meta = {"candidates": len(labels), "positives": sum(labels), "C": c, **(info or {})}
    return AttributionModel(weights, float(classifier.intercept_[0]), threshold, meta)


def train_polnear(path: Path | str, *, split: str = "train", limit: int | None = None, c: float = 0.2,
                  threshold: float = 0.3, processes: int = 1,
                  progress: Callable[[int, int], None] | None = None) -> AttributionModel:
    """Parse a PolNeAR split from ``path`` and fit the filter on its first annotator's attributions."""
    articles = corpus.load_split(corpus.data_dir(path), split, limit)
    if not articles:
        raise ValueError(f"no annotated articles in split {split!r} under {path}")
    examples: list[Example] = []
    for done, chunk in enumerate(_chunk_examples(articles, processes), start=1):
        examples.extend(chunk)
        if progress is not None:
            progress(min(done * CHUNK, len(articles)), len(articles))
    return fit(examples, c, threshold, {"split": split, "articles": len(articles)})


def _chunk_examples(articles: Sequence[Article], processes: int) -> Iterator[list[Example]]:
    chunks = [list(articles[i : i + CHUNK]) for i in range(0, len(articles), CHUNK)]
    if processes <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(_examples_of, chunks)
        return
    from newstrace.analyze.nlp import load

    load()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        yield from pool.imap(_examples_of, chunks, chunksize=1)


def _examples_of(chunk: list[Article]) -> list[Example]:
    from newstrace.analyze.nlp import parse_many

    out: list[Example] = []
    for article, doc in zip(chunk, parse_many([a.text for a in chunk], batch_size=CHUNK), strict=True):
        out.extend(article_examples(article.text, doc, article.gold))
    return out
