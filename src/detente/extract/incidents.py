"""Incidents during talks: attacks, casualties with figures, ceasefire
violations.

Each is found from a trigger word in a sentence, with its actor (the side that
attacks, kills or violates: the subject, an "Israeli" or "Russia's" modifier,
a "by" agent, "its forces" in the words of the side that speaks) resolved to a
party. The side accused ("Kyiv accused Moscow of shelling Kherson") is the
actor, never the side that accuses or reports. A toll whose attacker is named
("Israeli strikes killed 19") is that attack's; casualties stand alone when no
side is named or the toll is told as built up ("900 have been killed since").
Hypothetical, negated or only intended mentions ("if Russia were to attack
again", "no one was killed", "plans to strike") are not incidents; neither is
an attack no side is named for. Rules live in ``data/incidents.json``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ..nlp import text_of
from ..records import Evidence, Incident
from ._events import is_question, number_at, parties_in
from ._sides import with_sides

if TYPE_CHECKING:
    from .context import Context
    from ..rules import Rules

__all__ = ["extract_incidents"]

_NOT_COUNTS = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"}
_NAMES = {"ORG", "PERSON", "GPE", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT"}  # "France 2" is no toll


def extract_incidents(doc: Doc, ctx: Context) -> list[Incident]:
    """Attacks, casualties and violations. A side's violations are one
    incident per report (they are claims, repeated); its attacks in
    consecutive sentences are one attack told twice."""
    ctx = with_sides(ctx, text_of(doc))  # an unlisted rebel movement attacks as a side, under its short name
    rules = ctx.rules
    found: list[Incident] = []
    last_attack: dict[str, tuple[int, int]] = {}  # actor -> (sentence index, position in found)
    tolls: list[Incident] = []
    for index, sent in enumerate(doc.sents):
        if is_question(sent):
            continue
        for incident in _in_sentence(sent, ctx):
            if _attack_toll(sent, incident, rules=rules):
                tolls.append(incident)  # "The explosion injured 26 people": the attack's toll
                continue
            if incident.kind == "attack" and incident.actor in last_attack:
                seen_at, pos = last_attack[incident.actor]
                if index - seen_at <= 1:
                    found[pos] = _better_target(found[pos], incident)
                    last_attack[incident.actor] = (index, pos)
                    continue
            if incident.kind == "violation" and any(
                f.kind == "violation" and f.actor == incident.actor for f in found
            ):
                continue
            if any(_same(f, incident) for f in found):
                continue
            if incident.kind == "attack":
                last_attack[incident.actor] = (index, len(found))
            found.append(incident)
    return _one_untold_toll(_attack_tolls(found, tolls))


def _attack_toll(sent: Span, incident: Incident, *, rules: Rules) -> bool:
    """"ETA bombed the airport. The explosion injured 26 people": a toll with
    no side whose subject is "the" attack told elsewhere."""
    if incident.kind != "casualties" or incident.actor is not None or incident.quantity is None:
        return False
    nouns = set(rules.incidents["anaphoric_attack_nouns"])
    subject = next((t for t in sent if t.dep_ == "nsubj"), None)
    if subject is None or (subject.lemma_.lower() not in nouns and subject.lower_ not in nouns):
        return False
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subject.children)


def _attack_tolls(found: list[Incident], tolls: list[Incident]) -> list[Incident]:
    """Tolls of "the" attack go to the report's attack where one side
    attacks in it; else they stand as casualties."""
    if not tolls:
        return found
    sides = {f.actor for f in found if f.kind == "attack"}
    if len(sides) != 1:
        return found + [t for t in tolls if not any(_same(f, t) for f in found)]
    i = next(i for i, f in enumerate(found) if f.kind == "attack")
    if found[i].quantity is None:
        found[i] = found[i].model_copy(update={"quantity": tolls[0].quantity})
    return found


def _one_untold_toll(found: list[Incident]) -> list[Incident]:
    """Casualties told without a figure or a side stand for the report's toll
    only where it gives none with a figure, and once."""
    tolls = [f for f in found if f.kind == "casualties" and f.actor is None]
    if not any(f.quantity is None for f in tolls):
        return found
    keep = next(f for f in tolls if f.quantity is None) if all(f.quantity is None for f in tolls) else None
    return [f for f in found if not (f.kind == "casualties" and f.actor is None and f.quantity is None) or f is keep]


def _same(a: Incident, b: Incident) -> bool:
    if a.kind == b.kind == "attack" and a.actor == b.actor and a.quantity is not None and a.quantity == b.quantity:
        return True  # the same toll: the headline's attack told again
    return (a.kind, a.actor, (a.target or "").lower(), a.quantity) == (b.kind, b.actor, (b.target or "").lower(), b.quantity)


def _better_target(kept: Incident, new: Incident) -> Incident:
    """Keep the first telling, with the more specific target of the two."""
    if len(new.target or "") > len(kept.target or ""):
        return kept.model_copy(update={"target": new.target})
    return kept


def _in_sentence(sent: Span, ctx: Context) -> list[Incident]:
    rules = ctx.rules
    out: list[Incident] = []
    tolls: list[Incident] = []
    done: set[tuple] = set()
    for tok in sent:
        found = _attack(tok, ctx) + _intercepted(tok, ctx) + _casualties(tok, ctx) + _violations(tok, ctx)
        for incident in found:
            key = (incident.kind, incident.actor)
            if key not in done:
                done.add(key)
                standing = incident.kind == "casualties" and _standing_toll(tok)
                (out if standing or incident.kind != "casualties" else tolls).append(incident)
    return _fold_casualties(out, tolls)


def _standing_toll(tok: Token) -> bool:
    """"900 people have been killed by Israeli strikes since then": a toll
    that has built up, told as such (casualties), not one attack's."""
    verb = tok if tok.pos_ == "VERB" else tok.head
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" and c.tag_ in ("VBP", "VBZ") for c in verb.children)


