"""Speakers of quotes: the token layout of a report's quotations, the cue
lexicon, and the resolution of a cue's subject to a canonical name through
the actor index ("he" → the last person who spoke or headed a main clause;
"the Kremlin spokesman" → the person the index gives that role; "Israel's
foreign ministry" → Israel).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from ._quotemarks import QuoteSpan

__all__ = ["Lexicon", "Layout", "Speakers", "org_nouns"]

_SENTENCE_END = {".", "!", "?"}
#: Clauses whose subject does not head the sentence.
_SUBORDINATE = {"advcl", "relcl", "ccomp", "xcomp", "acl", "pcomp", "csubj", "csubjpass", "parataxis"}
_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}




@dataclass(frozen=True)
class Lexicon:
    """The cue words of ``data/quotes/reporting_verbs.json`` (``ctx.rules.quote_cues``)."""

    verbs: frozenset[str]
    indirect_verbs: frozenset[str]
    object_verbs: frozenset[str]
    intransitive: frozenset[str]
    topic_verbs: frozenset[str]
    according: frozenset[str]
    institutions: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    other_pronouns: frozenset[str]
    #: "the statement said": texts that speak for whoever issued them
    texts: frozenset[str] = frozenset()
    #: "the official said": unnamed speakers that go on with the last group that spoke
    anonymous: frozenset[str] = frozenset()

    @classmethod
    def from_data(cls, data: dict) -> "Lexicon":
        pron = data["pronouns"]
        return cls(
            verbs=frozenset(data["verbs"]),
            indirect_verbs=frozenset(data["indirect_verbs"]),
            object_verbs=frozenset(data["clause_verbs_with_object"]),
            intransitive=frozenset(data["cues_without_object"]),
            topic_verbs=frozenset(data["topic_verbs"]),
            according=frozenset(data["according_to"]),
            institutions=frozenset(data["institution_nouns"]),
            person_pronouns=frozenset(pron["person"]),
            group_pronouns=frozenset(pron["group"]),
            other_pronouns=frozenset(pron["none"]),
            texts=frozenset(data.get("text_nouns", ())),
            anonymous=frozenset(data.get("anonymous_speakers", ())),
        )


@dataclass
class Layout:
    """Token-level view of the quotes: which tokens are quoted, where sentences end."""

    doc: Doc
    text: str
    starts: list[int]
    quoted: list[bool]

    @classmethod
    def build(cls, doc: Doc, text: str, spans: list[QuoteSpan]) -> "Layout":
        starts = doc.to_array(IDX).tolist()  # from the arrays: a Token per word is the slow part
        quoted = [False] * len(doc)
        for q in spans:
            last = q.close if q.close is not None else q.end - 1
            for i in range(max(cls.token_at(starts, q.open), 0), cls.token_at(starts, last) + 1):
                quoted[i] = True
        return cls(doc, text, starts, quoted)

    @staticmethod
    def token_at(starts: list[int], char: int) -> int:
        return bisect_right(starts, char) - 1

    def tok(self, char: int) -> int:
        return self.token_at(self.starts, char)

    def is_boundary(self, i: int) -> bool:
        t = self.doc[i]
        return "\n" in t.text or (not self.quoted[i] and t.text in _SENTENCE_END)

    def before(self, open_tok: int) -> range:
        """Tokens between the sentence start (or the previous quote) and a quote."""
        i = open_tok - 1
        while i >= 0 and not self.quoted[i] and not self.is_boundary(i):
            i -= 1
        return range(i + 1, open_tok)

    def after(self, close_tok: int) -> range:
        """Tokens between a quote and its sentence end (or the next quote)."""
        i, n = close_tok + 1, len(self.doc)
        while i < n and not self.quoted[i] and not self.is_boundary(i):
            i += 1
        return range(close_tok + 1, i)

    def has_words(self, tokens: range) -> bool:
        return any(self.doc[i].is_alpha and self.doc[i].lower_ not in ("and", "but") for i in tokens)


@dataclass
class Speakers:
    """Speaker resolution over the actor index, mentions inside quotes ignored."""

    ctx: object
    layout: Layout
    lex: Lexicon
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    span_starts: list[int] = field(default_factory=list)
    last_group: str | None = None
    #: (char, name) of persons resolved as speakers, in order: mentions the index may lack.
    spoken: list[tuple[int, str]] = field(default_factory=list)
    #: Person → "m"/"f", from the pronouns that have meant them so far.
    genders: dict[str, str] = field(default_factory=dict)
    #: (char, state) of institutions named with their owner, built on first use.
    owned: list[tuple[int, str]] | None = None
    #: The speaker the last cue resolved to ("the statement said" goes on with it).
    latest: str | None = None

    def __post_init__(self):
        self.spans = [s for s in self.ctx.actors.spans if not self.layout.quoted[max(self.layout.tok(s[0]), 0)]]
        self.span_starts = [s[0] for s in self.spans]

    def kind(self, name: str | None) -> str | None:
        return self.ctx.actors.kind(name)

    def covering(self, tok: Token) -> str | None:
        k = bisect_right(self.span_starts, tok.idx) - 1
        if k >= 0 and self.spans[k][0] <= tok.idx < self.spans[k][1]:
            return self.spans[k][2]
        return None

    def in_range(self, start: int, end: int) -> list[str]:
        return [name for s, e, name in self.spans if s >= start and e <= end]

    def last_person_before(self, char: int, gender: str | None = None) -> str | None:
        """The person "he" or "she" most likely means: the last one who spoke
        or was the subject of a main clause, else the last one named; never
        one an earlier pronoun of the other gender meant. A speaker two or
        more paragraphs back yields to a person named since."""
        fits = lambda n: gender is None or self.genders.get(n, gender) == gender  # noqa: E731
        spoke = next(((c, n) for c, n in reversed(self.spoken) if c < char and fits(n)), None)
        recent = oblique = None
        k = bisect_right(self.span_starts, char) - 1
        while k >= 0 and not (spoke and spoke[0] >= self.spans[k][0]):
            s, e, name = self.spans[k]
            if self.kind(name) == "person" and fits(name):
                if self._salient(s, e):
                    return name
                if self._oblique(e):
                    oblique = oblique or (s, name)
                else:
                    recent = recent or (s, name)
            k -= 1
        named = max((c for c in (recent, oblique) if c), default=None)
        if spoke and named and _paragraphs_between(self.layout.text, spoke[0], char) >= 1:
            return named[1]
        return spoke[1] if spoke else (named[1] if named else None)

    def _oblique(self, end: int) -> bool:
        """A person met or talked with ("after a meeting with X", "talks with
        X"): not whom the next "he said" means while another person is in view."""
        tok = self.layout.doc[self.layout.tok(end - 1)]
        while tok.dep_ in ("compound", "flat", "appos") and tok.head.i != tok.i:
            tok = tok.head
        return tok.dep_ == "pobj" and tok.head.lower_ in ("with", "by", "to", "from")

    def _salient(self, start: int, end: int) -> bool:
        """Does the mention at ``[start, end)`` open its sentence or head its main clause?"""
        tok = self.layout.doc[self.layout.tok(end - 1)]
        if tok.tag_ == "POS" and tok.i > 0:
            tok = tok.nbor(-1)
        if tok.sent.start_char >= start:
            return tok.tag_ != "POS"
        if tok.dep_ == "ROOT":
            # a name as the root is a misparse ("X hosted Y" with "hosted" as a
            # modifier of Y): a subject before it heads the sentence
            return tok.tag_ != "POS" and not any(t.dep_ in ("nsubj", "nsubjpass") for t in tok.doc[tok.sent.start : tok.i])
        if tok.dep_ == "appos":
            tok = tok.head
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            return False
        if tok.head.dep_ in ("ROOT", "conj"):
            return True
        # the first subject of its sentence, of a verb not in a subordinate clause
        first = not any(t.dep_ in ("nsubj", "nsubjpass") for t in tok.doc[tok.sent.start : tok.i])
        return first and tok.head.pos_ == "VERB" and tok.head.dep_ not in _SUBORDINATE

    def heard(self, char: int, name: str | None) -> None:
        """Note a resolved speaker: persons for "he said", others for "it said"."""
        if not name:
            return
        kind = self.kind(name)
        if kind == "person" or kind is None and " " in name and not self.ctx.rules.gazetteer.stands_for(name):
            self.spoken.append((char, name))
        elif kind is not None or self.ctx.rules.gazetteer.stands_for(name):
            # "The Israeli army said …, it said": a state the index holds only
            # as an adjective still speaks on for "it"
            self.last_group = name

    def party(self, name: str) -> str:
        return name if self.kind(name) != "person" else (self.ctx.actors.party_of(name) or name)

    def resolve(self, subj: Token) -> str | None:
        """Canonical speaker for a subject token: a name, a description or a pronoun."""
        low = subj.lower_
        if low in self.lex.person_pronouns:
            gender = _GENDER.get(low)
            name = self.last_person_before(subj.idx, gender)
            if name and gender:
                self.genders.setdefault(name, gender)
            return name
        if low in self.lex.group_pronouns:
            return self.last_group
        if low in self.lex.other_pronouns or subj.pos_ == "PRON":
            return None
        return self.resolve_phrase(subj)

    def resolve_phrase(self, head: Token) -> str | None:
        named = self.covering(head)
        if named and self.kind(named) == "person":
            return named
        person = self._appositive(head) or self._known(head, person=True) or self._titled(head)
        if person:
            return person
        owner = self._owner(head)
        if owner:
            return owner
        if named:
            return named
        known = self._known(head, person=False)
        if known:
            return known
        if head.pos_ == "PROPN":
            return self._person_within(head) or self._proper_name(head)
        return self._the_text(head) or self._described(head) or self._the_institution(head)

    def _the_text(self, head: Token) -> str | None:
        """ "the statement said", "the post read": the text the last speaker
        issued; "the official said" after "an official from X said": X."""
        det = next((c for c in head.children if c.dep_ in ("det", "poss")), None)
        if det is None or det.lower_ not in ("the", "its", "their") or any(c.dep_ in ("compound", "amod", "poss") and c.pos_ == "PROPN" for c in head.children):
            return None
        lemma = head.lemma_.lower()
        if lemma in self.lex.texts or lemma == "read" and any(
            c.dep_ == "compound" and c.lemma_.lower() in self.lex.texts for c in head.children
        ):
            return self.latest
        if lemma in self.lex.anonymous and self.latest and self.kind(self.latest) != "person":
            return self.latest
        return None

    def named_after(self, cue: Token) -> str | None:
        """The person named right after a cue that has no subject ("Said
        President Felix Tshisekedi"), past title words, on the same line."""
        doc = self.layout.doc
        for tok in doc[cue.i + 1 : min(cue.i + 6, len(doc))]:
            if "\n" in tok.text or self.layout.quoted[tok.i]:
                return None
            named = self.covering(tok)
            if named:
                return named if self.kind(named) == "person" else None
            if tok.pos_ != "PROPN" and not (tok.is_title and tok.is_alpha):
                return None
        return None

    def _person_within(self, head: Token) -> str | None:
        """The one person named inside a title-headed subject ("Deputy Prime
        Minister and Foreign Minister Antonio Tajani", parsed with "Minister"
        as its head)."""
        right = head.right_edge
        people = {n for n in self.in_range(head.left_edge.idx, right.idx + len(right)) if self.kind(n) == "person"}
        return people.pop() if len(people) == 1 else None

    def _appositive(self, head: Token) -> str | None:
        for child in head.children:
            if child.dep_ == "appos":
                person = self._named_person(child)
                if person:
                    return person
        return None

    def _known(self, head: Token, *, person: bool) -> str | None:
        """What the index makes of the phrase ("the Kremlin spokesman" → Dmitry Peskov)."""
        if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
            return None
        for text in (self._phrase(head), head.text):
            name = self.ctx.actors.canonical(text)
            if name and (self.kind(name) == "person") == person:
                return name
        return None

    def _titled(self, head: Token) -> str | None:
        """"the minister", "the president": the last person named before with
        that title in their roles or next to their name."""
        det = next((c for c in head.children if c.dep_ == "det"), None)
        if det is None or det.lower_ != "the" or head.pos_ != "NOUN":
            return None
        noun = head.lemma_.lower()
        k = bisect_right(self.span_starts, head.idx) - 1
        while k >= 0:
            s, e, name = self.spans[k]
            if self.kind(name) == "person" and self._has_title(name, s, e, noun):
                return name
            k -= 1
        return None

    def _has_title(self, name: str, start: int, end: int, noun: str) -> bool:
        actor = self.ctx.actors.actors.get(name)
        if actor and any(noun in role.lower().split() for role in actor.roles):
            return True
        doc, first, last = self.layout.doc, self.layout.tok(start), self.layout.tok(end - 1)
        near = doc[max(first - 4, 0) : min(last + 6, len(doc))]
        return any(t.lemma_.lower() == noun and not t.sent_start for t in near if t.i < first or t.i > last)

    def _owner(self, head: Token) -> str | None:
        """The side an institution speaks for ("Israel's foreign ministry" → Israel)."""
        if head.lemma_.lower() not in self.lex.institutions and head.lower_ not in self.lex.institutions:
            return None
        for child in head.children:
            if child.dep_ in ("poss", "compound", "amod"):
                # "Rwanda's Foreign ministry" may be one ORG entity: the owner first.
                name = self.ctx.rules.gazetteer.stands_for(child.text) or self.covering(child) or self.ctx.actors.canonical(child.text)
                if name:
                    return self.party(name)
        return None

    def _phrase(self, head: Token) -> str:
        """The subject up to its head word, without what follows ("…, who …")."""
        start = head.left_edge.i
        while start < head.i and self.layout.quoted[start]:
            start += 1
        return head.doc[start : head.i + 1].text

    def _named_person(self, tok: Token) -> str | None:
        """The person an appositive names ("…'s lead negotiator, Rustem Umerov,")."""
        named = self.covering(tok)
        if named and (self.kind(named) == "person" or tok.pos_ == "PROPN"):
            return named
        if tok.pos_ == "PROPN":
            return self._proper_name(tok)
        return None

    def _proper_name(self, head: Token) -> str:
        """A name the actor index missed, as written (canonical where it can)."""
        first = head
        while first.i > 0 and first.nbor(-1).dep_ == "compound" and first.nbor(-1).pos_ == "PROPN" and first.nbor(-1).head.i == head.i:
            first = first.nbor(-1)
        text = head.doc[first.i : head.i + 1].text
        return self.ctx.actors.canonical(text) or text

    def _described(self, head: Token) -> str | None:
        """"Netanyahu's office", "a Hamas official", "a dispatch from the Rwandan Presidency"."""
        right = head.right_edge
        names = self.in_range(head.left_edge.idx, right.idx + len(right))
        if not names:
            return self._the_organization(head)
        if head.lemma_.lower() in self.lex.institutions or head.lower_ in self.lex.institutions:
            return self.party(names[0])
        groups = [n for n in names if self.kind(n) != "person"]
        return groups[0] if groups else None

    def _the_institution(self, head: Token) -> str | None:
        """ "The army said", "government negotiators added": the state whose
        institution the report last named with its owner ("the Colombian
        military", "Sudan's government")."""
        if not (self._is_institution(head) or any(c.dep_ == "compound" and self._is_institution(c) for c in head.children)):
            return None
        if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
            return None
        owned = self._owned_institutions()
        k = bisect_right([c for c, _ in owned], head.idx) - 1
        return owned[k][1] if k >= 0 else self._official_side(head)

    def _official_side(self, head: Token) -> str | None:
        """ "Russian Foreign Minister Sergey Lavrov confirmed … , the ministry
        said": with no institution named with its owner, the side of the
        official who is the subject of a clause in this paragraph or the one before."""
        text = self.layout.text
        line = text.rfind("\n", 0, head.idx)
        floor = text.rfind("\n", 0, line) if line > 0 else -1
        k = bisect_right(self.span_starts, head.idx) - 1
        while k >= 0 and self.spans[k][0] > floor:
            s, e, name = self.spans[k]
            tok = self.layout.doc[self.layout.tok(e - 1)]
            if self.kind(name) == "person" and (tok.dep_ in ("nsubj", "nsubjpass") or self._salient(s, e)):
                side = self.ctx.actors.party_of(name)
                return side if side and self.kind(side) == "state" else None
            k -= 1
        return None

    def _is_institution(self, tok: Token) -> bool:
        return tok.lemma_.lower() in self.lex.institutions or tok.lower_ in self.lex.institutions

    def _owned_institutions(self) -> list[tuple[int, str]]:
        """(char, state) of every institution noun named with the state that owns it."""
        if self.owned is None:
            self.owned = []
            for tok in self.layout.doc:
                if self.layout.quoted[tok.i] or not self._is_institution(tok):
                    continue
                for child in tok.children:
                    if child.dep_ in ("poss", "compound", "amod"):
                        state = self.ctx.rules.gazetteer.state_for(child.text) or self._state_before(child)
                        if state:
                            self.owned.append((tok.idx, state))
                            break
        return self.owned

    def _state_before(self, child: Token) -> str | None:
        """The state a multi-word owner names: "The United States Embassy" (the
        words of the name from its start up to the owner's last word)."""
        doc = child.doc
        start = child.left_edge.i
        while start < child.i and doc[start].pos_ == "DET":
            start += 1
        return self.ctx.rules.gazetteer.state_for(doc[start : child.i + 1].text) if start < child.i else None

    def _the_organization(self, head: Token) -> str | None:
        """ "the company said", "the group said": the organization or armed group
        last named as a subject, or introduced by such a noun ("railway operator
        Ukrzaliznytsia"), in this paragraph or the one before."""
        det = next((c for c in head.children if c.dep_ == "det"), None)
        if det is None or det.lower_ != "the" or head.lemma_.lower() not in self.ctx.rules.org_nouns:
            return None
        line = self.layout.text.rfind("\n", 0, head.idx)
        floor = self.layout.text.rfind("\n", 0, line) if line > 0 else -1
        k = bisect_right(self.span_starts, head.idx) - 1
        while k >= 0 and self.spans[k][0] > floor:
            s, e, name = self.spans[k]
            if self.kind(name) in ("organization", "group") and (self._salient(s, e) or self._introduced(s)):
                return name
            k -= 1
        return None

    def _introduced(self, start: int) -> bool:
        tok = self.layout.doc[self.layout.tok(start)]
        return tok.i > 0 and tok.nbor(-1).lower_ in self.ctx.rules.org_nouns


def _paragraphs_between(text: str, start: int, end: int) -> int:
    """Whole non-blank paragraphs strictly between two offsets."""
    return sum(1 for line in text[start:end].split("\n")[1:-1] if line.strip())


def org_nouns(org_heads: frozenset[str]) -> frozenset[str]:
    """Nouns that stand for an organization: the entity cues' organization heads
    (``ctx.rules.org_nouns``)."""
    # Not "the army", "the ministry": a state's institutions speak for the state.
    return (frozenset(org_heads) | {"operator", "militia", "group"}) - {"ministry", "army", "military"}
