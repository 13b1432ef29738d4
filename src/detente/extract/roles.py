"""A person's roles and affiliation from the words around one mention.

Three shapes, all in English news style:

- a title before the name: "Kremlin spokesman Dmitry Peskov",
  "U.S. Treasury Secretary Scott Bessent", "Trump's special envoy Steve Witkoff";
- an apposition before it: "Ukraine's lead negotiator, Rustem Umerov, said";
- an apposition after it: "Steve Witkoff, the White House envoy",
  "Kirill Dmitriev, who is the Kremlin's lead negotiator",
  "Markus Ziener, a former correspondent who is now a fellow with the GMF".

The role words come from ``data/patterns/roles.json``; affiliations from the
gazetteer or the organization named ("a fellow with the German Marshall
Fund"). A possessive person ("Trump's son-in-law") is kept as ``refers_to``,
for the actor index to resolve once every person's own affiliation is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..nlp import ents_in, gazetteer

if TYPE_CHECKING:
    from ..rules import Rules

__all__ = ["RoleFact", "roles_of", "name_start"]

_STOP_PUNCT = {",", ".", ";", ":", "(", ")", "\u2014", "\u2013", '"', "\u201c", "\u201d"}
_LINKS = {"with", "at", "of", "for", "from"}
_MAX_ROLE = 7


@dataclass(frozen=True)
class RoleFact:
    role: str | None
    affiliation: str | None = None
    refers_to: str | None = None
    #: Lower is stronger: 0 an affiliation named by "with/at/of ORG", 1 otherwise.
    rank: int = 1
    #: Index of the mention's first token (to look for places nearby).
    sentence_start: int | None = None


def roles_of(ent: Span, *, rules: Rules) -> list[RoleFact]:
    """Every role and affiliation the words around one person mention give."""
    facts = [
        _title_inside(ent, rules=rules), _title_before(ent, rules=rules), _apposition_before(ent, rules=rules), *_apposition_after(ent, rules=rules), _of_state_after(ent, rules=rules),
        _of_phrase_before(ent, rules=rules), _led_by(ent, rules=rules),
    ]
    return [f for f in facts if f is not None and (f.role or f.affiliation or f.refers_to)]


# -- units ----------------------------------------------------------------------


def _glued(tok: Token) -> bool:
    """Part of a hyphenated word ("Moscow-based", "son-in-law")."""
    doc = tok.doc
    after = tok.i + 1 < len(doc) and not tok.whitespace_ and doc[tok.i + 1].text == "-"
    before = tok.i > 0 and not doc[tok.i - 1].whitespace_ and doc[tok.i - 1].text == "-"
    return tok.text == "-" and not tok.whitespace_ or after or before


def _ent_of(tok: Token) -> Span | None:
    if not tok.ent_type_:
        return None
    doc, start, end = tok.doc, tok.i, tok.i
    while doc[start].ent_iob_ == "I":
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end + 1, label=tok.ent_type_)


def _unit_ending(tok: Token) -> Span:
    ent = _ent_of(tok)
    return ent if ent is not None else tok.doc[tok.i : tok.i + 1]


def _affiliation(unit: Span, *, rules: Rules) -> tuple[str | None, str | None]:
    """(state/organization/group, person referred to) a unit stands for."""
    ents = ents_in(unit) or [None]
    if ents[0] is not None and ents[0].label_ == "PERSON":
        return None, unit.text
    actor = rules.gazetteer.stands_for(unit.text)
    if actor:
        return actor, None
    label = unit[0].ent_type_
    if label == "ORG":
        first = next((t for t in unit if t.is_alpha and t.lower_ != "the"), None)
        state = rules.gazetteer.state_for(first.text) if first is not None else None
        return state or gazetteer.normalize(unit.text), None
    if not label and len(unit) == 1 and unit[0].pos_ == "PROPN" and _org_name(unit):
        return unit.text, None  # an untagged acronym: "HD's director"
    return None, None


def _resolves(tok: Token, *, rules: Rules) -> str | None:
    return None if _glued(tok) else rules.gazetteer.stands_for(tok.text)


# -- roles ----------------------------------------------------------------------


def _role_text(toks: list[Token], *, rules: Rules) -> str | None:
    """The role the tokens name, if their last word heads one; plural heads
    made singular ("Associated Press writers Matthew Lee" → "writer")."""
    lex = rules.lexicon
    while toks and (toks[0].lower_ in lex.skip_left or toks[0].lower_ == "of" or toks[0].is_punct):
        toks = toks[1:]
    toks = _cut_at_of(toks, rules=rules)
    if not toks:
        return None
    head = toks[-1]
    words = [t.lower_ for t in toks]
    phrase = any(lex.is_role_phrase(" ".join(words[i:])) for i in range(len(words)))
    hyphenated = head.i > 0 and _glued(head)
    if not phrase and not lex.is_role_head(head.text, head.lemma_, pos=head.pos_):
        if not hyphenated or not lex.is_role_phrase(_word_of(head)):
            return None
    text = head.doc[toks[0].i : head.i + 1].text
    if head.tag_ in ("NNS", "NNPS") and head.lemma_ and head.lemma_.lower() != head.lower_:
        text = text[: len(text) - len(head.text)] + (head.lemma_ if head.text[0].islower() else head.lemma_.title())
    return text


def _cut_at_of(toks: list[Token], *, rules: Rules) -> list[Token]:
    """ "administration of President" → "President"; "Secretary of State" stays."""
    lex = rules.lexicon
    words = [t.lower_ for t in toks]
    for i in range(len(toks) - 1, -1, -1):
        if words[i] == "of":
            if any(lex.is_role_phrase(" ".join(words[k:])) for k in range(i)):
                return toks
            return toks[i + 1 :]
    return toks


def _word_of(tok: Token) -> str:
    """The whole hyphenated word a token is part of, lowercase."""
    doc, start, end = tok.doc, tok.i, tok.i
    while start > 0 and _glued(doc[start - 1]) and _glued(doc[start]):
        start -= 1
    while end + 1 < len(doc) and _glued(doc[end]) and _glued(doc[end + 1]):
        end += 1
    return doc[start : end + 1].text.lower()


_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,7}(?:-[A-Z0-9]{1,5})?$")


def _scan_left_at(doc, i: int, floor: int, *, rules: Rules) -> tuple[list[Token], str | None, str | None, int]:
    """Role words ending at token ``i`` and what lies left of them: an
    affiliation, or a person whose affiliation it shares; and where it stopped."""
    lex = rules.lexicon
    toks: list[Token] = []
    j = i
    while j >= floor and len(toks) < _MAX_ROLE:
        t = doc[j]
        short = _bracketed_short_form(doc, j, floor)
        if short is not None:  # "Republican People's Party (CHP) leader"
            return toks, rules.gazetteer.stands_for(short) or short, None, j
        if t.tag_ == "POS" or t.text in ("'s", "\u2019s"):
            if j - 1 < floor:
                break
            owner = _unit_ending(doc[j - 1])
            aff, ref = _affiliation(owner, rules=rules)
            return toks, aff, ref, owner.start - 1
        if t.text in lex.honorifics or (t.text == "." and j > floor and doc[j - 1].text in lex.honorifics):
            j -= 1  # a rank between the title and the name ("spokesman Brig. Gen. Effie Defrin")
            continue
        ent = _ent_of(t)
        if ent is not None and not _glued(t):
            if ent.label_ == "PERSON":
                break
            whole = rules.gazetteer.stands_for(ent.text)
            if whole:
                return toks, whole, None, ent.start - 1
            if _resolves(t, rules=rules):
                return toks, _resolves(t, rules=rules), None, j - 1
            if len(ent) == 1 and (
                (j > floor and doc[j - 1].lower_ == "of")
                or lex.is_role_phrase(" ".join([t.lower_, *(x.lower_ for x in toks)]))
            ):
                toks.insert(0, t)  # "Secretary of State", "Finance Minister"
                j -= 1
                continue
            if ent.label_ == "ORG" and any(_resolves(x, rules=rules) for x in ent):
                toks.insert(0, t)
                j -= 1
                continue
            if ent.label_ == "ORG" and (_titled(ent, rules=rules) or _portfolio(ent, rules=rules)):
                toks.insert(0, t)  # "Justice & Human Rights Minister" tagged as an organization
                j -= 1
                continue
            if ent.label_ == "ORG":
                return toks, _affiliation(ent, rules=rules)[0], None, ent.start - 1
            break
        if _resolves(t, rules=rules):
            return toks, _resolves(t, rules=rules), None, j - 1
        if toks and _ACRONYM.match(t.text) and not lex.is_role_phrase(t.lower_):
            # "TPNPB spokesman", "JEM official": an untagged short form before the title is its body
            return toks, t.text, None, j - 1
        if _glued(t) or t.pos_ in ("NOUN", "PROPN", "ADJ") or (t.lower_ == "of" and toks):
            toks.insert(0, t)
            j -= 1
            continue
        break
    return toks, None, None, j


def _titled(ent: Span, *, rules: Rules) -> bool:
    """An "organization" the tagger found that ends in a title's head word."""
    last = ent[-1]
    return rules.lexicon.is_role_head(last.text, last.lemma_, pos=last.pos_)


