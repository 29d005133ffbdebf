"""The notes benchmark still runs (figures are printed by it, never asserted here)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.slow
def test_notes_benchmark_runs_and_reports_every_figure() -> None:
    r = subprocess.run(
        [sys.executable, "notes_capture.py", "--notes", "50", "--keys", "5", "--enters", "3", "--json"],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT / "benchmarks",
    )
    assert r.returncode == 0, r.stderr[-3000:]
    figures = json.loads(r.stdout.strip().splitlines()[-1])
    assert {"cpu_p95_ratio", "wall_p95_ratio", "durable_p95_ms", "fold_ms"} <= set(figures)
