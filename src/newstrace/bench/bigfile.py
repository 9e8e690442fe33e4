"""Very large inputs: time, peak memory and failure codes of ingesting them.

Three files are generated in a temporary folder (synthetic prose, nothing
from the reference data):

* ``big.txt`` - one plain-text document of ``--size-mb`` MB;
* ``big.html`` - one HTML page of ``--size-mb`` MB;
* ``big.jsonl`` - ``--size-mb`` MB of ordinary article records (a few KB
  each) with one ``--huge-mb`` MB record in the middle.

Each is ingested with default options into a fresh store, in a fresh process
so that its peak RSS is its own.  The single-document files must become
``too-large`` failures at once, without being read into memory; the JSONL
must store every ordinary record and fail only the huge one.  A tiny file is
ingested the same way first: its peak RSS is the baseline (the imports).

    python -m newstrace.bench.bigfile
    python -m newstrace.bench.bigfile --size-mb 50 --huge-mb 40
"""

from __future__ import annotations

import argparse
import html
import json
import multiprocessing
import random
import resource
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TextIO

from newstrace.bench.throughput import as_text, synthetic_article

MB = 1024 * 1024

#: Generated articles cycled to fill the single-document files.
POOL_SIZE = 64

CASES = ("txt", "html", "jsonl")


# --------------------------------------------------------------------------- generating the inputs


def _article_pool(seed: int) -> list[str]:
    rng = random.Random(seed)
    return [as_text(rng) for _ in range(POOL_SIZE)]


def _fill(fh: TextIO, size: int, chunks: Iterator[str]) -> int:
    """Write chunks until ``size`` characters are written; return the number written."""
    written = 0
    for chunk in chunks:
        if written >= size:
            break
        fh.write(chunk)
        written += len(chunk)
    return written


def _cycle(items: list[str]) -> Iterator[str]:
    while True:
        yield from items


def write_text(path: Path, size: int, seed: int = 7) -> Path:
    """One plain-text "document" of about ``size`` bytes (ASCII prose)."""
    with path.open("w", encoding="utf-8") as fh:
        _fill(fh, size, _cycle(_article_pool(seed)))
    return path


def write_html(path: Path, size: int, seed: int = 7) -> Path:
    """One HTML page of about ``size`` bytes: a long article of ``<p>`` paragraphs."""
    paragraphs = [f"<p>{html.escape(p)}</p>\n" for text in _article_pool(seed) for p in text.split("\n\n")]
    head = "<!DOCTYPE html><html lang='en'><head><title>A very long page</title></head><body><article>\n"
    tail = "</article></body></html>\n"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(head)
        _fill(fh, size - len(head) - len(tail), _cycle(paragraphs))
        fh.write(tail)
    return path


def _record(rng: random.Random, index: int) -> str:
    """One JSONL line: an ordinary article record with its own text."""
    title, lead, paragraphs = synthetic_article(rng)
    text = "\n\n".join([lead + paragraphs[0], *paragraphs[1:]])
    return json.dumps({"id": f"r{index}", "title": title, "text": text}) + "\n"


def _write_huge_record(fh: TextIO, size: int, seed: int) -> None:
    """One JSONL line of about ``size`` bytes, written piece by piece (never whole in memory)."""
    fh.write('{"id": "huge", "title": "A record far too large", "text": "')
    escaped = [json.dumps(text + "\n\n")[1:-1] for text in _article_pool(seed + 1)]
    _fill(fh, size, _cycle(escaped))
    fh.write('"}\n')


