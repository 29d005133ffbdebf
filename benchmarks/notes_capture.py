"""Taking notes into a report that already holds 2,000 notes: key latency and Enter-to-durable.

* key latency: keys pressed one at a time with Textual's pilot into the capture
  screen's input, against the same keys into a bare Textual ``Input`` in the same
  run (pilot's own waits are the same for both: the ratio is what counts);
* Enter-to-durable: from Enter to the note's journal line being fsynced, measured
  around ``NotesSession.commit`` (what Enter runs before the log shows the note),
  and the whole Enter as pilot sees it (commit, log line, screen refreshed);
* the fold (the report rewritten with every note, atomically) that runs on Ctrl+S,
  after 20 s without typing, and on quit: it never runs on Enter.

Targets: Enter-to-durable p95 < 50 ms; key latency near the bare Input's.

    python benchmarks/notes_capture.py [--notes 2000] [--keys 200] [--enters 100] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import time

from tui_common import isolate, seed_data, write_report

TEXT = "the speaker noted that cooperation deepened after the summit "


def report_with_notes(folder: str, notes: int) -> str:
    data = seed_data()
    start = dt.datetime(2024, 6, 24, 10, 0, 0)
    data["notes"] = [
        {
            "time": (start + dt.timedelta(seconds=3 * i)).time(),
            "phase": "presentations",
            "speaker": "prathibha",
            "kind": "point",
            "text": f"note {i}: {TEXT}",
            "important": False,
        }
        for i in range(notes)
    ]
    return write_report(data, folder, "two-thousand-notes.toml")


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[max(0, int(len(xs) * q) - 1)] * 1000


async def measure(notes: int, keys: int, enters: int) -> dict:
    from rapporteur.model import Note
    from rapporteur.notes.session import NotesSession
    from rapporteur.tui.screens.notes import NotesApp, NotesScreen

    tmp = isolate()
    path = report_with_notes(tmp, notes)
    size = os.path.getsize(path)
    session = NotesSession.open(path)
    assert len(session.report.notes) == notes
    commit_times: list[float] = []
    original = session.commit

    def timed_commit(line: str) -> Note | None:  # the durable part of Enter
        t0 = time.perf_counter()
        try:
            return original(line)
        finally:
            commit_times.append(time.perf_counter() - t0)

    session.commit = timed_commit  # type: ignore[method-assign]
    app = NotesApp(session)
    wall, cpu, enter_wall = [], [], []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        for i in range(keys):
            ch = TEXT[i % len(TEXT)]
            t0, c0 = time.perf_counter(), time.process_time()
            await pilot.press("space" if ch == " " else ch)
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        await pilot.press("enter")
        for i in range(enters):
            screen.input.insert_text_at_cursor(f"enter {i} {TEXT}")
            t0 = time.perf_counter()
            await pilot.press("enter")
            enter_wall.append(time.perf_counter() - t0)
        assert len(session.report.notes) == notes + 1 + enters
        t0 = time.perf_counter()
        session.fold()
        fold = time.perf_counter() - t0
        await pilot.press("ctrl+q")
    bare_wall, bare_cpu = await baseline(keys)
    return {
        "notes": notes,
        "file_kb": size // 1024,
        "keys": keys,
        "cpu_p50_ms": pct(cpu, 0.5),
        "cpu_p95_ms": pct(cpu, 0.95),
        "bare_cpu_p50_ms": pct(bare_cpu, 0.5),
        "bare_cpu_p95_ms": pct(bare_cpu, 0.95),
        "cpu_p95_ratio": pct(cpu, 0.95) / max(pct(bare_cpu, 0.95), 1e-6),
        "wall_p95_ms": pct(wall, 0.95),
        "bare_wall_p95_ms": pct(bare_wall, 0.95),
        "wall_p95_ratio": pct(wall, 0.95) / max(pct(bare_wall, 0.95), 1e-6),
        "enters": enters,
        "durable_p50_ms": pct(commit_times[1:], 0.5),
        "durable_p95_ms": pct(commit_times[1:], 0.95),
        "enter_wall_p95_ms": pct(enter_wall, 0.95),
        "fold_ms": fold * 1000,
    }


async def baseline(keys: int) -> tuple[list[float], list[float]]:
    """The same keys into a bare Textual Input: pilot's floor."""
    from textual.app import App, ComposeResult
    from textual.widgets import Input

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Input()

    app = Bare()
    wall, cpu = [], []
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one(Input).focus()
        await pilot.pause()
        for i in range(keys):
            ch = TEXT[i % len(TEXT)]
            t0, c0 = time.perf_counter(), time.process_time()
            await pilot.press("space" if ch == " " else ch)
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        app.exit()
    return wall, cpu


def report(r: dict) -> None:
    print(f"taking notes into a report of {r['notes']:,} notes ({r['file_kb']:,} KB), 120x40, headless:")
    print(f"  CPU time per key, {r['keys']} keys:")
    print(f"    capture screen p50 {r['cpu_p50_ms']:6.2f} ms   p95 {r['cpu_p95_ms']:6.2f} ms")
    print(f"    bare Input     p50 {r['bare_cpu_p50_ms']:6.2f} ms   p95 {r['bare_cpu_p95_ms']:6.2f} ms")
    print(f"    ratio p95 {r['cpu_p95_ratio']:.2f}")
    print("  wall time per pilot.press (includes pilot's fixed waits):")
    print(f"    capture screen p95 {r['wall_p95_ms']:6.2f} ms   bare Input p95 {r['bare_wall_p95_ms']:6.2f} ms")
    print(f"    ratio p95 {r['wall_p95_ratio']:.2f}")
    print(f"  Enter to durable (journal line fsynced), {r['enters']} notes:")
    print(f"    p50 {r['durable_p50_ms']:6.2f} ms   p95 {r['durable_p95_ms']:6.2f} ms   (target p95 < 50 ms)")
    print(f"    whole Enter as pilot sees it (log line, screen): p95 {r['enter_wall_p95_ms']:6.2f} ms")
    print(f"  fold of {r['notes'] + 1 + r['enters']:,} notes into the file (Ctrl+S, idle, quit): {r['fold_ms']:.0f} ms")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--notes", type=int, default=2000)
    p.add_argument("--keys", type=int, default=200)
    p.add_argument("--enters", type=int, default=100)
    p.add_argument("--json", action="store_true", help="print the figures as one JSON line")
    a = p.parse_args()
    result = asyncio.run(measure(a.notes, a.keys, a.enters))
    print(json.dumps(result)) if a.json else report(result)
