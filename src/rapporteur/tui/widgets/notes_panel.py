"""The notes panel beside the form: the notes that belong to the part in focus, marked used or not.

Thin: which notes belong where is :mod:`rapporteur.notes.relevant`; the screen inserts a
note's text where the user was writing and records the use. Enter on a note asks for that.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...notes.relevant import is_used, notes_of, relevant

USED, UNUSED, IMPORTANT = "✓", "·", "!"


class NotesPanel(OptionList):
    """One line a note: ✓ used / · unused, ! important, the speaker, the text."""

    BORDER_TITLE = "Notes"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.indexes: list[int] = []  # option -> index in the report's notes

    def show(self, data: dict, part: tuple) -> None:
        """List the notes of ``part``, keeping the highlighted line where it was."""
        highlighted = self.highlighted
        label, self.indexes = relevant(data, part)
        notes = notes_of(data)
        self.clear_options()
        if not self.indexes:
            self.add_option(Option(Text("No notes for this part.", "dim"), disabled=True))
        else:
            options = []
            for i in self.indexes:
                n = notes[i]
                t = Text(no_wrap=False)
                t.append(USED if is_used(n) else UNUSED, "green" if is_used(n) else "yellow")
                t.append(IMPORTANT if n.get("important") else " ", "bold red")
                who = n.get("speaker") or n.get("speaker_description")
                if who:
                    t.append(f"{who}: ", "bold")
                t.append(str(n.get("text", "")))
                options.append(Option(t, id=str(i)))
            self.add_options(options)
            self.highlighted = highlighted if highlighted is not None and highlighted < len(self.indexes) else 0
        used = sum(is_used(notes[i]) for i in self.indexes)
        self.border_title = f"Notes · {label}"  # short: the panel is narrow; F1 tells Enter inserts
        self.border_subtitle = f"{used}/{len(self.indexes)} used"

    def highlighted_note(self) -> int | None:
        """The index in the report's notes of the highlighted line, if it is a note."""
        if self.highlighted is None or not 0 <= self.highlighted < len(self.indexes):
            return None
        return self.indexes[self.highlighted]
