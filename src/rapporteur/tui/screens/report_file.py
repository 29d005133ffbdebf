"""The report's file, as the editor screen keeps it: save, autosave, recovery, quit and export.

:class:`ReportFileScreen` owns what ties the screen to the file on disk (its path,
the stamp of what was read, the unsaved marker) and asks the user before anything
is overwritten or thrown away. :class:`~rapporteur.tui.screens.editor.EditorScreen`
adds the editing on top. Save writes ``document.save_text(data)`` through
``tomlwrite.atomic_write``; autosave writes the recovery file (``recovery.write``).
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
        self.session: recovery.Session | None = None  # this editor's autosave and lease, from on_mount
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
        if self.session is None or self.session.disabled:
            return  # said once when the editor opened
        try:
            self.session.write(self.data, self.directive)
            if self.autosave_failed and self.status.message == "autosave failed":
                self.status.message = ""
                self.update_status()
            self.autosave_failed = False
        except Exception as exc:  # never let autosave take the editor down
            if not self.autosave_failed:
                self.notify(f"Autosave failed: {exc}", severity="error", timeout=10)
                self.status.message = "autosave failed"
                self.update_status()
            self.autosave_failed = True

    # -- saving ---------------------------------------------------------------------------------------------
    def action_save(self) -> None:
        self.save()

    async def action_help(self) -> None:
        await self.app.run_action("help")

    def save(self, force: bool = False, then: Callable[[bool], Any] | None = None, drop_comments: bool = False) -> None:
        """Save; asks first if the file changed on disk since it was read, or if comments of the
        file would be lost (``tomlwrite.plan_save`` keeps those it can). ``then(saved: bool)``."""
        from ... import tomlwrite  # loaded by the first save, not before the first screen

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
        plan = tomlwrite.plan_save(text, self.source)  # the file's comments and line endings kept
        if plan.lost and not drop_comments:

            def drop(choice: str | None) -> None:
                if choice == "drop":
                    self.save(force=True, then=then, drop_comments=True)
                elif then is not None:
                    then(False)

            n = len(plan.lost)
            self.app.push_screen(
                Ask(
                    "Comments would be lost",
                    f"{n} comment{'s' if n != 1 else ''} in {self.shown} cannot be kept (the field "
                    f"{'they belong' if n != 1 else 'it belongs'} to is gone, or {'they sit' if n != 1 else 'it sits'} "
                    f"inside a list):\n\n{plan.describe_lost()}\n\nSave without {'them' if n != 1 else 'it'}, "
                    "or cancel (nothing is written; move what matters into meta.notes first)?",
                    [("drop", "Save without them" if n != 1 else "Save without it", "s"), ("cancel", "Cancel", "c")],
                    variant_first="warning",
                ),
                drop,
            )
            return
        text = plan.text
        try:
            tomlwrite.atomic_write(self.path, text, self.shown)
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
        was = self.source
        self.source = tomlio.Source(self.source.path, text)  # the file as it now is: its comments, no BOM
        if self.autosave_timer is not None:
            self.autosave_timer.stop()
            self.autosave_timer = None
        self.discard_autosave()
        self.status.message = f"saved {time.strftime('%H:%M:%S')}"
        self.update_status()
        bom_note = ""
        if tomlwrite.drops_bom(was):  # said once, never silently
            bom_note = " The byte-order mark it started with was dropped (TOML readers refuse one; fmt drops it too)."
        if canonical:
            self.notify(f"Saved {self.shown}.{bom_note}", timeout=8 if bom_note else 3)
        else:
            self.notify(
                f"Saved {self.shown}, but it does not fit the schema yet (F3 lists why): `rapporteur validate` will report it.{bom_note}",
                severity="warning",
                timeout=8,
            )
        if then is not None:
            then(True)

    def request_quit(self) -> None:
        if not self.dirty:
            self.discard_autosave()
            self.app.exit()
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.save(then=lambda ok: self.app.exit() if ok else None)
            elif choice == "discard":
                self.discard_autosave()
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
    def open_session(self) -> None:
        """Claim this report for autosave; say once if autosave is off or the report is open elsewhere."""
        self.session = recovery.Session.open(self.path)
        if self.session.disabled:
            self.status.message = "autosave off"
            self.update_status()
            self.notify(self.session.disabled, title="Autosave", severity="warning", timeout=12)
        elif self.session.note:
            self.notify(self.session.note, title="Autosave", timeout=8)
        for other in self.session.others:
            self.notify(
                f"{self.shown} is already open in another editor ({other.describe()}). Each keeps its own "
                "autosave, but a save here and a save there overwrite each other: close one of them.",
                title="Open elsewhere",
                severity="warning",
                timeout=15,
            )

    def discard_autosave(self) -> None:
        if self.session is not None:
            self.session.discard()

    def offer_recovery(self) -> None:
        """Offer each autosave left by an editor that is no longer running, newest first."""
        if self.session is None:
            return
        self.offer_next(self.session.pending(self.data), 0)

    def offer_next(self, found: list[recovery.Recovery], index: int) -> None:
        if index >= len(found) or self.session is None:
            return
        rec = found[index]
        session = self.session
        from ... import differences  # when an autosave is found, not before the first screen

        diff = differences.differences(self.data, rec.data)
        of = f" ({index + 1} of {len(found)}: this report was open in {len(found)} editors)" if len(found) > 1 else ""
        lines = [
            f"Unsaved work on this report was autosaved at {rec.saved_at_text}, "
            + (
                "before the file was last saved (by another editor?)"
                if rec.older_than_report
                else "after the file was last saved"
            )
            + f"{of}.",
            "",
        ]
        lines += ["  " + p.describe() for p in diff.parts]
        lines += [
            "",
            f"{'Now' if self.dirty else 'File'}: {diff.words_before:,} words; autosave: {diff.words_after:,} words.",
            "Restore the autosaved work, or discard it and keep the file as it is?",
        ]
        if index + 1 < len(found):
            lines.append(
                "Keep it for later to see the next one; whatever is not restored or discarded is offered again."
            )

        def answer(choice: str | None) -> None:
            if choice == "restore":
                self.data = rec.data or {}
                self.dirty = True
                session.adopt(rec)
                self.changed(structure=True)
                self.call_later(self.reshow)
                self.notify("Restored the autosaved work. Ctrl+S saves it to the file.", timeout=6)
                left = len(found) - index - 1
                if left:  # one restore at a time: the next would replace this one's words
                    self.notify(
                        f"{left} more autosave{'s are' if left != 1 else ' is'} kept: offered again when you reopen "
                        "the report.",
                        timeout=10,
                    )
                return
            if choice == "discard":
                session.discard(rec)
                self.notify("Discarded the autosaved work.", timeout=4)
            self.offer_next(found, index + 1)

        answers = [("restore", "Restore", "r"), ("discard", "Discard", "d")]
        if index + 1 < len(found):
            answers.append(("later", "Keep for later", "k"))
        self.app.push_screen(
            Ask("Recover unsaved work?", "\n".join(lines), answers, cancel="restore" if len(found) == 1 else "later"),
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
