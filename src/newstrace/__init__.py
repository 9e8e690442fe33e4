"""newstrace: who said what, where and first, across news outlets.

The public surface: open a store, ingest inputs into it, clean single
documents, export; plus the records and errors they use.
"""

from __future__ import annotations

__version__ = "0.1.0"

from newstrace.clean import clean_document  # noqa: E402
from newstrace.errors import ErrorCode, InputError, NewstraceError, StoreError  # noqa: E402
from newstrace.export import export  # noqa: E402
from newstrace.ingest import ReadOptions, discover, read_input  # noqa: E402
from newstrace.pipeline import IngestOptions, RunSummary, ingest  # noqa: E402
from newstrace.records import Article, Dateline, Failure, PublishedDate, RawDocument, SourceRef  # noqa: E402
from newstrace.store import Store, open_store  # noqa: E402

__all__ = [
    "Article", "Dateline", "ErrorCode", "Failure", "IngestOptions", "InputError", "NewstraceError",
    "PublishedDate", "RawDocument", "ReadOptions", "RunSummary", "SourceRef", "Store", "StoreError",
    "__version__", "clean_document", "discover", "export", "ingest", "open_store", "read_input",
]
