"""The read side's SQL: typed queries over the store, returning :mod:`detente.views`.

Every function takes an open :class:`~detente.store.Store`; dialect
differences (FTS5 or tsvector, index hints) stay here. Lists are bounded by
``limit`` so a store of 100k reports still answers in well under a second.
What is derived from query results (the gap, trends) is :mod:`detente.query`'s.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from sqlalchemy import and_, func, literal_column, or_, select, text as sql

from ..corrections import COLUMN_OF, Overlay, corrected_record
from ..merge import MergedAgreement, MergedIncident, MergedMeeting, fold, label, merged_from, person_key, split_name
from ..records import Record
from ..views import (
    ActorDetail, ActorSummary, DocumentView, FactView, PositionEntry, ProcessSummary, QuoteEntry,
    ReportSummary, RoleSpan, SearchHit, SourceRef, TimelineEvent,
)
from .core import Store, read_record
from .corrections import load_overlay
from .models import STATEMENTS, CorrectionRow, DocumentRow, EntityRow, FactRow, ProcessRow

__all__ = [
    "process_overview", "claim_vectors", "list_actors", "get_actor", "timeline", "positions", "quotes", "search",
    "get_document", "iter_records", "iter_facts", "SEARCH_WINDOW", "filter_names", "actors_total",
    "timeline_total", "positions_total", "quotes_total", "search_total", "reports", "reports_total", "REPORT_SORTS",
]

_E = EntityRow.__table__  # plain rows, not ORM objects: 5-10x cheaper to load

_TIMELINE_KINDS = {"meeting": "meeting", "agreement": "agreement", "incident": "incident", "quote": "statement"}


def _ref(doc_id, start, end, ev_text, source=None, published=None, fid=None) -> SourceRef:
    return SourceRef(document_id=doc_id, start=start, end=end, text=ev_text, source=source, published=published,
                     fact_id=fid)


_REF_COLS = (DocumentRow.id, FactRow.ev_start, FactRow.ev_end, FactRow.ev_text, DocumentRow.source, DocumentRow.published,
             FactRow.fid)


# -- the analysts' corrections: applied here, once, for every reader (rules: detente.corrections) ----------

def _overlay(store: Store, s, raw: bool) -> Overlay:
    """The corrections readers apply; ``raw`` reads get the extraction as it is. Kept on the store
    until a correction is made, undone or imported (one small query tells)."""
    if raw:
        return Overlay()
    return load_overlay(s, store.cache.setdefault("corrections", {}), corrections_version(s))


def _added_ref(a) -> SourceRef:
    ev = a.fact.get("evidence") or (a.fact.get("mentions") or [None])[0] or {}
    return SourceRef(document_id=a.document_id, start=ev.get("start"), end=ev.get("end"), text=ev.get("text"),
                     source=a.source, published=a.published, fact_id=a.id)


def _fixed(ov: Overlay, fid: str | None, kind: str, **values) -> dict | None:
    """A fact's flat values (column names) with its corrections, None when hidden."""
    if fid in ov.hidden:
        return None
    for name, value in ov.fields.get(fid or "", {}).items():
        column = COLUMN_OF.get(name, name)
        if column:
            values[column] = value
    return values


def _sources(s, entity_ids, ov: Overlay | None = None) -> dict[int, list[SourceRef]]:
    """Every report (with its evidence) behind each merged entity; hidden facts left out."""
    ids = list(set(entity_ids))
    facts = []
    for i in range(0, len(ids), 500):  # two indexed look-ups, no join: planners misjudge IN-list joins
        facts += s.execute(select(FactRow.entity_id, FactRow.id, FactRow.document_pk, FactRow.ev_start,
                                  FactRow.ev_end, FactRow.ev_text, FactRow.fid)
                           .where(FactRow.entity_id.in_(ids[i:i + 500]))).all()
    if ov and ov.hidden:
        facts = [f for f in facts if f.fid not in ov.hidden]
    pks = list({f.document_pk for f in facts})
    docs = {}
    for i in range(0, len(pks), 500):
        docs.update((r[0], r[1:]) for r in s.execute(
            select(DocumentRow.pk, DocumentRow.id, DocumentRow.source, DocumentRow.published)
            .where(DocumentRow.pk.in_(pks[i:i + 500]))))
    out: dict[int, list[SourceRef]] = defaultdict(list)
    for f in sorted(facts, key=lambda f: (docs[f.document_pk][2] or "", f.id)):
        doc_id, source, published = docs[f.document_pk]
        out[f.entity_id].append(_ref(doc_id, f.ev_start, f.ev_end, f.ev_text, source, published, f.fid))
    return out


def _background(m, day: str | None, first: str | None) -> bool:
    """History mentioned in passing (flagged by ``detente.resolve.timeline``) that happened before the
    process's first report: an event its reports did cover is not background, however it was mentioned."""
    return bool(getattr(m, "background", False)) and (first is None or (day or "") < first)


