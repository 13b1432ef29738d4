"""Actors: people, states, organizations and groups, with aliases resolved.

Persons are named by the fullest form in the report, and surnames resolve to
it ("Dmitriev" → "Kirill Dmitriev"); states, organizations and groups by their
canonical gazetteer name ("the Kremlin", "Moscow", "Russian" → "Russia").
Each person's roles and affiliation come from titles and appositions
(:mod:`detente.extract.roles`). ``ActorIndex`` is how the other extractors turn
a mention into a canonical name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from ..nlp import ents_in, gazetteer, text_of
from ..nlp.lexicon import one_edit_apart
from ..records import Actor, Document, Evidence
from .roles import RoleFact, name_start, roles_of

if TYPE_CHECKING:
    from .context import Context
    from ..rules import Rules

__all__ = ["ActorIndex", "build_actor_index", "extract_actors", "outlet_country", "read_outlets"]

@dataclass
class ActorIndex:
    """Canonical actors of one report and the spans that mention them."""

    #: the rule data (name words, roles) descriptions and names are read with
    rules: Rules = field(repr=False, compare=False)
    actors: dict[str, Actor] = field(default_factory=dict)
    #: (start_char, end_char, canonical name), sorted by start.
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    #: Roles the office-holders gazetteer knows for a person, to resolve
    #: descriptions ("the French president") only; never part of the record.
    known_roles: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def canonical(self, text: str) -> str | None:
        """Canonical name for a mention's text ("Dmitriev", "the Kremlin",
        "the Kremlin spokesman"), or None."""
        text = text.strip()
        if not text:
            return None
        if text in self.actors:
            return text
        person = self._person(text)
        if person:
            return person
        actor = self.rules.gazetteer.stands_for(text)
        if actor:
            return actor
        key = _strip_the(text)
        if key in self.actors:
            return key
        return self.describe(text)

    def _person(self, text: str) -> str | None:
        rules = self.rules
        words = _name_words(text, rules=rules)
        if not words:
            return None
        for name in self.persons():
            parts = _name_words(name, rules=rules)
            if words == parts or (len(words) == 1 and words[0] == parts[-1]):
                return name
        if len(words) == 1 and words[0][:1].isupper():
            for name in self.persons():
                if words[0] in _name_words(name, rules=rules)[1:] or any(m.text == text for m in self.actors[name].mentions):
                    return name
            # a name's first word alone: a given name used as the name ("Abiy" for Abiy
            # Ahmed) or a surname written first ("Wang" for Wang Yi), when one person fits
            firsts = [n for n in self.persons() if len(_name_words(n, rules=rules)) > 1 and _name_words(n, rules=rules)[0] == words[0]]
            if len(firsts) == 1:
                return firsts[0]
        return None

    def persons(self) -> list[str]:
        return [n for n, a in self.actors.items() if a.kind == "person"]

    def at(self, start: int, end: int) -> str | None:
        """Canonical name of the actor mentioned exactly or within ``[start, end)``."""
        for s, e, name in self.spans:
            if s >= start and e <= end:
                return name
        return None

    def in_range(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return [t for t in self.spans if t[0] >= start and t[1] <= end]

    def kind(self, name: str | None) -> str | None:
        actor = self.actors.get(name) if name else None
        return actor.kind if actor else None

    def party_of(self, name: str | None) -> str | None:
        """The side a named actor stands for: a state or group itself, a person's affiliation."""
        actor = self.actors.get(name) if name else None
        if actor is None:
            return None
        if actor.kind in ("state", "group"):
            return actor.name
        return actor.affiliation

    def last_person_before(self, char: int) -> str | None:
        """The most recent person mentioned before ``char`` (for "he said")."""
        best = None
        for s, _e, name in self.spans:
            if s >= char:
                break
            if self.kind(name) == "person":
                best = name
        return best

    def describe(self, text: str) -> str | None:
        """The person a description names ("the analyst", "the Kremlin
        spokesman", "Ukraine's lead negotiator"): every content word of the
        description must be in one of the person's roles or be their
        affiliation; the role's head word must be among them."""
        words = [w for w in re.findall(r"[\w-]+", text.lower()) if w not in ("the", "a", "an", "s")]
        if not words:
            return None
        fits = [name for name in self.persons() if _describes(words, self._with_known_roles(name), rules=self.rules)]
        if len(fits) > 1:  # "Russia's foreign minister": not the deputy foreign minister
            fits = [name for name in fits if _names_role(words, self._with_known_roles(name), rules=self.rules)]
        return fits[0] if len(fits) == 1 else None

    def _with_known_roles(self, name: str) -> Actor:
        actor = self.actors[name]
        extra = [r for r in self.known_roles.get(name, ()) if r not in actor.roles]
        return actor.model_copy(update={"roles": [*actor.roles, *extra]}) if extra else actor

    def roles_of(self, name: str, *, rules: Rules) -> list[str]:
        actor = self.actors.get(name)
        return list(actor.roles) if actor else []


