"""Small modal dialogs: a question with keyed answers, and adding a person."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from ..specs import field_specs


class Ask(ModalScreen[str]):
    """A question with answers chosen by a key (shown on the button) or Enter/Tab; Escape cancels."""

    DEFAULT_CSS = ""

    def __init__(
        self,
        title: str,
        message: str,
        answers: list[tuple[str, str, str]],
        *,
        cancel: str = "cancel",
        variant_first: Literal["default", "primary", "success", "warning", "error"] = "primary",
    ) -> None:
        """``answers``: (value, label, key)."""
        super().__init__(classes="dialog-screen")
        self._title = title
        self._message = message
        self._answers = answers
        self._cancel = cancel
        self._variant = variant_first

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._title, classes="dialog-title")
            yield Static(self._message, classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                for i, (value, label, key) in enumerate(self._answers):
                    yield Button(
                        f"{label} [{key}]",
                        id=f"answer-{value}",
                        variant=self._variant if i == 0 else "default",
                        compact=True,
                    )

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_key(self, event: Key) -> None:
        for value, _label, key in self._answers:
            if event.key == key:
                event.stop()
                self.dismiss(value)
                return
        if event.key == "escape":
            event.stop()
            self.dismiss(self._cancel)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(str(event.button.id).removeprefix("answer-"))


class AddPerson(ModalScreen[dict | None]):
    """A new person for the registry; the id is made from the name unless given."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    FIELDS = ("honorific", "name", "post_nominals", "designation", "affiliation", "centre", "id")

    def __init__(self, make_id: Callable[[str], str], name: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self._make_id = make_id
        self._name = name
        self._id_edited = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog person-dialog"):
            yield Label("Add a person to the registry", classes="dialog-title")
            yield Static(
                "Enter moves on; Enter on the last field adds the person; Escape cancels.", classes="field-guide"
            )
            specs = {spec.rel: spec for spec in field_specs("Person")}
            for name in self.FIELDS:
                spec = specs[(name,)]
                ph = spec.placeholder
                yield Label(f"{spec.title}" + (" *" if name in ("name", "id") else ""), classes="field-title")
                yield Input(
                    value=self._name if name == "name" else "", placeholder=ph, id=f"person-{name}", compact=True
                )
            yield Static("", id="person-problem", classes="field-problem -error")

    def on_mount(self) -> None:
        self.query_one("#person-problem").display = False
        self.query_one("#person-honorific", Input).focus()
        if self._name:
            self._fill_id(self._name)

    def _fill_id(self, name: str) -> None:
        if not self._id_edited:
            box = self.query_one("#person-id", Input)
            box.value = self._make_id(name) if name.strip() else ""

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "person-name":
            self._fill_id(event.value)
        elif event.input.id == "person-id" and event.input.has_focus:
            self._id_edited = True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "person-id":
            self._finish()
        else:
            self.focus_next()

    def _finish(self) -> None:
        values = {name: self.query_one(f"#person-{name}", Input).value.strip() for name in self.FIELDS}
        problem = self.query_one("#person-problem", Static)
        if not values["name"]:
            problem.update("A person needs a name.")
            problem.display = True
            self.query_one("#person-name", Input).focus()
            return
        from ...model import Person  # the registry's own rules, loaded when a person is added

        try:
            Person.model_validate({k: v for k, v in values.items() if v})
        except Exception:
            problem.update("The id may use lower-case letters, digits, - and _ only.")
            problem.display = True
            self.query_one("#person-id", Input).focus()
            return
        person = {"id": values["id"]}
        for key in ("honorific", "name", "post_nominals", "designation", "affiliation", "centre"):
            if values[key]:
                person[key] = values[key]
        self.dismiss(person)

    def action_cancel(self) -> None:
        self.dismiss(None)
