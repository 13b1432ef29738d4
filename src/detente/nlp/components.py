"""detente's spaCy components, added after the statistical NER.

- ``detente_gazetteer_v1`` labels states, capitals, cities, regions, seats of
  power, demonyms, organizations and armed groups from the gazetteer, where the
  small model errs ("Abu Dhabi" as ORG, "Kyiv" as PERSON). The canonical entry
  goes into ``ent.kb_id_`` as ``"<kind>:<name>"``.
- ``detente_person_fixer_v1`` relabels names the model mistakes for
  organizations or places ("Rustem Umerov" as ORG, "Witkoff" as GPE) from
  general evidence only: a role noun before or in apposition, being the subject
  of a reporting verb, or sharing the surname of a person already found; and
  demotes "persons" that follow an organization noun ("the corporation Rosatom").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..resources import read_json
from . import gazetteer
from .lexicon import Lexicon, one_edit_apart, read_lexicon

__all__ = ["add_components", "GazetteerRuler", "PersonFixer", "COMPONENTS", "PRE_PARSER", "EntityCues"]

#: Component names in pipeline order.
COMPONENTS = ("detente_gazetteer_v1", "detente_person_fixer_v1")
#: detente's components that run before the parser (they set sentence starts).
PRE_PARSER = ("detente_paragraphs_v1",)

_LABEL = {"seat": "ORG", "demonym": "NORP"}
_KIND_LABEL = {"organization": "ORG", "group": "ORG", "city": "GPE", "region": "GPE", "state": "GPE"}
#: Model labels a person's name may wrongly carry.
_FIXABLE = {"ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}
#: Lowercase particles inside names ("Khalil al-Hayya", "Mohammed bin Salman").
_PARTICLES = {"al", "el", "bin", "ibn", "bint", "abu", "de", "da", "di", "del", "der", "van", "von", "le", "la", "du"}


def _label(entry: gazetteer.Entry) -> str:
    return _LABEL.get(entry.via) or _KIND_LABEL[entry.kind]


class GazetteerRuler:
    """Phrase matches from the gazetteer override the model's entities, except
    inside a longer entity ("George Washington", "the Russian Defense Ministry")."""

    def __init__(self, nlp: Language):
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.entries: dict[str, gazetteer.Entry] = {}
        forms: dict[str, list[Doc]] = {}
        for form, entry in gazetteer.surface_forms():
            key = f"{entry.kind}:{entry.name}|{entry.via}"
            self.entries[key] = entry
            variants = {form, form.upper()} if len(form) > 3 else {form}
            forms.setdefault(key, []).extend(nlp.make_doc(v) for v in variants)
        for key, docs in forms.items():
            self.matcher.add(key, docs)

    def _span(self, doc: Doc, start: int, end: int, key: str) -> Span:
        entry = self.entries[key]
        return Span(doc, start, end, label=_label(entry), kb_id=f"{entry.kind}:{entry.name}")

    def __call__(self, doc: Doc) -> Doc:
        matches = [
            self._span(doc, s, e, doc.vocab.strings[m]) for m, s, e in self.matcher(doc)
        ]
        ents = list(doc.ents)
        for match in filter_spans(matches):
            ents = _merge(ents, match)
        doc.ents = sorted(ents, key=lambda e: e.start)
        return doc


def _merge(ents: list[Span], match: Span) -> list[Span]:
    for ent in ents:
        if ent.start <= match.start and match.end <= ent.end and len(ent) > len(match):
            if gazetteer.normalize(ent.text) == gazetteer.normalize(match.text):
                relabeled = Span(ent.doc, ent.start, ent.end, label=match.label_, kb_id=match.kb_id_)
                return [relabeled if e is ent else e for e in ents]
            return ents
    kept = [e for e in ents if e.end <= match.start or e.start >= match.end]
    return kept + [match]


def _name_like(span: Span, *, cues: EntityCues) -> bool:
    """Capitalized words (and name particles) only, with a proper noun among them."""
    lex = cues.lex
    if not 1 <= len(span) <= 5 or any(t.text in lex.org_words for t in span):
        return False
    for t in span:
        if t.is_punct and t.text in "-.'":
            continue
        if not (t.is_title or t.lower_ in _PARTICLES) or t.like_num:
            return False
    return any(t.pos_ == "PROPN" for t in span)


def _left(span: Span, skip_comma: bool = True):
    i = span.start - 1
    if skip_comma and i >= 0 and span.doc[i].text == ",":
        i -= 1
    return span.doc[i] if i >= 0 else None


def _after_role(span: Span, *, cues: EntityCues) -> bool:
    """A role noun or honorific just before: "spokesman Dmitry Peskov",
    "lead negotiator, Rustem Umerov", "President Trump"."""
    lex = cues.lex
    tok = _left(span)
    if tok is None:
        return False
    if tok.text in lex.honorifics:
        return True
    if not tok.is_alpha or tok.ent_type_ == "PERSON":
        return False
    return lex.is_role_head(tok.text, tok.lemma_, pos=tok.pos_)


def _before_role(span: Span, *, cues: EntityCues) -> bool:
    """A role noun in apposition right after: "Rustem Umerov, head of the
    delegation", "Aykhan Hajizada, the ministry's spokesperson"."""
    lex = cues.lex
    doc, i = span.doc, span.end
    if i >= len(doc) or doc[i].text != ",":
        return False
    for tok in doc[i + 1 : min(i + 7, len(doc))]:
        if tok.text == "-" and not tok.whitespace_:
            continue  # "a post-doctoral researcher"
        if tok.ent_type_ == "PERSON" or tok.is_punct:
            return False
        if tok.pos_ in ("NOUN", "PROPN") and lex.is_role_head(tok.text, tok.lemma_, pos=tok.pos_):
            # "…, head of the delegation," — not "New Jersey, the president accused …"
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            return nxt is None or nxt.is_punct or nxt.pos_ in ("ADP", "CCONJ")
        if tok.pos_ not in ("DET", "ADJ", "NOUN", "PROPN") and tok.tag_ != "POS":
            return False
    return False


