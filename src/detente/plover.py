"""An outside check on stances: PLOVER's hand-coded sentences.

The Open Event Data Alliance's PLOVER gold standard (CC BY-SA 4.0) codes
sentences from the CAMEO manual with a source actor and an event. For the
events that are stances (AGREE ≈ accept or propose, DEMAND ≈ demand,
REJECT ≈ reject, CONCEDE ≈ accept) a sentence counts as found when detente's
record of it holds a position of the coded source actor with a fitting
stance, or, for AGREE and CONCEDE, an agreement that names it. Nobody tuned
on these sentences; they measure how the stance extraction travels.

The file is not shipped: pass its path (``detente eval --plover FILE``).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .evaluate import normalize_name
from .records import Document, Record
from .settings import Settings

__all__ = ["WANT", "read_plover", "plover_recall", "PloverResult"]

WANT = {"AGREE": {"accept", "propose"}, "DEMAND": {"demand"}, "REJECT": {"reject"}, "CONCEDE": {"accept"}}


def read_plover(path: str | Path) -> list[dict]:
    """The coded sentences (the file is JSON with trailing commas)."""
    raw = Path(path).read_text(encoding="utf-8")
    return json.loads(re.sub(r",(\s*[\]}])", r"\1", raw))


def _state_names() -> dict[str, str]:
    """Every name, demonym and capital of a state → its canonical name."""
    from .resources import read_text

    out: dict[str, str] = {}
    text = read_text("gazetteer", "states.jsonl")
    for line in text.splitlines():
        if line.strip():
            state = json.loads(line)
            for alias in (state["name"], *state.get("aliases", []), *state.get("demonyms", []), *state.get("capitals", [])):
                out[normalize_name(alias)] = state["name"]
    return out


def _fits(party: str | None, actor_texts: list[str], states: dict[str, str]) -> bool:
    """Whether a party (or the person voicing it) is the coded source actor:
    the same name, a name inside the coded text, or a state named by a word of
    it ("British Defence Secretary Tom King" → United Kingdom)."""
    p = normalize_name(party)
    if not p:
        return False
    for text in actor_texts:
        t = normalize_name(text)
        if not t:
            continue
        words = re.findall(r"[\w'-]+", text)
        named = {normalize_name(states.get(normalize_name(w), "")) for w in words} - {""}
        if p == t or p in named or (len(p) > 3 and p in t) or (len(t) > 3 and t in p):
            return True
    return False


@dataclass
class PloverResult:
    found: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return sum(self.found.values()) / max(1, sum(self.total.values()))

    def as_dict(self) -> dict:
        return {"recall": self.recall, "found": sum(self.found.values()), "total": sum(self.total.values()),
                "by_event": {e: {"found": self.found[e], "total": n} for e, n in sorted(self.total.items())}}


def found_in(record: Record, event: str, actor_texts: list[str], states: dict[str, str]) -> bool:
    stances = WANT[event]
    if any(p.stance in stances and (_fits(p.party, actor_texts, states) or _fits(p.actor, actor_texts, states))
           for p in record.positions):
        return True
    if event in ("AGREE", "CONCEDE"):
        return any(_fits(party, actor_texts, states) for a in record.agreements for party in a.parties)
    return False


def plover_recall(path: str | Path, settings: Settings) -> PloverResult:
    """Extract every stance sentence of the file and count those found."""
    from .pipeline import extract_local

    rows = [r for r in read_plover(path) if r.get("event") in WANT and r.get("text")]
    documents = [Document(id=r["id"], text=r["text"], published=r.get("date")) for r in rows]
    states = _state_names()
    result = PloverResult()
    for row, record in zip(rows, extract_local(documents, settings=settings)):
        event = row["event"]
        result.total[event] += 1
        actors = [a.get("actorText", "") for a in row.get("source") or []]
        if isinstance(record, Record) and found_in(record, event, actors, states):
            result.found[event] += 1
        else:
            result.misses.append(row["id"])
    return result
