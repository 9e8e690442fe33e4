"""People and organisations named in one article, merged into canonical entities.

"Antony Blinken", "Blinken" and "Blinken's" are one person whose name is the
longest full form seen; the titles and roles the article gives them ("US
Secretary of State", "the Kremlin spokesman") are kept with the entity so
role nouns can be resolved later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PERSON_LABELS = frozenset({"PERSON"})
GROUP_LABELS = frozenset({"ORG", "NORP", "GPE"})
_HONORIFICS = {"mr.": "male", "mr": "male", "mrs.": "female", "mrs": "female", "ms.": "female", "ms": "female",
               "miss": "female", "sir": "male", "madam": "female", "lady": "female", "lord": "male"}
_TITLE_TRIM = frozenset({"the", "a", "an", ",", "'s", "’s"})


@dataclass(slots=True)
class Entity:
    """One person or organisation of the article."""

    name: str
    label: str
    key: str
    roles: list[str] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)
    gender: str | None = None

    def role_text(self) -> str:
        return " ".join(self.roles).lower()


@dataclass(slots=True)
class Mention:
    entity: Entity
    start: int
    end: int
    head: int
    char: int = 0


class EntityIndex:
    """The article's entities and where each is mentioned (token index of the mention head)."""

    def __init__(self, doc: Any, titles: frozenset[str] = frozenset(), roles: frozenset[str] = frozenset()) -> None:
        self.doc = doc
        self.titles = titles
        self.roles = roles
        self.entities: dict[str, Entity] = {}
        self.by_token: dict[int, Mention] = {}
        self.ordered: list[Mention] = []
        for ent in doc.ents:
            if ent.label_ in PERSON_LABELS or ent.label_ in GROUP_LABELS:
                self._add(ent)

    def _add(self, ent: Any) -> None:
        tokens = list(ent)
        while tokens and tokens[-1].text in ("'s", "’s", "'", "’"):  # a possessive ending, not "Dockers' Federation"
            tokens.pop()
        label = "PERSON" if ent.label_ == "ORG" and self._named_with_role(ent, tokens) else ent.label_
        title: list[str] = []
        if label in PERSON_LABELS:
            while len(tokens) > 1 and (tokens[0].lower_ in self.titles or tokens[0].lower_ in _HONORIFICS):
                title.append(tokens.pop(0).text)
        if not tokens:
            return
        name = _joined(tokens)
        person = label in PERSON_LABELS
        key = (tokens[-1].text.lower() if person else name.lower().removeprefix("the "))
        entity = self._entity(name, label, key)
        role = _role_before(ent) if person else None
        if title:
            role = " ".join([role or "", *title]).strip()
        if role and role.lower() not in entity.role_text():
            entity.roles.append(role)
        appos = _appositive(ent)
        if appos and appos.lower() not in entity.role_text():
            entity.roles.append(appos)
        if person and entity.gender is None:
            entity.gender = _HONORIFICS.get(ent.start > 0 and ent.doc[ent.start - 1].lower_ or "")
        mention = Mention(entity, ent.start, ent.end, tokens[-1].i, ent.start_char)
        entity.mentions.append(ent.start_char)
        self.ordered.append(mention)
        for tok in ent:
            self.by_token[tok.i] = mention

    def _entity(self, name: str, label: str, key: str) -> Entity:
        """The entity this name belongs to (created when new); a person keeps the longest form of the name."""
        person = label in PERSON_LABELS
        entity = self.entities.get(f"{person}:{key}")
        if entity is not None and person and _other_given_name(entity.name, name):
            key = name.lower()  # "Keith Scott" after "Rakeyia Scott": another person of the same family
            entity = self.entities.get(f"{person}:{key}")
        if entity is None:
            entity = Entity(name=name, label=label, key=key)
            self.entities[f"{person}:{key}"] = entity
        elif person and len(name.split()) > len(entity.name.split()):
            entity.name = name
        return entity

    def _named_with_role(self, ent: Any, tokens: list[Any]) -> bool:
        """A person the NER took for an organisation: a two- or three-word proper name given a person's role
        ("Odile Fenwick, Marrenland's special envoy", "special envoy Odile Fenwick")."""
        if not 2 <= len(tokens) <= 3 or not all(t.tag_ == "NNP" and t.text[:1].isupper() for t in tokens):
            return False
        described = " ".join(filter(None, (_role_before(ent), _appositive(ent)))).lower()
        return any(word.strip(",.") in self.roles for word in described.split())

    def add_name(self, head: Any) -> Entity | None:
        """A person the NER missed: the proper-noun chain ending at ``head`` ("Mayor Edda Holm" → Edda Holm)."""
        tokens = [t for t in head.subtree if t.tag_ == "NNP" and t.i <= head.i and t.head.i in (head.i, t.i + 1)]
        while tokens and tokens[0].lower_ in self.titles:
            tokens.pop(0)
        if not tokens or tokens[-1] is not head or head.lower_ in self.titles:
            return None
        key = f"True:{head.lower_}"
        entity = self.entities.get(key)
        if entity is None:
            entity = Entity(name=_joined(tokens), label="PERSON", key=head.lower_)
            self.entities[key] = entity
        mention = Mention(entity, tokens[0].i, head.i + 1, head.i, tokens[0].idx)
        entity.mentions.append(tokens[0].idx)
        self.ordered.append(mention)
        self.ordered.sort(key=lambda m: m.start)
        for tok in tokens:
            self.by_token[tok.i] = mention
        return entity

    def in_span(self, start: int, end: int, labels: frozenset[str] | None = None) -> Mention | None:
        """The first entity mention inside the character span (optionally of the given labels)."""
        for mention in self.ordered:
            if start <= mention.char < end and (labels is None or mention.entity.label in labels):
                return mention
        return None

    def before(self, char: int) -> list[Mention]:
        """Mentions starting before ``char``, most recent first."""
        return [m for m in reversed(self.ordered) if m.char < char]


