"""trafilatura's (and htmldate's) metadata of a page, worked out lazily."""

from __future__ import annotations

import re
from datetime import datetime

from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura import metadata as trafilatura_metadata
from trafilatura.settings import Document

from newstrace.clean.html.util import nonempty_str

_URL_HOST = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)")


class FallbackMeta:
    """trafilatura's metadata for one page, worked out piece by piece and only as far as needed.

    The same values as ``bare_extraction(with_metadata=True)`` gives, but the
    meta tags are read up front (cheap) while trafilatura's JSON-LD reading
    and byline search (a few ms each) and htmldate (a copy and scan of the
    whole page) wait until a caller asks for a value only they can give.
    """

    def __init__(self, tree: HtmlElement, url: str | None) -> None:
        self.tree = tree
        self.given_url = url
        self.meta = trafilatura_metadata.examine_meta(tree)
        self.url = nonempty_str(self.meta.url) or nonempty_str(trafilatura_metadata.extract_url(tree, url))
        self._json_ld: Document | None = None

    @property
    def title(self) -> str | None:
        """Title from meta tags, else from ``<title>`` / ``<h1>``."""
        return nonempty_str(self.meta.title) or nonempty_str(trafilatura_metadata.extract_title(self.tree))

    def sitename(self, with_json_ld: bool) -> str | None:
        """Site name from meta tags (and JSON-LD if asked), else ``<title>``, else the URL's host."""
        meta = self.json_ld() if with_json_ld else self.meta
        found = nonempty_str(meta.sitename) or nonempty_str(trafilatura_metadata.extract_sitename(self.tree))
        return _site_label(found, self.url)

    def author(self) -> str | None:
        """Author from meta tags and JSON-LD, else trafilatura's search of byline elements."""
        return nonempty_str(self.json_ld().author) or nonempty_str(trafilatura_metadata.extract_author(self.tree))

    def published(self) -> str | None:
        """htmldate's original publication date (in trafilatura's settings)."""
        found = find_date(
            self.tree,
            url=self.url,
            original_date=True,
            extensive_search=True,
            max_date=datetime.now().astimezone().strftime("%Y-%m-%d"),
        )
        return nonempty_str(found)

    def json_ld(self) -> Document:
        """The meta-tag metadata completed from the page's JSON-LD (computed once)."""
        if self._json_ld is None:
            meta = trafilatura_metadata.examine_meta(self.tree)
            if meta.author and " " not in meta.author:
                meta.author = None
            self._json_ld = trafilatura_metadata.extract_meta_json(self.tree, meta)
        return self._json_ld


def _site_label(sitename: str | None, url: str | None) -> str | None:
    """trafilatura's tidying of a site name (``@handle``, lower case), else the URL's host."""
    if sitename:
        name = sitename.lstrip("@")
        if name and "." not in name and not name[0].isupper():
            name = name.title()
        return name or None
    match = _URL_HOST.match(url or "")
    return match[1] if match else None
