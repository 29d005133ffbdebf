"""What differs between a report as saved and an autosave of it, part by part, in words.

The recovery prompt says which parts an autosave changes and by how many words before
the user restores or discards it; the editor's status line counts words the same way.
Pure data in, data out: no files, no terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .vocabulary import vocabulary
from .words import PROSE_KEYS, count_words

__all__ = ["PROSE_KEYS", "count_words", "differences", "normal"]


def normal(data: Any) -> Any:
    """Data compared the way a reader would: prose without outer blank space; empty = absent."""
    if isinstance(data, dict):
        return {k: normal(v) for k, v in data.items() if v not in (None, [], "", {})}
    if isinstance(data, list):
        return [normal(v) for v in data]
    if isinstance(data, str):
        return data.strip()
    return data


@dataclass
class PartChange:
    part: str  # top-level key
    title: str
    change: str  # "added" | "removed" | "changed"
    words_before: int
    words_after: int
    items_before: int | None = None  # for lists (people, remarks, sessions)
    items_after: int | None = None

    def describe(self) -> str:
        delta = self.words_after - self.words_before
        if self.change == "added":
            what = f"{self.title}: added"
        elif self.change == "removed":
            what = f"{self.title}: removed"
        else:
            what = f"{self.title}: changed"
        bits = []
        if self.items_before is not None and self.items_after is not None and self.items_before != self.items_after:
            bits.append(f"{self.items_before} → {self.items_after} items")
        if delta:
            bits.append(f"{delta:+d} words")
        elif self.change == "changed":
            bits.append("same word count")
        return what + (f" ({', '.join(bits)})" if bits else "")


@dataclass
class Difference:
    parts: list[PartChange] = field(default_factory=list)
    words_before: int = 0
    words_after: int = 0

    @property
    def same(self) -> bool:
        return not self.parts

    def summary(self) -> str:
        if not self.parts:
            return "no differences"
        delta = self.words_after - self.words_before
        names = ", ".join(p.title for p in self.parts)
        return f"{len(self.parts)} part{'s' if len(self.parts) != 1 else ''} differ ({names}); {delta:+d} words overall"


def differences(before: dict | None, after: dict | None) -> Difference:
    """Which parts of the report differ between ``before`` (the file) and ``after`` (the recovery)."""
    before = before or {}
    after = after or {}
    out = Difference(words_before=count_words(before), words_after=count_words(after))
    keys = list(dict.fromkeys([*after.keys(), *before.keys()]))
    titles = vocabulary().part_titles()  # the model's titles, as the editor's outline shows them
    for key in keys:
        a, b = normal(before.get(key)), normal(after.get(key))
        if a == b:
            continue
        title = titles.get(key, key)
        change = "added" if a in (None, [], {}) else "removed" if b in (None, [], {}) else "changed"
        pc = PartChange(key, title, change, count_words(before.get(key)), count_words(after.get(key)))
        if isinstance(before.get(key), list) or isinstance(after.get(key), list):
            pc.items_before = len(before.get(key) or [])
            pc.items_after = len(after.get(key) or [])
        out.parts.append(pc)
    return out