def _reporting_subject(span: Span, *, cues: EntityCues) -> bool:
    lex = cues.lex
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in lex.reporting_verbs


def _after_org_head(span: Span, *, cues: EntityCues) -> bool:
    tok = _left(span, skip_comma=False)
    return tok is not None and tok.lower_ in cues.lex.org_heads


def _before_place_head(span: Span, *, cues: EntityCues) -> bool:
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ in cues.lex.place_heads


def _after_place_of(span: Span, *, cues: EntityCues) -> bool:
    """ "the city of Smila": a name after a place noun and "of"."""
    doc, i = span.doc, span.start
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in cues.lex.place_heads


def _org_apposition(span: Span, *, cues: EntityCues) -> bool:
    """ "Ukrenergo, the state energy transmission operator, said": the noun
    phrase after the comma is headed by an organization noun."""
    doc, i = span.doc, span.end
    if i >= len(doc) or doc[i].text != ",":
        return False
    head = None
    for tok in doc[i + 1 : min(i + 8, len(doc))]:
        if tok.pos_ in ("DET", "ADJ", "PROPN") or tok.tag_ == "POS":
            continue
        if tok.pos_ != "NOUN":
            break
        head = tok
    return head is not None and head.lower_ in cues.lex.org_heads


def _before_org_head(span: Span, *, cues: EntityCues) -> bool:
    """ "Gasabo gold refinery": a name that modifies an organization noun."""
    doc, lex = span.doc, cues.lex
    for tok in doc[span.end : min(span.end + 3, len(doc))]:
        if not tok.is_lower or tok.pos_ != "NOUN":
            return False
        if tok.lower_ in lex.org_heads:
            return True
    return False


