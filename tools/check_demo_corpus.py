#!/usr/bin/env python3
"""Check that the demo corpus and its ``expected.json`` agree.

Run after editing any file under ``src/newstrace/demo/corpus/``.  It checks,
against the *raw* inputs (no newstrace code involved), that:

* every input file has an entry in ``expected.json`` and every entry a file;
* every title, standfirst, ``must_keep`` sentence, ``chrome`` string and
  shared-statement wording really occurs in the input it is listed for;
* for ``.txt`` files the title is the first line and chrome entries are whole
  lines (or, for glued promos, start a line or follow a sentence end);
* story and statement references point at known files or records;
* the JSON-LD/outlet names used are those of ``outlets.json``.

Exit status 1 and a list of problems if anything is off.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

CORPUS = Path(__file__).resolve().parent.parent / "src" / "newstrace" / "demo" / "corpus"
INPUT_SUFFIXES = (".txt", ".html", ".warc.gz", ".jsonl", ".rss")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def html_text(raw: str) -> str:
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    return norm(html.unescape(re.sub(r"<[^>]+>", " ", raw)))


def load_sources() -> dict[str, str]:
    """Map 'path' or 'path#key' to searchable raw text."""
    out: dict[str, str] = {}
    for path in sorted(CORPUS.rglob("*")):
        rel = path.relative_to(CORPUS).as_posix()
        if not path.is_file() or not rel.endswith(INPUT_SUFFIXES):
            continue
        if rel.endswith(".txt") or rel.endswith(".html"):
            out[rel] = path.read_text(encoding="utf-8")
        elif rel.endswith(".warc.gz"):
            out[rel] = ""
            with gzip.open(path, "rb") as fh:
                for rec in ArchiveIterator(fh):
                    if rec.rec_type == "response":
                        uri = rec.rec_headers.get_header("WARC-Target-URI")
                        out[f"{rel}#{uri}"] = rec.content_stream().read().decode("utf-8")
        elif rel.endswith(".jsonl"):
            out[rel] = ""
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    rec = json.loads(line)
                    out[f"{rel}#{rec['id']}"] = json.dumps(rec, ensure_ascii=False)
                    out[f"{rel}#{rec['id']}@text"] = (rec.get("title") or "") + "\n" + (rec.get("text") or "")
        elif rel.endswith(".rss"):
            out[rel] = ""
            root = ET.parse(path).getroot()
            for item in root.iter("item"):
                link = item.findtext("link")
                out[f"{rel}#{link}"] = (item.findtext("title") or "") + "\n" + html_text(
                    item.findtext("description") or ""
                )
    return out


def searchable(key: str, sources: dict[str, str]) -> str:
    if f"{key}@text" in sources:
        return norm(sources[f"{key}@text"])
    raw = sources[key]
    if key.split("#")[0].endswith((".html", ".warc.gz")):
        return html_text(raw)
    return norm(raw)


def main() -> int:
    problems: list[str] = []
    expected = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
    outlets = {o["name"] for o in json.loads((CORPUS / "outlets.json").read_text(encoding="utf-8"))["outlets"]}
    sources = load_sources()
    files = expected["files"]

    top = {k for k in sources if "#" not in k}
    for missing in sorted(top - set(files)):
        problems.append(f"{missing}: input file has no entry in expected.json")
    for extra in sorted(set(files) - top):
        problems.append(f"{extra}: expected.json entry has no file")

    known: set[str] = set(top)

    def check_entry(key: str, entry: dict) -> None:
        if key not in sources:
            problems.append(f"{key}: no such file or record")
            return
        known.add(key)
        text = searchable(key, sources)
        if entry.get("outlet") is not None and entry["outlet"] not in outlets:
            problems.append(f"{key}: outlet {entry['outlet']!r} not in outlets.json")
        for field in ("title", "standfirst"):
            value = entry.get(field)
            if value and norm(value) not in text:
                problems.append(f"{key}: {field} not found: {value[:60]!r}")
        for s in entry.get("must_keep", []):
            if norm(s) not in text:
                problems.append(f"{key}: must_keep not found: {s[:70]!r}")
        for s in entry.get("chrome", []):
            if norm(s) not in text:
                problems.append(f"{key}: chrome not found: {s[:70]!r}")
        pub, part = entry.get("published"), entry.get("published_partial")
        if pub and not re.fullmatch(r"\d{4}-\d\d-\d\d", pub):
            problems.append(f"{key}: bad published {pub!r}")
        if part and not re.fullmatch(r"--\d\d-\d\d", part):
            problems.append(f"{key}: bad published_partial {part!r}")
        if pub and part:
            problems.append(f"{key}: both published and published_partial set")
        if key.endswith(".txt"):
            lines = [ln.strip() for ln in sources[key].splitlines()]
            if lines[0] != entry["title"]:
                problems.append(f"{key}: title is not the first line")
            for s in entry.get("chrome", []):
                if s not in lines and not any(ln.startswith(s) or s in ln for ln in lines):
                    problems.append(f"{key}: chrome is not a line: {s[:60]!r}")
            if entry.get("dateline") and entry["dateline"] not in sources[key]:
                problems.append(f"{key}: dateline not found")

    for key, entry in files.items():
        if "records" in entry:
            for rec in entry["records"]:
                rid = rec.get("id") or rec.get("url")
                check_entry(f"{key}#{rid}", rec)
        else:
            check_entry(key, entry)
        if "duplicate_of" in entry and sources.get(key) != sources.get(entry["duplicate_of"]):
            problems.append(f"{key}: not identical to {entry['duplicate_of']}")

    for story in expected["stories"]:
        for ref in story["files"]:
            if ref not in known:
                problems.append(f"story {story['id']}: unknown reference {ref}")
    for st in expected["shared_statements"]:
        for c in st["carried_by"]:
            if c["file"] not in known:
                problems.append(f"statement {st['statement'][:40]!r}: unknown file {c['file']}")
            elif norm(c["wording"]) not in searchable(c["file"], sources):
                problems.append(f"statement wording not in {c['file']}: {c['wording'][:60]!r}")
    for group in expected.get("distinct_statements", []):
        for st in group["statements"]:
            if norm(st["text"]).rstrip(".,") not in searchable(st["file"], sources):
                problems.append(f"distinct statement not in {st['file']}: {st['text'][:60]!r}")

    size = sum(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file())
    for p in problems:
        print("PROBLEM:", p)
    print(f"{len(files)} files, {len(known)} documents/containers checked, corpus {size / 1024:.0f} KB, "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
