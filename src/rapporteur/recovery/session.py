"""One editor's autosave of one report (:class:`Session`), and the single-file functions."""

from __future__ import annotations

import os
import re
import secrets
import socket
import time
from pathlib import Path

from .. import tomlwrite
from .files import Recovery, header, parse, worth_offering
from .folder import (
    NOFOLLOW,
    StateDirError,
    exists,
    home_is_known,
    open_recovery_dir,
    read_private,
    recovery_dir,
    recovery_path,
    report_key,
    unlink,
    write_private,
)
from .leases import OPEN_HERE, Lease, proc_start

_AFTER_KEY = re.compile(r"^(?:(?P<token>[0-9a-f]{16})\.)?(?P<ext>toml|lease)$")


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
            lease = Lease(self.token, os.getpid(), socket.gethostname(), time.time(), proc_start(os.getpid()))
            fdl = os.open(
                f"{self.key}.{self.token}.lease",
                os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW,
                0o600,
                dir_fd=fd,
            )
            with os.fdopen(fdl, "w", encoding="utf-8") as fh:
                fh.write(lease.to_text())
            OPEN_HERE.add(self.token)
            self._open = True
            # the lease first, then the others: of two sessions starting at once, one sees the other
            self.others = [other for other in self._leases(fd) if other.token != self.token and other.alive()]
            primary = f"{self.key}.toml"
            if not self.others and not exists(fd, primary):
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
            text = read_private(fd, name)
            lease = Lease.from_text(token, text) if text is not None else None
            if lease is None:
                continue
            if token != self.token and not lease.alive():
                unlink(fd, name)  # a stale lease: its session was killed; its autosave stays
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
            write_private(fd, self.name, header(self.report_path, self.token) + body)
            for name in self._adopted:  # restored into this session: its text is safe here now
                unlink(fd, name)
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
                text = read_private(fd, name)
                if text is None:
                    continue
                rec = parse(recovery_dir() / name, text, self.report_path)
                if (rec.session or token) in live:
                    continue
                if worth_offering(rec, self.report_path, current):
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
                    unlink(fd, name)
                self._adopted.clear()
                return
            live = {lease.token for lease in self._leases(fd) if lease.alive() and lease.token != self.token}
            text = read_private(fd, rec.path.name)
            owner = parse(rec.path, text, self.report_path).session if text is not None else None
            if owner not in live and (rec.session or "") not in live:
                unlink(fd, rec.path.name)
        finally:
            os.close(fd)

    def close(self) -> None:
        """The editor is closing: give up the lease (the recovery file stays unless discarded)."""
        if not self._open:
            return
        self._open = False
        OPEN_HERE.discard(self.token)
        try:
            fd = self._dir()
        except StateDirError:
            return
        try:
            unlink(fd, f"{self.key}.{self.token}.lease")
        finally:
            os.close(fd)


# -- the single-file functions (one session per report; kept for scripts and tests) ----------------------


def write(report_path: str | os.PathLike, data: dict, directive: str | None = None) -> Path:
    """Write the first session's recovery file for ``report_path`` (atomically, privately)."""
    fd = open_recovery_dir()
    try:
        target = recovery_path(report_path)
        write_private(fd, target.name, header(report_path, None) + tomlwrite.dumps_data(data, directive))
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
        text = read_private(fd, path.name)
    finally:
        os.close(fd)
    return parse(path, text, report_path) if text is not None else None


def discard(report_path: str | os.PathLike) -> None:
    """Delete the first session's recovery file of ``report_path``."""
    try:
        fd = open_recovery_dir()
    except StateDirError:
        return
    try:
        unlink(fd, recovery_path(report_path).name)
    finally:
        os.close(fd)


def pending(report_path: str | os.PathLike, current: dict | None = None) -> Recovery | None:
    """The newest autosave of ``report_path`` worth offering: of no running session, newer than the
    report, and different from ``current`` (the report's data as read; ``None`` if it could not be)."""
    session = Session(report_path)  # not opened: it holds no lease and writes nothing
    found = session.pending(current)
    return found[0] if found else None
