"""The command palette (Ctrl+P): every action by name, and "Go to" every part."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from . import keys as K

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from .app import RapporteurApp
    from .screens.editor import EditorScreen


def _key_of(app: App[Any], key_id: str) -> str:
    keymap = getattr(app, "user_keymap", {}) or {}
    raw = keymap.get(key_id) or K.BY_ID[key_id].keys
    return K.display_keys(raw if isinstance(raw, str) else ",".join(raw))


def editor_commands(screen: Screen[Any]) -> Iterator[tuple[str, str, Callable[[], Any]]]:
    """(name, help, callback) for everything the editor can do, given its state."""
    from .screens.editor import EditorScreen

    if not isinstance(screen, EditorScreen):
        return
    app = cast("RapporteurApp", screen.app)

    def run(coro_fn: Callable[..., Any], *args: Any) -> Callable[[], Any]:
        return lambda: screen.run_worker(coro_fn(*args), exclusive=True, group="palette")

    keyed: list[tuple[str, str, Callable[[], Any]]] = [
        ("save", "Save", screen.action_save),
        ("quit", "Quit", app.action_request_quit),
        ("help", "Help: keys and guide", app.action_help),
        ("next_todo", "Next to-do", run(screen.action_next_problem)),
        ("previous_todo", "Previous to-do", run(screen.action_previous_problem)),
        ("problems", "Show or hide problems", run(screen.action_toggle_problems)),
        ("preview", "Show or hide preview", run(screen.action_toggle_preview)),
        ("notes_panel", "Show or hide the notes panel", run(screen.action_toggle_notes_panel)),
        ("insert_note", "Insert the highlighted note", screen.action_insert_note),
        ("next_part", "Next part", run(screen.action_next_part)),
        ("previous_part", "Previous part", run(screen.action_previous_part)),
        ("outline", "Focus the outline", screen.action_focus_outline),
        ("add_item", "Add item after the selected one", screen.add_item),
        ("remove_item", "Remove the selected item or part", screen.remove_item),
        ("duplicate_item", "Duplicate the selected item", screen.duplicate_item),
        ("move_up", "Move the selected item up", partial(screen.move_item, -1)),
        ("move_down", "Move the selected item down", partial(screen.move_item, 1)),
        ("new_person", "New person (add to the registry)", partial(screen.new_person_for, None)),
    ]
    for key_id, name, cb in keyed:
        k = K.BY_ID[key_id]
        yield name, f"{_key_of(app, key_id)} · {k.help}", cb
    yield (
        "Export to Word (DOCX)",
        f"{_key_of(app, 'export')} · {K.BY_ID['export'].help} Saves, then writes a .docx beside the report.",
        partial(screen.export, "docx"),
    )
    yield (
        "Export to Markdown",
        f"{_key_of(app, 'export')} · {K.BY_ID['export'].help} Saves, then writes a .md beside the report.",
        partial(screen.export, "md"),
    )
    yield (
        "Edit the focused text in $EDITOR",
        f"{_key_of(app, 'external_editor')} · {K.BY_ID['external_editor'].help}",
        app.action_external_editor,
    )
    for status in ("draft", "review", "final"):
        yield f"Set status: {status}", "final makes every to-do an error", partial(screen.set_status_value, status)
    from .document import ITEM_LISTS, ITEM_NOUNS, OPTIONAL_PARTS, PART_TITLES

    for key in OPTIONAL_PARTS:
        if not isinstance(screen.data.get(key), dict):
            yield f"Add part: {PART_TITLES[key]}", "add this part to the report", run(screen.add_part, key)
    # Add an item of each kind, into the list nearest the selection.
    for key_path, cls in ITEM_LISTS.items():
        target = _nearest_list(screen, key_path)
        if target is not None:
            noun = ITEM_NOUNS[cls]
            from .document import get_at

            n = len(get_at(screen.data, target) or [])
            yield (
                f"Add {noun}",
                f"at the end of {screen.crumbs(target[:-1]) or PART_TITLES.get(str(target[0]), '')}".rstrip(),
                run(screen.insert_item, target, n),
            )
    for path in screen.ctl.paths_in_order():
        part = screen.part_at(path)
        if part is not None:
            yield f"Go to: {screen.crumbs(path)}", f"step {part.step}", run(screen.go_to, path, False)


def _nearest_list(screen: EditorScreen, key_path: tuple) -> tuple | None:
    """The concrete list path for ``key_path`` nearest the current part (sessions[i].presentations ...)."""
    cur = screen.current
    concrete: list = []
    ci = 0
    for key in key_path:
        # walk the current path to copy indices that sit under the same keys
        while ci < len(cur) and isinstance(cur[ci], int):
            ci += 1
        concrete.append(key)
        if key != key_path[-1] or len(concrete) < len(key_path):
            pass
        if ci < len(cur) and cur[ci] == key:
            ci += 1
            if len(concrete) < len(key_path):
                if ci < len(cur) and isinstance(cur[ci], int):
                    concrete.append(cur[ci])
                    ci += 1
                else:
                    return None
        elif len(concrete) < len(key_path):
            return None
    from .document import get_at

    parent = get_at(screen.data, tuple(concrete[:-1])) if len(concrete) > 1 else screen.data
    if not isinstance(parent, dict):
        return None
    return tuple(concrete)


class ReportCommands(Provider):
    """Commands of the report editor."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        return list(editor_commands(self.screen))

    async def discover(self) -> Hits:
        for name, help_text, cb in self._commands():
            if name.startswith("Go to:"):
                continue
            yield DiscoveryHit(name, cb, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, cb in self._commands():
            score = matcher.match(name)
            if score > 0:
                # On a tie the shorter name wins: "Session 1" is the session, not a section inside it.
                score -= len(name) * 1e-6
                yield Hit(score, matcher.highlight(name), cb, text=name, help=help_text)
