"""``rapporteur new FILE [--form FORM]``: a report with the skeleton of its form, then the editor."""

from __future__ import annotations

import argparse
import os
import sys

from ..config import load_user_config
from ..skeletons import skeleton_from_config
from ..tomlio import ReportIOError
from ..tomlwrite import atomic_write, canonical_text
from .common import EXIT_USAGE, error, shown


def run(args: argparse.Namespace) -> int:
    path = args.file
    name = shown(path)
    if os.path.isdir(path):
        error(f"{name}: is a directory; give the report's file name, e.g. {os.path.join(name, 'report.toml')}")
        return EXIT_USAGE
    if os.path.lexists(path) and not args.force:
        error(f"{name}: already exists; open it with: rapporteur edit {path} (or pass --force to start it again)")
        return EXIT_USAGE
    if not path.endswith(".toml"):
        print(
            f"rapporteur: note: {name} does not end in .toml; `rapporteur validate FOLDER` looks for *.toml",
            file=sys.stderr,
        )
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        error(f"{name}: the folder {folder} does not exist")
        return EXIT_USAGE
    config = load_user_config()
    if config.problem:
        print(f"rapporteur: {config.problem}", file=sys.stderr)
    report = skeleton_from_config(args.form, config)
    try:
        atomic_write(path, canonical_text(report, path), name)
    except ReportIOError as exc:
        error(str(exc))
        return EXIT_USAGE
    print(f"created {name} ({args.form})", file=sys.stderr)
    if args.no_edit:
        return 0
    from .edit import open_editor

    return open_editor(path, guided=True)
