"""The rapporteur editor: a Textual app around one report file.

``RapporteurApp(path)`` reads the file (or takes a :class:`~rapporteur.tomlio.Source`),
applies the user's config (``[keys]`` remapping by binding id, ``[editor]`` theme,
autosave interval, cursor blink) and shows the :class:`EditorScreen`.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from typing import TYPE_CHECKING

from textual.app import App, SuspendNotSupported
from textual.binding import Binding

from .. import tomlio
from ..config import EditorSettings, UserConfig, editor_settings, keymap, load_user_config
from . import keys as K
from .commands import ReportCommands
from .screens.editor import VALIDATE_DELAY, EditorScreen
from .screens.help import HelpScreen

# The capture screen (F6) is imported when opened: it needs the models, the editor's first screen does not.
if TYPE_CHECKING:
    from textual.widgets import TextArea

    from .screens.notes import NotesScreen
    from .widgets.prose import ProseArea


class RapporteurApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "rapporteur"
    COMMANDS = App.COMMANDS | {ReportCommands}
    # Quit and Help work on every screen; the editor screen repeats Help so the key line shows it first.
    BINDINGS = K.bindings_of("quit") + [
        Binding(K.BY_ID["help"].keys, "help", "Help", show=False, priority=True, id="help"),
        Binding("f6", "take_notes", "Notes", show=False, id="notes"),  # the capture screen: rapporteur notes
    ]

    def __init__(
        self,
        path: str | os.PathLike,
        source: tomlio.Source | None = None,
        *,
        config: UserConfig | None = None,
        guided: bool = False,
        cursor_blink: bool | None = None,
        checks: bool = True,
        validate_delay: float = VALIDATE_DELAY,
    ) -> None:
        super().__init__()
        self.report_path = os.fspath(path)
        self.source = source if source is not None else tomlio.read_source(self.report_path)
        self.config = config if config is not None else load_user_config()
        self.settings: EditorSettings = editor_settings(self.config)
        self.user_keymap, self.keymap_problems = keymap(self.config)
        if cursor_blink is not None:
            self.settings.cursor_blink = cursor_blink
        self.guided = guided
        self.checks = checks  # house-style checks (when rapporteur.checks is installed)
        self.validate_delay = validate_delay  # seconds of quiet typing before the analysis; 0: at once (tests)

    def on_mount(self) -> None:
        problems = list(self.settings.problems) + list(self.keymap_problems)
        if self.config.problem:
            problems.append(self.config.problem)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        else:
            problems.append(
                f"[editor] theme '{self.settings.theme}' is not a known theme ({', '.join(sorted(self.available_themes))})"
            )
        known = set(K.BY_ID) | {"command_palette"}
        unknown = [k for k in self.user_keymap if k not in known]
        if unknown:
            problems.append(f"[keys] unknown binding id(s): {', '.join(unknown)} (known: {', '.join(K.BY_ID)})")
        if self.user_keymap:
            self.set_keymap(self.user_keymap)
        for p in problems:
            self.notify(p, title="Config", severity="warning", timeout=10)
        self.push_screen(self.new_editor_screen())

    def new_editor_screen(self) -> EditorScreen:
        """The editor screen for this app's report and settings (public: the first-screen benchmark times it)."""
        return EditorScreen(
            self.report_path,
            self.source,
            guided=self.guided,
            blink=self.settings.cursor_blink,
            autosave_seconds=self.settings.autosave_seconds,
            layout=self.settings.layout,
            checks=self.checks,
            validate_delay=self.validate_delay,
        )

    @property
    def editor(self) -> EditorScreen | None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, EditorScreen):
                return screen
        return None

    def action_request_quit(self) -> None:
        editor = self.editor
        notes = self._notes_screen()
        if notes is not None:
            self.leave_notes(notes)
        elif editor is None:
            self.exit()
        elif self.screen is editor:
            editor.request_quit()

    def action_take_notes(self) -> None:
        """The capture screen on this report; the notes go into the file, so it is saved first."""
        from ..notes.session import NotesError, NotesSession
        from .screens.notes import NotesScreen

        editor = self.editor
        if editor is None or self.screen is not editor:
            return
        if editor.dirty:
            self.notify("Save first (Ctrl+S): notes are written into the report file.", severity="warning", timeout=6)
            return
        try:
            session = NotesSession.open(self.report_path)
        except (NotesError, tomlio.ReportIOError) as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        self.push_screen(NotesScreen(session))

    def _notes_screen(self) -> NotesScreen | None:
        """The capture screen when it is the one shown (its module is loaded only once it was opened)."""
        notes = sys.modules.get(f"{__package__}.screens.notes")
        screen = self.screen
        return screen if notes is not None and isinstance(screen, notes.NotesScreen) else None

    def leave_notes(self, screen: NotesScreen) -> None:
        """Back to the editor, which reads the file again: it now holds the notes."""
        problem = screen.close_session()
        self.pop_screen()
        if problem:
            self.notify(problem, severity="error", timeout=10)
        try:
            self.source = tomlio.read_source(self.report_path)
        except tomlio.ReportIOError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.switch_screen(self.new_editor_screen())

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        editor = self.editor
        guide = editor.focused_guide() if editor is not None and self.screen is editor else None
        self.push_screen(HelpScreen(dict(self.user_keymap), guide))

    def action_external_editor(self) -> None:
        from textual.widgets import TextArea  # not before a text box was opened (see widgets/prose.py)

        focused = self.focused
        if isinstance(focused, TextArea):
            self.edit_externally(focused)
        else:
            self.notify("Focus a text field first: $EDITOR edits the focused text.", timeout=4)

    def on_prose_area_external_edit_requested(self, event: ProseArea.ExternalEditRequested) -> None:
        """Ctrl+O in a text box (a handler by name: the text box's module loads when one first opens)."""
        self.edit_externally(event.area)

    # -- $EDITOR -------------------------------------------------------------------------------------
    def external_editor_command(self) -> list[str] | None:
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        return shlex.split(editor) if editor and editor.strip() else None

    def edit_externally(self, area: TextArea) -> None:
        """Suspend, run $VISUAL/$EDITOR on the text, and take the result back (undoable)."""
        command = self.external_editor_command()
        if not command:
            self.notify(
                "Set $VISUAL or $EDITOR (e.g. export EDITOR=nano) to edit text in your own editor.",
                severity="warning",
                timeout=8,
            )
            return
        fd, tmp = tempfile.mkstemp(prefix="rapporteur-", suffix=".md", text=True)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(area.text)
                if area.text and not area.text.endswith("\n"):
                    fh.write("\n")
            try:
                with self.suspend():
                    code = subprocess.call([*command, tmp])
            except SuspendNotSupported:  # headless (tests) or no terminal: run it without one
                code = subprocess.call(
                    [*command, tmp], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                )
            except OSError as exc:
                self.notify(f"Could not run {command[0]}: {exc.strerror}", severity="error", timeout=8)
                return
            with open(tmp, encoding="utf-8") as fh:
                new = fh.read()
        finally:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        if code != 0:
            self.notify(
                f"{command[0]} exited with status {code}; the text was not changed.", severity="warning", timeout=6
            )
            return
        new = new[:-1] if new.endswith("\n") and not area.text.endswith("\n") else new
        if new != area.text:
            area.replace(new, (0, 0), area.document.end)
            area.focus()


def run_editor(path: str, source: tomlio.Source | None = None, *, guided: bool = False) -> int:
    app = RapporteurApp(path, source, guided=guided)
    app.run()
    return 0
