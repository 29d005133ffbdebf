"""Form fields: one box per field (title, one-line guide, input, problem beneath).

Every input widget carries ``field_path`` (the absolute path of its value in the
report's data) and ``kind``; the editor screen turns their change messages into
data updates. Values are never validated here: the analysis does that.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.containers import Vertical
from textual.suggester import Suggester
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from .. import keys
from ..document import FieldSpec, display_value


class IdSuggester(Suggester):
    """Completes person ids from the registry; for lists, the id being typed after the last comma."""

    def __init__(self, ids: Callable[[], list[str]], multiple: bool = False) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._ids = ids
        self._multiple = multiple

    async def get_suggestion(self, value: str) -> str | None:
        if self._multiple:
            cut = max(value.rfind(","), value.rfind(" "))
            head, token = value[: cut + 1], value[cut + 1 :]
        else:
            head, token = "", value
        if not token:
            return None
        low = token.lower()
        for pid in self._ids():
            if pid.startswith(low) and pid != low:
                return head + pid
        return None


class FieldInput(Input):
    """A one-line field (text, date, time, person ids, tags)."""

    def __init__(
        self, spec: FieldSpec, path: tuple, value: str, *, suggester: Suggester | None = None, blink: bool = True
    ) -> None:
        super().__init__(
            value=value, placeholder=spec.placeholder, suggester=suggester, compact=True, select_on_focus=False
        )
        self.shown_value: str | None = value  # what the file holds, as shown (see EditorScreen._field_changed)
        self.field_path = path
        self.kind = spec.kind
        self.required = spec.required
        self.spec = spec
        self.cursor_blink = blink


class PersonInput(FieldInput):
    """A person field: completion from the registry, and Ctrl+N adds a new person."""

    BINDINGS = keys.bindings("person")

    def action_new_person(self) -> None:
        self.screen.new_person_for(self)  # type: ignore[attr-defined]


class ProseArea(TextArea):
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
            placeholder=spec.placeholder if spec.kind == "prose" else "One per line",
            compact=True,
        )
        self.shown_value: str | None = value  # what the file holds, as shown (see EditorScreen._field_changed)
        self.field_path = path
        self.kind = spec.kind
        self.required = spec.required
        self.spec = spec
        self.cursor_blink = blink
        # A fixed height chosen from the text when the form is mounted: an auto height would
        # re-lay out the whole screen on every key (measured: twice the cost per key).
        lines = value.count("\n") + len(value) // 60 + 2
        low, high = (2, 8) if spec.kind == "lines" else (4, 14)
        self.styles.height = max(low, min(high, lines))

    def action_external_editor(self) -> None:
        self.app.edit_externally(self)  # type: ignore[attr-defined]


class FieldSelect(Select):
    def __init__(self, spec: FieldSpec, path: tuple, value: str | None) -> None:
        options = [(c, c) for c in spec.choices]
        valid = value in spec.choices
        super().__init__(
            options, value=value if valid else Select.NULL, allow_blank=not valid or not spec.required, compact=True
        )
        # A missing field shows its default (status "draft"), and the Select reports it when
        # mounted: an echo, not an edit, or merely looking at a form would mark the file unsaved.
        self.shown_value: str | None = value if valid else None
        self.field_path = path
        self.kind = spec.kind
        self.required = spec.required
        self.spec = spec


class FieldCheckbox(Checkbox):
    def __init__(self, spec: FieldSpec, path: tuple, value: bool) -> None:
        super().__init__(spec.title, bool(value), compact=True)
        self.shown_value: bool | None = bool(value)  # as FieldSelect's
        self.field_path = path
        self.kind = spec.kind
        self.required = spec.required
        self.spec = spec


class FieldBox(Vertical):
    """Title, guide, the input, and beneath it the field's problem (or a person's full name)."""

    DEFAULT_CSS = ""

    def __init__(
        self, spec: FieldSpec, path: tuple, value, *, ids: Callable[[], list[str]], blink: bool = True, default=None
    ) -> None:
        super().__init__(classes=f"field field-{spec.kind}")
        self.spec = spec
        self.field_path = path
        self.value = value
        self._ids = ids
        self._blink = blink
        self._default = default
        self._problem = ""
        self._problem_kind = ""
        self._lines: dict[str, Static] = {}

    def compose(self):
        spec = self.spec
        head = Text()
        if spec.kind != "bool":
            head.append(spec.title, "bold")
            if spec.required:
                head.append(" *", "bold red")
            head.append("  ")
        head.append(spec.guide, "dim italic")
        yield Static(head, classes="field-title")
        value = self.value if self.value is not None else self._default
        if spec.kind in ("prose", "lines"):
            self.input = ProseArea(spec, self.field_path, display_value(spec.kind, value), blink=self._blink)
        elif spec.kind == "choice":
            self.input = FieldSelect(spec, self.field_path, value)
        elif spec.kind == "bool":
            self.input = FieldCheckbox(spec, self.field_path, bool(value))
        elif spec.kind in ("person", "persons"):
            self.input = PersonInput(
                spec,
                self.field_path,
                display_value(spec.kind, value),
                suggester=IdSuggester(self._ids, multiple=spec.kind == "persons"),
                blink=self._blink,
            )
        else:
            self.input = FieldInput(spec, self.field_path, display_value(spec.kind, value), blink=self._blink)
        yield self.input

    def _line(self, cls: str, text: str) -> Static | None:
        """The note or problem line under the input, mounted the first time it has something to say.

        Most fields never have either; two idle lines per field were a third of a form's widgets,
        and every widget costs at mount time.
        """
        line = self._lines.get(cls)
        if line is None and text:
            line = self._lines[cls] = Static(text, classes=cls, markup=False)
            later = self._lines.get("field-problem") if cls == "field-note" else None
            if later is not None:
                self.mount(line, before=later)
            else:
                self.mount(line)
        return line

    def set_note(self, text: str) -> None:
        note = self._line("field-note", text)
        if note is None:
            return
        note.update(text)
        note.display = bool(text)

    def set_problem(self, text: str, kind: str = "error") -> None:
        # Only real changes touch the widgets: each class change restyles the box, and the
        # analysis sets every box of the form after each pause in typing.
        if text == self._problem == "" or (text, kind) == (self._problem, self._problem_kind):
            return
        self._problem, self._problem_kind = text, kind
        box = self._line("field-problem", text)
        if box is None:
            return
        box.update(text)
        box.display = bool(text)
        box.set_class(bool(text) and kind == "error", "-error")
        box.set_class(bool(text) and kind == "todo", "-todo")
        box.set_class(bool(text) and kind == "warning", "-warning")
        self.set_class(bool(text) and kind == "error", "-invalid")
