"""Who mediates rather than fights (detente.mediators): one reader of the data, one home-country rule."""

from __future__ import annotations

import pytest

from detente.mediators import read_mediation
from detente.nlp.gazetteer import lookup


def spans(text: str, names: dict[str, str | None]) -> list[tuple[int, int, str | None]]:
    """(start, end, value) of every occurrence of each form in ``names``."""
    out = []
    for form, value in names.items():
        i = text.find(form)
        while i >= 0:
            out.append((i, i + len(form), value))
            i = text.find(form, i + 1)
    return out


def test_the_usual_mediators_come_from_the_data_file():
    usual = read_mediation().usual
    assert {"Qatar", "United Nations"} <= usual
    assert not any(name.startswith("#") for name in usual)


@pytest.mark.parametrize("text, people, states, homes", [
    ("Talks were convened by UN envoy Ramtane Lamamra from Algeria.",
     {"Ramtane Lamamra": "United Nations"}, {"Algeria": "Algeria"}, {"Algeria"}),
    ("The truce held, said the UN envoy Hans Grundberg, a native of Sweden.",
     {"Hans Grundberg": "United Nations"}, {"Sweden": "Sweden"}, {"Sweden"}),
    ("Talks were led by the Nigerian former president Olusegun Obasanjo.",
     {"Olusegun Obasanjo": "African Union"}, {"Nigerian": "Nigeria"}, {"Nigeria"}),
    # a person who serves their own state keeps it a side
    ("India and Pakistan agreed, said Prime Minister Shehbaz Sharif of Pakistan.",
     {"Shehbaz Sharif": "Pakistan"}, {"Pakistan": "Pakistan", "India": "India"}, set()),
    # a state named otherwise too is more than a home
    ("UN envoy Ramtane Lamamra from Algeria met Algeria's foreign minister.",
     {"Ramtane Lamamra": "United Nations"}, {"Algeria": "Algeria"}, set()),
    # too many words between the demonym and the person; a name is no demonym
    ("Talks were led by the Nigerian general who once ran the country, Olusegun Obasanjo.",
     {"Olusegun Obasanjo": "African Union"}, {"Nigerian": "Nigeria"}, set()),
    ("Talks were led by Nigeria and Olusegun Obasanjo.",
     {"Olusegun Obasanjo": "African Union"}, {"Nigeria": "Nigeria"}, set()),
])
def test_a_state_named_only_as_a_mediators_home_is_no_side(text, people, states, homes):
    found = read_mediation().homes(text, spans(text, people), spans(text, states), lookup)
    assert found == homes
