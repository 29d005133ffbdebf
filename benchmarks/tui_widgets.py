"""How many widgets the editor's first full screen costs: created before it, and in the screen's tree.

Textual's cost per widget (styling, compose, layout) is most of the editor's first paint beyond its
imports, so this count is the lever issue 13.11 names. The first full screen is what
``tui_startup.py`` waits for (the Event form's fields and the status bar), seed example, 100x32.

    python benchmarks/tui_widgets.py
"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

from textual.widget import Widget

from tui_common import SEED, isolate

created: Counter[str] = Counter()


def count_widgets() -> None:
    """Count every widget created from now on (wrapping Widget.__init__: a measurement, nothing else)."""
    init = Widget.__init__

    def counting(self: Widget, *args: Any, **kwargs: Any) -> None:
        created[type(self).__name__] += 1
        init(self, *args, **kwargs)

    Widget.__init__ = counting  # type: ignore[method-assign]


async def first_screen() -> tuple[Counter[str], Counter[str]]:
    from rapporteur.tui.app import RapporteurApp

    app = RapporteurApp(SEED, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        while not (app.editor and app.editor.query("FieldBox") and app.editor.status.file):
            await pilot.pause()
        made = created.copy()
        shown = Counter(type(w).__name__ for w in app.editor.walk_children())
        app.exit()
    return made, shown


def main() -> None:
    isolate()
    count_widgets()
    made, shown = asyncio.run(first_screen())
    print(f"first full screen (seed, 100x32): {made.total()} widgets created, {shown.total()} in the editor screen")
    print("  created, most common:", ", ".join(f"{n} {name}" for name, n in made.most_common(6)))
    print("  shown, most common:  ", ", ".join(f"{n} {name}" for name, n in shown.most_common(6)))


if __name__ == "__main__":
    main()
