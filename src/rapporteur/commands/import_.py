"""``rapporteur import``: recover the TOML report embedded in a DOCX that rapporteur exported.

The report comes back byte for byte as it was exported; it is written beside the
DOCX (``report.docx`` -> ``report.toml``), to ``-o FILE``, or to standard output with
``-o -``. An existing file is not replaced without ``--force``, and the DOCX itself
never. Exit codes: 0 recovered, 1 the file is not a DOCX rapporteur exported (or its
embedded report is damaged), 2 usage or I/O (a missing file, an existing output).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..diagnostics import display_path
from ..importer import ImportProblem, read_report
from ..tomlio import ReportIOError, atomic_write
from .common import EXIT_OK, EXIT_USAGE, error


def run(args) -> int:
    src = args.docx
    shown = display_path(src)
    try:
        imported = read_report(src, shown)
    except ImportProblem as exc:
        error(str(exc))
        return exc.code
    if imported.edited:
        error(
            f"warning: {shown} was edited after it was exported; the report recovered is the one "
            "exported, without the changes made to the document"
        )
    if args.output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(imported.data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    out = Path(args.output) if args.output else Path(src).with_suffix(".toml")
    if out.is_dir():
        out = out / Path(src).with_suffix(".toml").name
    out_shown = display_path(out)
    try:
        same = out.exists() and os.path.samefile(out, src)
    except OSError:
        same = False
    if same or os.path.abspath(out) == os.path.abspath(src):
        error(f"{out_shown}: that is the DOCX itself; choose another output with -o")
        return EXIT_USAGE
    if out.exists() and not args.force:
        error(f"{out_shown}: already exists; not overwritten (use --force to replace it, or -o another file)")
        return EXIT_USAGE
    try:
        atomic_write(out, imported.data, out_shown)
    except ReportIOError as exc:
        error(str(exc))
        return EXIT_USAGE
    print(f"imported {shown} -> {out_shown}", file=sys.stderr)
    return EXIT_OK