def write_jsonl(path: Path, size: int, huge: int, seed: int = 7) -> int:
    """Ordinary records filling ``size - huge`` bytes around one ``huge``-byte record; returns their count."""
    rng = random.Random(seed)
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        for budget in ((size - huge) // 2, huge, (size - huge) // 2):
            if budget == huge:
                _write_huge_record(fh, huge, seed)
                continue
            written = 0
            while written < budget:
                line = _record(rng, count)
                fh.write(line)
                written += len(line)
                count += 1
    return count


# --------------------------------------------------------------------------- measuring one ingest


def ingest_case(path: str, db: str) -> dict[str, Any]:
    """Ingest ``path`` into a fresh store ``db`` with default options (run in its own process)."""
    from newstrace.pipeline import ingest
    from newstrace.store import open_store

    store = open_store(db)
    started = time.perf_counter()
    summary = ingest([path], store, progress=False)
    seconds = time.perf_counter() - started
    failures = [row.failure for row in store.failures()]
    store.close()
    return {
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "documents": summary.documents,
        "articles_new": summary.articles_new,
        "failures": summary.failures,
        "failures_by_code": dict(summary.failures_by_code),
        "failed": [f"{f.source.locator or Path(f.source.origin).name}: {f.code.value} ({f.reason})" for f in failures],
    }


def _peak_rss_mb() -> float:
    """This process's peak RSS: ``VmHWM`` where Linux gives it, else ``ru_maxrss``.

    ``ru_maxrss`` survives ``exec``, so a freshly spawned process would report
    its parent's peak; ``VmHWM`` belongs to the process's own address space.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_fresh_process(func: Callable[..., dict[str, Any]], *args: str) -> dict[str, Any]:
    """``func(*args)`` in a newly spawned process, so that its peak RSS is its own."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(func, *args).result()


# --------------------------------------------------------------------------- the benchmark


def _write_case(name: str, folder: Path, size: int, huge: int, seed: int) -> tuple[Path, int]:
    """Generate one input; return it and the number of ordinary records it holds."""
    if name == "txt":
        return write_text(folder / "big.txt", size, seed), 0
    if name == "html":
        return write_html(folder / "big.html", size, seed), 0
    path = folder / "big.jsonl"
    return path, write_jsonl(path, size, huge, seed)


def _verdict(name: str, result: dict[str, Any], records: int) -> bool:
    """True when the outcome is the expected one."""
    codes = result["failures_by_code"]
    if name == "jsonl":
        return bool(codes == {"too-large": 1} and result["articles_new"] == records)
    return bool(codes == {"too-large": 1} and result["documents"] == 0)


def run(size_mb: int = 200, huge_mb: int = 50, seed: int = 7) -> dict[str, Any]:
    """Generate the three big inputs, ingest each into a fresh store, and report per file."""
    if not 0 < huge_mb < size_mb:
        raise ValueError("need 0 < huge_mb < size_mb")
    result: dict[str, Any] = {"benchmark": "bigfile", "size_mb": size_mb, "huge_mb": huge_mb}
    with tempfile.TemporaryDirectory(prefix="newstrace-bigfile-") as tmp:
        folder = Path(tmp)
        tiny = write_text(folder / "tiny.txt", 4096, seed)
        result["baseline"] = in_fresh_process(ingest_case, str(tiny), str(folder / "tiny.db"))
        for name in CASES:
            started = time.perf_counter()
            path, records = _write_case(name, folder, size_mb * MB, huge_mb * MB, seed)
            generated = time.perf_counter() - started
            case = in_fresh_process(ingest_case, str(path), str(folder / f"{name}.db"))
            case.update(
                file_mb=round(path.stat().st_size / MB, 1),
                records=records or None,
                generate_seconds=round(generated, 1),
                ok=_verdict(name, case, records),
            )
            result[name] = case
            path.unlink()
    return result


def report(result: dict[str, Any]) -> str:
    """A readable table of the results."""
    lines = [f"{'input':<10}{'MB':>8}{'seconds':>10}{'peak RSS MB':>13}{'stored':>9}  failures  ok"]
    for name in ("baseline", *CASES):
        row = result[name]
        size = row.get("file_mb", 0.0)
        failures = ", ".join(f"{code}: {n}" for code, n in row["failures_by_code"].items()) or "-"
        ok = row.get("ok", "")
        lines.append(
            f"{name:<10}{size:>8}{row['seconds']:>10}{row['peak_rss_mb']:>13}{row['articles_new']:>9}  {failures}  {ok}"
        )
    for name in CASES:
        for failed in result[name]["failed"]:
            lines.append(f"  {name}: {failed}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size-mb", type=int, default=200, help="size of each generated file")
    parser.add_argument("--huge-mb", type=int, default=50, help="size of the huge JSONL record")
    args = parser.parse_args(argv)
    result = run(args.size_mb, args.huge_mb)
    print(report(result))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