def _event(row, refs: list[SourceRef], first: str | None = None, ov: Overlay | None = None) -> TimelineEvent | None:
    """``first``: the date of the process's first report (what makes a flagged event background).
    None when every fact behind it is hidden by an analyst."""
    ov = ov or Overlay()
    if not refs and ov.hidden:
        return None
    fids = [r.fact_id for r in refs]
    day = next((ov.fields[f]["date"] for f in fids if "date" in ov.fields.get(f, {})), row.date)
    marks = {"corrected": any(ov.marker(f)["corrected"] for f in fids),
             "verified": bool(fids) and all(ov.marker(f)["verified"] for f in fids)}
    m = merged_from(row.kind, row.attrs)
    kind = _TIMELINE_KINDS[row.kind]
    if isinstance(m, MergedMeeting):
        who, med = m.participants[:6], m.mediators
        detail = "; ".join(filter(None, [", ".join(m.parties), ", ".join(who),
                                         f"mediators: {', '.join(med)}" if med else ""])) or None
        title = label(m)
    elif isinstance(m, MergedAgreement):
        title, detail = label(m), "; ".join(filter(None, [", ".join(m.statuses), ", ".join(m.parties)])) or None
    elif isinstance(m, MergedIncident):
        title, detail = label(m), m.target
    else:
        title, detail = f"{m.speaker or 'unattributed'}: “{m.text}”", m.speaker
    return TimelineEvent(id=row.sid, date=day, kind=kind, title=title, detail=detail, process=row.process,
                         sources=refs, planned=getattr(m, "planned", False),
                         background=_background(m, row.date, first), **marks)


def _added_event(a) -> TimelineEvent:
    f = a.fact
    if a.kind == "meetings":
        title, detail, day = f"talks in {f.get('place') or '?'}", ", ".join(f.get("parties") or []) or None, f.get("start")
    elif a.kind == "agreements":
        title, detail, day = (f.get("kind") or "agreement").replace("_", " "), f.get("status"), f.get("date")
    elif a.kind == "incidents":
        title, detail, day = f.get("kind") or "incident", f.get("target"), f.get("date")
    else:
        title, detail, day = f"{f.get('speaker') or 'unattributed'}: “{f.get('text')}”", f.get("speaker"), f.get("date")
    kind = {"meetings": "meeting", "agreements": "agreement", "incidents": "incident"}.get(a.kind, "statement")
    return TimelineEvent(id=a.id, date=day or a.published, kind=kind, title=title, detail=detail, process=a.process,
                         sources=[_added_ref(a)], corrected=True)


def _latest(s, kind: str, process: str, first: str | None, until: str | None,
            ov: Overlay | None = None) -> TimelineEvent | None:
    """The latest event of ``kind`` that happened: not planned, not background, not after ``until``
    (the newest report), and not one whose every fact an analyst hid."""
    q = select(_E).where(_E.c.kind == kind, _E.c.process == process)
    if until:
        q = q.where(_E.c.date <= until + "\uffff")
    rows = s.execute(q.order_by(_E.c.date.desc(), _E.c.id.desc()).limit(50)).all()
    refs = _sources(s, [r.id for r in rows], ov) if ov and ov.hidden else None
    held = [r for r in rows if not (getattr(m := merged_from(kind, r.attrs), "planned", False)
                                    or _background(m, r.date, first)) and (refs is None or refs[r.id])]
    if not held:
        return None
    # On the same day a deal reached beats one only proposed.
    row = max((r for r in held if r.date == held[0].date),
              key=lambda r: (bool(set(getattr(merged_from(kind, r.attrs), "statuses", [])) - {"proposed"}), r.id))
    return _event(row, _sources(s, [row.id], ov)[row.id], first, ov)


def _firsts(s, processes) -> dict[str, str | None]:
    """The date of each process's first report."""
    names = [p for p in set(processes) if p]
    if not names:
        return {}
    q = select(DocumentRow.process, func.min(DocumentRow.published)).where(DocumentRow.process.in_(names))
    return dict(s.execute(q.group_by(DocumentRow.process)).all())


def corrections_version(s) -> tuple:
    """Changes whenever a correction is made or undone (for caches of derived values)."""
    return tuple(s.execute(select(func.count(), func.max(CorrectionRow.at), func.max(CorrectionRow.undone_at))).one())


def process_overview(store: Store) -> list[tuple[ProcessSummary, tuple]]:
    """Every peace process with reports, and a version that changes when its reports do
    (for caching what is derived from them). ``gap_trend`` is left to :mod:`detente.query`."""
    with store.session() as s:
        edits = corrections_version(s)
        ov = _overlay(store, s, False)
        stats = {p: (n, lo, hi, stamp) for p, n, lo, hi, stamp in s.execute(
            select(DocumentRow.process, func.count(), func.min(DocumentRow.published),
                   func.max(DocumentRow.published), func.max(DocumentRow.ingested_at))
            .group_by(DocumentRow.process))}
        out = []
        for name, parties in s.execute(select(ProcessRow.name, ProcessRow.parties)).all():
            n, lo, hi, stamp = stats.get(name, (0, None, None, None))
            if not n:
                continue
            out.append((ProcessSummary(
                name=name, parties=list(parties), n_reports=n, first=lo, last=hi,
                latest_meeting=_latest(s, "meeting", name, lo, hi, ov),
                latest_agreement=_latest(s, "agreement", name, lo, hi, ov),
            ), (n, stamp, edits)))
    return out


def claim_vectors(store: Store, process: str) -> dict[tuple[str, int | None], list[int]]:
    """The claim vectors ingest stored with a process's positions (``claim_vec``), by (report id,
    evidence start); positions stored without one are absent."""
    with store.session() as s:
        q = (select(DocumentRow.id, FactRow.ev_start, FactRow.data)
             .join(DocumentRow, DocumentRow.pk == FactRow.document_pk)
             .where(FactRow.kind == "positions", FactRow.process == process))
        return {(doc, start): data["claim_vec"] for doc, start, data in s.execute(q) if data.get("claim_vec")}


