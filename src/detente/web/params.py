"""Query parameters of the pages, and what a person sees when one is wrong.

Pages take plain GET parameters (bookmarkable, no script). A bad one gets a
sentence that says what to type instead, never a validation pattern or a
pydantic error dump (:func:`explain`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Query
from pydantic import AfterValidator

from .charts import parse_day

__all__ = ["DateText", "Paging", "paging", "Format", "explain", "PER_PAGE"]

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
#: Rows per page of a list unless ``per`` says otherwise.
PER_PAGE = 50


def _check_date(value: str) -> str:
    value = value.strip()
    if value and (not _DATE.fullmatch(value) or parse_day(value) is None):
        raise ValueError(f"“{value}” is not a date on the calendar: write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2026-02-05")
    return value


#: An optional date at any precision, checked against the calendar (2026-02-30 is refused).
DateText = Annotated[str, AfterValidator(_check_date)]

#: ``format=csv`` or ``format=json`` downloads the list being looked at instead of the page.
Format = Literal["html", "csv", "json"]


@dataclass(frozen=True)
class Paging:
    page: int
    per: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per


def paging(page: int = Query(1, ge=1, le=100_000), per: int = Query(PER_PAGE, ge=1, le=500)) -> Paging:
    """``page`` (from 1) and ``per`` (rows per page) of a cut list."""
    return Paging(page, per)


_RANGE = {"greater_than_equal": "from", "greater_than": "above", "less_than_equal": "up to", "less_than": "below"}
_WHY = {
    "int_parsing": "is not a whole number",
    "int_from_float": "is not a whole number",
    "missing": "is needed",
    "string_too_long": "is too long",
}


def explain(errors: list[dict]) -> list[str]:
    """One plain sentence per invalid parameter, naming it and what would do."""
    out = []
    for e in errors:
        name = str(e.get("loc", ["", "value"])[-1])
        given = e.get("input")
        shown = f"“{given}”" if isinstance(given, str) else "the value given"
        ctx = e.get("ctx") or {}
        kind = e.get("type", "")
        if kind == "value_error":
            out.append(f"{name}: {str(ctx.get('error') or e.get('msg', '')).removeprefix('Value error, ')}")
        elif kind in _RANGE:
            bound = next(iter(ctx.values()), "")
            out.append(f"{name}: {shown} is out of range; use a whole number {_RANGE[kind]} {bound}")
        elif kind in ("literal_error", "enum"):
            out.append(f"{name}: {shown} is not one of {ctx.get('expected', 'the choices offered')}")
        elif kind == "string_pattern_mismatch":
            out.append(f"{name}: {shown} is not in the expected form (dates are YYYY, YYYY-MM or YYYY-MM-DD)")
        else:
            out.append(f"{name}: {shown} {_WHY.get(kind, 'is not a valid value')}")
    return out