@dataclass(frozen=True)
class EntityCues:
    """What the name fixes read: the role and entity lexicon, and the word lists of
    ``data/patterns/entity_cues.json`` only they use."""

    lex: Lexicon
    words: dict[str, frozenset[str]]

    @classmethod
    def load(cls) -> "EntityCues":
        """Read once, when spaCy builds the component (the nlp object owns it)."""
        cues = read_json("patterns", "entity_cues.json")
        return cls(lex=read_lexicon(read_json("patterns", "roles.json"), cues),
                   words={k: frozenset(cues[k]) for k in
                          ("name_prefixes", "name_suffixes", "reporting_verb_forms", "named_thing_heads")})


class PersonFixer:
    """Relabel mislabelled names, in two passes: local evidence first, then
    surnames of the persons the first pass settled."""

    def __init__(self, cues: EntityCues):
        self.cues = cues

    def __call__(self, doc: Doc) -> Doc:
        cues = self.cues
        ents = [self._first_pass(e, cues=cues) for ent in doc.ents for e in _split_lines(ent) for e in _split_state_prefix(e, cues=cues)]
        ents += _titled_names(doc, ents, cues=cues)
        ents = [_with_head(e, cues=cues) for e in ents]
        surnames = _surnames(ents)
        singles = {e.text for e in ents if e.label_ == "PERSON" and len(e) == 1 and e[0].is_title}
        ents = [_full_name(e, singles, cues=cues) for e in ents]
        ents = [piece for e in ents for piece in self._second_pass(e, surnames, cues=cues)]
        ents += _unlabeled_surnames(doc, ents, surnames)
        ents = _office_holder_surnames(doc, _office_holder_names(doc, ents, cues=cues))
        ents = [_widen_name(e, cues=cues) for e in ents if not _verb_not_name(e, cues=cues) and not _names_a_thing(e, cues=cues)]
        doc.ents = _join_adjacent(filter_spans(ents))
        return doc

    @staticmethod
    def _first_pass(ent: Span, *, cues: EntityCues) -> Span:
        if ent.label_ == "PERSON":
            if _after_org_head(ent, cues=cues) or (len(ent) == 1 and _before_org_head(ent, cues=cues)):
                return Span(ent.doc, ent.start, ent.end, label="ORG")
            if _before_place_head(ent, cues=cues) or _after_place_of(ent, cues=cues):
                return Span(ent.doc, ent.start, ent.end, label="GPE")
            if len(ent) == 1 and _org_apposition(ent, cues=cues):
                return Span(ent.doc, ent.start, ent.end, label="ORG")
            return ent
        if ent.label_ in ("GPE", "LOC", "FAC") and not ent.kb_id_ and _after_org_head(ent, cues=cues):
            return Span(ent.doc, ent.start, ent.end, label="ORG")  # "railway operator Ukrzaliznytsia"
        if ent.label_ in _FIXABLE and not ent.kb_id_ and _name_like(ent, cues=cues) and not gazetteer.lookup(ent.text):
            if _after_role(ent, cues=cues) or (len(ent) > 1 and (_reporting_subject(ent, cues=cues) or _before_role(ent, cues=cues))):
                return Span(ent.doc, ent.start, ent.end, label="PERSON")
        return ent

    @staticmethod
    def _second_pass(ent: Span, surnames: set[str], *, cues: EntityCues) -> list[Span]:
        if ent.label_ not in _FIXABLE or ent.kb_id_:
            return [ent]
        if len(ent) == 1 and ent.text in surnames:
            return [Span(ent.doc, ent.start, ent.end, label="PERSON")]
        if len(ent) == 1 and _reporting_subject(ent, cues=cues) and _name_like(ent, cues=cues) and not gazetteer.lookup(ent.text):
            if any(len(s) >= 5 and one_edit_apart(ent.text, s) for s in surnames):
                return [Span(ent.doc, ent.start, ent.end, label="PERSON")]
        return _split_listed(ent, surnames) or [ent]


