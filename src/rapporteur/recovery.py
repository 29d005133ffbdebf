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
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import re
import secrets
import socket
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from . import tomlio, tomlwrite
from .differences import normal

APP_NAME = "rapporteur"
_HEADER = re.compile(r"^# rapporteur recovery of: (.*)$")
_SAVED = re.compile(r"^# saved at: ([0-9.]+)$")
_SESSION = re.compile(r"^# session: ([0-9a-f]+)$")
_AFTER_KEY = re.compile(r"^(?:(?P<token>[0-9a-f]{16})\.)?(?P<ext>toml|lease)$")
MAX_RECOVERY_BYTES = tomlio.MAX_BYTES
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


class StateDirError(Exception):
    """The recovery folder cannot be used safely (the message says why; autosave is then off)."""


# -- where ---------------------------------------------------------------------------------------------


def _fallback_state_dir() -> Path:
    """No home directory: a per-user folder in the temporary directory (checked like any other)."""
    import tempfile  # here: it imports shutil, which the editor's start need not pay for

    return Path(tempfile.gettempdir()) / f"{APP_NAME}-{os.geteuid() if hasattr(os, 'geteuid') else 'user'}"


def state_dir() -> Path:
    """The state folder: ``RAPPORTEUR_STATE_DIR``, else platformdirs', else a private temporary one."""
    override = os.environ.get("RAPPORTEUR_STATE_DIR")
    if override:
        return Path(os.path.abspath(override))
    from platformdirs import user_state_path

    try:
        path = user_state_path(APP_NAME, appauthor=False)
    except (RuntimeError, KeyError, OSError):  # "could not determine the home directory"
        return _fallback_state_dir()
    return path if path.is_absolute() else _fallback_state_dir()


def home_is_known() -> bool:
    """Whether the state folder is the user's own (not the no-home fallback)."""
    return bool(os.environ.get("RAPPORTEUR_STATE_DIR")) or state_dir() != _fallback_state_dir()


def recovery_dir() -> Path:
    return state_dir() / "recovery"


def report_key(report_path: str | os.PathLike) -> str:
    """The file-name stem of a report's recovery files: readable name + hash of the real path's bytes."""
    real = os.path.realpath(os.fspath(report_path))
    digest = hashlib.sha256(os.fsencode(real)).hexdigest()[:16]
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", os.path.basename(real))[:60]
    return f"{stem}.{digest}"


def recovery_path(report_path: str | os.PathLike) -> Path:
    """The first session's recovery file of ``report_path`` (later sessions add their token)."""
    return recovery_dir() / f"{report_key(report_path)}.toml"


def _check_private(st: os.stat_result, what: str) -> None:
    if stat.S_ISLNK(st.st_mode):
        raise StateDirError(f"{what} is a symbolic link; autosave is off")
    if not stat.S_ISDIR(st.st_mode):
        raise StateDirError(f"{what} is not a folder; autosave is off")
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        raise StateDirError(f"{what} belongs to another user; autosave is off")


def open_recovery_dir() -> int:
    """A descriptor of the private recovery folder, created 0700 if needed. Raises StateDirError.

    The state folder must be the user's own and not a symlink (it may be readable by
    others: only the recovery folder inside it holds drafts); the recovery folder must
    be the user's own and is made 0700 if it was not (older versions made it 0755).
    """
    base = state_dir()
    if os.open not in os.supports_dir_fd or os.rename not in os.supports_dir_fd:
        raise StateDirError("this system cannot open files relative to a folder safely; autosave is off")
    try:
        base.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.mkdir(base, 0o700)
        except FileExistsError:
            pass
        _check_private(os.lstat(base), str(base))
        st = os.lstat(base)
        if st.st_mode & 0o002 and not st.st_mode & stat.S_ISVTX:
            raise StateDirError(f"{base} can be written by anyone; autosave is off")
        folder = base / "recovery"
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            pass
        fd = os.open(folder, os.O_RDONLY | _DIRECTORY | _NOFOLLOW)
    except StateDirError:
        raise
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR) and os.path.islink(base / "recovery"):
            raise StateDirError(f"{base / 'recovery'} is a symbolic link; autosave is off") from None
        raise StateDirError(f"cannot use {base} for autosave ({exc.strerror}); autosave is off") from None
    try:
        st = os.fstat(fd)
        _check_private(st, str(folder))
        if stat.S_IMODE(st.st_mode) != 0o700:
            os.fchmod(fd, 0o700)
    except BaseException:
        os.close(fd)
        raise
    return fd