def filter_names(store: Store, column: str) -> list[str]:
    """The distinct ``party`` or ``issue`` values of stored positions and quotes, or the outlets
    (``source``) of stored reports: what filters can find."""
    with store.session() as s:
        if column == "source":
            return sorted(s.execute(select(DocumentRow.source).where(DocumentRow.source.is_not(None))
                                    .distinct()).scalars())
        col = {"party": FactRow.party, "issue": FactRow.issue}[column]
        return sorted(s.execute(select(col).where(FactRow.kind.in_(("positions", "quotes")), col.is_not(None))
                                .distinct()).scalars())


def _summary(row, n: int | None = None) -> ActorSummary:
    a = merged_from("actor", row.attrs)
    return ActorSummary(id=row.sid, name=row.label, kind=a.kind, affiliation=a.affiliation,
                        spellings=sorted(a.names), n_reports=n if n is not None else row.n_sources)


def _by_sid(s, sids) -> dict[str, object]:
    sids = [x for x in set(sids) if x]
    return {r.sid: r for r in s.execute(select(_E).where(_E.c.sid.in_(sids)))} if sids else {}


def _curated_actors(s, ov: Overlay, found: list[ActorSummary], counted: bool = False) -> list[ActorSummary]:
    """Merged actors as analysts corrected them: merges folded in, splits split off, fields set.
    ``counted``: ``found`` counts reports of one process (an actor fetched here then counts none)."""
    by_id = {a.id: a for a in found}
    missing = {ov.actor(a.id) for a in found if a.id in ov.merged} - set(by_id)
    by_id.update({sid: _summary(r, 0 if counted else None) for sid, r in _by_sid(s, missing).items()})
    for sid in [a for a in list(by_id) if a in ov.merged]:
        gone, into = by_id.pop(sid), by_id.get(ov.actor(sid))
        if into is not None:
            by_id[into.id] = into.model_copy(update={
                "n_reports": into.n_reports + gone.n_reports, "corrected": True,
                "spellings": sorted(set(into.spellings) | set(gone.spellings) | {gone.name})})
    for sp in ov.splits:
        src = by_id.get(ov.actor(sp["from"]))
        if src is None:
            continue
        by_id[src.id] = src.model_copy(update={"n_reports": max(0, src.n_reports - len(sp["reports"])), "corrected": True})
        by_id[sp["entity"]] = ActorSummary(id=sp["entity"], name=sp["name"], kind=sp.get("kind") or src.kind,
                                           affiliation=sp.get("affiliation"), spellings=[sp["name"]],
                                           n_reports=len(sp["reports"]), corrected=True)
    for sid, values in ov.entity_fields.items():
        if sid in by_id:
            fields = {("affiliation" if k == "party" else k): v for k, v in values.items()}
            by_id[sid] = by_id[sid].model_copy(update={**fields, "corrected": True})
    return list(by_id.values())


def _process_actor_counts(s, process: str) -> dict[int, int]:
    """Actor entity → reports of ``process`` that mention it."""
    return dict(s.execute(
        select(FactRow.entity_id, func.count(func.distinct(FactRow.document_pk)))
        .where(FactRow.kind == "actors", FactRow.process == process, FactRow.entity_id.is_not(None))
        .group_by(FactRow.entity_id)).all())


def _actors_query(kind: str | None, ids=None):
    q = select(_E).where(_E.c.kind == "actor")
    if ids is not None:
        q = q.where(_E.c.id.in_(ids))
    return q.where(_E.c.attrs["kind"].as_string() == kind) if kind else q


def list_actors(store: Store, *, process: str | None = None, kind: str | None = None, limit: int | None = 200,
                offset: int = 0, raw: bool = False) -> list[ActorSummary]:
    """Merged actors (one per person, whatever the spelling), most reported first; as analysts merged,
    split and corrected them unless ``raw``."""
    with store.session() as s:
        ov = _overlay(store, s, raw)
        curated = bool(ov.merged or ov.splits or ov.entity_fields)
        end = None if limit is None else offset + limit
        if process:
            counts = _process_actor_counts(s, process)
            found = [_summary(r, counts[r.id]) for r in s.execute(_actors_query(kind, list(counts))).all()]
            if curated:
                found = [a for a in _curated_actors(s, ov, found, counted=True) if not kind or a.kind == kind]
            found.sort(key=lambda a: (-a.n_reports, a.name, a.id))
            return found[offset:end]
        q = _actors_query(kind).order_by(_E.c.n_sources.desc(), _E.c.label, _E.c.id)
        if curated:  # a window wide enough for what merges take out, corrected, then cut
            rows = s.execute(q if end is None else q.limit(end + len(ov.merged) + len(ov.splits))).all()
            found = [a for a in _curated_actors(s, ov, [_summary(r) for r in rows]) if not kind or a.kind == kind]
            found.sort(key=lambda a: (-a.n_reports, a.name, a.id))
            return found[offset:end]
        q = q.offset(offset)
        return [_summary(r) for r in s.execute(q if limit is None else q.limit(limit)).all()]


def actors_total(store: Store, *, process: str | None = None, kind: str | None = None, raw: bool = False) -> int:
    """How many actors :func:`list_actors` has to show with these filters (analysts' merges and splits
    counted unless ``raw``)."""
    with store.session() as s:
        ids = list(_process_actor_counts(s, process)) if process else None
        n = _count(s, _actors_query(kind, ids))
        if raw:
            return n
        ov = _overlay(store, s, raw)
        return max(0, n - len(ov.merged)) + len(ov.splits)


def _count(s, q) -> int:
    return s.execute(select(func.count()).select_from(q.order_by(None).subquery())).scalar_one()


