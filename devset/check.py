"""Check annotation files against docs/annotation.md before they count.

    python devset/check.py devset/annotations/ann1/some-report.json [...]
    python devset/check.py --root devset/blind devset/blind/annotations/blindA/*.json

Checks keys and allowed values, ISO dates, and that every evidence passage,
direct-quote text and date text occurs verbatim in the report. Prints one line
per problem and exits 1 if there is any. Standard library only, so annotators
can run it with any Python. ``--root DIR`` looks the reports up in
``DIR/docs`` instead of ``devset/docs`` (another set laid out the same way).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent / "docs"
ISSUES = {"territory", "security_guarantees", "ceasefire", "demilitarization", "peacekeeping", "prisoners",
          "humanitarian", "sanctions", "political", "justice", "nuclear", "infrastructure", "economy", "general"}
ALLOWED = {
    ("actors", "kind"): {"person", "state", "organization", "group"},
    ("quotes", "kind"): {"direct", "indirect"},
    ("positions", "issue"): ISSUES,
    ("positions", "stance"): {"propose", "demand", "accept", "reject", "unchanged"},
    ("agreements", "kind"): {"prisoner_exchange", "ceasefire", "humanitarian", "framework", "security", "economic", "other"},
    ("agreements", "status"): {"proposed", "agreed", "signed", "implemented", "collapsed"},
    ("incidents", "kind"): {"attack", "casualties", "violation", "other"},
    ("assessments", "polarity"): {"positive", "negative", "mixed"},
    ("hard_negatives", "type"): {"accused", "demand_on", "mediator", "hypothetical", "historical", "quoted_opponent", "other"},
}
REQUIRED = {
    "actors": ("name", "kind", "roles", "affiliation"),
    "quotes": ("speaker", "kind", "text", "cue", "date"),
    "meetings": ("place", "start", "end", "mediators", "parties", "participants", "evidence_text"),
    "positions": ("party", "actor", "issue", "stance", "claim", "date", "evidence_text"),
    "agreements": ("kind", "parties", "quantity", "status", "date", "evidence_text"),
    "incidents": ("kind", "actor", "target", "date", "evidence_text"),
    "assessments": ("source", "polarity", "evidence_text"),
    "dates": ("text", "value"),
    "hard_negatives": ("evidence_text", "party", "issue", "type"),
}
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
DATE_FIELDS = {"date", "start", "end", "value"}


def problems(path: Path, docs: Path = DOCS) -> list[str]:
    """Every problem in one annotation file, as ``path: where: what``."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"{path}: cannot read JSON: {exc}"]
    doc_id = (record.get("document") or {}).get("id")
    doc_path = docs / f"{doc_id}.json"
    if not doc_path.exists():
        return [f"{path}: document.id {doc_id!r} is not in {'devset/docs' if docs == DOCS else docs}"]
    text = json.loads(doc_path.read_text(encoding="utf-8"))["text"]
    found = []
    for key, required in REQUIRED.items():
        facts = record.get(key)
        if not isinstance(facts, list):
            found.append(f"{key}: missing or not a list")
            continue
        for i, fact in enumerate(facts):
            where = f"{key}[{i}]"
            if not isinstance(fact, dict):
                found.append(f"{where}: not an object")
                continue
            for name in required:
                if name not in fact:
                    found.append(f"{where}: missing {name!r}")
            for (k, name), allowed in ALLOWED.items():
                if k == key and name in fact and fact[name] not in allowed:
                    found.append(f"{where}: {name}={fact[name]!r} not one of {sorted(allowed)}")
            for name in DATE_FIELDS & fact.keys():
                value = fact[name]
                if value is not None and not (isinstance(value, str) and ISO.match(value)):
                    found.append(f"{where}: {name}={value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
            for name in ("evidence_text", "claim") if key != "quotes" else ("text",):
                value = fact.get(name)
                if isinstance(value, str) and value and value not in text:
                    found.append(f"{where}: {name} is not verbatim in the report: {value[:70]!r}")
            if key == "dates" and isinstance(fact.get("text"), str) and fact["text"] not in text:
                found.append(f"{where}: text {fact['text']!r} is not in the report")
            if key in ("agreements", "incidents") and "quantity" in fact and fact["quantity"] is not None and not isinstance(fact["quantity"], int):
                found.append(f"{where}: quantity must be an integer or null")
            for name in ("roles", "mediators", "parties", "participants"):
                if name in fact and not isinstance(fact[name], list):
                    found.append(f"{where}: {name} must be a list")
    return [f"{path}: {p}" for p in found]


def main(argv: list[str]) -> int:
    docs = DOCS
    if argv[:1] == ["--root"] and len(argv) >= 2:
        docs, argv = Path(argv[1]) / "docs", argv[2:]
    if not argv:
        print(__doc__.strip())
        return 2
    found = [p for arg in argv for p in problems(Path(arg), docs)]
    for line in found:
        print(line)
    print(f"{len(argv)} file(s), {len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
