"""Form fields: one box per field (title, one-line guide, input, problem beneath).

A box draws itself, as one widget, until the field is first entered; then its input is
mounted (see :class:`FieldBox`). Every input widget carries ``field_path`` (the absolute path of its value in the
report's data) and ``kind``. A :class:`FieldBox` listens to its input and posts
:class:`FieldBox.Changed` with the value as data; the screen writes it. Values are
never validated here: the analysis does that.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, Static

from .. import keys
from ..specs import FieldSpec, display_value, parse_value
from .field_base import FieldWidget, StyledWhenMounted, example, text_bounds


class IdSuggester(Suggester):
    """Completes people's names and ids from the registry; for lists, the one typed after the last comma."""

    def __init__(self, ids: Callable[[], list[str]], multiple: bool = False) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.ids = ids
        self.multiple = multiple

    async def get_suggestion(self, value: str) -> str | None:
        if self.multiple:
            cut = value.rfind(",")
            rest = value[cut + 1 :]
            token = rest.lstrip()
            head = value[: len(value) - len(token)]
        else:
            head, token = "", value
        if not token:
            return None
        low = token.lower()
        for candidate in self.ids():
            if candidate.lower().startswith(low) and candidate.lower() != low:
                return head + token + candidate[len(token) :]  # what was typed, as typed, then the rest
        return None


class FieldInput(FieldWidget, Input):
    """A one-line field (text, date, time, person ids, tags)."""

    def __init__(
        self, spec: FieldSpec, path: tuple, value: str, *, suggester: Suggester | None = None, blink: bool = True
    ) -> None:
        super().__init__(
            value=value, placeholder=example(spec), suggester=suggester, compact=True, select_on_focus=False
        )
        self.bind_field(spec, path, value)
        self.cursor_blink = blink


class PersonInput(FieldInput):
    """A person field: completion from the registry, and Ctrl+N adds a new person."""

    # Enter takes the completion, as → does (F1 lists both): a field's key, not a command.
    BINDINGS = [*keys.bindings("person"), Binding("enter", "pick", "Pick", show=False)]

    class NewPersonRequested(Message):
        """Ctrl+N in a person field: add a person to the registry and put their id here."""

        def __init__(self, person_input: PersonInput) -> None:
            super().__init__()
            self.person_input = person_input

    def action_new_person(self) -> None:
        self.post_message(self.NewPersonRequested(self))

    async def action_pick(self) -> None:
        """Enter: take the completion shown (a name or an id), with the cursor after it."""
        if self.suggester is None:
            return
        found = await self.suggester.get_suggestion(self.value)
        if found:
            self.value = found
            self.cursor_position = len(found)


def __getattr__(name: str) -> Any:
    """``ProseArea`` lives in prose.py (Textual's TextArea is imported with it); still found here."""
    if name == "ProseArea":
        from .prose import ProseArea

        return ProseArea
    raise AttributeError(name)


def empty_choice(spec: FieldSpec) -> str:
    """What a choice field shows when the file leaves it out: the default that then applies, or that it is unset."""
    if spec.default is not None:
        return f"default: {spec.default}"
    return "not set: choose one" if spec.required else "none"


class FieldSelect(FieldWidget, Select):
    """A choice. The empty entry is labelled with what leaving the field out means ("default: draft"),
    and a required field without a default offers it only while the file holds no valid value."""

    def __init__(self, spec: FieldSpec, path: tuple, value: str | None) -> None:
        options = [(c, c) for c in spec.choices]
        valid = value in spec.choices
        super().__init__(
            options,
            prompt=empty_choice(spec),
            value=value if valid else Select.NULL,
            allow_blank=not valid or not spec.required,
            compact=True,
        )
        # The Select reports its value when mounted: an echo, not an edit, or merely looking
        # at a form would mark the file unsaved.
        self.bind_field(spec, path, value if valid else None)


class FieldCheckbox(FieldWidget, Checkbox):
    def __init__(self, spec: FieldSpec, path: tuple, value: bool) -> None:
        super().__init__(spec.title, bool(value), compact=True)
        self.bind_field(spec, path, bool(value))


