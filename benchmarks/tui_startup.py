"""Time to the first full screen: the editor with the seed example vs a minimal Textual app.

Two measures, both against a minimal Textual app (a tree, a line of text and a footer) run
the same way, alternately, medians of ``--runs``:

* **new process** (what a user waits for): from launching ``python`` to the first full
  screen (the outline, the Event form and the status bar mounted and painted); imports
  included. The editor's first analysis (validation and house style, whose first run
  imports the checks) runs right after that paint, and is reported as "analysed".
* **in process, warm imports** (what the editor adds on top of Textual): CPU time from
  creating the app to the first full screen, and to the first analysis done. CPU time,
  not wall time: the wall time of a headless run is mostly pilot's waits, and the
  machines here are shared.

Target: the first full screen at most 1.5x the minimal app's.

Run alone, it first compiles the package's bytecode (as ``run.py`` does, and as pip does for an
installed copy): with an editable install and ``PYTHONDONTWRITEBYTECODE`` set, every new process
would otherwise compile each of the editor's modules, a cost no user pays (about 0.3x of the ratio).

    python benchmarks/tui_startup.py [--runs 7] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time

from tui_common import SEED, isolate, settle

HERE = os.path.dirname(os.path.abspath(__file__))


def _minimal_app():
    from textual.app import App
    from textual.widgets import Footer, Static, Tree

    class Minimal(App):
        def compose(self):
            tree = Tree("report")
            tree.root.add_leaf("event")
            yield tree
            yield Static("A minimal Textual app: a tree, a line of text and a footer.")
            yield Footer()

    return Minimal()


def _editor_app():
    from rapporteur.tui.app import RapporteurApp

    return RapporteurApp(SEED, cursor_blink=False)


def _full(app) -> bool:
    editor = getattr(app, "editor", None)
    if editor is None:
        return bool(app.query("Footer"))
    return bool(editor.query("FieldBox")) and bool(editor.status.file)


async def _run(which: str, clock) -> tuple[float, float]:
    """(first full screen, analysed) in ``clock`` units since the app was created."""
    t0 = clock()
    app = _editor_app() if which == "editor" else _minimal_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        while not _full(app):
            await pilot.pause()
        first = clock() - t0
        await settle(pilot)
        if which == "editor":
            assert app.editor.analysis is not None
        ready = clock() - t0
        app.exit()
    return first, ready


def _child(which: str) -> None:
    """Runs in a fresh process: prints the wall-clock times of the first full screen and of 'analysed'."""
    isolate()

    async def go():
        first, ready = await _run(which, time.time)
        return first, ready

    t0 = time.time()
    first, ready = asyncio.run(go())
    # _run measured from the app's creation; the parent wants it from its own launch time
    created = t0
    print(json.dumps({"first": created + first, "ready": created + ready}))


def new_process(runs: int) -> dict:
    def once(which: str) -> tuple[float, float]:
        t0 = time.time()
        out = subprocess.run(
            [sys.executable, os.path.join(HERE, "tui_startup.py"), "--child", which],
            capture_output=True,
            text=True,
            check=True,
            cwd=HERE,
        ).stdout
        d = json.loads(out.strip().splitlines()[-1])
        return d["first"] - t0, d["ready"] - t0

    once("editor"), once("minimal")  # byte-compile, warm the disk cache
    ed, mini = [], []
    for _ in range(runs):
        ed.append(once("editor"))
        mini.append(once("minimal"))
    return {
        "editor_first_ms": statistics.median(e[0] for e in ed) * 1000,
        "editor_ready_ms": statistics.median(e[1] for e in ed) * 1000,
        "minimal_ms": statistics.median(m[0] for m in mini) * 1000,
    }


async def in_process(runs: int) -> dict:
    isolate()
    await _run("editor", time.process_time)
    await _run("minimal", time.process_time)
    ed, mini = [], []
    for _ in range(runs):
        ed.append(await _run("editor", time.process_time))
        mini.append(await _run("minimal", time.process_time))
    return {
        "editor_first_cpu_ms": statistics.median(e[0] for e in ed) * 1000,
        "editor_ready_cpu_ms": statistics.median(e[1] for e in ed) * 1000,
        "minimal_cpu_ms": statistics.median(m[0] for m in mini) * 1000,
    }


def measure(runs: int) -> dict:
    out = new_process(runs)
    out.update(asyncio.run(in_process(runs)))
    out["process_ratio"] = out["editor_first_ms"] / out["minimal_ms"]
    out["process_ready_ratio"] = out["editor_ready_ms"] / out["minimal_ms"]
    out["cpu_ratio"] = out["editor_first_cpu_ms"] / out["minimal_cpu_ms"]
    out["cpu_ready_ratio"] = out["editor_ready_cpu_ms"] / out["minimal_cpu_ms"]
    out["runs"] = runs
    return out


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--json", action="store_true", help="print the figures as one JSON line")
    p.add_argument("--child", choices=("editor", "minimal"), help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        _child(args.child)
        return
    from run import compile_bytecode

    compile_bytecode()  # what an installed copy runs (see the module's docstring)
    r = measure(args.runs)
    if args.json:
        print(json.dumps(r))
        return
    print(f"first full screen, median of {args.runs} (100x32, headless):")
    print(f"  new process, launch to first full screen: minimal Textual app {r['minimal_ms']:7.1f} ms")
    print(
        f"                                            rapporteur, seed     {r['editor_first_ms']:7.1f} ms  ({r['process_ratio']:.2f}x, target <= 1.5x)"
    )
    print(
        f"                                            ... analysed         {r['editor_ready_ms']:7.1f} ms  ({r['process_ready_ratio']:.2f}x)"
    )
    print(f"  in process, warm imports, CPU:            minimal Textual app {r['minimal_cpu_ms']:7.1f} ms")
    print(
        f"                                            rapporteur, seed     {r['editor_first_cpu_ms']:7.1f} ms  ({r['cpu_ratio']:.2f}x)"
    )
    print(
        f"                                            ... analysed         {r['editor_ready_cpu_ms']:7.1f} ms  ({r['cpu_ready_ratio']:.2f}x)"
    )


if __name__ == "__main__":
    main()
