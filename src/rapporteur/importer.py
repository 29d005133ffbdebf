"""DOCX -> the TOML report it was exported from, byte for byte.

``rapporteur export`` embeds the report's source file in the DOCX (a custom XML
part, see :mod:`rapporteur.export.package`); this module takes it out again and
checks it against the SHA-256 recorded beside it. What comes back is the report as
it was exported, and nothing is trusted on the way:

* only the part the document refers to is read (one added beside it is ignored);
* the report is validated (a part that is TOML but not a report is refused);
* it is exported again in memory and its words compared with the document's:
  :attr:`Imported.edited` when the document's text changed after export (edited
  in Word), :attr:`Imported.mismatch` when the embedded report would not print the
  text it was exported with (altered inside the file);
* an export that carries no source (Chatham House Rule, ``--no-embed-source``)
  says so, and so does a document whose report a converter (LibreOffice) dropped;
* :attr:`Imported.omitted` names what the export left out (internal notes).

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
from xml.etree import ElementTree as ET

from .export import package as pkg
from .ioerrors import io_message as _io_message


class ImportProblem(Exception):
    """The report could not be recovered. ``code``: 1 the file's content, 2 I/O."""

    def __init__(self, reason: str, file: str = "", code: int = 1, foreign: bool = False) -> None:
        super().__init__(f"{file}: {reason}" if file else reason)
        self.file = file
        self.reason = reason
        self.code = code
        self.foreign = foreign  # a document rapporteur never exported: its prose may be imported instead


@dataclass
class Imported:
    data: bytes  # the TOML file's exact bytes (as embedded)
    edited: bool  # the document's text changed after export
    omitted: tuple[str, ...] = ()  # keys the export left out of the embedded source (internal notes)
    mismatch: bool = False  # the embedded report does not give the document's text
    ignored: tuple[str, ...] = ()  # parts that claimed to be the report but that the document does not refer to


_CONVERTERS = ("LibreOffice", "OpenOffice", "NeoOffice", "Collabora")


def _saved_by(p: pkg.Package) -> str:
    """The application docProps/app.xml names (``""`` when none)."""
    if not p.has("docProps/app.xml"):
        return ""
    try:
        root = ET.fromstring(p.read("docProps/app.xml", 1024 * 1024))
    except (ET.ParseError, pkg.PackageError):
        return ""
    for el in root.iter():
        if el.tag.rsplit("}", 1)[-1] == "Application":
            return " ".join((el.text or "").split())
    return ""


def _was_ours(p: pkg.Package) -> bool:
    """Traces rapporteur's export leaves in the properties that converters keep (the category)."""
    if not p.has("docProps/core.xml"):
        return False
    try:
        root = ET.fromstring(p.read("docProps/core.xml", 1024 * 1024))
    except (ET.ParseError, pkg.PackageError):
        return False
    return any(el.tag.rsplit("}", 1)[-1] == "category" and (el.text or "").strip() == "Event report" for el in root)


def _no_source(p: pkg.Package) -> str:
    """Why a document without rapporteur's part cannot be imported, as plainly as the file lets us say."""
    app = _saved_by(p)
    converter = next((c for c in _CONVERTERS if c.lower() in app.lower()), None)
    if converter and _was_ours(p):
        return (
            f"the embedded report was lost in conversion: this document was exported by rapporteur, then saved by "
            f"{converter}, which drops the report rapporteur embeds (a round trip through ODT does too); "
            "import the DOCX as rapporteur exported it, or use the report's TOML file (to apply this document's "
            "edits to it: --onto REPORT.toml)"
        )
    word = p.has("word/document.xml")
    what = "a Word document" if word else "an Office document"
    saved = f" (last saved by {app[:80]})" if converter else ""
    return (
        f"{what} that rapporteur did not export{saved}: it carries no embedded report "
        "(only files written by `rapporteur export` can be imported)"
    )


def validated(data: bytes, shown: str) -> object:
    """The embedded report, validated as ``rapporteur validate`` would; :class:`ImportProblem` when it is not one."""
    from .tomlio import parse_source
    from .validate import validate_source

    source = parse_source(data, "the embedded report")
    result = validate_source(source, fast=True)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    if result.report is None or errors:
        d = (errors or result.diagnostics)[0]
        where = f" at line {d.line}, column {d.col}" if d.line else ""
        n = len(errors) or len(result.diagnostics)
        more = f" (and {n - 1} more)" if n > 1 else ""
        raise ImportProblem(
            f"the embedded report is not a valid report{where}: {d.message}{more}; nothing was imported",
            shown,
        )
    return result.report


def _gives_the_text(report: object, layout: str, actual: str) -> bool:
    """Whether the report, exported again, prints the words the document holds."""
    from .export.document import LAYOUTS, build
    from .export.text import PrintStyle

    # The house style that printed it is not recorded: try each way it may print dates and leads.
    styles = [PrintStyle(d, t) for t in (False, True) for d in ("day-month-year", "month-day-year")]
    for lay in (layout,) if layout in LAYOUTS else LAYOUTS:
        for style in styles:
            if pkg.blocks_digest(build(report, lay, style).blocks) == actual:  # type: ignore[arg-type]
                return True
    return False


def open_document(path: str | os.PathLike, shown: str) -> pkg.Package:
    """The DOCX at ``path`` as a package, or :class:`ImportProblem` (1: not a DOCX; 2: cannot be read)."""
    try:
        return pkg.open_package(path, "Word document")
    except pkg.PackageError as exc:
        raise ImportProblem(exc.reason, shown) from None
    except OSError as exc:
        raise ImportProblem(_io_message(exc, path), shown, code=2) from None


def read_report(path: str | os.PathLike, shown: str | None = None) -> Imported:
    """The embedded report of a DOCX written by ``rapporteur export``, validated and compared with the text."""
    shown = shown or os.fspath(path)
    with open_document(path, shown) as p:
        try:
            found = pkg.find_source(p)
            if found is None:
                raise ImportProblem(_no_source(p), shown, foreign=not _was_ours(p))
            if found.data is None:
                from .export.privacy import ABSENT_REASONS

                why = ABSENT_REASONS.get(found.reason, "it was exported without it")
                raise ImportProblem(
                    f"exported by rapporteur without its report source: {why}; there is nothing to import "
                    "(the report is its TOML file; to apply this document's edits to it: --onto REPORT.toml)",
                    shown,
                )
            report = validated(found.data, shown)
            edited = mismatch = False
            if p.has("word/document.xml"):
                try:
                    actual = pkg.text_digest(p.read("word/document.xml"))
                except pkg.PackageError:
                    actual = ""
                edited = bool(found.body_digest) and actual != found.body_digest
                reference = found.body_digest if edited and found.body_digest else actual
                mismatch = not _gives_the_text(report, found.layout, reference)
            return Imported(found.data, edited, found.omitted, mismatch, found.ignored)
        except pkg.PackageError as exc:
            raise ImportProblem(exc.reason, shown) from None