def _portfolio(ent: Span, *, rules: Rules) -> bool:
    """ "Peace & Reconciliation Minister": before a minister's title, the words the
    tagger took for an organization are the portfolio."""
    doc = ent.doc
    return ent.end < len(doc) and doc[ent.end].lower_ in rules.role_words["portfolio_heads"]


def _bracketed_short_form(doc, j: int, floor: int) -> str | None:
    """The "CHP" of "… (CHP) leader" when token ``j`` closes the bracket."""
    if doc[j].text != ")":
        return None
    k = j - 1
    while k > floor and doc[k].text != "(" and j - k <= 4:
        k -= 1
    inner = doc[k + 1 : j].text if doc[k].text == "(" else ""
    letters = inner.replace("-", "").replace("/", "")
    return inner if 2 <= len(letters) <= 8 and letters.isalnum() and letters[:2].isupper() else None


def name_start(ent: Span, *, rules: Rules) -> int:
    """Where the name proper begins in an entity that took in its title
    ("Presidential Spokesman Dmitry Peskov" → "Dmitry")."""
    lex = rules.lexicon
    start = ent.start
    for tok in list(ent)[:-1]:
        if tok.text in lex.honorifics or lex.is_role_head(tok.text, tok.lemma_, pos=tok.pos_):
            start = tok.i + 1
    return start


