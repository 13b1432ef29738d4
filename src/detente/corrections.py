"""Stable ids and the analysts' corrections overlay: pure logic, no SQL (docs/curation.md).

**Fact ids.** A stored fact is ``f-`` + 12 hex digits of a hash of its
report id, its kind, its evidence span and its key fields (a position's
party and issue, an actor's name, an agreement's or incident's kind). Row
numbers and extraction order play no part, so re-ingesting a report — with
this detente or a newer one that still finds the fact — gives the same id.
Two facts with the same span and keys in one report are told apart by their
rank (``…|1``).

**Entity ids.** A merged entity (actor, meeting, deal, incident, quote) is
``e-`` + a hash of its kind and the *smallest* id among the facts merged
into it. The minimum does not depend on the order reports arrive in, so an
entity merged from the same facts keeps its id however the store is
rebuilt; an entity that gains or loses facts keeps it unless it loses the
fact that named it.

**The overlay.** Corrections never touch extracted facts; :class:`Overlay`
folds the active ones (oldest first, undone ones skipped) into what readers
apply: hidden facts, corrected fields, added facts, verified facts, merged
and split actors.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, get_args

from pydantic import BaseModel, ConfigDict

from .errors import ConfigError
from .records import FACT_KINDS, AgreementStatus, Polarity, QuoteKind, Record, Stance

__all__ = [
    "fact_id", "fact_ids", "key_of", "entity_id", "Correction", "Overlay", "ACTIONS", "FIELDS", "KIND_NAMES",
    "check_value", "field_attr", "kind_of", "corrected_fact", "corrected_record", "COLUMN_OF", "Added",
]

#: Fields of a fact that name it, besides its report, kind and evidence span.
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "actors": ("name",), "quotes": (), "meetings": (), "positions": ("party", "issue"),
    "agreements": ("kind",), "incidents": ("kind",), "assessments": (), "dates": (),
}

#: What a correction does.
ACTIONS = ("hide", "restore", "set", "add", "merge", "split", "move", "rename", "verify")

#: kind → field an analyst may set → the record attribute it changes (None: the stored view only).
FIELDS: dict[str, dict[str, str | None]] = {
    "positions": {"party": "party", "issue": "issue", "stance": "stance", "date": "date", "speaker": "actor"},
    "quotes": {"speaker": "speaker", "date": "date", "party": None, "issue": None, "kind": "kind"},
    "agreements": {"status": "status", "date": "date", "quantity": "quantity", "party": "parties"},
    "incidents": {"date": "date", "quantity": "quantity", "party": "actor"},
    "assessments": {"polarity": "polarity", "speaker": "source"},
    "actors": {"affiliation": "affiliation", "party": "affiliation"},
    "meetings": {"date": "start", "party": "parties"},
    "dates": {"date": "value"},
}

#: Singular names accepted for a kind ("position" → "positions").
KIND_NAMES = {k.rstrip("s"): k for k in FACT_KINDS} | {k: k for k in FACT_KINDS}

_CHOICES = {"stance": get_args(Stance), "status": get_args(AgreementStatus), "polarity": get_args(Polarity),
            "kind": get_args(QuoteKind)}


def _hex(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def key_of(kind: str, data: dict) -> str:
    """The key fields of a fact (its data as a dict) joined, the last part of its id."""
    return "|".join(str(data.get(f) or "") for f in KEY_FIELDS.get(kind, ()))


def fact_id(document_id: str, kind: str, start: int | None, end: int | None, key: str = "", rank: int = 0) -> str:
    """The stable id of a fact (see the module docstring)."""
    base = f"{document_id}|{kind}|{'' if start is None else start}|{'' if end is None else end}|{key}"
    return "f-" + _hex(base + (f"|{rank}" if rank else ""))


def _span(kind: str, fact) -> tuple[int | None, int | None]:
    ev = (fact.mentions[0] if fact.mentions else None) if kind == "actors" else fact.evidence
    return (ev.start, ev.end) if ev else (None, None)


def fact_ids(record: Record) -> dict[tuple[str, int], str]:
    """(kind, position in the record) → stable id, for every fact of ``record``."""
    out, seen = {}, {}
    for kind in FACT_KINDS:
        for i, fact in enumerate(getattr(record, kind)):
            base = (kind, *_span(kind, fact), key_of(kind, fact.model_dump()))
            rank = seen[base] = seen.get(base, -1) + 1
            out[(kind, i)] = fact_id(record.document.id, *base, rank=rank)
    return out


def entity_id(kind: str, first_fact: str) -> str:
    """The stable id of a merged entity: its kind and the smallest id of its facts."""
    return "e-" + _hex(f"{kind}|{first_fact}")


def kind_of(name: str) -> str:
    """A fact kind from its plural or singular name, or ConfigError listing them."""
    if name not in KIND_NAMES:
        raise ConfigError(f"unknown fact kind {name!r}: use one of {', '.join(FACT_KINDS)}")
    return KIND_NAMES[name]


def field_attr(kind: str, name: str) -> str | None:
    """The record attribute a settable field changes, or ConfigError listing the fields of ``kind``."""
    fields = FIELDS.get(kind, {})
    if name not in fields:
        raise ConfigError(f"a {kind.rstrip('s')} has no settable field {name!r}: use one of {', '.join(fields) or 'none'}")
    return fields[name]


def check_value(name: str, value: Any, issues: Iterable[str] = ()) -> Any:
    """``value`` checked and normalized for field ``name``, or ConfigError naming the valid choices."""
    from .isodates import normalize_published

    if value in (None, ""):
        if name in ("stance", "issue"):
            raise ConfigError(f"{name} cannot be empty")
        return None
    if name in _CHOICES:
        if value not in _CHOICES[name]:
            raise ConfigError(f"{name} {value!r} is not one of: {', '.join(_CHOICES[name])}")
        return value
    if name == "issue":
        known = list(issues)
        if known and value not in known:
            raise ConfigError(f"issue {value!r} is not one of: {', '.join(known)}")
        return value
    if name == "date":
        try:
            return normalize_published(str(value), "date")
        except Exception:
            raise ConfigError(f"date {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD") from None
    if name == "quantity":
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = -1
        if number < 0:
            raise ConfigError(f"quantity {value!r} is not a whole number ≥ 0")
        return number
    return str(value).strip()


class Correction(BaseModel):
    """One analyst's correction, as stored, logged and exchanged (one JSON line each)."""

    model_config = ConfigDict(frozen=True)

    id: str
    action: str
    target: str  # a fact id, an entity id, a report id or a process name
    field: str | None = None
    value: Any = None
    before: Any = None
    #: ``add``: {"kind", "fact"}; ``merge``: {"into"}; ``split``: {"facts", "name"}; a move: the reports moved.
    data: dict | None = None
    kind: str | None = None  # the fact kind a fact correction targets
    document_id: str | None = None
    process: str | None = None
    why: str = ""
    by: str = ""
    at: str = ""
    undone_at: str | None = None
    undone_by: str | None = None
    orphaned: bool = False  # its fact is gone from the store (set by the reader)


