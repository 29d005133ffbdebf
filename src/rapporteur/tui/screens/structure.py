"""Structure edits and people, as keys and buttons ask for them: add, remove, duplicate, move, a new person.

:class:`StructureScreen` turns the outline's and the form's requests
(``Outline.EditRequested``, ``PartForm.AddRequested``, ``PersonInput.NewPersonRequested``)
into the controller's edits, asking first where words would be lost. The editing
screen (:class:`~rapporteur.tui.screens.editor.EditorScreen`) extends it.
"""

from __future__ import annotations

from textual import on

from .. import document as doc
from ..controller import Controller
from ..widgets.fields import PersonInput
from ..widgets.form import PartForm
from ..widgets.outline import Outline
from .dialogs import AddPerson, Ask
from .report_file import ReportFileScreen


class StructureScreen(ReportFileScreen):
    """The report's structure, edited by key; the subclass shows the result."""

    ctl: Controller

    # -- what the editing screen provides -------------------------------------------------------------
    @property
    def current(self) -> tuple:
        return self.ctl.current

    def part_at(self, path: tuple) -> doc.Part | None:
        return self.ctl.part_at(path)

    def take_edits(self) -> None:
        raise NotImplementedError

    async def show_part(self, path: tuple) -> None:
        raise NotImplementedError

    async def go_to(self, loc: tuple, focus_field: bool = True) -> None:
        raise NotImplementedError

    def update_person_notes(self) -> None:
        raise NotImplementedError

    @property
    def outline(self) -> Outline:
        return self.query_one(Outline)

    # -- structure: add, remove, duplicate, move --------------------------------------------------------
    async def after_structure(self, focus: tuple | None) -> None:
        self.changed(structure=True)
        if focus is not None:
            self.outline.go_to(focus)
            await self.show_part(self.ctl.owner(focus))

    @on(Outline.EditRequested)
    def outline_edit(self, event: Outline.EditRequested) -> None:
        event.stop()
        if event.action == "add":
            self.add_item()
        elif event.action == "remove":
            self.remove_item()
        elif event.action == "duplicate":
            self.duplicate_item()
        elif event.action == "move":
            self.move_item(event.delta)

    @on(PartForm.AddRequested)
    async def form_add(self, event: PartForm.AddRequested) -> None:
        event.stop()
        if event.child is None:
            await self.add_part(self.current[0])
        else:
            await self.add_child(event.child)

    def add_item(self) -> None:
        self.run_worker(self.add_item_here(), exclusive=True, group="structure")

    async def add_item_here(self) -> None:
        part = self.part_at(self.current)
        if part is None:
            return
        if not part.present:
            await self.add_part(part.top)
            return
        target = self.ctl.add_target(part)
        if target is None:
            self.notify(f"{part.title} holds no list of items; move to an item or list to add one.", timeout=4)
            return
        await self.insert_item(*target)

    async def insert_item(self, list_path: tuple, index: int, item: dict | None = None) -> tuple:
        self.take_edits()
        new = self.ctl.insert_item(list_path, index, item)
        if new is None:
            return self.current
        await self.after_structure(new)
        return new

    async def add_child(self, key_index: int) -> None:
        part = self.part_at(self.current)
        target = self.ctl.child_target(part, key_index) if part is not None else None
        if target is not None:
            await self.insert_item(*target)

    async def add_part(self, key: str) -> None:
        self.take_edits()
        already = isinstance(self.data.get(key), dict)
        path = self.ctl.add_part(key)
        if already:
            await self.go_to(path, focus_field=False)
            return
        await self.after_structure(path)

    def remove_item(self) -> None:
        part = self.part_at(self.current)
        if part is None:
            return
        if not self.ctl.removable(part):
            self.notify(f"{part.title} cannot be removed; select an item in it to remove that.", timeout=4)
            return
        words = doc.count_words(doc.get_at(self.data, part.path))
        path = part.path

        async def do(answer: str | None) -> None:
            if answer != "remove":
                return
            self.take_edits()
            await self.after_structure(self.ctl.remove(path))
            self.notify(f"Removed {part.title}.", timeout=3)

        if words or part.kind == "part" or self.ctl.is_person(part):
            msg = (
                f"Remove {part.title}"
                + (f" and its {words:,} words" if words else "")
                + "? Only an unsaved copy remains (autosave) until you save."
            )
            self.app.push_screen(
                Ask("Remove?", msg, [("remove", "Remove", "r"), ("cancel", "Keep", "k")], variant_first="error"), do
            )
        else:
            self.run_worker(do("remove"), exclusive=True, group="structure")

    def duplicate_item(self) -> None:
        part = self.part_at(self.current)
        if part is None or part.kind != "item":
            self.notify("Select an item (a person, a question, a section ...) to duplicate it.", timeout=4)
            return
        self.take_edits()
        list_path, index, item = self.ctl.duplicate(part)
        self.run_worker(self.insert_item(list_path, index, item), exclusive=True, group="structure")

    def move_item(self, delta: int) -> None:
        part = self.part_at(self.current)
        if part is None or part.kind != "item":
            return
        self.take_edits()
        new = self.ctl.move(part.path, delta)
        if new is not None:
            self.run_worker(self.after_structure(new), exclusive=True, group="structure")

    # -- people ------------------------------------------------------------------------------------------
    @on(PersonInput.NewPersonRequested)
    def new_person_requested(self, event: PersonInput.NewPersonRequested) -> None:
        event.stop()
        self.new_person_for(event.person_input)

    def new_person_for(self, widget: PersonInput | None) -> None:
        typed = ""
        if widget is not None:
            token = widget.value.split(",")[-1].strip() if widget.kind == "persons" else widget.value.strip()
            if token and (token != token.lower() or " " in token):
                typed = token  # looks like a name, not an id

        def done(person: dict | None) -> None:
            if not person:
                return
            self.data.setdefault("people", []).append(person)
            if widget is not None and widget.is_mounted:
                if widget.kind == "persons":
                    items = [t.strip() for t in widget.value.split(",") if t.strip()]
                    if items and (items[-1] == typed or items[-1] not in self.ctl.person_ids()):
                        items[-1] = person["id"]
                    else:
                        items.append(person["id"])
                    widget.value = ", ".join(items)
                else:
                    widget.value = person["id"]
                widget.focus()
            self.changed(structure=True)
            self.update_person_notes()
            self.notify(f"Added {person.get('name')} as '{person['id']}'.", timeout=3)

        self.app.push_screen(AddPerson(lambda name: doc.person_id_for(self.data, name), typed), done)
