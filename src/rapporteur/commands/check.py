"""``rapporteur check``: the house-style checks, with the file handling, output
formats, positions and exit codes of ``validate``.

A file with structural problems (TOML syntax, schema, references) reports those
and is not checked further: the checks read a valid report. Exit codes: 0 when
nothing at or above the house style's ``fail_on`` severity (default: warning) was
found, 1 when something was, 2 for usage, I/O or house-style configuration errors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from ..diagnostics import SEVERITY_ORDER, Diagnostic, render_json
from ..validate import validate_source
from .common import EXIT_OK, EXIT_USAGE, error, read_each, report, start


def _list_rules(fmt: str) -> int:
    from ..checks import FAMILIES, RULES

    rules = sorted(RULES.values(), key=lambda r: (FAMILIES.index(r.family), r.id))
    if fmt == "json":
        doc = [
            {"id": r.id, "family": r.family, "severity": r.severity, "summary": r.summary, "fix": r.fix} for r in rules
        ]
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return EXIT_OK
    width = max(len(r.id) for r in rules)
    family = None
    for r in rules:
        if r.family != family:
            if family is not None:
                print()
            family = r.family
            print(f"{family}:")
        print(f"  {r.id:<{width}}  {r.severity:<7}  {r.summary}")
    print(
        "\nSelect or ignore rules by id, by family or by any leading part of an id (--select people --ignore people-unmentioned)."
    )
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    from ..checks import RULES, UnknownRule, rules_for, run_checks
    from ..style import StyleError, load_style

    if args.list_rules:
        return _list_rules(args.format)
    if not getattr(args, "paths", None):  # PATH is optional on the command line only for --list-rules
        error("check: the following arguments are required: PATH (or --list-rules)")
        return EXIT_USAGE
    try:
        rules_for(None, args.select, args.ignore)
    except UnknownRule as exc:
        error(f"{exc} ({exc.hint})")
        return EXIT_USAGE

    forced = None
    if args.config:
        try:
            forced = load_style(config=args.config)
        except StyleError as exc:
            error(str(exc))
            return EXIT_USAGE

    files, outcome = start(args)
    fail_level: dict[str, int] = {}  # file -> worst severity rank that fails
    notes: set[str] = set()
    broken_styles: set[str] = set()
    for path, source in read_each(files, outcome):
        name = source.path
        result = validate_source(source, final=False)
        if result.report is None or any(d.severity == "error" for d in result.diagnostics):
            outcome.files_with_problems += 1
            outcome.diagnostics.extend(result.diagnostics)
            continue
        if forced is not None:
            style = forced
        else:
            try:
                style = load_style(path if path != "-" else os.getcwd())
            except StyleError as exc:
                outcome.io_errors += 1
                key = str(exc)
                if key not in broken_styles:
                    broken_styles.add(key)
                    outcome.diagnostics.append(exc.diagnostic())
                continue
        notes.update(style.problems)
        try:
            found = run_checks(result.report, source=source, style=style, select=args.select, ignore=args.ignore)
        except UnknownRule as exc:  # the style file was checked when loaded; this is a bug guard
            error(f"{exc} ({exc.hint})")
            return EXIT_USAGE
        fail_level[name] = SEVERITY_ORDER[style.fail_on]
        if found:
            outcome.files_with_problems += 1
            outcome.diagnostics.extend(found)
    for note in sorted(notes):
        print(f"rapporteur: warning: {note}", file=sys.stderr)

    def fails(d: Diagnostic) -> bool:
        if d.code in RULES:
            return SEVERITY_ORDER[d.severity] <= fail_level.get(d.file, SEVERITY_ORDER["warning"])
        return d.severity == "error"  # structural problems, I/O and configuration errors

    code = outcome.exit_code(fails)
    if args.format == "json":
        # the status follows this command's exit code (warnings fail a check), not errors alone
        status = "error" if code == EXIT_USAGE else ("fail" if code else "ok")
        try:
            print(render_json(outcome.diagnostics, outcome.files, status))
            sys.stdout.flush()
        except BrokenPipeError:  # a reader that went away does not change the outcome
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except OSError:
                pass
    else:
        report(outcome, args.format, args.color, args.quiet, noun="clean")
    return code