def _describes(words: list[str], actor: Actor, *, rules: Rules) -> bool:
    role_words = {w for r in actor.roles for w in re.findall(r"[\w-]+", r.lower())}
    heads = {re.findall(r"[\w-]+", r.lower())[-1] for r in actor.roles if r.strip()}
    if any(r.lower() in rules.role_words["leader_roles"] for r in actor.roles):  # "the French leader"
        role_words.add("leader")
        heads.add("leader")
    aff = actor.affiliation
    for w in words:
        if w in role_words:
            continue
        if aff and (rules.gazetteer.stands_for(w.title()) == aff or w in aff.lower().split()):
            continue
        return False
    return bool(heads & set(words))


def _names_role(words: list[str], actor: Actor, *, rules: Rules) -> bool:
    """The description, past its affiliation words, is one of the roles word for word."""
    rest = [w for w in words if not _is_affiliation_word(w, actor.affiliation, rules=rules)]
    return any(re.findall(r"[\w-]+", r.lower()) == rest for r in actor.roles)


def _is_affiliation_word(word: str, aff: str | None, *, rules: Rules) -> bool:
    return bool(aff) and (rules.gazetteer.stands_for(word.title()) == aff or word in aff.lower().split())


def _strip_the(text: str) -> str:
    return re.sub(r"^(?i:the)\s+", "", text.strip())


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _name_words(text: str, *, rules: Rules) -> list[str]:
    """A name's words without honorifics or a possessive ("Mr. Putin's" → ["Putin"])."""
    text = re.sub(r"['\u2019]s?$", "", text.strip())
    words = [w for w in re.split(r"[\s]+", text) if w]
    lex = rules.lexicon
    while words and (words[0] in lex.honorifics or lex.is_role_phrase(words[0])):
        words = words[1:]
    return [w.split("-")[-1] if w.lower().startswith(("al-", "el-")) else w for w in words]


# -- persons -----------------------------------------------------------------


class _Person:
    """One person's mentions; the name is the fullest mention, kept up to date
    as mentions are added (clustering compares names many times)."""

    def __init__(self, first: Span, rules: Rules):
        self.rules = rules
        self.mentions: list[Span] = []
        self._best: tuple[int, int] = (-1, -1)
        self.name = self.surname = ""
        self.given: str | None = None
        self.add(first)

    def add(self, ent: Span) -> None:
        rules = self.rules
        self.mentions.append(ent)
        key = (len(_clean_tokens(ent, rules=rules)), len(ent.text))
        if key > self._best:
            self._best = key
            self.name = _clean_text(ent, rules=rules)
            words = _name_words(self.name, rules=rules)
            self.surname = _fold(words[-1]) if words else ""
            self.given = _fold(words[0]) if len(words) > 1 else None


def _clean_tokens(span: Span, *, rules: Rules) -> list:
    """The name's tokens without titles, honorifics, possessives, byline words."""
    lex = rules.lexicon
    start = name_start(span, rules=rules)
    toks = [t for t in span if t.i >= start and not (t.tag_ == "POS" or t.text in ("'s", "\u2019s") or t.is_space)]
    while toks and (toks[0].text in lex.honorifics or lex.is_role_phrase(toks[0].text)
                    or _plural_role(toks[0].text, lex)):  # "MPs Pervin Buldan"
        toks = toks[1:]
    while toks and ((toks[-1].is_punct and toks[-1].text != ".") or toks[-1].text in lex.name_stopwords):
        toks = toks[:-1]
    return toks


