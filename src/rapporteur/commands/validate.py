"""``rapporteur validate``: structure always, completeness for final reports.

Many files (a CI run over an archive) are validated on every core: the files are
cut into chunks in their order, worker processes forked from this one (imports
and the validator already built) take the chunks, and the results come back in
the same order, so the output and the exit code are those of a run on one core.
Small runs never pay for starting workers. ``RAPPORTEUR_JOBS=1`` turns it off.
"""

from __future__ import annotations

import argparse
import os
import sys

from ..validate import validate_source
from .common import Outcome, read_each, report, start

#: Below this many files one process is quicker than starting workers (measured: benchmarks/README.md).
POOL_MIN_FILES = 200
#: Files per task: big enough that the hand-over costs little, small enough to share out evenly.
CHUNK_FILES = 40


def _validate(files: list[str], final: bool | None, outcome: Outcome) -> None:
    from ..style import waive

    for path, source in read_each(files, outcome):
        diags = validate_source(source, final=final, fast=True).diagnostics
        outcome.diagnostics.extend(waive(diags, path))


def _validate_chunk(task: tuple[list[str], bool | None]) -> Outcome:
    files, final = task
    outcome = Outcome()
    _validate(files, final, outcome)
    return outcome


def _quiet_worker() -> None:
    # Ctrl-C is for the parent, which stops the workers: no traceback from each of them.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def jobs_for(n_files: int) -> int:
    """How many worker processes a run over ``n_files`` files uses (1: none, all in this process)."""
    try:
        cpus = len(os.sched_getaffinity(0))  # the cores this process may use, not the machine's
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    wanted = os.environ.get("RAPPORTEUR_JOBS", "").strip()
    if wanted.isdigit() and int(wanted) >= 1:
        cpus = int(wanted)
    # fork only: the workers start with what this process has imported and built; it is
    # Linux's own way of starting processes, and validate runs no threads that fork could break
    if cpus < 2 or n_files < POOL_MIN_FILES or not sys.platform.startswith("linux"):
        return 1
    return min(cpus, max(1, n_files // CHUNK_FILES))


def _validate_in_workers(files: list[str], final: bool | None, outcome: Outcome, jobs: int) -> None:
    import multiprocessing

    from .. import fastvalidate

    fastvalidate.validator()  # built once here, inherited by every worker
    tasks = [(files[i : i + CHUNK_FILES], final) for i in range(0, len(files), CHUNK_FILES)]
    with multiprocessing.get_context("fork").Pool(jobs, initializer=_quiet_worker) as pool:
        for part in pool.imap(_validate_chunk, tasks):  # imap keeps the files' order
            outcome.files += part.files
            outcome.io_errors += part.io_errors
            outcome.diagnostics.extend(part.diagnostics)


def run(args: argparse.Namespace) -> int:
    files, outcome = start(args)
    final = True if args.final else None
    jobs = 1 if "-" in files else jobs_for(len(files))  # standard input belongs to this process
    if jobs > 1:
        _validate_in_workers(files, final, outcome, jobs)
    else:
        _validate(files, final, outcome)
    report(outcome, args.format, args.color, args.quiet)
    return outcome.exit_code()
