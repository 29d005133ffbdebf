"""``rapporteur validate``: structure always, completeness for final reports."""

from __future__ import annotations

from ..validate import validate_source
from .common import read_each, report, start


def run(args) -> int:
    files, outcome = start(args)
    for _path, source in read_each(files, outcome):
        result = validate_source(source, final=True if args.final else None, fast=True)
        outcome.diagnostics.extend(result.diagnostics)
    report(outcome, args.format, args.color, args.quiet)
    return outcome.exit_code()
