"""Recovery files that are safe on a shared machine and with two editors on one report.

Items 4, 5, 10 and 12 of issue 14: one recovery file per session, a lease that says who else
has the report open, a private state folder, no planted or symlinked file ever offered, odd
file names autosaved like any other, and a prompt that never drops an hour of "00".
"""

from __future__ import annotations

import datetime as dt

import pytest

from rapporteur import recovery


@pytest.fixture(autouse=True)
def state_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("RAPPORTEUR_STATE_DIR", str(tmp_path / "state"))
    return tmp_path / "state"


# -- 12. the time in the prompt -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "when,shown",
    [
        (dt.datetime(2026, 12, 2, 0, 44, 15), "00:44:15 on 2 December 2026"),
        (dt.datetime(2026, 1, 9, 9, 5, 0), "09:05:00 on 9 January 2026"),
        (dt.datetime(2026, 6, 24, 23, 59, 59), "23:59:59 on 24 June 2026"),
    ],
)
def test_the_prompt_time_keeps_the_hour_of_00(when, shown):
    assert recovery.format_saved_at(when.timestamp()) == shown
