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
    ActorDetail, ActorSummary, DocumentView, FactView, PositionEntry, ProcessSummary, QuoteEntry, RoleSpan,
    SearchHit, SourceRef, TimelineEvent,
)
from .core import Store, read_record
from .models import STATEMENTS, DocumentRow, EntityRow, FactRow, ProcessRow

__all__ = [
    "process_overview", "claim_vectors", "list_actors", "get_actor", "timeline", "positions", "quotes", "search",
    "get_document", "iter_records", "iter_facts", "SEARCH_WINDOW",
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


def _summary(row, n: int | None = None) -> ActorSummary:
    a = merged_from("actor", row.attrs)
    return ActorSummary(id=row.id, name=row.label, kind=a.kind, affiliation=a.affiliation,
                        spellings=sorted(a.names), n_reports=n if n is not None else row.n_sources)


def list_actors(store: Store, *, process: str | None = None, kind: str | None = None, limit: int = 200) -> list[ActorSummary]:
    """Merged actors (one per person, whatever the spelling), most reported first."""
    with store.session() as s:
        if process:
            counts = dict(s.execute(
                select(FactRow.entity_id, func.count(func.distinct(FactRow.document_pk)))
                .where(FactRow.kind == "actors", FactRow.process == process).group_by(FactRow.entity_id)).all())
            rows = s.execute(select(_E).where(_E.c.id.in_(list(counts)))).all()
        else:
            counts = {}
            q = select(_E).where(_E.c.kind == "actor").order_by(_E.c.n_sources.desc())
            rows = s.execute(q.limit(limit * 4 if kind else limit)).all()
        found = [_summary(r, counts.get(r.id)) for r in rows]
    if kind:
        found = [a for a in found if a.kind == kind]
    return sorted(found, key=lambda a: (-a.n_reports, a.name))[:limit]


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


def timeline(store: Store, *, process: str | None = None, since: str | None = None, until: str | None = None,
             limit: int = 500, background: bool = False) -> list[TimelineEvent]:
    """Merged meetings, agreements, incidents and widely reported statements, oldest first.

    At most ``limit`` events: the latest ones in the range. A statement is a
    quote that two or more reports carry. History mentioned in passing
    (background events) only with ``background=True``.
    """
    with store.session() as s:
        keys: list = []
        day, pid, proc = literal_column("date"), literal_column("id"), literal_column("process")
        for kind in _TIMELINE_KINDS:  # one indexed query per kind, ids only, merged here
            q = select(day, pid).select_from(_timeline_source(store.dialect, kind, process))
            q = q.where(sql(STATEMENTS) if kind == "quote" else literal_column("kind") == kind, day.is_not(None))
            if kind != "quote" and not background:
                q = q.where(_foreground(store.dialect))
            if process:
                q = q.where(proc == process)
            if since:
                q = q.where(day >= since)
            if until:
                q = q.where(day <= until + "\uffff")
            keys += s.execute(q.order_by(day.desc()).limit(limit)).all()
        ids = [i for _, i in sorted(map(tuple, keys), reverse=True)[:limit]]
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


def _positions(s, *, process=None, party=None, issue=None, speaker_id=None, parties=None,
               limit=1000) -> list[PositionEntry]:
    q = (select(FactRow.party, FactRow.issue, FactRow.stance, FactRow.date, FactRow.name, FactRow.text,
                FactRow.process, *_REF_COLS)
         .join(DocumentRow, DocumentRow.pk == FactRow.document_pk).where(FactRow.kind == "positions"))
    q = _facts_where(q, process=process, party=party, issue=issue, speaker_id=speaker_id)
    if parties is not None:
        q = q.where(FactRow.party.in_(parties))
    rows = s.execute(q.order_by(FactRow.date.desc(), FactRow.id.desc()).limit(limit)).all()
    return [PositionEntry(party=party, issue=issue, stance=stance, date=day, actor=name, claim=claim,
                          process=proc, source=_ref(*ref))
            for party, issue, stance, day, name, claim, proc, *ref in reversed(rows)]


def positions(store: Store, *, process: str | None = None, party: str | None = None, issue: str | None = None,
              parties: list[str] | None = None, limit: int = 1000) -> list[PositionEntry]:
    """Stances with dates and evidence, oldest first (the latest ``limit``); ``parties`` keeps those
    stated by any of them."""
    with store.session() as s:
        return _positions(s, process=process, party=party, issue=issue, parties=parties, limit=limit)


def quotes(store: Store, *, speaker: str | None = None, party: str | None = None, issue: str | None = None,
           since: str | None = None, until: str | None = None, text: str | None = None, limit: int = 200,
           speaker_id: int | None = None) -> list[QuoteEntry]:
    """Deduplicated quotes, newest first, each with every report that carries it."""
    with store.session() as s:
        speakers = [speaker_id] if speaker_id else []
        if speaker:
            speakers += [r.id for r in _actor_ids(s, speaker)]
            if not speakers:
                return []
        if not (party or issue or text):
            ids = _quote_ids_by_entity(s, speakers, since, until, limit)
        else:
            ids = _quote_ids_by_fact(s, speakers, party, issue, since, until, text, limit)
        return _quote_entries(s, ids)


def _quote_ids_by_entity(s, speakers, since, until, limit) -> list[int]:
    """Newest merged quotes straight from the entities (a speaker is part of the blocking key)."""
    q = select(_E.c.id).where(_E.c.kind == "quote")
    if speakers:
        q = q.where(_E.c.key.in_([f"q:{i}" for i in speakers]))
    if since:
        q = q.where(_E.c.date >= since)
    if until:
        q = q.where(_E.c.date <= until + "\uffff")
    return list(s.execute(q.order_by(_E.c.date.desc(), _E.c.id.desc()).limit(limit)).scalars())


def _quote_ids_by_fact(s, speakers, party, issue, since, until, text, limit) -> list[int]:
    """Newest merged quotes whose reported forms match fact-level filters."""
    q = select(FactRow.entity_id, func.max(FactRow.date).label("day")).where(FactRow.kind == "quotes")
    if speakers:
        q = q.where(FactRow.speaker_id.in_(speakers))
    q = _facts_where(q, party=party, issue=issue)
    if since:
        q = q.where(FactRow.date >= since)
    if until:
        q = q.where(FactRow.date <= until + "\uffff")
    if text:
        q = q.where(func.lower(FactRow.text).contains(text.lower()))
    top = s.execute(q.group_by(FactRow.entity_id).order_by(sql("day DESC")).limit(limit)).all()
    return [eid for eid, _ in top if eid is not None]


def _quote_entries(s, ids: list[int]) -> list[QuoteEntry]:
    ents = {e.id: e for e in s.execute(select(_E).where(_E.c.id.in_(ids)))}
    facts = {}
    fq = select(FactRow.entity_id, FactRow.text, FactRow.quote_kind, FactRow.party, FactRow.issue)
    for f in s.execute(fq.where(FactRow.entity_id.in_(ids), FactRow.kind == "quotes")):
        facts.setdefault(f.entity_id, f)
    refs = _sources(s, ids)
    out = []
    for eid in ids:
        e, f = ents.get(eid), facts.get(eid)
        if e is None or f is None:
            continue
        m = merged_from("quote", e.attrs)
        out.append(QuoteEntry(speaker=m.speaker, text=m.text or f.text or "", kind=m.kind or f.quote_kind,
                              date=e.date, party=f.party, issue=f.issue, process=e.process, sources=refs[eid]))
    return out


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


def search(store: Store, text: str, *, limit: int = 50) -> list[SearchHit]:
    """Full-text search over reports (FTS5 on SQLite, tsvector on PostgreSQL).

    Best match first among the :data:`SEARCH_WINDOW` most recently stored
    matching reports.
    """
    if not fold(text):
        return []
    params = {"n": limit, "w": SEARCH_WINDOW}
    with store.session() as s:
        if store.dialect == "postgresql":
            found = s.execute(sql(
                "SELECT d.id, d.title, d.text, d.published, d.source "
                "FROM (SELECT pk, ts_rank(tsv, q) AS r FROM (SELECT pk, tsv, q FROM documents, "
                "plainto_tsquery('english', :q) q WHERE tsv @@ q ORDER BY pk DESC LIMIT :w) latest "
                "ORDER BY r DESC, pk DESC LIMIT :n) m JOIN documents d ON d.pk = m.pk ORDER BY m.r DESC, m.pk DESC"
            ), {**params, "q": text}).all()
            # ts_headline re-parses every text (~2 ms each); a window around the first hit is enough.
            rows = [(i, title, _snippet(body, text), day, src) for i, title, body, day, src in found]
        else:
            params["q"] = _fts_query(text)
            best = s.execute(sql(
                "SELECT pk FROM (SELECT rowid AS pk, bm25(documents_fts) AS score FROM documents_fts "
                "WHERE documents_fts MATCH :q ORDER BY rowid DESC LIMIT :w) ORDER BY score, pk DESC LIMIT :n"
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