def _plural_role(word: str, lex) -> bool:
    """ "MPs", "Ministers": a plural title before the names it covers."""
    low = word.lower()
    return len(low) >= 3 and low.endswith("s") and lex.is_role_phrase(low[:-1])


def _clean_text(span: Span, *, rules: Rules) -> str:
    toks = _clean_tokens(span, rules=rules)
    if not toks:
        return span.text
    return _NICKNAME.sub(" ", span.doc[toks[0].i : toks[-1].i + 1].text)


#: A quoted nickname inside a name ("Serhiy “Flash” Beskrestnov"): not part of the name.
_NICKNAME = re.compile(r"\s+[\u201c\"\u2018][^\u201c\u201d\"\u2018\u2019]{1,30}[\u201d\"\u2019]\s+")


def _is_person_mention(ent: Span, *, rules: Rules) -> bool:
    """Not a title alone ("Councillor"), a people ("Africans"), a place or a
    question ("Will Ukraine …")."""
    toks = _clean_tokens(ent, rules=rules)
    if not toks or not any(t.is_alpha and t.text[:1].isupper() for t in toks):
        return False
    if len(toks) == 1 and (toks[0].tag_ == "NNPS" or (toks[0].is_upper and len(toks[0]) > 2)):
        return False  # "Africans"; "EUCOM" (an acronym, not a name)
    if toks[-1].text in rules.lexicon.honorifics:
        return False
    if len(toks) > 1 and rules.gazetteer.officials_named(_clean_text(ent, rules=rules)):
        return True  # "Abdul-Malik al-Houthi": a listed name, though its last word names a group
    last = rules.gazetteer.lookup(toks[-1].text)
    if last is not None and last.via in ("name", "alias") and last.kind != "city":
        return False
    return rules.gazetteer.lookup(_clean_text(ent, rules=rules)) is None


def _near(a: str, b: str) -> bool:
    return len(a) >= 5 and len(b) >= 5 and one_edit_apart(a, b)


def _cluster(mentions: list[Span], *, rules: Rules) -> list[_Person]:
    """Full names first, one person each unless given names clash; then single
    names join the last person before them with that surname (or the first)."""
    people: list[_Person] = []
    singles: list[Span] = []
    for ent in mentions:
        words = _name_words(_clean_text(ent, rules=rules), rules=rules)
        if len(words) < 2:
            singles.append(ent)
            continue
        match = next((p for p in people if _same_person(words, p)), None)
        if match:
            match.add(ent)
        else:
            people.append(_Person(ent, rules))
    for ent in singles:
        words = _name_words(_clean_text(ent, rules=rules), rules=rules)
        word = _fold(words[0]) if words else ""
        match = _owner(word, ent.start_char, people)
        if match:
            match.add(ent)
        else:
            people.append(_Person(ent, rules))
    return people


def _join_known(people: list[_Person], *, rules: Rules) -> list[_Person]:
    """Short forms, nicknames and other spellings of one office-holder's name
    join the fullest ("Hemedti" → "Mohamed Hamdan Dagalo", "Amir Tamim")."""
    out: list[_Person] = []
    owner: dict[str, _Person] = {}
    for person in sorted(people, key=lambda p: p._best, reverse=True):
        term = official_of(person.name, rules=rules)
        first = owner.get(term.name) if term else None
        if first is None:
            out.append(person)
            if term:
                owner[term.name] = person
            continue
        for ent in person.mentions:
            first.add(ent)
    order = {id(p): min(m.start_char for m in p.mentions) for p in out}
    return sorted(out, key=lambda p: order[id(p)])


#: Words that give a person's other name ("Netanyahu, known as Bibi").
_KNOWN_AS = ("known as", "also known as", "nicknamed", "dubbed", "better known as")


