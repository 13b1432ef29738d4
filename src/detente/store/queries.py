"""The read side's SQL: typed queries over the store, returning :mod:`detente.views`.

Every function takes an open :class:`~detente.store.Store`; dialect
differences (FTS5 or tsvector, index hints) stay here. Lists are bounded by
``limit`` so a store of 100k reports still answers in well under a second.
What is derived from query results (the gap, trends) is :mod:`detente.query`'s.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from sqlalchemy import func, literal_column, select, text as sql

from ..merge import MergedAgreement, MergedIncident, MergedMeeting, fold, label, merged_from, person_key, split_name
from ..records import Record
from ..views import (
    ActorDetail, ActorSummary, DocumentView, FactView, PositionEntry, ProcessSummary, QuoteEntry,
    ReportSummary, RoleSpan, SearchHit, SourceRef, TimelineEvent,
)
from .core import Store, read_record
from .models import STATEMENTS, DocumentRow, EntityRow, FactRow, ProcessRow

__all__ = [
    "process_overview", "claim_vectors", "list_actors", "get_actor", "timeline", "positions", "quotes", "search",
    "get_document", "iter_records", "iter_facts", "SEARCH_WINDOW", "filter_names", "actors_total",
    "timeline_total", "positions_total", "quotes_total", "search_total", "reports", "reports_total", "REPORT_SORTS",
]

_E = EntityRow.__table__  # plain rows, not ORM objects: 5-10x cheaper to load

_TIMELINE_KINDS = {"meeting": "meeting", "agreement": "agreement", "incident": "incident", "quote": "statement"}


def _ref(doc_id, start, end, ev_text, source=None, published=None) -> SourceRef:
    return SourceRef(document_id=doc_id, start=start, end=end, text=ev_text, source=source, published=published)


_REF_COLS = (DocumentRow.id, FactRow.ev_start, FactRow.ev_end, FactRow.ev_text, DocumentRow.source, DocumentRow.published)


def _sources(s, entity_ids) -> dict[int, list[SourceRef]]:
    """Every report (with its evidence) behind each merged entity."""
    ids = list(set(entity_ids))
    facts = []
    for i in range(0, len(ids), 500):  # two indexed look-ups, no join: planners misjudge IN-list joins
        facts += s.execute(select(FactRow.entity_id, FactRow.id, FactRow.document_pk, FactRow.ev_start,
                                  FactRow.ev_end, FactRow.ev_text).where(FactRow.entity_id.in_(ids[i:i + 500]))).all()
    pks = list({f.document_pk for f in facts})
    docs = {}
    for i in range(0, len(pks), 500):
        docs.update((r[0], r[1:]) for r in s.execute(
            select(DocumentRow.pk, DocumentRow.id, DocumentRow.source, DocumentRow.published)
            .where(DocumentRow.pk.in_(pks[i:i + 500]))))
    out: dict[int, list[SourceRef]] = defaultdict(list)
    for f in sorted(facts, key=lambda f: (docs[f.document_pk][2] or "", f.id)):
        doc_id, source, published = docs[f.document_pk]
        out[f.entity_id].append(_ref(doc_id, f.ev_start, f.ev_end, f.ev_text, source, published))
    return out


def _background(m, day: str | None, first: str | None) -> bool:
    """History mentioned in passing (flagged by ``detente.resolve.timeline``) that happened before the
    process's first report: an event its reports did cover is not background, however it was mentioned."""
    return bool(getattr(m, "background", False)) and (first is None or (day or "") < first)


def _event(row, refs: list[SourceRef], first: str | None = None) -> TimelineEvent:
    """``first``: the date of the process's first report (what makes a flagged event background)."""
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
    return TimelineEvent(date=row.date, kind=kind, title=title, detail=detail, process=row.process, sources=refs,
                         planned=getattr(m, "planned", False), background=_background(m, row.date, first))


def _latest(s, kind: str, process: str, first: str | None, until: str | None) -> TimelineEvent | None:
    """The latest event of ``kind`` that happened: not planned, not background, not after ``until``
    (the newest report)."""
    q = select(_E).where(_E.c.kind == kind, _E.c.process == process)
    if until:
        q = q.where(_E.c.date <= until + "\uffff")
    rows = s.execute(q.order_by(_E.c.date.desc(), _E.c.id.desc()).limit(50)).all()
    held = [r for r in rows if not (getattr(m := merged_from(kind, r.attrs), "planned", False)
                                    or _background(m, r.date, first))]
    if not held:
        return None
    # On the same day a deal reached beats one only proposed.
    row = max((r for r in held if r.date == held[0].date),
              key=lambda r: (bool(set(getattr(merged_from(kind, r.attrs), "statuses", [])) - {"proposed"}), r.id))
    return _event(row, _sources(s, [row.id])[row.id], first)


def _firsts(s, processes) -> dict[str, str | None]:
    """The date of each process's first report."""
    names = [p for p in set(processes) if p]
    if not names:
        return {}
    q = select(DocumentRow.process, func.min(DocumentRow.published)).where(DocumentRow.process.in_(names))
    return dict(s.execute(q.group_by(DocumentRow.process)).all())


