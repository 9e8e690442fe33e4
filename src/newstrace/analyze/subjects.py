"""Who speaks: the source token of a cue verb, found through the dependency parse.

The nearest subject, a passive agent, or — for participles, infinitives and
gerunds without a subject of their own — whoever controls them: the reporting
verb above (``X argued …, saying …``), whoever issued the document that
"says" (``X issued a statement saying …``), the object of ``ask X to`` but not
of ``used X to``, the passive subject of ``was booed after telling …``.  Parser
slips are repaired where they are regular: a name after the quote read as an
object (``"…," added a local fisherman``), an apposition hung on a fronted
phrase (``In an interview with …, the candidate stated …``), a number read as
a modifier (``About 4 in 10 say …``).  An empty "it" (``it is hard to say``)
is never a source.
"""

from __future__ import annotations

from typing import Any

from newstrace.analyze.lexicon import inflect, lexicon

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
FINITE = frozenset({"VBD", "VBZ", "VBP"})
CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl", "pcomp", "prep", "acl", "amod", "acomp"})
EMPTY_SUBJECTS = frozenset({"there"})
NOT_SOURCES = frozenset({"point", "time", "times", "moment", "day", "week", "night", "end", "way", "one", "while"})
APPOSITION_PATH = frozenset({"appos", "pobj", "prep", "compound", "amod"})
QUANTITY_WORDS = frozenset({"percent", "most", "many", "some", "half", "third", "majority", "minority", "few"})
QUOTE_CLOSERS = frozenset({",", "”", "''", '"', "’"})
INSTRUMENT_VERBS = frozenset({  # "used the speech to call for …": the object is the means, not the speaker
    "help", "use", "uses", "used", "using", "spend", "spends", "spent", "spending", "take", "takes", "took",
    "taken", "taking", "do", "does", "did", "done", "doing", "devote", "devoted", "devotes", "devoting",
    "employ", "employed", "employs", "employing", "need", "needs", "needed", "needing"})
EXPLETIVES = frozenset({"it"})
EXPLETIVE_HEADS = frozenset({"is", "was", "'s", "’s", "be", "been", "being", "are", "were", "seems", "seemed",
                             "takes", "took", "take", "remains", "remained"})
PUBLISH_FORMS = frozenset(form for lemma in ("release", "issue", "launch", "post", "publish", "air", "send", "unveil",
                                               "tweet", "retweet", "share", "distribute", "circulate", "run", "put")
                           for form in inflect(lemma)) | {"ran", "sent", "put"}

# "X was asked to name …", "X is expected to show …": someone unnamed asks or expects; X does not speak
DIRECTIVE_FORMS = frozenset(form for lemma in ("ask", "urge", "persuade", "convince", "invite", "encourage", "expect",
                                               "order", "tell", "show", "see", "schedule", "set")
                            for form in inflect(lemma)) | {"told", "shown", "seen", "set"}


EXPERIENCER_PARTICIPLES = frozenset({"worried", "concerned", "convinced", "determined", "frustrated", "alarmed",
                                     "angered", "disappointed", "fearful", "afraid"})
OPINION_PARTICIPLES = frozenset({"known", "intended", "expected", "believed", "thought", "considered", "rumored",
                                 "rumoured", "reputed", "understood", "seen", "presumed", "supposed"})
QUESTION_PARTICIPLES = frozenset({"asked", "pressed", "questioned", "quizzed"})
REDUCED_OPENERS = frozenset({"when", "after", "if", "once", "while", "before", "being", "got", "get", "gets", ","})


def bare_passive(token: Any) -> bool:
    """A passive with no subject of its own (``… but is expected to …``, ``when asked about …``, ``…, asked
    whether …``): whoever acts is its agent or nobody named, not the subject of a verb around it."""
    if any(c.dep_ in SUBJECTS for c in token.children):
        return False
    if any(c.dep_ == "auxpass" for c in token.children):
        return True
    if token.dep_ == "acl" and token.tag_ == "VBN" and token.lower_ in OPINION_PARTICIPLES:
        return True  # "a developer known to be bullish": someone unnamed knows; the developer does not speak
    if token.lower_ not in QUESTION_PARTICIPLES:
        return False
    if token.i == token.sent.start:
        return not _after_quote(token)
    return token.doc[token.i - 1].lower_ in REDUCED_OPENERS


