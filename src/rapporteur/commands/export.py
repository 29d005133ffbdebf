"""``rapporteur export``: reports to Word (DOCX) or Markdown.

Each report is validated first; one with errors is refused with the same
positioned messages as ``rapporteur validate``, and the others are still exported.
The output sits beside the input with the new suffix (``report.toml`` ->
``report.docx``), or at ``-o FILE`` (one input) or in ``-o FOLDER`` (any number,
created if needed), or on standard output with ``-o -``. The source is never
overwritten; nor is a file that is not an unedited earlier export of the same kind
unless ``--force``, and a symbolic link is never written through unless it leads
to one (see :mod:`rapporteur.outputs`). What the file carries besides its words is
decided by :mod:`rapporteur.export.privacy` (``--[no-]embed-source``, ``--embed-notes``).

Exit codes as ``validate``: 0 all exported (warnings do not fail), 1 a report had
problems, 2 usage or I/O.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..diagnostics import Diagnostic, render_text, use_colour
from ..export.api import FORMAT_OF_SUFFIX, ExportError, default_output, export_report
from .common import EXIT_USAGE, Outcome, collect, error, io_diagnostic, no_files_message, report, shown


def _count_refusal(outcome: Outcome, exc: ExportError, name: str) -> None:
    """A report that was not exported: its problems (exit 1) or the I/O error (exit 2), counted once."""
    if exc.code == 1:
        outcome.files_with_problems += 1
        outcome.diagnostics.extend(exc.diagnostics)
    else:
        outcome.io_errors += 1
        outcome.diagnostics.append(io_diagnostic(exc.file or name, exc.reason))


def _to_stdout(args: argparse.Namespace, files: list[str]) -> int:
    """``-o -``: one report, its DOCX bytes or Markdown text on standard output, messages on standard error."""
    if len(files) != 1:
        error(f"-o - writes one report to standard output; {len(files)} were given")
        return EXIT_USAGE
    to = args.to or "docx"
    if to == "docx" and sys.stdout.isatty():
        error("-o -: will not write a DOCX's bytes to a terminal; redirect standard output to a file or a pipe")
        return EXIT_USAGE
    outcome = Outcome(files=1)
    try:
        result = export_report(
            files[0],
            to=to,
            output="-",
            layout=args.layout,
            reference_doc=args.reference_doc,
            embed_source=getattr(args, "embed_source", None),
            embed_notes=getattr(args, "embed_notes", False),
        )
    except ExportError as exc:
        _count_refusal(outcome, exc, shown(files[0]))
        _to_stderr(outcome, args.color)
        return outcome.exit_code()
    sys.stdout.flush()
    sys.stdout.buffer.write(result.data or b"")
    sys.stdout.buffer.flush()
    outcome.diagnostics.extend(result.warnings)
    outcome.diagnostics.sort(key=Diagnostic.sort_key)
    _to_stderr(outcome, args.color)
    return outcome.exit_code()


def _to_stderr(outcome: Outcome, colour: str) -> None:
    """The problems on standard error: standard output holds the document."""
    if outcome.diagnostics:
        print(render_text(outcome.diagnostics, use_colour(sys.stderr, colour)), file=sys.stderr)


def _same(a: str, b: str) -> bool:
    try:
        return os.path.abspath(a) == os.path.abspath(b) or os.path.samefile(a, b)
    except OSError:
        return False


def _plan(files: list[str], output: str | None, to: str) -> dict[str, Path]:
    """Where each input goes. Raises ValueError for a plan that cannot work."""
    if not output:
        return {f: default_output(f, to) for f in files}
    o = Path(output)
    folder = len(files) > 1 or o.is_dir() or output.endswith(("/", os.sep))
    if not folder:
        return {files[0]: o}
    if o.exists() and not o.is_dir():
        raise ValueError(f"-o {output}: with several reports, -o must be a folder")
    return {f: o / default_output(Path(f).name, to).name for f in files}


def run(args: argparse.Namespace) -> int:
    collected = collect(args.paths)
    if not collected.files:
        error(no_files_message(collected))
        return EXIT_USAGE
    files = collected.files
    if args.output == "-":
        return _to_stdout(args, files)
    to = args.to
    if to is None and args.output and len(files) == 1 and not os.path.isdir(args.output):
        to = FORMAT_OF_SUFFIX.get(Path(args.output).suffix.lower())
    to = to or "docx"
    if args.to and args.output and len(files) == 1 and not os.path.isdir(args.output):
        implied = FORMAT_OF_SUFFIX.get(Path(args.output).suffix.lower())
        if implied and implied != args.to:
            error(f"-o {args.output} names a {implied} file but --format is {args.to}; make them agree")
            return EXIT_USAGE
    if (
        args.output
        and len(files) == 1
        and args.output.lower().endswith(".toml")
        and not os.path.isdir(args.output)
        and not _same(args.output, files[0])  # the source itself: export_report says that, in its words
    ):
        # a report's name: a slip of the finger would replace a report with a document, even with --force
        error(f"-o {args.output} names a report file (TOML); export writes DOCX or Markdown: give a .docx or .md name")
        return EXIT_USAGE
    try:
        plan = _plan(files, args.output, to)
    except ValueError as exc:
        error(str(exc))
        return EXIT_USAGE
    targets: dict[str, str] = {}
    for src, out in plan.items():
        key = os.path.normcase(os.path.abspath(out))
        if key in targets:
            error(
                f"{shown(src)} and {shown(targets[key])} would both be exported to {shown(str(out))}; export them separately"
            )
            return EXIT_USAGE
        targets[key] = src
    if args.output and len(files) > 1 or (args.output and args.output.endswith(("/", os.sep))):
        try:
            os.makedirs(args.output, exist_ok=True)
        except OSError as exc:
            error(f"{args.output}: cannot create the folder ({exc.strerror or exc})")
            return EXIT_USAGE

    outcome = Outcome()
    exported = 0
    for src, out in plan.items():
        name = shown(src)
        outcome.files += 1
        try:
            result = export_report(
                src,
                to=to,
                output=out,
                layout=args.layout,
                reference_doc=args.reference_doc,
                force=getattr(args, "force", False),
                embed_source=getattr(args, "embed_source", None),
                embed_notes=getattr(args, "embed_notes", False),
            )
        except ExportError as exc:
            _count_refusal(outcome, exc, name)
            continue
        exported += 1
        carries = [d for d in result.warnings if d.code == "export-carries"]
        if carries:  # about the file written, not the report: beside "exported ..." on standard error
            print(render_text(carries, use_colour(sys.stderr, args.color)), file=sys.stderr)
        outcome.diagnostics.extend(d for d in result.warnings if d.code != "export-carries")
        if not args.quiet:
            print(f"exported {name} -> {shown(str(result.output_path))}", file=sys.stderr)
    outcome.diagnostics.sort(key=Diagnostic.sort_key)
    report(outcome, "text", args.color, quiet=True)
    if not args.quiet and outcome.files > 1:
        refused = outcome.files - exported
        tail = f", {refused} not exported" if refused else ""
        print(f"{exported} of {outcome.files} reports exported{tail}", file=sys.stderr)
    return outcome.exit_code()
