"""Opening a report with 300 questions and 50,000 words, and moving around it.

    python benchmarks/tui_large.py
"""

from __future__ import annotations

import asyncio
import time

from tui_common import isolate, large_report, settle, write_report


async def main() -> None:
    from rapporteur.tui.app import RapporteurApp
    from rapporteur.tui.document import count_words

    tmp = isolate()
    data = large_report(50_000, questions=300)
    path = write_report(data, tmp, "large.toml")
    t0 = time.perf_counter()
    app = RapporteurApp(path, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        opened = time.perf_counter() - t0
        ed = app.editor
        nodes = len(ed.outline.nodes_by_path)
        t0 = time.perf_counter()
        await ed.go_to(("discussion", "questions", 250, "text"))
        await settle(pilot)
        jump = time.perf_counter() - t0
        t0 = time.perf_counter()
        await pilot.press("f8")
        await settle(pilot)
        next_part = time.perf_counter() - t0
        t0 = time.perf_counter()
        ed.refresh_analysis()
        analysis = time.perf_counter() - t0
        ed.dirty = True  # autosave writes only unsaved work
        t0 = time.perf_counter()
        ed.autosave()
        autosave = time.perf_counter() - t0
        words = count_words(ed.data)
        app.exit()
    print(f"report with {len(data['discussion']['questions'])} questions and {words:,} words ({nodes} outline nodes), 120x40 headless:")
    print(f"  open to first full screen        : {opened * 1000:7.1f} ms")
    print(f"  jump to question 251's text      : {jump * 1000:7.1f} ms")
    print(f"  F8 (next part: mount its form)   : {next_part * 1000:7.1f} ms")
    print(f"  one analysis (debounced)         : {analysis * 1000:7.1f} ms")
    print(f"  one autosave (recovery file)     : {autosave * 1000:7.1f} ms")


if __name__ == "__main__":
    asyncio.run(main())
