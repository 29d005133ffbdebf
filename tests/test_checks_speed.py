"""The checks on a long report (the editor runs them at every pause in typing).

How fast they are, and that their time grows linearly with the report's length, is measured
by benchmarks/checks_speed.py as ratios (never asserted here: the machine is shared).
"""

from __future__ import annotations

import importlib.util
import tomllib

from rapporteur.checks import run_checks
from rapporteur.tomlio import parse_source
from rapporteur.validate import parse_report

from conftest import ROOT


def _bench():
    spec = importlib.util.spec_from_file_location("checks_speed", ROOT / "benchmarks" / "checks_speed.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_20000_word_report_has_its_slips_found_and_placed_in_the_file():
    text = _bench().build(20000)
    report, diags = parse_report(tomllib.loads(text))
    assert report is not None, diags
    in_editor = run_checks(report)
    in_file = run_checks(report, source=parse_source(text, "long.toml"))
    assert len(in_file) > 10  # the long report has slips to place
    # the editor and `rapporteur check` find the same slips; the file's run also says where they are
    assert sorted((f.code, f.path, f.message) for f in in_editor) == sorted(
        (f.code, f.path, f.message) for f in in_file
    )
    assert all(f.line for f in in_file)