def process_overview(store: Store) -> list[tuple[ProcessSummary, tuple]]:
    """Every peace process with reports, and a version that changes when its reports do
    (for caching what is derived from them). ``gap_trend`` is left to :mod:`detente.query`."""
    with store.session() as s:
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
                latest_meeting=_latest(s, "meeting", name, lo, hi),
                latest_agreement=_latest(s, "agreement", name, lo, hi),
            ), (n, stamp)))
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
    return ActorSummary(id=row.id, name=row.label, kind=a.kind, affiliation=a.affiliation,
                        spellings=sorted(a.names), n_reports=n if n is not None else row.n_sources)


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
                offset: int = 0) -> list[ActorSummary]:
    """Merged actors (one per person, whatever the spelling), most reported first."""
    with store.session() as s:
        q = select(_E).where(_E.c.kind == "actor")
        if kind:
            q = q.where(_E.c.attrs["kind"].as_string() == kind)
        if process:
            counts = _process_actor_counts(s, process)
            found = [_summary(r, counts[r.id]) for r in s.execute(_actors_query(kind, list(counts))).all()]
            found.sort(key=lambda a: (-a.n_reports, a.name, a.id))
            return found[offset: None if limit is None else offset + limit]
        q = _actors_query(kind).order_by(_E.c.n_sources.desc(), _E.c.label, _E.c.id).offset(offset)
        return [_summary(r) for r in s.execute(q if limit is None else q.limit(limit)).all()]


def actors_total(store: Store, *, process: str | None = None, kind: str | None = None) -> int:
    """How many actors :func:`list_actors` has to show with these filters."""
    with store.session() as s:
        ids = list(_process_actor_counts(s, process)) if process else None
        return _count(s, _actors_query(kind, ids))


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


def get_actor(store: Store, name: str) -> ActorDetail | None:
    """One actor by any spelling of the name: roles over time, quotes, positions."""
    with store.session() as s:
        rows = _actor_ids(s, name)
        if not rows:
            return None
        row = rows[0]
        roles: dict[str, list[SourceRef]] = defaultdict(list)
        q = (select(FactRow.data, *_REF_COLS).join(DocumentRow, DocumentRow.pk == FactRow.document_pk)
             .where(FactRow.entity_id == row.id, FactRow.kind == "actors").order_by(DocumentRow.published))
        for data, *ref in s.execute(q.limit(2000)):
            for role in data.get("roles") or []:
                roles[role].append(_ref(*ref))
        spans = [RoleSpan(role=r, first=refs[0].published, last=refs[-1].published, sources=refs)
                 for r, refs in roles.items()]
        detail_positions = _positions(s, speaker_id=row.id, limit=200)
        if merged_from("actor", row.attrs).kind in ("state", "group", "organization"):
            detail_positions += _positions(s, party=row.label, limit=200)
        summary = _summary(row)
    return ActorDetail(actor=summary, roles=sorted(spans, key=lambda r: r.first or ""),
                       quotes=quotes(store, speaker_id=row.id, limit=100), positions=detail_positions)


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
                   until: str | None = None, background: bool = False, document_id: str | None = None) -> int:
    """How many events :func:`timeline` has in this range."""
    with store.session() as s:
        supported = _supported(s, document_id)
        return sum(_count(s, _timeline_keys(store.dialect, kind, process, since, until, background, supported))
                   for kind in _TIMELINE_KINDS)


