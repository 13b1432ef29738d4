"""An outside check nobody tuned on: PLOVER's coded stance sentences
(CC BY-SA, read from the shared folder, not copied). A floor, not a target."""

from __future__ import annotations

import pytest

from conftest import SHARED
from detente.plover import _fits, _state_names, plover_recall
from detente.settings import Settings

PLOVER = SHARED / "external" / "plover" / "PLOVER_GSR_CAMEO.txt"


@pytest.mark.skipif(not PLOVER.exists(), reason="PLOVER sentences not found")
def test_stance_recall_on_plover():
    result = plover_recall(PLOVER, Settings())
    assert sum(result.total.values()) == 120
    assert result.recall >= 0.45, result.as_dict()


@pytest.mark.parametrize("party, coded, fits", [
    ("United Kingdom", "British Defence Secretary Tom King", True),
    ("Israel", "Israeli Prime Minister Ehud Barak", True),
    ("Hamas", "Hamas", True),
    ("Russia", "Palestinian officials", False),
    ("Syria", "Serbia", False),
])
def test_source_actor_matching(party, coded, fits):
    assert _fits(party, [coded], _state_names()) is fits
