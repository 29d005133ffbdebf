"""``rapporteur import``: recover the TOML report embedded in a DOCX that rapporteur exported,
or, for an old report that carries none (.docx, .md, .txt, .html), a draft built from its prose
(:mod:`rapporteur.prose_import`; the guesses to confirm are said on standard error).

An unchanged export gives its report back byte for byte; an edited one (in Word or
LibreOffice) the report with the edits applied to their fields (:mod:`rapporteur.review`:
each changed field listed, ``--diff``; tracked changes accepted, rejected or listed with exit
1; comments and edits no field can take kept in ``meta.notes``; ``--onto REPORT.toml`` for a
document that carries no source). The report is written beside the
DOCX (``report.docx`` -> ``report.toml``), to ``-o FILE``, or to standard output with
``-o -``. An existing file is not replaced without ``--force``, a symbolic link is never
written through, and the DOCX itself never; the file is no more readable than the DOCX.
What :mod:`rapporteur.importer` finds doubtful (an edited document, a report that does
not match the text, notes left out) is said on standard error. Exit codes: 0 recovered,
1 the file is not a DOCX rapporteur exported with its source (or its embedded report
is damaged or not a valid report), 2 usage or I/O (a missing file, an existing output).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..diagnostics import display_path
from ..importer import Imported, ImportProblem, read_report
from ..outputs import OutputRefused, check_output, mode_limit
from ..tomlio import ReportIOError
from ..tomlwrite import atomic_write
from .common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, error


def _notes(imported: Imported, shown: str) -> None:
    """What the user must know about the report recovered, one line each on standard error."""
    if imported.ignored:
        error(
            f"warning: {shown} holds other parts that claim to be its report ({', '.join(imported.ignored)}); "
            "they were ignored: only the part the document refers to was read"
        )
    if imported.edited:
        error(
            f"warning: {shown} was edited after it was exported; the report recovered is the one "
            "exported, without the changes made to the document"
        )
    if imported.mismatch:
        error(
            f"warning: the report embedded in {shown} does not match the document's text: exported again it would "
            "print other words (it was changed inside the file, or exported by another version of rapporteur); "
            "check the recovered report before relying on it"
        )
    if imported.omitted:
        keys = " and ".join(imported.omitted)
        error(
            f"note: {shown}: the export left {keys} out of the embedded report (internal notes are embedded only with "
            "--embed-notes); the report recovered does not have them"
        )


def _prose(src: str, shown: str, output: str | None, foreign: ImportProblem | None = None) -> bytes | int:
    """An old report without a source: a draft built from its prose, the guesses listed (exit code on failure).
    ``foreign``: why the DOCX holds no report, said first when its prose cannot be read either."""
    from ..prose_import import ProseProblem, import_prose

    target = Path(output) if output and output != "-" else Path(src).with_suffix(".toml")
    try:
        data, draft = import_prose(src, target, shown)
    except ProseProblem as exc:
        if foreign is not None and exc.code == 1:
            error(f"{foreign}; nor could its text be read as an old report ({exc.reason})")
            return foreign.code
        error(str(exc))
        return exc.code
    for guess in draft.guesses:
        error(f"warning: {shown}: {guess}")
    for heading in draft.unplaced:
        error(f"warning: {shown}: the heading “{heading}” was not kept in any field")
    n = len(draft.guesses) + len(draft.unplaced)
    error(
        f"note: {shown} carries no report source: a draft was built from its prose; "
        f"{n} guess{'es' if n != 1 else ''} to confirm (kept in meta.notes)"
    )
    return data


def _needs_review(src: str) -> bool:
    from ..review import needs_review

    return needs_review(src)


def _reviewed(src: str, shown: str, args: argparse.Namespace, imported: Imported | None) -> bytes | int:
    """An edited export: its edits applied to the report's fields, each listed (exit code on failure)."""
    from ..review import field_diff, import_edits, summary_line

    mode = "accept" if getattr(args, "accept_changes", False) else "reject" if args.reject_changes else None
    try:
        got = import_edits(src, shown, mode=mode, onto=args.onto)
    except ImportProblem as exc:
        error(str(exc))
        return exc.code
    if got.pending:
        error(
            f"{shown} holds {len(got.pending)} tracked change{'s' if len(got.pending) != 1 else ''}, proposals "
            "not yet accepted or rejected; nothing was imported. Give --accept-changes or --reject-changes:"
        )
        for line in got.pending:
            print(f"  {line}", file=sys.stderr)
        return EXIT_PROBLEMS
    if imported is not None:
        # what read_report found doubtful, but "edited" (the edits are applied below)
        _notes(Imported(imported.data, False, imported.omitted, imported.mismatch, imported.ignored), shown)
        if imported.omitted:
            error(f"note: to keep them, apply {shown}'s edits to the report file itself: --onto REPORT.toml")
    for note in got.notes:
        error(f"note: {shown}: {note}")
    for path, (old, new) in got.changes.items():
        error(f"changed {summary_line(path, old, new)}")
    for u in got.unmapped:
        error(f"warning: {shown}: not mapped to any field (kept in meta.notes): {u.describe()}")
    if got.comments:
        n = len(got.comments)
        error(f"note: {shown}: {n} comment{'s' if n != 1 else ''} kept in meta.notes as review items")
    if not (got.changes or got.unmapped or got.comments):
        error(f"note: {shown}: edited after export, but no field's words changed (formatting is not imported)")
    if got.invalid:
        error(f"warning: the report as edited does not validate ({got.invalid}); fix it before exporting")
    if getattr(args, "diff", False):
        stream = sys.stderr if args.output == "-" else sys.stdout
        stream.write(field_diff(got.changes))
        stream.flush()
    return got.data


def run(args: argparse.Namespace) -> int:
    src = args.docx
    shown = display_path(src)
    if getattr(args, "onto", None):
        got = _reviewed(src, shown, args, None)
    elif Path(src).suffix.lower() in (".txt", ".text", ".md", ".markdown", ".html", ".htm"):
        got = _prose(src, shown, args.output)
    else:
        try:
            imported = read_report(src, shown)
        except ImportProblem as exc:
            if not (exc.foreign and Path(src).suffix.lower() == ".docx"):
                error(str(exc))
                return exc.code
            got = _prose(src, shown, args.output, exc)
        else:
            if imported.edited or _needs_review(src):
                got = _reviewed(src, shown, args, imported)
            else:
                _notes(imported, shown)
                got = imported.data
    if isinstance(got, int):
        return got
    if args.output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(got)
        sys.stdout.buffer.flush()
        return EXIT_OK
    out = Path(args.output) if args.output else Path(src).with_suffix(".toml")
    if out.is_dir() and not out.is_symlink():
        out = out / Path(src).with_suffix(".toml").name
    out_shown = display_path(out)
    try:
        same = out.exists() and os.path.samefile(out, src)
    except OSError:
        same = False
    if same or os.path.abspath(out) == os.path.abspath(src):
        error(f"{out_shown}: that is the DOCX itself; choose another output with -o")
        return EXIT_USAGE
    try:
        check_output(out, "toml", args.force)
    except OutputRefused as exc:
        error(f"{out_shown}: {exc.reason}")
        return EXIT_USAGE
    try:
        atomic_write(out, got, out_shown, max_mode=mode_limit(src))
    except ReportIOError as exc:
        error(str(exc))
        return EXIT_USAGE
    print(f"imported {shown} -> {out_shown}", file=sys.stderr)
    return EXIT_OK
