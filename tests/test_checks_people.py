"""People rules: honorifics, unregistered names, unmentioned speakers, first mentions."""

from __future__ import annotations

import pytest
from test_checks_support import check, codes, flagged, make

FULL = "Dr. M.S. Prathibha, Associate Fellow, spoke. The session was moderated by Dr. Prashant Kumar Singh."


# -- people-honorific ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,words",
    [
        ("Dr Prathibha noted that ties grew.", ["Dr"]),  # the seed's slip
        ("Dr. Prathibha noted it. Dr Prathibha added more.", ["Dr"]),
        ("Prof. Prathibha noted that ties grew.", ["Prof."]),  # not the registry's title
        ("Gp Capt Lele asked a question.", ["Gp Capt"]),  # one finding per mention
        ("Gp. Capt. (Dr) Ajey Lele asked a question.", ["Dr"]),
    ],
)
def test_honorific_written_differently_is_found(text, words):
    r = make(FULL, text)
    diags = check(r, "people-honorific")
    assert codes(diags) == ["people-honorific"] * len(words)
    assert flagged(r, diags) == words
    assert "write '" in diags[0].hint


def test_one_finding_rewrites_the_whole_honorific():
    r = make(FULL, "Gp Capt Lele asked a question.")
    (d,) = check(r, "people-honorific")
    assert d.message == "'Gp Capt Lele' writes 'Gp Capt', but Ajey Lele is 'Gp. Capt.' in the people registry"
    assert d.hint == "write 'Gp. Capt. Lele'"


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Prathibha noted that ties grew. Dr. Singh agreed.",
        "Gp. Capt. (Dr.) Ajey Lele asked. Dr. Lele then added that Capt. Lele had flown.",  # parts of the registry's title
        "Prathibha noted that ties grew.",  # no honorific at all is not a different form
        "Ms. Mayuri Banerjee wrote it.",  # someone else (another rule's business)
        "The Dr Pepper company was not discussed.",  # not a registered person
    ],
)
def test_consistent_honorifics_are_not_flagged(text):
    assert check(make(FULL, text), "people-honorific") == []


def test_without_a_registry_honorific_the_majority_form_wins():
    people = [{"id": "rao", "name": "Anita Rao"}]
    r = make(
        "Dr. Anita Rao spoke. Dr. Rao noted that. Dr Rao added this. Dr. Rao concluded.",
        people=people,
        speakers=["rao"],
        moderator=None,
    )
    diags = check(r, "people-honorific")
    assert flagged(r, diags) == ["Dr"]
    assert "in 3 other mentions" in diags[0].message


def test_names_with_particles_and_apostrophes():
    people = [
        {"id": "berg", "honorific": "Prof.", "name": "Pieter van der Berg"},
        {"id": "dsouza", "honorific": "Ms.", "name": "Rhea D’Souza"},
    ]
    r = make(
        "Prof. Pieter van der Berg spoke. Van der Berg said so. Prof van der Berg added. Ms. Rhea D'Souza agreed.",
        people=people,
        speakers=["berg"],
        moderator=None,
    )
    diags = check(r, "people")
    assert flagged(r, diags) == ["Prof"]  # the particle does not hide the honorific; D'Souza is D’Souza
    assert diags[0].code == "people-honorific"


def test_full_and_abbreviated_titles_are_one_title_in_two_forms():
    people = [{"id": "rao", "honorific": "Ambassador", "name": "Anita Rao"}]
    r = make("Ambassador Anita Rao spoke. Amb. Rao noted that.", people=people, speakers=["rao"], moderator=None)
    diags = check(r, "people-honorific")
    assert flagged(r, diags) == ["Amb."]
    assert diags[0].hint == "write 'Ambassador Rao'"


# -- people-unregistered ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,who",
    [
        ("Dr. Sharma asked about the Quad.", "Dr. Sharma"),
        ("Ambassador Rajiv Bhatia recalled the summit.", "Ambassador Rajiv Bhatia"),
        ("Lt. Gen. (Retd.) Syed Hasnain spoke next.", "Lt. Gen. (Retd.) Syed Hasnain"),
        ("The point was made by Rajiv Sharma, Senior Fellow, ORF.", "Rajiv Sharma"),
        ("Dr. Manmohan Singh was quoted.", "Dr. Manmohan Singh"),  # shares a surname with a registered person
        ("In reply, Rajiv Sharma observed that ties grew.", "Rajiv Sharma"),  # a full name speaking
        ("Manmohan Singh noted that ties grew.", "Manmohan Singh"),  # at the start of a sentence too
    ],
)
def test_named_but_unregistered_people_are_found(text, who):
    r = make(FULL, text)
    diags = check(r, "people-unregistered")
    assert flagged(r, diags) == [who]


@pytest.mark.parametrize(
    "text",
    [
        "Moreover, Russia and China agreed. However Central Asia remains contested.",  # sentence-initial words
        "Deputy Director General Gp. Capt. (Dr.) Ajey Lele queried about Taiwan.",  # designation, then a registered person
        "Naval exercises in South China Sea and Sea of Japan solidified the perception.",  # places
        "Professor of Ocean Governance, Indian Ocean Island Studies Centre, Port Louis.",  # a designation, not a name
        "The Manohar Parrikar Institute for Defence Studies and Analyses, Director General, spoke.",  # an organisation
        "Prashant Kumar Singh noted this. Singh added that.",  # registered, without honorific
        "New Delhi, Director of the Institute, opened.",  # a place before a designation
        "Sri Lanka argued otherwise; Saudi Arabia said little; the White House stated its view.",  # places speak too
        "The Hindustan Times said so. Later Singh said more. Prashant Kumar Singh noted it.",
        "Van der Berg said little.",  # a capitalised particle (not registered here: no honorific, no finding)
    ],
)
def test_no_false_unregistered_people(text):
    assert check(make(FULL, text), "people-unregistered") == []


