"""Shared fixtures: fixture paths, the shared reference folder, an in-memory store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newstrace.store import Store, open_store

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"


def seeds_store(path: Path | None = None, *, analyze: bool = False, link: bool = False,
                stories: bool = False) -> Store:
    """The five seed reports ingested into a store (in memory unless ``path``), then analysed, linked and
    storied as asked; the calling test is skipped when ``../shared/seeds`` is absent."""
    from newstrace.pipeline import ingest

    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not available")
    store = Store(path) if path is not None else open_store()
    ingest([SEEDS], store, progress=False)
    if analyze:
        from newstrace.analysis import analyze_store

        analyze_store(store)
    if link:
        from newstrace.linking import link_store

        link_store(store)
    if stories:
        from newstrace.storying import build_stories

        build_stories(store)
    return store


def seed_ids(store: Store) -> dict[str, str]:
    """Article id by seed file number (``"000"`` … ``"004"``)."""
    return {Path(a.sources[0].origin).name[:3]: a.id for a in store.articles()}


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared reference data is not available")
    return SHARED


@pytest.fixture
def store() -> Iterator[Store]:
    s = open_store(":memory:")
    yield s
    s.close()
