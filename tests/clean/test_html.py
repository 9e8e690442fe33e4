"""Tests for the HTML extraction stage (fictional pages written for these tests)."""

from __future__ import annotations

import json

import lxml.html
import pytest
import trafilatura

from newstrace.clean.html import (
    HtmlExtract,
    extract_html,
    extractor_version,
    main_text,
    strip_site_name,
    trim_chrome,
)
from newstrace.errors import ErrorCode, InputError

PARAGRAPHS = [
    "The harbour council of Velmora voted on Tuesday to rebuild the old lighthouse, "
    "ending a dispute that had divided the fishing town for almost a decade.",
    "Councillor Anna Brightwater said the decision honoured the sailors who had relied "
    "on the light since the town was founded, and promised the work would start in spring.",
    "Opponents had argued that the money should go to the new ferry terminal instead, "
    "but the vote passed by seven to two after a long and sometimes heated debate.",
    "The lighthouse, built of grey granite from the nearby quarry, has been dark since a "
    "storm damaged its lantern room and most of the spiral staircase inside the tower.",
    "Engineers from the regional maritime office will survey the tower next month and "
    "publish an estimate of the full cost before the council meets again in the autumn.",
]

NAV = '<nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li></ul></nav>'
COOKIE = (
    '<div id="cookie-banner" class="cookie-consent">We use cookies to improve your '
    "experience. Accept all cookies to continue browsing.</div>"
)
FOOTER = "<footer><p>Copyright 2021 Velmora Gazette. All rights reserved.</p></footer>"


def page(
    *,
    head: str = "",
    title_tag: str = "Lighthouse to be rebuilt | Velmora Gazette",
    h1: str = "Lighthouse to be rebuilt",
    paragraphs: list[str] | None = None,
    lang: str = "en",
) -> str:
    """A small news page around the given parts."""
    body = "".join(f"<p>{p}</p>" for p in (paragraphs or PARAGRAPHS))
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{title_tag}</title>{head}</head><body>{COOKIE}<header>{NAV}</header>"
        f"<main><article>{f'<h1>{h1}</h1>' if h1 else ''}{body}</article></main>"
        f"{FOOTER}</body></html>"
    )


def ld_script(data: dict[str, object]) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_extracts_main_text_as_paragraphs() -> None:
    got = extract_html(page(), "https://gazette.example/news/lighthouse")
    assert isinstance(got, HtmlExtract)
    assert got.text.split("\n\n") == PARAGRAPHS
    assert got.extractor == "trafilatura"
    assert got.extractor_version
    assert got.language == "en"
    assert got.url == "https://gazette.example/news/lighthouse"


def test_title_is_not_repeated_in_text() -> None:
    got = extract_html(page())
    assert got.title == "Lighthouse to be rebuilt"
    assert not got.text.startswith("Lighthouse to be rebuilt")


def test_nav_footer_and_cookie_banner_excluded() -> None:
    got = extract_html(page())
    for chrome in ("Accept all cookies", "All rights reserved", "Sport"):
        assert chrome not in got.text


def test_site_suffix_stripped_from_title_tag() -> None:
    head = '<meta property="og:site_name" content="Velmora Gazette">'
    got = extract_html(page(head=head, h1=""))
    assert got.title == "Lighthouse to be rebuilt"
    assert got.sitename == "Velmora Gazette"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Lighthouse to be rebuilt | Velmora Gazette", "Lighthouse to be rebuilt"),
        ("Lighthouse to be rebuilt - Velmora Gazette", "Lighthouse to be rebuilt"),
        ("Lighthouse to be rebuilt | Local | News | Velmora Gazette", "Lighthouse to be rebuilt"),
        ("Velmora Gazette | Lighthouse to be rebuilt", "Lighthouse to be rebuilt"),
        ("Lighthouse to be rebuilt | Velmora Gazette | by Anna Grey", "Lighthouse to be rebuilt"),
        ("Storm - and then silence - in Velmora", "Storm - and then silence - in Velmora"),
    ],
)
def test_strip_site_name(raw: str, expected: str) -> None:
    assert strip_site_name(raw, ["Velmora Gazette"]) == expected


def test_json_ld_metadata_preferred() -> None:
    ld = ld_script(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Velmora votes to rebuild its lighthouse",
            "datePublished": "2021-03-04T23:30:00-05:00",
            "dateModified": "2021-03-06T10:00:00-05:00",
            "author": [
                {"@type": "Person", "name": "Anna Grey"},
                {"@type": "Person", "name": "Tomas Reed"},
            ],
            "publisher": {"@type": "Organization", "name": "Velmora Gazette"},
        }
    )
    head = (
        ld
        + '<meta name="author" content="Web Desk">'
        + '<meta property="article:published_time" content="2021-03-05T04:30:00Z">'
        + '<link rel="canonical" href="https://gazette.example/lighthouse">'
    )
    got = extract_html(page(head=head), "https://gazette.example/lighthouse?utm=feed")
    assert got.title == "Velmora votes to rebuild its lighthouse"
    assert got.authors == ("Anna Grey", "Tomas Reed")
    # the day as written in the page's own offset, not converted to UTC
    assert got.published == "2021-03-04"
    assert got.published_evidence == "json-ld datePublished"
    assert got.url == "https://gazette.example/lighthouse"


def test_json_ld_graph_and_entities() -> None:
    ld = ld_script(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "name": "Velmora Gazette"},
                {
                    "@type": ["NewsArticle"],
                    "headline": "Council&#8217;s vote on the lighthouse",
                    "datePublished": "2021-03-04",
                    "author": {"@type": "Person", "name": "By Anna Grey"},
                },
            ],
        }
    )
    got = extract_html(page(head=ld))
    assert got.title == "Council\u2019s vote on the lighthouse"
    assert got.authors == ("Anna Grey",)


