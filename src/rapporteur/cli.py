"""Command line: argument parsing and dispatch only.

Each command lives in ``rapporteur.commands.<name>`` and is imported only when
that command runs, so ``rapporteur validate`` never pays for Textual or
python-docx. Exit codes everywhere: 0 clean, 1 problems found in the files,
2 usage or I/O error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from . import __version__
from .commands.common import EXIT_USAGE

COMMANDS = ("validate", "check", "fmt", "export", "import", "schema", "new", "edit", "notes", "draft")

#: Short spellings people type for ``--form``.
FORM_ALIASES = {
    "panel": "panel-discussion",
    "roundtable": "round-table",
    "round_table": "round-table",
    "delegation": "delegation-interaction",
    "book": "book-discussion",
}


def _forms() -> tuple[str, ...]:
    """The event forms of the schema, read from the model only when ``new`` runs or shows its help:
    every other command starts without pydantic."""
    from .model import FORMS

    return FORMS


def _forms_epilog() -> str:
    aliases = ", ".join(f"{short} ({full})" for short, full in FORM_ALIASES.items())
    return f"FORM is one of: {', '.join(_forms())}; also accepted: {aliases}."


def _terminal_width() -> int:
    """What ``shutil.get_terminal_size`` says, without importing shutil (and bz2, lzma): ~10 ms a run."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    # argparse builds a formatter for every argument added (to check its help), and the default
    # one imports shutil for the terminal's width: most of the cost of parsing a command line.
    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ) -> None:
        super().__init__(
            prog, indent_increment, max_help_position, width if width is not None else _terminal_width() - 2
        )


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 2 with one line and no traceback (as argparse does) and say where help is."""

    def __init__(self, *args: Any, epilog_from: Callable[[], str] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        # an epilog worth computing only when help is shown (the list of forms needs the model)
        self._epilog_from = epilog_from

    def format_help(self) -> str:
        if self._epilog_from is not None:
            self.epilog = self._epilog_from()
        return super().format_help()

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\nTry '{self.prog} --help' for more.\n")


def _form(value: str) -> str:
    value = FORM_ALIASES.get(value, value)
    forms = _forms()
    if value not in forms:
        raise argparse.ArgumentTypeError(f"unknown form '{value}' (choose from {', '.join(forms)})")
    return value


def _output_formats(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default=None,
        help="output format (default: text, or github when GITHUB_ACTIONS is set)",
    )
    p.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text output (default: auto; NO_COLOR is respected)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print problems only, no summary")


def _paths(p: argparse.ArgumentParser, what: str, optional: bool = False) -> None:
    p.add_argument(
        "paths",
        nargs="*" if optional else "+",
        metavar="PATH",
        help=f"{what}: files, folders (searched for *.toml), quoted globs, or - for standard input",
    )
    p.add_argument("--allow-empty", action="store_true", help="exit 0 when no file matched (default: exit 2)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="rapporteur",
        description="Write think-tank event reports in a guided terminal editor, check them in CI, and export Word and Markdown in the house style.",
        epilog="Run 'rapporteur FILE' to open a report in the editor. Exit codes: 0 ok, 1 problems found, 2 usage or I/O error.",
    )
    parser.add_argument("--version", action="version", version=f"rapporteur {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add(name: str, help: str, description: str | None = None, **kwargs: Any) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=description or help, **kwargs)
        p.add_argument("--version", action="version", version=f"rapporteur {__version__}")
        return p

    p = add(
        "validate",
        "check report files against the schema (structure; completeness when final)",
        "Check report files against the schema: TOML syntax, types, unknown and missing keys, person references; "
        "and, for reports whose status is final (or with --final), completeness.",
    )
    _paths(p, "reports to validate")
    p.add_argument("--final", action="store_true", help="demand completeness whatever the report's status")
    _output_formats(p)

    p = add(
        "check",
        "run the house-style checks (names, acronyms, dates, typography, length)",
        "Run the house-style checks on report files. House style comes from rapporteur.toml found upward from each report, "
        "or from the user's config.",
    )
    _paths(p, "reports to check (not needed with --list-rules)", optional=True)
    p.add_argument(
        "--select",
        metavar="RULES",
        action="append",
        default=[],
        help="only these rules (comma-separated ids or prefixes)",
    )
    p.add_argument(
        "--ignore",
        metavar="RULES",
        action="append",
        default=[],
        help="skip these rules (comma-separated ids or prefixes)",
    )
    p.add_argument("--config", metavar="FILE", help="house-style file to use instead of the one found upward")
    p.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    _output_formats(p)

    p = add(
        "fmt",
        "rewrite report files in the canonical TOML form",
        "Rewrite report files in the canonical TOML form (atomic writes).",
    )
    _paths(p, "reports to format")
    p.add_argument(
        "--check", action="store_true", help="change nothing; list files that are not canonical (exit 1 if any)"
    )
    p.add_argument("--diff", action="store_true", help="change nothing; print what would change")
    p.add_argument(
        "--drop-comments",
        action="store_true",
        help="allow comments to be dropped (the canonical form keeps only the #:schema line)",
    )
    _output_formats(p)

    p = add(
        "export",
        "export reports to Word (DOCX) or Markdown",
        "Export reports to Word (DOCX) or Markdown in the house style. The output sits beside the input unless -o says otherwise; "
        "the source is never overwritten.",
    )
    p.add_argument("paths", nargs="+", metavar="FILE", help="report files to export")
    p.add_argument(
        "-o", "--output", metavar="OUT", help="output file (one input), folder (several), or '-' for standard output"
    )
    p.add_argument(
        "--format",
        dest="to",
        choices=("docx", "md"),
        default=None,
        help="output format (default: from -o's suffix, else docx)",
    )
    p.add_argument(
        "--layout",
        choices=("narrative", "sectioned"),
        default="narrative",
        help="narrative prose like the published reports (default) or headings over the parts",
    )
    p.add_argument(
        "--reference-doc",
        metavar="REF.docx",
        help="take styles, page set-up, header and footer from this Word document (pandoc-compatible style names)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace an existing file even if it was edited after export or not written by rapporteur "
        "(never through a symbolic link)",
    )
    embed = p.add_mutually_exclusive_group()
    embed.add_argument(
        "--embed-source",
        dest="embed_source",
        action="store_const",
        const=True,
        default=None,
        help="carry the report's TOML inside the DOCX, for `rapporteur import` (default: yes, except under the "
        "Chatham House Rule; the house style's embed_source may say otherwise)",
    )
    embed.add_argument(
        "--no-embed-source",
        dest="embed_source",
        action="store_const",
        const=False,
        help="leave the report's TOML out of the DOCX",
    )
    p.add_argument(
        "--embed-notes",
        action="store_true",
        help="embed the internal notes (meta.notes, notes) with the source; they are left out otherwise",
    )
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour the text output")
    p.add_argument("-q", "--quiet", action="store_true", help="print problems only")

    p = add(
        "import",
        "recover the TOML report embedded in a DOCX, or build a draft from an old report's prose",
        "Three cases. (1) A DOCX exported by rapporteur and unchanged: the TOML report it carries, byte for byte. "
        "(2) An exported DOCX edited after export (in Word or LibreOffice): the report with each edit applied to the "
        "field it was made in, every changed field listed (--diff shows them); tracked changes must be accepted or "
        "rejected (--accept-changes, --reject-changes); comments are kept in meta.notes; an edit no field can take "
        "(composed text, the header) is listed and kept in meta.notes; a document that carries no source (a "
        "Chatham House export, a round trip through ODT) takes --onto REPORT.toml. (3) An old report that carries no source (a .docx rapporteur did not write, or .md, .txt, "
        ".html): a draft report (status draft) built from its prose by the genre's cues (lead, remarks, "
        'presentation, Q&A, implications, "Report prepared by"), every sentence kept in order; what had to be '
        "guessed is listed on standard error and kept in meta.notes for you to confirm.",
    )
    p.add_argument(
        "docx", metavar="REPORT", help="a Word file exported by rapporteur, or an old report (.docx, .md, .txt, .html)"
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE.toml",
        help="where to write the report (default: beside the input, as .toml; '-' for stdout)",
    )
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")
    tracked = p.add_mutually_exclusive_group()
    tracked.add_argument(
        "--accept-changes", action="store_true", help="accept the document's tracked changes (insertions, deletions)"
    )
    tracked.add_argument("--reject-changes", action="store_true", help="reject the document's tracked changes")
    p.add_argument(
        "--onto",
        metavar="REPORT.toml",
        help="apply the document's edits to this report (for a document that carries no source: a Chatham House "
        "export, or one saved through ODT)",
    )
    p.add_argument("--diff", action="store_true", help="print the edits, field by field, as a unified diff")

    p = add("schema", "print or write the JSON Schema of the report format")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")

    p = add(
        "new",
        "create a report with the skeleton of an event form and open it",
        "Create a report with the skeleton of an event form, pre-filled from your config, and open it in the editor.",
        epilog_from=_forms_epilog,
    )
    p.add_argument("file", metavar="FILE", help="the report file to create (.toml)")
    p.add_argument(
        "--form",
        type=_form,
        default="talk",
        metavar="FORM",
        help="the event's form (default: talk; the forms are listed below)",
    )
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.add_argument("--no-edit", action="store_true", help="create the file without opening the editor")

    p = add("edit", "open a report in the terminal editor")
    p.add_argument("file", metavar="FILE", help="the report file to open")

    p = add("notes", "take notes during the event (each note saved on Enter; never exported)")
    p.add_argument("file", metavar="FILE", help="the report file the notes belong to")

    p = add("draft", "draft the report's parts from its notes (never overwriting text)")
    p.add_argument("file", metavar="FILE", help="the report file whose notes to draft from")
    p.add_argument("--dry-run", action="store_true", help="change nothing; print what would change as a diff")
    return parser


class _UnknownCommand(Exception):
    pass


def _normalise_argv(argv: list[str]) -> list[str]:
    """``rapporteur FILE`` means ``rapporteur edit FILE``; a near-miss of a command is not a file."""
    if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS and argv[0] != "help":
        word = argv[0]
        looks_like_file = os.path.exists(word) or "." in word or os.sep in word
        import difflib  # only for a first word that is not a command

        close = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.6)
        if not looks_like_file and (close or len(argv) > 1):
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise _UnknownCommand(f"unknown command '{word}'{hint} (commands: {', '.join(COMMANDS)})")
        return ["edit", *argv]
    if argv and argv[0] == "help":
        return [*argv[1:2], "--help"] if len(argv) > 1 else ["--help"]
    return argv


def _safe_streams() -> None:
    """A terminal or pipe that cannot encode a character gets an escape, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _safe_streams()
    parser = build_parser()
    try:
        argv = _normalise_argv(argv)
    except _UnknownCommand as exc:
        parser.print_usage(sys.stderr)
        print(f"rapporteur: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    if getattr(args, "format", None) is None and hasattr(args, "format"):
        args.format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    module = importlib.import_module(f"rapporteur.commands.{args.command.replace('import', 'import_')}")
    try:
        return module.run(args)
    except KeyboardInterrupt:
        print("rapporteur: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away before we knew the outcome: say nothing is known.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except OSError:
            pass
        return EXIT_USAGE
    except Exception as exc:  # a bug of ours: one line and exit 2, never a traceback (RAPPORTEUR_DEBUG=1 shows it)
        if os.environ.get("RAPPORTEUR_DEBUG"):
            raise
        print(
            f"rapporteur: internal error: {type(exc).__name__}: {exc} (please report it; RAPPORTEUR_DEBUG=1 shows the traceback)",
            file=sys.stderr,
        )
        return EXIT_USAGE
