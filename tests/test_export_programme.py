"""Issues 12.6, 12.7 and 17: the export's wording for every form, role, day, partner and number.

Each test exports a report written for the point (Markdown, or DOCX read back with python-docx)
and asserts the words a reader sees.
"""

from __future__ import annotations

import io
import tomllib
from pathlib import Path

import docx as python_docx
import pytest

from rapporteur.export.markdown import to_markdown
from rapporteur.export.programme import role_sentence, roles_markdown
from rapporteur.export.text import PrintStyle
from rapporteur.terms import ROLES
from rapporteur.validate import parse_report

NBSP, EN_DASH = "\u00a0", "\u2013"
ROOT = Path(__file__).resolve().parent.parent

HEAD = """
[meta]
schema_version = 2
status = "draft"
{meta}

[event]
title = "{title}"
form = "{form}"
date = 2024-06-24
mode = "in-person"
venue = "Conference Room, New Delhi"
chatham_house = {chatham}
{event}

[event.organiser]
name = "Samudra Institute for Maritime Affairs"
short_name = "SIMA"
place = "New Delhi"

[[people]]
id = "rao"
honorific = "Dr."
name = "Kiran Rao"
designation = "Director"
affiliation = "SIMA"

[[people]]
id = "sen"
honorific = "Dr."
name = "Mitra Sen"
designation = "Research Fellow"
affiliation = "SIMA"

[[people]]
id = "iyer"
honorific = "Prof."
name = "Lata Iyer"
designation = "Professor"
affiliation = "Coastal University"

[[people]]
id = "dg"
designation = "Director General"
affiliation = "SIMA"

[[people]]
id = "wang"
honorific = "Dr."
name = "Wang Lei"
designation = "Vice President"
affiliation = "Institute of Ocean Studies"
"""


def report_text(
    rest: str = "",
    *,
    form: str = "talk",
    title: str = "Ports and Power",
    chatham: bool = False,
    event: str = "",
    meta: str = "",
) -> str:
    head = HEAD.format(form=form, title=title, chatham=str(chatham).lower(), event=event, meta=meta)
    return head + rest


def report_of(text: str):
    report, diags = parse_report(tomllib.loads(text))
    assert report is not None, diags
    return report


def md(text: str, layout: str = "narrative", style: PrintStyle | None = None) -> str:
    out = to_markdown(report_of(text), layout, style=style or PrintStyle())
    return out.replace(NBSP, " ")


def docx_text(tmp_path: Path, cli, text: str, house: str = "") -> list[str]:
    (tmp_path / "r.toml").write_text(text, encoding="utf-8")
    if house:
        (tmp_path / "rapporteur.toml").write_text(house, encoding="utf-8")
    code, _, err = cli("export", "-q", "--no-embed-source", "-o", str(tmp_path / "r.docx"), str(tmp_path / "r.toml"))
    assert code == 0, err
    d = python_docx.Document(io.BytesIO((tmp_path / "r.docx").read_bytes()))
    return [p.text.replace(NBSP, " ") for p in d.paragraphs]


TALK = """
[[sessions]]
[[sessions.presentations]]
speakers = ["sen"]
[[sessions.presentations.sections]]
text = "The speaker described the ports of the region."
"""

# -- every role of terms.ROLES, its exact words ---------------------------------------------------

