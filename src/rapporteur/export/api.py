"""Export a report file: what ``rapporteur export`` and the editor's export both call.

:func:`export_report` reads and validates the file (a report with errors is refused
with the same positioned diagnostics as ``rapporteur validate``), builds the
document once, writes DOCX or Markdown atomically beside the source (or to
``output``) and returns the output path with the warnings (a draft, dropped control
characters, names under the Chatham House Rule, styles a reference document lacks).

Errors are :class:`ExportError`: ``code`` 1 for problems in the report (its
``diagnostics`` say which), 2 for everything else (a missing file, an unusable
reference document, an output that would overwrite the source, a document edited
in Word or a file that is not an earlier export: see :mod:`rapporteur.outputs`).

What the file carries besides its words (the embedded source, properties) is
decided by :mod:`.privacy`, and named in a warning when the document does not print it.
The output is no more readable than the report it comes from.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, display_path
from ..tomlio import ReportIOError, parse_source, read_bytes
from ..tomlwrite import atomic_write
from ..validate import place, validate_source
from . import privacy
from .document import LAYOUTS, Document, build
from .privacy import Carried
from .text import PrintStyle

if TYPE_CHECKING:
    from ..style import HouseStyle

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
    data: bytes | None = None  # the file's bytes when it went to standard output (``output="-"``)


def default_output(source_path: str | os.PathLike, to: str) -> Path:
    """Beside the source, with the format's suffix: ``report.toml`` -> ``report.docx``."""
    src = Path(source_path)
    return src.with_suffix(SUFFIXES[to]) if src.suffix else src.with_name(src.name + SUFFIXES[to])


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_overwrite(out: Path, shown: str, to: str | None = None, force: bool = False) -> None:
    """Refuse to replace a file that is not an unedited earlier export of the same kind (see
    :mod:`rapporteur.outputs`): someone's edits, or someone's other file, would be lost."""
    from ..outputs import OutputRefused, check_output

    try:
        check_output(out, to or FORMAT_OF_SUFFIX.get(out.suffix.lower(), "docx"), force)
    except OutputRefused as exc:
        raise ExportError(exc.reason, file=shown) from None


def _os_reason(exc: OSError, path: str | os.PathLike | None = None) -> str:
    from ..ioerrors import io_message

    return io_message(exc, path)


def render(
    doc: Document,
    to: str,
    *,
    source: bytes | None = None,
    reference_doc: str | os.PathLike | None = None,
    carried: Carried | None = None,
) -> tuple[bytes, list[Diagnostic]]:
    """The bytes of an already built document in format ``to``, with the writer's notes.

    ``carried`` (from :func:`.privacy.plan`) says what the file carries besides its words;
    without it, ``source`` is embedded as given and the properties are the document's.
    """
    properties = carried.properties if carried is not None else None
    if to == "md":
        from .markdown import render as render_md

        return render_md(doc, properties=properties, marker=carried is not None).encode("utf-8"), []
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
    if carried is None:
        return docx.render(doc, source=source, reference=reference)
    return docx.render(
        doc,
        source=carried.source,
        reference=reference,
        properties=properties,
        marker=True,
        omitted=carried.omitted,
        reason=carried.reason,
    )


def _house(source_path: str | os.PathLike) -> HouseStyle:
    """The house style for this report (the defaults when none is found)."""
    from ..style import StyleError, load_style

    try:
        return load_style(source_path)
    except StyleError as exc:
        raise ExportError(f"the house style cannot be read: {exc}") from None


def _house_embedding(source_path: str | os.PathLike) -> str:
    """The house style's ``embed_source`` for this report (``auto`` when none is found)."""
    return str(_house(source_path).embed_source)


def export_report(
    source_path: str | os.PathLike,
    *,
    to: str = "docx",
    output: str | os.PathLike | None = None,
    layout: str = "narrative",
    reference_doc: str | os.PathLike | None = None,
    force: bool = False,
    embed_source: bool | None = None,
    embed_notes: bool = False,
) -> ExportResult:
    """Export one report file. Raises :class:`ExportError` (see the module's docstring).

    ``output`` ``"-"`` writes nothing: the bytes are in :attr:`ExportResult.data` (for
    standard output). ``embed_source`` ``None`` follows the house style and the
    Chatham House Rule (see :mod:`.privacy`); ``embed_notes`` embeds internal notes too.
    """
    if to not in FORMATS:
        raise ExportError(f"unknown format {to!r} (choose from {', '.join(FORMATS)})")
    if layout not in LAYOUTS:
        raise ExportError(f"unknown layout {layout!r} (choose from {', '.join(LAYOUTS)})")
    shown = display_path(source_path)
    to_stdout = output is not None and os.fspath(output) == "-"
    out = Path(output) if output is not None else default_output(source_path, to)
    out_shown = "standard output" if to_stdout else display_path(out)
    src = Path(source_path)
    if not to_stdout:
        if out == src or _same_file(out, src) or os.path.abspath(out) == os.path.abspath(src):
            raise ExportError(
                "the output would overwrite the report itself; the source is never overwritten (choose another -o)",
                file=shown,
            )
        if out.is_dir() and not out.is_symlink():
            raise ExportError(f"is a folder; give a file name (-o {out_shown}/NAME{SUFFIXES[to]})", file=out_shown)
    try:
        raw = read_bytes(source_path, shown)
    except ReportIOError as exc:
        raise ExportError(exc.message, file=exc.path) from None
    source = parse_source(raw, shown)
    result = validate_source(source, fast=True)  # the models are built only if something is wrong
    from ..style import waive

    result.diagnostics = waive(result.diagnostics, source_path)
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
    doc = build(report, layout, PrintStyle.of(_house(source_path)))
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
    if not to_stdout:
        check_overwrite(out, out_shown, to, force)
    chatham = bool(report.event.chatham_house)
    house = _house_embedding(source_path) if embed_source is None and to == "docx" else "auto"
    embed, reason = privacy.decide_embedding(embed_source, house, chatham)
    try:
        carried = privacy.plan(
            doc,
            raw,
            source.data or {},
            to=to,
            chatham_house=chatham,
            embed=embed,
            reason=reason,
            embed_notes=embed_notes,
            directive=source.schema_directive,
            newline=source.newline,
        )
    except ValueError as exc:
        raise ExportError(f"not exported: {exc}", file=shown) from None
    data, notes = render(doc, to, reference_doc=reference_doc, carried=carried)
    if to == "md" and embed_source:
        notices.append(
            Diagnostic(
                "",
                "--embed-source has no effect: a Markdown export never carries the report's source",
                "export-carries",
                severity="info",
            )
        )
    elif embed_notes and carried.source is None:
        notices.append(
            Diagnostic(
                "",
                "--embed-notes has no effect: the "
                + ("Markdown export carries no source" if to == "md" else "source is not embedded")
                + (f" ({privacy.ABSENT_REASONS[reason]})" if to == "docx" and reason in privacy.ABSENT_REASONS else ""),
                "export-carries",
                severity="info",
                hint="add --embed-source to embed the source with its notes" if to == "docx" else None,
            )
        )
    carries = privacy.warning(carried, to)
    if carries is not None:
        notices.append(carries)
    warnings += place(notices, source) + [d.with_file(shown) for d in notes]
    if to_stdout:
        return ExportResult(out, warnings, data)
    from ..outputs import mode_limit

    try:
        atomic_write(out, data, out_shown, max_mode=mode_limit(source_path))
    except ReportIOError as exc:
        raise ExportError(exc.message, file=exc.path) from None
    return ExportResult(out, warnings)
