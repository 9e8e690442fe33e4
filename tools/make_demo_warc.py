#!/usr/bin/env python3
"""Build the demo WARC file shipped with newstrace.

Reads the fictional Harbor Wire article pages in ``tools/demo_warc_src/`` and
writes them as HTTP ``response`` records (after one ``warcinfo`` record) to
``src/newstrace/demo/corpus/warc/harborwire-crawl.warc.gz``.

The output is deterministic: record ids are UUID5s of the target URI and the
WARC/HTTP dates are fixed, so re-running the script gives identical records.
Note the crawl dates (March 2022) are *not* the publication dates of the pages;
the expected publication dates are in the corpus ``expected.json``.

Usage:  python tools/make_demo_warc.py [--out PATH]
"""

from __future__ import annotations

import argparse
import io
import uuid
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "tools" / "demo_warc_src"
OUT = ROOT / "src" / "newstrace" / "demo" / "corpus" / "warc" / "harborwire-crawl.warc.gz"

# (source file, target URI, crawl time)
PAGES = [
    (
        "01-seravin-accord.html",
        "https://www.harborwire.example/world/2022/01/21/valdoria-brennland-initial-seravin-accord/",
        "2022-03-20T09:14:02Z",
    ),
    (
        "02-digital-act-final-vote.html",
        "https://www.harborwire.example/technology/2021/12/02/valdoria-passes-platform-law/",
        "2022-03-20T09:14:07Z",
    ),
    (
        "03-hessel-rebuild.html",
        "https://www.harborwire.example/world/2022/03/15/hessel-flood-victims-still-waiting/",
        "2022-03-20T09:14:11Z",
    ),
]

HTTP_DATES = {
    "2022-03-20T09:14:02Z": "Sun, 20 Mar 2022 09:14:02 GMT",
    "2022-03-20T09:14:07Z": "Sun, 20 Mar 2022 09:14:07 GMT",
    "2022-03-20T09:14:11Z": "Sun, 20 Mar 2022 09:14:11 GMT",
}


def record_id(name: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'newstrace-demo:' + name)}>"


def build(out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="1.1")

        info = (
            b"software: newstrace tools/make_demo_warc.py (warcio)\r\n"
            b"format: WARC File Format 1.1\r\n"
            b"description: Fictional demo crawl of harborwire.example for newstrace\r\n"
        )
        writer.write_record(
            writer.create_warc_record(
                "",
                "warcinfo",
                payload=io.BytesIO(info),
                length=len(info),
                warc_content_type="application/warc-fields",
                warc_headers_dict={
                    "WARC-Record-ID": record_id("warcinfo"),
                    "WARC-Date": "2022-03-20T09:14:00Z",
                    "WARC-Filename": out.name,
                },
            )
        )

        for filename, uri, crawl_date in PAGES:
            body = (SRC / filename).read_bytes()
            http_headers = StatusAndHeaders(
                "200 OK",
                [
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Length", str(len(body))),
                    ("Date", HTTP_DATES[crawl_date]),
                    ("Server", "nginx"),
                    ("Cache-Control", "max-age=300"),
                ],
                protocol="HTTP/1.1",
            )
            writer.write_record(
                writer.create_warc_record(
                    uri,
                    "response",
                    payload=io.BytesIO(body),
                    length=len(body),
                    http_headers=http_headers,
                    warc_headers_dict={
                        "WARC-Record-ID": record_id(uri),
                        "WARC-Date": crawl_date,
                    },
                )
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    build(args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
