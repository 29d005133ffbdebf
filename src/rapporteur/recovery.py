"""Autosave and recovery: the editor's copy of unsaved work, outside the report's folder.

While a report is being edited, its current data is written every couple of
seconds to a *recovery file* in the user's state directory (platformdirs;
``RAPPORTEUR_STATE_DIR`` overrides it), named after a hash of the report's
absolute path. The report itself is only ever written by an explicit save. After
a crash, a kill or a closed terminal, opening the report finds the recovery file
and the editor offers to restore or discard it, saying what differs.

A recovery file is the report's data as canonical TOML (``tomlio.dumps_data``,
which also holds a half-typed, not yet valid value) after a small header of
``#`` comment lines: the report's path and when it was written. No terminal code
here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import tomlio

APP_NAME = "rapporteur"
_HEADER = re.compile(r"^# rapporteur recovery of: (.*)$")
_SAVED = re.compile(r"^# saved at: ([0-9.]+)$")
_WORD = re.compile(r"\S+")


def state_dir() -> Path:
    override = os.environ.get("RAPPORTEUR_STATE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_state_path

    return user_state_path(APP_NAME, appauthor=False)


def recovery_dir() -> Path:
    return state_dir() / "recovery"


def recovery_path(report_path: str | os.PathLike) -> Path:
    """Where the recovery file of ``report_path`` lives (keyed by its absolute path)."""
    absolute = os.path.abspath(os.fspath(report_path))
    digest = hashlib.sha256(absolute.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", os.path.basename(absolute))[:60]
    return recovery_dir() / f"{stem}.{digest}.toml"


def format_saved_at(timestamp: float) -> str:
    """ "00:44:15 on 2 December 2026": the hour keeps its zeros, the day has none to lose."""
    when = dt.datetime.fromtimestamp(timestamp)
    return f"{when:%H:%M:%S} on {when.day} {when:%B %Y}"


@dataclass
class Recovery:
    """A recovery file as found on disk."""

    path: Path
    report_path: str
    saved_at: float  # seconds since the epoch
    text: str
    data: dict | None  # None when the file did not parse (never expected; kept for safety)

    @property
    def saved_at_text(self) -> str:
        return format_saved_at(self.saved_at)


def write(report_path: str | os.PathLike, data: dict, directive: str | None = None) -> Path:
    """Write the recovery file for ``report_path`` (atomically). Returns its path."""
    target = recovery_path(report_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    body = tomlio.dumps_data(data, directive)
    header = f"# rapporteur recovery of: {os.path.abspath(os.fspath(report_path))}\n# saved at: {time.time():.3f}\n"
    tomlio.atomic_write(target, header + body)
    return target


def load(report_path: str | os.PathLike) -> Recovery | None:
    """The recovery file of ``report_path``, if there is one."""
    path = recovery_path(report_path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    saved_at = None
    original = os.path.abspath(os.fspath(report_path))
    for line in text.splitlines()[:2]:
        if mt := _SAVED.match(line):
            saved_at = float(mt.group(1))
        elif mt := _HEADER.match(line):
            original = mt.group(1)
    if saved_at is None:
        try:
            saved_at = path.stat().st_mtime
        except OSError:
            saved_at = 0.0
    data, _diags = tomlio.parse_text(text, str(path))
    return Recovery(path, original, saved_at, text, data)


def discard(report_path: str | os.PathLike) -> None:
    """Delete the recovery file of ``report_path`` (after a save, or when the user discards it)."""
    try:
        recovery_path(report_path).unlink()
    except FileNotFoundError:
        pass


def _report_mtime(report_path: str | os.PathLike) -> float | None:
    try:
        return os.stat(report_path).st_mtime
    except OSError:
        return None


def pending(report_path: str | os.PathLike, current: dict | None = None) -> Recovery | None:
    """A recovery file worth offering: newer than the report, and different from ``current``.

    ``current`` is the report's data as read from disk (``None`` when it could not be
    read or parsed: then any recovery file newer than the report is offered).
    """
    rec = load(report_path)
    if rec is None or rec.data is None:
        return None
    mtime = _report_mtime(report_path)
    if mtime is not None and rec.saved_at < mtime:
        return None  # the report was saved after this autosave: the file is the newer work
    if current is not None and _normal(rec.data) == _normal(current):
        return None
    return rec


# -- what differs -----------------------------------------------------------------------------


def _normal(data: Any) -> Any:
    """Data compared the way a reader would: prose without outer blank space; empty = absent."""
    if isinstance(data, dict):
        return {k: _normal(v) for k, v in data.items() if v not in (None, [], "", {})}
    if isinstance(data, list):
        return [_normal(v) for v in data]
    if isinstance(data, str):
        return data.strip()
    return data


#: The keys that hold prose, at any depth (the words a reader of the report reads).
PROSE_KEYS = ("text", "intro", "observations", "introduction")


def count_words(data: Any) -> int:
    """Words of prose in ``data``: the text, intro, introduction and observations fields at any depth."""
    total = 0
    if isinstance(data, dict):
        for k, v in data.items():
            if isinstance(v, str):
                if k in PROSE_KEYS:
                    total += len(_WORD.findall(v))
            elif isinstance(v, (dict, list)):
                total += count_words(v)
    elif isinstance(data, list):
        for v in data:
            if isinstance(v, (dict, list)):
                total += count_words(v)
    return total


PART_TITLES = {
    "meta": "About this file",
    "event": "Event",
    "people": "People",
    "lead": "Lead",
    "summary": "Executive summary",
    "remarks": "Remarks",
    "sessions": "Sessions",
    "discussion": "Discussion (Q&A)",
    "implications": "Implications",
    "conclusion": "Conclusion",
    "rapporteur": "Rapporteur",
}


@dataclass
class PartChange:
    part: str  # top-level key
    title: str
    change: str  # "added" | "removed" | "changed"
    words_before: int
    words_after: int
    items_before: int | None = None  # for lists (people, remarks, sessions)
    items_after: int | None = None

    def describe(self) -> str:
        delta = self.words_after - self.words_before
        if self.change == "added":
            what = f"{self.title}: added"
        elif self.change == "removed":
            what = f"{self.title}: removed"
        else:
            what = f"{self.title}: changed"
        bits = []
        if self.items_before is not None and self.items_after is not None and self.items_before != self.items_after:
            bits.append(f"{self.items_before} → {self.items_after} items")
        if delta:
            bits.append(f"{delta:+d} words")
        elif self.change == "changed":
            bits.append("same word count")
        return what + (f" ({', '.join(bits)})" if bits else "")


@dataclass
class Difference:
    parts: list[PartChange] = field(default_factory=list)
    words_before: int = 0
    words_after: int = 0

    @property
    def same(self) -> bool:
        return not self.parts

    def summary(self) -> str:
        if not self.parts:
            return "no differences"
        delta = self.words_after - self.words_before
        names = ", ".join(p.title for p in self.parts)
        return f"{len(self.parts)} part{'s' if len(self.parts) != 1 else ''} differ ({names}); {delta:+d} words overall"


def differences(before: dict | None, after: dict | None) -> Difference:
    """Which parts of the report differ between ``before`` (the file) and ``after`` (the recovery)."""
    before = before or {}
    after = after or {}
    out = Difference(words_before=count_words(before), words_after=count_words(after))
    keys = list(dict.fromkeys([*after.keys(), *before.keys()]))
    for key in keys:
        a, b = _normal(before.get(key)), _normal(after.get(key))
        if a == b:
            continue
        title = PART_TITLES.get(key, key)
        change = "added" if a in (None, [], {}) else "removed" if b in (None, [], {}) else "changed"
        pc = PartChange(key, title, change, count_words(before.get(key)), count_words(after.get(key)))
        if isinstance(before.get(key), list) or isinstance(after.get(key), list):
            pc.items_before = len(before.get(key) or [])
            pc.items_after = len(after.get(key) or [])
        out.parts.append(pc)
    return out
