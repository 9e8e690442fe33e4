"""Helpers shared by the benchmarks: the reference-data directory, text tests and scores.

The reference data (``shared/``) lives next to the repository checkout and is
read at run time only; nothing from it is ever copied into the repository.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from charset_normalizer import from_bytes

from newstrace.ingest.htmlmeta import declared_charset

ENV_VAR = "NEWSTRACE_SHARED"

_WORD = re.compile(r"\w+")


def default_shared_dir() -> Path:
    """The ``shared/`` directory: ``$NEWSTRACE_SHARED``, else the one next to the checkout.

    The checkout is ``<parent>/<repo>/src/newstrace/bench/common.py``, so the
    reference data is ``<parent>/shared``.  When the package is not installed
    from a checkout, ``../shared`` relative to the working directory is tried.
    """
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    beside_checkout = Path(__file__).resolve().parents[3].parent / "shared"
    if beside_checkout.is_dir():
        return beside_checkout
    return Path.cwd().resolve().parent / "shared"


def resolve_shared(shared: Path | str | None = None) -> Path:
    """An explicit ``shared`` path if given, else :func:`default_shared_dir`."""
    return Path(shared) if shared is not None else default_shared_dir()


def normalise_ws(text: str) -> str:
    """Collapse every run of whitespace to one space and trim the ends."""
    return " ".join(text.split())


def contains_normalised(haystack: str, snippet: str) -> bool:
    """True when ``snippet`` is a substring of ``haystack`` after whitespace normalisation.

    Pass an already normalised ``haystack`` when testing many snippets against it.
    """
    return normalise_ws(snippet) in normalise_ws(haystack)


def prf(tp: float, fp: float, fn: float) -> dict[str, float]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def word_tokens(text: str) -> list[str]:
    """Lower-cased word tokens (runs of Unicode word characters)."""
    return _WORD.findall(text.lower())


def bag_overlap(expected: Iterable[str], got: Iterable[str]) -> tuple[int, int, int]:
    """Multiset overlap of two token streams: ``(common, n_expected, n_got)``."""
    exp = Counter(expected)
    out = Counter(got)
    common = sum((exp & out).values())
    return common, sum(exp.values()), sum(out.values())


def f1_from_overlap(common: int, n_expected: int, n_got: int) -> float:
    """F1 of a bag-of-words overlap (precision over ``n_got``, recall over ``n_expected``)."""
    return prf(common, n_got - common, n_expected - common)["f1"]


def read_html_file(path: Path) -> str:
    """Read a (possibly gzipped) HTML page and decode it.

    The declared charset, then UTF-8, then detection.  The text is otherwise
    left alone (no quote "uncurling"), so that typography can be compared.
    """
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    for encoding in filter(None, (declared_charset(data), "utf-8-sig")):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    best = from_bytes(data[: 4 * 1024 * 1024]).best()
    return data.decode(best.encoding if best and best.encoding else "cp1252", errors="replace")


def bench_args(description: str) -> argparse.Namespace:
    """Parse the common ``--shared PATH`` / ``--limit N`` command-line options."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--shared", type=Path, default=None, help="the shared/ reference dir")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    return parser.parse_args()


def main_for(
    description: str,
    run: Callable[..., dict[str, object]],
    report: Callable[[dict[str, object]], str],
) -> int:
    """Command-line entry: run a benchmark, print its report and one JSON line."""
    args = bench_args(description)
    shared = resolve_shared(args.shared)
    if not shared.is_dir():
        print(f"reference data not found at {shared} (set --shared or ${ENV_VAR})")
        return 2
    result = run(shared, limit=args.limit)
    print(report(result))
    print(json.dumps(result, sort_keys=True))
    return 0


def pct(value: object) -> str:
    """Format a 0..1 fraction as a percentage."""
    return f"{100 * float(value):.1f}%" if isinstance(value, int | float) else "n/a"
