"""Writing report files: Report -> canonical TOML, saved atomically.

Writing goes through the model in one canonical form (the report's own order,
prose as multi-line strings, a ``#:schema`` first line) and is atomic. Reading is
:mod:`rapporteur.tomlio`'s; a save re-reads its text through it to refuse what would
not read back.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from .ioerrors import io_message
from .tomlio import SCHEMA_FILENAME, ReportIOError, Source, parse_text

INLINE_ARRAY_WIDTH = 88  # lists of short items stay on one line up to this width

PROJECT_MARKERS = (".git", ".hg", "rapporteur.toml", "pyproject.toml")


def find_schema_directive(target: str | os.PathLike) -> str | None:
    """A relative path to the published schema, looked for upward from the report's folder.

    The search stops at the project's root (a folder with .git, rapporteur.toml or
    pyproject.toml), so a stray schema elsewhere on the machine never leaks into a
    repository's files; outside any project only the report's folder and its parent
    are searched.
    """
    start = Path(os.path.abspath(target)).parent
    folders = [start, *start.parents]
    root = next((i for i, f in enumerate(folders) if any((f / mk).exists() for mk in PROJECT_MARKERS)), None)
    for folder in folders[: (root + 1) if root is not None else 2]:
        for candidate in (folder / "schemas" / SCHEMA_FILENAME, folder / SCHEMA_FILENAME):
            if candidate.is_file():
                return Path(os.path.relpath(candidate, start)).as_posix()
    return None


def _prune(value: Any) -> Any:
    """Drop what TOML cannot hold or need not say: None and empty lists."""
    if isinstance(value, dict):
        return {k: _prune(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def _is_table(value: Any) -> bool:
    return isinstance(value, dict)


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _relax_quotes(body: str) -> str:
    """The body of a multi-line basic string with ``\\"`` written as ``"`` wherever TOML allows it.

    tomli-w escapes every double quote; in ``\"\"\"...\"\"\"`` one or two quotes in a row need no
    escape, so a rapporteur's "quoted words" stay as typed. A run of three or more, and a quote
    just before the closing delimiter, stay escaped (they would close the string).
    """
    if '\\"' not in body:
        return body
    pieces: list[str] = []
    i = 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            pieces.append('"' if body[i + 1] == '"' else body[i : i + 2])
            i += 2
        else:
            pieces.append(body[i])
            i += 1
    out: list[str] = []
    j = 0
    while j < len(pieces):
        if pieces[j] != '"':
            out.append(pieces[j])
            j += 1
            continue
        k = j
        while k < len(pieces) and pieces[k] == '"':
            k += 1
        run = k - j
        out.append('\\"' * run if run >= 3 or k == len(pieces) else '"' * run)
        j = k
    return "".join(out)


def _key_value(key: str, value: Any) -> str:
    """``key = value`` by tomli-w (which escapes correctly); short lists stay on one line."""
    line = tomli_w.dumps({key: value}, multiline_strings=True).rstrip("\n")
    if isinstance(value, str) and "\n" in value:
        head, sep, rest = line.partition('"""')
        if sep and rest.endswith('"""'):
            line = head + sep + _relax_quotes(rest[:-3]) + '"""'
    if isinstance(value, list) and value and not any(isinstance(v, (dict, list)) for v in value):
        items = [tomli_w.dumps({"x": v}).rstrip("\n")[4:] for v in value]
        one = f"{line.split(' = ', 1)[0]} = [{', '.join(items)}]"
        if len(one) <= INLINE_ARRAY_WIDTH and "\n" not in one:
            return one
    return line


def _emit_table(out: list[str], header: str | None, table: dict, array: bool = False) -> None:
    if header is not None:
        if out:
            out.append("")
        out.append(f"[[{header}]]" if array else f"[{header}]")
    for key, value in table.items():
        if not (_is_table(value) or _is_table_array(value)):
            out.append(_key_value(key, value))
    for key, value in table.items():
        name = f"{header}.{key}" if header else key
        if _is_table(value):
            _emit_table(out, name, value)
        elif _is_table_array(value):
            for item in value:
                _emit_table(out, name, item, array=True)


def dumps_data(data: dict, directive: str | None = None) -> str:
    """Canonical TOML text of report data (already in the report's field order)."""
    out: list[str] = []
    _emit_table(out, None, _prune(data))
    body = "\n".join(out).strip("\n") + "\n"
    if directive:
        return f"#:schema {directive}\n\n{body}"
    return body


def dumps(report: Any, directive: str | None = None) -> str:
    """Canonical TOML for a :class:`~rapporteur.model.Report`."""
    return dumps_data(report.model_dump(mode="python", exclude_none=True), directive)


