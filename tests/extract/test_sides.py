"""Sides the gazetteer does not know: movements as groups under their short
form, governments written as organizations as their state."""

from __future__ import annotations

import pytest

from detente.extract._sides import side_names, with_sides, named_by_rebels


@pytest.mark.parametrize(
    "text, name, expected",
    [
        ("The Sudan Liberation Army-Abdel Wahid (SLA-AW) and Khartoum met in Juba on Monday.", "SLA-AW", "group"),
        ("Talks between Manila and the Moro National Liberation Front resumed in Jakarta.", "Moro National Liberation Front", "group"),
        ("The separatist group Ambazonia Defence Council met envoys of Cameroon in Toronto.", None, None),
        ("The government of Niger met the Front Patriotique de Libération (FPL) in Niamey.", "FPL", "group"),
    ],
)
def test_movements_are_groups(annotate, text, name, expected):
    doc, ctx = annotate(text)
    found = {new: kind for new, kind in side_names(ctx, text).values()}
    if name is None:
        assert all(kind != "organization" for kind in found.values())
    else:
        assert found.get(name) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Nationalist Movement Party (MHP) voted for the bill in Ankara on Tuesday.",  # a party, not a movement in arms
        "The International Committee of the Red Cross visited the prisoners in Kherson.",
        "The Economic Community of West African States met in Abuja on Monday.",
    ],
)
def test_parties_and_bodies_stay_organizations(annotate, text):
    doc, ctx = annotate(text)
    assert all(kind != "group" for _new, kind in side_names(ctx, text).values())


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Lord's Resistance Army (LRA) met Ugandan envoys in Juba. LRA rebels left the camp.", "LRA"),
        ("Fighters of the Oromo Liberation Army attacked a town. OLA commanders later met mediators.", "OLA"),
        ("The Lord's Resistance Army met Ugandan envoys in Juba on Monday.", None),  # no short form written
    ],
)
def test_listed_group_goes_by_the_short_form_written(annotate, text, expected):
    doc, ctx = annotate(text)
    renamed = {new for new, kind in side_names(ctx, text).values() if kind == "group"}
    assert (expected in renamed) if expected else not renamed


def test_government_is_its_state(annotate):
    text = "The Government of Senegal and the rebels met in Bissau. The Philippine Government welcomed it."
    doc, ctx = annotate(text)
    view = with_sides(ctx, text)
    assert view.actors.kind("Senegal") == "state"
    assert "Government of Senegal" not in view.actors.actors


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a listed group by the short form the report gives it
        ("Uganda and the Lord's Resistance Army (LRA) met in Juba. The LRA walked out.", "LRA"),
        ("Colombia and the National Liberation Army met in Havana. The ELN commander spoke.", "ELN"),
        # an unlisted movement named by the word before "rebels"
        ("Talks between the government and Maoist rebels resumed in Kathmandu. The Maoists want a new constitution.", "Maoists"),
        ("The army said Tuareg rebels had left the town of Kidal overnight.", "Tuaregs"),
        ("Officials met Naxalite insurgents near Raipur, and the Naxalites agreed to a truce.", "Naxalites"),
    ],
)
def test_a_group_goes_by_the_name_the_report_uses(annotate, text, name):
    doc, ctx = annotate(text)
    view = with_sides(ctx, text)
    assert view.actors.kind(name) == "group"
    assert view.actors.actors[name].mentions


@pytest.mark.parametrize(
    "text",
    [
        "Casamance rebels attacked a convoy near Ziguinchor, the main town in Casamance.",  # a region's rebels
        "Syrian rebels and the army exchanged fire near Idlib.",  # a state's
    ],
)
def test_place_before_rebels_is_no_movement(annotate, text):
    doc, ctx = annotate(text)
    assert not named_by_rebels(ctx, text)