def _actor_ids(s, name: str) -> list[EntityRow]:
    """Actor entities a name may denote: any spelling, with or without first name."""
    first, _ = split_name(name)
    keys = ["p:" + person_key(name), "o:" + fold(name)]
    rows = s.execute(select(_E).where(_E.c.kind == "actor", _E.c.key.in_(keys))).all()
    if first:
        firsts = {r.id: merged_from("actor", r.attrs).firsts for r in rows}
        rows = [r for r in rows if not firsts[r.id] or any(f[:1] == first[:1] for f in firsts[r.id])]
    return sorted(rows, key=lambda r: -r.n_sources)


def _with_merged(s, ov: Overlay, rows: list) -> list:
    """``rows`` (actor entities) with the ones analysts merged them into or merged into them."""
    if not ov.merged or not rows:
        return rows
    targets = {ov.actor(r.sid) for r in rows}
    sids = targets | {k for k in ov.merged if ov.actor(k) in targets}
    extra = _by_sid(s, sids - {r.sid for r in rows})
    return sorted([*rows, *extra.values()], key=lambda r: (r.sid not in targets, -r.n_sources))


def get_actor(store: Store, name: str, *, raw: bool = False) -> ActorDetail | None:
    """One actor by any spelling of the name: roles over time, quotes, positions."""
    with store.session() as s:
        ov = _overlay(store, s, raw)
        rows = _with_merged(s, ov, _actor_ids(s, name))
        if not rows:
            return None
        row, ids = rows[0], [r.id for r in rows]
        roles: dict[str, list[SourceRef]] = defaultdict(list)
        q = (select(FactRow.data, *_REF_COLS).join(DocumentRow, DocumentRow.pk == FactRow.document_pk)
             .where(FactRow.entity_id.in_(ids), FactRow.kind == "actors").order_by(DocumentRow.published))
        for data, *ref in s.execute(q.limit(2000)):
            if ref[-1] in ov.hidden:
                continue
            for role in data.get("roles") or []:
                roles[role].append(_ref(*ref))
        spans = [RoleSpan(role=r, first=refs[0].published, last=refs[-1].published, sources=refs)
                 for r, refs in roles.items()]
        detail_positions = _positions(s, ov, speaker_ids=ids, limit=200)
        if merged_from("actor", row.attrs).kind in ("state", "group", "organization"):
            detail_positions += _positions(s, ov, party=row.label, limit=200)
        summary = _summary(row)
        if len(rows) > 1 or ov.entity_fields:
            summary = next((a for a in _curated_actors(s, ov, [_summary(r) for r in rows]) if a.id == row.sid), summary)
    return ActorDetail(actor=summary, roles=sorted(spans, key=lambda r: r.first or ""),
                       quotes=quotes(store, speaker_ids=ids, limit=100, raw=raw), positions=detail_positions)


def _timeline_source(dialect: str, kind: str, process: str | None):
    """``entities``; for statements on SQLite, forced onto the partial index its planner overlooks."""
    if kind == "quote" and dialect == "sqlite":
        return sql(f"entities INDEXED BY ix_entities_statements_{'process_' if process else ''}date")
    return sql("entities")


#: An entity's process's first report (a correlated look-up on ix_documents_process_published).
_FIRST_REPORT = "(SELECT MIN(d.published) FROM documents d WHERE d.process = entities.process)"


def _foreground(dialect: str):
    """Entities that are not background (see :func:`_background`; the flag lives in their JSON)."""
    flag = ("COALESCE((attrs->>'background')::boolean, false)" if dialect == "postgresql"
            else "COALESCE(json_extract(attrs, '$.background'), 0)")
    false = "false" if dialect == "postgresql" else "0"
    return sql(f"({flag} = {false} OR date >= {_FIRST_REPORT})")


def _timeline_keys(dialect: str, kind: str, process: str | None, since: str | None, until: str | None,
                   background: bool = False, supported: list[int] | None = None):
    """(date, id) of the dated events of one kind in the range, newest first; ``supported``: only these ids."""
    day, pid, proc = literal_column("date"), literal_column("id"), literal_column("process")
    q = select(day, pid).select_from(_timeline_source(dialect, kind, process))
    q = q.where(sql(STATEMENTS) if kind == "quote" else literal_column("kind") == kind, day.is_not(None))
    if kind != "quote" and not background:
        q = q.where(_foreground(dialect))
    if process:
        q = q.where(proc == process)
    if since:
        q = q.where(day >= since)
    if until:
        q = q.where(day <= until + "\uffff")
    if supported is not None:
        q = q.where(pid.in_(supported))
    return q.order_by(day.desc(), pid.desc())


def _supported(s, document_id: str | None) -> list[int] | None:
    """The merged entities one report's facts belong to (None: no report given)."""
    if not document_id:
        return None
    return list(set(s.execute(select(FactRow.entity_id).join(DocumentRow, DocumentRow.pk == FactRow.document_pk)
                              .where(DocumentRow.id == document_id, FactRow.entity_id.is_not(None))).scalars()))


def timeline_total(store: Store, *, process: str | None = None, since: str | None = None,
                   until: str | None = None, background: bool = False, document_id: str | None = None,
                   raw: bool = False) -> int:
    """How many events :func:`timeline` has in this range (stored events: ``raw`` or not, an event an
    analyst hid entirely still counts)."""
    with store.session() as s:
        supported = _supported(s, document_id)
        return sum(_count(s, _timeline_keys(store.dialect, kind, process, since, until, background, supported))
                   for kind in _TIMELINE_KINDS)


