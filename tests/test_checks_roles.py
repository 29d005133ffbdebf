"""The checks on the roles and people of schema version 2 (issues 12.2-12.4, 17.3): a person known only by
office, one remark with two roles, roles beyond chair and moderator, and remarks by an unnamed guest."""

from __future__ import annotations

import pytest
from test_checks_support import PEOPLE, check, flagged, make

from rapporteur.checks import run_checks
from rapporteur.export.document import build

SPOKE = "Dr. M.S. Prathibha noted that ties grew."
DG = {"id": "dg", "designation": "Director General", "affiliation": "MP-IDSA"}


def _with_roles(report, session_roles=None, event_roles=None):
    data = report.model_dump(exclude_none=True)
    if session_roles is not None:
        data["sessions"][0]["roles"] = session_roles
    if event_roles is not None:
        data["event"]["roles"] = event_roles
    return type(report).model_validate(data)


# -- 12.2: a person known only by office ----------------------------------------------------


def test_a_person_known_by_office_may_preside_under_the_chatham_house_rule():
    r = make(
        "The Director General presided over the interaction. One participant noted that ties grew.",
        lead="The Director General, MP-IDSA, presided over the interaction.",
        speakers=[],
        moderator=None,
        people=[*PEOPLE, DG],
        event={"chatham_house": True},
    )
    r = _with_roles(r, [{"role": "presided-over", "people": ["dg"]}], [{"role": "presided-over", "people": ["dg"]}])
    assert run_checks(r) == []
    assert [w.code for w in build(r).warnings if w.code == "consistency-chatham-house"] == []


def test_a_person_known_by_office_is_never_printed_as_none():
    r = make(SPOKE, lead="The session was moderated by the Director General.", moderator="dg", people=[*PEOPLE, DG])
    r = _with_roles(r, [{"role": "moderator", "people": ["dg"]}, {"role": "discussant", "people": ["dg"]}])
    diags = run_checks(r, ignore=["people-designation"])  # Dr. Prathibha's is not given: another rule
    assert not any("None" in d.message or "None" in (d.hint or "") for d in diags)
    assert [d.code for d in diags if d.code.startswith("people")] == []


# -- 12.3: one remark with two roles; roles beyond chair and moderator ---------------------------


def test_one_remark_with_two_roles_is_not_a_missing_role():
    remark = {
        "role": "concluding",
        "also": "vote-of-thanks",
        "by": "lele",
        "text": "Gp. Capt. (Dr.) Ajey Lele thanked all.",
    }
    lead = "Gp. Capt. (Dr.) Ajey Lele delivered the concluding remarks and proposed the vote of thanks."
    assert check(make(SPOKE, lead=lead, remarks=[remark]), "consistency-role") == []
    alone = {**remark, "also": None}
    r = make(SPOKE, lead=lead, remarks=[alone])
    assert flagged(r, check(r, "consistency-role")) == ["vote of thanks"]


@pytest.mark.parametrize(
    "lead,session_roles,event_roles",
    [
        (
            "The session was co-chaired by Dr. Prashant Kumar Singh.",
            [{"role": "co-chair", "people": ["singh", "lele"]}],
            None,
        ),
        (
            "The session was chaired by Dr. Prashant Kumar Singh.",
            [{"role": "co-chair", "people": ["singh", "lele"]}],
            None,
        ),
        (
            "The session was presided over by Dr. Prashant Kumar Singh.",
            [{"role": "presided-over", "people": ["singh"]}],
            None,
        ),
        (
            "The interaction was presided over by Dr. Prashant Kumar Singh.",
            [],
            [{"role": "presided-over", "people": ["singh"]}],
        ),
        (
            "The session was facilitated by Dr. Prashant Kumar Singh.",
            [{"role": "facilitator", "people": ["singh"]}],
            None,
        ),
        ("Dr. Prashant Kumar Singh was the Chief Guest.", [], [{"role": "chief-guest", "people": ["singh"]}]),
        (
            "The session was co-moderated by Dr. Prashant Kumar Singh.",
            [{"role": "co-moderator", "people": ["singh"]}],
            None,
        ),
    ],
)
def test_roles_beyond_chair_and_moderator_are_understood(lead, session_roles, event_roles):
    r = _with_roles(make(SPOKE, lead=lead, moderator=None), session_roles, event_roles)
    assert check(r, "consistency-role") == []


@pytest.mark.parametrize(
    "lead,session_roles,event_roles,words,hint",
    [
        (
            "The session was presided over by Dr. Prashant Kumar Singh.",
            [{"role": "chair", "people": ["singh"]}],
            None,
            "presided over by Dr. Prashant Kumar Singh",
            "singh is recorded as chair: write 'chaired by'",
        ),
        (
            "The session was facilitated by Dr. Prashant Kumar Singh.",
            [{"role": "facilitator", "people": ["lele"]}],
            None,
            "facilitated by Dr. Prashant Kumar Singh",
            "the facilitator is lele",
        ),
        (
            "Dr. Prashant Kumar Singh was the Chief Guest.",
            [],
            [],
            "Chief Guest",
            'add to event.roles: role = "chief-guest"',
        ),
        ("The inaugural address set the tone.", [], [], "inaugural address", 'add [[remarks]] with role = "inaugural"'),
    ],
)
def test_roles_beyond_chair_and_moderator_are_checked(lead, session_roles, event_roles, words, hint):
    r = _with_roles(make(SPOKE, lead=lead, moderator=None), session_roles, event_roles)
    diags = check(r, "consistency-role")
    assert flagged(r, diags) == [words]
    assert diags[0].hint.startswith(hint)


def test_a_presiding_person_never_named_is_told_how_to_name_them():
    r = _with_roles(
        make(SPOKE, lead="Dr. M.S. Prathibha spoke.", moderator=None), [{"role": "presided-over", "people": ["singh"]}]
    )
    (d,) = check(r, "people-unmentioned")
    assert d.hint.startswith("name them in the lead, e.g. 'presided over by Dr. Prashant Kumar Singh'")


# -- 12.4: remarks by an unnamed guest --------------------------------------------------------


def test_remarks_by_an_unnamed_guest_outside_the_chatham_house_rule_raise_nothing():
    remarks = [
        {"role": "welcome", "by_description": "a senior official of the Ministry", "text": "The official welcomed all."}
    ]
    lead = (
        "Dr. M.S. Prathibha, Associate Fellow, spoke."
        " The session was moderated by Dr. Prashant Kumar Singh, Research Fellow."
    )
    r = make(SPOKE, lead=lead, remarks=remarks)
    assert run_checks(r) == []