def _floor(ent: Span, *, rules: Rules) -> int:
    """The mention's sentence start, past a split the parser made at a rank's
    full stop ("spokesman Brig. | Gen. Effie Defrin")."""
    doc, floor = ent.doc, ent.sent.start
    while floor > 1 and doc[floor - 1].text == "." and doc[floor - 2].text in rules.lexicon.honorifics:
        floor = doc[floor - 2].sent.start
    return floor


def _title_inside(ent: Span, *, rules: Rules) -> RoleFact | None:
    start = name_start(ent, rules=rules)
    if start == ent.start:
        return None
    inner = ent.doc[ent.start : start]
    _toks, aff, ref, _stop = _scan_left_at(ent.doc, ent.start - 1, _floor(ent, rules=rules), rules=rules) if ent.start else ([], None, None, 0)
    role = _role_text([t for t in inner if t.text not in rules.lexicon.honorifics], rules=rules)
    return RoleFact(role, aff, ref, sentence_start=ent.start) if role or aff else None


def _title_before(ent: Span, *, rules: Rules) -> RoleFact | None:
    doc = ent.doc
    if ent.start == 0:
        return None
    toks, aff, ref, stop = _scan_left_at(doc, ent.start - 1, _floor(ent, rules=rules), rules=rules)
    role = _role_text(toks, rules=rules)
    if aff is None and ref is None:
        ref = _coordinated(doc, stop, ent.sent.start)
        if role is None and ref is not None:
            shared = _shared_plural_title(doc, _before_of_phrase(doc, stop - 1, ent.sent.start), rules=rules)
            role = shared.role if shared else None
            if shared is None or (shared.affiliation is None and (role or "").lower() in rules.role_words["leader_roles"]):
                # "Araghchi and Witkoff": two sides' names; "Presidents Embalo and Macky
                # Sall": two heads of state, of two states unless the title says one;
                # but "MPs Pervin Buldan and Mithat Sancar" are one party's
                ref = None
    if role is None and not ref and not (aff and not toks and doc[ent.start - 1].tag_ == "POS"):
        return None
    return RoleFact(role, aff, ref, sentence_start=ent.start)


def _shared_plural_title(doc, last: int, *, rules: Rules) -> RoleFact | None:
    """ "Presidents Felix Tshisekedi … and Paul Kagame": a plural title covers both."""
    first = _unit_ending(doc[last])
    if first.start == 0 or doc[first.start - 1].tag_ not in ("NNS", "NNPS"):
        return None
    fact = _title_before(first, rules=rules)
    return fact if fact and (fact.role or fact.affiliation) else None