def _join_nicknames(doc: Doc, people: list[_Person]) -> list[_Person]:
    """ "Mohamed Hamdan Dagalo, known as Hemedti": the person the second name
    stands for elsewhere in the report is the first."""
    owner = {(m.start, m.end): p for p in people for m in p.mentions}
    by_text = {m.text: p for p in people for m in p.mentions}
    merged: set[int] = set()
    for (start, end), person in list(owner.items()):
        k = end + (1 if end < len(doc) and doc[end].text == "," else 0)
        for phrase in _KNOWN_AS:
            words = phrase.split()
            if [t.lower_ for t in doc[k : k + len(words)]] == words and k + len(words) < len(doc):
                other = by_text.get(doc[k + len(words)].text)
                if other is not None and other is not person and id(other) not in merged:
                    for m in other.mentions:
                        person.add(m)
                    merged.add(id(other))
                break
    return [p for p in people if id(p) not in merged]


def _named_in_title(people: list[_Person], title: str, *, rules: Rules) -> None:
    """ "Thanks, Karine." in a briefing titled "Press Briefing by Press Secretary
    Karine Jean-Pierre": a given name alone is the office-holder the title names."""
    words = re.findall(r"[\w'’-]+", title)
    named: dict[str, str] = {}
    for n in (3, 2):
        for i in range(len(words) - n + 1):
            terms = rules.gazetteer.officials_named(" ".join(words[i : i + n]))
            if terms and len({t.name for t in terms}) == 1:
                named.setdefault(_fold(terms[0].name.split()[0]), terms[0].name)
    for person in people:
        full = named.get(_fold(person.name)) if " " not in person.name else None
        if full:
            person.name, person.given = full, _fold(full.split()[0])


def _same_person(words: list[str], person: _Person) -> bool:
    surname, given = _fold(words[-1]), _fold(words[0])
    if surname != person.surname:
        return False
    other = person.given
    return other is None or other == given or other[0] == given[0]


def _owner(word: str, char: int, people: list[_Person]) -> _Person | None:
    if not word:
        return None
    for test in (lambda p: p.surname == word, lambda p: _near(word, p.surname), lambda p: p.given == word):
        fits = [p for p in people if test(p)]
        if fits:
            before = [p for p in fits if min(m.start_char for m in p.mentions) < char]
            return (before or fits)[-1] if len(fits) > 1 else fits[0]
    return None


# -- outlets ------------------------------------------------------------------


def read_outlets(data: dict) -> dict[str, str]:
    """Outlets and their home countries, from ``data/gazetteer/outlets.json`` (``ctx.rules.outlets``)."""
    return {k: v for k, v in data.items() if not k.startswith("_")}


def outlet_country(source: str | None, *, rules: Rules) -> str | None:
    """The home country of a news outlet or official source, where known."""
    if not source:
        return None
    text = " " + re.sub(r"[^\w/.]+", " ", source.casefold()) + " "
    hits = [k for k in rules.outlets if f" {k} " in text]
    return rules.outlets[max(hits, key=len)] if hits else None


# -- the index ----------------------------------------------------------------


def _entity_actor(ent: Span, *, rules: Rules) -> tuple[str, str] | None:
    """(canonical name, kind) for a non-person entity that is an actor."""
    entry = rules.gazetteer.lookup(ent.text)
    if entry is not None:
        actor = entry.actor
        if actor is None:
            return None
        kind = "state" if entry.kind in ("state", "city") else entry.kind
        return actor, kind
    if ent.label_ != "ORG" or not _org_like(ent, rules=rules):
        return None
    return _strip_the(ent.text).strip(" ,.'’"), "organization"


def _org_like(ent: Span, *, rules: Rules) -> bool:
    """An organization's name, not a fragment of a title ("Secretary of State",
    "Finance Minister") or a byline run together."""
    lex = rules.lexicon
    words = [t for t in ent if t.is_alpha]
    if not words or all(len(t) < 3 for t in words) or any(c in ent.text for c in "_\n"):
        return False
    doc = ent.doc
    prev = doc[ent.start - 2 : ent.start] if ent.start >= 2 else None
    if prev is not None and lex.is_role_phrase(f"{prev.text} {ent.text}"):
        return False
    nxt = doc[ent.end] if ent.end < len(doc) else None
    return not (len(ent) == 1 and nxt is not None and lex.is_role_phrase(f"{ent.text} {nxt.text}"))


