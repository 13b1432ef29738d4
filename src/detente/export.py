"""The store out again: records as JSON / JSON Lines, facts as CSV rows.

JSON and JSON Lines give each report's record (the shape ``detente extract``
writes) with its ``process``; CSV gives one row per fact, with evidence and
the merged entity it belongs to, for spreadsheets. Reports are read in pages,
so memory stays flat on a large store.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import TextIO

from pydantic import BaseModel

from .errors import ConfigError
from .store import Store
from .store import queries as _q

__all__ = ["FORMATS", "CSV_COLUMNS", "export", "iter_records", "VIEW_FORMATS", "write_rows"]

FORMATS = ("csv", "json", "jsonl")
#: One column per meaning: a position's stance, a quote's kind, an agreement's status, an assessment's polarity.
CSV_COLUMNS = ["id", "document_id", "published", "source", "process", "kind", "date", "party", "issue", "stance",
               "quote_kind", "status", "polarity", "name", "text", "evidence_start", "evidence_end",
               "evidence_text", "merged_id", "corrected", "verified"]


def iter_records(store: Store, *, process: str | None = None, raw: bool = False) -> Iterator[dict]:
    """Each stored report's record as a JSON-ready dict, plus ``process``: every fact with its stable
    ``id``, analysts' corrections applied and marked (``raw``: as extracted)."""
    for record, in_process in _q.iter_records(store, process=process, raw=raw):
        data = json.loads(record.to_json())
        data["process"] = in_process
        yield data


def _csv_rows(store: Store, process: str | None, raw: bool = False) -> Iterator[list]:
    for fact in _q.iter_facts(store, process=process, raw=raw):
        yield [getattr(fact, column) for column in CSV_COLUMNS]


def export(store: Store, fmt: str, out: TextIO, *, process: str | None = None, raw: bool = False) -> int:
    """Write the store (or one process) to ``out``; returns how many reports or rows were written.
    Corrections are applied and marked unless ``raw``."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    n = 0
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for n, row in enumerate(_csv_rows(store, process, raw), 1):
            writer.writerow(row)
    elif fmt == "jsonl":
        for n, rec in enumerate(iter_records(store, process=process, raw=raw), 1):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    else:
        out.write("[")
        for n, rec in enumerate(iter_records(store, process=process, raw=raw), 1):
            out.write(("," if n > 1 else "") + "\n" + json.dumps(rec, ensure_ascii=False))
        out.write("\n]\n")
    return n


#: Formats for a view's rows (a page of quotes, of reports, the standings…).
VIEW_FORMATS = ("csv", "json")


def _cell(value) -> object:
    """A CSV cell: scalars as they are, lists of scalars joined, anything nested as JSON."""
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return "; ".join("" if v is None else str(v) for v in value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_rows(rows: Iterable[BaseModel], fmt: str, out: TextIO) -> int:
    """Write typed view rows to ``out``: JSON as the API returns them, or CSV with one column per field
    (nested values such as sources as JSON text). Returns how many rows were written."""
    if fmt not in VIEW_FORMATS:
        raise ConfigError(f"unknown format {fmt!r}: use one of {', '.join(VIEW_FORMATS)}")
    dumped = [row.model_dump(mode="json") for row in rows]
    if fmt == "json":
        json.dump(dumped, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return len(dumped)
    columns = list(dict.fromkeys(key for row in dumped for key in row))
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in dumped:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return len(dumped)