def timeline(store: Store, *, process: str | None = None, since: str | None = None, until: str | None = None,
             limit: int | None = 500, offset: int = 0, background: bool = False,
             document_id: str | None = None, raw: bool = False) -> list[TimelineEvent]:
    """Merged meetings, agreements, incidents and widely reported statements, oldest first.

    At most ``limit`` events (None: all): the latest ones in the range after
    skipping the ``offset`` latest. A statement is a quote that two or more
    reports carry. History mentioned in passing (background events) only with
    ``background=True``; ``document_id`` keeps the events one report supports. Analysts' corrections
    applied unless ``raw`` (events whose every fact is hidden leave; added ones join the first page).
    """
    with store.session() as s:
        keys: list = []
        supported = _supported(s, document_id)
        for kind in _TIMELINE_KINDS:  # one indexed query per kind, ids only, merged here
            q = _timeline_keys(store.dialect, kind, process, since, until, background, supported)
            keys += s.execute(q if limit is None else q.limit(offset + limit)).all()
        newest = sorted(map(tuple, keys), reverse=True)
        ids = [i for _, i in newest[offset: None if limit is None else offset + limit]]
        rows = sorted(s.execute(select(_E).where(_E.c.id.in_(ids))).all(), key=lambda r: (r.date, r.id))
        ov = _overlay(store, s, raw)
        refs = _sources(s, ids, ov)
        firsts = _firsts(s, [r.process for r in rows])
        events = [e for r in rows if (e := _event(r, refs[r.id], firsts.get(r.process), ov)) is not None]
    if ov.added or ov.fields:
        added = [_added_event(a) for a in ov.added if a.kind in ("meetings", "agreements", "incidents")
                 and (not process or a.process == process) and (not document_id or a.document_id == document_id)]
        events = [e for e in events + (added if not offset else [])
                  if e.date and (not since or e.date >= since) and (not until or e.date <= until + "\uffff")]
        events = sorted(events, key=lambda e: e.date or "")[-limit if limit else 0:]
    return events


def _facts_where(q, **equal):
    """``q`` narrowed to facts whose columns hold the given values (a value None: no filter)."""
    for column, value in equal.items():
        if value:
            q = q.where(getattr(FactRow, column) == value)
    return q


def _conditions(**equal) -> list:
    return [getattr(FactRow, column) == value for column, value in equal.items() if value]


def _positions_query(q, *, touched=(), process=None, party=None, issue=None, speaker_id=None, speaker_ids=None,
                     parties=None):
    """``q`` narrowed to the positions that match; with ``touched`` (facts an analyst corrected) those
    too whatever their stored values, for the caller to check again once corrected."""
    conds = _conditions(process=process, party=party, issue=issue, speaker_id=speaker_id)
    if speaker_ids:
        conds.append(FactRow.speaker_id.in_(speaker_ids))
    if parties is not None:
        conds.append(FactRow.party.in_(parties))
    q = q.where(FactRow.kind == "positions")
    if conds and touched:
        return q.where(or_(and_(*conds), FactRow.fid.in_(list(touched))))
    return q.where(*conds) if conds else q


def _positions(s, ov: Overlay, *, limit: int | None = 1000, offset: int = 0, **filters) -> list[PositionEntry]:
    touched = ov.touched
    q = _positions_query(select(FactRow.party, FactRow.issue, FactRow.stance, FactRow.date, FactRow.name,
                                FactRow.text, FactRow.process, *_REF_COLS)
                         .join(DocumentRow, DocumentRow.pk == FactRow.document_pk), touched=touched, **filters)
    q = q.order_by(FactRow.date.desc(), FactRow.id.desc()).offset(offset)
    rows = s.execute(q if limit is None else q.limit(limit + len(ov.hidden))).all()
    want = {k: filters.get(k) for k in ("process", "party", "issue", "parties")}
    out = []
    for party_, issue_, stance, day, name, claim, proc, *ref in reversed(rows):
        values = _fixed(ov, ref[-1], "positions", party=party_, issue=issue_, stance=stance, date=day, name=name)
        if values is None:
            continue
        if ref[-1] in touched and not _matches(values, proc, **want):
            continue
        out.append(PositionEntry(id=ref[-1], party=values["party"], issue=values["issue"], stance=values["stance"],
                                 date=values["date"], actor=values["name"], claim=claim, process=proc,
                                 source=_ref(*ref), **ov.marker(ref[-1])))
    if ov.added and not (filters.get("speaker_ids") or filters.get("speaker_id") or offset):
        for a in ov.added:
            f = a.fact
            if a.kind == "positions" and _matches(f, a.process, **want):
                out.append(PositionEntry(id=a.id, party=f["party"], issue=f["issue"], stance=f["stance"],
                                         date=f.get("date") or a.published, actor=f.get("actor"),
                                         claim=f.get("claim"), process=a.process, source=_added_ref(a), corrected=True))
    if ov.added or any("date" in v for v in ov.fields.values()):
        out.sort(key=lambda e: e.date or "")
    return out if limit is None else out[-limit:]


def _matches(values: dict, in_process, process=None, party=None, issue=None, parties=None) -> bool:
    return ((not process or in_process == process) and (not party or values.get("party") == party)
            and (not issue or values.get("issue") == issue) and (parties is None or values.get("party") in parties))


def positions(store: Store, *, process: str | None = None, party: str | None = None, issue: str | None = None,
              parties: list[str] | None = None, limit: int | None = 1000, offset: int = 0,
              raw: bool = False) -> list[PositionEntry]:
    """Stances with dates and evidence, oldest first (the latest ``limit`` after the ``offset`` latest);
    ``parties`` keeps those stated by any of them. Analysts' corrections are applied unless ``raw``."""
    with store.session() as s:
        return _positions(s, _overlay(store, s, raw), process=process, party=party, issue=issue, parties=parties,
                          limit=limit, offset=offset)