def _other_given_name(known: str, name: str) -> bool:
    """Two full names with the same last word whose first words differ ("Keith Scott", "Rakeyia Scott"); an
    initial matches its name, and a name that ends the other ("Guajardo Villarreal") is the same person."""
    a, b = known.lower().split(), name.lower().split()
    if len(a) < 2 or len(b) < 2:
        return False
    short, long = sorted((a, b), key=len)
    if long[-len(short):] == short:
        return False
    x, y = a[0].rstrip("."), b[0].rstrip(".")
    return not (x.startswith(y) or y.startswith(x))


def _joined(tokens: list[Any]) -> str:
    """The tokens as written ("Ruiz-Delgado" stays one word), whitespace runs as one space."""
    return " ".join("".join(t.text_with_ws for t in tokens).split())


def _role_before(ent: Any) -> str | None:
    """Title words in front of a name: "US Secretary of State" in "US Secretary of State Antony Blinken"."""
    head = ent[-1]
    left = head.left_edge
    if left.i >= ent.start:
        return _title_words(ent)
    words = [t for t in ent.doc[left.i : ent.start] if t.lower_ not in _TITLE_TRIM]
    text = " ".join(t.text for t in words).strip(" ,")
    return text or None


def _title_words(ent: Any) -> str | None:
    """Titles the parser left outside the name's subtree ("Spokesman Dmitry Peskov" as compounds)."""
    doc = ent.doc
    i = ent.start - 1
    words = []
    while i >= 0 and doc[i].tag_ in ("NNP", "NN", "NNPS", "JJ") and doc[i].ent_type_ in ("", "ORG", "GPE", "NORP"):
        words.append(doc[i].text)
        i -= 1
    return " ".join(reversed(words)) or None


def _appositive(ent: Any) -> str | None:
    head = ent.root
    if head.dep_ == "appos" and head.head.i < ent.start:
        noun = head.head
        return str(ent.doc[noun.left_edge.i : noun.i + 1].text).strip(" ,")
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i:
            span = ent.doc[child.left_edge.i : child.right_edge.i + 1]
            return str(span.text).strip(" ,")
    return None
