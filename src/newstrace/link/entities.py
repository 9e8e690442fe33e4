"""People and organisations across the corpus: one entity whatever the spelling, with aliases and roles.

The input is each quote's speaker as its article resolved it (the article's
canonical name: "Antony Blinken" in one article, "Anthony Blinken" in another)
and the mention the text used ("US Secretary of State Antony Blinken", "the US
top diplomat", "he").  Rules, in order:

* alias rules (:mod:`newstrace.link.aliases`) force a merge or forbid one;
* names compare by key: case, accents, dots, a leading "the" and a possessive
  are folded ("The Kremlin" = "Kremlin", "U.S." = "US");
* a person's full name joins the entity with the same surname whose first
  name is a spelling variant (rapidfuzz ratio >= ``FIRST_NAME_RATIO``, or an
  initial): "Anthony Blinken" joins "Antony Blinken", "Hunter Biden" does not
  join "Joe Biden";
* a surname alone joins the only person with that surname; with none or
  several it stays an entity of its own (and is folded into the person when a
  single full name with that surname appears later);
* an organisation joins on its key, or a near-identical key (ratio >= ``ORG_RATIO``);
* the mention adds a role ("US Secretary of State", "US top diplomat") or a
  spelling ("Blinken").

The canonical name is the most quoted of the longest names (or the first name
of a merge rule).  :class:`EntityResolver` is incremental: it is rebuilt from
the stored names, new speakers join existing entities, and only changed
entities are written back.  New alias rules rebuild the entities from scratch.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from newstrace.link.aliases import AliasRules
from newstrace.records import Failure
from newstrace.store import Store
from newstrace.store.entities import NameRow

FIRST_NAME_RATIO = 80.0
ORG_RATIO = 92.0
_PRONOUNS = frozenset("he she him her his hers they them their it its we i you who which that this one".split())
_ARTICLES = ("the ", "a ", "an ")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_ORG_WORDS = frozenset(
    "ministry house office department council committee union federation party government agency authority "
    "alliance association bank company corporation corp inc ltd llc group news times post press service services "
    "kremlin parliament assembly court commission police army navy forces administration university institute "
    "foundation organization organisation nato embassy board bureau centre center league network tv radio channel "
    "coalition movement front command senate congress cabinet secretariat united states kingdom republic".split()
)
_PERSON_WORDS = frozenset(
    "he she him her his mr mrs ms dr spokesman spokeswoman spokesperson minister president secretary diplomat "
    "mayor envoy leader director chief lawmaker senator governor chancellor ambassador premier king queen prince "
    "official adviser advisor aide ceo chairman chairwoman founder analyst professor lawyer actor".split()
)


def name_key(name: str) -> str:
    """The comparison form of a name: no accents, case, dots, leading article or possessive."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().replace("’", "'")
    text = re.sub(r"'s\b|'", "", text.replace(".", ""))
    words = re.findall(r"[^\W_]+", text)
    while words and words[0] in ("the", "a", "an"):
        words.pop(0)
    return " ".join(words)


def entity_id_for(key: str) -> str:
    """An entity's id: 16 hex digits of SHA-1 over the key of the name that founded it."""
    return hashlib.sha1(f"entity:{key}".encode()).hexdigest()[:16]


def guess_kind(name: str, mention: str | None) -> str:
    """``person`` or ``org``, from the words of the name and of the mention ("he", "the spokesman")."""
    words = name_key(name).split()
    if any(w in _ORG_WORDS for w in words) or name.strip().lower().startswith("the "):
        return "org"
    if mention and set(name_key(mention).split()) & _PERSON_WORDS:
        return "person"
    proper = [w for w in name.split() if w[:1].isupper()]
    return "person" if len(words) >= 2 and len(proper) >= 2 else "org"


