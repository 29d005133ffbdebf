"""``rapporteur schema``: the published JSON Schema."""

from __future__ import annotations

import argparse
import sys

from ..schema import schema_text
from ..tomlio import ReportIOError
from ..tomlwrite import atomic_write
from .common import EXIT_USAGE, error


def run(args: argparse.Namespace) -> int:
    text = schema_text()
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        return 0
    try:
        atomic_write(args.output, text)
    except ReportIOError as exc:
        error(str(exc))
        return EXIT_USAGE
    return 0
