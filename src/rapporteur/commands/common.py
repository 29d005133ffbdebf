"""What every command that reads reports shares: finding files, printing diagnostics."""

from __future__ import annotations

import glob
import os
import sys
from dataclasses import dataclass, field
from typing import Callable, Iterable

from ..diagnostics import Diagnostic, display_path, render_github, render_json, render_text, use_colour

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

#: Folders never searched: version control, virtual environments, caches, build output.
SKIP_DIRS = {
    ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "node_modules", "__pycache__",
    ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis", "build", "dist", "site-packages",
}
#: TOML files that are configuration, not reports.
NOT_REPORTS = {"pyproject.toml", "rapporteur.toml", "Cargo.toml", "taplo.toml", ".taplo.toml", "poetry.lock", "uv.lock", "Pipfile"}
_GLOB_CHARS = set("*?[")


@dataclass
class Collected:
    files: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # patterns or folders that gave nothing


def _skipped_dir(path: str) -> bool:
    name = os.path.basename(path)
    return name in SKIP_DIRS or name.startswith(".") or os.path.exists(os.path.join(path, "pyvenv.cfg"))


def _is_report_name(path: str) -> bool:
    name = os.path.basename(path)
    return name.endswith(".toml") and name not in NOT_REPORTS and not name.startswith(".")


def _walk(folder: str) -> list[str]:
    found = []
    for root, dirs, files in os.walk(folder, onerror=None, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not _skipped_dir(os.path.join(root, d)))
        found.extend(os.path.join(root, name) for name in sorted(files) if _is_report_name(name))
    return found


def collect(paths: Iterable[str]) -> Collected:
    """Files named, folders searched for ``*.toml``, quoted globs expanded; in order, no repeats.

    A named file that does not exist is kept: reading it reports the I/O error.
    """
    out = Collected()
    seen: set[str] = set()

    def add(p: str) -> None:
        key = os.path.normpath(p)
        if key not in seen:
            seen.add(key)
            out.files.append(p)

    for arg in paths:
        if os.path.isdir(arg) and arg.endswith(".toml"):
            add(arg)  # named like a report: reading it says it is a folder
        elif os.path.isdir(arg):
            found = _walk(arg)
            if not found:
                out.unmatched.append(arg)
            for f in found:
                add(f)
        elif not os.path.lexists(arg) and _GLOB_CHARS & set(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            files = []
            for mt in matches:
                parents = os.path.normpath(os.path.dirname(mt)).split(os.sep)
                if any(_skipped_dir(os.sep.join(parents[: i + 1]) or os.sep) for i in range(len(parents)) if parents[i] not in ("", ".", "..")):
                    continue
                if os.path.isdir(mt):
                    files.extend(_walk(mt))
                elif _is_report_name(mt):
                    files.append(mt)
            if not files:
                out.unmatched.append(arg)
            for f in files:
                add(f)
        else:
            add(arg)
    return out


def no_files_message(collected: Collected) -> str:
    what = ", ".join(collected.unmatched) or "the given paths"
    return f"rapporteur: no report files matched {what}"


@dataclass
class Outcome:
    """The diagnostics of a run and how many files were read."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    io_errors: int = 0
    files_with_problems: int = 0

    def exit_code(self, fail_on: Callable[[Diagnostic], bool] = lambda d: d.severity == "error") -> int:
        if self.io_errors:
            return EXIT_USAGE
        return EXIT_PROBLEMS if any(fail_on(d) for d in self.diagnostics) else EXIT_OK


def io_diagnostic(path: str, message: str) -> Diagnostic:
    return Diagnostic(path, message, "io")


def report(outcome: Outcome, fmt: str, colour_choice: str = "auto", quiet: bool = False, noun: str = "valid") -> None:
    """Print the diagnostics in the chosen format, and a summary for people."""
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
    print(f"{files} checked: {', '.join(parts)} in {outcome.files_with_problems} of them", file=sys.stderr)


def shown(path: str) -> str:
    return display_path(path)


def error(message: str) -> None:
    print(f"rapporteur: {message}", file=sys.stderr)
