"""Attribution analysis: who said what in an article.

``extract_quotes(text)`` gives every attributed statement (direct, mixed and
indirect) as :class:`newstrace.records.Quote` records with content, cue and
source spans and a resolved speaker; ``quotes_for_text`` is the raw-text
form with offsets into the given text; ``QuoteAnalyzer`` is the batch
analyser the analysis run uses.
"""

from newstrace.analyze.analyzer import QuoteAnalyzer
from newstrace.analyze.quotes import extract_quotes
from newstrace.analyze.raw import quotes_for_text

__all__ = ["QuoteAnalyzer", "extract_quotes", "quotes_for_text"]
