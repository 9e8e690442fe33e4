"""Pages that are not news: crawl notices, cookie and sign-in walls, "enable JavaScript" stubs, empty texts.

Scraped collections always carry some of these.  They share nothing with the
story they were collected for, yet they share a lot with each other (the same
notice met under many stories), so an online clusterer that lets them form
events glues unrelated stories' leftovers together.  :func:`is_noise` spots
them cheaply, from the words alone: a text with almost no content words (and no
title), or a short text whose content words are mostly about the web site or
service itself.  The event index keeps such an article as an event of its own
that nothing else can join.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

SERVICE_WORDS = frozenset(
    """
    javascript browser browsers cookie cookies enable enabled disable disabled login logged log sign signed account
    accounts password username profile subscribe subscription subscribers newsletter newsletters email inbox click tap
    download app apps widget embed url urls domain domains website websites web webpage page pages site internet online
    crawl crawls crawled crawler archive archived archives collection collections captures capture video videos
    playback unsupported unavailable available loaded loading rating feature transcript tweet tweets twitter facebook
    location privacy policy terms settings notifications shop checkout cart error refresh reload device
    """.split()
)


# News reports someone: a short article about cookies or apps that says who said it is still news.
_REPORTING = re.compile(r"\b(?:said|says|told|tells|according to|announced|reported|added|stated)\b", re.IGNORECASE)


def reports_speech(text: str) -> bool:
    """Whether the text reports what someone said: never true of crawl notices, cookie walls or sign-in pages."""
    return _REPORTING.search(text) is not None


@dataclass(frozen=True, slots=True)
class NoiseParams:
    """When a text counts as noise: fewer than ``min_words`` content words (and no title), or at most
    ``notice_words`` content words of which at least ``service_share`` are web-service words."""

    min_words: int = 8
    notice_words: int = 200
    service_share: float = 0.2

    def __post_init__(self) -> None:
        if self.min_words < 0 or self.notice_words < 0:
            raise ValueError("min_words and notice_words must not be negative")
        if not 0.0 < self.service_share <= 1.0:
            raise ValueError(f"service_share must be in (0, 1], got {self.service_share}")


def service_words(content_words: Iterable[str]) -> int:
    """How many of these (lower-cased) content words are about the web site or service itself."""
    return sum(1 for w in content_words if w in SERVICE_WORDS)


def is_noise(content: int, service: int, has_title: bool, params: NoiseParams | None = None) -> bool:
    """Whether a text with ``content`` content words, ``service`` of them web-service words, is a non-article page."""
    chosen = params or NoiseParams()
    if content < chosen.min_words:
        return not has_title
    return content <= chosen.notice_words and service >= chosen.service_share * content
