"""``rapporteur validate``: structure always, completeness for final reports."""

from __future__ import annotations

from ..tomlio import ReportIOError
from ..validate import validate_source
from .common import io_diagnostic, read_report_source, report, shown, start


def run(args) -> int:
    files, outcome = start(args)
    for path in files:
        name = shown(path)
        outcome.files += 1
        try:
            source = read_report_source(path, name)
        except ReportIOError as exc:
            outcome.io_errors += 1
            outcome.diagnostics.append(io_diagnostic(name, exc.message))
            continue
        result = validate_source(source, final=True if args.final else None, fast=True)
        outcome.diagnostics.extend(result.diagnostics)
    report(outcome, args.format, args.color, args.quiet)
    return outcome.exit_code()