def build_actor_index(doc: Doc, document: Document | None = None, *, rules: Rules) -> ActorIndex:
    """Every actor the annotated ``doc`` mentions, canonical, with roles and
    affiliations; ``document`` (optional) lends its source's home country to
    unqualified titles."""
    person_ents = [e for e in ents_in(doc) if e.label_ == "PERSON" and _is_person_mention(e, rules=rules)]
    people = _join_known(_cluster(person_ents, rules=rules), rules=rules)
    if document is not None and document.title:
        _named_in_title(people, document.title, rules=rules)
    people = _join_nicknames(doc, people)
    index = ActorIndex(rules=rules)
    spans: list[tuple[int, int, str]] = []
    mentions: dict[str, list[Evidence]] = {}
    kinds: dict[str, str] = {}
    for person in people:
        name = person.name
        kinds.setdefault(name, "person")
        for ent in person.mentions:
            spans.append((ent.start_char, ent.end_char, name))
            mentions.setdefault(name, []).append(Evidence.from_span(ent))
    for ent in ents_in(doc):
        if ent.label_ == "PERSON":
            continue
        found = _entity_actor(ent, rules=rules)
        if found is None:
            continue
        name, kind = found
        if kinds.setdefault(name, kind) == "person":
            continue
        spans.append((ent.start_char, ent.end_char, name))
        mentions.setdefault(name, []).append(Evidence.from_span(ent))
    index.spans = sorted(spans)
    facts = _person_facts(doc, people, document, rules=rules)
    index.actors = {
        name: Actor(
            name=name,
            kind=kinds[name],
            roles=facts.get(name, ([], None))[0],
            affiliation=facts.get(name, ([], None))[1],
            mentions=sorted(mentions[name], key=lambda ev: ev.start),
        )
        for name in _ordered(index.spans)
    }
    date = document.published if document else None
    for name, actor in index.actors.items():
        term = official_of(name, date, rules=rules) if actor.kind == "person" else None
        if term is not None and term.affiliation == actor.affiliation:
            index.known_roles[name] = term.roles
    return index


def _ordered(spans: list[tuple[int, int, str]]) -> list[str]:
    return list(dict.fromkeys(name for _s, _e, name in spans))


def _person_facts(doc: Doc, people: list[_Person], document: Document | None, *, rules: Rules) -> dict[str, tuple[list[str], str | None]]:
    """Roles and affiliation of each person, references to other persons
    ("Trump's son-in-law") resolved after every person's own."""
    raw: dict[str, list[RoleFact]] = {p.name: [f for m in p.mentions for f in roles_of(m, rules=rules)] for p in people}
    people_by_name = {p.name: p for p in people}
    lookup_person = {p.surname: p.name for p in people}
    home = outlet_country(document.source, rules=rules) if document else None
    result: dict[str, tuple[list[str], str | None]] = {}
    for name, facts in raw.items():
        roles = _distinct_roles([f.role for f in sorted(facts, key=lambda f: f.rank) if f.role], rules=rules)
        result[name] = (roles, _own_affiliation(facts))
    date = document.published if document else None
    for name, facts in raw.items():
        roles, aff = result[name]
        referred = _referred_affiliation(facts, result, lookup_person, rules=rules) if aff is None else None
        term = official_of(name, date, rules=rules)
        if term is not None and term.serves_on(date) and (
            referred is not None or aff is not None and not any(f.rank == 0 for f in facts) and _kind_of(aff, rules=rules) is None
        ):
            # an office-holder's side is not one borrowed from a name beside them
            # ("Presidents Felix Tshisekedi and Paul Kagame") nor the armed group or
            # body read off the words around one mention ("… by Abdi and interim
            # President Ahmed al-Sharaa"); a state the report names for them
            # stands ("Mark Rutte, the Dutch prime minister")
            aff = term.affiliation
        else:
            aff = aff or referred or (term.affiliation if term else None)
        if aff is None:
            aff = _side_affiliation(people_by_name[name], rules=rules)
        if aff is None:
            aff = _fallback_affiliation(doc, roles, facts, home, rules=rules)
        elif _is_state_body(aff, rules=rules):
            aff = _body_state(doc, aff, facts, home, side=_side_affiliation(people_by_name[name], rules=rules), rules=rules) or aff
        result[name] = (roles, _short_form(_of_state(aff, rules=rules), text_of(doc), rules=rules))
    return result


