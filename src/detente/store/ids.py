"""Stable ids in the store: each fact row's ``fid`` and each entity's ``first_fid`` (the smallest fact id
merged into it, which names it: :func:`detente.corrections.entity_id`)."""

from __future__ import annotations

import json

from sqlalchemy import text

from ..corrections import entity_id, fact_id, key_of
from ..records import FACT_KINDS

__all__ = ["row_fids", "first_fids", "backfill"]


def row_fids(document_id: str, rows: list[dict]) -> None:
    """Give each fact row (in record order) its ``fid``, as :func:`detente.corrections.fact_ids` does."""
    seen: dict[tuple, int] = {}
    for row in rows:
        base = (row["kind"], row["ev_start"], row["ev_end"], key_of(row["kind"], row["data"]))
        rank = seen[base] = seen.get(base, -1) + 1
        row["fid"] = fact_id(document_id, *base, rank=rank)


#: fact kind → the kind of the entity its ``entity_id`` points at (a ``speaker_id`` is always an actor).
ENTITY_KIND = {"actors": "actor", "quotes": "quote", "meetings": "meeting", "agreements": "agreement",
               "incidents": "incident"}


def first_fids(rows: list[dict]) -> dict[int, tuple[str, str]]:
    """entity row id → (the smallest fid among ``rows`` that point at it, as entity or speaker; its stable id)."""
    best: dict[int, tuple[str, str]] = {}
    for row in rows:
        for eid, kind in ((row.get("entity_id"), ENTITY_KIND.get(row["kind"])), (row.get("speaker_id"), "actor")):
            if eid is not None and kind and (eid not in best or row["fid"] < best[eid][0]):
                best[eid] = (row["fid"], kind)
    return {eid: (fid, entity_id(kind, fid)) for eid, (fid, kind) in best.items()}


def backfill(conn) -> None:
    """Ids for a store written before 0005 (run by the migration)."""
    docs = conn.execute(text("SELECT pk, id FROM documents")).all()
    for pk, doc_id in docs:
        rows = [dict(r._mapping) for r in conn.execute(text(
            "SELECT id, kind, seq, ev_start, ev_end, data, entity_id, speaker_id FROM facts "
            "WHERE document_pk = :pk"), {"pk": pk})]
        for row in rows:
            if isinstance(row["data"], str):
                row["data"] = json.loads(row["data"])
        order = {k: i for i, k in enumerate(FACT_KINDS)}
        rows.sort(key=lambda r: (order.get(r["kind"], 99), r["seq"]))
        row_fids(doc_id, rows)
        for row in rows:
            conn.execute(text("UPDATE facts SET fid = :fid WHERE id = :id"), {"fid": row["fid"], "id": row["id"]})
    kinds = dict(conn.execute(text("SELECT id, kind FROM entities")).all())
    best: dict[int, str] = {}
    for eid, fid in conn.execute(text(
            "SELECT entity_id, min(fid) FROM facts WHERE entity_id IS NOT NULL GROUP BY entity_id "
            "UNION ALL SELECT speaker_id, min(fid) FROM facts WHERE speaker_id IS NOT NULL GROUP BY speaker_id")):
        if eid in kinds and (eid not in best or fid < best[eid]):
            best[eid] = fid
    for eid, fid in best.items():
        conn.execute(text("UPDATE entities SET first_fid = :fid, sid = :sid WHERE id = :id"),
                     {"fid": fid, "sid": entity_id(kinds[eid], fid), "id": eid})