@dataclass
class Added:
    """A fact an analyst added, with what a reader needs to cite it."""

    correction: Correction
    kind: str
    fact: dict
    document_id: str
    process: str | None = None
    source: str | None = None
    published: str | None = None

    @property
    def id(self) -> str:
        return self.correction.target if self.correction.target.startswith("f-") else self.correction.id


@dataclass
class Overlay:
    """The active corrections folded into what readers apply; empty for ``raw`` reads."""

    hidden: set[str] = field(default_factory=set)
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    verified: set[str] = field(default_factory=set)
    added: list[Added] = field(default_factory=list)
    merged: dict[str, str] = field(default_factory=dict)  # actor entity id → the one it was merged into
    split: dict[str, tuple[str, str]] = field(default_factory=dict)  # actor fact id → (new entity id, name)
    names: dict[str, str] = field(default_factory=dict)  # actor entity id → corrected name / affiliation key
    entity_fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    splits: list[dict] = field(default_factory=list)  # {"from", "entity", "name", "facts", "reports", ...}

    @classmethod
    def of(cls, corrections: Iterable[Correction]) -> "Overlay":
        out = cls()
        for c in sorted(corrections, key=lambda c: (c.at, c.id)):
            if c.undone_at:
                continue
            out._fold(c)
        return out

    def _fold(self, c: Correction) -> None:
        t = c.target
        if c.action == "hide":
            self.hidden.add(t)
        elif c.action == "restore":
            self.hidden.discard(t)
        elif c.action == "verify":
            self.verified.add(t)
        elif c.action == "set" and t.startswith("e-"):
            self.entity_fields.setdefault(t, {})[c.field] = c.value
        elif c.action == "set":
            self.fields.setdefault(t, {})[c.field] = c.value
        elif c.action == "merge" and c.data:
            self.merged[t] = c.data["into"]
        elif c.action == "split" and c.data:
            for fid in c.data.get("facts", []):
                self.split[fid] = (c.data["entity"], c.data["name"])
            self.splits.append(c.data)
        # add: collected with its report by the store (see store/corrections.py); move, rename: applied to the
        # store's grouping when made, and kept by later ingests

    def __bool__(self) -> bool:
        return bool(self.hidden or self.fields or self.verified or self.added or self.merged or self.split
                    or self.entity_fields)

    @property
    def touched(self) -> set[str]:
        """Fact ids whose values a correction changes (readers fetch them whatever the filters)."""
        return set(self.fields) | set(self.split)

    def actor(self, eid: str) -> str:
        """The actor an entity id stands for now, following merges."""
        seen = set()
        while eid in self.merged and eid not in seen:
            seen.add(eid)
            eid = self.merged[eid]
        return eid

    def marker(self, fid: str | None) -> dict:
        """``corrected`` and ``verified`` flags of a fact, for its view."""
        return {"corrected": bool(fid and fid in self.touched), "verified": bool(fid and fid in self.verified)}

    def values(self, fid: str | None, kind: str) -> dict[str, Any]:
        """The corrected fields of a fact, by the record's attribute names (or view names)."""
        out = {}
        for name, value in self.fields.get(fid or "", {}).items():
            out[FIELDS.get(kind, {}).get(name) or name] = value
        return out


