"""Near-duplicate index: copies linked, same-event stories kept apart, canonical, persistence.

Every text here is fictional and written (or generated) for these tests.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.clean.identity import article_id
from newstrace.link import (
    NearDuplicateIndex,
    Signature,
    find_near_duplicates,
    shingle_hashes,
    signature,
    similarity,
    tokens,
)
from newstrace.link.bands import band_keys
from newstrace.records import Article, PublishedDate

STRIKE_A = """PORTVILLE, May 5. /NWA/. Dock workers in Portville walked off the job on Tuesday after talks
between the harbour authority and the Union of Port Crews collapsed late on Monday night.

The strike halted loading at all four container terminals, and ships began queuing in the bay by
mid-morning, according to the harbour master's office.

"We did not want this, but the authority left us no choice," union secretary Ilse Varga told
reporters outside the gates. She said the crews would stay out until the pay offer was improved.

The authority said it regretted the walkout and remained open to talks. A spokesman, Tomas Reyl,
said the current offer was the most generous in a decade and warned that a long stoppage would
hurt exporters across the region.

Farmers' groups said perishable cargo was already at risk. Ferry services to Kestrel Island were
not affected, the ferry operator said in a statement."""

STRIKE_B = """Portville's harbour fell silent on Tuesday as crews from the Union of Port Crews began an open-ended
strike, the first at the port in eleven years.

Negotiations over wages broke down on Monday. Union leader Ilse Varga said members had rejected a
final offer that did not keep pace with prices, and she promised pickets at every terminal.

Tomas Reyl, speaking for the harbour authority, called the strike reckless. Exporters of fruit and
timber told this newspaper they were looking at moving shipments to Lindmark, two hundred
kilometres up the coast.

