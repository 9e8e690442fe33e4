"""Web UI latency: p50/p95 of every main page and its JSON twin on a generated store, and quote search.

The store is synthetic (made-up words, outlets and speakers) and written by
batched store writes, not the full pipeline: articles with three quotes each,
near-duplicate pairs, one corpus entity per speaker with every quote linked to
it, and storylines of ten articles (two events each), so every page shows its
"built" state.  It is kept at ``--mode PATH`` (default: a file in the temp
folder) and reused; a part missing from an older store is added.
"""

from __future__ import annotations

import math
import os
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newstrace.records import Article, Event, PublishedDate, Quote, SourceRef, Story, TimelineEntry
from newstrace.store import Batch, Store, StoredDoc
from newstrace.store.stories import PlacementRow

PAGE_TARGET_MS = 100.0
SEARCH_TARGET_MS = 50.0
SYLLABLES = ("ka", "ro", "mi", "tal", "ven", "dor", "su", "lin", "bar", "esk", "ul", "pra", "no", "tev", "gri")


def _words(rng: random.Random, count: int) -> list[str]:
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) for _ in range(count)]


def _article(rng: random.Random, n: int, vocab: list[str], outlets: list[str],
             speakers: list[str]) -> tuple[Article, list[Quote]]:
    sentences = [" ".join(rng.choices(vocab, k=rng.randint(8, 18))).capitalize() + "." for _ in range(8)]
    said = [(rng.choice(speakers), " ".join(rng.choices(vocab, k=rng.randint(6, 14)))) for _ in range(3)]
    parts, quotes, pos = [], [], 0
    for i, sentence in enumerate(sentences):
        if i % 3 == 1 and said:
            speaker, words = said.pop()
            line = f'"{words}," said {speaker}.'
            start = pos + 1
            quotes.append((speaker, words, start, start + len(words)))
            sentence = line
        parts.append(sentence)
        pos += len(sentence) + 1
    text = "\n".join(parts)
    day = f"{2019 + n % 4}-{1 + n % 12:02d}-{1 + n % 28:02d}"
    article_id = f"{n:016x}"
    article = Article(id=article_id, text=text, title=" ".join(rng.choices(vocab, k=7)).capitalize(),
                      outlet=outlets[n % len(outlets)], published=PublishedDate(day, basis="metadata",
                                                                                confidence=0.9),
                      language="en", extractor="bench", extractor_version="1")
    found = [Quote(id=f"{article_id}-{i}", article_id=article_id, kind=("direct", "indirect", "mixed")[i % 3],
                   text=words, content=((s, e),), cue="said", speaker_mention=speaker, speaker=speaker,
                   confidence=0.8) for i, (speaker, words, s, e) in enumerate(quotes)]
    return article, found


def generate(path: Path, count: int, seed: int = 7) -> Store:
    """A store of ``count`` synthetic articles with quotes, copies, entities and storylines (reused when there)."""
    store = Store(path)
    rng = random.Random(seed)
    vocab = _words(rng, 5000)
    outlets = [f"Outlet {w.capitalize()}" for w in _words(rng, 40)]
    speakers = [f"{a.capitalize()} {b.capitalize()}" for a, b in zip(_words(rng, 800), _words(rng, 800), strict=True)]
    if store.count_articles() < count:
        _write_articles(store, count, rng, vocab, outlets, speakers)
    if not store.db.execute("SELECT 1 FROM duplicates LIMIT 1").fetchone():
        ids = [f"{n:016x}" for n in range(0, min(count, 2000), 2)]
        store.write_links([], [(a, [a, f"{int(a, 16) + 1:016x}"]) for a in ids])
    if not store.db.execute("SELECT 1 FROM entities LIMIT 1").fetchone():
        _write_entities(store)
    if not store.db.execute("SELECT 1 FROM storylines LIMIT 1").fetchone():
        _write_stories(store, count)
    return store