def _fold_casualties(out: list[Incident], tolls: list[Incident]) -> list[Incident]:
    """Casualties with a side named are that side's attack ("Israeli strikes
    killed 19" is one attack by Israel, with its toll); a toll in a sentence
    whose attack has a side is that attack's."""
    for f in tolls:
        attacks = [i for i, a in enumerate(out) if a.kind == "attack" and a.actor and (a.actor == f.actor or not f.actor)]
        if attacks:
            i = attacks[0]
            if out[i].quantity is None:
                out[i] = out[i].model_copy(update={"quantity": f.quantity})
        elif f.actor:
            out.append(f.model_copy(update={"kind": "attack"}))
        else:
            out.append(f)
    return out


# -- attacks ---------------------------------------------------------------


def _is_attack(tok: Token, *, rules: Rules) -> bool:
    data = rules.incidents
    lemma = tok.lemma_.lower()
    if tok.pos_ == "NOUN" and tok.dep_ != "compound":
        if lemma in data["attack_nouns"]:
            return not _left_words(tok, 2) & set(data["non_attack_modifiers"])  # not a hunger strike
        if lemma in data["launch_only_nouns"]:  # "mounted its invasion", not "the 2022 invasion"
            return tok.head.pos_ == "VERB" and tok.head.lemma_.lower() in data["launch_verbs"]
        if lemma in data["operation_nouns"] and not _left_words(tok, 3) & set(data["non_attack_modifiers"]):
            launched = tok.head.pos_ == "VERB" and tok.head.lemma_.lower() in data["launch_verbs"] and tok.dep_ == "dobj"
            return launched or bool(_left_words(tok, 3) & set(data["operation_modifiers"]))
    if tok.pos_ == "VERB" and lemma in data["fire_verbs"]:  # "fired missiles at …", "launched a wave of drones"
        if any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children):
            return False  # "shot down drones" is the defence
        if _left_words(tok, 2) & set(data["test_words"]):
            return False  # "test-fired a new ballistic missile": a weapons test hits no one
        return any(c.dep_ == "dobj" and _is_weapon(c, rules=rules) for c in tok.children)
    if tok.pos_ == "VERB" and lemma == "take" and any(c.lower_ in data["hostage_words"] for c in tok.children):
        return True  # "she was taken hostage by Hamas", "took 30 soldiers hostage"
    if tok.pos_ == "VERB" and (lemma in data["capture_verbs"] or lemma in data["control_verbs"]):
        # "captured the village", "took control of Walikale": told as done, not floated ("the idea of taking control")
        if tok.tag_ not in ("VBD", "VBN") or tok.dep_ in ("xcomp", "pcomp", "acl"):
            return False
        return lemma in data["capture_verbs"] or any(c.dep_ == "dobj" and c.lower_ in data["control_objects"] for c in tok.children)
    return tok.pos_ == "VERB" and (lemma in data["attack_verbs"] or lemma in data["abduction_verbs"])