def _after_quote(token: Any) -> bool:
    """``"…?" asked Ms. Lund``: a lower-case verb right after a closing quote mark reports that quote (the sentence
    splitter may have cut before it); ``Asked about …`` opening a sentence is a reduced passive."""
    return token.i > 0 and token.text.islower() and token.doc[token.i - 1].text in QUOTE_CLOSERS


def subject_of(token: Any, depth: int = 0) -> Any | None:
    """The speaker's token: the nearest subject, the passive agent, or a controlling verb's subject."""
    perfect = _contracted_perfect(token)
    if perfect is not None:
        return perfect
    if bare_passive(token):
        return agent_of(token)
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "csubj") and c.lower_ not in EMPTY_SUBJECTS]
    if subjects:
        return min(subjects, key=lambda c: abs(c.i - token.i))
    named = modal_name(token)
    if named is not None:
        return named
    if any(c.dep_ in ("nsubjpass", "agent") for c in token.children):
        return agent_of(token)
    if token.dep_ == "relcl" and token.tag_ == "VB" and depth < 4:
        return _infinitive_doer(token, depth)
    if depth > 0 and token.dep_ == "ROOT":  # climbed to a main verb the parser left without a subject
        return name_before(token) or fronted_apposition(token) or post_subject(token)
    if depth >= 4 or token.dep_ not in CLIMB_DEPS or token.head.i == token.i:
        return None
    if token.tag_ == "VBG":
        doer = _gerund_doer(token, depth)
        if doer is not None:
            return doer
    if token.dep_ == "advcl" and token.tag_ not in ("VBG", "VB") and not _fronted_participle(token):
        return None
    return _controller(token, depth)


def _contracted_perfect(token: Any) -> Any | None:
    """``he's said he would …``: the parser read "'s" as "is" (a passive), but a verb with a clause or an object
    after it is active, so "'s" is "has" and the passive subject is the one who speaks."""
    kids = list(token.children)
    if not any(c.dep_ == "auxpass" and c.lower_ in ("'s", "’s") for c in kids):
        return None
    if not any(c.dep_ in ("ccomp", "dobj") for c in kids):
        return None
    return next((c for c in kids if c.dep_ == "nsubjpass"), None)


def modal_name(token: Any) -> Any | None:
    """``Will wrote``, ``Will believes``: a capitalised "modal" right before a past, participle or -s form is a
    name (a modal takes the base form)."""
    if token.tag_ not in ("VBD", "VBZ", "VBN"):
        return None
    for child in token.children:
        if child.dep_ == "aux" and child.tag_ == "MD" and child.i == token.i - 1 and child.text.istitle():
            return child
    return None


def _fronted_participle(token: Any) -> bool:
    """``Having announced that …, the judge proceeded``, ``Worried that …, the government proposed``: a
    participle clause before its verb is done (or felt) by that verb's subject."""
    if token.tag_ != "VBN" or token.i > token.head.i:
        return False
    if any(c.dep_ == "aux" and c.lower_ == "having" for c in token.children):
        return True
    return token.i == token.sent.start and token.lower_ in EXPERIENCER_PARTICIPLES


def _controller(token: Any, depth: int) -> Any | None:
    """The subject-less verb's speaker found above it: the reporting verb, the noun a participle describes,
    the controller of an infinitive, a coordinated passive subject, or the head's own subject."""
    head = token.head
    if token.tag_ == "VBG" and token.dep_ in ("advcl", "acl") and (_after_comma(token) or _setting(token)):
        reporter = _reporting_verb_above(token)
        if reporter is not None:
            return subject_of(reporter, depth + 1)
    if token.dep_ == "acl" and head.tag_.startswith("NN"):
        return _carrier_subject(token, head, depth) or head
    if token.dep_ == "xcomp":
        return _xcomp_subject(token, head, depth)
    if token.dep_ == "conj" and head.i < token.i:
        passive = [c for c in head.children if c.dep_ == "nsubjpass" and c.lower_ not in EMPTY_SUBJECTS]
        if passive and agent_of(head) is None:
            return passive[0]  # "X was forced into … and said …": the first verb's passive subject speaks
        if _closed_aside(token, head):
            return subject_of(head.head, depth + 1)
    return subject_of(head, depth + 1)


