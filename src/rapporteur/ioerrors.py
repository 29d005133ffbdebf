"""Operating-system errors in words a user reads: one owner for every command and module.

(It was ``tomlio._io_message``, imported across modules under a private name.)
"""

from __future__ import annotations

import errno
import os


def io_message(exc: OSError, path: str | os.PathLike[str] | None = None) -> str:
    """What went wrong with a file, in the words of the one-line message every command prints."""
    code = exc.errno
    if isinstance(exc, FileNotFoundError) or code == errno.ENOENT:
        if path is not None and os.path.islink(path):
            return "broken symbolic link (its target does not exist)"
        return "no such file"
    if isinstance(exc, IsADirectoryError) or code == errno.EISDIR:
        return "is a directory"
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if code == errno.ELOOP:
        return "too many levels of symbolic links (a symlink loop)"
    if code == errno.ENOSPC:
        return "no space left on the device"
    if code == errno.EROFS:
        return "the file system is read-only"
    return exc.strerror or str(exc)
