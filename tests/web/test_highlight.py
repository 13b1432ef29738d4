"""The report page's highlighting: every fact marked at its evidence, text intact."""

from __future__ import annotations

import pytest

from detente.records import Actor, Agreement, DocumentInfo, Evidence, Position, Quote, Record
from detente.web.highlight import Fact, anchor, facts_of, highlight


def rebuild(pieces) -> str:
    return "".join(p.text for p in pieces if p.type == "text")


def balanced(pieces) -> bool:
    depth = 0
    for p in pieces:
        depth += {"open": 1, "close": -1}.get(p.type, 0)
        if depth < 0:
            return False
    return depth == 0


def marked(pieces) -> dict[str, str]:
    """Anchor id → the text inside that mark (nested marks included)."""
    out, stack = {}, []
    for p in pieces:
        if p.type == "open":
            stack.append([p.id, ""])
        elif p.type == "close":
            ident, text = stack.pop()
            if ident:
                out[ident] = text
        else:
            for item in stack:
                item[1] += p.text
    return out


TEXT = "Kremlin spokesman Dmitry Peskov said Russia rejects a ceasefire."


@pytest.mark.parametrize(
    "spans",
    [
        [],
        [(18, 31)],
        [(18, 31), (37, 43)],
        [(37, 64), (37, 43)],  # nested, same start
        [(18, 43), (32, 64)],  # crossing
        [(0, 7), (0, 7)],  # same span twice
        [(5, 40), (10, 20), (15, 30), (25, 50)],
    ],
)
def test_highlight_keeps_text_and_nests(spans):
    facts = [Fact(s, e, "quote", "q") for s, e in spans]
    pieces = highlight(TEXT, facts)
    assert rebuild(pieces) == TEXT
    assert balanced(pieces)
    ids = [p.id for p in pieces if p.type == "open" and p.id]
    assert sorted(set(ids)) == sorted({anchor(s, e) for s, e in spans})
    assert len(ids) == len(set(ids))


def test_each_anchor_covers_its_evidence_unless_crossing():
    pieces = highlight(TEXT, [Fact(37, 64, "position", "p"), Fact(37, 43, "actor", "a")])
    assert marked(pieces) == {"ev-37-64": TEXT[37:64], "ev-37-43": "Russia"}


def test_same_span_facts_share_one_mark():
    pieces = highlight(TEXT, [Fact(18, 31, "actor", "actor: Dmitry Peskov"), Fact(18, 31, "quote", "q")])
    opens = [p for p in pieces if p.type == "open"]
    assert len(opens) == 1 and opens[0].kinds == ["actor", "quote"]


def test_out_of_range_facts_are_dropped():
    assert rebuild(highlight("short", [Fact(2, 99, "quote", "q"), Fact(3, 3, "date", "d")])) == "short"
    assert all(p.type == "text" for p in highlight("short", [Fact(2, 99, "quote", "q")]))


def test_facts_of_skips_bad_evidence():
    text = "Russia and Ukraine agreed to swap 300 prisoners."
    record = Record(
        document=DocumentInfo(id="d"),
        actors=[Actor(name="Russia", kind="state", mentions=[Evidence.of(text, 0, 6)])],
        positions=[Position(party="Russia", issue="prisoners", stance="accept", evidence=Evidence(start=0, end=6, text="Wrong!"))],
        agreements=[Agreement(kind="prisoner_exchange", quantity=300, evidence=Evidence.of(text, 19, 47))],
        quotes=[Quote(speaker=None, kind="indirect", text="x", evidence=None)],
    )
    facts = facts_of(record, text)
    assert [(f.kind, f.start, f.end) for f in facts] == [("actor", 0, 6), ("agreement", 19, 47)]
    assert "prisoner_exchange" in facts[1].label
