"""Each committed note durable at once: an append-only journal beside the report, folded into it.

Rewriting a TOML file of 2,000 notes on every Enter would cost far more than the
50 ms a note may take to become durable, so each change is one JSON line appended to
``.<report>.notes-journal`` in the report's folder and fsynced before the note is
shown as taken. The journal is folded into the report (one atomic write of the
canonical TOML) when the session is saved or ends; the report on disk is therefore
always the last folded state, valid TOML, and the journal says what came after.

Knowing what is folded: the journal's first line names the SHA-256 of the report it
applies to. Before a fold, a ``folded`` line names the hash of the text about to be
written; after it, a fresh journal (written aside and renamed, so there is never a
moment without one) names the new text. On opening, a journal whose base is the file
on disk is replayed; one whose ``folded`` hash is the file on disk is spent; any other
is kept aside, never lost (the file was changed by something else meanwhile).
A torn last line (a kill in the middle of a write) is the note being committed: dropped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import Any

SUFFIX = ".notes-journal"


def journal_path(report_path: str | os.PathLike) -> str:
    """Where a report's journal lives: beside it, hidden, named after it."""
    path = os.path.realpath(report_path)
    return os.path.join(os.path.dirname(path), "." + os.path.basename(path) + SUFFIX)


def lock_path(report_path: str | os.PathLike) -> str:
    return journal_path(report_path)[: -len(SUFFIX)] + ".notes-lock"


class Busy(Exception):
    """Another capture session holds the report: two journals for one file would lose notes."""


def take_lock(report_path: str | os.PathLike) -> int:
    """An exclusive lock for the session's lifetime (a descriptor; released by :func:`release_lock` or at exit).

    The journal itself cannot carry the lock: it is replaced at every fold.
    """
    path = lock_path(report_path)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        import fcntl
    except ImportError:  # not POSIX: no advisory locks, the file's presence is all there is
        return fd
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise Busy(path) from None
    return fd


def release_lock(report_path: str | os.PathLike, fd: int) -> None:
    try:
        os.unlink(lock_path(report_path))
    except OSError:
        pass
    os.close(fd)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def note_to_json(note: dict[str, Any]) -> dict[str, Any]:
    """A note's data with its time as text (JSON has no times)."""
    out = dict(note)
    if isinstance(out.get("time"), dt.time):
        out["time"] = out["time"].isoformat()
    return out


def note_from_json(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    if isinstance(out.get("time"), str):
        out["time"] = dt.time.fromisoformat(out["time"])
    return out


@dataclass
class Pending:
    """What a journal found on disk says."""

    base: str | None  # hash of the report the operations apply to
    ops: list[dict[str, Any]] = field(default_factory=list)
    folded: str | None = None  # hash of the text a fold was about to write
    torn: bool = False  # the last line was cut short by a kill


def read_journal(path: str) -> Pending | None:
    """The journal at ``path`` (None if there is none). Unreadable lines end it: what follows is not trusted."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError:
        return None
    *complete, rest = raw.split(b"\n")  # a line is written whole only once its newline is there
    pending = Pending(base=None, torn=bool(rest))
    for i, line in enumerate(complete):
        try:
            entry = json.loads(line)
        except ValueError:
            entry = None
        if not isinstance(entry, dict):
            pending.torn = True
            break
        if i == 0 and "base" in entry:
            pending.base = entry["base"]
        elif entry.get("op") == "folded":
            pending.folded = entry.get("sha")
        else:
            pending.ops.append(entry)
    return pending


class Journal:
    """The open journal of one capture session: append, fsync, and start afresh after a fold."""

    def __init__(self, path: str, base: str, *, resume: bool = False) -> None:
        """A fresh journal for the report whose hash is ``base``, or (``resume``) the one found there, to add to."""
        self.path = path
        self.base = base
        self._fd = -1
        if resume:
            with open(path, "rb") as fh:
                raw = fh.read()
            if raw and not raw.endswith(b"\n"):
                os.truncate(path, raw.rfind(b"\n") + 1)  # drop the line a kill cut short
            self._fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        else:
            self.start(base)

    def start(self, base: str) -> None:
        """A fresh journal for the report whose hash is ``base``, replacing any old one atomically."""
        folder = os.path.dirname(self.path)
        tmp = self.path + ".new"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o600)
        try:
            os.write(fd, json.dumps({"base": base}).encode("utf-8") + b"\n")
            os.fsync(fd)
            os.replace(tmp, self.path)
        except BaseException:
            os.close(fd)
            raise
        _fsync_folder(folder)
        if self._fd >= 0:
            os.close(self._fd)
        self._fd = fd
        self.base = base

    def append(self, entry: dict[str, Any]) -> None:
        """One line, one write, then fsync: when this returns the change survives a kill or a power cut."""
        data = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
        view = memoryview(data)
        while view:
            n = os.write(self._fd, view)
            view = view[n:]
        _datasync(self._fd)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def remove(self) -> None:
        """The session ended with everything folded: no journal is left behind."""
        self.close()
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass
        _fsync_folder(os.path.dirname(self.path))


def _datasync(fd: int) -> None:
    sync = getattr(os, "fdatasync", os.fsync)
    sync(fd)


def _fsync_folder(folder: str) -> None:
    try:
        dfd = os.open(folder or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def set_aside(path: str) -> str:
    """Keep a journal that no longer matches its report under a name that says so; returns the new name."""
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    target = f"{path}.unmerged-{stamp}"
    n = 2
    while os.path.exists(target):
        target = f"{path}.unmerged-{stamp}-{n}"
        n += 1
    os.replace(path, target)
    return target