def _split_lines(ent: Span) -> list[Span]:
    """An entity never runs across a line break ("X.\nKyrylo Budanov")."""
    if not any(t.is_space and "\n" in t.text for t in ent):
        return [ent]
    pieces, start = [], ent.start
    for tok in ent:
        if tok.is_space and "\n" in tok.text:
            pieces.append((start, tok.i))
            start = tok.i + 1
    pieces.append((start, ent.end))
    return [
        Span(ent.doc, a, b, label=ent.label_, kb_id=ent.kb_id_)
        for a, b in pieces
        if b > a and not all(t.is_punct or t.is_space for t in ent.doc[a:b])
    ]


def _split_state_prefix(ent: Span, *, cues: EntityCues) -> list[Span]:
    """ "Sudan Ramtane Lamamra" (one ORG after "Envoy for"): the state, then a
    name of two or more words."""
    if ent.label_ not in _FIXABLE or ent.kb_id_ or len(ent) < 3 or ent.start == 0:
        return [ent]
    before = ent.doc[ent.start - 1]
    if before.lower_ not in ("for", "of", "to") and not cues.lex.is_role_head(before.text, before.lemma_, pos=before.pos_):
        return [ent]
    for cut in (1, 2):
        head, rest = ent[:cut], ent[cut:]
        entry = gazetteer.lookup(head.text)
        if entry is None or entry.kind != "state" or len(rest) < 2 or not _name_like(rest, cues=cues):
            continue
        if head[-1].tag_ == "POS" or head[-1].text in ("'s", "\u2019s"):
            continue  # "Israel's Iron-Dome": a thing of the state, not a name after it
        if gazetteer.lookup(rest.text) is not None or any(
            (t.is_upper and len(t) > 1) or gazetteer.lookup(t.text) is not None for t in rest
        ):
            continue
        return [Span(ent.doc, head.start, head.end, label="GPE", kb_id=f"state:{entry.name}"),
                Span(ent.doc, rest.start, rest.end, label="PERSON")]
    return [ent]


def _titled_names(doc: Doc, ents: list[Span], *, cues: EntityCues) -> list[Span]:
    """Two or more capitalized proper nouns the model left unlabelled right
    after a role noun ("Foreign Ministry Spokesperson Aykhan Hajizada"), or
    one after a capitalized title ("Special Envoy Witkoff")."""
    lex = cues.lex
    taken = {i for e in ents for i in range(e.start, e.end)}
    found: list[Span] = []
    i = 0
    while i < len(doc):
        prev = doc[i - 1] if i else None
        if i in taken or not (_is_title_word(prev, cues=cues) or prev is None or prev.is_punct or prev.is_space):
            i += 1
            continue
        j = i
        while j < len(doc) and j not in taken and j - i < 6 and doc[j].pos_ == "PROPN" and doc[j].is_title:
            j += 1
        # "Special Envoy Witkoff": the name starts after the run's last title word.
        start = max((k + 1 for k in range(i, j) if _is_title_word(doc[k], cues=cues)), default=i)
        if start < j and _titled_name(doc[start:j], cues=cues):
            found.append(Span(doc, start, j, label="PERSON"))
        i = max(j, i + 1)
    return found


def _is_title_word(tok: Token | None, *, cues: EntityCues) -> bool:
    lex = cues.lex
    return tok is not None and (
        tok.text in lex.honorifics or lex.is_role_head(tok.text, tok.lemma_, pos=tok.pos_) or _ends_portfolio(tok, cues=cues)
    )


def _ends_portfolio(tok: Token, *, cues: EntityCues) -> bool:
    """The last word of "Minister of Defence", "Minister of Foreign Affairs":
    the object of an "of" that hangs from a role word."""
    if not tok.is_title or tok.dep_ != "pobj" or tok.head.lower_ != "of" or tok.i + 1 >= len(tok.doc):
        return False
    role = tok.head.head
    return tok.nbor(1).is_title and cues.lex.is_role_head(role.text, role.lemma_, pos=role.pos_)


