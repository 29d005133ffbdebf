"""A programme for note-taking tests: a panel with a moderator and two speakers (a third is added by name)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

PROGRAMME = """\
[meta]
schema_version = 2
status = "draft"

[event]
title = "Securing the Indian Ocean Sea Lanes"
form = "panel-discussion"
date = 2026-11-20
start_time = 10:00:00
venue = "Auditorium, New Delhi"

[event.organiser]
name = "Institute for Fictional Studies"
short_name = "IFS"

[[people]]
id = "menon"
honorific = "Dr."
name = "Ravi Menon"
designation = "Senior Fellow"

[[people]]
id = "rao"
honorific = "Dr."
name = "Asha Rao"
designation = "Research Fellow"

[[people]]
id = "iyer"
honorific = "Cmde."
name = "Vikram Iyer"
post_nominals = "(Retd.)"

[[sessions]]
roles = [{ role = "moderator", people = ["menon"] }]

[[sessions.presentations]]
speakers = ["rao"]

[[sessions.presentations]]
speakers = ["iyer"]

[rapporteur]
name = "Tara Sen"
designation = "Research Analyst"
"""


def write_programme(folder: Path, name: str = "panel.toml") -> Path:
    path = folder / name
    path.write_text(PROGRAMME, encoding="utf-8")
    return path


def ticking(start: dt.time = dt.time(10, 0, 0), step: int = 7) -> Callable[[], dt.time]:
    """A clock that moves ``step`` seconds each time it is read: stamps are predictable, no sleeping."""
    moments: Iterator[dt.datetime] = (
        dt.datetime.combine(dt.date(2026, 11, 20), start) + dt.timedelta(seconds=step * i) for i in range(10**6)
    )
    return lambda: next(moments).time()


def load(path: Path | str) -> Any:
    """The report as the file now holds it (read only: no capture session, no lock)."""
    from rapporteur.tomlio import read_source
    from rapporteur.validate import validate_source

    return validate_source(read_source(path)).report
