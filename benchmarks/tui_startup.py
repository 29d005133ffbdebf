"""Time to the first full screen: the editor with the seed example vs a minimal Textual app.

Two measures, both against a minimal Textual app (a tree, a line of text and a footer) run
the same way, alternately, medians of ``--runs``:

* **new process** (what a user waits for): from launching ``python`` to the first full
  screen painted; imports included.
* **in process, warm imports** (what the editor adds on top of Textual): CPU time from
  creating the app to the first full screen painted, and to the first analysis shown. CPU
  time, not wall time: the wall time of a headless run is mostly pilot's waits, and the
  machines here are shared.

The first full screen is stamped inside the app when Textual has laid it out and painted it
(the screen's public ``screen_layout_refresh_signal``, published right after each layout
refresh paints the screen), the first time it holds it: for the editor, the outline, the Event
form's fields (each drawn by its own box until it is entered) and the status bar naming the file;
for the minimal app, its three widgets. The editor is opened as ``rapporteur edit`` opens it
(automatic garbage collection held before the import, see ``tui/pauses.py``). Its first analysis
(validation and house style, whose first run imports the models and the checks) runs right after
that paint, blocking the loop; it is reported as "analysed": the first refresh after it, with the
outline's markers and the status bar's counts (``call_after_refresh``). Until 3 December 2026 the
first figure was taken by pilot polling the screen, which saw it only after that analysis, so a
quicker first paint did not show; and then by ``call_after_refresh``, which runs after whatever
the app queued for after the paint. Each child process also reports its own CPU time at the stamp
(its start and imports included), steadier than the wall time on a shared machine.

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


Stamps = dict[str, float]


def _minimal_app(painted, stamp):
    from textual.app import App
    from textual.widgets import Footer, Static, Tree

    class Minimal(App):
        def compose(self):
            tree = Tree("report")
            tree.root.add_leaf("event")
            yield tree
            yield Static("A minimal Textual app: a tree, a line of text and a footer.")
            yield Footer()

        def on_mount(self) -> None:
            self.screen.screen_layout_refresh_signal.subscribe(self, lambda _screen: painted(self), immediate=True)
            self.call_after_refresh(stamp, self)

        def on_ready(self) -> None:
            painted(self)  # Textual says Ready, instead of the signal, after an app's first paint

    return Minimal()


def _editor_app(painted, stamp):
    from rapporteur.tui import pauses

    pauses.hold()  # as `rapporteur edit` does before importing the editor (commands/edit.py)
    from rapporteur.tui import app as app_module
    from rapporteur.tui.app import RapporteurApp

    class Timed(RapporteurApp):
        CSS_PATH = os.path.join(os.path.dirname(app_module.__file__), RapporteurApp.CSS_PATH)  # relative to its module

        def new_editor_screen(self):
            screen = super().new_editor_screen()
            screen.screen_layout_refresh_signal.subscribe(self, lambda _screen: painted(self), immediate=True)
            screen.call_after_refresh(stamp, self)
            return screen

        def on_ready(self) -> None:
            painted(self)  # as the minimal app's

    return Timed(SEED, cursor_blink=False)


def _full(app) -> bool:
    editor = getattr(app, "editor", None)
    if not hasattr(app, "report_path"):
        return bool(app.query("Footer"))
    return editor is not None and bool(editor.query("FieldBox")) and bool(editor.status.file)


def _analysed(app) -> bool:
    editor = getattr(app, "editor", None)
    return not hasattr(app, "report_path") or (editor is not None and editor.analysis is not None)


def _stamper(stamps: Stamps, clock):
    """Two callbacks: one run after each paint (stamps the first full screen), one after a refresh
    (stamps the first analysis shown, once the first full screen was)."""

    def now() -> None:
        if "first" not in stamps:
            stamps["first"] = clock()
            stamps["first_cpu"] = time.process_time()  # the process's CPU time so far, its start and imports included

    def painted(app) -> None:
        if "first" not in stamps and _full(app):
            # after the paint: within a batch of updates Textual queues the paint on the screen, so queue
            # the stamp behind it (outside one, the paint is done and the stamp comes a message later)
            app.screen.call_later(now)

    def stamp(app) -> None:
        if "first" in stamps and _analysed(app):
            stamps["ready"] = clock()
            return
        app.call_after_refresh(stamp, app)  # not there yet: look again after the next refresh

    return painted, stamp


async def _run(which: str, clock, since: float | None = None, cpu: dict | None = None) -> tuple[float, float]:
    """(first full screen painted, analysed) in ``clock`` units since the app was created (or ``since``)."""
    stamps: Stamps = {}
    t0 = clock() if since is None else since
    painted, stamp = _stamper(stamps, clock)
    app = _editor_app(painted, stamp) if which == "editor" else _minimal_app(painted, stamp)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        for _ in range(10_000):
            if "ready" in stamps:
                break
            await pilot.pause()
        else:
            raise AssertionError(f"{which}: the first full screen was never stamped ({stamps})")
        await settle(pilot)
        if which == "editor":
            assert app.editor.analysis is not None
        app.exit()
    if cpu is not None:
        cpu["first"] = stamps["first_cpu"]
    return stamps["first"] - t0, stamps["ready"] - t0


def _child(which: str) -> None:
    """Runs in a fresh process: prints the wall-clock times of the first full screen and of 'analysed'."""
    isolate()
    cpu: dict = {}
    first, ready = asyncio.run(_run(which, time.time, since=0.0, cpu=cpu))  # epoch times: the parent knows its launch
    print(json.dumps({"first": first, "ready": ready, "cpu": cpu["first"]}))


def new_process(runs: int) -> dict:
    def once(which: str) -> tuple[float, float, float]:
        t0 = time.time()
        out = subprocess.run(
            [sys.executable, os.path.join(HERE, "tui_startup.py"), "--child", which],
            capture_output=True,
            text=True,
            check=True,
            cwd=HERE,
        ).stdout
        d = json.loads(out.strip().splitlines()[-1])
        return d["first"] - t0, d["ready"] - t0, d["cpu"]

    once("editor"), once("minimal")  # byte-compile, warm the disk cache
    ed, mini = [], []
    for _ in range(runs):
        ed.append(once("editor"))
        mini.append(once("minimal"))
    return {
        "editor_first_ms": statistics.median(e[0] for e in ed) * 1000,
        "editor_ready_ms": statistics.median(e[1] for e in ed) * 1000,
        "minimal_ms": statistics.median(m[0] for m in mini) * 1000,
        "editor_first_process_cpu_ms": statistics.median(e[2] for e in ed) * 1000,
        "minimal_process_cpu_ms": statistics.median(m[2] for m in mini) * 1000,
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
    out["process_cpu_ratio"] = out["editor_first_process_cpu_ms"] / out["minimal_process_cpu_ms"]
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
    print(f"  new process, its CPU time to that screen: minimal Textual app {r['minimal_process_cpu_ms']:7.1f} ms")
    print(
        f"                                            rapporteur, seed     {r['editor_first_process_cpu_ms']:7.1f} ms  ({r['process_cpu_ratio']:.2f}x)"
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
