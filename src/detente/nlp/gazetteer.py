"""The gazetteer: states, places, organizations and armed groups by name.

Data lives in ``detente/data/gazetteer/`` (JSON Lines, loaded once):

- ``states.jsonl``: every UN member state and a few others, with aliases,
  capitals, demonyms and seats of power ("the Kremlin" → Russia);
- ``places.jsonl``: cities and regions with their country (meeting places);
- ``organizations.jsonl``: international organizations, media, think tanks
  (kind ``organization``) and armed or political movements (kind ``group``);
- ``officials.jsonl``: public office-holders (heads of state and government,
  ministers, envoys, armed-group leaders) with the actor they serve and when,
  so that "President Putin" or "Netanyahu" has an affiliation the report
  leaves unsaid.

``lookup`` says what a surface form *is* ("Moscow" is a city, the capital of
Russia); ``state_for`` and ``stands_for`` say which actor it *stands for*
("Moscow", "the Kremlin", "Russian" all stand for Russia).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ..resources import data_file

__all__ = [
    "Gazetteer",
    "default",
    "Entry",
    "lookup",
    "state_for",
    "stands_for",
    "place_country",
    "is_place",
    "states",
    "surface_forms",
    "normalize",
    "Official",
    "officials_named",
]

EntryKind = Literal["state", "organization", "group", "city", "region"]
#: How a surface form names its entry; earlier wins when two entries share a form.
Via = Literal["name", "alias", "seat", "demonym", "capital", "city", "region"]
_PRIORITY = ("name", "alias", "seat", "capital", "demonym", "city", "region")


@dataclass(frozen=True)
class Entry:
    """What a surface form names: ``name`` is canonical for its ``kind``;
    ``country`` is the state a place lies in (a state's own name for a state)."""

    name: str
    kind: EntryKind
    country: str | None
    via: Via

    @property
    def actor(self) -> str | None:
        """The actor the form stands for: a capital stands for its state."""
        if self.kind in ("state", "organization", "group"):
            return self.name
        return self.country if self.via == "capital" else None

    @property
    def is_place(self) -> bool:
        return self.kind in ("city", "region") or (self.kind == "state" and self.via in ("name", "alias", "seat"))


def normalize(text: str) -> str:
    """The lookup key: curly quotes straightened, spaces collapsed, a leading
    "the" and a trailing possessive dropped."""
    text = " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split())
    if text.endswith("'s"):
        text = text[:-2]
    elif text.endswith("s'"):
        text = text[:-1]
    if text[:4].lower() == "the ":
        text = text[4:]
    # "U.S." keeps its last dot; "Kremlin." loses it.
    return text.strip(" ,;:") if text.count(".") > 1 else text.strip(" ,.;:")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _read(name: str) -> Iterator[dict]:
    path = data_file("gazetteer", name)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _better(new: Entry, old: Entry | None) -> bool:
    return old is None or _PRIORITY.index(new.via) < _PRIORITY.index(old.via)


# -- office-holders --------------------------------------------------------------


@dataclass(frozen=True)
class Official:
    """One term of a public office-holder: whom they served, from and to when
    (``"YYYY-MM"``; ``to`` None while in office)."""

    name: str
    aliases: tuple[str, ...]
    affiliation: str
    roles: tuple[str, ...]
    start: str | None
    end: str | None

    def serves_on(self, date: str | None) -> bool:
        if not date:
            return True
        month = date[:7]
        return (self.start is None or self.start <= month) and (self.end is None or month <= self.end)

    def distance(self, date: str | None) -> int:
        """Months between ``date`` and the term (0 inside it), to pick the nearest term."""
        if not date or self.serves_on(date):
            return 0
        edge = self.start if self.start and date[:7] < self.start else self.end
        return abs(_months(date) - _months(edge)) if edge else 0


def _months(date: str) -> int:
    year, _, month = date[:7].partition("-")
    return int(year) * 12 + (int(month) if month.isdigit() else 1)


def _name_key(text: str) -> str:
    """Names compare folded, without punctuation ("al-Sisi" = "Al Sisi")."""
    return " ".join("".join(c if c.isalnum() else " " for c in _fold(text)).split())


#: Lookups remembered per gazetteer (the same names recur across reports).
_MEMO_SIZE = 4096


class Gazetteer:
    """The gazetteer's tables, read once: the extractors hold one on ``ctx.rules.gazetteer``
    (:mod:`detente.rules`); the gazetteer component and ``resolve/`` use :func:`default`
    through the module functions below."""

    def __init__(self, states: Iterable[dict], places: Iterable[dict], organizations: Iterable[dict],
                 officials: Iterable[dict]):
        self._states: tuple[dict, ...] = tuple(states)
        self._places = tuple(places)
        self._organizations = tuple(organizations)
        self._exact, self._folded = self._index()
        self._officials = self._officials_table(officials)
        # a memo owned by this gazetteer (not the module): lookups are the hot path of actors and roles
        self.lookup = lru_cache(maxsize=_MEMO_SIZE)(self._lookup)

    @classmethod
    def load(cls) -> "Gazetteer":
        """The packaged gazetteer (``data/gazetteer/*.jsonl``)."""
        return cls(_read("states.jsonl"), _read("places.jsonl"), _read("organizations.jsonl"),
                   _read("officials.jsonl"))

    def _entries(self) -> Iterator[tuple[str, Entry]]:
        for st in self._states:
            name = st["name"]
            yield name, Entry(name, "state", name, "name")
            for form in st["aliases"]:
                yield form, Entry(name, "state", name, "alias")
            for form in (name, *st["aliases"]):
                if "-" in form:  # "Guinea Bissau", "Timor Leste": the hyphen left out
                    yield form.replace("-", " "), Entry(name, "state", name, "alias")
            for form in st["seats"]:
                yield form, Entry(name, "state", name, "seat")
            for form in st["demonyms"]:
                yield form, Entry(name, "state", name, "demonym")
            for form in st["capitals"]:
                yield form, Entry(normalize(form), "city", name, "capital")
        for place in self._places:
            yield place["name"], Entry(place["name"], place["kind"], place["country"], place["kind"])
        for org in self._organizations:
            yield org["name"], Entry(org["name"], org["kind"], None, "name")
            for form in org["aliases"]:
                yield form, Entry(org["name"], org["kind"], None, "alias")

    def _index(self) -> tuple[dict[str, Entry], dict[str, Entry]]:
        """Exact keys, and case/accent-folded keys for forms that are not all capitals
        (so "us" never becomes the United States)."""
        exact: dict[str, Entry] = {}
        folded: dict[str, Entry] = {}
        for form, entry in self._entries():
            key = normalize(form)
            if _better(entry, exact.get(key)):
                exact[key] = entry
            if not key.replace(".", "").isupper():
                fkey = _fold(key)
                if _better(entry, folded.get(fkey)):
                    folded[fkey] = entry
        return exact, folded

    def states(self) -> tuple[dict, ...]:
        """The state records as stored."""
        return self._states

    def _lookup(self, text: str) -> Entry | None:
        """What ``text`` names ("Kyiv", "the Kremlin", "Ukrainian", "NATO"), or None
        (``lookup``, remembered)."""
        if not text or not text.strip():
            return None
        key = normalize(text)
        return self._exact.get(key) or self._folded.get(_fold(key))

    def state_for(self, text: str) -> str | None:
        """The state a name, alias, capital, demonym or seat of power stands for."""
        entry = self.lookup(text)
        if entry is None:
            return None
        if entry.kind == "state":
            return entry.name
        return entry.country if entry.via == "capital" else None

    def stands_for(self, text: str) -> str | None:
        """The actor (state, organization or group) ``text`` stands for, or None."""
        entry = self.lookup(text)
        return entry.actor if entry else None

    def place_country(self, text: str) -> str | None:
        """The country a place lies in ("Abu Dhabi" → United Arab Emirates); a state
        named as a place is its own country."""
        entry = self.lookup(text)
        if entry is None or not entry.is_place:
            return None
        return entry.country

    def is_place(self, text: str) -> bool:
        entry = self.lookup(text)
        return bool(entry and entry.is_place)

    def surface_forms(self) -> tuple[tuple[str, Entry], ...]:
        """Every surface form with its entry (the best one where forms collide),
        as the entity ruler's patterns."""
        forms: dict[str, Entry] = {}
        for form, _entry in self._entries():
            form = form.replace("\u2019", "'")
            if form[:4].lower() == "the ":
                form = form[4:]
            forms.setdefault(form, self._exact[normalize(form)])
        return tuple(forms.items())

    @staticmethod
    def _officials_table(records: Iterable[dict]) -> dict[str, tuple[Official, ...]]:
        """Every name and alias (folded) to the terms it names."""
        table: dict[str, list[Official]] = {}
        for rec in records:
            term = Official(
                rec["name"], tuple(rec.get("aliases", ())), rec["affiliation"], tuple(rec.get("roles", ())),
                rec.get("from"), rec.get("to"),
            )
            for form in (term.name, *term.aliases):
                terms = table.setdefault(_name_key(form), [])
                if term not in terms:
                    terms.append(term)
        return {k: tuple(v) for k, v in table.items()}

    def officials(self) -> set[Official]:
        """Every office-holder's term, once."""
        return {t for terms in self._officials.values() for t in terms}

    def officials_named(self, text: str) -> tuple[Official, ...]:
        """The office-holders' terms a name or alias names exactly ("Zelenskyy",
        "Abdel Fattah al-Sisi"), or ()."""
        return self._officials.get(_name_key(text), ())


@lru_cache(maxsize=1)
def default() -> Gazetteer:
    """The process's gazetteer for the spaCy component (built once, with the nlp object)
    and for ``resolve/``; extractors use the pipeline's (``ctx.rules.gazetteer``)."""
    return Gazetteer.load()


def states() -> tuple[dict, ...]:
    """The state records as stored."""
    return default().states()


def lookup(text: str) -> Entry | None:
    return default().lookup(text)


def state_for(text: str) -> str | None:
    return default().state_for(text)


def stands_for(text: str) -> str | None:
    return default().stands_for(text)


def place_country(text: str) -> str | None:
    return default().place_country(text)


def is_place(text: str) -> bool:
    return default().is_place(text)


def surface_forms() -> tuple[tuple[str, Entry], ...]:
    return default().surface_forms()


def officials_named(text: str) -> tuple[Official, ...]:
    return default().officials_named(text)
