"""What every field input shares, and what a text box needs without the rest of the form's fields.

A module of its own so that :mod:`.prose` (Textual's TextArea, loaded when the first text box opens)
and :mod:`.fields` (which opens it) both build on it without importing each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widget import Widget

from ..specs import FieldSpec

if TYPE_CHECKING:
    _Mixin = Widget
else:
    _Mixin = object


class StyledWhenMounted(_Mixin):
    """Restyles only once in the DOM. Textual's widget constructors set classes (Input's -textual-compact,
    -valid), and each class change restyles the widget against the whole stylesheet: ~10 ms per field, for
    nothing, since mounting styles the widget anyway."""

    def update_node_styles(self, animate: bool = True) -> None:
        if self.parent is not None:
            super().update_node_styles(animate)


class FieldWidget(StyledWhenMounted):
    """What every field's input carries: its path in the report's data, its spec, and the value shown
    when mounted (see FieldBox.input_changed)."""

    shown_value: Any
    field_path: tuple
    kind: str
    required: bool
    spec: FieldSpec

    def held(self) -> Any:
        """What the input holds as it stands (its text, choice or tick)."""
        return getattr(self, "value", None)

    def bind_field(self, spec: FieldSpec, path: tuple, shown: Any) -> None:
        self.shown_value = shown
        self.field_path = path
        self.kind = spec.kind
        self.required = spec.required
        self.spec = spec


def example(spec: FieldSpec) -> str:
    """A field's example, worded as one ("e.g. …"): shown in grey alone it read as data."""
    return f"e.g. {spec.placeholder}" if spec.placeholder else ""


TEXT_KINDS = ("prose", "lines")  # the kinds edited in a text box (prose.ProseArea)


def is_text_box(widget: object) -> bool:
    """True for a field's text box (without importing it: see prose.py)."""
    return isinstance(widget, FieldWidget) and widget.kind in TEXT_KINDS


def text_bounds(kind: str) -> tuple[int, int]:
    """The least and most lines a text box shows (with one to type on): lists are shorter than prose."""
    return (2, 8) if kind == "lines" else (4, 14)