def _short_form(aff: str | None, text: str, *, rules: Rules | None = None) -> str | None:
    """ "the Nationalist Movement Party (MHP)": the short form the report gives
    an organization in brackets is the name it goes by; not for a name the
    gazetteer lists as an organization's canonical one ("United Nations (UN)"
    stays United Nations; armed groups go by their short names)."""
    if not aff or len(aff.split()) < 2:
        return aff
    entry = rules.gazetteer.lookup(aff) if rules is not None else None
    if entry is not None and entry.kind == "organization" and entry.name == aff:
        return aff
    m = re.search(re.escape(aff) + r"\s*\(([A-Z][A-Za-z0-9/-]{1,7})\)", text)
    return m.group(1) if m and m.group(1)[1:].isupper() else aff


def _side_affiliation(person: _Person, *, rules: Rules) -> str | None:
    """ "The NDFP delegation was led by Jose Maria Sison", "The Syrian side: Foreign
    Minister …", "From the Indonesian side, …": the side whose delegation, team or
    panel the mention's sentence names before it (the nearest), unless a meeting
    word stands between them ("the Thai delegation met …")."""
    words = rules.role_words
    for ent in sorted(person.mentions, key=lambda m: m.start):
        doc = ent.doc
        side = None
        for tok in doc[ent.sent.start : ent.start]:
            if side is not None and (tok.lemma_.lower() in words["delegation_breaks"] or tok.lower_ in words["delegation_breaks"]):
                side = None
            if tok.lemma_.lower() in words["delegations"] and tok.pos_ in ("NOUN", "PROPN") and _heads_clause(tok):
                side = _side_named(tok, rules=rules) or side
        if side:
            return side
    return None


def _heads_clause(noun) -> bool:
    """The delegation is what the clause is about ("The NDFP delegation was led by",
    "The Syrian side: …", "From the Indonesian side, …"), not an object ("met with
    the U.S. team following the murder of …")."""
    if noun.dep_ in ("nsubj", "nsubjpass", "ROOT"):
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ in ("from", "for", "on") and noun.head.i <= noun.sent.start + 1


def _side_named(noun, *, rules: Rules) -> str | None:
    """The state or group a delegation noun's modifier names ("Indian", "NDFP", "Israel's")."""
    for child in noun.lefts:
        if child.dep_ not in ("amod", "compound", "poss", "nmod", "npadvmod"):
            continue
        text = child.text
        if child.ent_type_:
            k, e = child.i, child.i + 1
            doc = child.doc
            while k > 0 and doc[k].ent_iob_ == "I":
                k -= 1
            while e < len(doc) and doc[e].ent_iob_ == "I":
                e += 1
            text = doc[k:e].text
        actor = rules.gazetteer.stands_for(text)
        if actor:
            return actor
        bare = text.strip(" ’'s")
        if child.ent_type_ in ("ORG", "NORP") or (len(bare) >= 2 and bare.replace("-", "").isupper()):
            return gazetteer.normalize(text)
    return None


def _of_state(aff: str | None, *, rules: Rules) -> str | None:
    """ "Supreme National Security Council of the Islamic Republic of Iran": a
    body named with its state after "of" stands for the state."""
    if not aff or rules.gazetteer.stands_for(aff) or " of " not in aff:
        return aff
    parts = aff.split(" of ")
    for k in range(1, len(parts)):
        state = rules.gazetteer.state_for(" of ".join(parts[k:]))
        if state:
            return state
    return aff


def _kind_of(name: str, *, rules: Rules) -> str | None:
    entry = rules.gazetteer.lookup(name)
    return entry.kind if entry is not None else None