def _titled_name(span: Span, *, cues: EntityCues) -> bool:
    lex = cues.lex
    doc = span.doc
    prev = doc[span.start - 1] if span.start else None
    titled = _is_title_word(prev, cues=cues)
    single = len(span) == 1 and titled and prev.is_title
    if not (2 <= len(span) <= 4 or single) or not (titled or _before_role(span, cues=cues)):
        return False
    return _name_like(span, cues=cues) and gazetteer.lookup(span.text) is None and not any(
        gazetteer.lookup(t.text) is not None or lex.is_role_head(t.text, t.lemma_, pos=t.pos_) for t in span
    )


def _full_name(ent: Span, singles: set[str], *, cues: EntityCues) -> Span:
    """ "Rustem Umerov" (tagged ORG) is a person where "Umerov" alone is one."""
    if ent.label_ in _FIXABLE and not ent.kb_id_ and len(ent) > 1 and ent[-1].text in singles and _name_like(ent, cues=cues):
        return Span(ent.doc, ent.start, ent.end, label="PERSON")
    return ent


def _with_head(ent: Span, *, cues: EntityCues) -> Span:
    """ "Seyed Abbas" + "Araghchi" (the model stopped before the surname): a
    name whose last word is a compound of the proper noun right after it,
    outside any entity, runs on over that noun; "Mithat" + "Sancar", "Gibril" +
    "Adam Bilal": a given name the model left out before it joins it."""
    if ent.label_ != "PERSON":
        return ent
    doc, start = ent.doc, ent.start
    if len(ent) <= 2 and start > 0 and _given_name_of(doc[start - 1], ent, cues=cues) and not (
        start > 1 and doc[start - 2].pos_ == "PROPN" and (doc[start - 2].is_title or doc[start - 2].is_upper)
    ):
        ent = Span(doc, start - 1, ent.end, label="PERSON")
    end = ent.end
    if end >= len(doc) or any(t.tag_ == "POS" for t in ent):
        return ent
    nxt, last = doc[end], doc[end - 1]
    word = nxt.text.replace("-", "").replace("'", "").replace("\u2019", "")
    if (nxt.pos_ == "PROPN" and nxt.is_title and word.isalpha() and not nxt.ent_type_ and last.dep_ == "compound"
            and last.head.i == nxt.i and not gazetteer.lookup(nxt.text)):
        return Span(doc, ent.start, end + 1, label="PERSON")
    return ent


def _given_name_of(tok: Token, ent: Span, *, cues: EntityCues) -> bool:
    lex = cues.lex
    return (
        tok.pos_ == "PROPN" and tok.is_title and tok.is_alpha and not tok.ent_type_ and tok.dep_ == "compound"
        and ent.start <= tok.head.i < ent.end and tok.text not in lex.honorifics
        and not lex.is_role_head(tok.text, tok.lemma_, pos=tok.pos_) and not gazetteer.lookup(tok.text)
    )


def _surnames(ents: list[Span]) -> set[str]:
    """Last words of full names, past a possessive ("Donald Trump's" → "Trump")."""
    found = set()
    for e in ents:
        toks = [t for t in e if not (t.tag_ == "POS" or t.text in ("'s", "\u2019s"))]
        if e.label_ == "PERSON" and len(toks) > 1 and toks[-1].is_title:
            found.add(toks[-1].text)
    return found


def _split_listed(ent: Span, surnames: set[str]) -> list[Span]:
    """ "Tusk, Zelenskiy" tagged as one entity: a person each, if all are known."""
    commas = [t.i for t in ent if t.text in (",", "and")]
    if not commas:
        return []
    bounds = [ent.start, *commas, ent.end]
    pieces = []
    for a, b in zip(bounds, bounds[1:]):
        a = a + 1 if a != ent.start else a
        if b - a != 1 or ent.doc[a].text not in surnames:
            return []
        pieces.append(Span(ent.doc, a, b, label="PERSON"))
    return pieces