def positions_total(store: Store, *, process: str | None = None, party: str | None = None,
                    issue: str | None = None, raw: bool = False) -> int:
    """How many stances :func:`positions` has with these filters (hidden ones left out unless ``raw``)."""
    with store.session() as s:
        ov = _overlay(store, s, raw)
        q = _positions_query(select(FactRow.id), touched=ov.touched, process=process, party=party, issue=issue)
        if ov.hidden:
            q = q.where(FactRow.fid.notin_(list(ov.hidden)))
        return _count(s, q) + sum(1 for a in ov.added if a.kind == "positions"
                                  and _matches(a.fact, a.process, process, party, issue))


def _quote_matches(a, speaker, party, issue, text) -> bool:
    f = a.fact
    return ((not speaker or fold(speaker) in fold(f.get("speaker") or "")) and not party and not issue
            and (not text or text.lower() in (f.get("text") or "").lower()))


def _added_quote(a) -> QuoteEntry:
    f = a.fact
    return QuoteEntry(id=a.id, speaker=f.get("speaker"), text=f.get("text") or "", kind=f.get("kind") or "direct",
                      date=f.get("date") or a.published, process=a.process, sources=[_added_ref(a)], corrected=True)


def quotes(store: Store, *, speaker: str | None = None, party: str | None = None, issue: str | None = None,
           since: str | None = None, until: str | None = None, text: str | None = None, limit: int | None = 200,
           speaker_id: int | None = None, offset: int = 0, process: str | None = None,
           speaker_ids: list[int] | None = None, raw: bool = False) -> list[QuoteEntry]:
    """Deduplicated quotes, newest first, each with every report that carries it. Corrections applied
    unless ``raw``; ``speaker_ids``: any of these actors (one an analyst merged)."""
    with store.session() as s:
        ov = _overlay(store, s, raw)
        q = _quote_ids(s, speaker, speaker_id, party, issue, since, until, text, process, ov, speaker_ids)
        if q is None:
            return []
        q = q.offset(offset)
        found = _quote_entries(s, [i for i, *_ in s.execute(q if limit is None else q.limit(limit))], ov)
    if ov.added and not (speaker_ids or speaker_id or offset):
        found += [_added_quote(a) for a in ov.added if a.kind == "quotes" and (not process or a.process == process)
                  and _quote_matches(a, speaker, party, issue, text)]
    return found


def quotes_total(store: Store, *, speaker: str | None = None, party: str | None = None, issue: str | None = None,
                 since: str | None = None, until: str | None = None, text: str | None = None,
                 process: str | None = None, raw: bool = False) -> int:
    """How many quotes :func:`quotes` has with these filters."""
    with store.session() as s:
        q = _quote_ids(s, speaker, None, party, issue, since, until, text, process, _overlay(store, s, raw))
        return 0 if q is None else _count(s, q)


def _quote_ids(s, speaker, speaker_id, party, issue, since, until, text, process=None, ov: Overlay | None = None,
               speaker_ids=None):
    """The query of matching merged quote ids, newest first; None when the speaker is unknown."""
    speakers = list(speaker_ids or []) + ([speaker_id] if speaker_id else [])
    if speaker:
        speakers += [r.id for r in _with_merged(s, ov or Overlay(), _actor_ids(s, speaker))]
        if not speakers:
            return None
    if not (party or issue or text):
        return _quote_ids_by_entity(speakers, since, until, process)
    return _quote_ids_by_fact(speakers, party, issue, since, until, text, process)


def _quote_ids_by_entity(speakers, since, until, process):
    """Newest merged quotes straight from the entities (a speaker is part of the blocking key)."""
    q = select(_E.c.id).where(_E.c.kind == "quote")
    if process:
        q = q.where(_E.c.process == process)
    if speakers:
        q = q.where(_E.c.key.in_([f"q:{i}" for i in speakers]))
    if since:
        q = q.where(_E.c.date >= since)
    if until:
        q = q.where(_E.c.date <= until + "\uffff")
    return q.order_by(_E.c.date.desc(), _E.c.id.desc())


def _quote_ids_by_fact(speakers, party, issue, since, until, text, process):
    """Newest merged quotes whose reported forms match fact-level filters."""
    q = (select(FactRow.entity_id, func.max(FactRow.date).label("day"))
         .where(FactRow.kind == "quotes", FactRow.entity_id.is_not(None)))
    if speakers:
        q = q.where(FactRow.speaker_id.in_(speakers))
    q = _facts_where(q, party=party, issue=issue, process=process)
    if since:
        q = q.where(FactRow.date >= since)
    if until:
        q = q.where(FactRow.date <= until + "\uffff")
    if text:
        q = q.where(func.lower(FactRow.text).contains(text.lower()))
    return q.group_by(FactRow.entity_id).order_by(sql("day DESC"), FactRow.entity_id.desc())


