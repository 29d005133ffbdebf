"""The capture screen: notes typed during the event, each one durable on Enter.

Built for speed and for never interrupting: one input line, the running log above
it (newest last), who is speaking, the phase and the kind of the next note always in
view, and no dialog of any kind; everything the screen has to say goes to the status
line. The work is done by :class:`~rapporteur.notes.session.NotesSession`; this is
only the keyboard and the view.
"""

from __future__ import annotations

import time
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.suggester import Suggester
from textual.widgets import Input, RichLog, Static

from ...model import Note
from ...notes.kinds import KIND_LABELS, KIND_MARK, MARKS, PHASE_LABELS, kind_of, line_for
from ...notes.session import NotesError, NotesSession, short_name

#: Function keys that pick the speakers of the programme, in order (F1 is help elsewhere).
SPEAKER_KEYS = ("f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9")
NOBODY_KEY = "f10"
#: The log shows this many notes; older ones stay in the file (and in recall with Up).
LOG_TAIL = 400
#: Seconds without typing after which journalled notes are folded into the report file.
IDLE_FOLD_SECONDS = 20.0

#: Short names for the legend: it fits in 80 columns.
_LEGEND_NAMES = {"quote": "quote", "topic": "topic", "takeaway": "takeaway"}
LEGEND = (
    "  ".join(f"{mark} {_LEGEND_NAMES.get(kind, kind)}" for mark, kind in MARKS.items())
    + "\n↑↓ correct  Esc cancel  ^Z undo  ^F important  ^T/^B phase  ^S save  ^Q quit"
)


class PeopleSuggester(Suggester):
    """Inline completion of ``@name`` over everyone in the registry (no pop-up)."""

    def __init__(self, session: NotesSession) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.session = session

    async def get_suggestion(self, value: str) -> str | None:
        if not value.startswith("@") or len(value) < 2:
            return None
        typed = value[1:].casefold()
        for p in self.session.report.people:
            if p.name and p.name.casefold().startswith(typed):
                return "@" + p.name
        for p in self.session.report.people:
            surname = ((p.name or "").split() or [""])[-1]
            if surname.casefold().startswith(typed):
                return "@" + surname
        return None


