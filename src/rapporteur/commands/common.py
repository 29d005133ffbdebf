"""What every command that reads reports shares: finding files, printing diagnostics."""

from __future__ import annotations

import argparse
import glob
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, display_path, render_github, render_json, render_text, use_colour

if TYPE_CHECKING:
    from ..tomlio import Source

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

#: Folders never searched: version control, virtual environments, caches, build output.
SKIP_DIRS = {
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "node_modules",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "build",
    "dist",
    "site-packages",
}
#: TOML files that are configuration, not reports (skipped even when named: pre-commit names every staged file).
NOT_REPORTS = {
    "pyproject.toml",
    "rapporteur.toml",
    "Cargo.toml",
    "taplo.toml",
    ".taplo.toml",
    "poetry.lock",
    "uv.lock",
    "Pipfile",
    "ruff.toml",
    ".ruff.toml",
    "rustfmt.toml",
    ".rustfmt.toml",
    "clippy.toml",
    ".clippy.toml",
    "netlify.toml",
    "fly.toml",
    "wrangler.toml",
    "config.toml",
    "hugo.toml",
    "mypy.toml",
    "typos.toml",
}
_GLOB_CHARS = set("*?[")


@dataclass
class Collected:
    files: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # patterns or folders that gave nothing
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # folders that could not be searched


def _skipped_dir(path: str) -> bool:
    name = os.path.basename(path)
    return name in SKIP_DIRS or name.startswith(".") or os.path.exists(os.path.join(path, "pyvenv.cfg"))


def _is_report_name(path: str) -> bool:
    name = os.path.basename(path)
    return name.endswith(".toml") and name not in NOT_REPORTS and not name.startswith(".")


def _walk(folder: str, out: Collected) -> list[str]:
    found = []

    def unreadable(exc: OSError) -> None:
        from ..ioerrors import io_message

        out.unreadable.append((exc.filename or folder, "cannot search this folder: " + io_message(exc)))

    for root, dirs, files in os.walk(folder, onerror=unreadable, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not _skipped_dir(os.path.join(root, d)))
        for name in sorted(files):
            path = os.path.join(root, name)
            # regular files only: a FIFO named x.toml must not hang the run
            if _is_report_name(name) and (os.path.isfile(path) or os.path.islink(path)):
                found.append(path)
    return found


def _below_wildcard(match: str, pattern: str) -> list[str]:
    """The folders of ``match`` that the pattern's wildcards stand for (only those may be skipped)."""
    pattern_parts = os.path.normpath(pattern).split(os.sep)
    fixed = 0
    for part in pattern_parts:
        if _GLOB_CHARS & set(part):
            break
        fixed += 1
    parts = os.path.normpath(match).split(os.sep)
    return [os.sep.join(parts[: i + 1]) for i in range(fixed, len(parts) - 1)]


def collect(paths: Iterable[str]) -> Collected:
    """Files named, folders searched for ``*.toml``, quoted globs expanded; in order, no repeats.

    A named file that does not exist is kept: reading it reports the I/O error.
    Configuration files (pyproject.toml, rapporteur.toml ...) are never taken for reports.
    """
    out = Collected()
    seen: set[str] = set()
    real_dirs: dict[str, str] = {}

    def identity(p: str) -> str:
        """The file's real path (one file named twice is read once), resolving each folder once."""
        try:
            st = os.lstat(p)
        except (OSError, ValueError):
            return os.path.normpath(p)
        head, name = os.path.split(p)
        if stat.S_ISLNK(st.st_mode) or name in ("", ".", ".."):
            return os.path.realpath(p) if os.path.exists(p) else os.path.normpath(p)
        real = real_dirs.get(head)
        if real is None:
            real = real_dirs[head] = os.path.realpath(head or os.curdir)
        return os.path.join(real, name)

    def add(p: str) -> None:
        key = identity(p)
        if key not in seen:
            seen.add(key)
            out.files.append(p)

    for arg in paths:
        if arg == "-":
            add(arg)
        elif os.path.isdir(arg) and arg.endswith(".toml"):
            add(arg)  # named like a report: reading it says it is a folder
        elif os.path.isdir(arg):
            found = _walk(arg, out)
            if not found and not out.unreadable:
                out.unmatched.append(arg)
            for f in found:
                add(f)
        elif not os.path.lexists(arg) and _GLOB_CHARS & set(arg):
            files = []
            for mt in sorted(glob.glob(arg, recursive=True)):
                if any(_skipped_dir(d) for d in _below_wildcard(mt, arg)):
                    continue
                if os.path.isdir(mt):
                    files.extend(_walk(mt, out))
                elif _is_report_name(mt) and os.path.isfile(mt):
                    files.append(mt)
            if not files:
                out.unmatched.append(arg)
            for f in files:
                add(f)
        elif os.path.basename(arg) in NOT_REPORTS:
            continue
        else:
            add(arg)
    return out


