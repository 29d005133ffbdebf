"""A process that saves a file in a loop, to be killed at random moments (tests/test_reliability_crash.py).

    python tests/corpus/save_loop.py MODE TARGET [ARGS...]

It imports everything once, then obeys lines on standard input (a fork server, so that
hundreds of kills cost the kills, not hundreds of interpreter start-ups):

    go    fork a worker that saves TARGET over and over, forever; answer with its pid
    reap  wait for the worker (killed by the test meanwhile); answer "reaped STATUS"

Modes (every save goes through the code a user runs):

    write A B      tomlwrite.atomic_write(TARGET, A's bytes), then B's, then A's ...
    fmt   A        write A (not canonical) with atomic_write, then `rapporteur fmt TARGET`
    export A B     `rapporteur export A -o TARGET --force`, then B, then A ...
"""

from __future__ import annotations

import contextlib
import io
import os
import sys


def _saves(mode: str, target: str, args: list[str]):
    """An endless iterator of save actions (each a no-argument callable)."""
    from rapporteur import tomlwrite
    from rapporteur.cli import main
    from rapporteur.commands import export, fmt  # noqa: F401  (warm: workers start saving at once)

    if mode == "write":
        contents = [open(a, "rb").read() for a in args]
        while True:
            for data in contents:
                yield lambda data=data: tomlwrite.atomic_write(target, data)
    elif mode == "fmt":
        raw = open(args[0], "rb").read()
        while True:
            yield lambda: tomlwrite.atomic_write(target, raw)
            yield lambda: main(["fmt", "-q", target])
    elif mode == "export":
        import rapporteur.export.docx  # noqa: F401
        import rapporteur.validate  # noqa: F401

        while True:
            for src in args:
                yield lambda src=src: main(["export", "-q", "--force", src, "-o", target])
    else:
        raise SystemExit(f"unknown mode {mode}")


def main() -> int:
    mode, target, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    # One round on a scratch file first: every import, cache and lazy model is warm before the
    # first fork, so the workers spend their time saving (where the kills must land).
    folder, name = os.path.split(os.path.abspath(target))
    warm = os.path.join(folder, ".warm-" + name)
    rounds = _saves(mode, warm, args)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        for _ in range(2 * max(len(args), 1)):
            next(rounds)()
    os.unlink(warm)
    saves = _saves(mode, target, args)
    worker = None
    print("ready", flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command == "go":
            worker = os.fork()
            if worker == 0:  # the worker: save until killed
                sys.stdin.close()
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, 1)
                os.dup2(devnull, 2)
                for save in saves:
                    save()
                os._exit(0)
            print(worker, flush=True)
        elif command == "reap" and worker:
            _, status = os.waitpid(worker, 0)
            worker = None
            print(f"reaped {status}", flush=True)
        elif command == "quit":
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