EXPECTED = {
    ("chief-guest", "event"): ("X was the Chief Guest.", "X and Y were the Chief Guests."),
    ("guest-of-honour", "event"): ("X was the Guest of Honour.", "X and Y were the Guests of Honour."),
    ("presided-over", "event"): ("The event was presided over by X.", "The event was presided over by X and Y."),
    ("presided-over", "session"): ("The session was presided over by X.", "The session was presided over by X and Y."),
    ("welcome", "address"): ("X delivered the welcome remarks.", "X and Y delivered the welcome remarks."),
    ("opening", "address"): ("X delivered the opening remarks.", "X and Y delivered the opening remarks."),
    ("introductory", "address"): (
        "X delivered the introductory remarks.",
        "X and Y delivered the introductory remarks.",
    ),
    ("inaugural", "address"): ("X delivered the inaugural address.", "X and Y delivered the inaugural address."),
    ("theme", "address"): ("X delivered the theme address.", "X and Y delivered the theme address."),
    ("special", "address"): ("X delivered a special address.", "X and Y delivered a special address."),
    ("keynote", "address"): ("X delivered the keynote address.", "X and Y delivered the keynote address."),
    ("valedictory", "address"): ("X delivered the valedictory address.", "X and Y delivered the valedictory address."),
    ("concluding", "address"): ("X delivered the concluding remarks.", "X and Y delivered the concluding remarks."),
    ("vote-of-thanks", "address"): ("X proposed the vote of thanks.", "X and Y proposed the vote of thanks."),
    ("chair", "session"): ("The session was chaired by X.", "The session was chaired by X and Y."),
    ("co-chair", "session"): ("The session was co-chaired by X.", "The session was co-chaired by X and Y."),
    ("moderator", "session"): ("The session was moderated by X.", "The session was moderated by X and Y."),
    ("co-moderator", "session"): ("The session was co-moderated by X.", "The session was co-moderated by X and Y."),
    ("facilitator", "session"): ("The session was facilitated by X.", "The session was facilitated by X and Y."),
    ("discussant", "session"): ("The discussant was X.", "The discussants were X and Y."),
    ("commentator", "session"): ("The commentator was X.", "The commentators were X and Y."),
    ("other", "event"): ("X was the Special Guest.", "X and Y were the Special Guests."),
    ("other", "session"): ("X was the Rapporteur.", "X and Y were the Rapporteurs."),
    ("other", "address"): ("The lamp lighting was led by X.", "The lamp lighting was led by X and Y."),
}
LABELS = {"event": "Special Guest", "session": "Rapporteur", "address": "Lamp lighting"}


def test_every_role_has_a_sentence():
    held = {(role, kind) for role, words in ROLES.items() for kind in words.kinds}
    assert held == set(EXPECTED)


@pytest.mark.parametrize(("role", "kind"), sorted(EXPECTED))
def test_the_sentence_of_each_role(role, kind):
    label = LABELS[kind] if role == "other" else None
    one, two = EXPECTED[(role, kind)]
    assert role_sentence(role, ["X"], kind=kind, label=label) == one
    assert role_sentence(role, ["X", "Y"], kind=kind, label=label) == two


def test_docs_roles_md_is_generated_from_the_table():
    doc = (ROOT / "docs" / "roles.md").read_text(encoding="utf-8")
    assert doc == roles_markdown(), "docs/roles.md is stale: write roles_markdown() to it"
    assert "| `guest-of-honour` | Guest of Honour | event | X was the Guest of Honour." in doc


# -- 12.6 a composed lead per form -----------------------------------------------------------------


def test_a_delegation_interaction_lead():
    text = report_text(
        """
[[event.delegations]]
organisation = "Institute of Ocean Studies"
country = "Viet Nam"
size = 6
leader = "wang"

[[event.roles]]
role = "presided-over"
people = ["rao"]
""",
        form="delegation-interaction",
        title="Maritime Cooperation in the South China Sea",
    )
    out = md(text)
    assert (
        "A delegation of six members from the Institute of Ocean Studies, Viet Nam, led by Dr. Wang Lei, Vice"
        " President, Institute of Ocean Studies, visited the Samudra Institute for Maritime Affairs (SIMA) on"
        " 24 June 2024 for an interaction on “Maritime Cooperation in the South China Sea”. The interaction was"
        " presided over by Dr. Kiran Rao, Director, SIMA." in out
    )


def test_a_delegation_with_its_country_and_no_leader_named_keeps_the_apposition_closed():
    """Under the Rule the leader is not named: "from the X, Estonia, visited", never "Estonia visited";
    a size up to ten is printed in words."""
    text = report_text(
        """
[[event.delegations]]
organisation = "Tallinn Centre for Maritime Studies"
country = "Estonia"
size = 12
""",
        form="delegation-interaction",
        chatham=True,
    )
    out = md(text)
    assert "A delegation of 12 members from the Tallinn Centre for Maritime Studies, Estonia, visited the" in out


