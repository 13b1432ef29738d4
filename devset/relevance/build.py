"""Final relevance labels and their dev / held-out split.

    python devset/relevance/build.py            # writes labels.jsonl
    python devset/relevance/build.py --texts OUT.jsonl   # rebuilds the 400 documents from ../shared/bulk

Labels: ann1 (n 0–249) and ann2 (n 150–399); on the overlap, where they
differ, the decision in ADJUDICATION.md. Split, deterministic: documents
about a conflict go by conflict (conflicts by number of documents, largest
first, then by name, dealt alternately to dev and held-out, so no conflict
straddles); the others by the parity of sha1(id).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
BULK = Path(os.environ.get("DETENTE_SHARED", HERE.parents[2] / "shared")) / "bulk" / "whitehouse-briefing-room.jsonl.gz"


def _rows(name: str) -> dict[int, dict]:
    return {r["n"]: r for r in map(json.loads, (HERE / name).read_text().splitlines())}


def decisions() -> dict[int, dict]:
    """n → {about, conflict, reason} from ADJUDICATION.md's table."""
    out = {}
    for line in (HERE / "ADJUDICATION.md").read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[0].isdigit():
            out[int(cells[0])] = {"about": cells[3], "conflict": None if cells[4] == "-" else cells[4], "reason": cells[5]}
    return out


def labels() -> list[dict]:
    a1, a2, adjudicated = _rows("ann1.jsonl"), _rows("ann2.jsonl"), decisions()
    out = []
    for row in map(json.loads, (HERE / "sample.jsonl").read_text().splitlines()):
        n = row["n"]
        both = [a for a in (a1.get(n), a2.get(n)) if a]
        agree = len(both) == 2 and (both[0]["about"], both[0]["conflict"]) == (both[1]["about"], both[1]["conflict"])
        if len(both) == 2 and not agree:
            final, source = adjudicated[n], "adjudicated"
        else:
            final, source = both[0], "both" if len(both) == 2 else ("ann1" if n in a1 else "ann2")
        about = final["about"]
        out.append({"n": n, "id": row["id"], "stratum": row["stratum"], "about": about,
                    "conflict": final["conflict"] if about != "no" else None,
                    "also": (both[0].get("also") or []) if about != "no" else [], "source": source})
    return _split(out)


def _split(rows: list[dict]) -> list[dict]:
    sizes = Counter(r["conflict"] for r in rows if r["conflict"])
    order = sorted(sizes, key=lambda c: (-sizes[c], c))
    side = {c: ("dev", "held-out")[i % 2] for i, c in enumerate(order)}
    for r in rows:
        r["split"] = side[r["conflict"]] if r["conflict"] else ("dev", "held-out")[int(hashlib.sha1(r["id"].encode()).hexdigest(), 16) % 2]
    return rows


def texts(out: Path) -> int:
    """Write the sample's documents (detente's input format) from the bulk file, in sample order."""
    wanted = [json.loads(line)["id"] for line in (HERE / "sample.jsonl").read_text().splitlines()]
    found = {}
    with gzip.open(BULK, "rt", encoding="utf-8") as f:
        for line in f:
            m = re.search(r'"id":\s*"([^"]+)"', line)
            if m and m.group(1) in wanted:
                found[m.group(1)] = line if line.endswith("\n") else line + "\n"
    with open(out, "w", encoding="utf-8") as f:
        for i in wanted:
            f.write(found[i])
    return len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, help="write the 400 documents here instead")
    args = parser.parse_args()
    if args.texts:
        print(f"{texts(args.texts)} documents written to {args.texts}")
        return
    rows = labels()
    with open(HERE / "labels.jsonl", "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    c = Counter((r["split"], r["about"]) for r in rows)
    print(f"{len(rows)} labels written: " + ", ".join(f"{k[0]} {k[1]} {v}" for k, v in sorted(c.items())))


if __name__ == "__main__":
    main()