def _is_weapon(tok: Token, *, rules: Rules) -> bool:
    """"missiles", or a group of them ("a wave of drones", "dozens of rockets")."""
    data = rules.incidents
    if tok.lower_ in data["weapons"] and tok.lower_ not in data["weapon_groups"]:
        return True
    if tok.lower_ in data["weapon_groups"] or tok.lower_ in data["weapons"]:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                return any(o.dep_ == "pobj" and _is_weapon(o, rules=rules) for o in prep.children)
        return tok.lower_ in data["weapons"]
    return False


def _attack(tok: Token, ctx: Context) -> list[Incident]:
    rules = ctx.rules
    if not _is_attack(tok, rules=rules) or _suppressed(tok, rules=rules) or _means_of_violation(tok, rules=rules):
        return []
    if _charged(tok, rules=rules):
        return []
    actor = _actor(tok, ctx)
    if actor is None:
        return []
    target = _target(tok, rules=rules)
    if _captures(tok, rules=rules) and not _is_ground(target, rules=rules):
        return []  # "a helicopter that was captured": not ground taken
    if target is not None and _party_of(ctx, target) == actor:
        return []
    if _not_violent(tok, target, rules=rules):
        return []  # "attacking his credibility", "targeted the fleet with sanctions"
    kind = "other" if tok.lemma_.lower() in rules.incidents["abduction_verbs"] else "attack"  # people taken away
    return [_incident(kind, tok, ctx, actor=actor, target=target.text if target is not None else None)]


def _captures(tok: Token, *, rules: Rules) -> bool:
    data = rules.incidents
    if any(c.lower_ in data["hostage_words"] for c in tok.children):
        return False  # "took 30 soldiers hostage": people, not ground
    return tok.pos_ == "VERB" and tok.lemma_.lower() in set(data["capture_verbs"]) | set(data["control_verbs"])


def _is_ground(target: Span | None, *, rules: Rules) -> bool:
    """What a capture takes is ground: a named place, or a town, a village,
    territory, positions ("the key town of Sudzha", "1,100 square km of Kursk")."""
    if target is None:
        return False
    ground = set(rules.incidents["ground_nouns"])
    return target.root.ent_type_ in ("GPE", "LOC", "FAC") or target.root.lemma_.lower() in ground


def _means_of_violation(tok: Token, *, rules: Rules) -> bool:
    """"violating the truce by striking energy sites": one violation, not also an attack."""
    head = tok.head
    return head.lower_ == "by" and head.head.i != head.i and _is_cue(head.head, "violation", rules=rules)


def _not_violent(tok: Token, target: Span | None, *, rules: Rules) -> bool:
    data = rules.incidents
    if target is not None and target.root.lemma_.lower() in data["non_violent_targets"]:
        return True
    armed = tok.pos_ == "NOUN" and tok.lemma_.lower() in set(data["attack_nouns"]) - set(data["word_attack_nouns"])
    if target is not None and target.root.ent_type_ == "PERSON" and not armed:
        return True  # "attacked Biden", not "airstrikes targeting TTP leader Noor Wali Mehsud"
    window = tok.doc[max(tok.sent.start, tok.i - 2) : min(tok.sent.end, tok.i + 8)]
    return any(t.lower_ in data["non_violent_means"] for t in window)


