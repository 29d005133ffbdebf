"""``rapporteur edit FILE`` (and ``rapporteur FILE``): open a report in the terminal editor."""

from __future__ import annotations

import argparse
import os
import sys

from ..diagnostics import render_text, use_colour
from ..tomlio import ReportIOError, read_source
from ..validate import place
from .common import EXIT_PROBLEMS, EXIT_USAGE, error, shown


def open_editor(path: str, *, guided: bool = False) -> int:
    name = shown(path)
    try:
        source = read_source(path, name)
    except ReportIOError as exc:
        hint = f"; create it with: rapporteur new {path}" if exc.message == "no such file" else ""
        error(f"{exc}{hint}")
        return EXIT_USAGE
    if source.data is None:
        print(render_text(place(source.diagnostics, source), use_colour(sys.stderr)), file=sys.stderr)
        error(
            f"{name} is not valid TOML, so the editor cannot show its parts; fix the line above in a text editor "
            f"(${'EDITOR' if os.environ.get('EDITOR') else 'EDITOR, e.g. nano'}), then open it again"
        )
        return EXIT_PROBLEMS
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        error("the editor needs a terminal (standard input and output are not one)")
        return EXIT_USAGE
    from ..tui import pauses

    pauses.hold()  # importing Textual and building the first screen: nothing to collect yet (see pauses)
    from ..tui.app import RapporteurApp  # Textual is imported only here

    app = RapporteurApp(path, source, guided=guided)
    app.run()
    return app.return_code or 0


def run(args: argparse.Namespace) -> int:
    return open_editor(args.file)