def _is_state_body(aff: str, *, rules: Rules) -> bool:
    """ "Parliament", "Joint Chiefs of Staff", "Ukraine's Foreign Intelligence Service"."""
    if rules.gazetteer.stands_for(aff):
        return False
    low = " ".join(re.findall(r"[\w-]+", aff.lower()))
    return any(low == body or low.endswith(" " + body) for body in rules.role_words["state_bodies"])


def _body_state(doc: Doc, body: str, facts: list[RoleFact], home: str | None, *, side: str | None = None,
                rules: Rules) -> str | None:
    """The state a body belongs to: named in it, else the state whose delegation the
    sentence lists the person under, else the one state named in the mention's
    sentence (or the one before), else the outlet's country."""
    for word in re.findall(r"[\w-]+", body):
        state = rules.gazetteer.state_for(word)
        if state:
            return state
    if side and rules.gazetteer.state_for(side):
        return side
    for f in facts:
        if f.sentence_start is None:
            continue
        sent = doc[f.sentence_start].sent
        for lo in (sent.start, doc[sent.start - 1].sent.start if sent.start > 0 else sent.start):
            states = {rules.gazetteer.state_for(e.text) for e in ents_in(doc[lo : sent.end]) if e.label_ in ("GPE", "NORP")}
            states.discard(None)
            if len(states) == 1:
                return states.pop()
    return home


def _distinct_roles(roles: list[str], *, rules: Rules) -> list[str]:
    """Roles once each; "Kremlin spokesman" folds into "spokesman" when the extra
    words only name the affiliation."""
    out: list[str] = []
    for role in roles:
        low = role.lower()
        if any(low == r.lower() for r in out):
            continue
        shorter = next((r for r in out if low.endswith(" " + r.lower()) and _names_actor(role[: -len(r)], rules=rules)), None)
        if shorter:
            continue
        longer = [r for r in out if r.lower().endswith(" " + low) and _names_actor(r[: -len(role)], rules=rules)]
        out = [r for r in out if r not in longer] + [role]
    return out


def _names_actor(words: str, *, rules: Rules) -> bool:
    return bool(words.strip()) and rules.gazetteer.stands_for(words.strip()) is not None


def _own_affiliation(facts: list[RoleFact]) -> str | None:
    ranked = sorted((f for f in facts if f.affiliation), key=lambda f: f.rank)
    return ranked[0].affiliation if ranked else None


def _referred_affiliation(facts, result, lookup_person, *, rules: Rules) -> str | None:
    for f in sorted(facts, key=lambda f: f.rank):
        if f.refers_to:
            ref = lookup_person.get(_fold(_name_words(f.refers_to, rules=rules)[-1])) if _name_words(f.refers_to, rules=rules) else None
            if ref and result.get(ref, ([], None))[1]:
                return result[ref][1]
    return None


def official_of(name: str, date: str | None = None, *, rules: Rules) -> gazetteer.Official | None:
    """The office-holder's term a person's name stands for on ``date``: the name
    or an alias exactly, else a listed surname with the same first initial
    ("Kiril Dmitriev" → Kirill Dmitriev); None when two office-holders fit or
    the report predates every term listed. After a term, the nearest one holds."""
    words = _name_words(name, rules=rules)
    while len(words) > 1 and (words[0] in rules.role_words["royal_titles"] or rules.lexicon.is_role_phrase(words[0])):
        words = words[1:]
    terms = rules.gazetteer.officials_named(" ".join(words))
    if not terms and len(words) > 1:
        # any given name's initial: "Seyyed Abbas Araghchi" → Abbas Araghchi
        # a given name the same or one letter apart ("Kiril" → Kirill), not just its
        # initial ("Muse Bihi Abdi" is not Mazloum Abdi)
        given = [_fold(w) for w in (words[:-1] if len(words) <= 3 else words[:1])]
        terms = tuple(
            t for t in rules.gazetteer.officials_named(words[-1])
            if any(g == _fold(_name_words(t.name, rules=rules)[0]) or _near(g, _fold(_name_words(t.name, rules=rules)[0]))
                   for g in given)
        )
    if not terms or len({t.name for t in terms}) > 1:
        return None
    if date and all(t.start and date[:7] < t.start for t in terms):
        return None  # before any office the gazetteer knows of: nothing to say
    return min(terms, key=lambda t: t.distance(date))


