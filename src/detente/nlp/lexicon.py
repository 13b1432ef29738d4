"""Word lists for the entity fixes and the actor extractor, from
``data/patterns/roles.json`` and ``data/patterns/entity_cues.json``: read once by
the person fixer when spaCy builds it (:class:`~detente.nlp.components.EntityCues`)
and once for the extractors (``ctx.rules.lexicon``, :mod:`detente.rules`)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Lexicon", "read_lexicon", "one_edit_apart"]


@dataclass(frozen=True)
class Lexicon:
    role_phrases: frozenset[str]
    role_suffixes: tuple[str, ...]
    not_roles: frozenset[str]
    honorifics: frozenset[str]
    skip_left: frozenset[str]
    local_roles: frozenset[str]
    head_of_state_roles: frozenset[str]
    name_stopwords: frozenset[str]
    reporting_verbs: frozenset[str]
    org_words: frozenset[str]
    org_heads: frozenset[str]
    place_heads: frozenset[str]

    @property
    def longest_role(self) -> int:
        return max(len(p.split()) for p in self.role_phrases)

    def is_role_phrase(self, words: str) -> bool:
        return words.lower() in self.role_phrases

    def is_role_head(self, word: str, lemma: str | None = None, *, pos: str | None = None) -> bool:
        """A single word heading a role: listed, or (a lowercase common noun) an
        agent noun by its suffix ("strategist", "commentator")."""
        for w in (word.lower(), (lemma or word).lower()):
            if w in self.role_phrases:
                return True
        if pos != "NOUN" or not word[:1].islower():
            return False
        w = (lemma or word).lower()
        return w not in self.not_roles and len(w) > 5 and w.isalpha() and w.endswith(self.role_suffixes)


def read_lexicon(roles: dict, cues: dict) -> Lexicon:
    """The lexicon from the JSON of ``data/patterns/roles.json`` and ``entity_cues.json``."""
    return Lexicon(
        role_phrases=frozenset(p.lower() for p in roles["phrases"]),
        role_suffixes=tuple(roles["suffixes"]),
        not_roles=frozenset(roles["not_roles"]),
        honorifics=frozenset(roles["honorifics"]),
        skip_left=frozenset(roles["skip_left"]),
        local_roles=frozenset(roles["local_roles"]),
        head_of_state_roles=frozenset(roles["head_of_state_roles"]),
        name_stopwords=frozenset(roles["name_stopwords"]),
        reporting_verbs=frozenset(cues["reporting_verbs"]),
        org_words=frozenset(cues["org_words"]),
        org_heads=frozenset(cues["org_heads"]),
        place_heads=frozenset(cues["place_heads"]),
    )


def one_edit_apart(a: str, b: str) -> bool:
    """Same first letter, and one letter dropped, added or changed ("Vikul", "Vilkul")."""
    if not a or not b or abs(len(a) - len(b)) > 1 or a[0] != b[0] or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1 :] == b[i + 1 :] if len(a) == len(b) else a[i:] == b[i + 1 :]
