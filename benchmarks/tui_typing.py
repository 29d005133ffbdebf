"""Per-key latency while typing into a 20,000-word report.

The report is the seed grown to 20,000 words (20 sections of ~1,000 words); the
cursor is put at the end of a ~1,000-word section and keys are pressed one at a
time with Textual's pilot; each key's time is from the press to the app being
idle again (the key handled, the data updated, the screen refreshed; the
debounced analysis runs too when a pause lets it). Target: p95 < 16 ms.

    python benchmarks/tui_typing.py [--keys 300] [--words 20000] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time

from tui_common import isolate, large_report, settle, write_report


async def measure(keys: int, words_wanted: int = 20_000) -> dict:
    from rapporteur.tui.app import RapporteurApp
    from rapporteur.tui.document import count_words

    tmp = isolate()
    data = large_report(words_wanted, questions=3)
    path = write_report(data, tmp, "twenty-thousand.toml")
    app = RapporteurApp(path, cursor_blink=False)
    times, cpu = [], []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        ed = app.editor
        words = count_words(ed.data)
        await ed.go_to(("sessions", 0, "presentations", 0, "sections", 10, "text"))
        await settle(pilot)
        area = app.focused
        area.move_cursor(area.document.end)
        text = "the rapporteur noted that cooperation deepened "
        for i in range(keys):
            ch = text[i % len(text)]
            t0, c0 = time.perf_counter(), time.process_time()
            await pilot.press("space" if ch == " " else ch)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        await pilot.pause(0.5)
        typed = "".join(text[i % len(text)] for i in range(keys)).strip()
        assert ed.dirty and typed in ed.data["sessions"][0]["presentations"][0]["sections"][10]["text"]
        t0 = time.perf_counter()
        ed.refresh_analysis()
        analysis = time.perf_counter() - t0
        app.exit()
    base_wall, base_cpu = await baseline(keys)

    def pct(xs, q):
        xs = sorted(xs)
        return xs[max(0, int(len(xs) * q) - 1)] * 1000

    return {
        "words": words,
        "keys": keys,
        "cpu_p50_ms": pct(cpu, 0.5),
        "cpu_p95_ms": pct(cpu, 0.95),
        "cpu_max_ms": max(cpu) * 1000,
        "bare_cpu_p50_ms": pct(base_cpu, 0.5),
        "bare_cpu_p95_ms": pct(base_cpu, 0.95),
        "wall_p50_ms": pct(times, 0.5),
        "wall_p95_ms": pct(times, 0.95),
        "bare_wall_p50_ms": pct(base_wall, 0.5),
        "bare_wall_p95_ms": pct(base_wall, 0.95),
        "analysis_ms": analysis * 1000,
    }


def report(r: dict) -> None:
    print(f"typing into a {r['words']:,}-word report, {r['keys']} keys (120x40, headless):")
    print("  CPU time per key (what the app spends handling it; pilot's own waits are sleeps):")
    print(
        f"    editor        p50 {r['cpu_p50_ms']:6.2f} ms   p95 {r['cpu_p95_ms']:6.2f} ms   max {r['cpu_max_ms']:6.2f} ms  (target p95 < 16 ms)"
    )
    print(f"    bare TextArea p50 {r['bare_cpu_p50_ms']:6.2f} ms   p95 {r['bare_cpu_p95_ms']:6.2f} ms")
    print("  wall time per pilot.press (includes pilot's fixed waits, the same for any app):")
    print(f"    editor        p50 {r['wall_p50_ms']:6.2f} ms   p95 {r['wall_p95_ms']:6.2f} ms")
    print(f"    bare TextArea p50 {r['bare_wall_p50_ms']:6.2f} ms   p95 {r['bare_wall_p95_ms']:6.2f} ms")
    print(f"  one analysis after a pause (validate + to-dos + house style, outline markers): {r['analysis_ms']:.1f} ms")


async def baseline(keys: int) -> tuple[list[float], list[float]]:
    """The same keys into a bare Textual TextArea holding the same section: pilot's floor."""
    from textual.app import App
    from textual.widgets import TextArea

    from tui_common import prose

    class Bare(App):
        CSS = "TextArea { height: auto; max-height: 16; }"

        def compose(self):
            yield TextArea(prose(1000), soft_wrap=True)

    app = Bare()
    wall, cpu = [], []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        area = app.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.pause()
        for _ in range(keys):
            t0, c0 = time.perf_counter(), time.process_time()
            await pilot.press("a")
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        app.exit()
    return wall, cpu


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--keys", type=int, default=300)
    p.add_argument("--words", type=int, default=20_000)
    p.add_argument("--json", action="store_true", help="print the figures as one JSON line")
    a = p.parse_args()
    result = asyncio.run(measure(a.keys, a.words))
    print(json.dumps(result)) if a.json else report(result)