def mention_role(name: str, mention: str | None) -> tuple[str | None, str | None]:
    """``(role, spelling)`` a mention adds: "US Secretary of State Antony Blinken" → the role
    "US Secretary of State"; "Blinken" → the spelling "Blinken"; "the US top diplomat" → the role
    "US top diplomat"; a pronoun or the name itself adds nothing."""
    if not mention or not mention.strip():
        return None, None
    key, name_words = name_key(mention), name_key(name).split()
    if not key or key in _PRONOUNS or key == " ".join(name_words) or not name_words:
        return None, None
    words = mention.split()
    for tail in (name_words, name_words[-1:]):
        if key.split()[-len(tail) :] == tail:
            cut = len(words) - len(tail)
            if len(name_words) == 1 and cut > 1 and _given_name(words[cut - 1]):
                cut -= 1
            head = " ".join(words[:cut])
            popped = cut < len(words) - len(tail)
            spelling = " ".join(words[cut:]) if len(tail) < len(name_words) or popped else None
            return _role_text(head), (_spelling(spelling) if spelling and (not head or " " in spelling) else None)
    return _role_text(mention), None


def _given_name(word: str) -> bool:
    """A capitalised word before a surname that is no title: "Tobias" in "Mayor Tobias Wren"."""
    low = word.lower()
    return word[:1].isupper() and not word.isupper() and low not in _PERSON_WORDS and low not in _ORG_WORDS


def _spelling(text: str) -> str:
    return re.sub(r"['’]s$", "", text.strip(" ,.;:"))


def _role_text(text: str) -> str | None:
    text = " ".join(text.strip(" ,.;:").split())
    for article in _ARTICLES:
        if text.lower().startswith(article):
            text = text[len(article) :]
    if not text or len(text.split()) > 8 or name_key(text) in _PRONOUNS or re.search(r"\band\b|&|,", text):
        return None
    return text


@dataclass(slots=True)
class _Entity:
    id: str
    kind: str
    names: dict[str, str] = field(default_factory=dict)
    name_counts: Counter[str] = field(default_factory=Counter)
    roles: dict[str, str] = field(default_factory=dict)
    role_counts: Counter[str] = field(default_factory=Counter)
    forced_name: str | None = None

    @property
    def name(self) -> str:
        if self.forced_name:
            return self.forced_name
        order = list(self.names)
        best = max(order, key=lambda k: (len(k.split()), self.name_counts[k], -order.index(k)))
        return self.names[best]

    def full_names(self) -> list[str]:
        return [k for k in self.names if len(k.split()) >= 2]