def _actor(tok: Token, ctx: Context) -> str | None:
    """Who attacks: subject of the verb, modifier of the noun ("Israeli air
    strikes", "Russia's troops"), a "by" agent, or the subject of "launched"."""
    rules = ctx.rules
    data = rules.incidents
    accused = _accused(tok, ctx)
    if accused:
        return accused[0]
    if tok.pos_ == "VERB":
        return _subject_party(tok, ctx)
    left = tok.head.left_edge if tok.dep_ == "conj" and tok.head.pos_ == "NOUN" else tok.left_edge
    party = None if tok.lemma_.lower() in data["victim_nouns"] else _first_party(ctx, left.idx, tok.idx)
    if party:
        return party
    for child in tok.subtree:  # "rocket attacks from Hamas", "the murder of three aid workers by the RSF"
        if child.dep_ in ("prep", "agent") and child.lower_ in data["agent_preps"] and 0 < child.i - tok.i <= 12:
            party = _party_of(ctx, child)
            if party:
                return party
    head = tok
    for _ in range(3):  # "launched one of its largest aerial attacks"
        if head.dep_ in ("nsubj", "nsubjpass") and head.head.pos_ == "VERB":
            return None
        head = head.head
        if head.pos_ == "VERB":
            if head.dep_ == "prep":
                return None  # "following an attack by …": a preposition, not who launched it
            if head.lemma_.lower() in data["launch_verbs"] or head.lemma_.lower() in data["attack_verbs"]:
                accused = _accused(head, ctx)
                return accused[0] if accused else _subject_party(head, ctx)
            return None
    return None


def _subject_party(verb: Token, ctx: Context) -> str | None:
    rules = ctx.rules
    for _ in range(4):
        for child in verb.children:
            if child.dep_ == "nsubj":
                if child.lower_ in rules.incidents["relative_pronouns"]:
                    return _antecedent_party(child, verb, ctx)
                return _party_of(ctx, child) or _own_party(child, verb, ctx)
            if child.dep_ == "agent":
                return _party_of(ctx, child)
        if verb.dep_ in ("xcomp", "conj", "advcl", "relcl", "acl", "pcomp", "prep", "acomp") and verb.head.i != verb.i:
            verb = verb.head
        else:
            break
    return None


def _own_party(subject: Token, verb: Token, ctx: Context) -> str | None:
    """"Ukraine's army said its forces struck …": "its" is the side that speaks."""
    rules = ctx.rules
    data = rules.incidents
    words = {t.lower_ for t in subject.subtree}
    if not words & set(data["own_pronouns"]):
        return None
    head = verb
    for _ in range(3):
        if head.dep_ not in ("ccomp", "conj", "xcomp", "advcl") or head.head.i == head.i:
            return None
        head = head.head
        if head.lemma_.lower() in data["reporting_verbs"]:
            subjects = [c for c in head.children if c.dep_ == "nsubj"]
            return _party_of(ctx, subjects[0]) if subjects else None
    return None


def _antecedent_party(pronoun: Token, verb: Token, ctx: Context) -> str | None:
    """"an offensive, which killed": the antecedent's actor, if it is an attack."""
    rules = ctx.rules
    antecedent = verb.head if verb.dep_ == "relcl" else None
    if antecedent is not None and _is_attack(antecedent, rules=rules):
        return _actor(antecedent, ctx)
    return None