def no_files_message(collected: Collected) -> str:
    what = ", ".join(collected.unmatched) or "the given paths"
    return f"no report files matched {what}"


def start(args: argparse.Namespace, collected: Collected | None = None) -> tuple[list[str], Outcome]:
    """Collect the files of a command that reads reports, or the exit code when there is nothing to do.

    A pattern or folder that matched nothing is a usage error (exit 2), even beside
    others that matched, unless ``--allow-empty``: a mistyped glob must not turn CI green.
    """
    collected = collected or collect(args.paths)
    outcome = Outcome()
    allow_empty = getattr(args, "allow_empty", False)
    for folder, message in collected.unreadable:
        outcome.io_errors += 1
        outcome.diagnostics.append(io_diagnostic(shown(folder), message))
    if not allow_empty:
        for pattern in collected.unmatched:
            outcome.io_errors += 1
            outcome.diagnostics.append(
                io_diagnostic(pattern, "no report files matched", hint="pass --allow-empty if that is expected")
            )
    if not collected.files and not outcome.diagnostics:
        return [], outcome
    return collected.files, outcome


@dataclass
class Outcome:
    """The diagnostics of a run and how many files were read."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    io_errors: int = 0
    files_with_problems: int = 0  # kept for callers that count; the summary counts files itself

    def exit_code(self, fail_on: Callable[[Diagnostic], bool] = lambda d: d.severity == "error") -> int:
        if self.io_errors:
            return EXIT_USAGE
        return EXIT_PROBLEMS if any(fail_on(d) for d in self.diagnostics) else EXIT_OK


def io_diagnostic(path: str, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(path, message, "io", hint=hint)


def report(outcome: Outcome, fmt: str, colour_choice: str = "auto", quiet: bool = False, noun: str = "valid") -> None:
    """Print the diagnostics in the chosen format, and a summary for people.

    A reader that goes away (``| head``) does not change the exit code: the
    command computes it from the outcome, not from whether printing worked.
    """
    try:
        _report(outcome, fmt, colour_choice, quiet, noun)
        sys.stdout.flush()
    except BrokenPipeError:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except OSError:
            pass


def _report(outcome: Outcome, fmt: str, colour_choice: str, quiet: bool, noun: str) -> None:
    diags = outcome.diagnostics
    if fmt == "json":
        status = "error" if outcome.io_errors else None
        print(render_json(diags, outcome.files, status))
        return
    if fmt == "github":
        if diags:
            print(render_github(diags))
        return
    colour = use_colour(sys.stdout, colour_choice)
    if diags:
        print(render_text(diags, colour))
    if quiet:
        return
    errors = sum(d.severity == "error" for d in diags)
    warnings = sum(d.severity == "warning" for d in diags)
    files = f"{outcome.files} file" + ("s" if outcome.files != 1 else "")
    if not outcome.files and not diags:
        print("no report files to check", file=sys.stderr)
        return
    if not diags:
        print(f"{files} checked: all {noun}" if outcome.files != 1 else f"1 file checked: {noun}", file=sys.stderr)
        return
    parts = []
    if errors:
        parts.append(f"{errors} error" + ("s" if errors != 1 else ""))
    if warnings:
        parts.append(f"{warnings} warning" + ("s" if warnings != 1 else ""))
    infos = len(diags) - errors - warnings
    if infos:
        parts.append(f"{infos} note" + ("s" if infos != 1 else ""))
    with_problems = len({d.file for d in diags})
    print(f"{files} checked: {', '.join(parts)} in {with_problems} of them", file=sys.stderr)


def shown(path: str) -> str:
    """How a path is shown: relative POSIX without ./ under the working folder; stdin as <stdin>."""
    return "<stdin>" if path == "-" else display_path(path)


def read_each(files: list[str], outcome: Outcome) -> Iterator[tuple[str, Source]]:
    """Each file's ``(path, source)``, counting it; a file that cannot be read becomes an io problem."""
    from ..tomlio import ReportIOError

    for path in files:
        name = shown(path)
        outcome.files += 1
        try:
            yield path, read_report_source(path, name)
        except ReportIOError as exc:
            outcome.io_errors += 1
            outcome.diagnostics.append(io_diagnostic(name, exc.message))


def read_report_source(path: str, name: str) -> Source:
    """``read_source`` that also takes ``-`` for standard input (editors pipe unsaved buffers)."""
    from ..tomlio import parse_source, read_source

    if path == "-":
        return parse_source(sys.stdin.buffer.read(), name)
    return read_source(path, name)


def error(message: str) -> None:
    print(f"rapporteur: {message}", file=sys.stderr)
