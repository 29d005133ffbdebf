"""Export a report file: what ``rapporteur export`` and the editor's export both call.

:func:`export_report` reads and validates the file (a report with errors is refused
with the same positioned diagnostics as ``rapporteur validate``), builds the
document once, writes DOCX or Markdown atomically beside the source (or to
``output``) and returns the output path with the warnings (a draft, dropped control
characters, names under the Chatham House Rule, styles a reference document lacks).

Errors are :class:`ExportError`: ``code`` 1 for problems in the report (its
``diagnostics`` say which), 2 for everything else (a missing file, an unusable
reference document, an output that would overwrite the source or a document
edited in Word).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, display_path
from ..tomlio import ReportIOError, atomic_write, parse_source, read_bytes
from ..validate import place, validate_source
from .document import LAYOUTS, Document, build

FORMATS = ("docx", "md")
SUFFIXES = {"docx": ".docx", "md": ".md"}
FORMAT_OF_SUFFIX = {".docx": "docx", ".md": "md", ".markdown": "md"}


class ExportError(Exception):
    """The export did not happen.

    ``code`` is 1 for problems in the report (listed in ``diagnostics``, positioned as
    ``rapporteur validate`` prints them) and 2 for usage or I/O; ``file`` is the file
    concerned and ``reason`` the message without it.
    """

    def __init__(
        self, reason: str, *, file: str = "", diagnostics: list[Diagnostic] | None = None, code: int = 2
    ) -> None:
        super().__init__(f"{file}: {reason}" if file else reason)
        self.file = file
        self.reason = reason
        self.diagnostics = list(diagnostics or [])
        self.code = code


@dataclass
class ExportResult:
    output_path: Path
    warnings: list[Diagnostic] = field(default_factory=list)


def default_output(source_path: str | os.PathLike, to: str) -> Path:
    """Beside the source, with the format's suffix: ``report.toml`` -> ``report.docx``."""
    src = Path(source_path)
    return src.with_suffix(SUFFIXES[to]) if src.suffix else src.with_name(src.name + SUFFIXES[to])


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_overwrite(out: Path, shown: str) -> None:
    """Refuse to replace a DOCX that rapporteur did not write, or that was edited after export.

    Someone's edits in Word would be lost; ``rapporteur import`` recovers the report,
    not the edits. Pass ``force=True`` (``--force``) to replace it anyway.
    """
    if out.suffix.lower() != ".docx" or not out.exists() or out.is_dir():
        return
    from . import package as pkg

    reason = None
    try:
        with pkg.open_package(out) as p:
            embedded = pkg.find_source(p)
            if embedded is None:
                reason = "was not written by rapporteur"
            elif embedded.body_digest and p.has("word/document.xml"):
                if pkg.text_digest(p.read("word/document.xml")) != embedded.body_digest:
                    reason = "was edited after it was exported"
    except (pkg.PackageError, OSError):
        reason = "is not a document rapporteur wrote"
    if reason:
        raise ExportError(
            f"not overwritten: the existing file {reason}, and its changes would be lost "
            "(move it away, or export with --force)",
            file=shown,
        )


def _os_reason(exc: OSError, path: str | os.PathLike | None = None) -> str:
    from ..ioerrors import io_message

    return io_message(exc, path)


def render(
    doc: Document,
    to: str,
    *,
    source: bytes | None = None,
    reference_doc: str | os.PathLike | None = None,
) -> tuple[bytes, list[Diagnostic]]:
    """The bytes of an already built document in format ``to``, with the writer's notes."""
    if to == "md":
        from .markdown import render as render_md

        return render_md(doc).encode("utf-8"), []
    if to != "docx":
        raise ExportError(f"unknown format {to!r} (choose from {', '.join(FORMATS)})")
    from . import docx

    try:
        reference = docx.reference_for(reference_doc)
    except docx.ReferenceDocError as exc:
        raise ExportError(
            f"cannot be used as a reference document: {exc.reason}", file=exc.file or str(reference_doc)
        ) from None
    except OSError as exc:
        raise ExportError(
            f"cannot be used as a reference document: {_os_reason(exc, reference_doc)}", file=str(reference_doc)
        ) from None
    return docx.render(doc, source=source, reference=reference)


def export_report(
    source_path: str | os.PathLike,
    *,
    to: str = "docx",
    output: str | os.PathLike | None = None,
    layout: str = "narrative",
    reference_doc: str | os.PathLike | None = None,
    force: bool = False,
) -> ExportResult:
    """Export one report file. Raises :class:`ExportError` (see the module's docstring)."""
    if to not in FORMATS:
        raise ExportError(f"unknown format {to!r} (choose from {', '.join(FORMATS)})")
    if layout not in LAYOUTS:
        raise ExportError(f"unknown layout {layout!r} (choose from {', '.join(LAYOUTS)})")
    shown = display_path(source_path)
    out = Path(output) if output is not None else default_output(source_path, to)
    out_shown = display_path(out)
    src = Path(source_path)
    if out == src or _same_file(out, src) or os.path.abspath(out) == os.path.abspath(src):
        raise ExportError(
            "the output would overwrite the report itself; the source is never overwritten (choose another -o)",
            file=shown,
        )
    if out.is_dir():
        raise ExportError(f"is a folder; give a file name (-o {out_shown}/NAME{SUFFIXES[to]})", file=out_shown)
    try:
        raw = read_bytes(source_path, shown)
    except ReportIOError as exc:
        raise ExportError(exc.message, file=exc.path) from None
    source = parse_source(raw, shown)
    result = validate_source(source, fast=True)  # the models are built only if something is wrong
    errors = [d for d in result.diagnostics if d.severity == "error"]
    if result.report is None or errors:
        n = len(errors) or len(result.diagnostics)
        raise ExportError(
            f"not exported: {n} problem{'s' if n != 1 else ''} in the report",
            file=shown,
            diagnostics=result.diagnostics,
            code=1,
        )
    report = result.report
    warnings = list(result.diagnostics)
    doc = build(report, layout)
    notices = list(doc.warnings)
    if report.meta.status != "final":
        notices.append(
            Diagnostic(
                "",
                ("this report is a draft" if report.meta.status == "draft" else "this report is in review, not final")
                + ": exported with a DRAFT mark",
                "draft",
                severity="warning",
                path="meta.status",
                hint='set meta.status = "final" when it is ready to publish',
            )
        )
    if not force:
        check_overwrite(out, out_shown)
    data, notes = render(doc, to, source=raw, reference_doc=reference_doc)
    warnings += place(notices, source) + [d.with_file(shown) for d in notes]
    try:
        atomic_write(out, data, out_shown)
    except ReportIOError as exc:
        raise ExportError(exc.message, file=exc.path) from None
    return ExportResult(out, warnings)
