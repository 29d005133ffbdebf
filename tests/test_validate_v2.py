"""`rapporteur validate --final` on the parts schema version 2 added (issues 12 and 17)."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from rapporteur import tomlwrite

BASE: dict = {
    "meta": {"schema_version": 2, "status": "final"},
    "event": {
        "title": "Ports and Power",
        "form": "conference",
        "date": dt.date(2024, 3, 24),
        "organiser": {"name": "Sagar Institute of Maritime Affairs", "short_name": "SIMA", "place": "Kochi"},
    },
    "people": [
        {"id": "rao", "honorific": "Dr.", "name": "Anita Rao", "designation": "Senior Fellow"},
        {"id": "menon", "honorific": "Amb.", "name": "K. Menon", "designation": "Director General"},
    ],
    "remarks": [{"role": "welcome", "by": "menon", "text": "Amb. Menon welcomed the participants."}],
    "sessions": [
        {
            "roles": [{"role": "chair", "people": ["menon"]}],
            "presentations": [{"speakers": ["rao"], "sections": [{"text": "Dr. Rao said ports shape power."}]}],
        }
    ],
    "rapporteur": {"name": "Mayuri Banerjee"},
}


def validate(cli, tmp_path, change=None, house: str | None = None) -> tuple[int, list[dict]]:
    data = copy.deepcopy(BASE)
    if change:
        change(data)
    f = tmp_path / "report.toml"
    f.write_text(tomlwrite.dumps_data(data), encoding="utf-8")
    if house is not None:
        (tmp_path / "rapporteur.toml").write_text(f"[house]\n{house}\n", encoding="utf-8")
    code, out, _ = cli("validate", "--final", "--format", "json", str(f))
    return code, json.loads(out)["problems"]


def found(problems: list[dict]) -> list[tuple[str, str]]:
    return [(p["path"], p["message"]) for p in problems]


def test_the_base_report_is_final(cli, tmp_path):
    assert validate(cli, tmp_path) == (0, [])


@pytest.mark.parametrize(
    "path,change",
    [
        ("sessions[0].roles[0].people[0]", lambda d: d["sessions"][0]["roles"][0].update(people=["ghost"])),
        ("event.roles[0].people[0]", lambda d: d["event"].update(roles=[{"role": "chief-guest", "people": ["ghost"]}])),
        ("event.delegations[0].leader", lambda d: d["event"].update(delegations=[{"leader": "ghost"}])),
        ("event.delegations[0].members[1]", lambda d: d["event"].update(delegations=[{"members": ["rao", "ghost"]}])),
        ("remarks[0].on_behalf_of", lambda d: d["remarks"][0].update(on_behalf_of="ghost")),
    ],
)
def test_every_new_person_field_is_a_checked_reference(cli, tmp_path, path, change):
    code, problems = validate(cli, tmp_path, change)
    assert code == 1
    assert found(problems) == [(path, "unknown person 'ghost'")]
    assert "known ids: rao, menon" in problems[0]["hint"]


def test_a_person_known_by_office_alone_is_complete_and_one_with_neither_is_not(cli, tmp_path):
    def by_office(d):
        d["people"][1].pop("name")

    assert validate(cli, tmp_path, by_office) == (0, [])

    def neither(d):
        d["people"][1].pop("name")
        d["people"][1].pop("designation")

    code, problems = validate(cli, tmp_path, neither)
    assert code == 1 and len(problems) == 1
    assert problems[0]["path"] == "people[1].name" and "needs a name or a designation" in problems[0]["message"]


def test_the_last_day_is_not_before_the_first(cli, tmp_path):
    code, problems = validate(cli, tmp_path, lambda d: d["event"].update(end_date=dt.date(2024, 3, 23)))
    assert code == 1
    assert found(problems) == [("event.end_date", "the event's last day (2024-03-23) is before its first (2024-03-24)")]


def test_a_session_falls_on_a_day_of_the_event(cli, tmp_path):
    def within(d):
        d["event"]["end_date"] = dt.date(2024, 3, 26)
        d["sessions"][0]["date"] = dt.date(2024, 3, 26)

    assert validate(cli, tmp_path, within) == (0, [])
    code, problems = validate(cli, tmp_path, lambda d: d["sessions"][0].update(date=dt.date(2024, 3, 25)))
    assert code == 1
    assert found(problems) == [
        ("sessions[0].date", "the session's day (2024-03-25) is not a day of the event (2024-03-24)")
    ]


def test_a_session_ends_after_it_starts(cli, tmp_path):
    def backwards(d):
        d["sessions"][0].update(start_time=dt.time(11, 0), end_time=dt.time(10, 0))

    code, problems = validate(cli, tmp_path, backwards)
    assert code == 1 and found(problems) == [
        ("sessions[0].end_time", "the session ends (10:00:00) before it starts (11:00:00)")
    ]


def test_role_other_needs_a_label(cli, tmp_path):
    def other_role(d):
        d["sessions"][0]["roles"].append({"role": "other", "people": ["rao"]})
        d["remarks"].append({"role": "other", "by": "menon"})

    code, problems = validate(cli, tmp_path, other_role)
    assert code == 1
    assert [p["path"] for p in problems] == ["remarks[1].label", "sessions[0].roles[1].label"]

    def labelled(d):
        d["sessions"][0]["roles"].append({"role": "other", "label": "Rapporteur general", "people": ["rao"]})
        d["remarks"].append({"role": "other", "label": "Lamp lighting"})  # a ceremony: nobody named, no text

    assert validate(cli, tmp_path, labelled) == (0, [])


def test_by_and_by_description_are_exclusive(cli, tmp_path):
    code, problems = validate(cli, tmp_path, lambda d: d["remarks"][0].update(by_description="a senior official"))
    assert code == 1
    assert found(problems) == [("remarks[0]", "give either by (a person id) or by_description, not both")]

    def described(d):
        del d["remarks"][0]["by"]
        d["remarks"][0]["by_description"] = "a senior official of the Ministry"

    assert validate(cli, tmp_path, described) == (0, [])  # allowed outside the Chatham House Rule


def test_a_final_report_needs_the_text_of_an_address(cli, tmp_path):
    code, problems = validate(cli, tmp_path, lambda d: d["remarks"][0].pop("text"))
    assert code == 1 and found(problems) == [("remarks[0].text", "these remarks have no text")]


def test_a_session_with_roles_and_no_presentation_is_complete(cli, tmp_path):
    def free_discussion(d):
        d["sessions"].append({"title": "Open discussion", "roles": [{"role": "presided-over", "people": ["menon"]}]})

    assert validate(cli, tmp_path, free_discussion) == (0, [])
    code, problems = validate(cli, tmp_path, lambda d: d["sessions"].append({"title": "Empty"}))
    assert code == 1 and found(problems) == [("sessions[1].presentations", "this session has no presentation")]


def test_a_role_names_somebody(cli, tmp_path):
    code, problems = validate(cli, tmp_path, lambda d: d["sessions"][0]["roles"][0].update(people=[]))
    assert code == 1 and found(problems) == [("sessions[0].roles[0].people", "this role names nobody")]


def _slim(d):
    d["summary"] = {"text": "The round table took stock of port investment in the region."}
    del d["remarks"], d["sessions"]


def test_a_slim_report_passes_only_where_the_house_style_allows_it(cli, tmp_path):
    code, problems = validate(cli, tmp_path, _slim)
    assert code == 1 and found(problems) == [("sessions", "the report has only a summary")]
    assert '[house] slim = ["summary"]' in problems[0]["hint"]
    assert validate(cli, tmp_path, _slim, house='slim = ["summary"]') == (0, [])
    assert validate(cli, tmp_path, _slim, house='slim = ["takeaways"]')[0] == 1


def test_a_slim_report_of_key_takeaways(cli, tmp_path):
    def takeaways(d):
        d["conclusion"] = {"takeaways": ["Ports are power."]}
        del d["remarks"], d["sessions"]

    assert validate(cli, tmp_path, takeaways)[1][0]["message"] == "the report has only key takeaways"
    assert validate(cli, tmp_path, takeaways, house='slim = ["takeaways"]') == (0, [])


def test_an_unknown_slim_kind_is_a_style_error(cli, tmp_path):
    data = copy.deepcopy(BASE)
    _slim(data)
    f = tmp_path / "report.toml"
    f.write_text(tomlwrite.dumps_data(data), encoding="utf-8")
    (tmp_path / "rapporteur.toml").write_text('[house]\nslim = ["sumary"]\n', encoding="utf-8")
    code, out, err = cli("check", str(f))
    assert code == 2 and "did you mean 'summary'?" in out + err
