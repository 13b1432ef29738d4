"""The :class:`Store`: reports and their facts in SQLite or PostgreSQL, same code paths."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from ..errors import StoreError
from ..records import FACT_KINDS, Document, DocumentInfo, Record
from ..settings import Settings
from .engine import display_url, migrate, normalize_url, open_engine, refuse_missing, store_errors
from .entities import SqlEntities
from .models import DocumentRow, EntityRow, FactRow, ProcessRow
from .writer import content_hash, fact_rows

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
            force: bool = False) -> AddResult:
        """Store one report and its facts in one transaction; a changed report replaces its old facts
        (``force``: an unchanged one too, e.g. re-extracted by a newer detente)."""
        digest = content_hash(document)
        with self.session(write=True) as s:
            old = s.execute(select(DocumentRow).where(DocumentRow.id == document.id)).scalar_one_or_none()
            if old is not None and old.content_hash == digest and not force:
                if process is not None and (old.process, old.process_locked) != (process, True):
                    self._move(s, old, process, record)
                return "unchanged"
            locked = process is not None
            if old is not None:
                if process is None and old.process_locked:
                    process, locked = old.process, True
                self._drop(s, old.pk)
            if not (locked and process is None):  # None and locked: the user said "not a peace process"
                process = self._place(s, record, process, document.text)
            pk = s.execute(insert(DocumentRow).values(
                id=document.id, title=document.title, source=document.source, url=document.url,
                published=document.published, text=document.text, content_hash=digest, process=process,
                process_locked=locked, extra=_extra(document, record), ingested_at=_now(),
            ).returning(DocumentRow.pk)).scalar_one()
            rows = fact_rows(record, pk, process, SqlEntities(s))
            if rows:
                s.connection().execute(FactRow.__table__.insert(), rows)
            return "added" if old is None else "replaced"

    def _place(self, s: Session, record: Record, process: str | None, text: str | None = None) -> str | None:
        from ..processes import choose_process, infer_parties  # writers only: readers start without it

        existing = {n: list(p) for n, p in s.execute(select(ProcessRow.name, ProcessRow.parties))}
        if process is not None:
            parties = existing.get(process) or infer_parties(record, text)[:2]
            chosen = (process, parties)
        else:
            chosen = choose_process(record, existing, text=text)
        if chosen is None:
            return None
        if chosen[0] not in existing:
            s.execute(insert(ProcessRow).values(name=chosen[0], parties=chosen[1]))
            if len(chosen[1]) > 1:
                self._absorb(s, chosen[0], [p for p in chosen[1] if p in existing and existing[p] == [p]])
        return chosen[0]

    def _absorb(self, s: Session, name: str, singles: list[str]) -> None:
        """Fold one-party processes ("Israel") into a new process that has that party ("Israel–Palestine")."""
        for single in singles:
            locked = s.execute(select(func.count()).select_from(DocumentRow).where(
                DocumentRow.process == single, DocumentRow.process_locked.is_(True))).scalar()
            if locked:
                continue  # the user named it: leave it alone
            for table in (DocumentRow, FactRow, EntityRow):
                s.execute(update(table).where(table.process == single).values(process=name))
            s.execute(delete(ProcessRow).where(ProcessRow.name == single))

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
            self._move(s, row, name, read_record(s, row))

    def _move(self, s: Session, row: DocumentRow, name: str | None, record: Record) -> None:
        if name is not None:
            self._place(s, record, name, row.text)
        row.process, row.process_locked = name, True
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