def canonical_text(
    report: Any, target: str | os.PathLike, existing_directive: str | None = None, newline: str = "\n"
) -> str:
    """What ``save`` writes: the file's own ``#:schema`` line kept, else one found upward.

    ``newline`` is kept for callers that pass it; to write over a file, :func:`as_written`
    (or :func:`plan_save`, which also keeps comments) gives it the file's own line endings.
    """
    directive = existing_directive or find_schema_directive(target)
    text = dumps(report, directive)
    return text.replace("\n", newline) if newline != "\n" else text


def as_written(text: str, like: Source | None) -> str:
    """Canonical ``text`` (LF) the way the file it replaces was written: the same line endings.

    The one place that decides it, for ``fmt`` and the editor's save alike. A byte-order
    mark is not kept (``tomllib``, and so every Python TOML reader, refuses a file that
    starts with one); :func:`drops_bom` says when a caller should tell the user.
    """
    if like is not None and like.newline != "\n":
        return text.replace("\n", like.newline)
    return text


@dataclass
class SavePlan:
    """What a save writes over a file, and the comments of the file it keeps and cannot keep."""

    text: str  # with the file's line endings
    kept: list = field(default_factory=list)  # sourcemap.Comment
    lost: list = field(default_factory=list)  # comments that would go: ask before writing

    def describe_lost(self, limit: int = 5) -> str:
        lines = [f"line {c.line}: {c.text[:70]}" for c in self.lost[:limit]]
        if len(self.lost) > limit:
            lines.append(f"and {len(self.lost) - limit} more")
        return "\n".join(lines)


def plan_save(text: str, like: Source | None) -> SavePlan:
    """The editor's save: ``text`` (canonical, LF) with the comments of the file it replaces put
    back beside the keys they belong to, and those that cannot be (their key is gone, they sat
    inside a list) listed, so that nothing is deleted without asking.

    The result must read as exactly the same data as ``text``; if it did not, no comment is
    kept (all are listed as lost) rather than risk a wrong file.
    """
    if like is None or "#" not in like.text:
        return SavePlan(as_written(text, like))
    from . import sourcemap

    old = like.text.replace("\r\n", "\n")
    want, _ = parse_text(text, "new")
    before = like.data if like.data is not None else parse_text(old, "old")[0]
    carried, kept, lost = sourcemap.carry_comments(old, text, like.schema_directive is not None, before, want)
    if kept:
        got, _ = parse_text(carried, "carried")
        if got is None or got != want:
            every = sourcemap.comments_of(sourcemap.build(old), like.schema_directive is not None)
            return SavePlan(as_written(text, like), [], every)
    return SavePlan(as_written(carried, like), kept, lost)


def drops_bom(like: Source | None) -> bool:
    """Whether writing over ``like`` drops the byte-order mark it had."""
    return like is not None and like.had_bom


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(
    path: str | os.PathLike, data: bytes | str, shown: str | None = None, max_mode: int | None = None
) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old or the new file, never half.

    The temporary file lives in the same folder (so ``os.replace`` is atomic), is
    fsynced before the rename, and takes the old file's mode. A read-only file or
    folder is refused even for root: the user made it read-only for a reason.
    ``max_mode`` caps the permission bits (a file derived from a 0600 source is 0600).
    """
    shown = shown or os.fspath(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    target = os.path.realpath(path)
    folder = os.path.dirname(target) or "."
    try:
        try:
            st = os.stat(target)
            if stat.S_ISDIR(st.st_mode):
                raise IsADirectoryError(errno.EISDIR, "is a directory")
            if not stat.S_ISREG(st.st_mode):
                # export -o /dev/null, as root, would otherwise replace the device with a file
                raise ReportIOError(shown, "is not a regular file (a pipe, socket or device); nothing was written")
            mode = stat.S_IMODE(st.st_mode)
            owner: tuple[int, int] | None = (st.st_uid, st.st_gid)
            if not mode & 0o222:
                raise ReportIOError(shown, "the file is read-only; nothing was written")
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
            owner = None
        if max_mode is not None:
            mode &= max_mode
        dst = os.stat(folder)
        if not stat.S_IMODE(dst.st_mode) & 0o222:
            raise ReportIOError(shown, f"the folder {folder} is read-only; nothing was written")
        import tempfile  # here, not at the top: it imports shutil, ~10 ms of every validate run

        fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(target) + ".", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, mode)
            if owner is not None and owner != (os.geteuid(), os.getegid()):
                try:
                    os.chown(tmp, *owner)  # root formatting someone's file must not take it over
                except OSError:
                    pass
            os.replace(tmp, target)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        try:
            dfd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
        except OSError:
            pass
    except ReportIOError:
        raise
    except OSError as exc:
        raise ReportIOError(shown, "could not write: " + io_message(exc)) from None
