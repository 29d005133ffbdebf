"""``rapporteur notes FILE``: take notes during the event, each one durable on Enter."""

from __future__ import annotations

import argparse
import sys

from ..tomlio import ReportIOError
from .common import EXIT_PROBLEMS, EXIT_USAGE, error, shown


def run(args: argparse.Namespace) -> int:
    from ..notes.session import NotesError, NotesSession

    name = shown(args.file)
    try:
        session = NotesSession.open(args.file, name)
    except ReportIOError as exc:
        hint = f"; create it with: rapporteur new {args.file} --no-edit" if exc.message == "no such file" else ""
        error(f"{exc}{hint}")
        return EXIT_USAGE
    except NotesError as exc:
        error(str(exc))
        return EXIT_PROBLEMS
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        session.close()
        error("taking notes needs a terminal (standard input and output are not one)")
        return EXIT_USAGE
    from ..tui.screens.notes import NotesApp  # Textual is imported only here

    app = NotesApp(session)
    app.run()
    if app.problem:
        error(app.problem)
        return EXIT_PROBLEMS
    return 0