class EntityResolver:
    """Corpus entities under construction: resolve speakers, then take the changed rows to store."""

    def __init__(self, rules: AliasRules | None = None) -> None:
        self.rules = rules or AliasRules()
        self._entities: dict[str, _Entity] = {}
        self._by_key: dict[str, str] = {}
        self._by_surname: dict[str, list[str]] = {}
        self._orgs: dict[str, str] = {}
        self._redirect: dict[str, str] = {}
        self._dirty: set[str] = set()
        self._merged: list[tuple[str, str]] = []
        self._group: dict[str, int] = {}
        self._forbid: dict[str, set[str]] = {}
        self._load_rules()

    def _load_rules(self) -> None:
        for number, names in enumerate(self.rules.merge):
            for name in names:
                self._group[name_key(name)] = number
        for a, b in self.rules.forbid:
            self._forbid.setdefault(name_key(a), set()).add(name_key(b))
            self._forbid.setdefault(name_key(b), set()).add(name_key(a))

    @classmethod
    def from_state(
        cls, entities: list[tuple[str, str, str]], names: list[NameRow], rules: AliasRules | None = None
    ) -> EntityResolver:
        """Rebuild from stored entities and name rows."""
        resolver = cls(rules)
        for entity_id, _name, kind in entities:
            resolver._entities[entity_id] = _Entity(entity_id, kind)
        for entity_id, shown, key, kind, count in names:
            entity = resolver._entities.get(entity_id)
            if entity is not None:
                resolver._remember(entity, key, shown, count, kind)
        for entity in resolver._entities.values():
            resolver._index(entity)
        resolver._dirty.clear()
        return resolver

    # ----------------------------------------------------------------- resolving

    def resolve(self, name: str | None, mention: str | None = None) -> str | None:
        """The entity id of a speaker (created when new); None for no name."""
        key = name_key(name or "")
        if not name or not key:
            return None
        entity = self._find(key, name, mention) or self._create(key, name, mention)
        self._remember(entity, key, name, 1, "name")
        role, spelling = mention_role(name, mention)
        if role and entity.kind == "person":
            self._remember(entity, name_key(role), role, 1, "role")
        if spelling and entity.kind == "person":
            self._remember(entity, name_key(spelling), spelling, 1, "name")
        if entity.kind == "org" and guess_kind(name, mention) == "person" and not self._forced_kind(entity):
            entity.kind = "person"
        self._index(entity)
        self._dirty.add(entity.id)
        self._absorb_surname(entity)
        return self.current(entity.id)

    def current(self, entity_id: str) -> str:
        """The id an entity is known by now (after merges)."""
        while entity_id in self._redirect:
            entity_id = self._redirect[entity_id]
        return entity_id

    def _find(self, key: str, name: str, mention: str | None) -> _Entity | None:
        if key in self._group:
            return self._group_entity(self._group[key])
        if key in self._by_key:
            return self._entities[self.current(self._by_key[key])]
        if " " not in key or guess_kind(name, mention) == "person":
            person = self._person(key)
            if person is not None or " " in key:
                return person
        return self._similar_org(key)

    def _group_entity(self, number: int) -> _Entity | None:
        for name in self.rules.merge[number]:
            found = self._by_key.get(name_key(name))
            if found is not None:
                return self._entities[self.current(found)]
        return None

    def _person(self, key: str) -> _Entity | None:
        words = [w for w in key.split() if w not in _SUFFIXES] or key.split()
        ids = dict.fromkeys(self.current(e) for e in self._by_surname.get(words[-1], []))
        candidates = [self._entities[e] for e in ids]
        candidates = [e for e in candidates if not self._forbidden(key, e)]
        if len(words) == 1:
            full = [e for e in candidates if e.full_names()]
            return full[0] if len(full) == 1 else None
        scored = [(self._first_name_score(words[0], e), e) for e in candidates]
        scored = [(s, e) for s, e in scored if s >= FIRST_NAME_RATIO]
        return max(scored, key=lambda pair: (pair[0], sum(pair[1].name_counts.values())))[1] if scored else None

    @staticmethod
    def _first_name_score(first: str, entity: _Entity) -> float:
        full = entity.full_names()
        if not full:
            return 100.0
        return max(_first_names_match(first, other.split()[0]) for other in full)

    def _similar_org(self, key: str) -> _Entity | None:
        if len(key) < 8 or not self._orgs:
            return None
        hit = process.extractOne(key, list(self._orgs), scorer=fuzz.ratio, score_cutoff=ORG_RATIO)
        if hit is None:
            return None
        entity = self._entities[self.current(self._orgs[hit[0]])]
        return None if self._forbidden(key, entity) else entity

    def _forbidden(self, key: str, entity: _Entity) -> bool:
        banned = self._forbid.get(key)
        return bool(banned and banned & set(entity.names))

    def _create(self, key: str, name: str, mention: str | None) -> _Entity:
        group = self._group.get(key)
        founder = name_key(self.rules.merge[group][0]) if group is not None else key
        entity = _Entity(entity_id_for(founder), guess_kind(name, mention))
        while entity.id in self._entities or entity.id in self._redirect:
            entity.id = entity_id_for(entity.id)
        self._entities[entity.id] = entity
        self._forced_kind(entity)
        return entity

    def _forced_kind(self, entity: _Entity) -> bool:
        group = self._entity_group(entity)
        if group is None:
            return False
        entity.forced_name = self.rules.merge[group][0]
        for name, kind in self.rules.kinds:
            if name == entity.forced_name:
                entity.kind = kind
                return True
        return False

    def _entity_group(self, entity: _Entity) -> int | None:
        for key in entity.names:
            if key in self._group:
                return self._group[key]
        return None

    # ----------------------------------------------------------------- bookkeeping

    def _remember(self, entity: _Entity, key: str, shown: str, count: int, kind: str) -> None:
        if not key:
            return
        names, counts = (entity.names, entity.name_counts) if kind == "name" else (entity.roles, entity.role_counts)
        names.setdefault(key, shown)
        counts[key] += count

    def _index(self, entity: _Entity) -> None:
        for key in entity.names:
            self._by_key.setdefault(key, entity.id)
            words = [w for w in key.split() if w not in _SUFFIXES] or key.split()
            if entity.kind == "person":
                bucket = self._by_surname.setdefault(words[-1], [])
                if entity.id not in bucket:
                    bucket.append(entity.id)
            else:
                self._orgs.setdefault(key, entity.id)
        self._forced_kind(entity)

    def _absorb_surname(self, person: _Entity) -> None:
        """A surname-only entity folds into the one full-name person with that surname."""
        if person.kind != "person" or not person.full_names():
            return
        surname = person.full_names()[0].split()[-1]
        lone = self._by_key.get(surname)
        if lone is None or self.current(lone) == person.id:
            return
        other = self._entities[self.current(lone)]
        people = {self.current(e) for e in self._by_surname.get(surname, [])}
        if other.full_names() or self._forbidden(surname, person) or len(people - {other.id}) != 1:
            return
        if any(w in _ORG_WORDS for w in surname.split()):
            return
        self._merge(other, person)

    def _merge(self, old: _Entity, new: _Entity) -> None:
        for key, shown in old.names.items():
            self._remember(new, key, shown, old.name_counts[key], "name")
        for key, shown in old.roles.items():
            self._remember(new, key, shown, old.role_counts[key], "role")
        del self._entities[old.id]
        self._redirect[old.id] = new.id
        for key in list(self._by_key):
            if self._by_key[key] == old.id:
                self._by_key[key] = new.id
        self._merged.append((old.id, new.id))
        self._dirty.discard(old.id)
        self._dirty.add(new.id)
        self._index(new)

    def take_changes(self) -> tuple[list[tuple[str, str, str]], list[NameRow], list[tuple[str, str]]]:
        """Rows of the entities changed since the last call, their names, and merges ``(old, survivor)``."""
        changed = [self._entities[e] for e in sorted(self._dirty) if e in self._entities]
        rows = [(e.id, e.name, e.kind) for e in changed]
        names: list[NameRow] = []
        for e in changed:
            names.extend((e.id, shown, key, "name", e.name_counts[key]) for key, shown in e.names.items())
            names.extend((e.id, shown, key, "role", e.role_counts[key]) for key, shown in e.roles.items())
        merged, self._merged = self._merged, []
        self._dirty.clear()
        return rows, names, merged

    def __len__(self) -> int:
        return len(self._entities)


