"""Copy the development set's input reports into ``devset/docs/``.

Run once from the checkout (``python devset/tools/import_sources.py``); the
copies are committed so the set does not depend on ``../shared``. Sources:
the project corpus (``../shared/corpus``, licence per ``INDEX.tsv``) and a
selection of public-domain White House documents (``../shared/bulk``). Long
press-briefing transcripts are cut to the question-and-answer stretch about a
peace process (a window of whole paragraphs), and say so in ``notes``.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DETENTE_SHARED", HERE.parents[1] / "shared"))

# White House documents: id -> (process, genre). Chosen by hand from keyword
# candidates: documents whose subject is a peace process's negotiations.
WHITEHOUSE = {
    "wh-2024-11-26-remarks-by-president-biden-announcing-cessation-of-hostilities-between-israel-and-hezb": ("israel-hezbollah", "statement"),
    "wh-2025-10-26-joint-declaration-by-the-prime-minister-of-the-kingdom-of-cambodia-and-the-prime-minis": ("thailand-cambodia", "statement"),
    "wh-2025-07-28-dealmaker-in-chief-president-trump-secures-landmark-peace-trade-deals": ("thailand-cambodia", "statement"),
    "wh-2026-04-08-peace-through-strength-operation-epic-fury-crushes-iranian-threat-as-ceasefire-takes-h": ("israel-iran", "statement"),
    "wh-2024-09-17-statement-from-president-joe-biden-on-sudan": ("sudan", "statement"),
    "wh-2023-05-04-statement-from-president-joe-biden-on-the-conflict-in-sudan": ("sudan", "statement"),
    "wh-2022-10-21-readout-of-national-security-advisor-jake-sullivans-meeting-with-kenyan-national-secur": ("ethiopia-tigray", "readout"),
    "wh-2022-01-10-readout-of-president-bidens-call-with-prime-minister-abiy-ahmed-of-ethiopia": ("ethiopia-tigray", "readout"),
    "wh-2021-09-17-statement-by-president-joseph-r-biden-jr-on-the-executive-order-regarding-the-crisis-i": ("ethiopia-tigray", "statement"),
    "wh-2022-06-08-readout-of-president-bidens-call-with-venezuelan-interim-president-juan-guaido": ("venezuela", "readout"),
    "wh-2021-01-22-statement-by-nsc-spokesperson-emily-horne-on-national-security-advisor-jake-sullivans-": ("afghanistan", "statement"),
    "wh-2022-06-02-president-biden-statement-on-the-un-mediated-truce-extension-in-yemen": ("yemen", "statement"),
    "wh-2023-04-02-statement-from-president-joe-biden-on-the-one-year-anniversary-of-the-truce-in-yemen": ("yemen", "statement"),
    "wh-2023-05-16-readout-of-national-security-advisor-jake-sullivans-meeting-with-un-special-envoy-for-": ("yemen", "readout"),
    "wh-2023-09-15-statement-from-national-security-advisor-jake-sullivan-welcoming-the-first-official-se": ("yemen", "statement"),
    "wh-2022-10-11-statement-by-president-joe-biden-on-breakthrough-diplomacy-in-the-middle-east": ("israel-lebanon-maritime", "statement"),
    "wh-2024-02-29-readout-of-president-bidens-call-with-amir-sheikh-tamim-bin-hamad-al-thani-of-qatar-8": ("israel-hamas", "readout"),
    "wh-2024-04-28-readout-of-president-joe-bidens-call-with-prime-minister-netanyahu-of-israel-4": ("israel-hamas", "readout"),
    "wh-2024-06-03-readout-of-president-bidens-call-with-amir-sheikh-tamim-bin-hamad-al-thani-of-qatar-10": ("israel-hamas", "readout"),
    "wh-2024-07-25-remarks-by-vice-president-harris-following-meeting-with-prime-minister-benjamin-netany": ("israel-hamas", "statement"),
    "wh-2024-06-16-remarks-by-national-security-advisor-jake-sullivan-at-summit-on-peace-in-ukraine-closi": ("russia-ukraine", "statement"),
    "wh-2025-03-19-statement-from-secretary-rubio-and-nsc-waltz-on-call-with-zelenskyy": ("russia-ukraine", "readout"),
    "wh-2025-08-17-sunday-shows-president-trumps-pursuit-of-peace": ("russia-ukraine", "analysis"),
    "wh-2021-03-17-joint-statement-by-president-joe-biden-and-taoiseach-micheal-martin": ("northern-ireland", "statement"),
}
# Press briefings and gaggles with Q&A: id prefix -> process; cut to a window.
BRIEFINGS = {
    "wh-2024-02-27-press-briefing-by-press-secretary-karine-jean-pierre-and-white-house-nationa": "israel-hamas",
    "wh-2024-03-25-on-the-record-press-gaggle-by-white-house-national-security-communications-a": "israel-hamas",
    "wh-2024-11-25-on-the-record-press-gaggle-by-white-house-national-security-communications-a": "israel-hezbollah",
    "wh-2021-05-20-press-briefing-by-press-secretary-jen-psaki-may-20-2021": "israel-hamas",
    "wh-2024-10-18-on-the-record-press-gaggle-by-white-house-national-security-communications-a": "israel-hamas",
    "wh-2024-05-29-on-the-record-press-gaggle-by-white-house-national-security-communications-a": "israel-hamas",
}
WINDOW = 6000
TOPIC = re.compile(r"ceasefire|cease-fire|truce|hostage deal|cessation of hostilities|peace talks", re.I)


def _excerpt(text: str) -> str:
    """Whole paragraphs around the densest stretch of negotiation talk."""
    paras = [p for p in text.split("\n") if p.strip()]
    best, best_i = -1, 0
    for i in range(len(paras)):
        window, n = "", 0
        for p in paras[i:]:
            if len(window) + len(p) > WINDOW:
                break
            window += p + "\n"
        n = len(TOPIC.findall(window))
        if n > best and paras[i].startswith("Q"):
            best, best_i = n, i
    out = []
    for p in paras[best_i:]:
        if sum(len(x) + 1 for x in out) + len(p) > WINDOW:
            break
        out.append(p)
    return "\n".join(out)


def _slug(doc_id: str, process: str) -> str:
    return doc_id[:95].rstrip("-")


def main() -> None:
    out = HERE / "docs"
    out.mkdir(exist_ok=True)
    with open(SHARED / "corpus" / "INDEX.tsv", newline="") as f:
        index = {row["id"]: row for row in csv.DictReader(f, delimiter="\t")}
    for doc_id, row in index.items():
        doc = json.loads((SHARED / "corpus" / f"{doc_id}.json").read_text())
        doc.update(process=row["conflict"], license=row["license"], origin=row["origin"], genre=doc.get("genre") or "news", notes="")
        (out / f"{doc_id}.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    wanted = {**{k: v for k, v in WHITEHOUSE.items()}, **{k: (v, "briefing") for k, v in BRIEFINGS.items()}}
    with gzip.open(SHARED / "bulk" / "whitehouse-briefing-room.jsonl.gz", "rt") as f:
        for line in f:
            doc = json.loads(line)
            key = next((k for k in wanted if doc["id"].startswith(k)), None)
            if key is None:
                continue
            process, genre = wanted.pop(key)
            notes = ""
            if genre == "briefing":
                doc["text"] = _excerpt(doc["text"])
                notes = "excerpt: the question-and-answer stretch about the peace process, whole paragraphs"
            doc_id = _slug(doc["id"], process)
            doc.update(id=doc_id, process=process, genre=genre, notes=notes,
                       license="public-domain (US government work; repository CC0-1.0)",
                       origin=f"shared/bulk/whitehouse-briefing-room.jsonl.gz id {doc['id']}")
            doc["published"] = doc["published"][:10]
            (out / f"{doc_id}.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    if wanted:
        raise SystemExit(f"not found: {sorted(wanted)}")


if __name__ == "__main__":
    main()
