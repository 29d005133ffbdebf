"""Where derived files may be written: the one place that decides whether an output may replace what is there.

``export`` and ``import`` write files the user names with ``-o``; a typo must not cost
anyone a file. The rules:

* a file that does not exist is written;
* an existing file is replaced only when it is an earlier, unedited output of the
  same kind (a DOCX holding rapporteur's marker whose text is as exported; a
  Markdown file whose marker comment matches its text), or with ``--force``;
* a symbolic link is never written through unless it leads to such an earlier
  export (``--force`` does not change that: the link's target is someone's file,
  maybe outside the folder the user was looking at);
* a derived file is no more readable than its source (:func:`mode_limit`).

``import`` writes TOML, which cannot be told apart from a report someone wrote: an
existing file is replaced only with ``--force``, and never through a link.
"""

from __future__ import annotations

import os
import stat


class OutputRefused(Exception):
    """The output would replace something it must not. ``reason`` is the sentence without the file."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def existing_export(path: str | os.PathLike, to: str) -> str:
    """What an existing file is to an export in format ``to``: ``"export"`` (an unedited
    earlier export of that format), ``"edited"`` (one edited since) or ``"foreign"``."""
    if to == "md":
        from .export.markdown import read_marker
        from .tomlio import read_regular

        try:
            ours, edited = read_marker(read_regular(path, 256 * 1024 * 1024))
        except OSError:
            return "foreign"
        return ("edited" if edited else "export") if ours else "foreign"
    if to != "docx":
        return "foreign"
    from .export import package as pkg

    try:
        with pkg.open_package(path) as p:
            found = pkg.find_source(p)
            if found is None:
                return "foreign"
            if (
                found.body_digest
                and p.has("word/document.xml")
                and pkg.text_digest(p.read("word/document.xml")) != found.body_digest
            ):
                return "edited"
            return "export"
    except (pkg.PackageError, OSError):
        return "foreign"


_WHAT = {"docx": "a document", "md": "a Markdown file", "toml": "a report"}


def check_output(out: str | os.PathLike, to: str, force: bool) -> None:
    """Raise :class:`OutputRefused` if writing format ``to`` at ``out`` would replace what it must not."""
    path = os.fspath(out)
    what = _WHAT.get(to, "a file")
    if os.path.islink(path):
        target = os.path.realpath(path)
        if not os.path.lexists(target):
            raise OutputRefused(
                f"is a symbolic link to {target}, which does not exist; not written through it "
                "(remove the link, or choose another -o)"
            )
        verdict = existing_export(target, to) if to != "toml" else "foreign"
        if verdict != "export":
            raise OutputRefused(
                f"is a symbolic link to {target}, which is not {what} rapporteur exported; not written through it, "
                "even with --force (remove the link, or choose another -o)"
            )
        return
    try:
        st = os.stat(path)
    except OSError:
        return  # nothing there (or nothing we can see: the write says why)
    if not stat.S_ISREG(st.st_mode) or force:
        return  # a folder or a device: the writer refuses it with its own message
    if to == "toml":
        raise OutputRefused("already exists; not overwritten (use --force to replace it, or -o another file)")
    verdict = existing_export(path, to)
    if verdict == "edited":
        raise OutputRefused(
            "not overwritten: the existing file was edited after it was exported, and its changes would be lost "
            "(move it away, or export with --force)"
        )
    if verdict == "foreign":
        raise OutputRefused(
            f"not overwritten: the existing file is not {what} rapporteur wrote, and it would be lost "
            "(choose another -o, or export with --force)"
        )


def mode_limit(source: str | os.PathLike) -> int | None:
    """The permission bits a file derived from ``source`` may have at most (``None``: no limit known).

    A report kept 0600 gives a 0600 export: the export says what the report says. Only
    reading is limited: the owner may always write it (a read-only report must not make
    its export impossible to replace the next time).
    """
    try:
        return (stat.S_IMODE(os.stat(source).st_mode) & 0o666) | 0o200
    except OSError:
        return None


def is_stdout(output: str | os.PathLike | None) -> bool:
    return output is not None and os.fspath(output) == "-"