def test_og_title_preferred_over_title_tag() -> None:
    head = '<meta property="og:title" content="Velmora lighthouse will shine again">'
    got = extract_html(page(head=head))
    assert got.title == "Velmora lighthouse will shine again"


def test_meta_author_and_published_time() -> None:
    head = (
        '<meta name="author" content="Anna Grey and Tomas Reed">'
        '<meta property="article:published_time" content="2021-03-04T08:00:00+01:00">'
    )
    got = extract_html(page(head=head))
    assert got.authors == ("Anna Grey", "Tomas Reed")
    assert got.published == "2021-03-04"
    assert got.published_evidence == "meta article:published_time"


def test_date_found_by_htmldate_without_metadata() -> None:
    paragraphs = ["Published on 4 March 2021.", *PARAGRAPHS]
    got = extract_html(page(paragraphs=paragraphs))
    assert got.published == "2021-03-04"
    assert got.published_evidence == "htmldate"


def test_truncated_html_still_extracts() -> None:
    html = page()
    cut = html.index(PARAGRAPHS[3]) + 40
    got = extract_html(html[:cut])
    assert PARAGRAPHS[0] in got.text
    assert PARAGRAPHS[2] in got.text


def test_json_ld_body_used_when_page_text_missing() -> None:
    ld = ld_script(
        {
            "@type": "NewsArticle",
            "headline": "Lighthouse to be rebuilt",
            "articleBody": "\n".join(PARAGRAPHS),
        }
    )
    html = f"<html><head><title>Lighthouse</title>{ld}</head><body>{NAV}<div id='app'></div>{FOOTER}</body></html>"
    got = extract_html(html)
    assert got.text.split("\n\n") == PARAGRAPHS


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n\t  ",
        "<html></html>",
        "<html><head><title>Nothing here</title></head><body></body></html>",
        "\x00\x01\x02 garbage \xff\xfe <<<>>> ]]>",
        "<<<<<<<<<<",
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
    ],
)
def test_no_text_raises_input_error(html: str) -> None:
    with pytest.raises(InputError) as info:
        extract_html(html)
    assert info.value.code is ErrorCode.NO_TEXT


def test_huge_document_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("newstrace.clean.html.MAX_HTML_CHARS", 1000)
    with pytest.raises(InputError) as info:
        extract_html(page())
    assert info.value.code is ErrorCode.TOO_LARGE


def test_cross_links_and_trailing_calls_to_action_trimmed() -> None:
    paragraphs = [
        PARAGRAPHS[0],
        "Read more: Velmora ferry terminal plans delayed again",
        "Comments by the harbour master were welcomed by the fishing association.",
        PARAGRAPHS[1],
        "Sign up for our free morning newsletter and never miss a story.",
    ]
    got = trim_chrome(paragraphs)
    assert got == [PARAGRAPHS[0], paragraphs[2], PARAGRAPHS[1]]


def _fail_if_called(*args: object, **kwargs: object) -> None:
    raise AssertionError("costly fallback called although the page declares the value")


def test_htmldate_skipped_when_page_declares_a_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("newstrace.clean.html.fallback.find_date", _fail_if_called)
    head = '<meta property="article:published_time" content="2021-03-04T08:00:00+01:00">'
    got = extract_html(page(head=head))
    assert got.published == "2021-03-04"


def test_byline_search_skipped_when_page_declares_authors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("newstrace.clean.html.fallback.trafilatura_metadata.extract_author", _fail_if_called)
    monkeypatch.setattr("newstrace.clean.html.fallback.trafilatura_metadata.extract_meta_json", _fail_if_called)
    head = '<meta name="author" content="Anna Grey"><meta property="og:site_name" content="Velmora Gazette">'
    got = extract_html(page(head=head))
    assert got.authors == ("Anna Grey",)


def test_byline_found_without_declared_authors() -> None:
    byline = '<p class="byline">By <a rel="author" href="/staff/anna-grey">Anna Grey</a></p>'
    html = page().replace("<article>", f"<article>{byline}")
    got = extract_html(html)
    assert got.authors == ("Anna Grey",)


def test_page_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    original = trafilatura.load_html

    def spy(content: object, *args: object, **kwargs: object) -> object:
        if not isinstance(content, lxml.html.HtmlElement):
            parsed.append(type(content).__name__)
        return original(content, *args, **kwargs)

    for module in ("trafilatura", "trafilatura.core", "trafilatura.metadata", "htmldate.core"):
        monkeypatch.setattr(f"{module}.load_html", spy)
    paragraphs = ["Published on 4 March 2021.", *PARAGRAPHS]  # no declared date: htmldate runs too
    got = extract_html(page(paragraphs=paragraphs))
    assert got.published_evidence == "htmldate"
    assert parsed == ["str"]  # the markup is parsed once; every later step gets the tree


def test_main_text_leaves_the_tree_untouched() -> None:
    tree = trafilatura.load_html(page())
    before = lxml.html.tostring(tree)
    assert main_text(tree, None)
    assert lxml.html.tostring(tree) == before


def test_mojibake_repaired_in_extracted_fields() -> None:
    broken = "CafÃ© owners said the harbour festival would go ahead despite the storm damage."
    head = '<meta property="og:title" content="CafÃ© reopens">'
    got = extract_html(page(head=head, paragraphs=[broken, *PARAGRAPHS]))
    assert got.title == "Café reopens"
    assert got.text.startswith("Café owners said")


def test_extractor_version_is_looked_up_once() -> None:
    assert extractor_version() is extractor_version()