#: A settable field → the ``facts`` column (and flat-row field) it shows in, where the name differs.
COLUMN_OF = {"speaker": "name", "affiliation": "party", "kind": "quote_kind", "quantity": None}


def _fit(fact, attr: str, value):
    """``value`` shaped like the attribute it replaces (a list of parties from "A, B")."""
    if isinstance(getattr(fact, attr, None), list):
        return [p.strip() for p in str(value or "").split(",") if p.strip()]
    return value


def corrected_fact(kind: str, fact, fid: str, overlay: "Overlay"):
    """``fact`` as corrected, with its id and markers as extra keys; None when hidden."""
    if fid in overlay.hidden:
        return None
    update = {attr: _fit(fact, attr, value) for attr, value in overlay.values(fid, kind).items()
              if attr in type(fact).model_fields}
    if fid in overlay.split:
        update["name"] = overlay.split[fid][1]
    data = {**fact.model_dump(), **update, "id": fid}
    marks = overlay.marker(fid)
    data.update({k: True for k, v in marks.items() if v})
    return type(fact).model_validate(data)


def corrected_record(record: Record, overlay: "Overlay") -> Record:
    """A report's record with every fact's id, the overlay applied (hidden facts left out, fields set,
    added facts appended) and ``corrected`` / ``verified`` markers; an empty overlay only adds ids."""
    ids = fact_ids(record)
    lists: dict[str, list] = {}
    for kind in FACT_KINDS:
        out = []
        for i, fact in enumerate(getattr(record, kind)):
            fixed = corrected_fact(kind, fact, ids[(kind, i)], overlay)
            if fixed is not None:
                out.append(fixed)
        lists[kind] = out
    for added in overlay.added:
        if added.document_id == record.document.id:
            lists[added.kind].append(FACT_KINDS[added.kind].model_validate(
                {**added.fact, "id": added.id, "corrected": True}))
    return record.model_copy(update=lists)
