"""Autosave and recovery: the editor's copy of unsaved work, outside the report's folder.

While a report is being edited, its current data is written every couple of
seconds to a *recovery file* in the user's state directory (platformdirs;
``RAPPORTEUR_STATE_DIR`` overrides it). The report itself is only ever written by
an explicit save. After a crash, a kill or a closed terminal, opening the report
finds the recovery files and the editor offers to restore or discard each,
saying what differs.

Each editor is a :class:`Session` with its own recovery file and a *lease* (pid,
host, start time) beside it, so two editors on one report never overwrite or
delete each other's autosave, the second is told the report is open elsewhere,
and after a kill each session's text is offered on reopening. Files are keyed by
the report's real path (a symlink and its target are one report), hashed from its
bytes (a file name need not be UTF-8 or free of newlines).

The recovery folder is private (0700) and its files 0600, created with O_EXCL and
O_NOFOLLOW under unpredictable temporary names, all relative to the folder's
descriptor; a symlink, or a file or folder not owned by the user, is refused and
never offered. No home directory at all (no HOME, no passwd entry): a private
folder in the temporary directory, or autosave is off and the editor says why.

A recovery file is the report's data as canonical TOML (``tomlwrite.dumps_data``,
which also holds a half-typed, not yet valid value) after a small header of
``#`` comment lines: the report's path (JSON-quoted), when it was written, and
the session. No terminal code here.

The package: ``folder`` (where the private folder is and its files, by descriptor),
``files`` (a recovery file's header and whether it is worth offering), ``leases``
(who else has the report open) and ``session`` (an editor's autosave, and the
single-file functions kept for scripts and tests).
"""

from __future__ import annotations

from .files import Recovery, format_saved_at
from .folder import (
    APP_NAME,
    MAX_RECOVERY_BYTES,
    StateDirError,
    home_is_known,
    open_recovery_dir,
    recovery_dir,
    recovery_path,
    report_key,
    state_dir,
)
from .leases import Lease
from .session import Session, discard, load, pending, write

__all__ = [
    "APP_NAME",
    "MAX_RECOVERY_BYTES",
    "Lease",
    "Recovery",
    "Session",
    "StateDirError",
    "discard",
    "format_saved_at",
    "home_is_known",
    "load",
    "open_recovery_dir",
    "pending",
    "recovery_dir",
    "recovery_path",
    "report_key",
    "state_dir",
    "write",
]