def _coordinated(doc, stop: int, floor: int) -> str | None:
    """ "Armenian President Vaagn Khachaturyan and Prime Minister Nikol Pashinyan":
    the second title shares the first person's country (past an "of the DRC")."""
    if stop - 1 < floor or doc[stop].pos_ != "CCONJ":
        return None
    k = _before_of_phrase(doc, stop - 1, floor)
    if k < floor or doc[k].ent_type_ != "PERSON":
        return None
    return _unit_ending(doc[k]).text


def _before_of_phrase(doc, k: int, floor: int) -> int:
    if not doc[k].ent_type_ or doc[k].ent_type_ == "PERSON":
        return k
    j = _ent_of(doc[k]).start - 1
    if j >= floor and doc[j].lower_ == "the":
        j -= 1
    return j - 1 if j >= floor and doc[j].lower_ == "of" else k


def _apposition_before(ent: Span, *, rules: Rules) -> RoleFact | None:
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].text != ",":
        return None
    nxt = doc[ent.end] if ent.end < len(doc) else None
    linked = ent.root.dep_ == "appos" or (nxt is not None and (nxt.text == "," or nxt.pos_ in ("VERB", "AUX")))
    if not linked:
        return None
    toks, aff, ref, stop = _scan_left_at(doc, ent.start - 2, ent.sent.start, rules=rules)
    role = _role_text(toks, rules=rules)
    if role is None:
        return None
    if not _opens_clause(doc, stop, ent.sent.start) and not (ent.root.dep_ == "appos" and ent.root.head.i == ent.start - 2):
        return None  # "according to the reporter, Witkoff said"; but "led by the Corps Commander, Lt Gen X"
    return RoleFact(role, aff, ref, sentence_start=ent.start)


def _of_phrase_before(ent: Span, *, rules: Rules) -> RoleFact | None:
    """ "former president of Finland, Martti Ahtisaari", "the head of Thailand's
    Peace Dialogue Panel, General Wanlop …": a title, "of" and what it heads, a
    comma (and a rank) before the name; the affiliation is the owner or the
    state or organization the "of" phrase names."""
    doc, floor = ent.doc, ent.sent.start
    k = ent.start - 1
    while k > floor and k >= ent.start - 3 and doc[k].text != "," and doc[k].pos_ == "PROPN" and not doc[k].ent_type_:
        k -= 1  # a rank before the name: "General"
    if k <= floor or doc[k].text != ",":
        return None
    of = next((i for i in range(k - 1, max(floor, k - 9) - 1, -1) if doc[i].lower_ == "of"), None)
    if of is None or of <= floor or any(doc[i].text in _STOP_PUNCT for i in range(of + 1, k)):
        return None
    toks, aff, ref, stop = _scan_left_at(doc, of - 1, floor, rules=rules)
    role = _role_text(toks, rules=rules)
    if role is None or aff or ref or not (_opens_clause(doc, stop, floor) or ent.root.dep_ in ("appos", "conj")):
        return None
    obj = doc[of + 1 : k]
    owner = next((t for t in obj if t.tag_ == "POS" or t.text in ("'s", "\u2019s")), None)
    if owner is not None and owner.i > obj.start:
        aff, ref = _affiliation(_unit_ending(doc[owner.i - 1]), rules=rules)
    else:
        aff = rules.gazetteer.stands_for(obj.text) or next(
            (a for a in (_inner_affiliation(t, rules=rules) for t in obj) if a), None)
    return RoleFact(role, aff, None if aff else ref, sentence_start=ent.start)


def _led_by(ent: Span, *, rules: Rules) -> RoleFact | None:
    """ "… and BRN, led by Anas Abdulrahman": the group or state a participle
    "led/headed by" hangs on is the name's side."""
    doc, k = ent.doc, ent.start - 3
    if k < ent.sent.start or doc[k + 2].lower_ != "by" or doc[k + 1].lower_ not in ("led", "headed"):
        return None
    if doc[k].text == ",":
        k -= 1
    if k < ent.sent.start or doc[k].pos_ != "PROPN":
        return None
    unit = _unit_ending(doc[k])
    aff = rules.gazetteer.stands_for(unit.text)
    if aff is None and (unit.label_ == "ORG" or _org_name(unit)) and unit[0].pos_ == "PROPN":
        aff = gazetteer.normalize(unit.text)
    return RoleFact(None, aff, None, sentence_start=ent.start) if aff else None


def _opens_clause(doc, stop: int, floor: int) -> bool:
    """The noun phrase before "…, Name" is a subject, not the object of
    "according to the reporter, Witkoff said"."""
    if stop >= floor and doc[stop].pos_ == "DET":
        stop -= 1
    if stop < floor:
        return True
    tok = doc[stop]
    return tok.is_punct or tok.pos_ == "CCONJ" or tok.lower_ == "of"