def _closed_aside(token: Any, head: Any) -> bool:
    """``Trump called them … (although he allowed that …) and promised …``: a verb after a closed aside is
    coordinated with the main verb, not with the aside the parser hung it on."""
    if head.dep_ != "advcl" or head.head.i >= head.i or not any(c.dep_ == "mark" for c in head.children):
        return False
    cc = next((c for c in token.doc[head.i + 1 : token.i] if c.dep_ == "cc" and c.head.i == head.i), None)
    return cc is not None and cc.i > 0 and cc.nbor(-1).text in (")", "—", "–", "--")


def _infinitive_doer(token: Any, depth: int) -> Any | None:
    """``Grijalva was the first Democrat to endorse …``, ``He gave a speech to defend …``: who does an
    infinitive on a noun — the other side of a copula, or the subject of the verb whose object the noun is."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return None
    noun = token.head
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    if not verb.tag_.startswith(("VB", "MD")):
        return None
    if noun.dep_ == "nsubj":
        return next((c for c in verb.children if c.dep_ == "attr" and c.i > noun.i), None)
    if noun.dep_ in ("attr", "dobj", "pobj"):
        return subject_of(verb, depth + 1)
    return None


def _gerund_doer(token: Any, depth: int) -> Any | None:
    """Who does a gerund: the noun right before it ("about Pope Francis calling …", "with Maddow asking …"),
    the owner of the noun it completes ("his policy of not attacking …"), or, after a preposition, the subject of
    the verb the phrase hangs on — its passive subject when that verb is passive ("was booed after telling …")."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    if before is not None and before.dep_ == "pobj" and token.dep_ == "advcl" and (
            before.ent_type_ == "PERSON" or before.tag_ == "NNS"):
        return before
    if token.dep_ != "pcomp" or token.head.dep_ != "prep":
        return None
    node = token.head.head
    owner = [c for c in node.children if c.dep_ == "poss"]
    if node.tag_.startswith("NN") and owner:
        return owner[0]
    for _ in range(3):
        if node.tag_.startswith("VB") or node.dep_ not in ("pobj", "prep"):
            break
        node = node.head
    if not node.tag_.startswith("VB"):
        return None
    passive = [c for c in node.children if c.dep_ == "nsubjpass" and c.lower_ not in EMPTY_SUBJECTS]
    if not passive and node.dep_ == "conj" and not any(c.dep_ in SUBJECTS for c in node.children):
        passive = [c for c in node.head.children if c.dep_ == "nsubjpass" and c.lower_ not in EMPTY_SUBJECTS]
    return passive[0] if passive else subject_of(node, depth + 1)


def _xcomp_subject(token: Any, head: Any, depth: int) -> Any | None:
    """Who does the infinitive: the object of "ask X to" (not of "used X to"), nobody for "it is hard to",
    else the subject of the verb above."""
    objects = [c for c in head.children if c.dep_ == "dobj" and c.i < token.i]
    if objects and head.lower_ not in INSTRUMENT_VERBS:
        return objects[0]
    passive = _passive_subject(head) if head.lower_ not in DIRECTIVE_FORMS else None
    if passive is not None:
        return passive  # "X was prompted to say …", "X is expected to endorse …": the passive subject does it
    found = subject_of(head, depth + 1)
    return None if found is not None and expletive(found, token) else found


def _passive_subject(verb: Any) -> Any | None:
    """The passive subject of a verb with no agent ("X was asked to …"), else None."""
    passive = [c for c in verb.children if c.dep_ == "nsubjpass" and c.lower_ not in EMPTY_SUBJECTS]
    return passive[0] if passive and agent_of(verb) is None else None


def expletive(subject: Any, token: Any) -> bool:
    """``It is hard to know …``, ``it's easy to criticize …``: an empty "it" before a copula is no source."""
    if subject.lower_ not in EXPLETIVES or subject.head.lower_ not in EXPLETIVE_HEADS or token.dep_ == "ROOT":
        return False
    return token.i > subject.head.i and any(t.i == subject.head.i for t in token.ancestors)


