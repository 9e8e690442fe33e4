"""Outlet comparison for a storyline: who covered it, who was first, what each outlet carried or left out.

* ``story_quotes`` groups the quotes of a storyline's articles by statement
  (the quote cluster from ``newstrace link`` when there is one, else the quote
  itself) into :class:`~newstrace.records.StoryQuote` records with their
  carriers and the first outlet to carry each.
* ``compare_outlets`` gives one :class:`~newstrace.records.OutletCoverage` per
  outlet: its articles, its earliest publication date and whether it was the
  first to report, the statements it carried, the statements most other
  outlets carried and it left out, and its distinctive terms (content words
  in its articles and in few of the other outlets' articles).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newstrace.records import OutletCoverage, StoryQuote
from newstrace.stories.centroid import words

UNKNOWN_OUTLET = "(unknown outlet)"
DISTINCTIVE_TERMS = 6
_LAST = "9999-99-99"


@dataclass(frozen=True, slots=True)
class CoverageArticle:
    """An article of the storyline: id, outlet, date (``YYYY-MM-DD``, ``--MM-DD`` or None), title and text."""

    id: str
    outlet: str | None
    date: str | None
    text: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class QuoteUse:
    """One quote in one article: ``key`` is its statement (quote cluster) id, or the quote id when unclustered."""

    key: str
    article_id: str
    speaker: str | None
    text: str


def _when(date: str | None) -> str:
    """A sort key: full dates in order, then month-day dates, then undated."""
    if not isinstance(date, str) or not date:
        return _LAST
    return date if not date.startswith("--") else "9999" + date[1:]


def story_quotes(uses: Sequence[QuoteUse], articles: Sequence[CoverageArticle]) -> list[StoryQuote]:
    """Statements carried in the storyline, most widely carried first."""
    by_id = {a.id: a for a in articles}
    groups: dict[str, list[QuoteUse]] = defaultdict(list)
    for use in uses:
        if use.article_id in by_id:
            groups[use.key].append(use)
    out = [_story_quote(key, group, by_id) for key, group in groups.items()]
    return sorted(out, key=lambda q: (-len(q.outlets), -len(q.article_ids), _when(q.first_date), q.key))


def _story_quote(key: str, group: list[QuoteUse], by_id: dict[str, CoverageArticle]) -> StoryQuote:
    ordered = sorted(group, key=lambda u: (_when(by_id[u.article_id].date), u.article_id))
    articles = tuple(dict.fromkeys(u.article_id for u in ordered))
    outlets = tuple(dict.fromkeys(by_id[a].outlet or UNKNOWN_OUTLET for a in articles))
    speakers = Counter(u.speaker for u in group if u.speaker)
    text = max((u.text for u in group), key=len)
    first = by_id[articles[0]]
    return StoryQuote(key, speakers.most_common(1)[0][0] if speakers else None, text, articles, outlets,
                      first.outlet or UNKNOWN_OUTLET, first.date)


def compare_outlets(articles: Sequence[CoverageArticle], quotes: Sequence[StoryQuote]) -> list[OutletCoverage]:
    """One coverage record per outlet, earliest first."""
    by_outlet: dict[str, list[CoverageArticle]] = defaultdict(list)
    for article in articles:
        by_outlet[article.outlet or UNKNOWN_OUTLET].append(article)
    if not by_outlet:
        return []
    firsts = {name: min((_when(a.date) for a in group), default=_LAST) for name, group in by_outlet.items()}
    earliest = min(firsts.values())
    terms = _distinctive(by_outlet)
    out = []
    for name, group in by_outlet.items():
        carried = tuple(q.key for q in quotes if name in q.outlets)
        out.append(OutletCoverage(
            outlet=name,
            article_ids=tuple(a.id for a in sorted(group, key=lambda a: (_when(a.date), a.id))),
            first_published=None if firsts[name] == _LAST else _shown(firsts[name]),
            first=firsts[name] == earliest and earliest != _LAST,
            quotes=carried,
            missing_quotes=_missing(name, quotes, len(by_outlet)),
            terms=terms.get(name, ()),
        ))
    return sorted(out, key=lambda c: (firsts[c.outlet], -len(c.article_ids), c.outlet))


def _shown(key: str) -> str:
    return "--" + key[5:] if key.startswith("9999-") else key


def _missing(outlet: str, quotes: Sequence[StoryQuote], outlets: int) -> tuple[str, ...]:
    """Statements ``outlet`` left out that every other outlet (with three or more outlets: at least two, and at
    least half of the others) carried."""
    others = outlets - 1
    if others < 1:
        return ()
    need = others if others <= 2 else max(2, math.ceil(others / 2))
    return tuple(q.key for q in quotes if outlet not in q.outlets and len(q.outlets) >= need)


def _distinctive(by_outlet: dict[str, list[CoverageArticle]]) -> dict[str, tuple[str, ...]]:
    """Per outlet, content words in a larger share of its articles than of the other outlets' articles."""
    if len(by_outlet) < 2:
        return {}
    tokens = {name: [words(f"{a.title or ''} {a.text}") for a in group] for name, group in by_outlet.items()}
    df = {name: Counter(w for found in lists for w in set(found)) for name, lists in tokens.items()}
    tf = {name: Counter(w for found in lists for w in found) for name, lists in tokens.items()}
    total = sum(len(g) for g in by_outlet.values())
    everywhere: Counter[str] = Counter()
    for counts in df.values():
        everywhere.update(counts)
    out: dict[str, tuple[str, ...]] = {}
    for name, counts in df.items():
        mine = len(by_outlet[name])
        rest = max(1, total - mine)
        scored = []
        for word, count in counts.items():
            other = everywhere[word] - count
            if other / rest <= 0.2 and len(word) > 3 and not word.isdigit():
                scored.append((count / mine - other / rest, tf[name][word], word))
        out[name] = tuple(w for _, _, w in sorted(scored, key=lambda s: (-s[0], -s[1], s[2]))[:DISTINCTIVE_TERMS])
    return out
