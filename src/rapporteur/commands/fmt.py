"""``rapporteur fmt``: rewrite reports in the canonical TOML form.

A file whose data does not fit the schema is left alone (its problems are
printed): the canonical form is written through the model. Comments cannot
survive the model, so a file with comments is refused unless ``--drop-comments``.
A file's line endings (LF or CRLF) are kept.
"""

from __future__ import annotations

import argparse
import difflib
import sys

from ..diagnostics import Diagnostic
from ..tomlio import ReportIOError, Source
from ..tomlwrite import as_written, atomic_write, canonical_text
from ..validate import validate_source
from .common import io_diagnostic, read_each, report, start


def comment_diagnostics(source: Source) -> list[Diagnostic]:
    """Comments the canonical form would drop (the ``#:schema`` first line is kept)."""
    out = []
    smap = source.source_map
    for line, col in smap.comment_positions():
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
    if not smap.complete:
        out.append(
            Diagnostic(
                source.path,
                "this file could not be scanned for comments, so it is left alone",
                "comment",
                line=1,
                col=1,
                hint="pass --drop-comments to format it anyway",
            )
        )
    return out


def _also_invalid(diagnostics: list[Diagnostic], name: str) -> str:
    """`` (it also has ...: run rapporteur validate)`` when the file has errors that formatting does not
    fix (a duplicate id, a reference to nobody): "would reformat" alone would hide them."""
    errors = [d for d in diagnostics if d.severity == "error"]
    if not errors:
        return ""
    d = errors[0]
    where = f"{d.line}:{d.col}: " if d.line else ""
    field = f"{d.path}: " if d.path else ""
    more = f" and {len(errors) - 1} more" if len(errors) > 1 else ""
    return f" (it also has errors, first {where}{field}{d.message}{more}; run `rapporteur validate {name}`)"


def run(args: argparse.Namespace) -> int:
    files, outcome = start(args)
    changed = unchanged = 0
    checking = args.check or args.diff
    for path, source in read_each(files, outcome):
        name = source.path
        result = validate_source(source, final=False)
        if result.report is None:
            outcome.diagnostics.extend(result.diagnostics)
            continue
        new = as_written(
            canonical_text(result.report, path if path != "-" else "stdin.toml", source.schema_directive), source
        )
        if path == "-":
            sys.stdout.write(new)  # a filter: editors format unsaved buffers this way
            continue
        if new == source.text and not source.had_bom:
            unchanged += 1
            continue
        if not args.drop_comments and "#" in source.text:
            lost = comment_diagnostics(source)
            if lost:
                outcome.diagnostics.extend(lost)
                continue
        if args.diff:
            sys.stdout.writelines(
                difflib.unified_diff(
                    source.text.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{name}", f"b/{name}"
                )
            )
        elif args.check:
            print(f"would reformat {name}" + _also_invalid(result.diagnostics, name))
        else:
            try:
                atomic_write(path, new, name)
            except ReportIOError as exc:
                outcome.io_errors += 1
                outcome.diagnostics.append(io_diagnostic(name, exc.message))
                continue
            if not args.quiet:
                print(f"reformatted {name}", file=sys.stderr)
        changed += 1
    report(outcome, args.format, args.color, quiet=True)
    code = outcome.exit_code()
    if code == 0 and changed and checking:
        code = 1
    if not args.quiet and args.format == "text":
        verb = "would be reformatted" if checking else "reformatted"
        print(f"{changed} file{'s' if changed != 1 else ''} {verb}, {unchanged} already canonical", file=sys.stderr)
    return code
