"""The published JSON Schema: fresh, draft-07, and in agreement with `rapporteur validate`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from rapporteur.schema import build_schema, schema_text

from conftest import ROOT, example_reports

PUBLISHED = ROOT / "schemas" / "event-report.schema.json"


def test_published_schema_is_not_stale():
    assert PUBLISHED.read_text(encoding="utf-8") == schema_text(), (
        "run: rapporteur schema -o schemas/event-report.schema.json"
    )


def test_schema_shape():
    s = build_schema()
    assert s["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert s["$id"]
    assert s["additionalProperties"] is False
    assert set(s["required"]) == {"meta", "event"}
    for name, d in s["definitions"].items():
        assert d.get("additionalProperties") is False, name
        for prop, spec in d.get("properties", {}).items():
            assert spec.get("description"), f"{name}.{prop} has no description"
            assert spec.get("title"), f"{name}.{prop} has no title"
    text = json.dumps(s)
    assert '"null"' not in text, "TOML has no null: optional keys are left out"
    assert "$defs" not in text


def test_schema_command_writes_a_file(cli, tmp_path):
    out = tmp_path / "s.json"
    code, _, _ = cli("schema", "-o", str(out))
    assert code == 0
    assert out.read_text(encoding="utf-8") == schema_text()
    code, stdout, _ = cli("schema")
    assert stdout == schema_text()


def _check_jsonschema(*files):
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(PUBLISHED), *map(str, files)],
        capture_output=True,
        text=True,
    )


def test_check_jsonschema_accepts_every_example():
    pytest.importorskip("check_jsonschema")
    r = _check_jsonschema(*example_reports())
    assert r.returncode == 0, r.stdout + r.stderr


INVALID = {
    "unknown-key.toml": ('people = ["singh"]', 'peple = ["singh"]'),
    "wrong-type.toml": ('series = "Monday Morning Meeting"', "series = 42"),
    "bad-choice.toml": ('form = "talk"', 'form = "lecture"'),
    "missing-key.toml": ('role = "introductory"\n', ""),
    "string-date.toml": ("date = 2024-06-24", 'date = "24 June 2024"'),
    "bad-version.toml": ("schema_version = 2", "schema_version = 3"),
    "two-askers.toml": ('asker = "lele"', 'asker = "lele"\nasker_description = "someone"'),
    "end-without-start.toml": ('mode = "in-person"', 'end_time = 11:00:00\nmode = "in-person"'),
    "blank-id.toml": ('people = ["singh"]', 'people = [" "]'),
}


@pytest.mark.slow  # check-jsonschema started once per sample
@pytest.mark.parametrize("name", sorted(INVALID))
def test_schema_and_validate_agree_on_invalid_samples(cli, seed_copy, name):
    pytest.importorskip("check_jsonschema")
    old, new = INVALID[name]
    broken = seed_copy.with_name(name)
    broken.write_text(seed_copy.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    r = _check_jsonschema(broken)
    assert r.returncode == 1, r.stdout
    code, out, _ = cli("validate", str(broken))
    assert code == 1, out


def test_known_divergence_dates_in_text_fields(cli, seed_copy):
    """check-jsonschema and taplo see a TOML date as a string, so a date where text belongs
    passes them; rapporteur validate, which reads real TOML types, says what is wrong."""
    pytest.importorskip("check_jsonschema")
    broken = seed_copy.with_name("date-as-title.toml")
    text = seed_copy.read_text(encoding="utf-8")
    broken.write_text(text.replace('series = "Monday Morning Meeting"', "series = 2024-06-24"), encoding="utf-8")
    assert _check_jsonschema(broken).returncode == 0
    code, out, _ = cli("validate", str(broken))
    assert code == 1 and "expected text (a quoted string), found the date 2024-06-24" in out


def test_taplo_accepts_the_examples_through_their_schema_line(tmp_path):
    taplo = shutil.which("taplo")
    if taplo is None:
        bin_dir = __import__("pathlib").Path(sys.executable).parent
        taplo = str(bin_dir / "taplo") if (bin_dir / "taplo").exists() else None
    if taplo is None:
        pytest.skip("taplo is not installed")
    files = [p.name for p in example_reports()]
    r = subprocess.run([taplo, "check", *files], cwd=ROOT / "examples", capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    # and it really uses the schema: a broken copy beside a copy of the schema fails
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / PUBLISHED.name).write_bytes(PUBLISHED.read_bytes())
    (tmp_path / "examples").mkdir()
    broken = tmp_path / "examples" / "broken.toml"
    broken.write_text(
        (ROOT / "examples" / "china-russia-relationship.toml")
        .read_text(encoding="utf-8")
        .replace('form = "talk"', 'form = "lecture"'),
        encoding="utf-8",
    )
    r = subprocess.run([taplo, "check", broken.name], cwd=broken.parent, capture_output=True, text=True)
    assert r.returncode != 0
