"""Throughput and memory of ingest + clean + store on generated articles.

The articles are synthetic (seeded random prose with datelines, quotes and
site chrome), so the benchmark needs no reference data and is repeatable.
With ``--source real`` the html mode uses real news pages instead: the
English fundus pages and the trafilatura evaluation pages of the shared
reference data, read at run time and replicated to ``--count`` files in a
temporary folder (nothing of them is copied into the repository).

    python -m newstrace.bench.throughput --mode text --count 3000 --jobs 2
    python -m newstrace.bench.throughput --mode html --count 1000 --jobs 2 --source real
    python -m newstrace.bench.throughput --mode memory --count 100000
    python -m newstrace.bench.throughput --mode analyze --count 300 --jobs 2 [--source real]

The analyze mode times ``newstrace analyze`` (the store path: batches of
stored articles → spaCy parse and attribution in ``--jobs`` worker processes →
quotes written back) on articles ingested first (not timed): generated ones,
or with ``--source real`` the PolNeAR train texts of the shared reference data.
Besides wall-clock articles per second it reports the CPU seconds of the run
(this process and its workers), which do not depend on other programs sharing
the cores as much.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import random
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from newstrace.bench.common import resolve_shared
from newstrace.pipeline import IngestOptions, ingest
from newstrace.store import open_store

WORDS = (
    "the minister said council talks harbour strike vote budget officials city port workers union government "
    "agreement week statement meeting report president spokesman border river flood recovery court plan "
    "after before during would could should will has have been was were that which with from into over "
    "about against between under new old first last next early late long short public private national "
    "regional local foreign economic political security energy water trade market price rate growth"
).split()
NAMES = ("Ilse Varga", "Tomas Reyl", "Mara Okafor", "Jon Halloway", "Petra Lind", "Ade Soyinka")
PLACES = ("PORTVILLE", "KESTREL", "LINDMARK", "SOLHAVEN", "ARDMOOR")
MONTHS = ("March", "April", "May", "June")


def synthetic_article(rng: random.Random) -> tuple[str, str, list[str]]:
    """A (title, dateline lead, paragraphs) triple of generated news prose."""
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 11))).capitalize()
    lead = f"{rng.choice(PLACES)}, {rng.choice(MONTHS)} {rng.randint(1, 28)}. /NWA/. "
    paragraphs = [_paragraph(rng) for _ in range(rng.randint(7, 14))]
    return title, lead, paragraphs


def _paragraph(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(1, 3)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(12, 28))]
        sentence = " ".join(words).capitalize() + "."
        if rng.random() < 0.3:
            sentence = f"\u201c{sentence}\u201d {rng.choice(NAMES)} said."
        sentences.append(sentence)
    return " ".join(sentences)


def as_text(rng: random.Random) -> str:
    title, lead, paragraphs = synthetic_article(rng)
    body = "\n\n".join([lead + paragraphs[0], *paragraphs[1:]])
    return f"All news\n\n{title}\n\n{body}\n\nShare this story!\n"


def as_html(rng: random.Random) -> str:
    title, lead, paragraphs = synthetic_article(rng)
    nav = "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(12))
    body = "".join(f"<p>{html.escape(p)}</p>" for p in [lead + paragraphs[0], *paragraphs[1:]])
    return (
        f"<html><head><title>{html.escape(title)} | Gazette</title>"
        f"<meta property='article:published_time' content='2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}'></head>"
        f"<body><nav><ul>{nav}</ul></nav><article><h1>{html.escape(title)}</h1>{body}</article>"
        "<footer><p>Copyright Gazette. All rights reserved.</p></footer></body></html>"
    )


def _write_files(folder: Path, count: int, mode: str, seed: int) -> None:
    rng = random.Random(seed)
    for i in range(count):
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        if mode == "html":
            (sub / f"{i:06d}.html").write_text(as_html(rng), "utf-8")
        else:
            (sub / f"{i:06d}.txt").write_text(as_text(rng), "utf-8")


def real_pages(shared: Path) -> list[Path]:
    """The real HTML pages of the shared data: fundus English pages, then the trafilatura evaluation pages."""
    fundus = shared / "data" / "fundus"
    manifest = json.loads((fundus / "manifest.json").read_text(encoding="utf-8"))
    pages = [fundus / str(entry["html"]) for entry in manifest if entry.get("english")]
    pages.extend(sorted((shared / "data" / "trafilatura_eval" / "html").glob("*.htm*")))
    return pages


def _page_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _write_real_files(folder: Path, count: int, shared: Path) -> None:
    """``count`` HTML files, cycling over the real pages (decompressed)."""
    pages = real_pages(shared)
    if not pages:
        raise FileNotFoundError(f"no real HTML pages under {shared / 'data'}")
    contents = [_page_bytes(p) for p in pages]
    for i in range(count):
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{i:06d}.html").write_bytes(contents[i % len(contents)])


def _write_jsonl(path: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(count):
            fh.write(json.dumps({"id": str(i), "text": as_text(rng)}) + "\n")


def run(
    mode: str = "text",
    count: int = 3000,
    jobs: int = 2,
    seed: int = 7,
    source: str = "synthetic",
    shared: Path | None = None,
) -> dict[str, Any]:
    """Generate ``count`` inputs, ingest them into a fresh store, and report rate and peak memory.

    ``source="real"`` (html mode only) replicates the real pages of ``shared``
    (default: the shared reference directory) instead of generating pages.
    """
    if source not in ("synthetic", "real"):
        raise ValueError(f"unknown source {source!r}")
    if source == "real" and mode not in ("html", "analyze"):
        raise ValueError("--source real needs --mode html or analyze")
    if mode == "analyze":
        return run_analyze(count, jobs, seed, source, shared)
    with tempfile.TemporaryDirectory(prefix="newstrace-bench-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        if mode == "memory":
            _write_jsonl(folder / "articles.jsonl", count, seed)
        elif source == "real":
            _write_real_files(folder, count, resolve_shared(shared))
        else:
            _write_files(folder, count, mode, seed)
        store = open_store(Path(tmp) / "bench.db")
        started = time.perf_counter()
        summary = ingest([folder], store, IngestOptions(jobs=jobs, batch_size=500), progress=False)
        seconds = time.perf_counter() - started
        store.close()
    return {
        "mode": mode,
        "source": source,
        "count": count,
        "jobs": jobs,
        "articles_stored": summary.articles_new,
        "failures": summary.failures,
        "failures_by_code": dict(summary.failures_by_code),
        "seconds": round(seconds, 2),
        "articles_per_s": round(summary.documents / seconds, 1),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
    }


def run_analyze(count: int = 300, jobs: int = 2, seed: int = 7, source: str = "synthetic",
                shared: Path | None = None) -> dict[str, Any]:
    """Ingest ``count`` articles into a fresh store (not timed), then time the analysis run over them."""
    from newstrace.analysis import analyze_store
    from newstrace.analyze import QuoteAnalyzer
    from newstrace.analyze.nlp import load

    with tempfile.TemporaryDirectory(prefix="newstrace-bench-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        if source == "real":
            _write_polnear_files(folder, count, resolve_shared(shared))
        else:
            _write_files(folder, count, "text", seed)
        store = open_store(Path(tmp) / "bench.db")
        ingest([folder], store, IngestOptions(jobs=jobs, batch_size=500), progress=False)
        load()  # model loading is not part of the rate
        cpu = _cpu_seconds()
        started = time.perf_counter()
        summary = analyze_store(store, QuoteAnalyzer(processes=jobs))
        seconds = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu
        store.close()
    return {
        "mode": "analyze", "source": source, "count": count, "jobs": jobs, "articles": summary.articles,
        "quotes": summary.quotes, "seconds": round(seconds, 2), "articles_per_s": round(summary.articles / seconds, 1),
        "cpu_seconds": round(cpu, 2), "articles_per_cpu_second": round(summary.articles / cpu, 2) if cpu else 0.0,
    }


def _write_polnear_files(folder: Path, count: int, shared: Path) -> None:
    """The first ``count`` PolNeAR train texts (read at run time), as text files."""
    texts = sorted((shared / "data" / "polnear" / "data" / "train" / "text").glob("*.txt"))[:count]
    if not texts:
        raise FileNotFoundError(f"no PolNeAR train texts under {shared / 'data'}")
    for path in texts:
        (folder / path.name).write_bytes(path.read_bytes())


def _cpu_seconds() -> float:
    """User and system CPU seconds of this process and of its finished worker processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--mode", choices=("text", "html", "memory", "analyze"), default="text")
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--source", choices=("synthetic", "real"), default="synthetic",
                        help="html pages (or analyze texts) to use")
    parser.add_argument("--shared", type=Path, default=None, help="the shared/ reference dir (for --source real)")
    args = parser.parse_args(argv)
    result = run(args.mode, args.count, args.jobs, source=args.source, shared=args.shared)
    for key, value in result.items():
        print(f"{key}: {value}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
