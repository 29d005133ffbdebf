"""Notes: a final report should not leave out what the rapporteur marked important while taking notes.

Notes are raw material and never part of the report's prose, so no other rule reads
them. This one only looks at their flags: on a final report, each note marked
important (Ctrl+F while taking notes) that no part of the report was drafted from
(its ``used_in`` is empty) is worth a second look.
"""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context, Finding

FAMILY = "notes"


def check(ctx: Context) -> Iterator[Finding]:
    report = ctx.report
    if not ctx.on("notes-important-unused") or report.meta.status != "final":
        return
    for i, note in enumerate(report.notes):
        if note.important and not note.used_in:
            shown = note.text if len(note.text) <= 60 else note.text[:57] + "..."
            yield Finding(
                "notes-important-unused",
                ("notes", i),
                f'the note of {note.time.strftime("%H:%M")} marked important is not used in the report: "{shown}"',
                "draft it in (rapporteur draft), write it in by hand and add the part to its used_in, "
                "or unmark it (important = false)",
            )
