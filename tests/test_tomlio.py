"""TOML files: lossless round trips, one canonical form, atomic writes."""

from __future__ import annotations

import errno
import os
import stat
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings

from rapporteur import tomlio, tomlwrite
from rapporteur.model import Report
from rapporteur.validate import parse_report

from conftest import SEED_EXAMPLE, example_reports, examples
from strategies import reports


def load(text: str) -> Report:
    report, diags = parse_report(tomllib.loads(text))
    assert report is not None, diags
    return report


@pytest.mark.parametrize("path", example_reports(), ids=lambda p: p.name)
def test_examples_are_canonical_byte_for_byte(path):
    text = path.read_text(encoding="utf-8")
    source = tomlio.parse_source(text.encode(), path.name)
    assert tomlwrite.dumps(load(text), source.schema_directive) == text


@pytest.mark.parametrize("path", example_reports(), ids=lambda p: p.name)
def test_examples_start_with_the_schema_directive(path):
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == "#:schema ../schemas/event-report.schema.json"


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_random_reports_round_trip_exactly(report):
    text = tomlwrite.dumps(report, "schema.json")
    again = load(text)
    assert again == report
    assert tomlwrite.dumps(again, "schema.json") == text


def test_seed_reads_simply():
    """A simple talk: prose as multi-line strings, short lists inline, report order."""
    text = SEED_EXAMPLE.read_text(encoding="utf-8")
    assert 'speakers = ["prathibha"]' in text
    assert '[lead]\ntext = """\nDr. M.S. Prathibha' in text
    order = [
        "[meta]",
        "[event]",
        "[[people]]",
        "[lead]",
        "[summary]",
        "[[remarks]]",
        "[[sessions]]",
        "[discussion]",
        "[implications]",
        "[rapporteur]",
    ]
    positions = [text.index(h + "\n") for h in order]
    assert positions == sorted(positions)


def test_text_is_normalised_but_never_rewritten_inside():
    from rapporteur.model import normalise_text

    assert normalise_text("  “Quoted” — text\r\n\r\nSecond.  \n\n") == "“Quoted” — text\n\nSecond.\n"
    assert normalise_text("   ") == ""


def test_none_and_empty_lists_are_left_out():
    report = load(SEED_EXAMPLE.read_text(encoding="utf-8"))
    report.meta.tags = []
    report.people[0].designation = None
    text = tomlwrite.dumps(report)
    assert "tags" not in text
    assert 'designation = "Associate Fellow"' not in text
    assert load(text) == report


def test_schema_directive_found_upward(tmp_path):
    (tmp_path / ".git").mkdir()  # the project's root
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / tomlio.SCHEMA_FILENAME).write_text("{}")
    deep = tmp_path / "reports" / "2024"
    deep.mkdir(parents=True)
    assert tomlwrite.find_schema_directive(deep / "x.toml") == "../../schemas/event-report.schema.json"
    report = load(SEED_EXAMPLE.read_text(encoding="utf-8"))
    text = tomlwrite.canonical_text(report, deep / "x.toml")
    assert text.startswith("#:schema ../../schemas/event-report.schema.json\n\n[meta]\n")
    # never from above the project's root
    project = tmp_path / "other-project"
    (project / ".git").mkdir(parents=True)
    (project / "reports").mkdir()
    assert tomlwrite.find_schema_directive(project / "reports" / "x.toml") is None
    # a directive the file already has is kept
    assert tomlwrite.canonical_text(report, deep / "x.toml", "https://example.org/s.json").startswith(
        "#:schema https://example.org/s.json\n"
    )


# -- atomic writes ------------------------------------------------------------------------


def test_atomic_write_keeps_mode_and_leaves_no_temporary(tmp_path):
    f = tmp_path / "r.toml"
    f.write_text("old")
    os.chmod(f, 0o640)
    tomlwrite.atomic_write(f, "new")
    assert f.read_text() == "new"
    assert stat.S_IMODE(f.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["r.toml"]


def test_atomic_write_through_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "real.toml"
    real.write_text("old")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    tomlwrite.atomic_write(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"


def test_read_only_file_is_refused_and_kept(tmp_path):
    f = tmp_path / "r.toml"
    f.write_text("old")
    os.chmod(f, 0o444)
    with pytest.raises(tomlio.ReportIOError, match="read-only"):
        tomlwrite.atomic_write(f, "new")
    assert f.read_text() == "old"


def test_read_only_folder_is_refused(tmp_path):
    d = tmp_path / "ro"
    d.mkdir()
    os.chmod(d, 0o555)
    try:
        with pytest.raises(tomlio.ReportIOError, match="read-only"):
            tomlwrite.atomic_write(d / "r.toml", "new")
    finally:
        os.chmod(d, 0o755)
    assert os.listdir(d) == []


def test_full_disk_is_a_clear_error_and_the_old_file_survives(tmp_path, monkeypatch):
    f = tmp_path / "r.toml"
    f.write_text("old")

    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(tomlio.ReportIOError, match="no space left"):
        tomlwrite.atomic_write(f, "new")
    assert f.read_text() == "old"
    assert os.listdir(tmp_path) == ["r.toml"]


# -- reading ------------------------------------------------------------------------------


def test_read_errors_are_report_io_errors(tmp_path):
    with pytest.raises(tomlio.ReportIOError, match="no such file"):
        tomlio.read_source(tmp_path / "nope.toml")
    with pytest.raises(tomlio.ReportIOError, match="is a directory"):
        tomlio.read_source(tmp_path)


def test_oversized_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    monkeypatch.setattr(tomlio, "MAX_BYTES", 100)
    f = tmp_path / "big.toml"
    f.write_text("x = 1\n" * 100)
    with pytest.raises(tomlio.ReportIOError, match="too large"):
        tomlio.read_source(f)


def test_syntax_error_at_end_of_file_has_a_position():
    source = tomlio.parse_source(b'[meta]\nschema_version = 2\ntitle = """never closed', "x.toml")
    (d,) = source.diagnostics
    assert d.code == "toml-syntax"
    assert d.line >= 3
