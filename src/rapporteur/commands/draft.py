"""``rapporteur draft FILE [--dry-run]``: draft the report's parts from its notes.

Text already written is never overwritten (see :mod:`rapporteur.notes.draft`); what
changed is said part by part on standard error, and ``--dry-run`` prints it as a diff
and leaves the file alone. Notes still in a journal (a capture session running or
interrupted) must be folded first: drafting around them would lose them from the draft.
"""

from __future__ import annotations

import argparse
import difflib
import sys

from ..diagnostics import render_text, use_colour
from ..tomlio import ReportIOError, read_source
from ..tomlwrite import atomic_write, canonical_text
from ..validate import place, validate_source
from .common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, error, shown


def run(args: argparse.Namespace) -> int:
    from ..model import Report
    from ..notes import journal
    from ..notes.draft import draft

    name = shown(args.file)
    try:
        source = read_source(args.file, name)
    except ReportIOError as exc:
        error(str(exc))
        return EXIT_USAGE
    result = validate_source(source, final=False)
    if not isinstance(result.report, Report) or not result.ok:
        print(render_text(place(result.diagnostics, source), use_colour(sys.stderr)), file=sys.stderr)
        error(f"{name} must be valid before drafting from its notes")
        return EXIT_PROBLEMS
    try:
        journal.release_lock(args.file, journal.take_lock(args.file))
    except journal.Busy:
        error(f"notes are being taken for {name} right now; quit 'rapporteur notes' (Ctrl+Q) first")
        return EXIT_PROBLEMS
    except OSError:
        pass  # a read-only folder: no session can be taking notes there either
    pending = journal.read_journal(journal.journal_path(args.file))
    if pending is not None and pending.ops and pending.base == journal.digest(source.text.encode("utf-8")):
        error(
            f"{name} has notes not yet written into it (notes are being taken, or were interrupted); "
            f"run 'rapporteur notes {args.file}' and quit it with Ctrl+Q first"
        )
        return EXIT_PROBLEMS
    outcome = draft(result.report)
    if not outcome.changes:
        total = len(result.report.notes)
        used = sum(1 for n in result.report.notes if n.used_in)
        print(
            f"{name}: nothing to draft ({total} note{'s' if total != 1 else ''}, {used} already used)", file=sys.stderr
        )
        for line in outcome.unused:
            print(f"  left out: {line}", file=sys.stderr)
        return EXIT_OK
    before = source.text
    after = canonical_text(outcome.report, args.file, source.schema_directive, source.newline)
    if args.dry_run:
        sys.stdout.writelines(
            difflib.unified_diff(before.splitlines(True), after.splitlines(True), f"a/{name}", f"b/{name}")
        )
    else:
        try:
            atomic_write(args.file, after, name)
        except ReportIOError as exc:
            error(str(exc))
            return EXIT_USAGE
    verb = "would draft" if args.dry_run else "drafted"
    print(f"{name}: {verb} {outcome.used} note{'s' if outcome.used != 1 else ''} into:", file=sys.stderr)
    for c in outcome.changes:
        print(f"  {c.action:<8} {c.path} ({c.notes} note{'s' if c.notes != 1 else ''})", file=sys.stderr)
    for line in outcome.added:
        print(f"  added    {line}", file=sys.stderr)
    for line in outcome.unused:
        print(f"  left out: {line}", file=sys.stderr)
    if outcome.status_changed:
        print(f"  status is now draft (was {result.report.meta.status}): read the drafted parts", file=sys.stderr)
    return EXIT_OK