def _carrier_subject(token: Any, noun: Any, depth: int) -> Any | None:
    """``X issued a statement saying …``, ``X emailed supporters saying …``: a participle on the object of a
    verb reports what that verb's subject says (a named person or a pronoun object speaks for itself)."""
    if token.i < noun.i or noun.tag_ in ("NNP", "NNPS", "PRP") or noun.ent_type_ in ("PERSON", "NORP", "ORG"):
        return None
    if noun.dep_ == "pobj" and noun.lower_ not in lexicon().documents:
        return None  # through a preposition only a document speaks: "shot back in an article stating …"
    verb = governing_verb(noun)
    return subject_of(verb, depth + 1) if verb is not None else None


def governing_verb(noun: Any) -> Any | None:
    """The verb ``noun`` is the object of, directly (``issued a statement``) or through a preposition
    (``backed away from a suggestion``)."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif noun.dep_ != "dobj":
        return None
    return verb if verb.i != noun.i and verb.tag_.startswith("VB") else None


def _setting(token: Any) -> bool:
    """``at one point calling …``, ``at a news conference announcing …``: a participle on a noun that is
    the circumstance of the clause, not a document that speaks ("in a statement announcing …")."""
    head = token.head
    if token.dep_ != "acl" or not head.tag_.startswith("NN"):
        return False
    return head.lower_ in NOT_SOURCES or (head.dep_ == "pobj" and head.lower_ not in lexicon().documents)


def _after_comma(token: Any) -> bool:
    first = token.left_edge.i
    return bool(first > 0 and token.doc[first - 1].text in (",", "—", "–"))


def _reporting_verb_above(token: Any) -> Any | None:
    """``X argued that Y would do Z, saying …``: the parser hung the participle inside the reported clause;
    the verb above that clause (or above the noun phrase the participle follows) is the one it goes with."""
    node = token.head
    for _ in range(6):
        if node.dep_ in ("ccomp", "pobj") and node.head.i != node.i:
            above = node.head if node.dep_ == "ccomp" else node.head.head
            # a "reporting verb" after the clause is an inverted parse of the clause's own sentence
            return above if above.tag_.startswith("VB") and above.i < node.i else None
        if node.head.i == node.i or node.dep_ in ("ROOT", "relcl"):
            return None
        node = node.head
    return None


def agent_of(token: Any) -> Any | None:
    for child in token.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def sentence_subject(token: Any) -> Any | None:
    """Fallback for a subject-less participle or clause: the subject of the sentence's main verb before it."""
    root = token.sent.root
    if root.i == token.i or root.i > token.i or token.dep_ in ("relcl", "ccomp", "csubj") or token.tag_ == "VBN":
        return None
    subjects = [c for c in root.children if c.dep_ == "nsubj" and c.i < token.i]
    return subjects[-1] if subjects and not any(t.dep_ == "relcl" for t in token.ancestors) else None


def name_before(token: Any) -> Any | None:
    """A finite verb the parser left without a subject ("…, Obama and Clinton call them …" with the names hung
    on the phrase before): the name or pronoun right before the verb (or before the verb it is coordinated with)."""
    verb = token
    while verb.dep_ == "conj" and verb.head.tag_.startswith("VB") and verb.head.i < verb.i:
        verb = verb.head
    if verb.tag_ not in FINITE or verb.i == 0 or any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    before = verb.doc[verb.i - 1]
    if before.tag_ in ("RB", "MD") and before.i > 0:
        before = before.doc[before.i - 1]
    if before.text == "," and before.i > 0:  # "Marcel Lazar, 44, said": the name hangs as an apposition
        before = before.doc[before.i - 1]
        while before.dep_ in APPOSITION_PATH and not before.tag_.startswith("NNP") and before.head.i < before.i:
            before = before.head  # "Gene Sperling, a top outside Clinton adviser, said"
    if before.tag_ in ("NNP", "NNPS", "PRP") and before.dep_ != "poss":
        return before
    return _counted_subject(verb, before) or _relative_before(verb, before)


