"""The cue lexicon shipped in ``newstrace/data/cues.json``, with inflected forms generated.

Verbs are stored as lemmas; :func:`inflect` produces the regular ``-s``,
``-ed`` and ``-ing`` forms and the file lists the irregular ones, so the
pipeline can run without spaCy's lemmatizer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_VOWELS = set("aeiou")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word lists the attribution rules consult (all lower-case)."""

    speech: dict[str, str]
    cognition: dict[str, str]
    object_ok: frozenset[str]
    no_object: frozenset[str]
    phrasal: dict[str, frozenset[str]]
    noun_cues: frozenset[str]
    medium_nouns: frozenset[str]
    media_words: frozenset[str]
    roles: dict[str, tuple[str, ...]]
    role_phrases: dict[str, str]
    titles: frozenset[str]
    org_roles: frozenset[str]
    author: frozenset[str]
    male: frozenset[str]
    female: frozenset[str]
    plural: frozenset[str]
    relative: frozenset[str]
    documents: frozenset[str] = frozenset()

    def lemma(self, word: str) -> str | None:
        """The cue lemma of an inflected verb form, or None when it is not a cue."""
        low = word.lower()
        return self.speech.get(low) or self.cognition.get(low)

    def is_speech(self, word: str) -> bool:
        return word.lower() in self.speech


def inflect(lemma: str) -> set[str]:
    """Regular forms of an English verb: base, -s, -ed, -ing."""
    forms = {lemma}
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(lemma + "es")
    elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        forms.update({lemma[:-1] + "ies", lemma[:-1] + "ied"})
    else:
        forms.add(lemma + "s")
    if lemma.endswith("e"):
        forms.update({lemma + "d", lemma[:-1] + "ing"})
    elif not (lemma.endswith("y") and lemma[-2:-1] not in _VOWELS):
        forms.add(lemma + "ed")
    if not lemma.endswith("e"):
        forms.add(lemma + "ing")
    return forms


def _table(lemmas: list[str], irregular: dict[str, list[str]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for lemma in lemmas:
        for form in inflect(lemma) | set(irregular.get(lemma, [])):
            table.setdefault(form, lemma)
    return table


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shipped lexicon (read once)."""
    raw = json.loads(resources.files("newstrace").joinpath("data/cues.json").read_text("utf-8"))
    irregular: dict[str, list[str]] = raw["irregular"]

    def low(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw[key])

    return Lexicon(
        speech=_table(raw["speech"], irregular),
        cognition=_table(raw["cognition"], irregular),
        object_ok=frozenset(raw["object_ok"]),
        no_object=frozenset(raw["no_object"]),
        phrasal={k: frozenset(v) for k, v in raw["phrasal"].items()},
        noun_cues=low("noun_cues"),
        medium_nouns=low("medium_nouns"),
        media_words=low("media_words"),
        roles={k: tuple(v) for k, v in raw["roles"].items()},
        role_phrases=dict(raw["role_phrases"]),
        titles=low("titles"),
        org_roles=low("role_heads_org"),
        author=low("author_pronouns"),
        male=low("male_pronouns"),
        female=low("female_pronouns"),
        plural=low("plural_pronouns"),
        relative=low("relative_pronouns"),
        documents=low("document_nouns") if "document_nouns" in raw else frozenset(),
    )
