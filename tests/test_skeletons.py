"""`rapporteur new`: every form's skeleton is a valid draft whose to-dos walk the user through it."""

from __future__ import annotations

import datetime as dt

import pytest

from rapporteur import model as m
from rapporteur import tomlio, tomlwrite, validate
from rapporteur.config import UserConfig
from rapporteur.skeletons import skeleton, skeleton_data, skeleton_from_config
from rapporteur.terms import session_people

from conftest import run_cli

TODAY = dt.date(2026, 3, 2)


@pytest.mark.parametrize("form", m.FORMS)
def test_every_form_is_a_structurally_valid_draft_with_todos(form):
    report = skeleton(form, today=TODAY)
    assert report.meta.status == "draft"
    assert report.event.form == form
    assert report.event.date == TODAY
    assert validate.validate_report(report) == []  # no structural error
    todos = validate.check_completeness(report)
    assert todos, "an empty skeleton must have things left to write"
    assert all(d.code == "incomplete" for d in todos)
    # and it survives the canonical round trip unchanged
    text = tomlwrite.dumps(report)
    again, diags = validate.parse_report(tomlio.parse_text(text, "x")[0])
    assert diags == [] and again == report


def test_talk_is_one_session_with_one_presentation():
    r = skeleton("talk", today=TODAY)
    assert len(r.sessions) == 1 and len(r.sessions[0].presentations) == 1
    assert (
        session_people(r.sessions[0], "moderator") == ["moderator"]
        and r.discussion is not None
        and r.implications is not None
    )


def test_panel_has_several_presentations_in_one_session():
    r = skeleton("panel-discussion", today=TODAY)
    assert len(r.sessions) == 1 and len(r.sessions[0].presentations) >= 2
    # issue 13.2: a panel's lead says "chaired by": the skeleton fills Chair, not Moderator
    assert [(x.role, x.people) for x in r.sessions[0].roles] == [("chair", ["chair"])]
    assert r.remarks[0].by == "chair"


@pytest.mark.parametrize("form", ["webinar", "conference"])
def test_webinar_and_conference_shape(form):
    r = skeleton(form, today=TODAY)
    roles = [x.role for x in r.remarks]
    closing = ["valedictory", "vote-of-thanks"] if form == "conference" else ["concluding", "vote-of-thanks"]
    assert roles[0] == "welcome" and "keynote" in roles and roles[-2:] == closing
    assert len(r.sessions) == 2 and all(session_people(s, "chair") for s in r.sessions)


def test_a_conference_has_a_chief_guest_who_delivers_the_inaugural_address():
    r = skeleton("conference", today=TODAY)
    assert [(x.role, x.people) for x in r.event.roles] == [("chief-guest", ["chief-guest"])]
    assert [x.by for x in r.remarks if x.role == "inaugural"] == ["chief-guest"]
    assert skeleton("webinar", today=TODAY).event.roles == []


@pytest.mark.parametrize("form", ["round-table", "delegation-interaction"])
def test_unattributed_forms_have_issues_and_no_presentation(form):
    r = skeleton(form, today=TODAY)
    assert r.event.chatham_house is True
    # the discussion is one session, chaired or presided over, with no presentation
    assert [s.presentations for s in r.sessions] == [[]]
    assert [x.role for x in r.sessions[0].roles] == ["chair" if form == "round-table" else "presided-over"]
    if form == "delegation-interaction":
        assert r.event.delegations[0].leader == "head-of-delegation"
    assert r.discussion is not None and r.discussion.issues_raised
    assert r.implications is None  # not every audience is India


def test_prefilled_from_config():
    cfg = UserConfig(
        path=None,  # type: ignore[arg-type]
        data={
            "rapporteur": {
                "honorific": "Ms.",
                "name": "Mayuri Banerjee",
                "designation": "Research Analyst",
                "centre": "East Asia Centre",
                "place": "New Delhi",
            },
            "organiser": {
                "name": "Manohar Parrikar Institute for Defence Studies and Analyses",
                "short_name": "MP-IDSA",
            },
        },
    )
    r = skeleton_from_config("talk", cfg, today=TODAY)
    assert r.rapporteur.name == "Mayuri Banerjee" and r.rapporteur.honorific == "Ms."
    assert r.rapporteur.organisation == "MP-IDSA"  # from the organiser when not given
    assert r.event.organiser.short_name == "MP-IDSA"
    # the rapporteur line is then complete: no to-do about it
    assert not [d for d in validate.check_completeness(r) if d.path == "rapporteur"]


def test_unknown_form_is_refused():
    with pytest.raises(ValueError):
        skeleton_data("lecture")


def test_new_command_writes_a_valid_draft(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text('[rapporteur]\nname = "A. Writer"\n[organiser]\nname = "Institute"\n', encoding="utf-8")
    target = tmp_path / "r.toml"
    res = run_cli("new", str(target), "--form", "panel", "--no-edit", env={"RAPPORTEUR_CONFIG": str(cfg)})
    assert res.returncode == 0, res.stderr
    assert 'form = "panel-discussion"' in target.read_text()
    assert 'name = "A. Writer"' in target.read_text()
    assert run_cli("validate", str(target)).returncode == 0
    # refuses to overwrite, says how
    again = run_cli("new", str(target), "--no-edit")
    assert again.returncode == 2 and "already exists" in again.stderr
    assert run_cli("new", str(target), "--no-edit", "--force").returncode == 0


def test_edit_needs_an_existing_valid_toml_file(tmp_path):
    res = run_cli("edit", str(tmp_path / "missing.toml"))
    assert res.returncode == 2 and "rapporteur new" in res.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text('[event]\ntitle = "x\n', encoding="utf-8")
    res = run_cli(str(bad))
    assert res.returncode == 1 and "bad.toml:2" in res.stderr