# -- files in the folder, by descriptor ------------------------------------------------------------------


def _write_private(dir_fd: int, name: str, text: str) -> None:
    """Replace ``name`` with ``text`` atomically: a 0600 O_EXCL temporary file renamed over it."""
    data = text.encode("utf-8", "surrogateescape")
    for _ in range(10):
        tmp = f".{name}.{secrets.token_hex(8)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600, dir_fd=dir_fd)
            break
        except FileExistsError:
            continue
    else:
        raise OSError(errno.EEXIST, "could not create a temporary file")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException:
        try:
            os.unlink(tmp, dir_fd=dir_fd)
        except OSError:
            pass
        raise


def _read_private(dir_fd: int, name: str) -> str | None:
    """The text of ``name`` if it is a regular file of the user's (never through a symlink); else None."""
    try:
        fd = os.open(name, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0), dir_fd=dir_fd)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_RECOVERY_BYTES:
            return None
        if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
            return None  # planted by someone else: never offered
        if stat.S_IMODE(st.st_mode) & 0o077:
            os.fchmod(fd, 0o600)  # ours, written by an older version: private from now on
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            raw = fh.read(MAX_RECOVERY_BYTES + 1)
    except OSError:
        return None
    finally:
        if fd >= 0:
            os.close(fd)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _unlink(dir_fd: int, name: str) -> None:
    try:
        os.unlink(name, dir_fd=dir_fd)
    except FileNotFoundError:
        pass


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


def _header(report_path: str | os.PathLike, session: str | None) -> str:
    shown = json.dumps(os.path.realpath(os.fspath(report_path)))  # escapes newlines and undecodable bytes
    lines = [f"# rapporteur recovery of: {shown}", f"# saved at: {time.time():.3f}"]
    if session:
        lines.append(f"# session: {session}")
    return "\n".join(lines) + "\n"


def _parse(path: Path, text: str, report_path: str | os.PathLike) -> Recovery:
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
        from .migrate import migrate

        data, _notes = migrate(data)
    return Recovery(path, original, saved_at or 0.0, text, data, session)


def _report_mtime(report_path: str | os.PathLike) -> float | None:
    try:
        return os.stat(report_path).st_mtime
    except OSError:
        return None


def _worth_offering(rec: Recovery | None, report_path: str | os.PathLike, current: dict | None) -> bool:
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
    return current is None or normal(rec.data) != normal(current)


# -- leases: who else has the report open ----------------------------------------------------------------

_OPEN_HERE: set[str] = set()  # tokens of the sessions open in this process


def _proc_stat(pid: int) -> tuple[str, str] | None:
    """The state and the kernel's start time of ``pid`` (Linux ``/proc``); None elsewhere."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        return fields[0].decode(), fields[19].decode()
    except (OSError, IndexError):
        return None


def _proc_start(pid: int) -> str | None:
    """The kernel's start time of ``pid``, so a reused pid is not taken for the editor."""
    found = _proc_stat(pid)
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
            return self.token in _OPEN_HERE
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            pass  # another user's process: it exists
        except OSError:
            return True
        found = _proc_stat(self.pid)
        if found is None:
            return True
        state, started = found
        if state in ("Z", "X"):
            return False  # killed, not yet reaped by its parent: its work is over
        return not (self.proc_start and started != self.proc_start)

    def describe(self) -> str:
        where = "this machine" if self.here else f"{self.host} (cannot be checked from here)"
        return f"process {self.pid} on {where}, since {format_saved_at(self.started)}"


