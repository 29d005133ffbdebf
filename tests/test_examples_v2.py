"""The examples of schema version 2's forms (issues 12.10, 17.9): each still holds what it was written to show.

That they validate with --final, are clean under `rapporteur check` and are exported is tested over every
example (test_validate, test_checks_cli, test_export_*); here, that an edit has not quietly taken away the
form, role or field an example is there to exercise.
"""

from __future__ import annotations

import pytest

from rapporteur.model import Report
from rapporteur.terms import session_people
from rapporteur.tomlio import read_source

from conftest import EXAMPLES


def example(name: str) -> Report:
    report = Report.model_validate(read_source(EXAMPLES / f"{name}.toml").data)
    assert "fictional" in report.meta.tags and "Fictional example" in (report.meta.notes or "")
    return report


def test_delegation_interaction_under_the_rule_presided_over_by_an_office():
    r = example("delegation-interaction-chatham-house")
    assert r.event.form == "delegation-interaction" and r.event.chatham_house
    presiding = [e for e in r.event.roles if e.role == "presided-over"]
    assert [r.person(pid).name for e in presiding for pid in e.people] == [None]
    assert r.person(presiding[0].people[0]).designation == "Director General"
    (d,) = r.event.delegations
    assert (d.kind, d.country, d.size) == ("delegation", "Estonia", 6) and d.organisation
    assert r.meta.prepared_by_line is False and r.rapporteur is None


def test_round_table_abroad_with_a_visiting_team():
    r = example("roundtable-abroad-visiting-team")
    assert r.event.form == "round-table" and r.event.form_label == "closed-door round table"
    assert r.event.organiser.place == "Colombo"
    (team,) = r.event.delegations
    assert team.kind == "team" and team.country == "India" and r.person(team.leader) is not None
    assert r.implications is None


def test_international_webinar_of_two_sessions():
    r = example("webinar-international-two-sessions")
    assert r.event.form_label == "international webinar"
    assert [len(session_people(s, "chair")) for s in r.sessions] == [1, 1]
    assert all(s.start_time and s.end_time for s in r.sessions)
    assert [(x.role, x.also) for x in r.remarks if x.also] == [("concluding", "vote-of-thanks")]
    assert any(x.by is None and x.by_description for x in r.remarks)


def test_three_day_conference_by_two_organisers():
    r = example("conference-three-day-international")
    assert r.event.form == "conference" and (r.event.end_date - r.event.date).days == 2
    assert [p.relation for p in r.event.partners] == ["joint"]
    assert [e.role for e in r.event.roles] == ["chief-guest"]
    assert {"inaugural", "valedictory"} <= {x.role for x in r.remarks}
    assert len({s.date for s in r.sessions}) == 3
    assert any(len(session_people(s, "co-chair")) == 2 for s in r.sessions)
    qualifiers = {e.qualifier for s in r.sessions for e in s.roles if e.role == "discussant"}
    assert qualifiers == {"internal", "external"}
    assert [p.id for p in r.people if p.participation == "video-link"] == ["okonkwo-lindqvist"]


def test_book_release_with_a_guest_of_honour():
    r = example("book-release-guest-of-honour")
    assert [e.role for e in r.event.roles] == ["guest-of-honour"]
    assert [(x.label, x.text) for x in r.remarks if x.role == "other"] == [("Book release", None)]
    assert r.event.series and r.event.edition == 23 and r.meta.report_number


@pytest.mark.parametrize(
    "name",
    [
        "delegation-interaction-chatham-house",
        "roundtable-abroad-visiting-team",
        "webinar-international-two-sessions",
        "conference-three-day-international",
        "book-release-guest-of-honour",
    ],
)
def test_each_is_exported_beside_its_source(name):
    assert (EXAMPLES / f"{name}.docx").exists() and (EXAMPLES / f"{name}.md").exists()
