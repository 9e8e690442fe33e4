"""Resolve each attribution's source mention to a canonical person or organisation.

Rules, in order: a name inside the mention ("US Secretary of State Antony
Blinken" → Antony Blinken); a relative pronoun ("who") → the noun it hangs
on; a personal pronoun → the most recent compatible speaker, else the most
recent compatible person named before it; a role noun ("the spokesman",
"the US top diplomat") → the most recent entity introduced with a matching
role; an organisation named in the mention.  Attributions without a cue of
their own inherit the speaker they continue.  When nothing fits the speaker
is None and ``speaker_reason`` says why — a speaker is never guessed.
"""

from __future__ import annotations

import re
from typing import Any

from newstrace.analyze.entities import GROUP_LABELS, PERSON_LABELS, Entity, EntityIndex, Mention
from newstrace.analyze.lexicon import Lexicon, lexicon
from newstrace.analyze.spans import Draft

PRONOUN_WINDOW = 1500
_US = {"us", "u.s.", "u.s", "american", "america", "united states", "washington"}
_ORIGIN_CONFIDENCE = {"direct": 0.85, "dash": 0.75, "according": 0.7, "verb": 0.65, "inverted": 0.55,
                      "colon": 0.5, "cue-less": 0.3}


class Resolver:
    """Speaker resolution state for one article: entities and the speakers seen so far."""

    def __init__(self, text: str, doc: Any, lex: Lexicon) -> None:
        self.text = text
        self.doc = doc
        self.lex = lex
        self.index = EntityIndex(doc, lex.titles, frozenset(lex.roles))
        self.speakers: list[tuple[int, Entity]] = []

    def resolve(self, draft: Draft) -> None:
        entity, reason = self._entity(draft)
        if entity is not None:
            draft.speaker = entity.name
            self.speakers.append((_anchor(draft), entity))
        else:
            draft.speaker_reason = reason
        draft.medium = draft.medium or _medium(self.text, self.doc, draft, self.lex)
        base = _ORIGIN_CONFIDENCE.get(draft.origin, draft.confidence)
        draft.confidence = base * (1.0 if entity is not None else 0.8)

    def _entity(self, draft: Draft) -> tuple[Entity | None, str]:
        if draft.source is None:
            return None, "no source in the text" if draft.cue else "no cue and no speaker before it"
        start, end = draft.source
        mention = self.text[start:end]
        head = self._head(draft)
        low = (head.lower_ if head is not None else mention.split()[-1].lower()).strip()
        if low in self.lex.relative and head is not None:
            return self._relative(head)
        if low in self.lex.author and len(mention.split()) == 1:
            return None, "the author or an unnamed group speaks (first person)"
        if low in self.lex.male or low in self.lex.female:
            return self._pronoun(start, "male" if low in self.lex.male else "female")
        named = self.index.in_span(start, end, PERSON_LABELS)
        if named is not None and self._is_the_speaker(named, head, (start, end)):
            return named.entity, ""
        if named is None and head is not None and head.tag_ == "NNP" and head.i not in self.index.by_token:
            proper = self.index.add_name(head)
            if proper is not None:
                return proper, ""
        return self._descriptive(start, end, mention, low)

    def _is_the_speaker(self, named: Mention, head: Any | None, span: tuple[int, int]) -> bool:
        """Whether the person named inside the mention is the one speaking (not "an aide to Blinken")."""
        if head is None or head.i in self.index.by_token or head.tag_.startswith("NNP"):
            return True
        return _apposed(self.doc[named.head], head) or _set_off_last(self.text, self.doc, span, named)

    def _head(self, draft: Draft) -> Any | None:
        if draft.source_token is not None:
            return self.doc[draft.source_token]
        return None

    def _descriptive(self, start: int, end: int, mention: str, low: str) -> tuple[Entity | None, str]:
        person = self._surname(mention) if mention[-1:].isalpha() and mention.split()[-1][:1].isupper() else None
        if person is not None:
            return person, ""
        mention, low = _normalise_role(mention, low, self.lex)
        role = self._role(start, mention, low)
        if role is not None:
            return role, ""
        group = self.index.in_span(start, end, GROUP_LABELS)
        if group is not None and low not in self.lex.roles and not _describes(self.doc[group.head]):
            return group.entity, ""
        if low in self.lex.plural or low == "it":
            return self._group_pronoun(start)
        return None, f"unnamed source: {mention!r}"

    def _surname(self, mention: str) -> Entity | None:
        """A person known by this surname, when NER missed or mislabelled the mention."""
        for word in reversed(re.findall(r"[A-Z][\w'’-]+", mention)):
            key = word.lower().removesuffix("’s").removesuffix("'s")
            entity = self.index.entities.get(f"True:{key}")
            if entity is not None:
                return entity
        return None

    def _relative(self, head: Any) -> tuple[Entity | None, str]:
        verb = head.head
        noun = verb.head if verb.dep_ == "relcl" else None
        if noun is None:
            return None, "relative pronoun without an antecedent"
        mention = self.index.by_token.get(noun.i)
        if mention is not None:
            return mention.entity, ""
        return self._descriptive(noun.left_edge.idx, noun.idx + len(noun.text), noun.text, noun.lower_)

    def _pronoun(self, at: int, gender: str) -> tuple[Entity | None, str]:
        for pos, entity in reversed(self.speakers):
            if at - pos > PRONOUN_WINDOW:
                break
            if entity.label in PERSON_LABELS and entity.gender in (None, gender):
                return self._gendered(entity, gender), ""
        for mention in self.index.before(at):
            if at - mention.char > PRONOUN_WINDOW:
                break
            if mention.entity.label in PERSON_LABELS and mention.entity.gender in (None, gender):
                return self._gendered(mention.entity, gender), ""
        return None, "pronoun with no person named before it"

    @staticmethod
    def _gendered(entity: Entity, gender: str) -> Entity:
        entity.gender = entity.gender or gender
        return entity

    def _group_pronoun(self, at: int) -> tuple[Entity | None, str]:
        for pos, entity in reversed(self.speakers):
            if at - pos <= PRONOUN_WINDOW and entity.label in GROUP_LABELS:
                return entity, ""
        return None, "plural or neuter pronoun left unresolved"

    def _role(self, at: int, mention: str, low: str) -> Entity | None:
        """A role noun ("the spokesman", "the US top diplomat") → the latest entity with that role."""
        synonyms = self.lex.roles.get(low)
        if not synonyms:
            return None
        modifiers = _modifiers(mention, low)
        candidates = [e for _, e in reversed(self.speakers)] + [m.entity for m in self.index.before(at)]
        people = [e for e in candidates if e.label in PERSON_LABELS]
        for words in ((low,), synonyms):
            for entity in people:
                roles = entity.role_text()
                if any(re.search(rf"\b{re.escape(w)}\b", roles) for w in words) and _compatible(modifiers, roles):
                    return entity
        return None


