"""The form of one part: its title, step and guide, a box per field, the part's problems, its buttons.

One form is mounted at a time (focus handling slows with hundreds of inputs). The
form shows what it is given and reports what the user asks for: field changes come
up as :class:`FieldBox.Changed`, the "Add ..." buttons as :class:`PartForm.AddRequested`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from rich.style import Style
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from .. import document as doc
from .fields import FieldBox

LISTED = 40  # items listed on a list part's form
LOOKS = ("value", "placeholder", "note", "error", "todo", "warning", "invalid")


@dataclass(frozen=True)
class FormContent:
    """What the screen knows that a form shows beside its fields."""

    part: doc.Part
    data: dict
    crumbs: str
    guide: str
    child_nouns: list[str]
    next_title: str | None
    review: str
    ids: Callable[[], list[str]]
    blink: bool
    examples: dict[tuple, str]  # the user's own examples (their organiser, themselves), by field path


class PartForm(VerticalScroll, can_focus=False):
    """The selected part's form (the ``#form`` pane).

    Not focusable itself: Tab from the outline lands on the first field, never on the
    pane, where typed characters would vanish (the fields scroll it into view).
    """

    #: How a closed field draws itself (FieldBox.looks): one set of styles for every field of the form.
    COMPONENT_CLASSES = {
        "form--value",
        "form--placeholder",
        "form--note",
        "form--error",
        "form--todo",
        "form--warning",
        "form--invalid",
    }

    def look(self) -> dict[str, Style]:
        """The closed fields' styles, read once per theme."""
        theme = self.app.theme
        if self.looks is None or self.looks[0] != theme:
            self.looks = (theme, {name: self.get_component_rich_style(f"form--{name}") for name in LOOKS})
        return self.looks[1]

    looks: tuple[str, dict[str, Style]] | None = None

    class AddRequested(Message):
        """An "Add ..." button: ``child`` is the index of the item list, or None to add the part itself."""

        def __init__(self, child: int | None) -> None:
            super().__init__()
            self.child = child

    def edits(self) -> list[tuple[FieldBox, Any]]:
        """(field, value) of every field the user changed, read from the inputs themselves.

        Taken before a form is replaced: a change message still on its way from a field
        being removed would be lost with it, and with it the user's last keys.
        """
        out = []
        for box in self.boxes:
            if box.edited():
                box.committed = box.raw()
                out.append((box, box.data_value()))
        return out

    async def show(self, content: FormContent) -> None:
        """Mount the widgets of a part's form in place of the last one's."""
        with self.app.batch_update():
            await self.remove_children()
            await self.mount_all(self.widgets_for(content))
        self.scroll_home(animate=False)

    def widgets_for(self, c: FormContent) -> list[Widget]:
        part = c.part
        out: list[Widget] = []
        step = part.step
        out.append(Static(c.crumbs, classes="part-title", markup=False))
        out.append(
            Static(f"Step {step} of {len(doc.STEPS)} · {doc.STEPS[step - 1]}", classes="part-step", markup=False)
        )
        guide = c.guide
        specs = doc.field_specs(part.cls) if part.cls is not None and part.present and part.kind != "list" else []
        if guide and not (len(specs) == 1 or (specs and specs[0].guide == guide)):
            out.append(Static(guide, classes="part-guide", markup=False))
        out.append(Static("", id="part-problems", markup=False))
        if not part.present:
            what = "This part is not in the report."
            if part.top == "lead":
                what += " Without it, the lead paragraph is composed from the event details; add it to write your own."
            out.append(Static(what, classes="part-absent", markup=False))
            out.append(AddButton(f"Add {part.title}", None, id="add-part"))
        elif part.kind == "list":
            noun = doc.item_noun(doc.ITEM_LISTS[part.path])
            if part.children:
                listing = "\n".join(f"  {i + 1}. {ch.title}" for i, ch in enumerate(part.children[:LISTED]))
                if len(part.children) > LISTED:
                    listing += f"\n  … and {len(part.children) - LISTED} more"
                out.append(Static(listing, classes="part-listing", markup=False))
            else:
                out.append(Static(f"No {noun} yet.", classes="part-absent", markup=False))
            out.append(AddButton(f"Add {noun}", 0, id="add-child-0"))
        else:
            for spec in specs:
                fpath = (*part.path, *spec.rel)
                own = c.examples.get(doc.keys_only(fpath))
                if own:
                    spec = replace(spec, placeholder=own)
                out.append(FieldBox(spec, fpath, doc.get_at(c.data, fpath), ids=c.ids, blink=c.blink))
            for i, noun in enumerate(c.child_nouns):
                out.append(AddButton(f"Add {noun}", i, id=f"add-child-{i}"))
            if part.path == ("meta",):
                out.append(Static(c.review, id="review", classes="part-listing", markup=False))
        if c.next_title is not None:
            out.append(Static(f"Next: {c.next_title} — F8", classes="part-next", markup=False))
        return out

    # -- what the analysis found ------------------------------------------------------------------------
    @property
    def boxes(self) -> list[FieldBox]:
        return list(self.query(FieldBox))

    def show_problems(self, probs: list[doc.Problem], words: Callable[[str], str] = str) -> None:
        """Each problem under its field; those of no field (the part's own) at the top, field paths in words."""
        used: set[int] = set()
        for box in self.boxes:
            mine = [p for p in probs if tuple(p.loc[: len(box.field_path)]) == box.field_path]
            used.update(id(p) for p in mine)
            if mine:
                first = mine[0]
                more = f" (+{len(mine) - 1} more)" if len(mine) > 1 else ""
                hint = f" — {words(first.diag.hint)}" if first.diag.hint else ""
                box.set_problem(f"{first.marker} {words(first.diag.message)}{hint}{more}", first.kind)
            else:
                box.set_problem("")
        rest = [p for p in probs if id(p) not in used]
        found = self.query("#part-problems")
        if found:
            line = found.first(Static)
            line.update(
                "\n".join(
                    f"{p.marker} {words(p.diag.message)}" + (f" — {words(p.diag.hint)}" if p.diag.hint else "")
                    for p in rest
                )
            )
            line.display = bool(rest)
            line.set_class(any(p.kind == "error" for p in rest), "-error")

    def show_person_notes(self, note: Callable[[Any], str], data: dict) -> None:
        """Under each person field, who its ids stand for."""
        for box in self.boxes:
            if box.spec.kind in ("person", "persons"):
                box.set_note(note(doc.get_at(data, box.field_path)))

    def show_review(self, text: str) -> None:
        found = self.query("#review")
        if found:
            found.first(Static).update(text)

    # -- focus --------------------------------------------------------------------------------------------
    def box_for(self, loc: tuple) -> FieldBox | None:
        """The field that holds ``loc`` (the deepest one)."""
        best = None
        for box in self.boxes:
            inside = tuple(loc[: len(box.field_path)]) == box.field_path
            if inside and (best is None or len(box.field_path) > len(best.field_path)):
                best = box
        return best

    def focus_first(self) -> bool:
        for w in self.query("FieldBox, Input, TextArea, Select, Checkbox, AddButton"):
            if w.focusable:
                w.focus()
                return True
        return False


class AddButton(Static, can_focus=True):
    """A form's "Add ..." action (Enter, space or a click): posts :class:`PartForm.AddRequested`.

    Drawn as a compact button, by one light widget: Textual's Button brings the largest default
    stylesheet of any widget on the first screen, parsed before it can be drawn.
    """

    BINDINGS = [Binding("enter", "press", "Add", show=False), Binding("space", "press", "Add", show=False)]

    def __init__(self, label: str, child: int | None, *, id: str) -> None:
        super().__init__(f" {label} ", id=id, classes="add-button", markup=False)  # a cell of room each side
        self.child = child

    def action_press(self) -> None:
        self.post_message(PartForm.AddRequested(self.child))

    def on_click(self) -> None:
        self.action_press()
