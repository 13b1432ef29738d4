"""Where merge candidates come from: the ``entities`` table, inside the writing
transaction. :func:`resolve` drives a :class:`detente.merge.Rule` over it; the
merged thing is stored as JSON and handed back typed.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import and_, insert, or_, select, update
from sqlalchemy.orm import Session

from ..merge import Candidate, Merged, Rule, day_span, merged_from, merged_json, pick
from .models import EntityRow

__all__ = ["SqlEntities", "resolve"]


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


def resolve(entities: "SqlEntities", rule: Rule, fact, ctx: dict, day: str | None, process: str | None) -> int:
    """The id of the merged entity ``fact`` belongs to, creating or widening it."""
    key = rule.key(fact, ctx)[:256]
    lo, hi = _window(day, rule.window)
    found = pick(rule, entities.find(rule.kind, key, lo, hi), fact, ctx)
    new = rule.start(fact, ctx)
    if found is None:
        return entities.create(rule.kind, key, rule.label(new), process, day, new).id
    merged = rule.fold(found.merged, new)
    _widen(found, day)
    entities.update(found, rule.label(merged), merged)
    return found.id


class SqlEntities:
    """Candidates straight from the ``entities`` table, inside the caller's transaction."""

    def __init__(self, session: Session):
        self.session = session

    def find(self, kind: str, key: str, lo: str | None, hi: str | None) -> list[Candidate]:
        q = select(EntityRow).where(EntityRow.kind == kind, EntityRow.key == key)
        if lo and hi:
            q = q.where(or_(EntityRow.date.is_(None), and_(EntityRow.date <= hi, EntityRow.last_date >= lo)))
        rows = self.session.execute(q.order_by(EntityRow.id).limit(200)).scalars()
        return [Candidate(r.id, r.label, r.date, r.last_date, merged_from(kind, r.attrs)) for r in rows]

    def create(self, kind: str, key: str, label: str, process: str | None, day: str | None,
               merged: Merged) -> Candidate:
        new_id = self.session.execute(
            insert(EntityRow).values(kind=kind, key=key, label=label, process=process, date=day,
                                     last_date=day, attrs=merged_json(merged), n_sources=1).returning(EntityRow.id)
        ).scalar_one()
        return Candidate(new_id, label, day, day, merged)

    def name_first(self, first: dict[int, tuple[str, str]]) -> None:
        """Keep on each entity the smallest fact id that points at it and the stable id it gives."""
        for eid, (fid, sid) in first.items():
            self.session.execute(update(EntityRow).where(
                EntityRow.id == eid, or_(EntityRow.first_fid.is_(None), EntityRow.first_fid > fid)
            ).values(first_fid=fid, sid=sid))

    def update(self, c: Candidate, label: str, merged: Merged) -> None:
        self.session.execute(
            update(EntityRow).where(EntityRow.id == c.id).values(
                label=label, attrs=merged_json(merged), date=c.date, last_date=c.last_date,
                n_sources=EntityRow.n_sources + 1,
            )
        )
