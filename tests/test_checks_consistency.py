"""Consistency rules: roles, questions, and the Chatham House Rule."""

from __future__ import annotations

import pytest
from test_checks_support import check, codes, flagged, make

SPOKE = "Dr. M.S. Prathibha noted that ties grew."


# -- consistency-role ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "lead,moderator,chair,words",
    [
        ("The session was moderated by Dr. Prashant Kumar Singh.", None, None, "moderated by Dr. Prashant Kumar Singh"),
        ("The session was moderated by a colleague.", None, None, "moderated by"),
        ("The session was chaired by Dr. Prashant Kumar Singh.", "singh", None, "chaired by Dr. Prashant Kumar Singh"),
        ("The session was moderated by Dr. M.S. Prathibha.", "singh", None, "moderated by Dr. M.S. Prathibha"),
        ("The keynote address was delivered by Dr. Prashant Kumar Singh.", "singh", None, "keynote"),
        ("Dr. Prashant Kumar Singh proposed the vote of thanks.", "singh", None, "vote of thanks"),
    ],
)
def test_roles_the_report_does_not_hold_are_found(lead, moderator, chair, words):
    r = make(SPOKE, lead=lead, moderator=moderator, chair=chair)
    diags = check(r, "consistency-role")
    assert flagged(r, diags) == [words]


def test_a_named_role_nobody_holds_says_what_to_set():
    r = make(SPOKE, lead="The session was moderated by Dr. Prashant Kumar Singh.", moderator=None)
    (d,) = check(r, "consistency-role")
    assert d.hint == 'add to sessions[].roles: role = "moderator", people = ["singh"], or correct the text'


def test_chaired_by_a_moderator_says_which_field_to_change():
    r = make(SPOKE, lead="The session was chaired by Dr. Prashant Kumar Singh.", moderator="singh")
    (d,) = check(r, "consistency-role")
    assert "chair" in d.message
    r = make(SPOKE, lead="The session was chaired by Dr. Prashant Kumar Singh.", moderator=None, chair="lele")
    (d,) = check(r, "consistency-role")
    assert "not the chair" in d.message and "the chair is lele" in d.hint


@pytest.mark.parametrize(
    "lead,remarks,moderator,chair",
    [
        ("The session was moderated by Dr. Prashant Kumar Singh.", None, "singh", None),  # the seed
        ("The session was chaired by Dr. Prashant Kumar Singh.", None, None, "singh"),
        (
            "Dr. Singh delivered the keynote address.",
            [{"role": "keynote", "by": "singh", "text": "Dr. Singh spoke."}],
            "singh",
            None,
        ),
        (
            "Dr. Singh proposed the vote of thanks.",
            [{"role": "vote-of-thanks", "by": "singh", "text": "Dr. Singh thanked all."}],
            "singh",
            None,
        ),
        ("The session was moderated by a colleague.", None, "singh", None),  # nobody named: the role exists
    ],
)
def test_roles_held_are_not_flagged(lead, remarks, moderator, chair):
    assert check(make(SPOKE, lead=lead, remarks=remarks, moderator=moderator, chair=chair), "consistency-role") == []


def test_unnamed_chair_under_the_chatham_house_rule_is_fine():
    r = make(
        "The chair opened. It was chaired by a senior diplomat.",
        moderator=None,
        speakers=[],
        event={"chatham_house": True},
    )
    assert check(r, "consistency-role") == []


# -- consistency-questions ----------------------------------------------------------------


def test_discussion_without_questions_is_found():
    r = make(SPOKE, discussion={"intro": "The presentation was followed by a Q&A session."})
    diags = check(r, "consistency-questions")
    assert [d.path for d in diags] == ["discussion"]


def test_qa_mentioned_without_a_discussion_is_found():
    r = make(SPOKE, "The presentation was followed by a Q&A session.")
    diags = check(r, "consistency-questions")
    assert flagged(r, diags) == ["Q&A"]


@pytest.mark.parametrize(
    "discussion,questions",
    [
        (
            {"intro": "The presentation was followed by a Q&A session."},
            [{"asker_description": "One scholar", "text": "One scholar asked about it."}],
        ),
        ({"issues_raised": ["Port capacity on the Caspian."]}, None),
    ],
)
def test_discussions_with_questions_or_issues_are_fine(discussion, questions):
    assert check(make(SPOKE, discussion=discussion, questions=questions), "consistency-questions") == []


def test_no_discussion_and_no_qa_is_fine():
    assert check(make(SPOKE), "consistency-questions") == []


# -- consistency-chatham-house ------------------------------------------------------------


def test_names_in_the_body_under_the_rule_are_errors():
    r = make(
        "Dr. Prathibha argued that ties grew. Dr. Rajiv Sharma disagreed.",
        lead="Dr. M.S. Prathibha attended the round table.",  # the lead may say who took part
        questions=[{"asker": "lele", "text": "Gp. Capt. (Dr.) Ajey Lele asked about Taiwan."}],
        event={"chatham_house": True},
    )
    diags = check(r, "consistency-chatham-house")
    assert flagged(r, diags) == ["Dr. Prathibha", "Dr. Rajiv Sharma", "Gp. Capt. (Dr.) Ajey Lele"]
    assert all(d.severity == "error" for d in diags)


def test_structured_attributions_are_not_printed_under_the_rule():
    # the export writes "A participant asked ..." and names no speaker under the Rule
    r = make(
        "One speaker argued that ties grew.",
        questions=[{"asker": "lele", "text": "A participant asked about Taiwan."}],
        event={"chatham_house": True},
    )
    assert check(r, "consistency-chatham-house") == []


def test_an_unattributed_report_under_the_rule_is_fine():
    r = make(
        "One speaker argued that ties grew.",
        lead="Dr. M.S. Prathibha and colleagues attended the round table.",  # the lead may say who took part
        speakers=[],
        moderator=None,
        questions=[{"asker_description": "One diplomat", "text": "One diplomat asked about Taiwan."}],
        event={"chatham_house": True},
    )
    assert check(r, "consistency") == []


def test_naming_people_is_fine_without_the_rule():
    assert codes(check(make("Dr. M.S. Prathibha argued."), "consistency-chatham-house")) == []