def _fallback_affiliation(doc: Doc, roles: list[str], facts: list[RoleFact], home: str | None, *, rules: Rules) -> str | None:
    """An unqualified head-of-state title takes the outlet's country; a local
    official ("the city administration head") the country of a place nearby."""
    lex = rules.lexicon
    lowered = [r.lower() for r in roles]
    if home and any(r in _home_titles(home, rules=rules) for r in lowered) and _mentions_state(doc, home, rules=rules):
        return home
    if any(w in lex.local_roles for r in lowered for w in r.split()):
        for f in facts:
            country = _place_near(doc, f.sentence_start, rules=rules)
            if country:
                return country
        return None
    if any(_state_office(r, rules=rules) for r in lowered):
        return _state_in_context(doc, facts, rules=rules)
    return None


def _state_office(role: str, *, rules: Rules) -> bool:
    """ "Prime Minister", "Home Minister", "King", "Ambassador": an office only a
    state has (not "rebel chief" nor "commission President", whose words name a body)."""
    words = role.split()
    offices = rules.role_words["state_offices"]
    if not any(role == o or role.endswith(" " + o) for o in offices):
        return False
    return not any(w in rules.role_words["non_state_words"] for w in words)


def _anothers_state(doc: Doc, ent) -> bool:
    """ "ambassador to Russia" (where an envoy is sent), "Umaro Embalo of Guinea-Bissau"
    (another person's state)."""
    k = ent.start - 1
    if k < 0:
        return False
    if doc[k].lower_ == "to":
        return True
    return doc[k].lower_ == "of" and k > 0 and doc[k - 1].ent_type_ == "PERSON"


def _state_in_context(doc: Doc, facts: list[RoleFact], *, rules: Rules) -> str | None:
    """ "… said Prime Minister Girija Prasad Koirala": the one state named in the
    mention's sentence or the one before it, else the state the report names most
    often when it names it at least three times and twice as often as any other."""
    gaz = rules.gazetteer
    for f in facts:
        if f.sentence_start is None:
            continue
        sent = doc[f.sentence_start].sent
        for lo in (sent.start, doc[sent.start - 1].sent.start if sent.start > 0 else sent.start):
            states = {gaz.state_for(e.text) for e in ents_in(doc[lo : sent.end])
                      if e.label_ in ("GPE", "NORP") and not _anothers_state(doc, e)}
            states.discard(None)
            if len(states) == 1:
                return states.pop()
            if len(states) > 1:
                break
    counts: dict[str, int] = {}
    for e in ents_in(doc):
        if e.label_ in ("GPE", "NORP"):
            state = gaz.state_for(e.text)
            if state:
                counts[state] = counts.get(state, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    if ranked and ranked[0] >= 3 and (len(ranked) == 1 or ranked[0] >= 2 * ranked[1]):
        return max(counts, key=counts.get)
    return None


def _home_titles(state: str, *, rules: Rules) -> frozenset[str]:
    """Titles an outlet leaves unqualified for its own country's officials
    (listed in the gazetteer only where that habit is reliable)."""
    for record in rules.gazetteer.states():
        if record["name"] == state:
            return frozenset(record.get("head_titles", ()))
    return frozenset()


def _mentions_state(doc: Doc, state: str, *, rules: Rules) -> bool:
    return any(rules.gazetteer.state_for(e.text) == state for e in ents_in(doc) if e.label_ != "PERSON")


def _place_near(doc: Doc, token_i: int | None, *, rules: Rules) -> str | None:
    if token_i is None:
        return None
    sent = doc[token_i].sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for ent in ents_in(doc[start : sent.end]):
        entry = rules.gazetteer.lookup(ent.text)
        if entry and entry.kind in ("city", "region") and entry.country:
            return entry.country
    return None


def extract_actors(doc: Doc, ctx: Context) -> list[Actor]:
    """The actors of the context's index (built once, with the document, by ``Context.build``)."""
    return list(ctx.actors.actors.values())