class NotesScreen(Screen[None]):
    CSS_PATH = "notes.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(key, f"speaker({i})", f"Speaker {i + 1}", show=False, priority=True)
            for i, key in enumerate(SPEAKER_KEYS)
        ),
        Binding(NOBODY_KEY, "speaker(-1)", "Nobody", show=False, priority=True),
        Binding("up", "recall(-1)", "Previous note", show=False),
        Binding("down", "recall(1)", "Next note", show=False),
        Binding("escape", "cancel_recall", "Cancel", show=False),
        Binding("ctrl+z", "undo", "Undo", show=False, priority=True),
        Binding("ctrl+f", "important", "Important", show=False, priority=True),
        Binding("ctrl+t", "phase(1)", "Next phase", show=False, priority=True),
        Binding("ctrl+b", "phase(-1)", "Previous phase", show=False, priority=True),
        Binding("ctrl+s", "save", "Save", show=False, priority=True),
        Binding("tab", "complete", "Complete", show=False, priority=True),
    ]

    def __init__(self, session: NotesSession) -> None:
        super().__init__()
        self.session = session
        self.recall: int | None = None  # index of the note being corrected
        self.draft_line = ""  # what was being typed when Up was pressed
        self._kind = "point"
        self._typed_at = time.monotonic()
        self._shown_phase: str | None = None  # the phase of the last separator in the log
        # Completion runs in a worker per key: only while an @name is typed, so plain typing stays light.
        self.people = PeopleSuggester(session)

    # -- layout --------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="notes-bar")
        yield RichLog(id="notes-log", wrap=True, markup=False, highlight=False, auto_scroll=True)
        yield Static(id="notes-speakers")
        yield Static(Text(LEGEND), id="notes-legend")
        yield Input(
            placeholder="type a note (a plain line is a point); Enter keeps it · @name: speaker",
            id="notes-input",
        )
        yield Static(id="notes-status")

    def on_mount(self) -> None:
        self.refresh_bar()
        self.refresh_speakers()
        self.rebuild_log()
        messages = self.session.messages or [f"{len(self.session.report.notes)} notes · each note is saved on Enter"]
        self.status("; ".join(messages))
        self.set_interval(1.0, self.refresh_bar)
        # a look every few seconds rather than a timer reset on every key: typing stays as light as it can be
        self.set_interval(IDLE_FOLD_SECONDS / 4, self._fold_when_idle)
        self.query_one(Input).focus()

    @property
    def input(self) -> Input:
        return self.query_one("#notes-input", Input)

    # -- view ----------------------------------------------------------------------------------------
    def speaker_label(self) -> str:
        s = self.session
        return short_name(s.report, s.speaker) if s.speaker else "nobody"

    def refresh_bar(self) -> None:
        s = self.session
        mark = KIND_MARK.get(self._kind, "")
        kind = f"{mark} {KIND_LABELS[self._kind]}".strip()
        self.query_one("#notes-bar", Static).update(
            Text.assemble(
                ("⏱ " + s.clock().strftime("%H:%M:%S"), "bold"),
                "  │  ",
                PHASE_LABELS[s.phase],
                "  │  speaker: ",
                (self.speaker_label(), "bold"),
                "  │  next: ",
                (kind, "bold"),
            )
        )

    def refresh_speakers(self) -> None:
        s = self.session
        parts = [
            f"{key.upper()} {short_name(s.report, pid)}"
            for key, pid in zip(SPEAKER_KEYS, s.speaker_keys(), strict=False)
        ]
        parts.append(f"{NOBODY_KEY.upper()} nobody")
        parts.append("@name: anyone, or a new name")
        self.query_one("#notes-speakers", Static).update("  ".join(parts))

    def note_line(self, note: Note, number: int) -> Table:
        """Time, speaker, then the note with its mark; a long note wraps under its own column."""
        who = short_name(self.session.report, note.speaker) if note.speaker else (note.speaker_description or "")
        mark = KIND_MARK.get(note.kind, "·")
        row = Table.grid(padding=(0, 1), expand=True)
        row.add_column(width=8, no_wrap=True)
        row.add_column(width=13, no_wrap=True, overflow="ellipsis")
        row.add_column(ratio=1)
        row.add_row(
            Text(note.time.strftime("%H:%M:%S"), style="dim"),
            Text(who, style="bold"),
            Text.assemble(
                ("★ " if note.important else "", "bold yellow"),
                (f"{mark} ", "bold cyan"),
                note.text,
                (f"  #{number}", "dim"),
            ),
        )
        return row

    @staticmethod
    def separator(phase: str) -> Text:
        return Text(f"──── {PHASE_LABELS[phase]} ────", style="bold magenta")

    def rebuild_log(self) -> None:
        log = self.query_one(RichLog)
        log.clear()
        notes = self.session.report.notes
        start = max(0, len(notes) - LOG_TAIL)
        if start:
            log.write(Text(f"… {start} earlier notes (↑ recalls them)", style="dim"))
        self._shown_phase = notes[start - 1].phase if start else None
        for i in range(start, len(notes)):
            self.show_phase(notes[i].phase)
            log.write(self.note_line(notes[i], i + 1))
        self.show_phase(self.session.phase)

    def show_phase(self, phase: str) -> None:
        if phase != self._shown_phase:
            self.query_one(RichLog).write(self.separator(phase))
            self._shown_phase = phase

    def append_to_log(self, note: Note) -> None:
        self.show_phase(note.phase)
        self.query_one(RichLog).write(self.note_line(note, len(self.session.report.notes)))

    def status(self, message: str, error: bool = False) -> None:
        bar = self.query_one("#notes-status", Static)
        bar.set_class(error, "-error")
        bar.update(Text(message))

    # -- typing --------------------------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        naming = event.value.startswith("@")
        if naming != (event.input.suggester is not None):
            event.input.suggester = self.people if naming else None
        kind = kind_of(event.value) if not event.value.startswith("@") else self._kind
        if kind != self._kind:
            self._kind = kind
            self.refresh_bar()
        self._typed_at = time.monotonic()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value
        s = self.session
        try:
            if value.startswith("@") and self.recall is None:
                pid, added = s.speak(value[1:])
                self.refresh_speakers()
                self.status(
                    "speaker: nobody (questions are asked by a participant)"
                    if pid is None
                    else f"speaker: {short_name(s.report, pid)}"
                    + (f" (added to the people as '{pid}'; honorific and designation can come later)" if added else "")
                )
                self.input.value = ""
            elif self.recall is not None:
                i = self.recall
                note = s.replace(i, value)
                self.end_recall(keep_text=False)
                if note is not None:
                    self.rebuild_log()
                    self.status(f"note {i + 1} corrected")
                else:
                    self.status("nothing changed")
            else:
                note = s.commit(value)
                if note is None:
                    return
                self.input.value = ""
                self.append_to_log(note)
                self.status(f"{len(s.report.notes)} notes · saved")
        except NotesError as exc:
            self.status(f"NOT SAVED: {exc} (the line is kept)", error=True)
            return
        self._kind = "point"
        self.refresh_bar()

    # -- actions -------------------------------------------------------------------------------------
    def action_speaker(self, index: int) -> None:
        s = self.session
        if index < 0:
            s.speaker = None
        else:
            people = s.speaker_keys()
            if index >= len(people):
                self.status(f"no speaker on {SPEAKER_KEYS[index].upper()}: type @name to add one")
                return
            s.speaker = people[index]
        self.refresh_bar()
        self.status(f"speaker: {self.speaker_label()}")

    def action_phase(self, step: int) -> None:
        phase = self.session.set_phase(step)
        self.show_phase(phase)
        self.refresh_bar()
        self.status(f"phase: {PHASE_LABELS[phase]}")

    def action_recall(self, step: int) -> None:
        notes = self.session.report.notes
        if not notes:
            return
        if self.recall is None:
            if step > 0:
                return
            self.draft_line = self.input.value
            self.recall = len(notes) - 1
        else:
            self.recall += step
            if self.recall >= len(notes):
                self.end_recall(keep_text=False)
                self.input.value = self.draft_line
                self.input.cursor_position = len(self.draft_line)
                return
            self.recall = max(0, self.recall)
        note = notes[self.recall]
        self.add_class("-recalling")
        self.input.value = line_for(note.kind, note.text)
        self.input.cursor_position = len(self.input.value)
        who = short_name(self.session.report, note.speaker) if note.speaker else (note.speaker_description or "nobody")
        self.status(
            f"correcting note {self.recall + 1} of {len(notes)} ({note.time:%H:%M:%S}, {who}): "
            "Enter keeps the change, Esc cancels"
        )

    def end_recall(self, keep_text: bool) -> None:
        self.recall = None
        self.remove_class("-recalling")
        if not keep_text:
            self.input.value = ""

    def action_cancel_recall(self) -> None:
        if self.recall is None:
            return
        self.end_recall(keep_text=False)
        self.input.value = self.draft_line
        self.input.cursor_position = len(self.draft_line)
        self.status("correction cancelled")

    def action_undo(self) -> None:
        if self.recall is not None:
            self.action_cancel_recall()
        try:
            note = self.session.undo()
        except NotesError as exc:
            self.status(f"NOT UNDONE: {exc}", error=True)
            return
        if note is None:
            self.status("no note to undo")
            return
        self.rebuild_log()
        self.status(f"undone: {note.text[:60]}")

    def action_important(self) -> None:
        try:
            note = self.session.toggle_important(self.recall)
        except NotesError as exc:
            self.status(f"NOT SAVED: {exc}", error=True)
            return
        if note is None:
            return
        self.rebuild_log()
        number = (self.recall if self.recall is not None else len(self.session.report.notes) - 1) + 1
        self.status(f"note {number} {'marked important' if note.important else 'no longer important'}")

    def action_complete(self) -> None:
        box = self.input
        suggestion = getattr(box, "_suggestion", "")
        if suggestion and box.value.startswith("@"):
            box.value = suggestion
            box.cursor_position = len(suggestion)

    def action_save(self) -> None:
        self.fold()

    def fold(self) -> bool:
        try:
            self.session.fold()
        except NotesError as exc:
            self.status(f"{exc}", error=True)
            return False
        self.status(f"{len(self.session.report.notes)} notes · written to {self.session.shown}")
        return True

    def _fold_when_idle(self) -> None:
        if self.session.unfolded and time.monotonic() - self._typed_at >= IDLE_FOLD_SECONDS:
            self.fold()

    def close_session(self) -> str | None:
        """Fold and remove the journal; the problem, if that failed (the journal is then kept)."""
        try:
            self.session.close()
        except NotesError as exc:
            return str(exc)
        return None


class NotesApp(App[int]):
    """``rapporteur notes FILE``: the capture screen on its own."""

    TITLE = "rapporteur notes"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "close_notes", "Quit", priority=True)]

    def __init__(self, session: NotesSession) -> None:
        super().__init__()
        self.session = session
        self.problem: str | None = None

    def on_mount(self) -> None:
        self.push_screen(NotesScreen(self.session))

    def action_close_notes(self) -> None:
        screen = self.screen
        if isinstance(screen, NotesScreen):
            self.problem = screen.close_session()
        self.exit(1 if self.problem else 0)
