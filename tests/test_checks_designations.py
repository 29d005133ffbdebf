"""Issue 17.8: a person named in the prose whose designation is printed nowhere is flagged at first mention
(``[house] designations``); a person's initials ("SK", "RS") are not acronyms to spell out."""

from __future__ import annotations

import pytest
from test_checks_support import PEOPLE, check, flagged, make

from rapporteur.style import HouseStyle

RULE = "people-designation"
LEAD = (
    "Dr. M.S. Prathibha, Associate Fellow, MP-IDSA, spoke."
    " The session was moderated by Dr. Prashant Kumar Singh, Research Fellow."
)
BARE = "Dr. M.S. Prathibha spoke. The session was moderated by Dr. Prashant Kumar Singh."


def test_a_person_whose_designation_is_printed_nowhere_is_flagged_at_first_mention():
    r = make(
        "Dr. M.S. Prathibha noted that Gp. Capt. (Dr.) Ajey Lele had written on it. Lele agreed.",
        lead=BARE,
    )
    diags = check(r, RULE)
    # Prathibha's and Singh's designations are printed by the export (the speaker and the moderator are introduced)
    # only when there is no written lead: here the lead is written, so all three are flagged once, at first mention
    assert flagged(r, diags) == ["Dr. M.S. Prathibha", "Dr. Prashant Kumar Singh", "Gp. Capt. (Dr.) Ajey Lele"]
    assert diags[2].message == (
        "Ajey Lele is named here, but their designation ('Deputy Director General') is printed nowhere in the report"
    )
    assert diags[2].hint.startswith("write 'Gp. Capt. (Dr.) Ajey Lele, Deputy Director General' at this first mention")


def test_a_designation_given_anywhere_in_the_prose_or_by_the_export_is_enough():
    r = make(
        "Dr. M.S. Prathibha noted that. Dr. Prashant Kumar Singh, Research Fellow, agreed.",
        lead=LEAD,
    )
    assert check(r, RULE) == []
    composed = make("Dr. Prathibha noted that ties grew. Dr. Singh agreed.")  # the export's lead introduces both
    assert check(composed, RULE) == []


def test_the_house_style_can_turn_the_designation_rule_off():
    r = make("Gp. Capt. (Dr.) Ajey Lele closed.", lead=LEAD)
    assert flagged(r, check(r, RULE)) == ["Gp. Capt. (Dr.) Ajey Lele"]
    assert check(r, RULE, style=HouseStyle(designations="off")) == []


def test_a_person_without_a_designation_or_under_the_chatham_house_rule_is_not_flagged():
    people = [{**p, "designation": None} if p["id"] == "lele" else p for p in PEOPLE]
    assert check(make("Gp. Capt. (Dr.) Ajey Lele closed.", lead=LEAD, people=people), RULE) == []
    assert check(make("Ajey Lele closed.", lead=LEAD, event={"chatham_house": True}), RULE) == []


@pytest.mark.parametrize(
    "name,text",
    [
        ("Sanjay Kumar", "SK argued that ties grew."),  # the person's initials
        ("SK Sharma", "SK Sharma argued that ties grew; SK added a caveat."),  # written in the name
        ("Arun RS", "Arun RS argued that ties grew."),
        ("Rajesh Singh Negi", "Gen. RS Negi argued that ties grew."),
    ],
)
def test_initials_in_names_are_not_acronyms(name, text):
    people = [*PEOPLE, {"id": "x", "honorific": "Dr.", "name": name, "designation": "Fellow"}]
    assert check(make(text, lead=LEAD, people=people), "acronym") == []
    without = make(text, lead=LEAD)  # nobody so called: an acronym to spell out
    assert check(without, "acronym-expansion") != []
