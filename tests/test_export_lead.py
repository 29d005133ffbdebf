"""The lead paragraph composed from the event details, in the seed's form."""

from __future__ import annotations

import datetime as dt

from test_export_text import seed_report

from rapporteur import model as m
from rapporteur.export.lead import compose_lead

from conftest import SEED_TEXT, flat


def flat_lead(report: m.Report) -> str:
    """The composed lead with no-break spaces as plain spaces."""
    return flat(compose_lead(report))


def without_lead(report: m.Report, **event) -> m.Report:
    return report.model_copy(update={"lead": None, "event": report.event.model_copy(update=event)})


def test_the_composed_lead_is_the_seeds_lead_with_the_year():
    seed_lead = SEED_TEXT.read_text(encoding="utf-8").splitlines()[0]
    assert flat_lead(without_lead(seed_report())) == seed_lead.replace("held on 24 June.", "held on 24 June 2024.")


def test_chaired_by_where_the_session_has_a_chair():
    report = without_lead(seed_report())
    s = report.sessions[0].model_copy(update={"roles": [m.Appearance(role="chair", people=["lele"])]})
    lead = flat_lead(report.model_copy(update={"sessions": [s]}))
    assert "The session was chaired by Gp. Capt. (Dr.) Ajey Lele, Deputy Director General, MP-IDSA." in lead
    # chair first, as version 1 printed them, whichever role the file gives first
    both = report.sessions[0].model_copy(
        update={"roles": [*report.sessions[0].roles, m.Appearance(role="chair", people=["lele"])]}
    )
    lead = flat_lead(report.model_copy(update={"sessions": [both]}))
    assert (
        "was chaired by Gp. Capt. (Dr.) Ajey Lele, Deputy Director General, MP-IDSA and moderated by Dr. Prashant Kumar Singh"
        in lead
    )


def test_without_a_series_the_organiser_is_named():
    lead = flat_lead(without_lead(seed_report(), series=None))
    assert lead.startswith(
        "Dr. M.S. Prathibha, Associate Fellow, Manohar Parrikar Institute for Defence Studies and Analyses (MP-IDSA) spoke on"
    )
    assert "at a talk organised by MP-IDSA on 24 June 2024." in lead


def test_an_online_event_says_so():
    assert "held online on 24 June 2024" in flat_lead(without_lead(seed_report(), mode="online"))


def test_named_attendees_are_present():
    lead = flat_lead(without_lead(seed_report(), attendees=["lele"]))
    assert (
        "Gp. Capt. (Dr.) Ajey Lele, Deputy Director General, MP-IDSA was also present. MP-IDSA scholars attended the meeting."
        in lead
    )


def test_several_sessions_open_with_the_organiser():
    report = without_lead(seed_report())
    second = m.Session(
        title="Session II: Outlook",
        roles=[m.Appearance(role="chair", people=["lele"])],
        presentations=[m.Presentation(speakers=["singh"])],
    )
    lead = flat_lead(report.model_copy(update={"sessions": [*report.sessions, second]}))
    assert lead.startswith(
        "The Manohar Parrikar Institute for Defence Studies and Analyses (MP-IDSA) organised a talk on “China-Russia Relationship: "
        "A Greater Alignment?” on 24 June 2024 as part of the Monday Morning Meeting."
    )
    assert "chaired" not in lead and "moderated" not in lead  # the sessions introduce their chairs


def test_under_the_chatham_house_rule_nobody_is_named():
    report = without_lead(seed_report(), chatham_house=True, attendees=["lele"])
    lead = flat_lead(report)
    assert "The discussion was held under the Chatham House Rule." in lead
    for p in report.people:
        assert p.name not in lead
        assert p.name.split()[-1] not in lead


def test_a_draft_with_gaps_still_gets_a_lead():
    report = m.Report(
        meta=m.Meta(schema_version=2),
        event=m.Event(
            title="T", form="round-table", date=dt.date(2024, 1, 2), organiser=m.Organiser(name="Foo Centre")
        ),
        sessions=[m.Session(presentations=[m.Presentation(speakers=["nobody"])])],
    )
    assert flat_lead(report) == "The Foo Centre organised a round table on “T” on 2 January 2024."
