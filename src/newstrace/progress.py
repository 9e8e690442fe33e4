"""A progress bar on stderr (tqdm): bytes of input done, rate, ETA and articles so far."""

from __future__ import annotations

from typing import Any

from tqdm import tqdm


class Progress:
    """Progress over the input bytes of a run; does nothing when disabled."""

    def __init__(self, total: int, enabled: bool) -> None:
        self._bar: Any = None
        if enabled:
            self._bar = tqdm(
                total=total, unit="B", unit_scale=True, unit_divisor=1024, desc="ingest", dynamic_ncols=True
            )

    def advance(self, done_bytes: int, articles: int) -> None:
        """A file is finished: add its bytes."""
        if self._bar is not None:
            self._bar.update(done_bytes)
            self._bar.set_postfix(articles=articles, refresh=False)

    def tick(self, documents: int, articles: int) -> None:
        """An item inside a file is done: refresh the counts (tqdm throttles redraws)."""
        if self._bar is not None:
            self._bar.set_postfix(docs=documents, articles=articles, refresh=False)
            self._bar.update(0)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
