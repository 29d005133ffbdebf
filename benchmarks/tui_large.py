"""Opening a report with 300 questions and 50,000 words, and moving around it.

python benchmarks/tui_large.py [--words 50000] [--questions 300] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time

from tui_common import isolate, large_report, settle, write_report


async def measure(words_wanted: int = 50_000, questions: int = 300) -> dict:
    from rapporteur.tui.app import RapporteurApp
    from rapporteur.tui.document import count_words

    tmp = isolate()
    data = large_report(words_wanted, questions=questions)
    path = write_report(data, tmp, "large.toml")
    t0 = time.perf_counter()
    app = RapporteurApp(path, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        opened = time.perf_counter() - t0
        ed = app.editor
        nodes = len(ed.outline.nodes_by_path)
        t0 = time.perf_counter()
        await ed.go_to(("discussion", "questions", min(250, questions - 1), "text"))
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
    return {
        "questions": len(data["discussion"]["questions"]),
        "words": words,
        "nodes": nodes,
        "open_ms": opened * 1000,
        "jump_ms": jump * 1000,
        "next_part_ms": next_part * 1000,
        "analysis_ms": analysis * 1000,
        "autosave_ms": autosave * 1000,
    }


def report(r: dict) -> None:
    print(
        f"report with {r['questions']} questions and {r['words']:,} words ({r['nodes']} outline nodes), 120x40 headless:"
    )
    print(f"  open to first full screen        : {r['open_ms']:7.1f} ms")
    print(f"  jump to question 251's text      : {r['jump_ms']:7.1f} ms")
    print(f"  F8 (next part: mount its form)   : {r['next_part_ms']:7.1f} ms")
    print(f"  one analysis (debounced)         : {r['analysis_ms']:7.1f} ms")
    print(f"  one autosave (recovery file)     : {r['autosave_ms']:7.1f} ms")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--words", type=int, default=50_000)
    p.add_argument("--questions", type=int, default=300)
    p.add_argument("--json", action="store_true", help="print the figures as one JSON line")
    a = p.parse_args()
    result = asyncio.run(measure(a.words, a.questions))
    print(json.dumps(result)) if a.json else report(result)
