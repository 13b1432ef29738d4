"""The :class:`Store`: reports and their facts in SQLite or PostgreSQL, same code paths."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from ..errors import StoreError
from ..records import FACT_KINDS, Document, DocumentInfo, Record
from ..settings import Settings
from .engine import display_url, migrate, normalize_url, open_engine, refuse_missing, store_errors
from .entities import SqlEntities
from .models import DocumentRow, EntityRow, FactRow, ProcessRow
from .writer import content_hash, fact_rows

if TYPE_CHECKING:
    from ..resolve import Placement, ReportPlace, StoredReport

    #: What decides where a report goes: (document, record, snapshot, process=) → Placement.
    Resolver = Callable[..., Placement]

__all__ = ["Store", "AddResult"]

#: What :meth:`Store.add` did with a report.
AddResult = str  # "added" | "replaced" | "unchanged"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """A detente database; opening it applies any pending migrations.

    >>> with Store.open("detente.db") as store:  # doctest: +SKIP
    ...     store.add(document, record)
    'added'

    ``db`` is a SQLite path (WAL, waits ``busy_timeout`` seconds for a lock)
    or a ``postgresql://`` URL (driven by psycopg 3).
    """

    def __init__(self, db: str = "detente.db", *, busy_timeout: float = 10.0, create: bool = True):
        self.url = normalize_url(db) if db != ":memory:" else "sqlite://"
        self.busy_timeout = busy_timeout
        if not create:
            refuse_missing(self.url)
        #: Derived values readers may keep while the store is open (keyed by what they depend on).
        self.cache: dict = {}
        with self.errors():
            self.engine = open_engine(self.url, busy_timeout=busy_timeout)
            migrate(self.engine)

    @classmethod
    def open(cls, db: str = "detente.db", *, busy_timeout: float = 10.0, create: bool = True) -> "Store":
        """Same as ``Store(db)``; reads well in ``with Store.open(path) as store:``.

        ``create=False`` (readers) refuses a SQLite file that does not exist
        instead of creating an empty store.
        """
        return cls(db, busy_timeout=busy_timeout, create=create)

    @classmethod
    def from_settings(cls, settings: Settings, *, create: bool = True) -> "Store":
        """The store at ``settings.db``, waiting ``settings.busy_timeout`` for locks."""
        return cls.open(settings.db, busy_timeout=settings.busy_timeout, create=create)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def __repr__(self) -> str:
        return f"Store({display_url(self.url)!r})"

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def errors(self):
        return store_errors(self.url, busy_timeout=self.busy_timeout)

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """A session in one transaction (committed on success), database errors as StoreError."""
        bind = self.engine.execution_options(write=True) if write else self.engine
        with self.errors(), Session(bind, expire_on_commit=False) as session, session.begin():
            yield session

    # -- writing -------------------------------------------------------------------

    def known_hash(self, document_id: str) -> str | None:
        """The stored content hash of a report, or None (checked before any NLP runs)."""
        with self.session() as s:
            return s.execute(select(DocumentRow.content_hash).where(DocumentRow.id == document_id)).scalar()

    def known_process(self, document_id: str) -> tuple[str | None, bool] | None:
        """(process, named by the user?) of a stored report, or None."""
        with self.session() as s:
            row = s.execute(select(DocumentRow.process, DocumentRow.process_locked)
                            .where(DocumentRow.id == document_id)).first()
            return None if row is None else (row[0], bool(row[1]))

    def processes(self) -> dict[str, list[str]]:
        with self.session() as s:
            return {n: list(p) for n, p in s.execute(select(ProcessRow.name, ProcessRow.parties))}

    def add(self, document: Document, record: Record, *, process: str | None = None,
            resolver: Resolver | None = None, force: bool = False) -> AddResult:
        """Store one report and its facts in one transaction; a changed report replaces its old facts
        (``force``: an unchanged one too, e.g. re-extracted by a newer detente).

        ``resolver`` (default :func:`detente.resolve.place`) decides, from a
        snapshot of the grouped reports, where the report, its facts and the
        reports it regroups go; the store persists that.
        """
        digest = content_hash(document)
        with self.session(write=True) as s:
            old = s.execute(select(DocumentRow).where(DocumentRow.id == document.id)).scalar_one_or_none()
            if old is not None and old.content_hash == digest and not force:
                if process is not None and (old.process, old.process_locked) != (process, True):
                    self._move(s, old, process)
                return "unchanged"
            locked = process is not None
            if old is not None:
                if process is None and old.process_locked:
                    process, locked = old.process, True
                self._drop(s, old.pk)
            if resolver is None:
                from ..resolve import place as resolver  # writers only: readers start without it
            snapshot, placed = self._snapshot(s)
            if locked and process is None:  # the user said: not about a peace process
                placement, here = None, None
            else:
                placement = resolver(document, record, snapshot, process=process)
                here = placement.places.get(document.id)
            pk = s.execute(insert(DocumentRow).values(
                id=document.id, title=document.title, source=document.source, url=document.url,
                published=document.published, text=document.text, content_hash=digest,
                process=here.process if here else None, process_locked=locked,
                extra={**_extra(document, record), "resolve": placement.note if placement else None,
                       "placed": here.to_json() if here else None}, ingested_at=_now(),
            ).returning(DocumentRow.pk)).scalar_one()
            rows = fact_rows(record, pk, here.of if here else (lambda kind, seq: None), SqlEntities(s))
            if rows:
                s.connection().execute(FactRow.__table__.insert(), rows)
            if placement is not None:
                self._apply(s, placement, placed, skip=document.id)
            return "added" if old is None else "replaced"

    def _place_facts(self, s: Session, pk: int, here: ReportPlace) -> None:
        """Each fact of a stored report (and the merged thing it points at) into its process."""
        facts = s.execute(select(FactRow.kind, FactRow.seq, FactRow.entity_id).where(FactRow.document_pk == pk)).all()
        groups: dict[str | None, list[tuple[str, int, int | None]]] = {}
        for kind, seq, eid in facts:
            groups.setdefault(here.of(kind, seq), []).append((kind, seq, eid))
        for process, members in groups.items():
            for kind in {k for k, _, _ in members}:
                seqs = [q for k, q, _ in members if k == kind]
                s.execute(update(FactRow).where(FactRow.document_pk == pk, FactRow.kind == kind, FactRow.seq.in_(seqs))
                          .values(process=process))
            ids = {e for k, _, e in members if e is not None and k != "actors"}
            if ids:
                s.execute(update(EntityRow).where(EntityRow.id.in_(ids)).values(process=process))

    def _snapshot(self, s: Session) -> tuple[list[StoredReport], dict[str, dict | None]]:
        """The grouped reports, as resolve reads them, and where each was last placed."""
        from ..resolve import StoredReport

        # A report only the passage model found relevant and no process took yet stays in resolve's
        # view: a later report can open the process it joins (resolve.processes, ``follower``).
        follower = DocumentRow.extra[("resolve", "sides", "follower")].as_boolean()
        q = select(DocumentRow.id, DocumentRow.process, DocumentRow.process_locked, DocumentRow.extra).where(
            or_(DocumentRow.process.is_not(None), follower.is_(True)))
        rows = s.execute(q).all()
        return ([StoredReport(id=i, process=p, locked=bool(lk), note=(x or {}).get("resolve")) for i, p, lk, x in rows],
                {i: (x or {}).get("placed") for i, _, _, x in rows})

    def _apply(self, s: Session, placement: Placement, placed: dict[str, dict | None], *, skip: str) -> None:
        """Move the stored reports whose place changed; keep the processes table in step."""
        for doc_id, here in placement.places.items():
            if doc_id == skip or placed.get(doc_id) == here.to_json():
                continue
            row = s.execute(select(DocumentRow).where(DocumentRow.id == doc_id)).scalar_one_or_none()
            if row is None or row.process_locked or (row.extra or {}).get("placed") == here.to_json():
                continue
            row.process = here.process
            row.extra = {**(row.extra or {}), "placed": here.to_json()}
            self._place_facts(s, row.pk, here)
        existing = {n: list(p) for n, p in s.execute(select(ProcessRow.name, ProcessRow.parties))}
        for name, parties in placement.processes.items():
            if name not in existing:
                s.execute(insert(ProcessRow).values(name=name, parties=parties))
        gone = {n for n in existing if n not in placement.processes}
        if gone:  # a process no report is in any more (a one-sided one its reports left)
            gone -= {p for (p,) in s.execute(select(DocumentRow.process).where(DocumentRow.process.in_(gone)).distinct())}
            gone -= {p for (p,) in s.execute(select(FactRow.process).where(FactRow.process.in_(gone)).distinct())}
        if gone:
            s.execute(delete(ProcessRow).where(ProcessRow.name.in_(gone)))

    def _drop(self, s: Session, pk: int) -> None:
        """Remove a report, its facts, and merged entities left with no fact."""
        touched = [e for (e,) in s.execute(
            select(FactRow.entity_id).where(FactRow.document_pk == pk, FactRow.entity_id.is_not(None)))]
        s.execute(delete(FactRow).where(FactRow.document_pk == pk))
        s.execute(delete(DocumentRow).where(DocumentRow.pk == pk))
        for eid in set(touched):
            s.execute(update(EntityRow).where(EntityRow.id == eid).values(
                n_sources=EntityRow.n_sources - touched.count(eid)))
        if touched:
            s.execute(delete(EntityRow).where(EntityRow.id.in_(set(touched)), EntityRow.n_sources <= 0))

    def delete(self, document_id: str) -> bool:
        with self.session(write=True) as s:
            pk = s.execute(select(DocumentRow.pk).where(DocumentRow.id == document_id)).scalar()
            if pk is None:
                return False
            self._drop(s, pk)
            return True

    def set_process(self, document_id: str, name: str | None) -> None:
        """Put a report (and its facts) in a named process (None: in none, it is not about a peace
        process); later ingests keep it there."""
        with self.session(write=True) as s:
            row = s.execute(select(DocumentRow).where(DocumentRow.id == document_id)).scalar_one_or_none()
            if row is None:
                raise StoreError(f"no report {document_id!r} in the store; see: detente search TEXT")
            self._move(s, row, name)

    def _move(self, s: Session, row: DocumentRow, name: str | None) -> None:
        """The user's choice: the report and all its facts in ``name`` (None: in none, it is not about a
        peace process), a process row for it if new."""
        if name is not None and s.execute(select(ProcessRow.name).where(ProcessRow.name == name)).first() is None:
            sides = ((row.extra or {}).get("resolve") or {}).get("sides") or {}
            top = next((p for p, _, _ in sides.get("pairs", ())), None) or sides.get("lone", [])[:1]
            s.execute(insert(ProcessRow).values(name=name, parties=list(top)))
        row.process, row.process_locked = name, True
        row.extra = {**(row.extra or {}), "placed": {"process": name, "facts": {}}}
        s.execute(update(FactRow).where(FactRow.document_pk == row.pk).values(process=name))
        ids = select(FactRow.entity_id).where(FactRow.document_pk == row.pk, FactRow.entity_id.is_not(None))
        s.execute(update(EntityRow).where(EntityRow.id.in_(ids), EntityRow.kind != "actor").values(process=name))

    # -- reading -------------------------------------------------------------------

    def get(self, document_id: str) -> tuple[Document, Record, str | None, str] | None:
        """(document, record, process, content hash) of a stored report."""
        with self.session() as s:
            row = s.execute(select(DocumentRow).where(DocumentRow.id == document_id)).scalar_one_or_none()
            if row is None:
                return None
            doc = Document(id=row.id, text=row.text, title=row.title, source=row.source, url=row.url,
                           published=row.published)
            return doc, read_record(s, row), row.process, row.content_hash

    def count(self) -> dict[str, int]:
        """Reports, facts by kind, and merged entities by kind."""
        with self.session() as s:
            out = {"reports": s.execute(select(func.count()).select_from(DocumentRow)).scalar_one()}
            for kind, n in s.execute(select(FactRow.kind, func.count()).group_by(FactRow.kind)):
                out[kind] = n
            for kind, n in s.execute(select(EntityRow.kind, func.count()).group_by(EntityRow.kind)):
                out[f"merged_{kind}s"] = n
            return out


def _extra(document: Document, record: Record) -> dict:
    info = record.document.model_dump(mode="json")
    extras = {k: v for k, v in record.model_dump(mode="json").items() if k not in FACT_KINDS and k != "document"}
    return {"document": info, "record": extras}


def read_record(s: Session, row: DocumentRow) -> Record:
    facts: dict[str, list] = {k: [] for k in FACT_KINDS}
    q = select(FactRow.kind, FactRow.data).where(FactRow.document_pk == row.pk).order_by(FactRow.kind, FactRow.seq)
    for kind, data in s.execute(q):
        facts[kind].append(FACT_KINDS[kind].model_validate(data))
    extra = row.extra or {}
    info = extra.get("document") or {"id": row.id, "title": row.title, "source": row.source,
                                     "url": row.url, "published": row.published}
    return Record(document=DocumentInfo.model_validate(info), **facts, **extra.get("record", {}))
