"""F1: the keys (as remapped by the user's config) and the guide to the focused field."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from .. import keys as K


def keys_table(keymap: dict[str, str]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for scope, title in K.SCOPE_TITLES.items():
        table.add_row(Text(title, "bold underline"), "")
        for k in K.KEYS:
            if k.scope != scope:
                continue
            keys = keymap.get(k.id, k.keys)
            table.add_row(K.display_keys(keys), Text(k.help or k.description))
        if scope == "global":
            table.add_row("Ctrl+P", "Command palette: every action by name, and 'Go to' any part")
            table.add_row("Tab / Shift+Tab", "Next / previous field")
        if scope == "text":
            table.add_row("Ctrl+Z / Ctrl+Y", "Undo / redo")
            table.add_row("Ctrl+U / Ctrl+K", "Clear the field (the line) before / after the cursor")
        if scope == "person":
            table.add_row("→ / Enter", "Take the completed name or id (a name in the registry stands for its id)")
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,q", "dismiss_help", "Close", show=True),
    ]

    def __init__(self, keymap: dict[str, str], focused_guide: str | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self._keymap = keymap
        self._guide = focused_guide

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help-dialog") as box:
            box.border_title = "Help · Esc closes"
            if self._guide:
                yield Static(Text.assemble(("Here: ", "bold"), self._guide), classes="help-guide")
            yield Static(
                "Write the report part by part: the outline on the left marks each part ✓ complete, "
                "○ to do or ✗ in error. Nothing blocks you: problems are shown, not enforced, until the "
                "report is marked final (Review). Your work is autosaved every couple of seconds and "
                "offered back after a crash.",
                classes="help-intro",
            )
            yield Static(keys_table(self._keymap), classes="help-keys")
            yield Static(
                'Remap any key in your config file, [keys] table: binding id = "key", e.g. save = "ctrl+s,f12". '
                "Ids: " + ", ".join(k.id for k in K.KEYS) + ".",
                classes="field-guide",
                markup=False,
            )

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
