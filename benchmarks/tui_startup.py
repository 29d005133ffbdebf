"""Time to the first full screen: the editor with the seed example vs a minimal Textual app.

Both run headless in the same process at 100x32, alternately, after one warm-up run
each (imports are then shared, so the figure is what the editor adds on top of
Textual). The first screen is "ready": the editor's outline, the Event form and
the status bar mounted and the first analysis done. Target: at most 1.5x.

    python benchmarks/tui_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

from tui_common import SEED, isolate, settle


async def editor_once() -> float:
    from rapporteur.tui.app import RapporteurApp

    t0 = time.perf_counter()
    app = RapporteurApp(SEED, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.editor is not None and app.editor.query("FieldBox")
        t = time.perf_counter() - t0
        app.exit()
    return t


async def minimal_once() -> float:
    from textual.app import App
    from textual.widgets import Footer, Static, Tree

    class Minimal(App):
        def compose(self):
            tree = Tree("report")
            tree.root.add_leaf("event")
            yield tree
            yield Static("A minimal Textual app: a tree, a line of text and a footer.")
            yield Footer()

    t0 = time.perf_counter()
    app = Minimal()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        t = time.perf_counter() - t0
        app.exit()
    return t


async def main(runs: int) -> None:
    isolate()
    await editor_once()
    await minimal_once()
    ed, mini = [], []
    for _ in range(runs):
        ed.append(await editor_once())
        mini.append(await minimal_once())
    e, m = statistics.median(ed), statistics.median(mini)
    print(f"first full screen, median of {runs} (100x32, headless, warm imports):")
    print(f"  minimal Textual app : {m * 1000:7.1f} ms")
    print(f"  rapporteur, seed    : {e * 1000:7.1f} ms")
    print(f"  ratio               : {e / m:7.2f}x  (target <= 1.5x)")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=7)
    asyncio.run(main(p.parse_args().runs))
