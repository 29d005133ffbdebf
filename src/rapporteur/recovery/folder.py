"""The private recovery folder and the files in it, always reached through the folder's descriptor.

Where the folder is (``RAPPORTEUR_STATE_DIR``, else platformdirs' state folder, else
a private folder in the temporary directory when there is no home), the file names
of a report's recovery files (its real path hashed), and the reads and writes that
never follow a symlink nor trust a file or folder that is not the user's own.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import stat
from pathlib import Path

from .. import tomlio

APP_NAME = "rapporteur"
MAX_RECOVERY_BYTES = tomlio.MAX_BYTES
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
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
        fd = os.open(folder, os.O_RDONLY | _DIRECTORY | NOFOLLOW)
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


def write_private(dir_fd: int, name: str, text: str) -> None:
    """Replace ``name`` with ``text`` atomically: a 0600 O_EXCL temporary file renamed over it."""
    data = text.encode("utf-8", "surrogateescape")
    for _ in range(10):
        tmp = f".{name}.{secrets.token_hex(8)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, 0o600, dir_fd=dir_fd)
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


def read_private(dir_fd: int, name: str) -> str | None:
    """The text of ``name`` if it is a regular file of the user's (never through a symlink); else None."""
    try:
        fd = os.open(name, os.O_RDONLY | NOFOLLOW | getattr(os, "O_NONBLOCK", 0), dir_fd=dir_fd)
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


def unlink(dir_fd: int, name: str) -> None:
    try:
        os.unlink(name, dir_fd=dir_fd)
    except FileNotFoundError:
        pass


def exists(fd: int, name: str) -> bool:
    try:
        os.stat(name, dir_fd=fd, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return True
