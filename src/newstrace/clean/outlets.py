"""Which outlet published a document: from metadata, the URL's domain, or text signatures."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from newstrace import settings


@dataclass(frozen=True, slots=True)
class OutletGuess:
    name: str
    basis: str


@dataclass(frozen=True, slots=True)
class OutletTable:
    """Known outlets: domain -> name, and text signatures -> name."""

    by_domain: dict[str, str]
    signatures: tuple[tuple[str, str], ...]
    by_alias: dict[str, str]

    def for_domain(self, host: str) -> str | None:
        parts = host.lower().removeprefix("www.").split(".")
        for i in range(len(parts) - 1):
            name = self.by_domain.get(".".join(parts[i:]))
            if name:
                return name
        return None


@cache
def outlet_table(extra: str | None = None) -> OutletTable:
    """The shipped outlet table (``newstrace/data/outlets.json``), with a user file's entries first."""
    entries = list(settings.load("outlets")["outlets"])
    if extra:
        entries = list(json.loads(Path(extra).read_text("utf-8"))["outlets"]) + entries
    by_domain: dict[str, str] = {}
    signatures: list[tuple[str, str]] = []
    by_alias: dict[str, str] = {}
    for entry in entries:
        name = entry["name"]
        for alias in (name, entry.get("short"), *entry.get("aliases", ())):
            if alias:
                by_alias.setdefault(alias.lower(), name)
        for domain in entry.get("domains", ()):
            by_domain.setdefault(domain, name)
        signatures.extend((sig, name) for sig in entry.get("signatures", ()))
    return OutletTable(by_domain, tuple(signatures), by_alias)


def host_of(url: str | None) -> str | None:
    """The host name of an http(s) URL, without ``www.``."""
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def canonical_outlet(name: str, table: OutletTable | None = None) -> str:
    """A known outlet's display name for an alias (``tass`` -> ``TASS``), else the name tidied."""
    tidy = " ".join(name.split())
    aliases = (table or outlet_table()).by_alias
    head = re.split(r" [-–—|:] ", tidy, maxsplit=1)[0]
    return aliases.get(tidy.lower()) or aliases.get(head.lower()) or tidy


@dataclass(frozen=True, slots=True)
class OutletEvidence:
    """What a document says about its publisher."""

    declared: str | None = None
    url: str | None = None
    chrome: tuple[str, ...] = ()
    dateline_agency: str | None = None
    text: str = ""


def guess_outlet(ev: OutletEvidence, table: OutletTable | None = None) -> OutletGuess | None:
    """The outlet, by strength of evidence.

    Declared metadata, then the URL's domain, then the site's own chrome
    (``Also on rt.com``, a copyright line), then the dateline's agency mark
    (a republished wire story names the agency there), then signatures in the text.
    """
    known = table or outlet_table()
    if ev.declared:
        return OutletGuess(canonical_outlet(ev.declared, known), "metadata")
    host = host_of(ev.url)
    if host:
        return OutletGuess(known.for_domain(host) or host, "url")
    site = _from_signatures("\n".join(ev.chrome), known)
    if site:
        return site
    if ev.dateline_agency:
        return OutletGuess(canonical_outlet(ev.dateline_agency, known), "dateline")
    return _from_signatures(ev.text, known)


def _from_signatures(text: str, table: OutletTable) -> OutletGuess | None:
    if not text:
        return None
    for signature, name in table.signatures:
        if signature in text:
            return OutletGuess(name, "signature")
    match = re.search(r"\bAlso on ([a-z0-9-]+(?:\.[a-z0-9-]+)+)\b", text)
    if match:
        host = match[1]
        return OutletGuess(table.for_domain(host) or host, "signature")
    return None
