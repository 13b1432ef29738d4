"""The corrections table and what it needs from the store (SQL only; the rules are in
:mod:`detente.corrections`, the actions in :mod:`detente.curate`).

Corrections are an overlay: they never change a fact row. Moving reports
between processes is the exception that is applied at once, through the
same path as ``detente process set`` (the report is locked in its new
process, so later ingests keep it there); the correction keeps the value
before, so it can be undone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy import func, insert, select, update

from ..corrections import Added, Correction, Overlay
from ..errors import StoreError
from .core import Store
from .models import CorrectionRow, DocumentRow, EntityRow, FactRow, ProcessRow

__all__ = [
    "FactInfo", "EntityInfo", "save", "mark_undone", "get", "corrections", "orphaned", "load_overlay", "fact",
    "entity", "report", "place", "rename_process", "restore_places", "facts_of", "overlay",
]

_COLUMNS = [c.name for c in CorrectionRow.__table__.columns if c.name != "pk"]


@dataclass(frozen=True)
class FactInfo:
    """A stored fact as a correction needs it."""

    id: str
    kind: str
    document_id: str
    process: str | None
    data: dict
    columns: dict  # party, issue, stance, … as stored
    entity: str | None = None  # the stable id of its merged entity


@dataclass(frozen=True)
class EntityInfo:
    id: str
    kind: str
    label: str
    process: str | None
    n_sources: int


def _correction(row) -> Correction:
    return Correction(**{k: getattr(row, k) for k in _COLUMNS})


def save(store: Store, correction: Correction) -> bool:
    """Store a correction; False when one with its id is already there (so importing twice is harmless)."""
    with store.session(write=True) as s:
        if s.execute(select(CorrectionRow.pk).where(CorrectionRow.id == correction.id)).first():
            return False
        values = correction.model_dump(include=set(_COLUMNS))
        s.execute(insert(CorrectionRow).values(**values))
        return True


def mark_undone(store: Store, correction_id: str, by: str, at: str) -> None:
    with store.session(write=True) as s:
        s.execute(update(CorrectionRow).where(CorrectionRow.id == correction_id).values(undone_at=at, undone_by=by))


def get(store: Store, correction_id: str) -> Correction | None:
    with store.session() as s:
        row = s.execute(select(CorrectionRow).where(CorrectionRow.id == correction_id)).scalar_one_or_none()
        return None if row is None else _correction(row)


def _gone(s, items: list[Correction]) -> set[str]:
    """Ids of the corrections whose fact, entity or report is no longer in the store."""
    fids = {c.target for c in items if c.target.startswith("f-") and c.action != "add"}
    sids = {c.target for c in items if c.target.startswith("e-") and c.action != "split"}
    sids |= {c.data["into"] for c in items if c.action == "merge" and c.data}
    docs = {c.document_id for c in items if c.action == "add" and c.document_id}
    found_f = _present(s, FactRow.fid, fids) | {c.target for c in items if c.action == "add" and not c.undone_at}
    found_e = _present(s, EntityRow.sid, sids)
    found_d = _present(s, DocumentRow.id, docs)
    out = set()
    for c in items:
        if c.action == "add":
            missing = c.document_id not in found_d
        elif c.target.startswith("f-"):
            missing = c.target not in found_f
        elif c.target.startswith("e-") and c.action != "split":
            missing = c.target not in found_e or (c.action == "merge" and c.data["into"] not in found_e)
        else:
            missing = False
        if missing:
            out.add(c.id)
    return out


def _present(s, column, values: Iterable[str]) -> set[str]:
    values, found = list(values), set()
    for i in range(0, len(values), 500):
        found |= set(s.execute(select(column).where(column.in_(values[i:i + 500]))).scalars())
    return found


def corrections(store: Store, *, by: str | None = None, process: str | None = None,
                orphaned_only: bool = False, active_only: bool = False) -> list[Correction]:
    """The corrections log, oldest first, each marked ``orphaned`` when its fact is gone."""
    with store.session() as s:
        q = select(CorrectionRow)
        if by:
            q = q.where(CorrectionRow.by == by)
        if process:
            q = q.where(CorrectionRow.process == process)
        if active_only:
            q = q.where(CorrectionRow.undone_at.is_(None))
        items = [_correction(r) for r in s.execute(q.order_by(CorrectionRow.at, CorrectionRow.pk)).scalars()]
        gone = _gone(s, items)
    items = [c.model_copy(update={"orphaned": c.id in gone}) for c in items]
    return [c for c in items if c.orphaned] if orphaned_only else items


def orphaned(store: Store) -> list[Correction]:
    """Active corrections whose fact is no longer found (after a re-extraction): kept, listed."""
    return corrections(store, orphaned_only=True, active_only=True)


def load_overlay(s, cache: dict | None = None, version=None) -> Overlay:
    """The active corrections folded, with the report of each added fact (inside a read session).

    ``cache`` (with the corrections' ``version``) keeps the folded corrections between reads; the
    reports of added facts are read each time (a move elsewhere may have changed their process)."""
    if cache is not None and cache.get("version") == version and version is not None:
        base, adds = cache["overlay"], cache["adds"]
    else:
        rows = [_correction(r) for r in s.execute(
            select(CorrectionRow).where(CorrectionRow.undone_at.is_(None),
                                        CorrectionRow.action.notin_(("move", "rename")))).scalars()]
        base, adds = Overlay.of(rows), [c for c in rows if c.action == "add" and c.data]
        if cache is not None:
            cache.update(version=version, overlay=base, adds=adds)
    overlay = replace(base, added=[])
    if adds:
        docs = {d.id: d for d in s.execute(select(DocumentRow.id, DocumentRow.process, DocumentRow.source,
                                                  DocumentRow.published)
                                           .where(DocumentRow.id.in_({c.document_id for c in adds})))}
        for c in sorted(adds, key=lambda c: (c.at, c.id)):
            d = docs.get(c.document_id)
            if d is not None and c.target not in overlay.hidden:
                overlay.added.append(Added(c, c.data["kind"], c.data["fact"], d.id, d.process, d.source, d.published))
    return overlay


def overlay(store: Store, *, raw: bool = False) -> Overlay:
    """The overlay readers apply (empty for ``raw``)."""
    if raw:
        return Overlay()
    with store.session() as s:
        return load_overlay(s)


_FACT_COLS = ("party", "issue", "stance", "quote_kind", "status", "polarity", "name", "text", "date")


def fact(store: Store, fid: str) -> FactInfo | None:
    """A stored fact by its stable id."""
    with store.session() as s:
        row = s.execute(select(FactRow, DocumentRow.id).join(DocumentRow, DocumentRow.pk == FactRow.document_pk)
                        .where(FactRow.fid == fid)).first()
        if row is None:
            return None
        f, doc_id = row
        entity = None
        if f.entity_id is not None:
            entity = s.execute(select(EntityRow.sid).where(EntityRow.id == f.entity_id)).scalar()
        return FactInfo(fid, f.kind, doc_id, f.process, dict(f.data), {c: getattr(f, c) for c in _FACT_COLS}, entity)


def facts_of(store: Store, sid: str) -> list[FactInfo]:
    """The actor-mention facts of a merged actor (for a split)."""
    with store.session() as s:
        eid = s.execute(select(EntityRow.id).where(EntityRow.sid == sid)).scalar()
        if eid is None:
            return []
        rows = s.execute(select(FactRow, DocumentRow.id).join(DocumentRow, DocumentRow.pk == FactRow.document_pk)
                         .where(FactRow.entity_id == eid, FactRow.kind == "actors")).all()
        return [FactInfo(f.fid, f.kind, d, f.process, dict(f.data), {c: getattr(f, c) for c in _FACT_COLS}, sid)
                for f, d in rows]


def entity(store: Store, sid: str) -> EntityInfo | None:
    """A merged entity by its stable id."""
    with store.session() as s:
        row = s.execute(select(EntityRow.sid, EntityRow.kind, EntityRow.label, EntityRow.process,
                               EntityRow.n_sources).where(EntityRow.sid == sid)).first()
        return None if row is None else EntityInfo(*row)


def report(store: Store, document_id: str) -> tuple[str, str | None, bool] | None:
    """(text, process, locked?) of a stored report."""
    with store.session() as s:
        row = s.execute(select(DocumentRow.text, DocumentRow.process, DocumentRow.process_locked)
                        .where(DocumentRow.id == document_id)).first()
        return None if row is None else (row[0], row[1], bool(row[2]))


def place(store: Store, document_id: str, process: str | None, locked: bool = True) -> None:
    """Put a report in ``process`` (None: none) as ``detente process set`` does; ``locked=False`` lets
    later ingests place it again (undoing a move of a report the user had not placed)."""
    store.set_process(document_id, process)
    if not locked:
        with store.session(write=True) as s:
            s.execute(update(DocumentRow).where(DocumentRow.id == document_id).values(process_locked=False))


def rename_process(store: Store, old: str, new: str) -> dict:
    """Move every report of ``old`` into ``new`` (created with ``old``'s parties if new), locked there.

    Returns what undoing needs: ``old``'s parties, whether ``new`` existed, each report's place before.
    """
    with store.session(write=True) as s:
        names = {n: list(p) for n, p in s.execute(select(ProcessRow.name, ProcessRow.parties))}
        if old not in names:
            raise StoreError(f"no process {old!r}; see: detente processes")
        before = [(d, bool(lk)) for d, lk in s.execute(
            select(DocumentRow.id, DocumentRow.process_locked).where(DocumentRow.process == old))]
        if new not in names:
            s.execute(insert(ProcessRow).values(name=new, parties=names[old]))
        for table in (DocumentRow, FactRow, EntityRow):
            s.execute(update(table).where(table.process == old).values(process=new))
        s.execute(update(DocumentRow).where(DocumentRow.process == new, DocumentRow.id.in_([d for d, _ in before]))
                  .values(process_locked=True))
        s.execute(ProcessRow.__table__.delete().where(ProcessRow.name == old))
    return {"parties": names[old], "existed": new in names, "reports": before}


def restore_places(store: Store, old: str, new: str, before: dict) -> None:
    """Undo :func:`rename_process`."""
    with store.session(write=True) as s:
        if not s.execute(select(ProcessRow.name).where(ProcessRow.name == old)).first():
            s.execute(insert(ProcessRow).values(name=old, parties=before["parties"]))
        for doc_id, locked in before["reports"]:
            pk = s.execute(select(DocumentRow.pk).where(DocumentRow.id == doc_id)).scalar()
            if pk is None:
                continue
            s.execute(update(DocumentRow).where(DocumentRow.pk == pk).values(process=old, process_locked=locked))
            s.execute(update(FactRow).where(FactRow.document_pk == pk).values(process=old))
            ids = select(FactRow.entity_id).where(FactRow.document_pk == pk, FactRow.entity_id.is_not(None))
            s.execute(update(EntityRow).where(EntityRow.id.in_(ids), EntityRow.kind != "actor").values(process=old))
        left = s.execute(select(func.count()).select_from(DocumentRow).where(DocumentRow.process == new)).scalar()
        if not before["existed"] and not left:
            s.execute(ProcessRow.__table__.delete().where(ProcessRow.name == new))