def _quote_entries(s, ids: list[int], ov: Overlay | None = None) -> list[QuoteEntry]:
    ov = ov or Overlay()
    ents = {e.id: e for e in s.execute(select(_E).where(_E.c.id.in_(ids)))}
    facts: dict[int, list] = defaultdict(list)
    fq = select(FactRow.entity_id, FactRow.text, FactRow.quote_kind, FactRow.party, FactRow.issue, FactRow.fid,
                FactRow.speaker_id)
    for f in s.execute(fq.where(FactRow.entity_id.in_(ids), FactRow.kind == "quotes").order_by(FactRow.id)):
        facts[f.entity_id].append(f)
    speaker_ids = {f.speaker_id for fs in facts.values() for f in fs if f.speaker_id is not None}
    names = dict(s.execute(select(_E.c.id, _E.c.label).where(_E.c.id.in_(speaker_ids))).all()) if speaker_ids else {}
    refs = _sources(s, ids, ov)
    out = []
    for eid in ids:
        e = ents.get(eid)
        shown = [f for f in facts.get(eid, []) if f.fid not in ov.hidden]
        if e is None or not shown:
            continue
        f, m = shown[0], merged_from("quote", e.attrs)
        fixed = {}
        for g in shown:
            fixed.update(ov.fields.get(g.fid, {}))
        marks = {"corrected": any(ov.marker(g.fid)["corrected"] for g in shown),
                 "verified": all(ov.marker(g.fid)["verified"] for g in shown)}
        out.append(QuoteEntry(id=e.sid, speaker=fixed.get("speaker", m.speaker), text=m.text or f.text or "",
                              kind=fixed.get("kind", m.kind or f.quote_kind), date=fixed.get("date", e.date),
                              party=fixed.get("party", f.party), issue=fixed.get("issue", f.issue), process=e.process,
                              sources=refs[eid], speaker_name=names.get(f.speaker_id), **marks))
    return out


#: How the reports list may be sorted: by a report's column, or by how many facts it holds.
REPORT_SORTS = ("published", "source", "process", "title", "facts")


def _reports_query(process, source, since, until):
    q = select(DocumentRow.pk, DocumentRow.id, DocumentRow.title, DocumentRow.source, DocumentRow.published,
               DocumentRow.process)
    if process:
        q = q.where(DocumentRow.process == process)
    if source:
        q = q.where(func.lower(DocumentRow.source) == source.lower())
    if since:
        q = q.where(DocumentRow.published >= since)
    if until:
        q = q.where(DocumentRow.published <= until + "\uffff")
    return q


def reports(store: Store, *, process: str | None = None, source: str | None = None, since: str | None = None,
            until: str | None = None, sort: str = "published", descending: bool = True, limit: int | None = 50,
            offset: int = 0) -> list[ReportSummary]:
    """Stored reports with their outlet, date, process and number of facts; filtered, sorted (:data:`REPORT_SORTS`)."""
    q = _reports_query(process, source, since, until)
    if sort == "facts":
        n_facts = select(FactRow.document_pk, func.count().label("n")).group_by(FactRow.document_pk).subquery()
        q = q.outerjoin(n_facts, n_facts.c.document_pk == DocumentRow.pk)
        key = func.coalesce(n_facts.c.n, 0)
    else:
        key = getattr(DocumentRow, sort if sort in REPORT_SORTS else "published")
    q = q.order_by(key.desc() if descending else key.asc(), DocumentRow.pk.desc() if descending else DocumentRow.pk)
    with store.session() as s:
        rows = s.execute(q.offset(offset) if limit is None else q.offset(offset).limit(limit)).all()
        counts = dict(s.execute(select(FactRow.document_pk, func.count()).where(
            FactRow.document_pk.in_([r.pk for r in rows])).group_by(FactRow.document_pk)).all())
    return [ReportSummary(document_id=r.id, title=r.title, source=r.source, published=r.published,
                          process=r.process, n_facts=counts.get(r.pk, 0)) for r in rows]


def reports_total(store: Store, *, process: str | None = None, source: str | None = None, since: str | None = None,
                  until: str | None = None, **_order) -> int:
    """How many reports :func:`reports` has with these filters (however sorted)."""
    with store.session() as s:
        return _count(s, _reports_query(process, source, since, until))


def _snippet(body: str, text: str, width: int = 90) -> str:
    """About ``2 * width`` characters around the first query word (or its stem) in ``body``."""
    stems = [w[: max(4, len(w) - 3)] for w in fold(text).split()]
    low = body.casefold()
    hits = [(i, stem) for stem in stems if (i := low.find(stem)) >= 0]
    if not hits:
        return body[: 2 * width]
    at, stem = min(hits)
    end = at + len(stem)
    while end < len(body) and body[end].isalnum():
        end += 1
    lo, hi = max(0, at - width), min(len(body), end + width)
    return ("…" if lo else "") + body[lo:at] + "[" + body[at:end] + "]" + body[end:hi] + ("…" if hi < len(body) else "")


def _fts_query(text: str) -> str:
    words = [w for w in fold(text).split() if w]
    return " ".join(f'"{w}"' for w in words)


#: Search ranks the most recently stored matches only, so a common word stays fast at 100k reports.
SEARCH_WINDOW = 500


#: The reports matching a search, the :data:`SEARCH_WINDOW` most recently stored (pk), by dialect.
_MATCHES = {
    "postgresql": "SELECT pk, ts_rank(tsv, q) AS r FROM (SELECT pk, tsv, q FROM documents, "
                  "plainto_tsquery('english', :q) q WHERE tsv @@ q ORDER BY pk DESC LIMIT :w) latest",
    "sqlite": "SELECT rowid AS pk, bm25(documents_fts) AS score FROM documents_fts "
              "WHERE documents_fts MATCH :q ORDER BY rowid DESC LIMIT :w",
}


def _search_text(dialect: str, text: str) -> str:
    return text if dialect == "postgresql" else _fts_query(text)


def search_total(store: Store, text: str) -> int:
    """How many reports :func:`search` ranks for ``text`` (at most :data:`SEARCH_WINDOW`)."""
    if not fold(text):
        return 0
    with store.session() as s:
        return s.execute(sql(f"SELECT count(*) FROM ({_MATCHES[store.dialect]}) m"),
                         {"q": _search_text(store.dialect, text), "w": SEARCH_WINDOW}).scalar_one()


