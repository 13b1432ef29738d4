"""The store out again: records as JSON / JSON Lines, facts as CSV rows.

JSON and JSON Lines give each report's record (the shape ``detente extract``
writes) with its ``process``; CSV gives one row per fact, with evidence and
the merged entity it belongs to, for spreadsheets. Reports are read in pages,
so memory stays flat on a large store.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import TextIO

from sqlalchemy import select

from .errors import ConfigError
from .store import Store
from .store.core import _record
from .store.models import DocumentRow, FactRow

__all__ = ["FORMATS", "CSV_COLUMNS", "export", "iter_records"]

FORMATS = ("csv", "json", "jsonl")
CSV_COLUMNS = ["document_id", "published", "source", "process", "kind", "date", "party", "issue", "stance",
               "name", "text", "evidence_start", "evidence_end", "evidence_text", "merged_id"]


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


def iter_records(store: Store, *, process: str | None = None) -> Iterator[dict]:
    """Each stored report's record as a JSON-ready dict, plus ``process``."""
    for rows in _pages(store, process):
        with store.session() as s:
            for row in rows:
                data = json.loads(_record(s, row).to_json())
                data["process"] = row.process
                yield data


def _csv_rows(store: Store, process: str | None) -> Iterator[list]:
    for rows in _pages(store, process):
        by_pk = {r.pk: r for r in rows}
        with store.session() as s:
            q = (select(FactRow).where(FactRow.document_pk.in_(list(by_pk)))
                 .order_by(FactRow.document_pk, FactRow.kind, FactRow.seq))
            for f in s.execute(q).scalars():
                d = by_pk[f.document_pk]
                yield [d.id, d.published, d.source, f.process, f.kind, f.date, f.party, f.issue, f.stance,
                       f.name, f.text, f.ev_start, f.ev_end, f.ev_text, f.entity_id]


def export(store: Store, fmt: str, out: TextIO, *, process: str | None = None) -> int:
    """Write the store (or one process) to ``out``; returns how many reports or rows were written."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    n = 0
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for n, row in enumerate(_csv_rows(store, process), 1):
            writer.writerow(row)
    elif fmt == "jsonl":
        for n, rec in enumerate(iter_records(store, process=process), 1):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    else:
        out.write("[")
        for n, rec in enumerate(iter_records(store, process=process), 1):
            out.write(("," if n > 1 else "") + "\n" + json.dumps(rec, ensure_ascii=False))
        out.write("\n]\n")
    return n
