"""``rapporteur fmt``: rewrite reports in the canonical TOML form.

A file whose data does not fit the schema is left alone (its problems are
printed): the canonical form is written through the model. Comments cannot
survive the model, so a file with comments is refused unless ``--drop-comments``.
"""

from __future__ import annotations

import difflib
import sys

from ..diagnostics import Diagnostic
from ..tomlio import ReportIOError, atomic_write, canonical_text, read_source
from ..validate import parse_report, place
from .common import EXIT_PROBLEMS, EXIT_USAGE, Outcome, collect, error, io_diagnostic, no_files_message, report, shown


def comment_diagnostics(source) -> list[Diagnostic]:
    """Comments the canonical form would drop (the ``#:schema`` first line is kept)."""
    out = []
    for line, col in source.source_map.comment_positions():
        if line == 1 and col == 1 and source.schema_directive:
            continue
        out.append(
            Diagnostic(
                source.path,
                "this comment would be lost: the canonical form keeps no comments",
                "comment",
                line=line,
                col=col,
                hint="move it into meta.notes, or pass --drop-comments",
            )
        )
    return out


def run(args) -> int:
    collected = collect(args.paths)
    if not collected.files:
        if args.allow_empty:
            return 0
        error(no_files_message(collected))
        return EXIT_USAGE
    outcome = Outcome()
    changed: list[str] = []
    for path in collected.files:
        name = shown(path)
        outcome.files += 1
        try:
            source = read_source(path, name)
        except ReportIOError as exc:
            outcome.io_errors += 1
            outcome.diagnostics.append(io_diagnostic(name, exc.message))
            continue
        if source.data is None:
            outcome.diagnostics.extend(place(source.diagnostics, source))
            outcome.files_with_problems += 1
            continue
        model, diags = parse_report(source.data)
        if model is None:
            outcome.diagnostics.extend(place(diags, source))
            outcome.files_with_problems += 1
            continue
        new = canonical_text(model, path, source.schema_directive)
        if new == source.text and not source.had_bom:
            continue
        if not args.drop_comments and "#" in source.text:
            lost = comment_diagnostics(source)
            if lost:
                outcome.diagnostics.extend(lost)
                outcome.files_with_problems += 1
                continue
        changed.append(name)
        if args.diff:
            sys.stdout.writelines(
                difflib.unified_diff(
                    source.text.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{name}", f"b/{name}"
                )
            )
        elif args.check:
            print(f"would reformat {name}")
        else:
            try:
                atomic_write(path, new, name)
            except ReportIOError as exc:
                outcome.io_errors += 1
                outcome.diagnostics.append(io_diagnostic(name, exc.message))
                continue
            if not args.quiet:
                print(f"reformatted {name}", file=sys.stderr)
    report(outcome, "text", "auto", quiet=True)
    code = outcome.exit_code()
    if code == 0 and changed and (args.check or args.diff):
        code = EXIT_PROBLEMS
    if not args.quiet:
        n = len(changed)
        verb = "would be reformatted" if (args.check or args.diff) else "reformatted"
        unchanged = outcome.files - n - outcome.files_with_problems - outcome.io_errors
        print(f"{n} file{'s' if n != 1 else ''} {verb}, {unchanged} already canonical", file=sys.stderr)
    return code
