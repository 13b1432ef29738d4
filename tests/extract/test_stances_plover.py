"""Stance cues on text nobody here wrote: PLOVER's hand-coded sentences
(CC BY-SA, read from the shared folder, not copied). AGREE ≈ accept/propose,
DEMAND ≈ demand, REJECT ≈ reject, CONCEDE ≈ accept. Floors, not targets."""

from __future__ import annotations

import json
import re

import pytest

from conftest import SHARED

PLOVER = SHARED / "external" / "plover" / "PLOVER_GSR_CAMEO.txt"
WANT = {"AGREE": {"accept", "propose"}, "DEMAND": {"demand"}, "REJECT": {"reject"}, "CONCEDE": {"accept"}}


def plover_records() -> list[dict]:
    raw = PLOVER.read_text(encoding="utf-8")
    return json.loads(re.sub(r",(\s*[\]}])", r"\1", raw))  # trailing commas


@pytest.mark.skipif(not PLOVER.exists(), reason="PLOVER sentences not found")
def test_stance_cues_on_plover(annotate):
    from detente.extract.positions import _stance_candidates

    hit = wrong = total = 0
    for rec in plover_records():
        gold = WANT.get(rec.get("event"))
        if not gold or "text" not in rec:
            continue
        doc, ctx = annotate(rec["text"])
        found = {c.stance for c in _stance_candidates(doc, ctx, ctx.pipeline.stances)}
        total += 1
        hit += bool(found & gold)
        wrong += bool(found) and not (found & gold)
    assert total >= 100
    assert hit / total >= 0.65, f"stance recall {hit}/{total}"
    assert hit / (hit + wrong) >= 0.85, f"stance precision {hit}/{hit + wrong}"
