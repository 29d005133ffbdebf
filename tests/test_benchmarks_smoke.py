"""The benchmarks still run: ``benchmarks/run.py --quick`` completes and prints its table.

Nothing here looks at the figures. Timings depend on the machine and on whatever else runs
beside the tests; they are printed by the benchmarks, never asserted.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.slow
def test_quick_benchmark_run_completes_and_prints_the_table(tmp_path):
    r = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--quick",
            "--no-install",
            "--json",
            str(tmp_path / "rows.json"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    out = r.stdout
    assert "| benchmark" in out and "| verdict" in out
    for row in (
        "validate 40 files vs floor",
        "validate one file vs import tomllib, pydantic",
        "export the seed to DOCX vs import",
        "editor: launch to first full screen",
        "editor: CPU per key",
        "scale: validate",
        "scale: export md",
    ):
        assert row in out, f"missing row: {row}"
    assert (tmp_path / "rows.json").exists()
