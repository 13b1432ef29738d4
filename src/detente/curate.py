"""Analysts' corrections: the library behind ``detente curate`` and the dashboard's edit controls.

Every action checks its target and value, records who, when, why and the
value before, and returns the :class:`~detente.corrections.Correction` it
stored. Nothing here changes an extracted fact: readers apply the overlay
(:mod:`detente.store.queries`), ``raw`` reads skip it, and :func:`undo`
takes a correction back. Moving reports (:func:`move`, :func:`rename`) is
applied to the store's grouping at once, and kept by later ingests.

>>> hide(store, "f-3f077da8ed8f", why="not a position", by="ana")  # doctest: +SKIP
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import IO, get_args

from .corrections import (
    FIELDS, Correction, check_value, entity_id, fact_id, field_attr, key_of, kind_of,
)
from .errors import ConfigError
from .records import FACT_KINDS, ActorKind, Evidence
from .settings import Settings
from .store import Store
from .store import corrections as _sql

__all__ = [
    "hide", "restore", "set_field", "add", "merge", "split", "move", "rename", "verify", "undo", "log",
    "orphaned", "export_jsonl", "import_jsonl", "issue_ids", "ENTITY_FIELDS",
]

#: Fields of a merged actor an analyst may set (by its ``e-`` id).
ENTITY_FIELDS = ("name", "affiliation", "kind")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def _new_id() -> str:
    return "c-" + uuid.uuid4().hex[:12]


def _who(by: str | None) -> str:
    by = (by or "").strip()
    if not by:
        raise ConfigError("say who makes the correction: --by NAME (or DETENTE_CURATOR)")
    return by


def issue_ids(settings: Settings | None = None) -> list[str]:
    """The issue ids a position may take (the taxonomy in use); empty: any."""
    from .resources import read_json

    if settings and settings.issues_file:
        return []  # a replacement taxonomy: trust the analyst
    return [i["id"] for i in read_json("issues.json")["issues"]]


def _save(store: Store, **values) -> Correction:
    c = Correction(id=_new_id(), at=_now(), **values)
    _sql.save(store, c)
    return c


def _active(store: Store) -> list[Correction]:
    return _sql.corrections(store, active_only=True)


def _fact(store: Store, fid: str) -> tuple[str, str, str | None, dict]:
    """(kind, report id, process, fact data) of a stored or added fact, or ConfigError."""
    if not fid.startswith("f-"):
        raise ConfigError(f"{fid!r} is not a fact id (f-…): see the ids in --json output, e.g. detente positions --json")
    found = _sql.fact(store, fid)
    if found is not None:
        return found.kind, found.document_id, found.process, {**found.data, **{k: v for k, v in found.columns.items()
                                                                                if k in ("party", "issue")}}
    for c in _active(store):
        if c.action == "add" and c.target == fid:
            return c.data["kind"], c.document_id, c.process, c.data["fact"]
    raise ConfigError(f"no fact {fid!r} in the store: see the ids in --json output, e.g. detente positions --json")


def _actor(store: Store, sid: str) -> _sql.EntityInfo:
    found = _sql.entity(store, sid) if sid.startswith("e-") else None
    if found is None or found.kind != "actor":
        raise ConfigError(f"no actor {sid!r} in the store: see the ids in detente actors --json")
    return found


def hide(store: Store, fid: str, *, why: str = "", by: str | None = None) -> Correction:
    """Leave a fact out of every reader (``raw`` reads still show it)."""
    kind, doc, process, _ = _fact(store, fid)
    return _save(store, action="hide", target=fid, kind=kind, document_id=doc, process=process, why=why, by=_who(by))


def restore(store: Store, fid: str, *, why: str = "", by: str | None = None) -> Correction:
    """Show a hidden fact again."""
    kind, doc, process, _ = _fact(store, fid)
    return _save(store, action="restore", target=fid, kind=kind, document_id=doc, process=process, why=why, by=_who(by))


def verify(store: Store, fid: str, *, why: str = "", by: str | None = None) -> Correction:
    """Mark a fact checked against its report."""
    kind, doc, process, _ = _fact(store, fid)
    return _save(store, action="verify", target=fid, kind=kind, document_id=doc, process=process, why=why, by=_who(by))


def set_field(store: Store, target: str, name: str, value, *, why: str = "", by: str | None = None,
              settings: Settings | None = None) -> Correction:
    """Correct one field of a fact (``f-…``: speaker, party, issue, stance, status, date, quantity,
    affiliation, polarity as its kind has them) or of a merged actor (``e-…``: name, affiliation, kind)."""
    by = _who(by)
    if target.startswith("e-"):
        actor = _actor(store, target)
        if name not in ENTITY_FIELDS:
            raise ConfigError(f"an actor has no settable field {name!r}: use one of {', '.join(ENTITY_FIELDS)}")
        if name == "kind" and value not in get_args(ActorKind):
            raise ConfigError(f"kind {value!r} is not one of: {', '.join(get_args(ActorKind))}")
        before = {"name": actor.label}.get(name)
        return _save(store, action="set", target=target, field=name, value=str(value).strip(), before=before,
                     kind="actors", process=actor.process, why=why, by=by)
    kind, doc, process, data = _fact(store, target)
    attr = field_attr(kind, name)
    value = check_value(name, value, issue_ids(settings) if name == "issue" else ())
    before = data.get(attr or name)
    for c in _active(store):  # the value in force, if an analyst already changed it
        if c.action == "set" and c.target == target and c.field == name:
            before = c.value
    return _save(store, action="set", target=target, field=name, value=value, before=before, kind=kind,
                 document_id=doc, process=process, why=why, by=by)


def add(store: Store, document_id: str, kind: str, values: dict, *, start: int | None = None,
        end: int | None = None, quote: str | None = None, why: str = "", by: str | None = None,
        settings: Settings | None = None) -> Correction:
    """Add a fact the extractor missed, resting on ``text[start:end]`` of the report (or on the first
    place the report says ``quote``). Its id is the one extraction would give it."""
    by = _who(by)
    kind = kind_of(kind)
    found = _sql.report(store, document_id)
    if found is None:
        raise ConfigError(f"no report {document_id!r} in the store; see: detente search TEXT")
    text, process, _ = found
    if quote is not None:
        at = text.find(quote)
        if at < 0:
            raise ConfigError(f"the report {document_id!r} does not say {quote!r}")
        start, end = at, at + len(quote)
    if start is None or end is None or not 0 <= start < end <= len(text):
        raise ConfigError(f"give the evidence: --quote TEXT, or --start/--end within 0…{len(text)}")
    ev = Evidence.of(text, start, end)
    checked = {}
    for name, value in values.items():
        attr = FIELDS.get(kind, {}).get(name, name)
        checked[attr] = check_value(name, value, issue_ids(settings) if name == "issue" else ())
    model = FACT_KINDS[kind]
    data = {**checked, ("mentions" if kind == "actors" else "evidence"): ([ev] if kind == "actors" else ev)}
    try:
        fact = model.model_validate(data)
    except Exception as exc:
        need = [n for n, f in model.model_fields.items() if f.is_required()]
        raise ConfigError(f"a {kind.rstrip('s')} needs {', '.join(need)} (given: {', '.join(values) or 'none'}): "
                          f"{str(exc).splitlines()[0]}") from None
    dumped = fact.model_dump(mode="json")
    fid = fact_id(document_id, kind, start, end, key_of(kind, dumped))
    return _save(store, action="add", target=fid, kind=kind, document_id=document_id, process=process,
                 data={"kind": kind, "fact": dumped}, why=why, by=by)


def merge(store: Store, sid: str, into: str, *, why: str = "", by: str | None = None) -> Correction:
    """Merge actor ``sid`` into actor ``into`` (two entries for one person or group)."""
    by = _who(by)
    a, b = _actor(store, sid), _actor(store, into)
    if sid == into:
        raise ConfigError("an actor cannot be merged into itself")
    return _save(store, action="merge", target=sid, data={"into": into}, before=a.label, value=b.label,
                 kind="actors", process=a.process, why=why, by=by)


def split(store: Store, sid: str, fids: Iterable[str], name: str, *, why: str = "", by: str | None = None) -> Correction:
    """Split the mentions ``fids`` off actor ``sid`` into a new actor ``name`` (two people merged as one)."""
    by = _who(by)
    actor = _actor(store, sid)
    mentions = {f.id: f for f in _sql.facts_of(store, sid)}
    fids = list(dict.fromkeys(fids))
    wrong = [f for f in fids if f not in mentions]
    if not fids or wrong:
        raise ConfigError(f"give mentions of {sid} to split off (not: {', '.join(wrong) or 'none'}); "
                          f"its mentions: {', '.join(sorted(mentions)) or 'none'}")
    if not name.strip():
        raise ConfigError("give the split-off actor a name: --name NAME")
    first = mentions[fids[0]].data
    data = {"from": sid, "entity": entity_id("actor", min(fids)), "name": name.strip(), "facts": sorted(fids),
            "reports": sorted({mentions[f].document_id for f in fids}), "kind": first.get("kind"),
            "affiliation": first.get("affiliation")}
    return _save(store, action="split", target=sid, data=data, before=actor.label, value=name.strip(),
                 kind="actors", process=actor.process, why=why, by=by)


def move(store: Store, document_id: str, process: str | None, *, why: str = "", by: str | None = None) -> Correction:
    """Put a report in another peace process (``None``: it is not about a peace process)."""
    by = _who(by)
    found = _sql.report(store, document_id)
    if found is None:
        raise ConfigError(f"no report {document_id!r} in the store; see: detente search TEXT")
    _, before, locked = found
    _sql.place(store, document_id, process)
    return _save(store, action="move", target=document_id, document_id=document_id, value=process,
                 before={"process": before, "locked": locked}, process=process or before, why=why, by=by)


def rename(store: Store, old: str, new: str, *, why: str = "", by: str | None = None) -> Correction:
    """Rename a peace process, or merge it into another (when ``new`` exists)."""
    by = _who(by)
    if not new.strip() or old == new:
        raise ConfigError("give the process a new name, different from the old one")
    if old not in store.processes():
        raise ConfigError(f"no process {old!r}: use one of {', '.join(sorted(store.processes())) or 'none'}")
    before = _sql.rename_process(store, old, new.strip())
    return _save(store, action="rename", target=old, value=new.strip(), before=before, process=new.strip(),
                 why=why, by=by)


def undo(store: Store, correction_id: str, *, by: str | None = None) -> Correction:
    """Take a correction back (it stays in the log, marked undone)."""
    by = _who(by)
    c = _sql.get(store, correction_id)
    if c is None:
        raise ConfigError(f"no correction {correction_id!r}: see detente curate log")
    if c.undone_at:
        raise ConfigError(f"{correction_id} was already undone by {c.undone_by} at {c.undone_at}")
    if c.action == "move" and _sql.report(store, c.target) is not None:
        _sql.place(store, c.target, c.before["process"], c.before["locked"])
    elif c.action == "rename":
        _sql.restore_places(store, c.target, c.value, c.before)
    at = _now()
    _sql.mark_undone(store, c.id, by, at)
    return c.model_copy(update={"undone_at": at, "undone_by": by})


def log(store: Store, *, by: str | None = None, process: str | None = None, orphaned: bool = False) -> list[Correction]:
    """The corrections, oldest first; ``orphaned``: only those whose fact a re-extraction no longer finds."""
    return _sql.corrections(store, by=by, process=process, orphaned_only=orphaned)


def orphaned(store: Store) -> list[Correction]:
    """Active corrections whose fact is gone (kept, not dropped)."""
    return _sql.orphaned(store)


def export_jsonl(store: Store, out: IO[str]) -> int:
    """Every correction (undone ones too) as JSON Lines; returns how many."""
    n = 0
    for n, c in enumerate(log(store), 1):
        out.write(json.dumps(c.model_dump(mode="json", exclude={"orphaned"}), ensure_ascii=False) + "\n")
    return n


def import_jsonl(store: Store, lines: Iterable[str]) -> tuple[int, int]:
    """Corrections from JSON Lines (as :func:`export_jsonl` writes); ones already here are skipped, so
    importing twice changes nothing. Moves and renames are applied. Returns (added, skipped)."""
    added = skipped = 0
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            c = Correction.model_validate_json(line)
        except ValueError as exc:
            raise ConfigError(f"line {n} is not a correction: {str(exc).splitlines()[0]}") from None
        if not _sql.save(store, c):
            skipped += 1
            continue
        added += 1
        if not c.undone_at and c.action == "move" and _sql.report(store, c.target) is not None:
            _sql.place(store, c.target, c.value)
        elif not c.undone_at and c.action == "rename" and c.target in store.processes():
            _sql.rename_process(store, c.target, c.value)
    return added, skipped
