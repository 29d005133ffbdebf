"""The report's file, as the editor screen keeps it: save, autosave, recovery, quit and export.

:class:`ReportFileScreen` owns what ties the screen to the file on disk (its path,
the stamp of what was read, the unsaved marker) and asks the user before anything
is overwritten or thrown away. :class:`~rapporteur.tui.screens.editor.EditorScreen`
adds the editing on top. Save writes ``document.save_text(data)`` through
``tomlio.atomic_write``; autosave writes the recovery file (``recovery.write``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer

from ... import recovery, tomlio
from .. import document as doc
from ..widgets.panels import Notice, StatusBar
from .dialogs import Ask


class ReportFileScreen(Screen):
    """A screen editing one report file; subclasses hold the data and show it."""

    def __init__(self, path: str, source: tomlio.Source, *, layout: str = "narrative") -> None:
        super().__init__()
        self.path = os.path.abspath(path)
        self.shown = source.path
        self.source = source
        self.directive = source.schema_directive
        self.stamp = doc.stamp_of(self.path)
        self.dirty = False
        self.preview_layout = layout
        self.autosave_timer: Timer | None = None
        self.autosave_failed = False
        self.last_saved_at: float | None = None
        self.told: list[str] = []  # every message the screen gave, in order (the notice shows the last)

    # -- what the editing screen provides ------------------------------------------------------------
    @property
    def data(self) -> dict:
        raise NotImplementedError

    @data.setter
    def data(self, value: dict) -> None:
        raise NotImplementedError

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    def changed(self, structure: bool = False) -> None:
        raise NotImplementedError

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """The screen's messages go to its one notice line, never a stack of toasts over the form."""
        self.tell(message, title=title, severity=severity, timeout=timeout)

    def tell(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        about: Any = None,
    ) -> None:
        """Show one message (replacing the last); ``about`` ties it to something that may stop being true."""
        self.told.append(message)
        found = self.query(Notice)
        if not found:  # not composed yet
            super().notify(message, title=title, severity=severity, timeout=timeout)
            return
        found.first().say(message, title=title, severity=severity, timeout=timeout or 4.0, about=about)

    @property
    def notice(self) -> Notice:
        return self.query_one(Notice)

    async def reshow(self) -> None:
        raise NotImplementedError

    def update_status(self) -> None:
        raise NotImplementedError

    def words_for(self, path: str) -> str:
        """A field path in words, as the outline names it (the editing screen knows how)."""
        return path

    def autosave(self) -> None:
        """Write the recovery file now (the timer calls it at a pause in typing)."""
        if self.autosave_timer is not None:
            self.autosave_timer.stop()
        self.autosave_timer = None
        if not self.dirty:
            return
        try:
            recovery.write(self.path, self.data, self.directive)
            self.autosave_failed = False
        except Exception as exc:  # never let autosave take the editor down
            if not self.autosave_failed:
                self.notify(f"Autosave failed: {exc}", severity="error", timeout=10)
            self.autosave_failed = True

    # -- saving ---------------------------------------------------------------------------------------------
    def action_save(self) -> None:
        self.save()

    async def action_help(self) -> None:
        await self.app.run_action("help")

    def save(self, force: bool = False, then: Callable[[bool], Any] | None = None) -> None:
        """Save; asks first if the file changed on disk since it was read. ``then(saved: bool)``."""
        if not force and doc.changed_on_disk(self.path, self.stamp):

            def answer(choice: str | None) -> None:
                if choice == "overwrite":
                    self.save(force=True, then=then)
                elif then is not None:
                    then(False)

            self.app.push_screen(
                Ask(
                    "The file changed on disk",
                    f"{self.shown} was changed by another program since you opened it. "
                    "Overwrite it with your version, or cancel (your text stays here and in the autosave; "
                    "compare the two, then save again).",
                    [("overwrite", "Overwrite", "o"), ("cancel", "Cancel", "c")],
                    variant_first="warning",
                ),
                answer,
            )
            return
        text, canonical = doc.save_text(self.data, self.path, self.directive)
        try:
            tomlio.atomic_write(self.path, text, self.shown)
        except tomlio.ReportIOError as exc:
            self.autosave()
            self.status.message = "NOT SAVED"
            self.update_status()
            self.notify(
                f"{exc.message}. Your text is kept here (and autosaved); fix the file's permissions or save elsewhere.",
                title="Not saved",
                severity="error",
                timeout=15,
            )
            if then is not None:
                then(False)
            return
        self.stamp = doc.stamp_of(self.path)
        self.dirty = False
        self.last_saved_at = time.time()
        if self.autosave_timer is not None:
            self.autosave_timer.stop()
            self.autosave_timer = None
        recovery.discard(self.path)
        self.status.message = f"saved {time.strftime('%H:%M:%S')}"
        self.update_status()
        if canonical:
            self.notify(f"Saved {self.shown}.", timeout=3)
        else:
            self.notify(
                f"Saved {self.shown}, but it does not fit the schema yet (F3 lists why): `rapporteur validate` will report it.",
                severity="warning",
                timeout=8,
            )
        if then is not None:
            then(True)

    def request_quit(self) -> None:
        if not self.dirty:
            recovery.discard(self.path)
            self.app.exit()
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.save(then=lambda ok: self.app.exit() if ok else None)
            elif choice == "discard":
                recovery.discard(self.path)
                self.app.exit()

        self.app.push_screen(
            Ask(
                "Unsaved changes",
                f"{self.shown} has changes that are not saved.",
                [("save", "Save and quit", "s"), ("discard", "Quit without saving", "d"), ("cancel", "Cancel", "c")],
            ),
            answer,
        )

    # -- recovery ---------------------------------------------------------------------------------------------
    def offer_recovery(self) -> None:
        rec = recovery.pending(self.path, self.data)
        if rec is None:
            return
        diff = recovery.differences(self.data, rec.data)
        lines = [
            f"Unsaved work on this report was autosaved at {rec.saved_at_text}, after the file was last saved.",
            "",
        ]
        lines += ["  " + p.describe() for p in diff.parts]
        lines += [
            "",
            f"File: {diff.words_before:,} words; autosave: {diff.words_after:,} words.",
            "Restore the autosaved work, or discard it and keep the file as it is?",
        ]

        def answer(choice: str | None) -> None:
            if choice == "restore":
                self.data = rec.data or {}
                self.dirty = True
                self.changed(structure=True)
                self.call_later(self.reshow)
                self.notify("Restored the autosaved work. Ctrl+S saves it to the file.", timeout=6)
            elif choice == "discard":
                recovery.discard(self.path)
                self.notify("Discarded the autosaved work.", timeout=4)

        self.app.push_screen(
            Ask(
                "Recover unsaved work?",
                "\n".join(lines),
                [("restore", "Restore", "r"), ("discard", "Discard", "d")],
                cancel="restore",
            ),
            answer,
        )

    # -- export --------------------------------------------------------------------------------------------------
    def action_export(self) -> None:
        self.app.push_screen(
            Ask(
                "Export",
                "Export the report beside its file. It is saved first.",
                [("docx", "Word (DOCX)", "w"), ("md", "Markdown", "m"), ("cancel", "Cancel", "c")],
            ),
            lambda choice: self.export(choice) if choice in ("docx", "md") else None,
        )

    def export(self, to: str) -> None:
        def go(saved: bool) -> None:
            if not saved:
                return
            from ...export.api import export_report

            try:
                result = export_report(self.path, to=to, layout=self.preview_layout)
            except Exception as exc:  # ExportError: its reason, and the report's problems if any
                reason = getattr(exc, "reason", None) or str(exc)
                diags = [d for d in getattr(exc, "diagnostics", []) if d.severity == "error"]
                detail = "".join(
                    f"\n• {self.words_for(d.path) if d.path else d.location()}: {d.message}" for d in diags[:3]
                )
                if len(diags) > 3:
                    detail += f"\n… and {len(diags) - 3} more (F3 lists them)"
                self.notify(f"{reason}{detail}", title="Export failed", severity="error", timeout=15)
                return
            out = getattr(result, "output_path", result)
            self.notify(f"Exported to {out}", title="Export", timeout=10)
            for w in getattr(result, "warnings", None) or []:
                self.notify(str(getattr(w, "message", w)), title="Export warning", severity="warning", timeout=10)

        if self.dirty or doc.changed_on_disk(self.path, self.stamp):
            self.save(then=go)
        else:
            go(True)