#: A closed field's styles when it is not in a form (the form's component classes set them from the theme).
DEFAULT_LOOK: dict[str, Style] = {
    "value": Style(),
    "placeholder": Style(dim=True),
    "note": Style(dim=True),
    "error": Style(color="red"),
    "todo": Style(color="yellow"),
    "warning": Style(color="magenta"),
    "invalid": Style(),
}

#: The width of a choice field (``.field Select`` in app.tcss), which a closed choice field matches.
CHOICE_WIDTH = 40


class FieldBox(StyledWhenMounted, Widget):
    """Title, guide, the input, and beneath it the field's problem (or a person's full name).

    A field is *closed* until it is first focused: one widget drawing its title, its value as its
    input would show it, and its lines, with no children. A form's inputs were most of the
    editor's first screen (a choice alone is six widgets), and each widget costs at mount. The
    closed box is focusable, so Tab, a click and F2 reach it as before, but it never holds the
    focus: the editor screen opens it (title, input and lines mounted as children) and gives the
    focus to the input instead, in the same step (``EditorScreen.set_focus``), so no key typed as
    a field is entered can land anywhere but in its input.

    Posts :class:`FieldBox.Changed` when the user changes the value; the echo an input
    sends when it is mounted is not a change.
    """

    DEFAULT_CSS = ""

    class Changed(Message):
        """The user changed a field: ``value`` is the data it now means (None removes the key)."""

        def __init__(self, box: FieldBox, path: tuple, value: Any, raw: Any) -> None:
            super().__init__()
            self.box = box
            self.path = path
            self.value = value
            self.raw = raw  # the input's content the value was read from

        @property
        def control(self) -> FieldBox:
            return self.box

    def __init__(
        self, spec: FieldSpec, path: tuple, value: Any, *, ids: Callable[[], list[str]], blink: bool = True
    ) -> None:
        super().__init__(classes=f"field field-{spec.kind}")
        self.spec = spec
        self.field_path = path
        self.value = value
        self.ids = ids
        self.blink = blink
        self.problem = ""
        self.problem_kind = ""
        self.note = ""
        self.drawn: tuple[tuple, list[Text]] | None = None  # closed_lines' last (key, lines)
        self.lines: dict[str, Static] = {}
        # A tick box is one light widget: it is open from the start.
        self.input: Widget | None = self.make_input() if spec.kind == "bool" else None
        self.can_focus = self.input is None
        # what the data holds, as the input shows it (anything else is an edit in flight); set when opened
        self.committed: Any = self.raw() if self.input is not None else None

    def shown(self) -> Any:
        """The value the field shows: a choice left out shows its empty entry (which names the default that
        applies), other fields show their default."""
        spec = self.spec
        return self.value if self.value is not None or spec.kind == "choice" else spec.default

    def raw(self) -> Any:
        """The input's content as it stands (text, choice or tick); before the field was opened, what it holds."""
        w = self.input
        if w is None:
            return self.committed
        return cast(FieldWidget, w).held()

    def edited(self) -> bool:
        """True when the input holds an edit the screen has not taken yet (its message is on its way)."""
        return self.input is not None and self.raw() != self.committed

    @property
    def is_open(self) -> bool:
        return self.input is not None

    def open(self) -> Widget:
        """The field's input, mounted with its title and lines the first time (the field is being focused)."""
        if self.input is None:
            self.input = self.make_input()
            self.committed = self.raw()
            self.can_focus = False  # the input takes the focus from now on
            if self.is_attached:  # else compose mounts them
                self.mount_all(self.children_when_open())
            self.clear_cached_dimensions()
            self.refresh(layout=True)
        return self.input

    def focus_input(self, scroll_visible: bool = True) -> None:
        """Focus the field's input (opening it first)."""
        self.open().focus(scroll_visible)

    def make_input(self) -> Widget:
        spec = self.spec
        value = self.shown()
        if spec.kind in ("prose", "lines"):
            from .prose import ProseArea  # Textual's TextArea: imported when the first text box opens

            return ProseArea(spec, self.field_path, display_value(spec.kind, value), blink=self.blink)
        if spec.kind == "choice":
            return FieldSelect(spec, self.field_path, value)
        if spec.kind == "bool":
            return FieldCheckbox(spec, self.field_path, bool(value))
        if spec.kind in ("person", "persons"):
            return PersonInput(
                spec,
                self.field_path,
                display_value(spec.kind, value),
                suggester=IdSuggester(self.ids, multiple=spec.kind == "persons"),
                blink=self.blink,
            )
        return FieldInput(spec, self.field_path, display_value(spec.kind, value), blink=self.blink)

    def heading(self) -> Text:
        spec = self.spec
        head = Text()
        if spec.kind != "bool":
            head.append(spec.title, "bold")
            if spec.required:
                head.append(" *", "bold red")
            head.append("  ")
        head.append(spec.guide, "dim italic")
        return head

    def children_when_open(self) -> list[Widget]:
        assert self.input is not None
        out: list[Widget] = [Static(self.heading(), classes="field-title"), self.input]
        for cls, text in (("field-note", self.note), ("field-problem", self.problem)):
            if text:
                out.append(self.new_line(cls, text))
        return out

    def compose(self) -> ComposeResult:
        if self.input is not None:
            yield from self.children_when_open()

    # -- a closed field draws itself ----------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        """A closed field's lines go straight to strips (Textual's line API): they are laid out already,
        and converting them to Textual's own content was a good part of the first paint."""
        if self.input is not None:
            return super().render_line(y)
        width = self.content_size.width
        lines = self.closed_lines(width)
        if y >= len(lines):
            return Strip.blank(width, self.rich_style)
        line = lines[y]
        own = line.style if isinstance(line.style, Style) else Style.parse(line.style or "none")
        return Strip(Segment.apply_style(line.render(self.app.console), self.rich_style + own), line.cell_len)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self.input is not None:
            return super().get_content_height(container, viewport, width)
        return len(self.closed_lines(width))

    def closed_lines(self, width: int) -> list[Text]:
        """The closed field, line by line at ``width``: as the open field draws its title, input and lines.

        Kept for the last width and what it shows: layout asks for the height, then the paint for the lines.
        """
        if width <= 0:
            return []
        key = (width, self.problem, self.problem_kind, self.note, self.app.theme)
        if self.drawn is not None and self.drawn[0] == key:
            return self.drawn[1]
        lines = self.draw_closed(width)
        self.drawn = (key, lines)
        return lines

    def draw_closed(self, width: int) -> list[Text]:
        look = self.looks()
        out = list(self.heading().wrap(self.app.console, width))
        for line in self.value_lines(width, look):
            out.append(line)
        if self.note:
            out.extend(Text(self.note, look["note"]).wrap(self.app.console, width))
        if self.problem:
            out.extend(Text(self.problem, look[self.problem_kind or "error"]).wrap(self.app.console, width))
        return out

    def value_lines(self, width: int, look: dict[str, Style]) -> list[Text]:
        spec, kind = self.spec, self.spec.kind
        shown = self.shown()
        invalid = self.problem and self.problem_kind == "error" and kind != "choice"  # as app.tcss tints inputs
        box = look["invalid"] if invalid else look["value"]
        faint = look["placeholder"] + Style(bgcolor=box.bgcolor)
        if kind == "choice":
            valid = shown in spec.choices
            room = min(width, CHOICE_WIDTH)
            label = shown if valid else empty_choice(spec)
            # as a compact Select draws itself: the label, its arrow one cell from the right edge
            line = Text(label[: max(room - 3, 0)].ljust(max(room - 3, 0)), box if valid else faint)
            line.append(" ▼ "[: room - line.cell_len], faint)
            return [line]
        content = display_value(kind, shown)
        style = box if content else faint
        text = content or (example(spec) if kind != "lines" else "One per line")
        if kind not in ("prose", "lines"):
            line = Text(text, style, no_wrap=True, overflow="crop")
            line.truncate(width, pad=True)
            return [line]
        # a text box is two cells narrower than the field; it pads a cell each side and keeps one for its cursor
        low, high = text_bounds(kind)
        inner = max(width - 5, 1)
        lines = [ln for para in text.split("\n") for ln in (Text(para).wrap(self.app.console, inner) or [Text()])]
        lines = lines[: high - 1]
        lines += [Text()] * (max(low, len(lines) + 1) - len(lines))
        out = []
        for ln in lines:
            row = Text(" " + ln.plain, style)
            row.truncate(max(width - 2, 0), pad=True)
            row.stylize(box)
            row.stylize(style, 1)
            out.append(row)
        return out

    def looks(self) -> dict[str, Style]:
        """The closed field's styles, from the form's component classes (one set for every field)."""
        form = self.parent
        get = getattr(form, "look", None)
        return get() if get is not None else DEFAULT_LOOK

    def data_value(self) -> Any:
        """The input's content as data (text parsed by the field's kind); before it was opened, the value."""
        w = self.input
        kind = self.spec.kind
        if w is None:
            return self.value
        if isinstance(w, Select):
            v = w.value
            return None if v is Select.NULL or v is Select.BLANK else v
        if isinstance(w, Checkbox):
            return bool(w.value)
        raw = cast(FieldWidget, w).held()
        if not isinstance(raw, str):
            raw = ""
        return parse_value(kind, raw, self.spec.required)

    def on_text_area_changed(self, event: Message) -> None:
        """A text box changed (a handler by name: TextArea is imported when the first text box opens)."""
        self.input_changed(event)

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def input_changed(self, event: Message) -> None:
        w = self.input
        if w is None or getattr(event, "control", None) is not w:
            return
        event.stop()
        field = cast(FieldWidget, w)
        shown = field.shown_value
        if shown is not None:
            # A field reports its text once when it is mounted. That is the file's value as
            # shown, not an edit: taking it back as data would quietly turn title = 42 into
            # "42", or a list into text, and hide the problem the file has (found by the corpus).
            field.shown_value = None
            now = field.held()
            if now == shown:
                self.committed = now
                return
        self.post_message(self.Changed(self, self.field_path, self.data_value(), self.raw()))

    def new_line(self, cls: str, text: str) -> Static:
        line = self.lines[cls] = Static(text, classes=cls, markup=False)
        line.display = True
        if cls == "field-problem":
            self.style_problem(line)
        return line

    def line_for(self, cls: str, text: str) -> Static | None:
        """The note or problem line under the input, mounted the first time it has something to say.

        Most fields never have either; two idle lines per field were a third of a form's widgets,
        and every widget costs at mount time. A closed field draws them itself.
        """
        if self.input is None:
            self.clear_cached_dimensions()
            self.refresh(layout=True)
            return None
        line = self.lines.get(cls)
        if line is None and text:
            line = self.new_line(cls, text)
            later = self.lines.get("field-problem") if cls == "field-note" else None
            if later is not None:
                self.mount(line, before=later)
            else:
                self.mount(line)
        return line

    def set_note(self, text: str) -> None:
        if text == self.note:
            return
        self.note = text
        note = self.line_for("field-note", text)
        if note is None:
            return
        note.update(text)
        note.display = bool(text)

    def set_problem(self, text: str, kind: str = "error") -> None:
        # Only real changes touch the widgets: each class change restyles the box, and the
        # analysis sets every box of the form after each pause in typing.
        if text == self.problem == "" or (text, kind) == (self.problem, self.problem_kind):
            return
        self.problem, self.problem_kind = text, kind
        box = self.line_for("field-problem", text)
        if box is None:
            return
        box.update(text)
        box.display = bool(text)
        self.style_problem(box)

    def style_problem(self, line: Static) -> None:
        text, kind = self.problem, self.problem_kind
        line.set_class(bool(text) and kind == "error", "-error")
        line.set_class(bool(text) and kind == "todo", "-todo")
        line.set_class(bool(text) and kind == "warning", "-warning")
        self.set_class(bool(text) and kind == "error", "-invalid")