def test_a_delegation_presided_over_by_an_office_under_the_chatham_house_rule():
    text = report_text(
        """
[[event.delegations]]
kind = "delegation"
organisation = "Institute of Ocean Studies"
size = 6
leader = "wang"

[[event.roles]]
role = "presided-over"
people = ["dg"]
""",
        form="delegation-interaction",
        chatham=True,
    )
    out = md(text)
    assert "A delegation of six members from the Institute of Ocean Studies visited the Samudra Institute" in out
    assert "The interaction was presided over by the Director General, SIMA." in out
    assert "Wang" not in out and "None" not in out


def test_a_round_table_with_a_visiting_team_never_speaks_on_its_title():
    text = report_text(
        TALK
        + """
[[event.delegations]]
kind = "team"
organisation = "Coastal University"
size = 4
leader = "iyer"
""",
        form="round-table",
        title="Round table with a team from Coastal University",
    )
    out = md(text)
    assert "spoke on “Round table" not in out
    assert "organised a round table on “Round table with a team from Coastal University” on 24 June 2024." in out
    assert "A team of four members from Coastal University, led by Prof. Lata Iyer" in out
    assert "Coastal University, took part." in out
    assert "Dr. Mitra Sen, Research Fellow, SIMA was the speaker." in out  # the lead did not name her


def test_a_panel_whose_speakers_had_their_own_titles():
    text = report_text(
        """
[[sessions]]
roles = [{ role = "chair", people = ["rao"] }]
[[sessions.presentations]]
speakers = ["sen"]
title = "Ports"
[[sessions.presentations.sections]]
text = "Ports matter."
[[sessions.presentations]]
speakers = ["iyer"]
title = "Fisheries"
[[sessions.presentations.sections]]
text = "Fish matter."
""",
        form="panel-discussion",
        title="The Blue Economy",
    )
    out = md(text)
    assert "spoke on “The Blue Economy”" not in out
    assert "SIMA organised a panel discussion on “The Blue Economy” on 24 June 2024." in out.replace(
        "The Samudra Institute for Maritime Affairs (SIMA)", "SIMA"
    )
    assert "Dr. Mitra Sen, Research Fellow" in out and "spoke on “Ports”." in out
    assert "Prof. Lata Iyer, Professor, Coastal University spoke on “Fisheries”." in out


def test_a_multi_session_webinar_with_a_form_label():
    sessions = "".join(
        f"""
[[sessions]]
title = "Session {n}: {t}"
roles = [{{ role = "moderator", people = ["rao"] }}]
[[sessions.presentations]]
speakers = ["{s}"]
[[sessions.presentations.sections]]
text = "Said things."
"""
        for n, t, s in (("I", "Ports", "sen"), ("II", "Fish", "iyer"))
    )
    text = report_text(sessions, form="webinar", event='form_label = "international webinar"')
    out = md(text)
    assert "organised an international webinar on “Ports and Power” on 24 June 2024." in out
    assert "The first session, on “Ports”, was moderated by Dr. Kiran Rao" in out


def test_a_talk_takes_the_verb_from_the_report_or_the_house(tmp_path, cli):
    out = md(report_text(TALK, event='lead_verb = "delivered a talk on"'))
    assert "Dr. Mitra Sen, Research Fellow, Samudra Institute for Maritime Affairs (SIMA) delivered a talk on" in out
    paras = docx_text(tmp_path, cli, report_text(TALK), '[house]\nlead_verb = "made a presentation on"\n')
    assert any("(SIMA) made a presentation on “Ports and Power”" in p for p in paras)


def test_partners_joint_collaboration_support():
    partners = """
[[event.partners]]
name = "Ocean Policy Foundation"
short_name = "OPF"
relation = "{relation}"
"""
    joint = md(report_text(partners.format(relation="joint"), form="seminar"))
    assert (
        "The Samudra Institute for Maritime Affairs (SIMA) and the Ocean Policy Foundation (OPF) jointly organised a seminar"
        in joint
    )
    collab = md(report_text(partners.format(relation="collaboration") + TALK))
    assert (
        "at a talk organised by SIMA in collaboration with the Ocean Policy Foundation (OPF) on 24 June 2024." in collab
    )
    support = md(report_text(partners.format(relation="support"), form="seminar"))
    assert "on 24 June 2024 with the support of the Ocean Policy Foundation (OPF)." in support


