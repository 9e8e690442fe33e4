"""Whole web pages copied as plain text: menus, notices, footers and teasers go, the article stays.

The pages here are invented for the tests.
"""

from __future__ import annotations

from newstrace.clean.pagecopy import classes, looks_like_page_copy, main_span, select_main, stoplist_for
from newstrace.clean.text import analyse_text

MENU = ["Home", "World", "Politics", "Business", "Science", "Culture", "Sport", "Weather", "Podcasts"]
COOKIES = [
    "We use cookies to improve your experience on our website and to show you relevant advertising.",
    "Accept all cookies",
    "Cookie settings",
]
HEADLINE = "Harbour town votes to keep its old ferry running for another decade"
ARTICLE = [
    "The council of the small harbour town of Westmere voted on Tuesday to keep its old ferry in service "
    "for at least another ten years, ending a debate that had divided residents since the spring.",
    "The ferry, which has crossed the bay twice an hour since the early sixties, carries about four hundred "
    "passengers a day, most of them commuters and schoolchildren who would otherwise face a long drive.",
    "Repairs to the hull and the engine will cost the town about two million euros, the harbour master told "
    "the meeting, and the work is expected to take most of the coming winter.",
    "Residents who had argued for a bridge said they were disappointed but would not challenge the decision, "
    "and several of them said they hoped the repairs would at least make the crossings quieter.",
]
SUBHEAD = "What happens next"
CLOSING = (
    "The first repairs are due to begin in November, and a replacement boat will run a reduced timetable "
    "while the old ferry is in the dry dock on the other side of the bay."
)
RELATED = [
    "Related stories",
    "Fishermen protest new quota rules",
    "Lighthouse reopens to visitors",
    "Storm damages coastal path",
    "Harbour festival draws record crowds",
]
COMMENTS = [
    "12 Comments",
    "Ann_from_the_hill",
    "3 hours ago",
    "Great news",
    "Reply",
    "seagull42",
    "2 hours ago",
    "About time",
    "Reply",
]
FOOTER = [
    "About us",
    "Contact us",
    "Privacy policy",
    "Terms of use",
    "Careers",
    "Advertise",
    "© 2024 Westmere Gazette Ltd. All rights reserved.",
]
PAGE = [*MENU, *COOKIES, HEADLINE, "By Maria Example", *ARTICLE, SUBHEAD, CLOSING, *RELATED, *COMMENTS, *FOOTER]


def _analysed() -> tuple[str, str]:
    layout = analyse_text("\n".join(PAGE), language="en")
    return layout.title or "", layout.text


def test_a_copied_page_is_recognised() -> None:
    assert looks_like_page_copy(PAGE)
    assert not looks_like_page_copy(ARTICLE + [CLOSING])


def test_article_prose_and_title_are_kept() -> None:
    title, text = _analysed()
    assert title == HEADLINE
    for paragraph in [*ARTICLE, CLOSING]:
        assert paragraph in text
    assert SUBHEAD in text


def test_menu_cookie_notice_related_links_comments_and_footer_are_dropped() -> None:
    title, text = _analysed()
    page_text = f"{title}\n{text}"
    for line in [*MENU, *COOKIES, *RELATED, *COMMENTS, *FOOTER]:
        assert line not in page_text.splitlines(), line
    for fragment in ("Fishermen protest", "Accept all cookies", "seagull42", "All rights reserved", "Privacy policy"):
        assert fragment not in page_text


def test_main_span_is_the_run_of_prose() -> None:
    blocks = [*MENU, HEADLINE, *ARTICLE, *RELATED, *FOOTER[:-1]]
    found = classes(blocks, stoplist_for(blocks, "en"))
    span = main_span(blocks, found)
    assert span is not None
    first, last = span
    assert blocks[first] == ARTICLE[0]
    assert blocks[last] == ARTICLE[-1]


def test_an_isolated_good_paragraph_far_from_the_article_is_dropped() -> None:
    notice = (
        "This newsletter is sent to all subscribers once a week, and you can change the topics you receive "
        "or stop receiving it at any time from the settings of your account."
    )
    blocks = [*ARTICLE, *RELATED, *FOOTER[:-1], *MENU, notice, *MENU[:4]]
    keep = select_main(blocks, "en")
    kept = [b for b, k in zip(blocks, keep, strict=True) if k]
    assert kept == ARTICLE


def test_teaser_lists_inside_the_page_are_dropped() -> None:
    teasers = [
        "Opinion",
        "Why the old harbour ferries deserve a place in our future transport plans",
        "Video",
        "Watch the sunrise crossing from the deck of the oldest ferry on the coast",
        "Podcast",
    ]
    blocks = [*MENU, HEADLINE, *ARTICLE[:2], *teasers, *ARTICLE[2:], *FOOTER[:-1]]
    keep = select_main(blocks, "en")
    kept = [b for b, k in zip(blocks, keep, strict=True) if k]
    assert kept == [HEADLINE, *ARTICLE]


def test_unknown_language_falls_back_to_length_alone() -> None:
    # No stop-word list fits text in an invented language: long lines still make the article.
    prose = [
        "Ulo menta vasri kel doraan ipsa teluvar, en mosk ardalin pera vosk tirinel samaan kur.",
        "Brenn olavi turmek sandor eliva, kest moraan pelu varisk indem oltaro vesk anuril.",
        "Kaspe talmir oruvan destri pol emenar, vusk ilaaro tenmir kasp oloven drisk marun.",
    ]
    blocks = [*MENU, *prose, *FOOTER[:-1]]
    assert stoplist_for(blocks, "en") == frozenset()
    keep = select_main(blocks, "en")
    assert [b for b, k in zip(blocks, keep, strict=True) if k] == prose