def _target(tok: Token, *, rules: Rules) -> Span | None:
    """What is attacked: the object, "on/against X", or "targeting X"."""
    data = rules.incidents
    doc = tok.doc
    fired = tok.pos_ == "VERB" and tok.lemma_.lower() in data["fire_verbs"]
    for child in tok.children:
        if child.dep_ == "dobj" and child.lower_ in data["control_objects"]:  # "took control of the town"
            objs = [o for p in child.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
            return doc[objs[0].left_edge.i : objs[0].right_edge.i + 1] if objs else None
        if tok.pos_ == "VERB" and child.dep_ in ("dobj", "nsubjpass") and not fired:  # "a refinery was targeted"
            return doc[child.left_edge.i : child.right_edge.i + 1]
        if child.dep_ == "prep" and child.lower_ in data["target_preps"]:
            objs = [c for c in child.children if c.dep_ == "pobj" and c.ent_type_ not in _NOT_COUNTS]
            if objs:
                return doc[objs[0].left_edge.i : objs[0].right_edge.i + 1]
    if tok.dep_ == "dobj" and tok.head.pos_ == "VERB":  # "launched major airstrikes on Ukraine"
        for child in tok.head.children:
            if child.dep_ == "prep" and child.lower_ in ("on", "against"):
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return doc[objs[0].left_edge.i : objs[0].right_edge.i + 1]
    if tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" and _is_attack(tok.head, rules=rules):
        for child in tok.head.children:
            if child.dep_ == "dobj":
                return doc[child.left_edge.i : child.right_edge.i + 1]
    for t in tok.sent:
        if t.lower_ == "targeting" and t.i > tok.i:
            objs = [c for c in t.children if c.dep_ == "dobj"]
            if objs:
                return _trim(doc[objs[0].left_edge.i : objs[0].right_edge.i + 1])
    return None


def _trim(span: Span) -> Span:
    """"Ukraine's energy infrastructure and deepening misery" → up to the conjunction."""
    for t in span:
        if t.dep_ == "cc" and t.head.i < t.i:
            return span.doc[span.start : t.i]
    return span


# -- interceptions ----------------------------------------------------------


def _intercepted(tok: Token, ctx: Context) -> list[Incident]:
    """"its air defences shot down 40 Ukrainian drones": an attack by the side
    whose weapons were downed."""
    rules = ctx.rules
    data = rules.incidents
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in data["intercept_verbs"]:
        return []
    if tok.lemma_.lower() == "shoot" and not any(c.lower_ == "down" for c in tok.children):
        return []
    for obj in tok.children:
        if obj.dep_ == "dobj" and _is_weapon(obj, rules=rules):
            span = tok.doc[obj.left_edge.i : obj.right_edge.i + 1]
            actor = _party_of(ctx, span)
            if actor and actor != _subject_party(tok, ctx):
                return [_incident("attack", tok, ctx, actor=actor)]
    return []


# -- casualties ------------------------------------------------------------


def _is_cue(tok: Token, kind: str, *, rules: Rules) -> bool:
    """``tok`` is one of the ``{kind}_verbs`` / ``{kind}_nouns`` of incidents.json, not suppressed."""
    data = rules.incidents
    lemma = tok.lemma_.lower()
    nouns = data[f"{kind}_nouns"]
    is_verb = tok.pos_ == "VERB" and lemma in data[f"{kind}_verbs"]
    is_noun = tok.pos_ == "NOUN" and (lemma in nouns or tok.lower_ in nouns)
    if is_noun and kind == "casualty" and tok.lower_ in data["lives_nouns"]:
        is_noun = _lives_lost(tok, rules=rules)
    return (is_verb or is_noun) and not _suppressed(tok, rules=rules)


def _lives_lost(tok: Token, *, rules: Rules) -> bool:
    """"the loss of civilian life", "stolen the lives of hundreds": not "daily life"."""
    heads = set(rules.incidents["lives_heads"])
    head = tok.head.head if tok.head.lower_ == "of" else tok.head
    return head.lemma_.lower() in heads and not _suppressed(head, rules=rules)  # not "ending the loss of life"


def _casualties(tok: Token, ctx: Context) -> list[Incident]:
    rules = ctx.rules
    if not _is_cue(tok, "casualty", rules=rules):
        return []
    is_verb = tok.pos_ == "VERB"
    number = _count_near(tok, rules=rules)
    if number is None and _agentive(tok, rules=rules):
        actor = _subject_party(tok, ctx)  # "Armenian fire killed a soldier": an attack, with or without a toll
        if actor:
            return [_incident("attack", tok, ctx, actor=actor)] if _violent(tok.sent, rules=rules) else []
    if not _violent(tok.sent, rules=rules):
        return []  # deaths per day of a disease are not casualties of a conflict
    if number is None:  # "civilian casualties in Gaza", "aid workers have been killed", "clashes that killed"
        return [_incident("casualties", tok, ctx)] if _told_loss(tok, rules=rules) else []
    actor = _accused(tok, ctx)[:1] or [None]
    actor = actor[0]
    if actor is None and _agentive(tok, rules=rules):
        actor = _subject_party(tok, ctx)
    if is_verb and actor is None and tok.tag_ == "VBG":  # "Hamas attacked …, killing 1,200"
        actor = _attacker_before(tok, ctx)
    if is_verb and actor is None:  # "killed in attacks by the ELN"
        actor = _attack_in(tok, ctx)
    if _whole_history(tok, ctx):
        return []
    return [_incident("casualties", tok, ctx, actor=actor, target=_victims(tok, number[1]), quantity=number[0])]


def _told_loss(tok: Token, *, rules: Rules) -> bool:
    """Lives lost, told as such without a figure: "the reports of civilian
    casualties", "the loss of civilian lives", "workers have been killed",
    "clashes that killed dozens"; not "the number of soldiers killed" nor a
    death of one named person."""
    data = rules.incidents
    if tok.pos_ == "VERB":
        if tok.dep_ in ("acl", "amod", "xcomp") or tok.tag_ not in ("VBN", "VBD"):
            return False
        verbs = [tok, tok.head] if tok.dep_ == "conj" else [tok]  # "harassed and killed"
        subjects = [c for v in verbs for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
        return bool(subjects) and subjects[0].ent_type_ != "PERSON"
    return tok.lower_ in data["figureless_casualty_nouns"] and tok.head.lower_ not in data["not_counts_after"]


def _agentive(verb: Token, *, rules: Rules) -> bool:
    """Does the casualty verb name who killed: a side, its forces or its fire
    ("Hamas killed", "Armenian fire killed"), not the victims ("the number of
    soldiers killed")?"""
    if verb.pos_ != "VERB" or verb.dep_ in ("acl", "amod") or not _active_or_agent(verb):
        return False
    agents = [c for c in verb.children if c.dep_ in ("nsubj", "agent")]
    if not agents:
        return verb.dep_ in ("conj", "xcomp", "advcl")
    root = agents[0] if agents[0].dep_ == "nsubj" else next((c for c in agents[0].children if c.dep_ == "pobj"), agents[0])
    words = set(rules.incidents["violence_context"]) | set(rules.incidents["relative_pronouns"])
    return root.ent_type_ in ("ORG", "GPE", "NORP", "PERSON") or root.lower_ in words or root.lemma_.lower() in words


def _attack_in(verb: Token, ctx: Context) -> str | None:
    rules = ctx.rules
    for prep in verb.children:
        if prep.dep_ == "prep":
            for obj in prep.children:
                if obj.dep_ == "pobj" and _is_attack(obj, rules=rules):
                    return _actor(obj, ctx)
    return None


def _attacker_before(tok: Token, ctx: Context) -> str | None:
    rules = ctx.rules
    for t in reversed(tok.doc[tok.sent.start : tok.i]):
        if _is_attack(t, rules=rules) and not _suppressed(t, rules=rules):
            return _actor(t, ctx)
    return None


def _violent(sent: Span, *, rules: Rules) -> bool:
    """Violence named in the sentence or the one before it ("Drones hit Kyiv
    overnight. Two people were injured, the mayor said.")."""
    words = set(rules.incidents["violence_context"])
    doc = sent.doc
    near = [sent] + ([doc[sent.start - 1].sent] if sent.start > 0 else [])
    return any(t.lower_ in words or t.lemma_.lower() in words for s in near for t in s)


def _active_or_agent(verb: Token) -> bool:
    deps = {c.dep_ for c in verb.children}
    return "nsubjpass" not in deps or "agent" in deps


def _count_near(tok: Token, *, rules: Rules) -> tuple[int, Span] | None:
    """The nearest figure to a casualty word in its sentence ("nearly 2 million men")."""
    sent = tok.sent
    best = None
    after = set(rules.incidents["not_counts_after"])
    for t in tok.doc[max(sent.start, tok.i - 10) : min(sent.end, tok.i + 10)]:
        if t.ent_type_ in _NOT_COUNTS or t.ent_type_ in _NAMES or (t.i > 0 and t.doc[t.i - 1].lower_ in after):
            continue
        found = number_at(t, rules=rules)
        if found and _of_phrase(found[1]):
            continue  # "one of the leading causes of death"
        if found and t.i == found[1].end - 1 and not _left_words(found[1][0], 1) & after:
            dist = min(abs(t.i - tok.i), abs(found[1].start - tok.i))
            if best is None or dist < best[0]:
                best = (dist, found)
    return best[1] if best else None


def _of_phrase(number: Span) -> bool:
    doc = number.doc
    return number.end + 1 < len(doc) and doc[number.end].lower_ == "of" and doc[number.end + 1].lower_ in ("the", "its", "their")


def _victims(tok: Token, number: Span) -> str | None:
    """The noun phrase the figure counts ("2 million men", "900 people")."""
    head = number.root.head
    if head.pos_ in ("NOUN", "PROPN") and head.i != tok.i and number.end <= head.i <= number.end + 3:
        return tok.doc[number.start : head.i + 1].text
    return None


# -- violations ------------------------------------------------------------


def _violations(tok: Token, ctx: Context) -> list[Incident]:
    rules = ctx.rules
    if not _is_cue(tok, "violation", rules=rules):
        return []
    is_verb, is_noun = tok.pos_ == "VERB", tok.pos_ == "NOUN"
    broken = _violated(tok, rules=rules)
    if broken is None:
        return []  # "a violation of international law" is not a broken truce
    left_party = _first_party(ctx, tok.left_edge.idx, tok.idx) if is_noun else None
    actors = _accused(tok, ctx) or ([left_party] if left_party else [])
    if not actors and is_verb:
        actors = [a for a in [_subject_party(tok, ctx)] if a]
    target = broken.text if broken is not None else None
    return [_incident("violation", tok, ctx, actor=a, target=target) for a in actors]


def _violated(tok: Token, *, rules: Rules) -> Span | None:
    """The ceasefire or deal broken, within a few words after the trigger."""
    objects = rules.incidents["violation_objects"]
    doc = tok.doc
    for t in doc[tok.i + 1 : min(tok.sent.end, tok.i + 7)]:
        if t.lower_ in objects or t.lemma_.lower() in objects:
            return doc[t.left_edge.i if t.left_edge.i > tok.i else tok.i + 1 : t.i + 1]
    return None


def _accused(tok: Token, ctx: Context) -> list[str]:
    """"X accused Y of violating": Y; "X and Y accused each other": both."""
    rules = ctx.rules
    data = rules.incidents
    verb, path = tok, []
    for _ in range(8):
        if verb.head.i == verb.i:
            return []
        verb = verb.head
        if verb.lemma_.lower() in data["accuse_verbs"]:
            break
        path.append(verb)
    else:
        return []
    if not any(t.dep_ == "prep" and t.lower_ in data["accuse_preps"] for t in path):
        return []  # "Kyiv, which accused Moscow, shelled …" is not the accusation's content
    objs = [c for c in verb.children if c.dep_ == "dobj"] or [c for c in verb.children if c.dep_ == "nsubjpass"]
    if not objs:
        return []
    obj = tok.doc[objs[0].left_edge.i : objs[0].right_edge.i + 1]
    if obj.text.lower() in data["reciprocal"]:
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        if subj:
            s = tok.doc[subj[0].left_edge.i : subj[0].right_edge.i + 1]
            return parties_in(ctx, s.start_char, s.end_char)
        return []
    party = _party_of(ctx, objs[0])
    return [party] if party else []


# -- shared ----------------------------------------------------------------


def _suppressed(tok: Token, *, rules: Rules) -> bool:
    """Hypothetical, negated, called off or only intended: "if Russia were to
    attack", "pause strikes", "plans to strike"."""
    data = rules.incidents
    before = {t.lower_ for t in tok.doc[max(tok.sent.start, tok.i - 4) : tok.i]}
    if _owned(tok):
        before -= {"against"}  # "the defence against Iran's drone attack" happened
    if before & (set(data["hypothetical"]) | set(data["suppressors"])):
        return True
    if {t.lower_ for t in tok.doc[max(tok.sent.start, tok.i - 8) : tok.i]} & set(data["conditionals"]):
        return True  # "if Russia to — were to invade"
    if tok.dep_ == "conj" and tok.head.i < tok.i and _suppressed(tok.head, rules=rules):
        return True
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
        return _suppressed(tok.head, rules=rules)  # "threatened to launch a new offensive"
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in data["intent_heads"]:
        return True  # "Russia plans to strike Kyiv"
    clause = next((a for a in [tok, *list(tok.ancestors)[:3]] if a.dep_ == "ccomp"), None)
    if clause is not None and clause.head.lemma_.lower() in data["intent_heads"]:
        return True  # "members agreed that no country's security be targeted"
    return any(c.dep_ == "neg" or c.lower_ in data["hypothetical"] for c in tok.children)


def _charged(tok: Token, *, rules: Rules) -> bool:
    """An act named in a charge ("accused the rebel leader of crimes including
    murder and abduction", "war crimes charges over the killing of"): the
    indictment's wording, not an incident told."""
    charges = set(rules.incidents["charge_nouns"])
    return any(a.lemma_.lower() in charges for a in list(tok.ancestors)[:4])


def _whole_history(tok: Token, ctx: Context) -> bool:
    """A toll over the whole history of a conflict ("has killed 829 people
    since the late 1960s", "a four-decade fight that killed", "its campaign
    of bombings claimed the lives of"): background, not an incident."""
    data = ctx.rules.incidents
    sent = tok.sent
    if any(t.lemma_.lower() in data["history_markers"] for t in sent):
        return True
    if any(t.lower_ in ("year", "years") and t.i > 1 and t.doc[t.i - 1].text == "-" and t.doc[t.i - 2].like_num
           for t in sent):
        return True  # "a 22-year rebellion"
    if ctx.published is None:
        return False
    for t in sent:
        digits = t.text[:-1] if t.text.endswith("s") else t.text
        if len(digits) == 4 and digits.isdigit() and 1900 < int(digits) <= ctx.published.year - data["history_years"]:
            return True
    return False


def _owned(tok: Token) -> bool:
    """An attack a named side owns ("Iran's missile and drone attack")."""
    heads = [tok, tok.head] if tok.dep_ == "conj" else [tok]
    return any(c.dep_ == "poss" and c.ent_type_ in ("GPE", "NORP", "ORG") for h in heads for c in h.children)


def _left_words(tok: Token, n: int) -> set[str]:
    return {t.lower_ for t in tok.doc[max(tok.sent.start, tok.i - n) : tok.i]}


def _char_range(span) -> tuple[int, int]:
    return span.start_char, span.end_char


def _first_party(ctx: Context, start: int, end: int) -> str | None:
    found = parties_in(ctx, start, end) if end > start else []
    return found[0] if found else None


def _party_of(ctx: Context, tok_or_span) -> str | None:
    """The first party named in a token's subtree (or a span)."""
    if isinstance(tok_or_span, Token):
        doc = tok_or_span.doc
        span = doc[tok_or_span.left_edge.i : tok_or_span.right_edge.i + 1]
    else:
        span = tok_or_span
    return _first_party(ctx, span.start_char, span.end_char)


def _incident(kind: str, tok: Token, ctx: Context, *, actor=None, target=None, quantity=None) -> Incident:
    sent = tok.sent
    return Incident(
        kind=kind,
        actor=actor,
        target=target,
        quantity=quantity,
        date=ctx.date_in(sent.start_char, sent.end_char),
        evidence=Evidence.trimmed(text_of(tok.doc), sent.start_char, sent.end_char),
    )