def _join_adjacent(ents: list[Span]) -> list[Span]:
    """Two person entities with nothing between are one name
    ("Sheikh Mohammed bin Abdulrahman" + "Al Thani"), and so are two with a
    quoted nickname between ("Serhiy “Flash” Beskrestnov")."""
    out: list[Span] = []
    for ent in sorted(ents, key=lambda e: e.start):
        prev = out[-1] if out else None
        first = out[-2] if len(out) > 1 and prev is not None and prev.label_ != "PERSON" else prev
        if first is not None and first.label_ == ent.label_ == "PERSON" and (
            first.end == ent.start or _nickname_between(ent.doc, first.end, ent.start)
        ):
            # the nickname may carry an entity of its own ("Magyar" as GPE): it goes
            out[out.index(first):] = [Span(ent.doc, first.start, ent.end, label="PERSON")]
        else:
            out.append(ent)
    return out


_QUOTES = {'"', "\u201c", "\u201d", "'", "\u2018", "\u2019"}


def _nickname_between(doc: Doc, start: int, end: int) -> bool:
    """A quoted nickname of one to three capitalized words between two parts of a name."""
    inner = doc[start:end]
    return (
        3 <= len(inner) <= 5
        and inner[0].text in _QUOTES
        and inner[-1].text in _QUOTES
        and all(t.is_title or t.is_upper for t in inner[1:-1])
        and not any(t.is_space for t in inner)
    )


def _widen_name(ent: Span, *, cues: EntityCues) -> Span:
    """A person's name takes in a kunya before it ("Umm Talal al-Masri") and a
    generational suffix after it ("Joseph R. Biden, Jr.")."""
    if ent.label_ != "PERSON":
        return ent
    doc, start, end = ent.doc, ent.start, ent.end
    if start > 0 and doc[start - 1].text in cues.words['name_prefixes'] and doc[start - 1].is_title:
        start -= 1
    if end < len(doc) and doc[end].text in cues.words['name_suffixes']:
        end += 1
    elif end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].text in cues.words['name_suffixes']:
        end += 2
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label="PERSON")


def _names_a_thing(ent: Span, *, cues: EntityCues) -> bool:
    """ "the Witkoff plan", "the Trump administration": a name that only
    qualifies a plan, accord or government is not a person's mention."""
    doc = ent.doc
    nxt = doc[ent.end] if ent.end < len(doc) else None
    return (
        ent.label_ == "PERSON"
        and nxt is not None
        and nxt.pos_ == "NOUN"
        and nxt.lower_ in cues.words["named_thing_heads"]
        and not any(t.tag_ == "POS" for t in ent)
    )


def _verb_not_name(ent: Span, *, cues: EntityCues) -> bool:
    """ "” Said President Kagame": a capitalized reporting verb the model took for a name."""
    return ent.label_ == "PERSON" and len(ent) == 1 and ent[0].lower_ in cues.words['reporting_verb_forms']


def _unlabeled_surnames(doc: Doc, ents: list[Span], surnames: set[str]) -> list[Span]:
    taken = {i for e in ents for i in range(e.start, e.end)}
    return [
        Span(doc, t.i, t.i + 1, label="PERSON")
        for t in doc
        if t.i not in taken and t.pos_ == "PROPN" and t.text in surnames
    ]


#: Longest office-holder name looked up, in tokens ("Abdul-Malik al-Houthi" is six).
_OFFICIAL_TOKENS = 7


def _office_holder_names(doc: Doc, ents: list[Span], *, cues: EntityCues) -> list[Span]:
    """ "The Houthi leader Abdul-Malik al-Houthi": the full name of one listed
    office-holder is a person, over the shorter entities the model or the
    gazetteer made of its parts (the group in "al-Houthi")."""
    found: list[Span] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        span = None
        prev = doc[i - 1] if i else None
        if tok.is_title and tok.is_alpha and (
            prev is None or not prev.is_title or prev.is_sent_start or _is_title_word(prev, cues=cues)
        ):  # never from the middle of a longer name ("Abbas" in "Seyed Abbas Araghchi")
            for end in range(min(i + _OFFICIAL_TOKENS, len(doc)), i + 1, -1):
                if not (doc[end - 1].is_alpha and (doc[end - 1].is_title or doc[end - 1].is_upper)):
                    continue  # a name ends in a capitalized word or a numeral ("Leo XIV")
                terms = gazetteer.officials_named(doc[i:end].text)
                nxt = doc[end] if end < len(doc) else None
                if terms and nxt is not None and nxt.is_alpha and (
                    nxt.lower_ in _PARTICLES or nxt.is_title and doc[i:end].text != terms[0].name
                ):
                    continue  # "Amir Tamim" inside "Amir Tamim bin Hamad Al Thani": an alias cut out of a longer name
                if terms and len({t.name for t in terms}) == 1 and " " in doc[i:end].text.strip():
                    span = Span(doc, i, end, label="PERSON")
                    break
        if span is None:
            i += 1
            continue
        found.append(span)
        i = span.end
    if not found:
        return ents
    covered = {k for sp in found for k in range(sp.start, sp.end)}
    kept = [e for e in ents if not any(k in covered for k in range(e.start, e.end))]
    return kept + found