def _apposed(name: Any, head: Any) -> bool:
    """The name and the mention's head are one person: "Her counterpart, Mateo Galloran," (either way round)."""
    return bool((name.dep_ == "appos" and name.head.i == head.i) or (head.dep_ == "appos" and head.head.i == name.i))


def _set_off_last(text: str, doc: Any, span: tuple[int, int], named: Mention) -> bool:
    """The mention ends in a name set off by a comma: "The mayor of the town of Hessel, Tobias Wren,"."""
    start, end = span
    last = doc[named.end - 1]
    name_end = last.idx + len(last.text)
    return text[start:end].rstrip(" ,") == text[start:name_end] and text[start:named.char].rstrip().endswith(",")


def _describes(token: Any) -> bool:
    """A nationality word describing the head noun ("the Marrenish government"): the group itself is not named."""
    return bool(token.ent_type_ == "NORP" and token.dep_ == "amod")


def _normalise_role(mention: str, low: str, lex: Lexicon) -> tuple[str, str]:
    """Multi-word roles to their head: "the US head of state" → "the US president"."""
    text = mention.lower()
    for phrase, head in lex.role_phrases.items():
        if phrase in text:
            return text.replace(phrase, head), head
    return mention, low


def _anchor(draft: Draft) -> int:
    return draft.cue[0] if draft.cue else draft.start


def _modifiers(mention: str, head: str) -> list[str]:
    words = re.findall(r"[\w.]+", mention.lower())
    return [w for w in words if w not in (head, "the", "a", "an", "top", "senior", "chief", "former", "new")
            and w not in ("spokesman", "diplomat", "minister")]


def _compatible(modifiers: list[str], roles: str) -> bool:
    words = set(re.findall(r"[\w.]+", roles))
    for word in modifiers:
        if word in _US:
            if not (words & _US or "united states" in roles):
                return False
        elif word[:1].isalpha() and word not in words:
            return False
    return True


def _medium(text: str, doc: Any, draft: Draft, lex: Lexicon) -> str | None:
    """The outlet told or interviewed: "told The Financial Times", "in an interview with CNN"."""
    if draft.cue_token is None:
        return None
    verb = doc[draft.cue_token]
    lemma = lex.lemma(verb.text)
    if not lemma:
        return None
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and lemma == "tell" and _is_medium(child, lex):
            return _np_text(child)
        if child.dep_ == "prep" and child.lower_ in ("in", "on", "to"):
            found = _medium_in_pp(child, lex)
            if found:
                return found
    return None


def _medium_in_pp(prep: Any, lex: Lexicon) -> str | None:
    for obj in prep.children:
        if obj.dep_ != "pobj":
            continue
        for sub in obj.children:
            if sub.dep_ == "prep" and sub.lower_ in ("with", "to", "on"):
                for inner in sub.children:
                    if inner.dep_ == "pobj" and _is_medium(inner, lex):
                        return _np_text(inner)
        if _is_medium(obj, lex) and obj.lower_ not in lex.medium_nouns:
            return _np_text(obj)
    return None


def _is_medium(token: Any, lex: Lexicon) -> bool:
    words = [t.lower_ for t in token.subtree]
    if any(w in lex.media_words for w in words):
        return any(t.tag_.startswith("NNP") or t.ent_type_ in ("ORG", "WORK_OF_ART") for t in token.subtree)
    return bool(token.ent_type_ == "ORG" and token.tag_.startswith("NNP"))


def _np_text(token: Any) -> str:
    span = token.doc[token.left_edge.i : token.right_edge.i + 1]
    return str(span.text).strip(" ,.")


def resolve(text: str, doc: Any, drafts: list[Draft], lex: Lexicon | None = None) -> None:
    """Fill ``speaker``/``speaker_reason``/``medium``/``confidence`` of every draft, in text order."""
    resolver = Resolver(text, doc, lex or lexicon())
    for draft in sorted(drafts, key=_anchor):
        resolver.resolve(draft)
