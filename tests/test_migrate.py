"""Reading version 1 files (schema v2, issues 12 and 17): migrated in memory, upgraded only by `fmt`."""

from __future__ import annotations

import copy
import json

import pytest

from rapporteur import tomlio, tomlwrite
from rapporteur.migrate import READ_AS, migrate

from conftest import example_reports

V1_SESSION_KEYS = ("chair", "moderator")


def expressible_in_v1(data: dict) -> bool:
    """Whether version 1 could say a report's session roles (one chair, one moderator, nothing else)."""
    return all(
        r["role"] in V1_SESSION_KEYS and len(r["people"]) == 1 and set(r) == {"role", "people"}
        for s in data.get("sessions", [])
        for r in s.get("roles", [])
    ) and all(
        len([r for r in s.get("roles", []) if r["role"] == k]) <= 1
        for s in data.get("sessions", [])
        for k in V1_SESSION_KEYS
    )


def as_v1(data: dict) -> dict:
    """A version 2 report's data as version 1 wrote it: a session's chair and moderator as keys."""
    out = copy.deepcopy(data)
    out["meta"]["schema_version"] = 1
    for s in out.get("sessions", []):
        roles = s.pop("roles", [])
        assert all(r["role"] in V1_SESSION_KEYS and len(r["people"]) == 1 for r in roles), "not expressible in v1"
        for r in roles:
            s[r["role"]] = r["people"][0]
    return out


@pytest.mark.parametrize("path", example_reports(), ids=lambda p: p.stem)
def test_every_example_written_as_version_1_reads_as_itself(path, cli, tmp_path):
    v2 = tomlio.read_source(path).data
    if not expressible_in_v1(v2):
        pytest.skip("co-chairs, discussants or presiding: session roles version 1 could not say")
    v1 = as_v1(v2)
    upgraded, notes = migrate(v1)
    assert notes == [READ_AS]
    assert json.dumps(upgraded, sort_keys=True, default=str) == json.dumps(v2, sort_keys=True, default=str)
    old = tmp_path / path.name
    old.write_text(tomlwrite.dumps_data(v1), encoding="utf-8")
    code, out, _ = cli("validate", "--format", "json", str(old))
    found = json.loads(out)["problems"]
    assert code == 0
    assert [(d["severity"], d["path"], d["message"]) for d in found] == [("info", "meta.schema_version", READ_AS)]


def test_chair_and_moderator_become_roles_chair_first():
    v1 = {
        "meta": {"schema_version": 1},
        "sessions": [{"title": "Session I", "moderator": "singh", "chair": "lele", "presentations": []}],
    }
    before = copy.deepcopy(v1)
    v2, _ = migrate(v1)
    assert v2["sessions"][0]["roles"] == [
        {"role": "chair", "people": ["lele"]},
        {"role": "moderator", "people": ["singh"]},
    ]
    assert "chair" not in v2["sessions"][0] and "moderator" not in v2["sessions"][0]
    assert list(v2["sessions"][0]) == ["title", "roles", "presentations"]  # where the roles stood
    assert v2["meta"]["schema_version"] == 2
    assert v1 == before, "migrate never changes its input"


def test_an_empty_v1_id_meant_nobody():
    v2, _ = migrate({"meta": {"schema_version": 1}, "sessions": [{"chair": "", "moderator": "singh"}]})
    assert v2["sessions"][0] == {"roles": [{"role": "moderator", "people": ["singh"]}]}


@pytest.mark.parametrize("version", [2, 3, True, 1.0, "1", None])
def test_only_a_version_1_file_is_changed(version):
    data = {"meta": {"schema_version": version}, "sessions": [{"chair": "lele"}]}
    assert migrate(data) == (data, [])
    assert migrate({"event": {}}) == ({"event": {}}, [])


def test_fmt_upgrades_a_version_1_file_once(cli, seed_copy):
    v2_text = seed_copy.read_text(encoding="utf-8")
    v1 = as_v1(tomlio.read_source(seed_copy).data)
    seed_copy.write_text(tomlwrite.dumps_data(v1, "../schemas/event-report.schema.json"), encoding="utf-8")
    assert 'moderator = "singh"' in seed_copy.read_text(encoding="utf-8")
    code, _, err = cli("fmt", "--check", str(seed_copy))
    assert code == 1, "a version 1 file is not canonical: fmt would upgrade it"
    code, _, err = cli("fmt", str(seed_copy))
    assert code == 0, err
    assert seed_copy.read_text(encoding="utf-8") == v2_text
    code, _, err = cli("fmt", str(seed_copy))
    assert code == 0 and "1 already canonical" in err
    assert seed_copy.read_text(encoding="utf-8") == v2_text


def test_a_problem_in_a_version_1_chair_points_at_its_line(cli, tmp_path):
    text = (
        '[meta]\nschema_version = 1\n\n[event]\ntitle = "T"\nform = "talk"\ndate = 2024-06-24\n\n'
        '[event.organiser]\nname = "O"\n\n[[people]]\nid = "lele"\nname = "Ajey Lele"\n\n'
        '[[sessions]]\ntitle = "Session I"\nchair = "lel"\n'
    )
    f = tmp_path / "old.toml"
    f.write_text(text, encoding="utf-8")
    code, out, _ = cli("validate", "--format", "json", str(f))
    found = {d["type"]: d for d in json.loads(out)["problems"]}
    assert code == 1
    ref = found["reference"]
    assert ref["message"] == "unknown person 'lel'" and ref["path"] == "sessions[0].roles[0].people[0]"
    assert ref["line"] == text.splitlines().index('chair = "lel"') + 1
    assert found["schema-version"]["severity"] == "info"
