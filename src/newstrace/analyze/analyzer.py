"""The analyser the analysis run uses: batches of ``(article_id, text)`` → quotes."""

from __future__ import annotations

from collections.abc import Sequence

from newstrace.analyze.nlp import MODEL, parse_many
from newstrace.analyze.quotes import extract_quotes
from newstrace.records import Quote

VERSION = "1"


class QuoteAnalyzer:
    """Parses a batch of articles with spaCy (``nlp.pipe``) and extracts their quotes.

    ``name`` names the rules version and the pipeline, so a new version makes
    the store re-analyse every article.
    """

    def __init__(self, batch_size: int = 32) -> None:
        self.batch_size = batch_size
        self.name = f"quotes-rules-{VERSION}+{MODEL}"

    def __call__(self, articles: Sequence[tuple[str, str]]) -> list[tuple[str, list[Quote]]]:
        texts = [text for _, text in articles]
        docs = parse_many(texts, batch_size=self.batch_size)
        return [
            (article_id, extract_quotes(text, doc, article_id) if text.strip() else [])
            for (article_id, text), doc in zip(articles, docs, strict=True)
        ]