Economists at the regional chamber of commerce estimated the cost of the stoppage at several
million a day. No new talks have been scheduled."""

BOILERPLATE = "Sign up for our morning newsletter to get the day's top stories in your inbox."

WORDS = (
    "minister council harbour strike vote budget officials city port workers union government agreement "
    "week statement meeting report president spokesman border river flood recovery court plan tuesday "
    "after before during would could should will has have been was were that which with from into over "
    "about against between under new old first last next early late long short public private national "
    "regional local foreign economic political security energy water trade market price rate growth "
    "farmers ferry island bridge railway station hospital school teachers nurses doctors police mayor "
    "election campaign candidate poll voters district province capital coast valley mountain storm"
).split()


def generated(seed: int, paragraphs: int = 6) -> str:
    """A seeded article of random prose from ``WORDS`` (distinct seeds share almost no shingles)."""
    rng = random.Random(seed)
    return "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 45))) for _ in range(paragraphs))


def edited(text: str, share: float, seed: int) -> str:
    """``text`` with about ``share`` of its words replaced by others."""
    rng = random.Random(seed)
    paragraphs = [p.split() for p in text.split("\n\n")]
    for words in paragraphs:
        for i in range(len(words)):
            if rng.random() < share:
                words[i] = rng.choice(WORDS)
    return "\n\n".join(" ".join(p) for p in paragraphs)


@pytest.fixture
def index() -> NearDuplicateIndex:
    return NearDuplicateIndex()


# --------------------------------------------------------------------------- matching


def test_exact_copy_with_different_punctuation_is_exact(index: NearDuplicateIndex) -> None:
    index.insert("a", STRIKE_A)
    copy = STRIKE_A.upper().replace(",", " ,").replace("\n", "  ")
    [match] = index.query(copy)
    assert match.article_id == "a"
    assert match.kind == "exact"
    assert match.jaccard == 1.0


def test_near_copy_is_found(index: NearDuplicateIndex) -> None:
    index.insert("a", STRIKE_A)
    copy = STRIKE_A.replace("Tuesday", "Wednesday").replace("four container", "three container")
    copy = copy.replace("mid-morning", "noon") + "\n\n" + BOILERPLATE
    [match] = index.query(copy)
    assert match.article_id == "a"
    assert match.kind == "near"
    assert match.jaccard >= 0.7


@pytest.mark.parametrize("share", [0.01, 0.03, 0.05])
def test_lightly_edited_generated_copies_are_found(index: NearDuplicateIndex, share: float) -> None:
    for seed in range(30):
        index.insert(f"g{seed}", generated(seed))
    for seed in range(30):
        ids = [m.article_id for m in index.query(edited(generated(seed), share, seed + 1000))]
        assert ids == [f"g{seed}"]


def test_same_event_stories_are_not_linked(index: NearDuplicateIndex) -> None:
    index.insert("a", STRIKE_A)
    assert index.insert("b", STRIKE_B) == []
    assert index.groups() == []


def test_copy_with_dropped_paragraphs_is_contained(index: NearDuplicateIndex) -> None:
    index.insert("a", STRIKE_A)
    paragraphs = STRIKE_A.split("\n\n")
    shortened = "\n\n".join([*paragraphs[:3], BOILERPLATE])
    [match] = index.query(shortened)
    assert match.article_id == "a"
    assert match.containment >= 0.7
    assert match.kind in {"near", "contained"}


def test_short_text_is_not_contained_in_a_long_one(index: NearDuplicateIndex) -> None:
    index.insert("long", generated(1, paragraphs=40))
    assert index.query("Union leader Ilse Varga said members rejected the offer.") == []


def test_empty_text_is_indexed_but_never_linked(index: NearDuplicateIndex) -> None:
    assert index.insert("e1", "") == []
    assert index.insert("e2", "  ...  ") == []
    assert "e1" in index and len(index) == 2
    assert index.group("e1").members == ("e1",)


def test_matches_are_sorted_most_similar_first(index: NearDuplicateIndex) -> None:
    base = generated(3)
    index.insert("close", edited(base, 0.01, 1))
    index.insert("far", edited(base, 0.06, 2))
    assert [m.article_id for m in index.query(base)] == ["close", "far"]


def test_duplicate_id_is_rejected(index: NearDuplicateIndex) -> None:
    index.insert("a", STRIKE_A)
    with pytest.raises(ValueError, match="already in the index"):
        index.insert("a", STRIKE_B)


# --------------------------------------------------------------------------- groups and canonical


def test_canonical_is_earliest_published(index: NearDuplicateIndex) -> None:
    index.insert("late", STRIKE_A, "2016-05-07")
    index.insert("early", edited(STRIKE_A, 0.02, 1), "2016-05-05")
    index.insert("undated", edited(STRIKE_A, 0.02, 2))
    index.insert("other", STRIKE_B, "2016-05-01")
    group = index.group("late")
    assert group.canonical == "early"
    assert group.members == ("early", "late", "undated")
    assert index.canonical("undated") == "early"
    assert index.canonical("other") == "other"


def test_canonical_ties_break_by_id(index: NearDuplicateIndex) -> None:
    index.insert("b", STRIKE_A, "2016-05-05")
    index.insert("a", edited(STRIKE_A, 0.02, 1), "2016-05-05")
    assert index.canonical("b") == "a"


def test_remove_unlinks_and_can_split_a_group(index: NearDuplicateIndex) -> None:
    base = generated(5)
    index.insert("x", base, "2020-01-01")
    index.insert("y", edited(base, 0.02, 1), "2020-01-02")
    index.insert("z", edited(base, 0.02, 2), "2020-01-03")
    index.remove("x")
    assert "x" not in index
    assert all(m.article_id != "x" for m in index.query(base))
    assert index.canonical("z") == "y"
    with pytest.raises(KeyError, match="not in the index"):
        index.remove("x")
    with pytest.raises(KeyError):
        index.canonical("x")


def test_remove_many_compacts_and_keeps_links() -> None:
    index = NearDuplicateIndex()
    for i in range(1100):
        index.insert(f"n{i}", generated(i, paragraphs=2))
    index.insert("copy", edited(generated(7, paragraphs=2), 0.02, 3))
    for i in range(1100):
        if i != 7:
            index.remove(f"n{i}")
    assert len(index) == 2
    assert index.group("copy").members == ("copy", "n7")
    index.insert("again", generated(9, paragraphs=2))
    assert [m.article_id for m in index.query(generated(7, paragraphs=2))] == ["n7", "copy"]


def test_insertion_session_gives_the_same_groups() -> None:
    texts = [(f"d{i}", generated(i % 12) if i < 12 else edited(generated(i % 12), 0.03, i)) for i in range(24)]
    plain, batched = NearDuplicateIndex(), NearDuplicateIndex()
    for key, text in texts:
        plain.insert(key, text)
    with batched.insertion_session() as session:
        for key, text in texts:
            session.insert(key, text)
    assert plain.groups() == batched.groups()
    assert len(plain.groups()) == 12


def test_find_near_duplicates_over_articles() -> None:
    articles = [
        Article(id=article_id(STRIKE_A), text=STRIKE_A, published=PublishedDate(value="2016-05-06")),
        Article(id="copy", text=STRIKE_A + "\n\n" + BOILERPLATE, published=PublishedDate(value="2016-05-05")),
        Article(id=article_id(STRIKE_B), text=STRIKE_B),
    ]
    [group] = find_near_duplicates(articles)
    assert group.canonical == "copy"
    assert set(group.members) == {"copy", article_id(STRIKE_A)}


def _grouping_corpus() -> list[tuple[str, str, str | None]]:
    rng = random.Random(42)
    items: list[tuple[str, str, str | None]] = []
    for base in range(6):
        text = generated(base)
        items.append((f"b{base}", text, f"2020-01-0{1 + base % 3}"))
        for copy in range(2):
            share = rng.choice([0.01, 0.03, 0.05])
            items.append((f"b{base}c{copy}", edited(text, share, rng.randrange(10**6)), None))
    return items


GROUPING_CORPUS = _grouping_corpus()


@settings(max_examples=25, deadline=None)
@given(order=st.permutations(range(len(GROUPING_CORPUS))))
def test_insertion_order_does_not_change_groups(order: list[int]) -> None:
    reference = NearDuplicateIndex()
    for item in GROUPING_CORPUS:
        reference.insert(*item)
    index = NearDuplicateIndex()
    for i in order:
        index.insert(*GROUPING_CORPUS[i])
    assert index.groups() == reference.groups()
    assert sorted(g.canonical for g in index.groups()) == [f"b{i}" for i in range(6)]
    assert all(len(g.members) == 3 for g in index.groups())


# --------------------------------------------------------------------------- signatures and persistence


def test_signature_round_trip() -> None:
    sig = signature(STRIKE_A)
    data = sig.to_bytes()
    assert len(data) == 24 + 4 * 128
    again = Signature.from_bytes(data)
    assert again == sig
    assert again.content_hash == article_id(STRIKE_A)
    assert again.size == shingle_hashes(tokens(STRIKE_A)).size
    assert again.minhash().jaccard(sig.minhash()) == 1.0


def test_index_rebuilds_from_stored_signatures() -> None:
    index = NearDuplicateIndex()
    rows = [("a", STRIKE_A, "2016-05-06"), ("b", STRIKE_B, None), ("c", edited(STRIKE_A, 0.03, 1), "2016-05-05")]
    for key, text, published in rows:
        index.insert(key, text, published)
    stored = [(key, sig.to_bytes(), published) for key, sig, published in index.stored_signatures()]
    assert [key for key, _, _ in stored] == ["a", "b", "c"]
    rebuilt = NearDuplicateIndex.from_signatures(stored)
    assert rebuilt.groups() == index.groups()
    assert rebuilt.query(STRIKE_A) == index.query(STRIKE_A)
    assert rebuilt.links("a") == index.links("a")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"short", "too short"),
        (b"XXXX" + bytes(20 + 512), "not a newstrace signature"),
        (signature("a b c").to_bytes()[:-4], "must be 536 bytes"),
    ],
)
def test_bad_signature_bytes_are_rejected(data: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Signature.from_bytes(data)


def test_incompatible_signature_is_rejected() -> None:
    index = NearDuplicateIndex()
    with pytest.raises(ValueError, match="index uses"):
        index.insert_signature("a", signature(STRIKE_A, shingle_size=4))
    with pytest.raises(ValueError, match="cannot be compared"):
        similarity(signature(STRIKE_A), signature(STRIKE_A, seed=2))


def test_similarity_of_signatures() -> None:
    jaccard, containment = similarity(signature(STRIKE_A), signature(STRIKE_A + "\n\n" + STRIKE_B))
    assert 0.3 < jaccard < 0.7
    assert containment > 0.8


def test_minhash_values_equal_datasketch() -> None:
    for text in (STRIKE_A, STRIKE_B, "one", generated(1)):
        reference = MinHash(num_perm=128, seed=1, hashfunc=int, scheme="affine32")
        reference.update_batch(shingle_hashes(tokens(text)).tolist())
        assert np.array_equal(signature(text).hashvalues, reference.hashvalues)


def test_band_candidates_equal_datasketch_lsh() -> None:
    texts = [generated(i) for i in range(8)] + [edited(generated(i), 0.15, i) for i in range(8)]
    sigs = [signature(t) for t in texts]
    lsh = MinHashLSH(num_perm=128, params=(42, 3))
    for i, sig in enumerate(sigs):
        lsh.insert(i, sig.minhash())
    keys = [set(band_keys(s.hashvalues, 42, 3).tolist()) for s in sigs]
    for i, sig in enumerate(sigs):
        ours = {j for j in range(len(sigs)) if keys[i] & keys[j]}
        assert ours == set(lsh.query(sig.minhash()))


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"shingle_size": 0}, ValueError, "shingle_size must be between 1 and 16, got 0"),
        ({"shingle_size": 2.5}, TypeError, "shingle_size must be an int, got float"),
        ({"num_perm": 0}, ValueError, "num_perm must be between 1 and 65535"),
        ({"bands": 50, "rows": 3}, ValueError, r"bands \* rows must be at most num_perm: 50 \* 3 = 150 > 128"),
        ({"rows": True}, TypeError, "rows must be an int, got bool"),
        ({"jaccard_threshold": 0.0}, ValueError, r"jaccard_threshold must be a number in \(0, 1\], got 0.0"),
        ({"containment_threshold": 1.5}, ValueError, "containment_threshold must be a number in"),
        ({"containment_min_jaccard": 0.6}, ValueError, "must not exceed jaccard_threshold"),
        ({"seed": -1}, ValueError, "seed must be between 0 and 4294967295, got -1"),
    ],
)
def test_constructor_validates_arguments(kwargs: dict[str, object], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        NearDuplicateIndex(**kwargs)  # type: ignore[arg-type]
