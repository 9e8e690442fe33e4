"""Which outlet published a document: from metadata, the URL's domain, or text signatures."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
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
def outlet_table() -> OutletTable:
    """The shipped outlet table (``newstrace/data/outlets.json``)."""
    by_domain: dict[str, str] = {}
    signatures: list[tuple[str, str]] = []
    by_alias: dict[str, str] = {}
    for entry in settings.load("outlets")["outlets"]:
        name = entry["name"]
        by_alias[name.lower()] = name
        for domain in entry["domains"]:
            by_domain[domain] = name
        signatures.extend((sig, name) for sig in entry["signatures"])
    return OutletTable(by_domain, tuple(signatures), by_alias)


def host_of(url: str | None) -> str | None:
    """The host name of an http(s) URL, without ``www.``."""
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def canonical_outlet(name: str) -> str:
    """A known outlet's display name for an alias (``tass`` -> ``TASS``), else the name tidied."""
    tidy = " ".join(name.split())
    return outlet_table().by_alias.get(tidy.lower(), tidy)


def guess_outlet(
    declared: str | None, url: str | None, text: str, dateline_agency: str | None
) -> OutletGuess | None:
    """The outlet, by strength of evidence: declared metadata, URL domain, then text signatures."""
    if declared:
        return OutletGuess(canonical_outlet(declared), "metadata")
    host = host_of(url)
    if host:
        known = outlet_table().for_domain(host)
        return OutletGuess(known or host, "url")
    if dateline_agency:
        return OutletGuess(canonical_outlet(dateline_agency), "dateline")
    return _from_signatures(text)


def _from_signatures(text: str) -> OutletGuess | None:
    head = text[:3000]
    for signature, name in outlet_table().signatures:
        if signature in head or signature in text:
            return OutletGuess(name, "signature")
    match = re.search(r"\bAlso on ([a-z0-9-]+(?:\.[a-z0-9-]+)+)\b", text)
    if match:
        host = match[1]
        return OutletGuess(outlet_table().for_domain(host) or host, "signature")
    return None
