"""Leases: which process on which machine has a report open, and whether it still runs."""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass

from .files import format_saved_at

# -- leases: who else has the report open ----------------------------------------------------------------

OPEN_HERE: set[str] = set()  # tokens of the sessions open in this process


def proc_stat(pid: int) -> tuple[str, str] | None:
    """The state and the kernel's start time of ``pid`` (Linux ``/proc``); None elsewhere."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        return fields[0].decode(), fields[19].decode()
    except (OSError, IndexError):
        return None


def proc_start(pid: int) -> str | None:
    """The kernel's start time of ``pid``, so a reused pid is not taken for the editor."""
    found = proc_stat(pid)
    return found[1] if found else None


@dataclass
class Lease:
    """A session's claim on a report: which process on which machine, since when."""

    token: str
    pid: int
    host: str
    started: float
    proc_start: str | None = None

    def to_text(self) -> str:
        return json.dumps({"pid": self.pid, "host": self.host, "started": self.started, "proc_start": self.proc_start})

    @classmethod
    def from_text(cls, token: str, text: str) -> Lease | None:
        try:
            raw = json.loads(text)
            return cls(token, int(raw["pid"]), str(raw["host"]), float(raw["started"]), raw.get("proc_start"))
        except (ValueError, KeyError, TypeError):
            return None

    @property
    def here(self) -> bool:
        return self.host == socket.gethostname()

    def alive(self) -> bool:
        """Whether the session may still be running (one on another machine cannot be checked: yes)."""
        if not self.here:
            return True
        if self.pid == os.getpid():
            return self.token in OPEN_HERE
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            pass  # another user's process: it exists
        except OSError:
            return True
        found = proc_stat(self.pid)
        if found is None:
            return True
        state, started = found
        if state in ("Z", "X"):
            return False  # killed, not yet reaped by its parent: its work is over
        return not (self.proc_start and started != self.proc_start)

    def describe(self) -> str:
        where = "this machine" if self.here else f"{self.host} (cannot be checked from here)"
        return f"process {self.pid} on {where}, since {format_saved_at(self.started)}"
