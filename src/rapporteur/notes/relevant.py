"""Which notes belong to which part of the report, and the mark that a note was used.

The editor's notes panel shows these; the rule lives here so it is tested without a terminal.
A part's notes: a presentation (or its sections) -> its speakers' notes; a remark -> its
speaker's notes and those of its phase (introductory -> opening, concluding -> closing);
the discussion -> Q&A notes, questions and answers; implications -> implication notes;
the conclusion -> takeaways and closing notes; anywhere else -> every note.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

_REMARK_PHASE = {"introductory": "opening", "concluding": "closing"}


def _get(data: Any, path: Sequence[str | int]) -> Any:
    for key in path:
        if isinstance(key, int):
            data = data[key] if isinstance(data, list) and 0 <= key < len(data) else None
        else:
            data = data.get(key) if isinstance(data, dict) else None
        if data is None:
            return None
    return data


def notes_of(data: dict) -> list[Any]:
    """The report's notes as they stand in the data (an empty list when it has none); indexes are theirs."""
    notes = data.get("notes")
    return notes if isinstance(notes, list) else []


def belongs(data: dict, part: Sequence[str | int]) -> tuple[str, Callable[[dict], bool]]:
    """``(what the notes shown are, in a word or two for the panel's title; the test a note passes)`` for the part at ``part``."""
    head = part[0] if part else None
    if head == "sessions" and len(part) >= 4 and part[2] == "presentations":
        speakers = _get(data, (*part[:4], "speakers"))
        ids = {s for s in speakers if isinstance(s, str)} if isinstance(speakers, list) else set()
        return "speakers", lambda n: n.get("speaker") in ids
    if head == "remarks" and len(part) >= 2:
        by = _get(data, (*part[:2], "by"))
        phase = _REMARK_PHASE.get(str(_get(data, (*part[:2], "role"))))
        return (
            "speaker, phase",
            lambda n: (by is not None and n.get("speaker") == by) or (phase is not None and n.get("phase") == phase),
        )
    if head == "discussion":
        return "Q&A", lambda n: n.get("phase") == "qa" or n.get("kind") in ("question", "answer")
    if head == "implications":
        return "implications", lambda n: n.get("kind") == "implication"
    if head == "conclusion":
        return "takeaways, closing", lambda n: n.get("kind") == "takeaway" or n.get("phase") == "closing"
    return "all", lambda n: True


def relevant(data: dict, part: Sequence[str | int]) -> tuple[str, list[int]]:
    """``(what they are, the indexes in ``notes`` of the notes that belong to the part)``, in the notes' order."""
    label, test = belongs(data, part)
    return label, [i for i, n in enumerate(notes_of(data)) if isinstance(n, dict) and test(n)]


def is_used(note: dict) -> bool:
    used = note.get("used_in")
    return isinstance(used, list) and bool(used)


def mark_used(data: dict, index: int, field: str) -> bool:
    """Record that note ``index`` went into ``field`` (a field path); False if it was already recorded there."""
    notes = notes_of(data)
    if not 0 <= index < len(notes) or not isinstance(notes[index], dict):
        return False
    note = notes[index]
    used = note.get("used_in")
    if not isinstance(used, list):
        used = note["used_in"] = []
    if field in used:
        return False
    used.append(field)
    return True