def _of_state_after(ent: Span, *, rules: Rules) -> RoleFact | None:
    """ "President Felix Tshisekedi of the DRC"."""
    doc = ent.doc
    k = ent.end
    if k + 1 >= len(doc) or doc[k].lower_ != "of":
        return None
    k += 1
    if doc[k].lower_ == "the" and k + 1 < len(doc):
        k += 1
    if not doc[k].ent_type_:
        if doc[k].pos_ == "PROPN" and _org_name(doc[k : k + 1]):
            return RoleFact(None, doc[k].text, None, sentence_start=ent.start)  # "of the MFDC", untagged
        return None
    unit = _ent_of(doc[k])
    entry = rules.gazetteer.lookup(unit.text)
    if entry is None and unit.label_ == "ORG" and unit.start == k and _org_name(unit):
        return RoleFact(None, gazetteer.normalize(unit.text), None, sentence_start=ent.start)  # "General X of the MFDC"
    if entry is None or entry.kind not in ("state", "organization", "group"):
        return None
    return RoleFact(None, entry.name, None, sentence_start=ent.start)


def _org_name(unit: Span) -> bool:
    """An organization's own name: an acronym ("MFDC", "SPLM-N") or words that
    are all capitalized ("Movement of Democratic Forces")."""
    words = [t.text for t in unit if t.is_alpha or "-" in t.text]
    if not words:
        return False
    if len(words) == 1:
        bare = words[0].replace("-", "")
        return len(bare) >= 2 and bare[:2].isupper()
    return all(w[:1].isupper() or w.lower() in ("of", "for", "and", "the") for w in words)


def _apposition_after(ent: Span, *, rules: Rules) -> list[RoleFact]:
    doc = ent.doc
    j = ent.end
    if j >= len(doc) - 1 or doc[j].text not in (",", "("):  # "Gil Reich (acting head of the NSC)"
        return []
    j += 1
    facts: list[RoleFact] = []
    while j < len(doc) and len(facts) < 3:
        j = _skip_relative(doc, j)
        if j is None:
            break
        fact, j = _noun_phrase(doc, j, ent.start, rules=rules)
        if fact is None or (j < len(doc) and doc[j].ent_type_ == "PERSON"):
            break  # "X, Deputy Chairman of the Security Service Y": Y's title, not X's
        facts.append(fact)
        if j >= len(doc) or doc[j].lower_ != "who":
            break
    return facts


def _skip_relative(doc, j: int) -> int | None:
    """Past "who is (now)", "who has been"; None after "who" with any other verb."""
    if doc[j].lower_ not in ("who", "which"):
        return j
    if doc[j].lower_ == "which":
        return None
    k = j + 1
    while k < len(doc) and (doc[k].lemma_ in ("have", "be") or doc[k].pos_ == "ADV"):
        k += 1
    copula = any(doc[x].lemma_ == "be" for x in range(j + 1, k))
    return k if copula else None


def _noun_phrase(doc, k: int, mention: int, *, rules: Rules) -> tuple[RoleFact | None, int]:
    sent_end = doc[k].sent.end
    lex = rules.lexicon
    while k < sent_end - 1 and doc[k].pos_ == "ADV":
        k += 1  # "formerly the head of …", "now a fellow …"
    if k < len(doc) and doc[k].pos_ == "DET":
        k += 1
    toks: list[Token] = []
    aff = ref = None
    i = k
    while i < sent_end and len(toks) < _MAX_ROLE:
        t = doc[i]
        if t.text in _STOP_PUNCT or t.lower_ in ("who", "which", "that", "whose"):
            break
        if t.tag_ == "POS" or t.text in ("'s", "\u2019s"):
            owner = _unit_ending(doc[i - 1])
            aff, ref = _affiliation(owner, rules=rules)
            toks = [x for x in toks if x.i < owner.start]
            i += 1
            continue
        modifier = t.tag_ in ("VBG", "VBN") and t.dep_ in ("amod", "compound")  # "a senior consulting fellow"
        if not _glued(t) and not modifier and (t.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "SCONJ", "PRON", "NUM", "DET", "PART")):
            break
        toks.append(t)
        i += 1
    toks = [t for t in toks if t.lower_ not in lex.skip_left]
    role = _role_text(toks, rules=rules)
    if role is None:
        return None, i
    if aff is None:
        aff = next((a for a in (_inner_affiliation(t, rules=rules) for t in toks) if a), None)
    linked, i = _linked_affiliation(doc, i, toks[-1] if toks else None, rules=rules)
    if linked and aff is not None and ref is None:
        return RoleFact(role, aff, None, rank=0, sentence_start=mention), i  # "HD's director of Francophone Africa"
    if linked:
        return RoleFact(role, linked, None, rank=0, sentence_start=mention), i
    return RoleFact(role, aff, ref, sentence_start=mention), i