def test_the_series_edition_reads_with_the_series():
    out = md(report_text(TALK, event='series = "Monday Morning Meeting"\nedition = 10'))
    assert "at the 10th edition of the Monday Morning Meeting held on 24 June 2024." in out


# -- 17.1 dates --------------------------------------------------------------------------------


def test_a_three_day_conference_groups_sessions_by_day(tmp_path, cli):
    sessions = "".join(
        f"""
[[sessions]]
title = "Session {n}"
date = 2021-03-{day}
start_time = 10:00:00
end_time = 11:30:00
roles = [{{ role = "chair", people = ["rao"] }}]
"""
        for n, day in (("I", 24), ("II", 24), ("III", 26))
    )
    text = report_text(sessions, form="conference", event="end_date = 2021-03-26").replace(
        "date = 2024-06-24", "date = 2021-03-24"
    )
    out = md(text)
    assert f"on 24{EN_DASH}26 March 2021." in out
    assert "\n# Day 1: 24 March 2021\n" in out and "\n# Day 2: 26 March 2021\n" in out
    assert out.index("Day 1") < out.index("second session") < out.index("Day 2") < out.index("third session")
    assert f"The first session (1000{EN_DASH}1130 hrs) was chaired by" in out
    sectioned = md(text, "sectioned")
    assert f"\n## Session I (1000{EN_DASH}1130 hrs)\n" in sectioned
    paras = docx_text(tmp_path, cli, text)
    assert "Day 2: 26 March 2021" in paras


def test_date_ranges_across_months_and_years():
    from datetime import date

    from rapporteur.export.text import format_date_range

    assert format_date_range(date(2021, 3, 30), date(2021, 4, 1)) == f"30{NBSP}March {EN_DASH} 1{NBSP}April 2021"
    assert format_date_range(date(2020, 12, 30), date(2021, 1, 2)) == (
        f"30{NBSP}December 2020 {EN_DASH} 2{NBSP}January 2021"
    )
    assert format_date_range(date(2021, 3, 24), date(2021, 3, 26), "month-day-year") == (
        f"March{NBSP}24{EN_DASH}26, 2021"
    )


# -- 17.3, 17.4, 17.7 roles in the body --------------------------------------------------------------


def test_session_roles_co_chairs_discussants_commentators_and_a_label():
    text = report_text(
        """
[[sessions]]
title = "Session I: Ports"
[[sessions.roles]]
role = "co-chair"
people = ["rao", "sen"]
[[sessions.roles]]
role = "discussant"
people = ["iyer"]
qualifier = "internal"
[[sessions.roles]]
role = "discussant"
people = ["wang"]
qualifier = "external"
[[sessions.roles]]
role = "commentator"
people = ["dg"]
text = "The Director General commented that ports were changing."
[[sessions.roles]]
role = "other"
label = "Rapporteur"
people = ["sen"]

[[sessions]]
title = "Session II: A free discussion"
roles = [{ role = "facilitator", people = ["iyer"] }]
""",
        form="conference",
    )
    out = md(text)
    assert "The first session, on “Ports”, was co-chaired by Dr. Kiran Rao" in out
    assert "; and Dr. Mitra Sen, Research Fellow, SIMA." in out
    # items holding commas are joined with semicolons (issue 12.6)
    assert "The discussants were Prof. Lata Iyer, Professor, Coastal University (internal); and Dr. Wang Lei" in out
    assert "Institute of Ocean Studies (external)." in out
    assert "The commentator was the Director General, SIMA." in out
    assert "The Director General commented that ports were changing." in out
    assert "Dr. Mitra Sen was the Rapporteur." in out
    assert "The second session, on “A free discussion”, was facilitated by Prof. Lata Iyer." in out
    assert "spoke on" not in out and "also present" not in out and "None" not in out