# -- a session -------------------------------------------------------------------------------------------


class Session:
    """One editor's autosave for one report: its own recovery file and lease.

    Open it with :meth:`open` (never raises: ``disabled`` then says why autosave is
    off); ``others`` are the live sessions on the same report when it opened.
    """

    def __init__(self, report_path: str | os.PathLike) -> None:
        self.report_path = os.path.realpath(os.fspath(report_path))
        self.key = report_key(self.report_path)
        self.token = secrets.token_hex(8)
        self.disabled: str | None = None
        self.note: str | None = None  # said once: where autosave goes when there is no home directory
        self.others: list[Lease] = []
        self.name = f"{self.key}.{self.token}.toml"
        self._adopted: list[str] = []
        self._open = False

    @classmethod
    def open(cls, report_path: str | os.PathLike) -> Session:
        session = cls(report_path)
        session._start()
        return session

    def _dir(self) -> int:
        return open_recovery_dir()

    def _start(self) -> None:
        try:
            fd = self._dir()
        except StateDirError as exc:
            self.disabled = str(exc)
            return
        try:
            lease = Lease(self.token, os.getpid(), socket.gethostname(), time.time(), _proc_start(os.getpid()))
            fdl = os.open(
                f"{self.key}.{self.token}.lease",
                os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW,
                0o600,
                dir_fd=fd,
            )
            with os.fdopen(fdl, "w", encoding="utf-8") as fh:
                fh.write(lease.to_text())
            _OPEN_HERE.add(self.token)
            self._open = True
            # the lease first, then the others: of two sessions starting at once, one sees the other
            self.others = [other for other in self._leases(fd) if other.token != self.token and other.alive()]
            primary = f"{self.key}.toml"
            if not self.others and not _exists(fd, primary):
                self.name = primary  # the usual case keeps the usual name
        except OSError as exc:
            self.disabled = f"cannot write in {recovery_dir()} ({exc.strerror}); autosave is off"
        finally:
            os.close(fd)
        if not home_is_known() and not self.disabled:
            self.note = f"no home directory: autosave goes to {recovery_dir()}"

    def _entries(self, fd: int) -> list[tuple[str, str | None, str]]:
        """(name, token, ext) of this report's files in the folder."""
        out = []
        prefix = self.key + "."
        for name in os.listdir(fd):
            m = _AFTER_KEY.match(name[len(prefix) :]) if name.startswith(prefix) else None
            if m:
                out.append((name, m.group("token"), m.group("ext")))
        return out

    def _leases(self, fd: int) -> list[Lease]:
        leases = []
        for name, token, ext in self._entries(fd):
            if ext != "lease" or token is None:
                continue
            text = _read_private(fd, name)
            lease = Lease.from_text(token, text) if text is not None else None
            if lease is None:
                continue
            if token != self.token and not lease.alive():
                _unlink(fd, name)  # a stale lease: its session was killed; its autosave stays
                continue
            leases.append(lease)
        return leases

    @property
    def path(self) -> Path:
        """This session's recovery file."""
        return recovery_dir() / self.name

    def write(self, data: dict, directive: str | None = None) -> Path:
        """Autosave ``data`` to this session's file. Raises StateDirError or OSError."""
        if self.disabled:
            raise StateDirError(self.disabled)
        body = tomlwrite.dumps_data(data, directive)
        fd = self._dir()
        try:
            _write_private(fd, self.name, _header(self.report_path, self.token) + body)
            for name in self._adopted:  # restored into this session: its text is safe here now
                _unlink(fd, name)
            self._adopted.clear()
        finally:
            os.close(fd)
        return self.path

    def pending(self, current: dict | None = None) -> list[Recovery]:
        """Autosaves of sessions that are no longer running, worth offering: newest first.

        A live session's file is never offered (it is that session's work in progress),
        nor a file that is not the user's own or is a symlink.
        """
        if self.disabled:
            return []
        try:
            fd = self._dir()
        except StateDirError:
            return []
        try:
            live = {lease.token for lease in self._leases(fd) if lease.alive()}
            found = []
            for name, token, ext in self._entries(fd):
                if ext != "toml" or name == self.name or name in self._adopted:
                    continue
                text = _read_private(fd, name)
                if text is None:
                    continue
                rec = _parse(recovery_dir() / name, text, self.report_path)
                if (rec.session or token) in live:
                    continue
                if _worth_offering(rec, self.report_path, current):
                    found.append(rec)
        finally:
            os.close(fd)
        return sorted(found, key=lambda r: r.saved_at, reverse=True)

    def adopt(self, rec: Recovery) -> None:
        """``rec`` was restored into this session: it goes once this session has autosaved or saved."""
        self._adopted.append(rec.path.name)

    def discard(self, rec: Recovery | None = None) -> None:
        """Delete this session's recovery file (and those restored into it), or ``rec``, an offered one.

        Never another live session's file: ``rec`` is checked again before it goes.
        """
        if self.disabled:
            return
        try:
            fd = self._dir()
        except StateDirError:
            return
        try:
            if rec is None:
                for name in [self.name, *self._adopted]:
                    _unlink(fd, name)
                self._adopted.clear()
                return
            live = {lease.token for lease in self._leases(fd) if lease.alive() and lease.token != self.token}
            text = _read_private(fd, rec.path.name)
            owner = _parse(rec.path, text, self.report_path).session if text is not None else None
            if owner not in live and (rec.session or "") not in live:
                _unlink(fd, rec.path.name)
        finally:
            os.close(fd)

    def close(self) -> None:
        """The editor is closing: give up the lease (the recovery file stays unless discarded)."""
        if not self._open:
            return
        self._open = False
        _OPEN_HERE.discard(self.token)
        try:
            fd = self._dir()
        except StateDirError:
            return
        try:
            _unlink(fd, f"{self.key}.{self.token}.lease")
        finally:
            os.close(fd)


