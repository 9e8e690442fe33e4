"""A small store written by hand for the web tests: three outlets, quotes, a copy, a failure, a hostile article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newstrace.errors import ErrorCode
from newstrace.records import Article, Failure, PublishedDate, Quote, SourceRef
from newstrace.store import Batch, Store, StoredDoc
from newstrace.web import create_app

HOSTILE_QUOTE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'

TEXTS = {
    "a1": ("Harbour talks resume", "Larkport Daily", "2024-03-04",
           'The harbour talks resumed on Monday. "We will not escalate this dispute," said Mira Olsen, '
           "the port minister.\nShe added that the unions were welcome."),
    "a2": ("Harbour talks resume (wire)", "Bayside Herald", "2024-03-05",
           'The harbour talks resumed on Monday. "We will not escalate this dispute," said Mira Olsen, '
           "the port minister.\nShe added that the unions were welcome."),
    "a3": ("Dockers answer the minister", "Coastline Times", "2024-03-06",
           'Union leader Pavel Dunn said the offer was "too little, too late" and called a vote for Friday.'),
    "a4": ('<b>Hostile</b> "title" <script>window.__pwned = 3</script>', "Coastline Times", "2024-03-07",
           f'A reader wrote in. "{HOSTILE_QUOTE}," said Evil Mallory, a prankster.'),
}


def article_id(key: str) -> str:
    return f"{key}{'0' * 14}"


def _quote(key: str, qid: str, needle: str, speaker: str | None, kind: str, mention: str | None) -> Quote:
    text = TEXTS[key][3]
    start = text.index(needle)
    return Quote(id=qid, article_id=article_id(key), kind=kind, text=needle, content=((start, start + len(needle)),),
                 cue="said", speaker_mention=mention, speaker=speaker, confidence=0.9)


QUOTES = {
    "a1": [_quote("a1", "q1", "We will not escalate this dispute,", "Mira Olsen", "direct", "Mira Olsen"),
           _quote("a1", "q2", "the unions were welcome", "Mira Olsen", "indirect", "She")],
    "a2": [_quote("a2", "q3", "We will not escalate this dispute,", "Mira Olsen", "direct", "Mira Olsen")],
    "a3": [_quote("a3", "q4", 'the offer was "too little, too late"', "Pavel Dunn", "mixed",
                  "Union leader Pavel Dunn")],
    "a4": [_quote("a4", "q5", HOSTILE_QUOTE + ",", "Evil Mallory", "direct", "Evil Mallory")],
}


def build_store(path: Path) -> None:
    """Write the fixture store at ``path`` the way the pipeline would (batches, quotes, links)."""
    store = Store(path)
    run = store.begin_run(["fixtures/"])
    docs = []
    for key, (title, outlet, day, text) in TEXTS.items():
        article = Article(id=article_id(key), text=text, title=title, outlet=outlet, outlet_basis="metadata",
                          published=PublishedDate(day, basis="metadata", confidence=0.9, evidence=day),
                          language="en", extractor="fixture", extractor_version="1",
                          url="javascript:alert(1)" if key == "a4" else f"https://example.org/{key}")
        docs.append(StoredDoc(article, SourceRef(f"fixtures/{key}.txt"), "text"))
    failure = Failure(SourceRef("fixtures/broken.html"), ErrorCode.NO_TEXT, "no article text <em>found</em>")
    store.write_batch(run, Batch(docs=docs, failures=[failure]))
    store.finish_run(run, "complete", {"articles_new": 4, "failures": 1})
    store.write_quotes([(article_id(k), qs) for k, qs in QUOTES.items()], "fixture-analyzer")
    group = [article_id("a1"), article_id("a2")]
    store.write_links([(a, b"\0" * 8, None) for a in map(article_id, TEXTS)], [(group[0], group)])
    store.close()


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.db"
    build_store(path)
    return path


@pytest.fixture(scope="session")
def client(web_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(web_db)) as c:
        yield c


@pytest.fixture(scope="session")
def linked_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture store after the linking and story stages (statements, entities, storylines)."""
    from newstrace.linking import link_store
    from newstrace.storying import build_stories

    path = tmp_path_factory.mktemp("web-linked") / "linked.db"
    build_store(path)
    store = Store(path)
    link_store(store)
    build_stories(store)
    store.close()
    return path


@pytest.fixture(scope="session")
def linked_client(linked_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(linked_db)) as c:
        yield c
