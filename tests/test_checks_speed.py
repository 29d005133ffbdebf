"""The checks run at every pause in typing: they must stay fast and linear on long reports.

The thresholds are ten times what benchmarks/checks_speed.py measures on a modest
machine, so a slow CI runner passes and an accidental O(n^2) does not.
"""

from __future__ import annotations

import importlib.util
import time
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


def _best(fn, n=3) -> float:
    fn()
    best = float("inf")
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def test_20000_words_well_under_the_keystroke_budget():
    text = _bench().build(20000)
    report, diags = parse_report(tomllib.loads(text))
    assert report is not None, diags
    source = parse_source(text, "long.toml")
    found = run_checks(report, source=source)
    assert len(found) > 10  # the long report has slips to place
    assert _best(lambda: run_checks(report)) < 0.5
    assert _best(lambda: run_checks(report, source=source)) < 0.5


def test_time_grows_linearly_with_length():
    bench = _bench()
    small = parse_report(tomllib.loads(bench.build(10000)))[0]
    large = parse_report(tomllib.loads(bench.build(40000)))[0]
    t_small, t_large = _best(lambda: run_checks(small)), _best(lambda: run_checks(large))
    assert t_large < 8 * t_small, (t_small, t_large)  # 4x the words; O(n^2) would be 16x