def _exists(fd: int, name: str) -> bool:
    try:
        os.stat(name, dir_fd=fd, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return True


# -- the single-file functions (one session per report; kept for scripts and tests) ----------------------


def write(report_path: str | os.PathLike, data: dict, directive: str | None = None) -> Path:
    """Write the first session's recovery file for ``report_path`` (atomically, privately)."""
    fd = open_recovery_dir()
    try:
        target = recovery_path(report_path)
        _write_private(fd, target.name, _header(report_path, None) + tomlwrite.dumps_data(data, directive))
    finally:
        os.close(fd)
    return target


def load(report_path: str | os.PathLike) -> Recovery | None:
    """The first session's recovery file of ``report_path``, if there is one (and it is safe to read)."""
    try:
        fd = open_recovery_dir()
    except StateDirError:
        return None
    path = recovery_path(report_path)
    try:
        text = _read_private(fd, path.name)
    finally:
        os.close(fd)
    return _parse(path, text, report_path) if text is not None else None


def discard(report_path: str | os.PathLike) -> None:
    """Delete the first session's recovery file of ``report_path``."""
    try:
        fd = open_recovery_dir()
    except StateDirError:
        return
    try:
        _unlink(fd, recovery_path(report_path).name)
    finally:
        os.close(fd)


def pending(report_path: str | os.PathLike, current: dict | None = None) -> Recovery | None:
    """The newest autosave of ``report_path`` worth offering: of no running session, newer than the
    report, and different from ``current`` (the report's data as read; ``None`` if it could not be)."""
    session = Session(report_path)  # not opened: it holds no lease and writes nothing
    found = session.pending(current)
    return found[0] if found else None
