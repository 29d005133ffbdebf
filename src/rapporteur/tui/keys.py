"""Every key binding of the editor, with its id (the name users remap in ``[keys]``).

One table, read by the widgets that own the bindings, the help screen and the
command palette, so the three never disagree. Keys avoid what terminals and tmux
swallow: no ctrl+enter, no ctrl+b (tmux's prefix), no ctrl+h/ctrl+i/ctrl+m
(backspace, tab, enter in disguise), no F10/F11 (menus, full screen), no alt+arrow
(Textual receives it as Escape then the arrow). Terminals send Shift+F1..F12 as
F13..F24, so shifted function keys are bound under both names.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class Key:
    id: str
    keys: str  # default, "key[,key]"
    action: str
    description: str
    scope: str  # global | editor | outline | text | person | problems
    show: bool = True
    priority: bool = False
    help: str = ""


KEYS: tuple[Key, ...] = (
    Key("help", "f1", "help", "Help", "global", True, True, "Show the keys and the guide to the focused field."),
    Key("save", "ctrl+s", "save", "Save", "global", True, True, "Save the report (canonical TOML, atomic)."),
    Key(
        "quit",
        "ctrl+q",
        "request_quit",
        "Quit",
        "global",
        False,
        True,
        "Quit; asks first if there are unsaved changes.",
    ),
    Key(
        "next_todo",
        "f2",
        "next_problem",
        "Next to-do",
        "editor",
        True,
        True,
        "Jump to the next incomplete or invalid field.",
    ),
    Key(
        "previous_todo",
        "shift+f2,f14",
        "previous_problem",
        "Prev to-do",
        "editor",
        False,
        True,
        "Jump to the previous incomplete or invalid field.",
    ),
    Key(
        "problems",
        "f3",
        "toggle_problems",
        "Problems",
        "editor",
        True,
        True,
        "Show or hide the problems panel (Enter on a problem jumps to it).",
    ),
    Key(
        "preview",
        "f4",
        "toggle_preview",
        "Preview",
        "editor",
        True,
        True,
        "Show or hide the preview of the report as it will be exported.",
    ),
    Key(
        "notes_panel",
        "f7",
        "toggle_notes_panel",
        "Notes panel",
        "editor",
        False,
        True,
        "Show or hide the notes that belong to the part in focus (✓ used, · unused, ! important).",
    ),
    Key(
        "insert_note",
        "f9",
        "insert_note",
        "Insert note",
        "editor",
        False,
        True,
        "Insert the highlighted note's text at the cursor of the last text box (Enter in the notes panel too).",
    ),
    Key("export", "f5", "export", "Export", "editor", False, True, "Export to Word (DOCX) or Markdown."),
    Key(
        "next_part",
        "f8,ctrl+pagedown",
        "next_part",
        "Next part",
        "editor",
        False,
        True,
        "Go to the next part of the report (the guided path).",
    ),
    Key(
        "previous_part",
        "shift+f8,f20,ctrl+pageup",
        "previous_part",
        "Prev part",
        "editor",
        False,
        True,
        "Go to the previous part of the report.",
    ),
    Key(
        "outline",
        "escape",
        "focus_outline",
        "Outline",
        "editor",
        False,
        False,
        "Leave the field and go back to the outline.",
    ),
    Key(
        "add_item",
        "ctrl+n,insert",
        "add_item",
        "Add",
        "outline",
        True,
        False,
        "Add an item after the selected one (or add the selected part).",
    ),
    Key(
        "remove_item",
        "delete",
        "remove_item",
        "Remove",
        "outline",
        True,
        False,
        "Remove the selected item or part (asks first if it has text).",
    ),
    Key(
        "duplicate_item",
        "ctrl+d",
        "duplicate_item",
        "Duplicate",
        "outline",
        False,
        False,
        "Duplicate the selected item.",
    ),
    Key(
        "move_up", "shift+up,ctrl+up", "move_item(-1)", "Move up", "outline", False, False, "Move the selected item up."
    ),
    Key(
        "move_down",
        "shift+down,ctrl+down",
        "move_item(1)",
        "Move down",
        "outline",
        False,
        False,
        "Move the selected item down.",
    ),
    Key(
        "external_editor",
        "ctrl+o",
        "external_editor",
        "$EDITOR",
        "text",
        True,
        False,
        "Edit this text in $VISUAL / $EDITOR; the editor suspends and takes the text back.",
    ),
    Key(
        "new_person",
        "ctrl+n",
        "new_person",
        "New person",
        "person",
        True,
        False,
        "Add a new person to the registry and put them in this field.",
    ),
)

BY_ID = {k.id: k for k in KEYS}

SCOPE_TITLES = {
    "global": "Everywhere",
    "editor": "Editing",
    "outline": "In the outline",
    "text": "In a text field",
    "person": "In a person field",
}


def bindings(scope: str) -> list[BindingType]:
    """Textual bindings for one scope, each carrying its id for ``App.set_keymap``."""
    return [
        Binding(k.keys, k.action, k.description, show=k.show, priority=k.priority, id=k.id, tooltip=k.help)
        for k in KEYS
        if k.scope == scope
    ]


def bindings_of(*ids: str) -> list[BindingType]:
    """Textual bindings for the given ids, in that order (a screen that repeats some global keys)."""
    return [
        Binding(k.keys, k.action, k.description, show=k.show, priority=k.priority, id=k.id, tooltip=k.help)
        for key_id in ids
        for k in KEYS
        if k.id == key_id
    ]


def display_keys(keys: str) -> str:
    """``ctrl+s,f12`` -> ``Ctrl+S / F12`` (F13..F24, what terminals send for Shift+F1..F12, left out when Shift+Fn is there)."""
    out = []
    names = [k.strip() for k in keys.split(",")]
    for key in names:
        if key.startswith("f") and key[1:].isdigit() and 13 <= int(key[1:]) <= 24:
            if f"shift+f{int(key[1:]) - 12}" in names:
                continue
            key = f"shift+f{int(key[1:]) - 12}"
        parts = [p.capitalize() if len(p) > 1 else p.upper() for p in key.strip().split("+")]
        out.append("+".join(p.upper() if p.lower().startswith("f") and p[1:].isdigit() else p for p in parts))
    return " / ".join(out)