def test_unregistered_person_is_reported_once_with_a_suggestion():
    r = make(FULL, "Dr. Prathiba noted that. Later Dr. Prathiba added this.")
    diags = check(r, "people-unregistered")
    assert len(diags) == 1
    assert "did you mean Dr. M.S. Prathibha?" in diags[0].hint


def test_rapporteur_named_by_fields_counts_as_registered():
    r = make(
        FULL, "Ms. Mayuri Banerjee noted this.", extra={"rapporteur": {"honorific": "Ms.", "name": "Mayuri Banerjee"}}
    )
    assert check(r, "people-unregistered") == []


# -- people-unmentioned -------------------------------------------------------------------


def test_a_speaker_never_named_is_found():
    r = make("She observed that ties grew.", lead="The session was moderated by Dr. Prashant Kumar Singh.")
    diags = check(r, "people-unmentioned")
    assert codes(diags) == ["people-unmentioned"]
    assert diags[0].path == "sessions[0].presentations[0].speakers[0]"
    assert "prathibha" in diags[0].message


def test_a_moderator_absent_from_a_written_lead_is_found():
    r = make("Dr. M.S. Prathibha observed that ties grew.", lead="Dr. M.S. Prathibha spoke on the subject.")
    diags = check(r, "people-unmentioned")
    assert [d.path for d in diags] == ["sessions[0].roles[0].people[0]"]


def test_named_people_and_composed_leads_are_not_flagged():
    # everyone named somewhere
    assert check(make(FULL, "Prathibha noted that."), "people-unmentioned") == []
    # no lead written: the composed lead names the moderator, so only the speaker must be named
    assert check(make("Dr. Prathibha noted that."), "people-unmentioned") == []
    # under the Chatham House Rule, nobody need be named
    assert check(make("It was noted that.", event={"chatham_house": True}), "people-unmentioned") == []


def test_givers_of_remarks_and_chairs_of_titled_sessions_are_named_by_the_export():
    remarks = [{"role": "welcome", "by": "lele", "text": "The Deputy Director General welcomed the participants."}]
    r = make(
        "Dr. M.S. Prathibha noted that.",
        lead="Dr. M.S. Prathibha spoke.",
        remarks=remarks,
        moderator=None,
        chair="singh",
        extra={},
    )
    assert [d.path for d in check(r, "people-unmentioned")] == [
        "sessions[0].roles[0].people[0]"
    ]  # a lone untitled session
    r.sessions[0].title = "Session I: Russia and China"
    assert check(r, "people-unmentioned") == []  # the session opens with "chaired by ..."


# -- people-first-mention -----------------------------------------------------------------


def test_first_mention_without_full_name_is_found():
    r = make(
        "Dr. Prathibha noted that. Dr. M.S. Prathibha added.",
        lead="The session was moderated by Dr. Prashant Kumar Singh.",
    )
    diags = check(r, "people-first-mention")
    assert flagged(r, diags) == ["Dr. Prathibha"]
    assert diags[0].hint == "write 'Dr. M.S. Prathibha' here; the short form is for later mentions"


def test_first_mention_bare_surname_is_found():
    r = make(
        "Singh observed that.",
        lead="Dr. M.S. Prathibha spoke.",
        remarks=[{"role": "introductory", "by": "singh", "text": "Singh opened."}],
    )
    diags = check(r, "people-first-mention")
    assert flagged(r, diags) == ["Singh"]


@pytest.mark.parametrize(
    "lead,text",
    [
        (FULL, "Dr. Prathibha noted. Dr. Singh agreed."),
        (FULL, "Dr Prathibha noted."),  # honorific form is another rule
        (
            "Dr. M. S. Prathibha spoke, with Dr. P.K. Singh in the chair.",
            "Dr. Prathibha noted.",
        ),  # initials cover given names
        (None, "Dr. Prathibha noted that."),  # composed lead introduces speakers and moderators
    ],
)
def test_full_first_mentions_are_not_flagged(lead, text):
    assert check(make(text, lead=lead), "people-first-mention") == []


def test_first_mention_follows_the_reading_order_closing_remarks_last():
    remarks = [{"role": "vote-of-thanks", "by": "lele", "text": "Dr. Lele proposed the vote of thanks."}]
    questions = [{"asker": "lele", "text": "Gp. Capt. (Dr.) Ajey Lele asked about Taiwan."}]
    r = make("Dr. Prathibha noted that.", lead=FULL, remarks=remarks, questions=questions)
    assert check(r, "people-first-mention") == []
    r = make("Dr. Prathibha noted that.", lead=FULL, remarks=[{**remarks[0], "role": "welcome"}], questions=questions)
    assert flagged(r, check(r, "people-first-mention")) == ["Dr. Lele"]


def test_two_people_with_one_surname_make_a_short_mention_ambiguous():
    people = [
        {"id": "a", "honorific": "Dr.", "name": "Ravi Singh"},
        {"id": "b", "honorific": "Dr.", "name": "Meera Singh"},
    ]
    r = make(
        "Dr. Ravi Singh and Dr. Meera Singh spoke. Dr. Singh added.", people=people, speakers=["a", "b"], moderator=None
    )
    assert check(r, "people") == []