def test_event_roles_and_addresses():
    text = report_text(
        """
[[event.roles]]
role = "chief-guest"
people = ["iyer"]
[[event.roles]]
role = "guest-of-honour"
people = ["wang"]

[[people]]
id = "minister"
honorific = "Shri"
name = "Arun Mehta"
designation = "Minister of State"

[[people]]
id = "video"
honorific = "Dr."
name = "Asha Pillai"
participation = "video-link"

[[remarks]]
role = "other"
label = "Lamp lighting"
by = "iyer"

[[remarks]]
role = "inaugural"
by = "rao"
on_behalf_of = "minister"
text = "The message stressed ports."

[[remarks]]
role = "special"
by_description = "a senior official of the Ministry"
text = "The official spoke of fisheries."

[[remarks]]
role = "keynote"
by = "video"
text = "The keynote covered cables."

[[remarks]]
role = "concluding"
also = "vote-of-thanks"
by = "sen"
text = "The conference closed."
""",
        form="conference",
        event='attendees = ["iyer"]',
    )
    out = md(text)
    assert "Prof. Lata Iyer, Professor, Coastal University was the Chief Guest." in out
    assert "Dr. Wang Lei, Vice President, Institute of Ocean Studies was the Guest of Honour." in out
    assert "The lamp lighting was led by Prof. Lata Iyer." in out
    assert (
        "Dr. Kiran Rao, Director, SIMA read out the inaugural address of Shri Arun Mehta, Minister of State,"
        " who could not attend." in out
    )
    assert "A senior official of the Ministry delivered a special address. The official spoke" in out
    assert "Dr. Asha Pillai delivered the keynote address by video link." in out
    assert (
        "Dr. Mitra Sen, Research Fellow, SIMA delivered the concluding remarks and proposed the vote of thanks." in out
    )
    assert "also present" not in out  # the chief guest took part
    sectioned = md(text, "sectioned")
    assert "\n# Concluding remarks and vote of thanks\n" in sectioned


def test_a_person_known_by_office_is_printed_by_office_never_none():
    text = report_text(
        """
[[remarks]]
role = "welcome"
by = "dg"
text = "Ports were welcomed."

[[sessions]]
[[sessions.presentations]]
speakers = ["dg"]
title = "Ports"
[[sessions.presentations.sections]]
text = "Things were said."
[[sessions.presentations]]
speakers = ["sen"]
[[sessions.presentations.sections]]
text = "More was said."
""",
        form="panel-discussion",
    )
    for layout in ("narrative", "sectioned"):
        out = md(text, layout)
        assert "None" not in out
    assert "The Director General, SIMA delivered the welcome remarks." in md(text)
    assert "\n## Ports — The Director General\n" in md(text, "sectioned")


# -- 12.7 headings and attendance ------------------------------------------------------------------

HEADINGS = """
[summary]
text = "A summary."

[[sessions]]
[[sessions.presentations]]
speakers = ["sen"]
[[sessions.presentations.sections]]
text = "Dr. Sen said things."

[headings]
summary = "Executive Summary"
sessions = "Detailed Report"
attendance = "Participants"

[attendance]
text = "Scholars of SIMA attended."

[[event.delegations]]
organisation = "Institute of Ocean Studies"
leader = "wang"
members = ["iyer"]
"""


def test_custom_headings_and_the_attendance_section_in_both_layouts(tmp_path, cli):
    for layout in ("narrative", "sectioned"):
        out = md(report_text(HEADINGS), layout)
        assert "\n# Executive Summary\n" in out and "\n# Detailed Report\n" in out
        assert "\n# Presentation\n" not in out  # the custom heading heads the lone session
        assert "\n# Participants\n\nScholars of SIMA attended.\n" in out
        assert (
            "The delegation from the Institute of Ocean Studies comprised Dr. Wang Lei (leader) and Prof. Lata Iyer,"
            in out
        )
    paras = docx_text(tmp_path, cli, report_text(HEADINGS))
    assert "Detailed Report" in paras and "Participants" in paras


def test_no_name_printed_twice_under_a_speaker_heading():
    text = report_text(
        """
[[sessions]]
[[sessions.presentations]]
speakers = ["sen"]
[[sessions.presentations.sections]]
text = "Ports grew."
[[sessions.presentations]]
speakers = ["iyer"]
[[sessions.presentations.sections]]
text = "Fish shrank."
""",
        form="panel-discussion",
    )
    out = md(text, "sectioned")
    assert "\n## Dr. Mitra Sen\n\nPorts grew." in out
    assert "spoke first" not in out


# -- 17.6 the report number ----------------------------------------------------------------------


