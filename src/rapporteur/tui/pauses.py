"""Garbage collection at pauses in typing, not between two keys.

A full collection walks every object of the process (50 ms here) and came every
hundred keys or so while typing. Start-up builds what the whole session keeps (Textual,
the first screen): collecting it while it is being built found nothing to free and
cost the first screen 30-80 ms here, so automatic collection is off from the moment the
editor starts (``hold``). After the first paint and analysis, what start-up built is
frozen out of every later collection, and the editor collects when the user pauses (or
after a long burst without one).
"""

from __future__ import annotations

import gc
import time

COLLECT_QUIET = 0.3  # garbage is collected at a pause in typing ...
COLLECT_LATEST = 5.0  # ... or after this many seconds of typing without one
COLLECT_ABOVE = 1000  # young objects waiting, below which a pause collects nothing

_frozen = False


def freeze_startup_objects() -> None:
    """Keep what start-up built (Textual, the models, the first screen) out of every later collection.

    Once per process: the editor runs one app (tests run many, and must not pin each one's objects).
    """
    global _frozen
    if not _frozen:
        _frozen = True
        gc.collect()
        gc.freeze()


def hold() -> None:
    """No automatic collection while start-up builds the first screen (``PausedCollector.start`` then
    collects once; ``stop`` gives automatic collection back)."""
    gc.disable()


class PausedCollector:
    """Collects garbage when ``tick`` finds a pause since ``last_change`` (a monotonic time)."""

    def __init__(self) -> None:
        self.last_collect = time.monotonic()

    @staticmethod
    def hold() -> None:
        hold()

    def start(self) -> None:
        freeze_startup_objects()
        gc.disable()
        self.last_collect = time.monotonic()

    def tick(self, last_change: float) -> None:
        if gc.isenabled():
            return
        now = time.monotonic()
        if gc.get_count()[0] > COLLECT_ABOVE and (
            now - last_change >= COLLECT_QUIET or now - self.last_collect >= COLLECT_LATEST
        ):
            gc.collect()
            self.last_collect = now

    @staticmethod
    def stop() -> None:
        gc.enable()  # whatever comes after the editor collects as usual