def _first_names_match(a: str, b: str) -> float:
    """100 for the same first name or an initial of it, else the rapidfuzz ratio of the two."""
    if a == b or (len(a) == 1 or len(b) == 1) and a[0] == b[0]:
        return 100.0
    return float(fuzz.ratio(a, b))


# --------------------------------------------------------------------------- the stage over the store


def update_entities(store: Store, rules: AliasRules | None = None, *, batch_size: int = 5000) -> int:
    """Resolve the speaker of every quote not linked to an entity yet; returns the number of quotes resolved.

    ``rules`` that differ from the stored ones replace them, and every entity is resolved again under them.
    """
    stored = store.entity_rules()
    if rules is not None and (stored is None or AliasRules.from_dict(stored) != rules):
        store.save_entity_rules(rules.to_dict())
        stored = rules.to_dict()
    active = AliasRules.from_dict(stored) if stored is not None else None
    if not store.pending_speakers(1):
        return 0
    resolver = EntityResolver.from_state(*store.entity_state(), rules=active)
    resolved = 0
    while batch := store.pending_speakers(batch_size):
        found: list[tuple[str, str | None]] = []
        failures: list[Failure] = []
        for quote_id, _, speaker, mention in batch:
            try:
                found.append((quote_id, resolver.resolve(speaker, mention)))
            except Exception as exc:  # a bug met on one unusual name: the quote stays without an entity
                found.append((quote_id, None))
                failures.append(Failure.internal("quote", quote_id, "speaker resolution", exc, "link"))
        rows, names, merged = resolver.take_changes()
        links = [(quote_id, resolver.current(e) if e else None) for quote_id, e in found]
        store.write_entities(rows, names, links, merged, failures)
        resolved += len(batch)
    return resolved