def timeline(store: Store, *, process: str | None = None, since: str | None = None, until: str | None = None,
             limit: int | None = 500, offset: int = 0, background: bool = False,
             document_id: str | None = None) -> list[TimelineEvent]:
    """Merged meetings, agreements, incidents and widely reported statements, oldest first.

    At most ``limit`` events (None: all): the latest ones in the range after
    skipping the ``offset`` latest. A statement is a quote that two or more
    reports carry. History mentioned in passing (background events) only with
    ``background=True``; ``document_id`` keeps the events one report supports.
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
        refs = _sources(s, ids)
        firsts = _firsts(s, [r.process for r in rows])
        return [_event(r, refs[r.id], firsts.get(r.process)) for r in rows]


def _facts_where(q, **equal):
    """``q`` narrowed to facts whose columns hold the given values (a value None: no filter)."""
    for column, value in equal.items():
        if value:
            q = q.where(getattr(FactRow, column) == value)
    return q


def _positions_query(q, *, process=None, party=None, issue=None, speaker_id=None, parties=None):
    q = _facts_where(q.where(FactRow.kind == "positions"), process=process, party=party, issue=issue,
                     speaker_id=speaker_id)
    return q if parties is None else q.where(FactRow.party.in_(parties))


def _positions(s, *, limit: int | None = 1000, offset: int = 0, **filters) -> list[PositionEntry]:
    q = _positions_query(select(FactRow.party, FactRow.issue, FactRow.stance, FactRow.date, FactRow.name,
                                FactRow.text, FactRow.process, *_REF_COLS)
                         .join(DocumentRow, DocumentRow.pk == FactRow.document_pk), **filters)
    q = q.order_by(FactRow.date.desc(), FactRow.id.desc()).offset(offset)
    rows = s.execute(q if limit is None else q.limit(limit)).all()
    return [PositionEntry(party=party, issue=issue, stance=stance, date=day, actor=name, claim=claim,
                          process=proc, source=_ref(*ref))
            for party, issue, stance, day, name, claim, proc, *ref in reversed(rows)]


def positions(store: Store, *, process: str | None = None, party: str | None = None, issue: str | None = None,
              parties: list[str] | None = None, limit: int | None = 1000, offset: int = 0) -> list[PositionEntry]:
    """Stances with dates and evidence, oldest first (the latest ``limit`` after the ``offset`` latest);
    ``parties`` keeps those stated by any of them."""
    with store.session() as s:
        return _positions(s, process=process, party=party, issue=issue, parties=parties, limit=limit, offset=offset)


def positions_total(store: Store, *, process: str | None = None, party: str | None = None,
                    issue: str | None = None) -> int:
    """How many stances :func:`positions` has with these filters."""
    with store.session() as s:
        return _count(s, _positions_query(select(FactRow.id), process=process, party=party, issue=issue))


def quotes(store: Store, *, speaker: str | None = None, party: str | None = None, issue: str | None = None,
           since: str | None = None, until: str | None = None, text: str | None = None, limit: int | None = 200,
           speaker_id: int | None = None, offset: int = 0, process: str | None = None) -> list[QuoteEntry]:
    """Deduplicated quotes, newest first, each with every report that carries it."""
    with store.session() as s:
        q = _quote_ids(s, speaker, speaker_id, party, issue, since, until, text, process)
        if q is None:
            return []
        q = q.offset(offset)
        return _quote_entries(s, [i for i, *_ in s.execute(q if limit is None else q.limit(limit))])


def quotes_total(store: Store, *, speaker: str | None = None, party: str | None = None, issue: str | None = None,
                 since: str | None = None, until: str | None = None, text: str | None = None,
                 process: str | None = None) -> int:
    """How many quotes :func:`quotes` has with these filters."""
    with store.session() as s:
        q = _quote_ids(s, speaker, None, party, issue, since, until, text, process)
        return 0 if q is None else _count(s, q)


def _quote_ids(s, speaker, speaker_id, party, issue, since, until, text, process=None):
    """The query of matching merged quote ids, newest first; None when the speaker is unknown."""
    speakers = [speaker_id] if speaker_id else []
    if speaker:
        speakers += [r.id for r in _actor_ids(s, speaker)]
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


def _quote_entries(s, ids: list[int]) -> list[QuoteEntry]:
    ents = {e.id: e for e in s.execute(select(_E).where(_E.c.id.in_(ids)))}
    facts = {}
    fq = select(FactRow.entity_id, FactRow.text, FactRow.quote_kind, FactRow.party, FactRow.issue, FactRow.speaker_id)
    for f in s.execute(fq.where(FactRow.entity_id.in_(ids), FactRow.kind == "quotes")):
        facts.setdefault(f.entity_id, f)
    speaker_ids = {f.speaker_id for f in facts.values() if f.speaker_id is not None}
    names = dict(s.execute(select(_E.c.id, _E.c.label).where(_E.c.id.in_(speaker_ids))).all()) if speaker_ids else {}
    refs = _sources(s, ids)
    out = []
    for eid in ids:
        e, f = ents.get(eid), facts.get(eid)
        if e is None or f is None:
            continue
        m = merged_from("quote", e.attrs)
        out.append(QuoteEntry(speaker=m.speaker, text=m.text or f.text or "", kind=m.kind or f.quote_kind,
                              date=e.date, party=f.party, issue=f.issue, process=e.process, sources=refs[eid],
                              speaker_name=names.get(f.speaker_id)))
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


def get_document(store: Store, document_id: str) -> DocumentView | None:
    """A stored report with its record, as extracted."""
    found = store.get(document_id)
    if found is None:
        return None
    document, record, process, digest = found
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


def iter_records(store: Store, *, process: str | None = None) -> Iterator[tuple[Record, str | None]]:
    """Each stored report's record and process, in the order they were stored; memory stays flat."""
    for rows in _pages(store, process):
        with store.session() as s:
            for row in rows:
                yield read_record(s, row), row.process


def iter_facts(store: Store, *, process: str | None = None) -> Iterator[FactView]:
    """Every stored fact as a flat row, report by report."""
    for rows in _pages(store, process):
        by_pk = {r.pk: r for r in rows}
        with store.session() as s:
            q = (select(FactRow).where(FactRow.document_pk.in_(list(by_pk)))
                 .order_by(FactRow.document_pk, FactRow.kind, FactRow.seq))
            for f in s.execute(q).scalars():
                d = by_pk[f.document_pk]
                yield FactView(
                    document_id=d.id, published=d.published, source=d.source, process=f.process, kind=f.kind,
                    date=f.date, party=f.party, issue=f.issue, stance=f.stance, quote_kind=f.quote_kind,
                    status=f.status, polarity=f.polarity, name=f.name, text=f.text, evidence_start=f.ev_start,
                    evidence_end=f.ev_end, evidence_text=f.ev_text, merged_id=f.entity_id,
                )
