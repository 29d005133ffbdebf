"""DOCX -> the TOML report it was exported from, byte for byte.

``rapporteur export`` embeds the report's source file in the DOCX (a custom XML
part, see :mod:`rapporteur.export.package`); this module takes it out again and
checks it against the SHA-256 recorded beside it. It does not read the document's
text: what comes back is the report as it was exported. When the document's text
has changed since (someone edited it in Word), :attr:`Imported.edited` says so, so
that nobody mistakes the recovered report for one with the edits.

Nothing here imports python-docx or lxml: only :mod:`zipfile` and the standard
library's XML parser, with every size bounded.

Errors are :class:`ImportProblem`: ``code`` 1 when the file is not a DOCX that
rapporteur exported (not a zip, a truncated or damaged zip, a zip bomb, a Word
document without an embedded report, a damaged embedded report); 2 when the file
cannot be read at all (missing, a folder, no permission).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .export import package as pkg
from .ioerrors import io_message as _io_message


class ImportProblem(Exception):
    """The report could not be recovered. ``code``: 1 the file's content, 2 I/O."""

    def __init__(self, reason: str, file: str = "", code: int = 1) -> None:
        super().__init__(f"{file}: {reason}" if file else reason)
        self.file = file
        self.reason = reason
        self.code = code


@dataclass
class Imported:
    data: bytes  # the TOML file's exact bytes
    edited: bool  # the document's text changed after export


def read_report(path: str | os.PathLike, shown: str | None = None) -> Imported:
    """The embedded report of a DOCX written by ``rapporteur export``."""
    shown = shown or os.fspath(path)
    try:
        p = pkg.open_package(path, "Word document")
    except pkg.PackageError as exc:
        raise ImportProblem(exc.reason, shown) from None
    except OSError as exc:
        raise ImportProblem(_io_message(exc, path), shown, code=2) from None
    with p:
        try:
            found = pkg.find_source(p)
            if found is None:
                word = p.has("word/document.xml")
                what = "a Word document" if word else "an Office document"
                raise ImportProblem(
                    f"{what} that rapporteur did not export: it carries no embedded report "
                    "(only files written by `rapporteur export` can be imported)",
                    shown,
                )
            edited = False
            if found.body_digest and p.has("word/document.xml"):
                try:
                    edited = pkg.text_digest(p.read("word/document.xml")) != found.body_digest
                except pkg.PackageError:
                    edited = True
            return Imported(found.data, edited)
        except pkg.PackageError as exc:
            raise ImportProblem(exc.reason, shown) from None