def _inner_affiliation(tok: Token, *, rules: Rules) -> str | None:
    if _glued(tok):
        return None
    ent = _ent_of(tok)
    if ent is not None:
        return _affiliation(ent, rules=rules)[0]
    return _resolves(tok, rules=rules)


def _linked_affiliation(doc, i: int, head: Token | None = None, *, rules: Rules) -> tuple[str | None, int]:
    """ "… a fellow with the German Marshall Fund": the organization or state after
    the role's head, past "X-based" ("at the London-based Chatham House") and a
    department of it ("at the war studies department of King's College"); the
    country of a place's administration ("head of the Kharkiv military
    administration"); "to" only after an adviser's title ("adviser to the
    Ukrainian presidency", never "ambassador to Russia")."""
    if i >= len(doc) - 1 or not _links(doc[i], head, rules=rules):
        return None, i
    k = i + 1
    if doc[k].pos_ == "DET" and not doc[k].ent_type_:
        k += 1
    k = _past_based(doc, k)
    k = _past_department(doc, k)
    k = _past_portfolio(doc, k)
    k = _past_descriptor(doc, k)
    if k >= len(doc) or not doc[k].ent_type_:
        return None, i
    unit = _ent_of(doc[k])
    aff, _ref = _affiliation(unit, rules=rules)
    if aff is None:
        aff = _administered(doc, unit, rules=rules)
    return (aff, unit.end) if aff else (None, i)


def _links(tok: Token, head: Token | None, *, rules: Rules) -> bool:
    if tok.lower_ in _LINKS:
        return True
    return tok.lower_ == "to" and head is not None and head.lemma_.lower() in rules.role_words['linked_by_to']


def _past_based(doc, k: int) -> int:
    """Past "London-based", "Moscow-based"."""
    while k + 2 < len(doc) and doc[k + 1].text == "-" and doc[k + 2].lower_ == "based":
        k += 3
    return k


def _past_department(doc, k: int) -> int:
    """Past a few lowercase words and "of" ("the war studies department of")."""
    j = k
    while j < min(k + 5, len(doc)) and doc[j].is_lower and doc[j].pos_ in ("NOUN", "ADJ") and not doc[j].ent_type_:
        j += 1
    if j > k and j + 1 < len(doc) and doc[j].lower_ == "of":
        j += 1
        return j + 1 if doc[j].pos_ == "DET" and not doc[j].ent_type_ else j
    return k


def _past_descriptor(doc, k: int) -> int:
    """Past lowercase words that describe the name after them ("of regional
    grouping IGAD", "of rebel group M23")."""
    j = k
    while j < min(k + 3, len(doc)) and doc[j].is_lower and doc[j].pos_ in ("NOUN", "ADJ", "PROPN"):
        j += 1
    return j if j > k and j < len(doc) and doc[j].pos_ == "PROPN" and not doc[j].is_lower else k


def _past_portfolio(doc, k: int) -> int:
    """Past a minister's portfolio and "of" ("Minister of Defence of Malaysia",
    "Minister of Foreign Affairs of the Kingdom of Cambodia")."""
    j = k
    while j < min(k + 4, len(doc)) and (doc[j].is_title or doc[j].lower_ == "and") and doc[j].is_alpha and not doc[j].ent_type_:
        j += 1
    if j > k and j + 1 < len(doc) and doc[j].lower_ == "of":
        j += 1
        return j + 1 if doc[j].lower_ == "the" and not doc[j].ent_type_ else j
    return k


def _administered(doc, unit: Span, *, rules: Rules) -> str | None:
    """A city or region followed by a body that governs it: its country."""
    entry = rules.gazetteer.lookup(unit.text)
    if entry is None or entry.kind not in ("city", "region") or not entry.country:
        return None
    after = doc[unit.end : unit.end + 3]
    governs = any(t.lemma_.lower() in rules.role_words['administrations'] for t in after)
    return entry.country if governs else None
