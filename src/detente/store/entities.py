"""Where merge candidates come from: the database (one report per transaction)
or memory (the bulk loader). :func:`resolve` drives a :class:`detente.merge.Rule`
over either.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Protocol

from sqlalchemy import and_, insert, or_, select, update
from sqlalchemy.orm import Session

from ..merge import Candidate, Rule, day_span, pick
from .models import EntityRow

__all__ = ["Entities", "SqlEntities", "MemoryEntities", "resolve"]


class Entities(Protocol):
    def find(self, kind: str, key: str, lo: str | None, hi: str | None) -> list[Candidate]: ...
    def create(self, kind: str, key: str, label: str, process: str | None, day: str | None, attrs: dict) -> Candidate: ...
    def update(self, c: Candidate, label: str, attrs: dict) -> None: ...


def _window(day: str | None, days: int | None) -> tuple[str | None, str | None]:
    span = day_span(day)
    if days is None or span is None:
        return None, None
    lo = date.fromordinal(span[0]) - timedelta(days=days)
    hi = date.fromordinal(span[1]) + timedelta(days=days)
    return lo.isoformat(), hi.isoformat()


def _widen(c: Candidate, day: str | None) -> None:
    if day:
        c.date = min(filter(None, (c.date, day)))
        c.last_date = max(filter(None, (c.last_date, day)))


def resolve(entities: Entities, rule: Rule, fact, ctx: dict, day: str | None, process: str | None) -> int:
    """The id of the merged entity ``fact`` belongs to, creating or widening it."""
    key = rule.key(fact, ctx)[:256]
    lo, hi = _window(day, rule.window)
    found = pick(rule, entities.find(rule.kind, key, lo, hi), fact, ctx)
    new = rule.attrs(fact, ctx)
    if found is None:
        return entities.create(rule.kind, key, rule.label(new), process, day, new).id
    attrs = rule.fold(found.attrs, new)
    _widen(found, day)
    entities.update(found, rule.label(attrs), attrs)
    return found.id


class SqlEntities:
    """Candidates straight from the ``entities`` table, inside the caller's transaction."""

    def __init__(self, session: Session):
        self.session = session

    def find(self, kind, key, lo, hi):
        q = select(EntityRow).where(EntityRow.kind == kind, EntityRow.key == key)
        if lo and hi:
            q = q.where(or_(EntityRow.date.is_(None), and_(EntityRow.date <= hi, EntityRow.last_date >= lo)))
        rows = self.session.execute(q.order_by(EntityRow.id).limit(200)).scalars()
        return [Candidate(r.id, r.label, r.date, r.last_date, dict(r.attrs)) for r in rows]

    def create(self, kind, key, label, process, day, attrs):
        new_id = self.session.execute(
            insert(EntityRow).values(kind=kind, key=key, label=label, process=process, date=day,
                                     last_date=day, attrs=attrs, n_sources=1).returning(EntityRow.id)
        ).scalar_one()
        return Candidate(new_id, label, day, day, attrs)

    def update(self, c, label, attrs):
        self.session.execute(
            update(EntityRow).where(EntityRow.id == c.id).values(
                label=label, attrs=attrs, date=c.date, last_date=c.last_date, n_sources=EntityRow.n_sources + 1
            )
        )


class MemoryEntities:
    """Entities kept in memory for the bulk loader; :meth:`rows` gives them for insert.

    Candidates are bucketed by week so windowed look-ups stay constant-time.
    """

    def __init__(self, next_id: int = 1):
        self.next_id = next_id
        self.by_key: dict[tuple[str, str], dict[int | None, list[Candidate]]] = {}
        self.meta: dict[int, dict] = {}

    @staticmethod
    def _week(day: str | None) -> int | None:
        span = day_span(day)
        return None if span is None else span[0] // 7

    def find(self, kind, key, lo, hi):
        buckets = self.by_key.get((kind, key), {})
        if not (lo and hi):
            return [c for b in buckets.values() for c in b][:200]
        w0, w1 = self._week(lo), self._week(hi)
        found = list(buckets.get(None, []))
        for w in range(w0 - 5, w1 + 1):  # entities may start weeks before the window
            found.extend(c for c in buckets.get(w, ()) if c.date <= hi and (c.last_date or c.date) >= lo)
        return found[:200]

    def create(self, kind, key, label, process, day, attrs):
        c = Candidate(self.next_id, label, day, day, attrs)
        self.next_id += 1
        self.by_key.setdefault((kind, key), {}).setdefault(self._week(day), []).append(c)
        self.meta[c.id] = {"kind": kind, "key": key, "process": process, "n": 1, "c": c}
        return c

    def update(self, c, label, attrs):
        c.label, c.attrs = label, attrs
        self.meta[c.id]["n"] += 1

    def rows(self) -> list[dict]:
        return [
            {"id": i, "kind": m["kind"], "key": m["key"], "label": m["c"].label, "process": m["process"],
             "date": m["c"].date, "last_date": m["c"].last_date, "attrs": m["c"].attrs, "n_sources": m["n"]}
            for i, m in self.meta.items()
        ]
