"""Run the rapporteur CLI exactly as ``python -m rapporteur ARGS`` does, and record its peak memory.

    python tests/corpus/run_measured.py RSS_FILE ARGS...

At exit (whatever the exit code) the process writes its own peak resident set size in
KiB to RSS_FILE, so the reliability tests can bound the memory of every run on a hostile
input. On Linux that is ``VmHWM`` from /proc/self/status: ``getrusage(RUSAGE_SELF).ru_maxrss``
keeps the high-water mark of the process image before ``execve``, i.e. of the forking
parent (pytest, a few hundred MB), so every child would seem to use that much.
"""

from __future__ import annotations

import atexit
import resource
import runpy
import sys


def peak_kib() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _record(path: str) -> None:
    try:
        with open(path, "w") as fh:
            fh.write(str(peak_kib()))
    except OSError:
        pass


if __name__ == "__main__":
    rss_file, args = sys.argv[1], sys.argv[2:]
    atexit.register(_record, rss_file)
    sys.argv = ["rapporteur", *args]
    sys.path.pop(0)  # this folder is not part of the program
    runpy.run_module("rapporteur", run_name="__main__", alter_sys=True)