def test_the_report_number_under_the_title_in_the_header_or_nowhere(tmp_path, cli):
    text = report_text(TALK, meta='report_number = "IB-2024-17"')
    assert "\nIB-2024-17\n" in md(text)
    paras = docx_text(tmp_path, cli, text)
    assert paras[1] == "IB-2024-17"
    paras = docx_text(tmp_path, cli, text, '[house]\nreport_number = "header"\n')
    assert "IB-2024-17" not in paras
    d = python_docx.Document(io.BytesIO((tmp_path / "r.docx").read_bytes()))
    assert any("IB-2024-17" in p.text for s in d.sections for p in s.header.paragraphs)
    paras = docx_text(tmp_path, cli, text, '[house]\nreport_number = "none"\n')
    assert "IB-2024-17" not in " ".join(paras)


def test_export_carries_judges_a_session_title_by_its_words_after_the_label(tmp_path, cli):
    sessions = "".join(
        f"""
[[sessions]]
title = "Session {n}: {t}"
roles = [{{ role = "chair", people = ["rao"] }}]
"""
        for n, t in (("I", "Ports of the North"), ("II", "Fish of the South"))
    )
    (tmp_path / "r.toml").write_text(report_text(sessions, form="seminar"), encoding="utf-8")
    code, out, err = cli("export", "-o", str(tmp_path / "r.docx"), str(tmp_path / "r.toml"))
    assert code == 0, err
    assert "sessions[0].title" not in out + err and "sessions[1].title" not in out + err


def test_participation_sides_and_the_organisers_place():
    text = report_text(
        TALK
        + """
[[event.delegations]]
kind = "side"
organisation = "Vietnamese"
leader = "wang"

[[people]]
id = "absent"
honorific = "Dr."
name = "Ravi Menon"
participation = "absent"
""",
        event='attendees = ["absent", "iyer"]\nseries = "Monday Morning Meeting"\nedition = 23',
    ).replace('[[people]]\nid = "sen"', '[[people]]\nid = "sen"\nparticipation = "video-link"', 1)
    text = text.replace('venue = "Conference Room, New Delhi"\n', "")
    out = md(text)
    assert (
        "Dr. Mitra Sen, Research Fellow, Samudra Institute for Maritime Affairs (SIMA) (by video link) spoke on" in out
    )
    assert "at the 23rd edition of the Monday Morning Meeting held on 24 June 2024." in out
    assert "The Vietnamese side was led by Dr. Wang Lei, Vice President, Institute of Ocean Studies." in out
    assert "Prof. Lata Iyer, Professor, Coastal University was also present." in out
    assert "Dr. Ravi Menon was invited but could not attend." in out
    assert 'subtitle: "23rd edition of the Monday Morning Meeting | New Delhi"' in out  # the organiser's place


def test_a_name_ending_in_a_full_stop_does_not_capitalise_the_verb():
    text = report_text(TALK).replace(
        'affiliation = "SIMA"\n\n[[people]]\nid = "iyer"', 'affiliation = "Ports Ltd."\n\n[[people]]\nid = "iyer"'
    )
    out = md(text)
    assert "Ports Ltd. spoke on “Ports and Power”" in out


def test_a_heading_naming_its_speaker_still_maps_its_title_back_to_the_field():
    from rapporteur.review.origins import origins

    text = report_text(
        """
[[sessions]]
[[sessions.presentations]]
speakers = ["sen"]
title = "Ports"
[[sessions.presentations.sections]]
text = "Ports grew."
[[sessions.presentations]]
speakers = ["iyer"]
title = "Fish"
[[sessions.presentations.sections]]
text = "Fish shrank."
""",
        form="panel-discussion",
    )
    blocks = origins(report_of(text), tomllib.loads(text), "sectioned")
    heading = next(b for b in blocks if b.kind == "heading" and b.text.startswith("Ports"))
    assert heading.text == "Ports \u2014 Dr.\u00a0Mitra Sen"
    assert [(s.text, s.path) for s in heading.fields()] == [("Ports", "sessions[0].presentations[0].title")]


def test_a_ceremony_nobody_is_named_for_is_still_printed():
    text = report_text(TALK + '\n[[remarks]]\nrole = "other"\nlabel = "Book release"\n')
    assert "The book release was held." in md(text)
