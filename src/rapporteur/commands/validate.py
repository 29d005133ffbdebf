"""``rapporteur validate``: structure always, completeness for final reports."""

from __future__ import annotations

from ..tomlio import ReportIOError
from ..validate import validate_file
from .common import EXIT_USAGE, Outcome, collect, error, io_diagnostic, no_files_message, report, shown


def run(args) -> int:
    collected = collect(args.paths)
    if not collected.files:
        if args.allow_empty:
            return 0
        error(no_files_message(collected))
        return EXIT_USAGE
    outcome = Outcome()
    for path in collected.files:
        name = shown(path)
        outcome.files += 1
        try:
            result = validate_file(path, name, final=True if args.final else None)
        except ReportIOError as exc:
            outcome.io_errors += 1
            outcome.diagnostics.append(io_diagnostic(name, exc.message))
            continue
        if result.diagnostics:
            outcome.files_with_problems += 1
            outcome.diagnostics.extend(result.diagnostics)
    report(outcome, args.format, args.color, args.quiet)
    return outcome.exit_code()
