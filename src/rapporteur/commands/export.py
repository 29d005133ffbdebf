"""``rapporteur export``: reports to Word (DOCX) or Markdown.

Each report is validated first; one with errors is refused with the same
positioned messages as ``rapporteur validate``, and the others are still exported.
The output sits beside the input with the new suffix (``report.toml`` ->
``report.docx``), or at ``-o FILE`` (one input) or in ``-o FOLDER`` (any number,
created if needed). The source is never overwritten; nor is a DOCX that someone
edited after export (or that rapporteur did not write) unless ``--force``.

Exit codes as ``validate``: 0 all exported (warnings do not fail), 1 a report had
problems, 2 usage or I/O.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..diagnostics import Diagnostic
from ..export.api import FORMAT_OF_SUFFIX, ExportError, default_output, export_report
from .common import EXIT_USAGE, Outcome, collect, error, io_diagnostic, no_files_message, report, shown


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


def run(args) -> int:
    collected = collect(args.paths)
    if not collected.files:
        error(no_files_message(collected))
        return EXIT_USAGE
    files = collected.files
    to = args.to
    if to is None and args.output and len(files) == 1 and not os.path.isdir(args.output):
        to = FORMAT_OF_SUFFIX.get(Path(args.output).suffix.lower())
    to = to or "docx"
    if args.to and args.output and len(files) == 1 and not os.path.isdir(args.output):
        implied = FORMAT_OF_SUFFIX.get(Path(args.output).suffix.lower())
        if implied and implied != args.to:
            error(f"-o {args.output} names a {implied} file but --format is {args.to}; make them agree")
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
            )
        except ExportError as exc:
            if exc.code == 1:
                outcome.files_with_problems += 1
                outcome.diagnostics.extend(exc.diagnostics)
            else:
                outcome.io_errors += 1
                outcome.diagnostics.append(io_diagnostic(exc.file or name, exc.reason))
            continue
        exported += 1
        if result.warnings:
            outcome.diagnostics.extend(result.warnings)
        if not args.quiet:
            print(f"exported {name} -> {shown(str(result.output_path))}", file=sys.stderr)
    outcome.diagnostics.sort(key=Diagnostic.sort_key)
    report(outcome, "text", args.color, quiet=True)
    if not args.quiet and outcome.files > 1:
        refused = outcome.files - exported
        tail = f", {refused} not exported" if refused else ""
        print(f"{exported} of {outcome.files} reports exported{tail}", file=sys.stderr)
    return outcome.exit_code()
