"""A field's text box (prose, or a list one per line): Textual's TextArea, which the first screen does
not need (its import was ~10 ms of start-up); :meth:`FieldBox.make_input` imports this module when
the first text box opens.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.message import Message
from textual.widgets import TextArea

from .. import keys
from ..specs import FieldSpec
from .field_base import FieldWidget, example, text_bounds


class ProseArea(FieldWidget, TextArea):
    """Long text: soft wrap, no syntax language (re-parsing prose on every key is slow), undo/redo."""

    BINDINGS = keys.bindings("text")

    def __init__(self, spec: FieldSpec, path: tuple, value: str, *, blink: bool = True) -> None:
        super().__init__(
            value,
            language=None,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            highlight_cursor_line=False,
            placeholder=example(spec) if spec.kind == "prose" else "One per line",
            compact=True,
        )
        self.bind_field(spec, path, value)
        self.cursor_blink = blink
        # A fixed height chosen from the text when the form is mounted, and again when the
        # width changes: an auto height would re-lay out the whole screen on every key
        # (measured: twice the cost per key).
        self.bounds = text_bounds(spec.kind)
        self.styles.height = self.fit(value.count("\n") + len(value) // 60 + 2)

    def fit(self, lines: int) -> int:
        low, high = self.bounds
        return max(low, min(high, lines))

    def on_resize(self) -> None:
        """Room for every wrapped line and one to type on (up to a limit), at the width it has now."""
        wanted = self.fit(self.wrapped_document.height + 1)
        if self.styles.height is None or self.styles.height.value != wanted:
            self.styles.height = wanted

    @on(TextArea.Changed)
    def grow(self) -> None:
        """A new line grows the box (up to its limit), never shrinks it: a key re-lays out nothing else."""
        now = self.styles.height.value if self.styles.height is not None else 0
        wanted = self.fit(self.wrapped_document.height + 1)
        if wanted > now:
            self.styles.height = wanted

    class ExternalEditRequested(Message):
        """Ctrl+O in a text field: edit its text in $VISUAL / $EDITOR (the app runs it)."""

        def __init__(self, area: ProseArea) -> None:
            super().__init__()
            self.area = area

    def action_external_editor(self) -> None:
        self.post_message(self.ExternalEditRequested(self))

    def held(self) -> Any:
        return self.text