def _office_holder_surnames(doc: Doc, ents: list[Span]) -> list[Span]:
    """ "Kiir said …", "Rubio met Lavrov": a lone surname of one office-holder
    the gazetteer lists is a person, where the model left it unlabelled or
    took it for an organization."""
    taken = {i: e for e in ents for i in range(e.start, e.end)}
    out = [e for e in ents if not (len(e) == 1 and _office_holder(e[0]) and e.label_ in _FIXABLE and not e.kb_id_)]
    for tok in doc:
        owner = taken.get(tok.i)
        if owner is not None and (len(owner) > 1 or owner.label_ not in _FIXABLE or owner.kb_id_):
            continue
        if _office_holder(tok):
            out.append(Span(doc, _given_names_before(doc, tok, taken), tok.i + 1, label="PERSON"))
    return out


def _given_names_before(doc: Doc, tok: Token, taken: dict) -> int:
    """Where the office-holder's listed full name starts ("Gustavo" before "Petro")."""
    term = gazetteer.officials_named(tok.text)[0]
    for start in (tok.i - 2, tok.i - 1):
        if start < 0 or any(i in taken or not doc[i].is_title for i in range(start, tok.i)):
            continue
        if term in gazetteer.officials_named(doc[start : tok.i + 1].text):
            return start
    return tok.i


def _office_holder(tok: Token) -> bool:
    if tok.pos_ != "PROPN" or not tok.is_title or not tok.is_alpha or len(tok) < 4 or gazetteer.lookup(tok.text):
        return False
    terms = gazetteer.officials_named(tok.text)
    return len({t.name for t in terms}) == 1 and len(terms[0].name.split()) > 1 and (
        terms[0].name.split()[-1].casefold() == tok.text.casefold())


@Language.factory("detente_gazetteer_v1")
def make_gazetteer_ruler(nlp: Language, name: str) -> GazetteerRuler:
    return GazetteerRuler(nlp)


@Language.factory("detente_person_fixer_v1")
def make_person_fixer(nlp: Language, name: str) -> PersonFixer:
    return PersonFixer(EntityCues.load())


@Language.component("detente_paragraphs_v1")
def paragraph_starts(doc: Doc) -> Doc:
    """A paragraph whose last word is an abbreviation with its full stop ("…
    says the U.N." then the next paragraph) ends its sentence there; the
    parser, seeing no stop of its own, would run on into the next paragraph.
    Other line ends are left to the parser."""
    for tok in doc[2:]:
        prev, last = doc[tok.i - 1], doc[tok.i - 2]
        if prev.is_space and "\n" in prev.text and not tok.is_space and len(last) > 1 and last.text.endswith("."):
            tok.is_sent_start = True
    return doc


def add_components(nlp: Language) -> None:
    """Add detente's components: the sentence-start one before the parser, the
    others after the NER, in order (idempotent)."""
    for name in PRE_PARSER:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, before="parser") if "parser" in nlp.pipe_names else nlp.add_pipe(name, first=True)
    previous = "ner" if "ner" in nlp.pipe_names else None
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, after=previous) if previous else nlp.add_pipe(name)
        previous = name
