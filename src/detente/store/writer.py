"""A record's facts as table rows, each linked to its merged entity."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
import json

from ..merge import RULES
from ..records import FACT_KINDS, Actor, Document, Evidence, Record
from .entities import SqlEntities, resolve
from .ids import first_fids, row_fids

_ORDER = {k: i for i, k in enumerate(FACT_KINDS)}

__all__ = ["content_hash", "fact_rows"]


def content_hash(document: Document) -> str:
    """What makes a report 'unchanged': its text and metadata."""
    payload = json.dumps(
        [document.text, document.title, document.source, document.url, document.published], ensure_ascii=False
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _overlaps(a: Evidence | None, b: Evidence | None) -> bool:
    return bool(a and b and a.start < b.end and b.start < a.end)


def _ev(ev: Evidence | None) -> dict:
    return {"ev_start": ev.start, "ev_end": ev.end, "ev_text": ev.text} if ev else {
        "ev_start": None, "ev_end": None, "ev_text": None}


def _day(fact, published: str | None) -> str | None:
    return getattr(fact, "date", None) or getattr(fact, "start", None) or published


def fact_rows(record: Record, document_pk: int, process: Callable[[str, int], str | None],
              entities: SqlEntities) -> list[dict]:
    """Rows for ``facts``; merged entities are found or created through ``entities``.

    ``process(kind, seq)`` is the peace process of each fact (resolve's placement).
    """
    published = record.document.published
    ctx = {"published": published}
    rows: list[dict] = []

    def row(kind: str, seq: int, fact, ev: Evidence | None, **cols) -> None:
        base = {"document_pk": document_pk, "kind": kind, "seq": seq, "process": process(kind, seq),
                "date": _day(fact, published), "party": None, "issue": None, "stance": None,
                "quote_kind": None, "status": None, "polarity": None,
                "name": None, "text": None, "entity_id": None, "speaker_id": None,
                "data": fact.model_dump(mode="json")}
        base.update(_ev(ev))
        base.update(cols)
        rows.append(base)

    def ent(kind: str, fact, seq: int = 0, **extra) -> int:
        return resolve(entities, RULES[kind], fact, {**ctx, **extra}, _day(fact, published), process(kind, seq))

    actor_ids: dict[str, int] = {}
    affiliation: dict[str, str | None] = {}
    for i, a in enumerate(record.actors):
        actor_ids[a.name] = ent("actors", a, i)
        affiliation[a.name] = a.affiliation
        row("actors", i, a, a.mentions[0] if a.mentions else None, name=a.name, party=a.affiliation,
            text=", ".join(a.roles) or None, entity_id=actor_ids[a.name])

    def person(name: str | None) -> int | None:
        if not name:
            return None
        if name not in actor_ids:
            actor_ids[name] = ent("actors", Actor(name=name, kind="person"))
        return actor_ids[name]

    for i, q in enumerate(record.quotes):
        speaker = person(q.speaker)
        issue = next((p.issue for p in record.positions
                      if _overlaps(p.evidence, q.evidence) and (p.actor in (None, q.speaker))), None)
        row("quotes", i, q, q.evidence, name=q.speaker, text=q.text, party=affiliation.get(q.speaker or ""),
            issue=issue, quote_kind=q.kind, speaker_id=speaker, entity_id=ent("quotes", q, i, speaker_id=speaker))
    for i, m in enumerate(record.meetings):
        row("meetings", i, m, m.evidence, name=m.place, party="|".join(m.parties) or None,
            entity_id=ent("meetings", m, i))
    for i, p in enumerate(record.positions):
        row("positions", i, p, p.evidence, party=p.party, issue=p.issue, stance=p.stance, name=p.actor,
            text=p.claim, speaker_id=person(p.actor))
    for i, a in enumerate(record.agreements):
        row("agreements", i, a, a.evidence, name=a.kind, party="|".join(a.parties) or None, status=a.status,
            entity_id=ent("agreements", a, i))
    for i, inc in enumerate(record.incidents):
        row("incidents", i, inc, inc.evidence, name=inc.kind, party=inc.actor, text=inc.target,
            entity_id=ent("incidents", inc, i))
    for i, s in enumerate(record.assessments):
        row("assessments", i, s, s.evidence, name=s.source, polarity=s.polarity, speaker_id=actor_ids.get(s.source or ""))
    for i, d in enumerate(record.dates):
        row("dates", i, d, d.evidence, name=d.value, text=d.text, date=d.value)
    rows.sort(key=lambda r: (_ORDER[r["kind"]], r["seq"]))
    row_fids(record.document.id, rows)
    entities.name_first(first_fids(rows))
    return rows