def _write_articles(store: Store, count: int, rng: random.Random, vocab: list[str], outlets: list[str],
                    speakers: list[str]) -> None:
    run = store.begin_run(["bench:web"])
    for start in range(store.count_articles(), count, 5000):
        made = [_article(rng, n, vocab, outlets, speakers) for n in range(start, min(start + 5000, count))]
        store.write_batch(run, Batch(docs=[StoredDoc(a, SourceRef(f"bench/{a.id}"), "text") for a, _ in made]))
        store.write_quotes([(a.id, q) for a, q in made], "bench")
    store.finish_run(run, "complete", {"articles_new": count})


def _write_entities(store: Store) -> None:
    """One person per speaker name, every quote linked to its speaker (as ``newstrace link`` leaves a store)."""
    names = sorted({r[0] for r in store.db.execute("SELECT DISTINCT speaker FROM quotes WHERE speaker IS NOT NULL")})
    ids = {name: f"ent-{i:05d}" for i, name in enumerate(names)}
    rows = [(ids[n], n, "person") for n in names]
    aliases = [(ids[n], n.split()[-1], n.split()[-1].casefold(), "name", 1) for n in names]
    for start in range(0, store.count_quotes() + 1, 50_000):
        links = [(r[0], ids[r[1]]) for r in store.db.execute(
            "SELECT id, speaker FROM quotes WHERE speaker IS NOT NULL ORDER BY rowid LIMIT 50000 OFFSET ?", (start,))]
        store.write_entities(rows if start == 0 else [], aliases if start == 0 else [], links)


def _write_stories(store: Store, count: int, size: int = 10) -> None:
    """Storylines of ``size`` consecutive articles, in two events each, with a timeline and outlet coverage."""
    for start in range(0, count, 10_000):
        briefs = store.db.execute(
            "SELECT id, outlet, published, title FROM articles ORDER BY rowid LIMIT 10000 OFFSET ?", (start,)
        ).fetchall()
        stories = [_story(start + i, briefs[i:i + size]) for i in range(0, len(briefs), size)]
        placements = [PlacementRow(a, e.id, s.id, 0.5, None, None, {}, (), ()) for s in stories for e in s.events
                      for a in e.article_ids]
        store.write_placements(placements, {}, {})
        store.write_stories(stories)


def _story(n: int, briefs: list[Any]) -> Story:
    ids = tuple(b["id"] for b in briefs)
    days = sorted(b["published"] for b in briefs if b["published"])
    half = max(1, len(ids) // 2)
    events = tuple(Event(f"ev-{n:07d}-{k}", part, date=min((b["published"] for b in briefs if b["id"] in part),
                                                            default=None), title=briefs[0]["title"],
                         story_id=f"st-{n:07d}") for k, part in enumerate((ids[:half], ids[half:])) if part)
    timeline = tuple(TimelineEntry(day, (f"Something happened on {day}.",), tuple(b["id"] for b in briefs
                                                                                 if b["published"] == day))
                     for day in sorted(set(days)))
    return Story(f"st-{n:07d}", briefs[0]["title"] or f"Story {n}", ids, events=events, timeline=timeline,
                 first_date=days[0] if days else None, last_date=days[-1] if days else None)


def _pages(store: Store) -> dict[str, str]:
    first = next(store.articles(limit=1))
    speaker = store.db.execute("SELECT speaker FROM quotes WHERE speaker IS NOT NULL LIMIT 1").fetchone()[0]
    story = store.db.execute("SELECT id FROM storylines ORDER BY rowid LIMIT 1").fetchone()
    pages = {
        "front": "/", "stories": "/stories", "stories by size": "/stories?sort=size",
        "stories by outlet": f"/stories?outlet={first.outlet}", "quotes": "/quotes",
        "quotes by speaker": f"/quotes?speaker={speaker}", "quotes by outlet": f"/quotes?outlet={first.outlet}",
        "speakers": "/speakers", "speaker": f"/speakers/{speaker}", "outlets": "/outlets",
        "outlet": f"/outlets/{first.outlet}", "articles": "/articles",
        "articles by outlet": f"/articles?outlet={first.outlet}", "articles since": "/articles?since=2021-06-01",
        "articles search": f"/articles?q={first.text.split()[0].strip('.,')}", "article": f"/articles/{first.id}",
        "runs": "/runs",
    }
    if story:
        pages["story"] = f"/stories/{story[0]}"
    return pages


def _get(client: Any, path: str) -> float:
    started = time.perf_counter()
    response = client.get(path)
    took = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}: {response.text[:200]}")
    return took