def _relative_before(verb: Any, before: Any) -> Any | None:
    """``a White House official who spoke anonymously said …`` with the noun hung elsewhere: a relative clause
    ending right before the subject-less verb belongs to that verb's subject, the noun it describes."""
    for above in (before, *before.ancestors):
        if above.dep_ == "relcl" and above.right_edge.i == before.i and above.head.i < above.i < verb.i:
            noun = above.head
            return noun if noun.tag_ in ("NN", "NNS", "NNP", "NNPS") else None
    return None


def _counted_subject(verb: Any, before: Any) -> Any | None:
    """``About 4 in 10 say …``, ``most in both states supported …``: a number or quantity the parser hung on the
    verb as a modifier is its subject."""
    if before.head.i != verb.i or before.dep_ in ("dobj", "pobj", "attr", "punct", "advmod", "aux", "neg"):
        return None
    return before if before.tag_ == "CD" or before.lower_ in QUANTITY_WORDS else None


def fronted_apposition(token: Any) -> Any | None:
    """``In an interview with the hosts, the candidate stated …``, ``At Boca West, …, Jay Dorn, the club's
    president, suggested …``: with no subject, the parser hung the speaker as an apposition on the noun of
    the phrase before; the highest apposition set off by a comma is the speaker."""
    if token.tag_ not in FINITE or token.dep_ != "ROOT" or any(c.dep_ in SUBJECTS for c in token.children):
        return None
    k = token.i - 1
    while k > 0 and (token.doc[k].text in (",", "-", "—", "–") or token.doc[k].tag_ == "RB"):
        k -= 1
    if k < 0:
        return None
    node = token.doc[k]
    found = None
    for _ in range(6):
        if node.dep_ not in ("appos", "conj") or node.head.i >= node.i or not node.tag_.startswith("NN"):
            break
        first = node.left_edge
        if first.i > 0 and first.nbor(-1).text == ",":
            found = node
        elif node.dep_ == "appos":
            break
        node = node.head
    return found if found is not None and found.dep_ == "appos" else None


def post_subject(token: Any) -> Any | None:
    """``"…," added another New Hampshire Democrat``: after the quote, the noun the parser made the verb's object
    is the one speaking."""
    before = token.i - 1
    while before > 0 and token.doc[before].is_space:
        before -= 1
    if before < 0 or token.doc[before].text not in QUOTE_CLOSERS:
        return None
    for child in token.rights:
        if child.dep_ in ("dobj", "attr", "npadvmod", "nsubj") and child.tag_ in ("NNP", "NNPS", "NN", "NNS", "CD",
                                                                                 "DT"):
            return child
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.head.i == token.i and nxt.dep_ == "advmod" and nxt.text[:1].isupper():
        return nxt  # '"…," said Skelly, explaining …' with the name read as an adverb
    return None


def publisher(noun: Any) -> Any | None:
    """``X released a video that accuses …``: what a published item says is said by whoever published it."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lower_ not in PUBLISH_FORMS:
        return None
    return subject_of(verb)


POLL_NOUNS = frozenset({"poll", "polls", "survey", "surveys", "study", "studies", "census"})


def poll_source(token: Any, subject: Any) -> Any | None:
    """``In a CNN/ORC poll, 31% said …``: when respondents counted by a number speak, the poll named in a
    phrase on the verb (or on the verb it is coordinated with) is the source."""
    if not _counted(subject):
        return None
    preps = [c for verb in (token, token.head) for c in verb.children if verb is token or token.dep_ == "conj"]
    preps.append(token.sent[0])  # "In a Post-ABC poll, 8 percent said …; 3 percent said …"
    for prep in preps:
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        poll = next((c for c in prep.children if c.dep_ == "pobj" and c.lower_ in POLL_NOUNS), None)
        if poll is not None:
            return poll
    return None


def _counted(subject: Any) -> bool:
    words = [t for t in subject.subtree if t.i <= subject.i]
    return subject.tag_ == "CD" or any(t.lower_ in ("percent", "%") for t in words) or (
        subject.lower_ in QUANTITY_WORDS)
