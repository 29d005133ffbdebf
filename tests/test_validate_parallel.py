"""Validating many files on several cores says exactly what one core says, in the same order."""

from __future__ import annotations

import json

import pytest

from rapporteur.commands import validate as cmd

from conftest import SEED_EXAMPLE, run_cli


def _archive(folder, n: int) -> None:
    text = SEED_EXAMPLE.read_text(encoding="utf-8").replace("#:schema ../schemas/event-report.schema.json\n", "")
    for needed in ('role = "moderator"', "[meta]", 'status = "final"', 'speakers = ["prathibha"]'):
        assert needed in text, needed  # each planted problem must find its line, or the test proves nothing
    for i in range(n):
        body = text.replace('title = "', f'title = "({i}) ', 1)
        if i % 37 == 5:
            body = body.replace('role = "moderator"', 'rol = "moderator"')  # schema error: an unknown key
        if i % 53 == 7:
            body = body.replace("[meta]", "[meta", 1)  # TOML syntax error
        if i % 61 == 3:
            body = body.replace('status = "final"', 'status = "draft"').replace(
                'speakers = ["prathibha"]', 'speakers = ["nobody"]'
            )
        (folder / f"r{i:04d}.toml").write_text(body, encoding="utf-8")
    (folder / "r0100.toml").unlink()
    (folder / "r0100.toml").symlink_to(folder / "missing.toml")  # unreadable: exit 2


@pytest.mark.slow  # hundreds of files through worker processes
def test_workers_give_the_same_output_and_exit_code(tmp_path):
    _archive(tmp_path, cmd.POOL_MIN_FILES + 60)
    for fmt in ("text", "json"):
        one = run_cli("validate", "--format", fmt, str(tmp_path), env={"RAPPORTEUR_JOBS": "1"})
        many = run_cli("validate", "--format", fmt, str(tmp_path), env={"RAPPORTEUR_JOBS": "2"})
        assert one.returncode == many.returncode == 2
        assert one.stdout == many.stdout and one.stderr == many.stderr
    problems = json.loads(many.stdout)["problems"]
    assert [p["file"] for p in problems] == sorted(p["file"] for p in problems)
    assert {p["type"] for p in problems} >= {"toml-syntax", "unknown-key", "reference", "io"}


def test_small_runs_and_one_core_use_no_workers(monkeypatch):
    monkeypatch.setenv("RAPPORTEUR_JOBS", "4")
    assert cmd.jobs_for(cmd.POOL_MIN_FILES - 1) == 1
    assert cmd.jobs_for(10_000) > 1 or not cmd.sys.platform.startswith("linux")
    monkeypatch.setenv("RAPPORTEUR_JOBS", "1")
    assert cmd.jobs_for(10_000) == 1