def _timed(client: Any, paths: list[str], repeat: int) -> tuple[dict[str, dict[str, float]], str]:
    """p50/p95 (nearest rank) of each path over ``repeat`` rounds, every round visiting all paths in turn.

    A first round warms up (templates compiled, the store's pages in the cache) and is not counted; its
    worst time is returned as the cold first request.
    """
    first = {path: _get(client, path) for path in paths}
    coldest = max(first, key=lambda path: first[path])
    took: dict[str, list[float]] = {path: [] for path in paths}
    for _ in range(repeat):
        for path in paths:
            took[path].append(_get(client, path))
    out = {}
    for path, times in took.items():
        times.sort()
        rank = min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)
        out[path] = {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(times[rank], 1)}
    return out, f"{first[coldest]:.1f} ms ({coldest})"


def _twin(path: str) -> str:
    base, _, query = path.partition("?")
    return ("/index" if base == "/" else base) + ".json" + (f"?{query}" if query else "")


def _searches(store: Store) -> Iterator[str]:
    text = store.db.execute("SELECT text FROM quotes ORDER BY rowid LIMIT 1").fetchone()[0].split()
    yield f"/quotes.json?q={text[0]}"
    yield f"/quotes.json?q=%22{text[0]}%20{text[1]}%22"
    yield f"/quotes.json?q={text[0][:3]}*"
    yield f"/quotes.json?q={text[-1]}&kind=direct"


def run(count: int = 100_000, path: str | None = None, repeat: int = 40) -> dict[str, Any]:
    """Generate (or reuse) the store, then time every page, its JSON twin and quote searches in-process."""
    from fastapi.testclient import TestClient

    from newstrace.web import create_app

    target = Path(path) if path else Path(tempfile.gettempdir()) / f"newstrace-bench-web-{count}.db"
    started = time.perf_counter()
    generate(target, count).close()
    generated = round(time.perf_counter() - started, 1)
    out: dict[str, Any] = {"store_articles": count, "store": str(target), "generate_s": generated,
                           "load average before": round(os.getloadavg()[0], 1), "rounds": repeat}
    with TestClient(create_app(target)) as client:
        store: Store = client.app.state.store  # type: ignore[attr-defined]
        out["store_quotes"] = store.count_quotes()
        pages, searches = _pages(store), list(_searches(store))
        timings, cold = _timed(client, [p for page in pages.values() for p in (page, _twin(page))] + searches, repeat)
    worst = 0.0
    for name, page in pages.items():
        html, twin = timings[page], timings[_twin(page)]
        out[name] = f"html p50 {html['p50_ms']} p95 {html['p95_ms']} ms; json p50 {twin['p50_ms']} " \
                    f"p95 {twin['p95_ms']} ms"
        worst = max(worst, html["p95_ms"], twin["p95_ms"])
    search_worst = 0.0
    for i, query in enumerate(searches):
        out[f"search {i + 1} ({query.split('?')[1]})"] = f"p50 {timings[query]['p50_ms']} p95 " \
                                                         f"{timings[query]['p95_ms']} ms"
        search_worst = max(search_worst, timings[query]["p95_ms"])
    out["worst page p95 ms"] = worst
    out["page target met (p95 < 100 ms)"] = worst < PAGE_TARGET_MS
    out["worst search p95 ms"] = search_worst
    out["search target met (p95 < 50 ms)"] = search_worst < SEARCH_TARGET_MS
    out["worst first (cold) request"] = cold
    out["load average after"] = round(os.getloadavg()[0], 1)
    return out
