"""A recovery file: its header, what it holds, and whether it is worth offering.

The report's data as canonical TOML (``tomlwrite.dumps_data``) after a small header of
``#`` comment lines: the report's path (JSON-quoted), when it was written, and the session.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from .. import tomlio

_HEADER = re.compile(r"^# rapporteur recovery of: (.*)$")
_SAVED = re.compile(r"^# saved at: ([0-9.]+)$")
_SESSION = re.compile(r"^# session: ([0-9a-f]+)$")


@dataclass
class Recovery:
    """A recovery file as found on disk."""

    path: Path
    report_path: str
    saved_at: float  # seconds since the epoch
    text: str
    data: dict | None  # None when the file did not parse (never expected; kept for safety)
    session: str | None = None  # the token of the session that wrote it (None: an older version)
    older_than_report: bool = False  # the report was saved after it (by another editor, say)

    @property
    def saved_at_text(self) -> str:
        return format_saved_at(self.saved_at)


def format_saved_at(timestamp: float) -> str:
    """ "00:44:15 on 2 December 2026": the hour keeps its zeros, the day has none to lose."""
    when = dt.datetime.fromtimestamp(timestamp)
    return f"{when:%H:%M:%S} on {when.day} {when:%B %Y}"


def header(report_path: str | os.PathLike, session: str | None) -> str:
    shown = json.dumps(os.path.realpath(os.fspath(report_path)))  # escapes newlines and undecodable bytes
    lines = [f"# rapporteur recovery of: {shown}", f"# saved at: {time.time():.3f}"]
    if session:
        lines.append(f"# session: {session}")
    return "\n".join(lines) + "\n"


def parse(path: Path, text: str, report_path: str | os.PathLike) -> Recovery:
    saved_at: float | None = None
    session = None
    original = os.path.realpath(os.fspath(report_path))
    for line in text.split("\n", 3)[:3]:
        if mt := _SAVED.match(line):
            saved_at = float(mt.group(1))
        elif mt := _SESSION.match(line):
            session = mt.group(1)
        elif mt := _HEADER.match(line):
            value = mt.group(1)
            if value.startswith('"'):
                try:
                    value = json.loads(value)
                except ValueError:
                    pass
            original = value
    data, _diags = tomlio.parse_text(text, str(path))
    if data is not None:  # autosaved by a rapporteur that wrote an older schema version
        from ..migrate import migrate

        data, _notes = migrate(data)
    return Recovery(path, original, saved_at or 0.0, text, data, session)


def _report_mtime(report_path: str | os.PathLike) -> float | None:
    try:
        return os.stat(report_path).st_mtime
    except OSError:
        return None


def worth_offering(rec: Recovery | None, report_path: str | os.PathLike, current: dict | None) -> bool:
    """Different from the report, and (for a file of an older version) newer than it.

    A session's autosave is offered even when the report was saved after it: with two
    editors, the other one's save does not hold this one's words.
    """
    if rec is None or rec.data is None:
        return False
    mtime = _report_mtime(report_path)
    rec.older_than_report = mtime is not None and rec.saved_at < mtime
    if rec.older_than_report and rec.session is None:
        return False  # the report was saved after this autosave: the file is the newer work
    from ..differences import normal  # here: only when there is an autosave (the editor's start needs none)

    return current is None or normal(rec.data) != normal(current)
