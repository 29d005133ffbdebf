"""Autosave/recovery files: keyed by the report's path, offered only when newer and different."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest

from rapporteur import differences, recovery, tomlio, tomlwrite


@pytest.fixture(autouse=True)
def state_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("RAPPORTEUR_STATE_DIR", str(tmp_path / "state"))
    return tmp_path / "state"


def _data(summary: str = "A summary.") -> dict:
    return {
        "meta": {"schema_version": 2, "status": "draft"},
        "event": {"title": "T", "form": "talk", "date": dt.date(2024, 6, 24), "organiser": {"name": "O"}},
        "summary": {"text": summary},
    }


def test_recovery_path_is_outside_the_report_folder_and_keyed_by_absolute_path(tmp_path, state_dir):
    a = recovery.recovery_path(tmp_path / "a" / "r.toml")
    b = recovery.recovery_path(tmp_path / "b" / "r.toml")
    assert a != b and a.parent == b.parent == state_dir / "recovery"
    assert recovery.recovery_path(tmp_path / "a" / "r.toml") == a


def test_write_load_roundtrip_keeps_half_typed_values(tmp_path):
    report = tmp_path / "r.toml"
    data = _data()
    data["event"]["date"] = "2024-06-"  # half typed: not a date yet
    recovery.write(report, data, "../schemas/event-report.schema.json")
    rec = recovery.load(report)
    assert rec is not None and rec.data["event"]["date"] == "2024-06-"
    assert rec.data["summary"]["text"] == "A summary."
    assert rec.report_path == os.path.abspath(report)
    assert abs(rec.saved_at - time.time()) < 60


def test_pending_only_when_newer_and_different(tmp_path):
    report = tmp_path / "r.toml"
    report.write_text(tomlwrite.dumps_data(_data()), encoding="utf-8")
    current = tomlio.parse_text(report.read_text(), "r")[0]
    assert recovery.pending(report, current) is None  # nothing autosaved
    recovery.write(report, _data())
    assert recovery.pending(report, current) is None  # same content
    recovery.write(report, _data("A longer summary with more words."))
    rec = recovery.pending(report, current)
    assert rec is not None
    # the report saved after the autosave wins: nothing to offer
    later = rec.saved_at + 5
    os.utime(report, (later, later))
    assert recovery.pending(report, current) is None


def test_discard(tmp_path):
    report = tmp_path / "r.toml"
    recovery.write(report, _data())
    assert recovery.recovery_path(report).exists()
    recovery.discard(report)
    assert not recovery.recovery_path(report).exists()
    recovery.discard(report)  # twice is fine


def test_differences_name_the_parts_and_count_words():
    before = _data("One two three.")
    after = _data("One two three four five.")
    after["people"] = [{"id": "x", "name": "Some Body"}]
    diff = differences.differences(before, after)
    names = [p.part for p in diff.parts]
    assert names == ["summary", "people"]
    assert diff.words_after - diff.words_before == 2  # prose words only
    summary = diff.parts[0].describe()
    assert "Executive summary" in summary and "+2 words" in summary
    assert "added" in diff.parts[1].describe()
    assert differences.differences(before, before).same


def test_whitespace_only_changes_are_not_differences():
    assert differences.differences(_data("Text."), _data("Text.\n")).same


def test_an_autosave_of_a_version_1_report_is_recovered_as_version_2(tmp_path):
    """Work typed before an upgrade is not lost to a schema change: the chair comes back as a role."""
    report = tmp_path / "r.toml"
    old = _data()
    old["meta"]["schema_version"] = 1
    old["sessions"] = [{"chair": "lele", "presentations": []}]
    recovery.write(report, old)
    rec = recovery.load(report)
    assert rec is not None and rec.data["meta"]["schema_version"] == 2
    assert rec.data["sessions"][0]["roles"] == [{"role": "chair", "people": ["lele"]}]