def search(store: Store, text: str, *, limit: int | None = 50, offset: int = 0) -> list[SearchHit]:
    """Full-text search over reports (FTS5 on SQLite, tsvector on PostgreSQL).

    Best match first among the :data:`SEARCH_WINDOW` most recently stored
    matching reports.
    """
    if not fold(text):
        return []
    params = {"n": SEARCH_WINDOW if limit is None else limit, "w": SEARCH_WINDOW, "o": offset}
    with store.session() as s:
        if store.dialect == "postgresql":
            found = s.execute(sql(
                "SELECT d.id, d.title, d.text, d.published, d.source "
                f"FROM ({_MATCHES['postgresql']} "
                "ORDER BY r DESC, pk DESC LIMIT :n OFFSET :o) m JOIN documents d ON d.pk = m.pk ORDER BY m.r DESC, m.pk DESC"
            ), {**params, "q": text}).all()
            # ts_headline re-parses every text (~2 ms each); a window around the first hit is enough.
            rows = [(i, title, _snippet(body, text), day, src) for i, title, body, day, src in found]
        else:
            params["q"] = _fts_query(text)
            best = s.execute(sql(
                f"SELECT pk FROM ({_MATCHES['sqlite']}) ORDER BY score, pk DESC LIMIT :n OFFSET :o"
            ), params).scalars().all()
            if not best:
                return []
            snippets = dict(s.execute(sql(
                "SELECT rowid, snippet(documents_fts, 1, '[', ']', '…', 16) FROM documents_fts "
                f"WHERE documents_fts MATCH :q AND rowid IN ({','.join(str(int(pk)) for pk in best)})"
            ), params).all())
            docs = {r[0]: r for r in s.execute(
                select(DocumentRow.pk, DocumentRow.id, DocumentRow.title, DocumentRow.published, DocumentRow.source)
                .where(DocumentRow.pk.in_(best)))}
            rows = [(docs[pk][1], docs[pk][2], snippets.get(pk), docs[pk][3], docs[pk][4]) for pk in best]
    return [SearchHit(document_id=r[0], title=r[1], snippet=" ".join((r[2] or "").split()), published=r[3],
                      source=r[4]) for r in rows]


def get_document(store: Store, document_id: str, *, raw: bool = False) -> DocumentView | None:
    """A stored report with its record: each fact with its id, as corrected (``raw``: as extracted)."""
    found = store.get(document_id)
    if found is None:
        return None
    document, record, process, digest = found
    with store.session() as s:
        record = corrected_record(record, _overlay(store, s, raw))
    return DocumentView(document=document, record=record, process=process, content_hash=digest)


# -- the whole store, page by page (export) ------------------------------------------

def _pages(store: Store, process: str | None, page: int = 500) -> Iterator[list[DocumentRow]]:
    last = 0
    while True:
        with store.session() as s:
            q = select(DocumentRow).where(DocumentRow.pk > last)
            if process:
                q = q.where(DocumentRow.process == process)
            rows = s.execute(q.order_by(DocumentRow.pk).limit(page)).scalars().all()
        if not rows:
            return
        yield rows
        last = rows[-1].pk


def iter_records(store: Store, *, process: str | None = None, raw: bool = False) -> Iterator[tuple[Record, str | None]]:
    """Each stored report's record (facts with their ids, corrected unless ``raw``) and process, in the
    order they were stored; memory stays flat."""
    with store.session() as s:
        ov = _overlay(store, s, raw)
    for rows in _pages(store, process):
        with store.session() as s:
            for row in rows:
                yield corrected_record(read_record(s, row), ov), row.process


def iter_facts(store: Store, *, process: str | None = None, raw: bool = False) -> Iterator[FactView]:
    """Every stored fact as a flat row, report by report (corrected unless ``raw``; added facts last)."""
    with store.session() as s:
        ov = _overlay(store, s, raw)
    for rows in _pages(store, process):
        by_pk = {r.pk: r for r in rows}
        with store.session() as s:
            q = (select(FactRow).where(FactRow.document_pk.in_(list(by_pk)))
                 .order_by(FactRow.document_pk, FactRow.kind, FactRow.seq))
            facts = s.execute(q).scalars().all()
            sids = dict(s.execute(select(_E.c.id, _E.c.sid).where(
                _E.c.id.in_({f.entity_id for f in facts if f.entity_id is not None}))).all())
        for f in facts:
            d = by_pk[f.document_pk]
            values = _fixed(ov, f.fid, f.kind, date=f.date, party=f.party, issue=f.issue, stance=f.stance,
                            quote_kind=f.quote_kind, status=f.status, polarity=f.polarity, name=f.name)
            if values is None:
                continue
            yield FactView(
                id=f.fid, document_id=d.id, published=d.published, source=d.source, process=f.process, kind=f.kind,
                text=f.text, evidence_start=f.ev_start, evidence_end=f.ev_end, evidence_text=f.ev_text,
                merged_id=sids.get(f.entity_id), **values, **ov.marker(f.fid),
            )
    for a in ov.added:
        if not process or a.process == process:
            ref, fact = _added_ref(a), a.fact
            yield FactView(id=a.id, document_id=a.document_id, published=a.published, source=a.source,
                           process=a.process, kind=a.kind, date=fact.get("date") or a.published,
                           party=fact.get("party"), issue=fact.get("issue"), stance=fact.get("stance"),
                           status=fact.get("status"), polarity=fact.get("polarity"),
                           name=fact.get("actor") or fact.get("speaker") or fact.get("name"), text=fact.get("claim") or fact.get("text"),
                           evidence_start=ref.start, evidence_end=ref.end, evidence_text=ref.text, corrected=True)
