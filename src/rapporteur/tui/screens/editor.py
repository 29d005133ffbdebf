"""The main screen: outline | form of the selected part (| preview), problems, status, key line.

A thin shell over :class:`~rapporteur.tui.controller.Controller`. Data flow, one way:
a field posts ``FieldBox.Changed`` -> ``controller.set_value`` -> (after a pause)
``controller.analyse`` -> outline markers, the form's problems, problems panel, status
bar, preview. Widgets never call the screen: they post messages (``FieldBox.Changed``,
``PartForm.AddRequested``, ``Outline.EditRequested``, ``PersonInput.NewPersonRequested``)
and the screen listens. The file (save, autosave, recovery, quit, export) is kept by
:class:`~rapporteur.tui.screens.report_file.ReportFileScreen`, which this extends.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import DescendantBlur, DescendantFocus, Resize, ScreenResume
from textual.timer import Timer
from textual.widget import Widget

from ... import tomlio
from ...diagnostics import format_path
from ...notes.relevant import mark_used
from .. import document as doc
from .. import keys
from ..controller import Controller
from ..pauses import PausedCollector
from ..specs import own_examples
from ..widgets.field_base import is_text_box
from ..widgets.fields import FieldBox
from ..widgets.form import FormContent, PartForm
from ..widgets.keyline import KeyLine
from ..widgets.notes_panel import NotesPanel
from ..widgets.outline import Outline
from ..widgets.panels import Notice, Preview, ProblemsPanel, StatusBar
from .structure import StructureScreen

if TYPE_CHECKING:
    from ..widgets.prose import ProseArea

VALIDATE_DELAY = 0.35  # seconds of quiet before the analysis runs
AUTOSAVE_QUIET = 0.3  # an autosave waits for this much quiet, so it never lands between two keys ...
AUTOSAVE_LATEST = 3.0  # ... but never waits longer than this many autosave intervals in all
WIDE = 150  # columns from which the preview sits beside the form


class EditorScreen(StructureScreen):
    # Help and Save first: the key line lists the screen's keys in this order.
    BINDINGS = keys.bindings_of("help", "save") + keys.bindings("editor")

    def __init__(
        self,
        path: str,
        source: tomlio.Source,
        *,
        guided: bool = False,
        blink: bool = True,
        autosave_seconds: float = 2.0,
        layout: str = "narrative",
        checks: bool = True,
        validate_delay: float = VALIDATE_DELAY,
    ) -> None:
        super().__init__(path, source, layout=layout)
        self.ctl = Controller(source.data if source.data is not None else {})
        self.guided = guided
        self.blink = blink
        self.autosave_seconds = autosave_seconds
        self.validate_delay = validate_delay
        self.resumed_once = False  # see on_screen_resume
        self.panel_lock = asyncio.Lock()
        self.validate_timer: Timer | None = None
        self.autosave_deadline = 0.0
        # The house-style checks (their import compiles many patterns) and the house style are
        # loaded by the first analysis, which runs after the first paint.
        self.checks_wanted = checks
        self.run_checks: doc.RunChecks | None = None
        self.style: Any = None
        self.last_change = 0.0
        self.show_seq = 0
        self.show_lock = asyncio.Lock()
        self.collector = PausedCollector()
        self.examples: dict[tuple, str] = {}  # the user's own config as examples (see own_examples)
        self.focused_value: tuple[tuple, Any] | None = None  # a field's path and value when it got focus
        self.last_text: ProseArea | None = None  # where the notes panel inserts a note (the last text box focused)

    # -- the controller's state, as the app, the palette and the tests read it -----------------------
    @property
    def data(self) -> dict:
        return self.ctl.data

    @data.setter
    def data(self, value: dict) -> None:
        self.ctl.data = value

    @property
    def parts(self) -> list[doc.Part]:
        return self.ctl.parts

    @property
    def analysis(self) -> doc.Analysis | None:
        return self.ctl.analysis

    @property
    def ordered(self) -> list[doc.Problem]:
        return self.ctl.ordered

    def crumbs(self, path: tuple) -> str:
        return self.ctl.crumbs(path)

    def where(self, p: doc.Problem) -> str:
        return self.ctl.where(p)

    def words_for(self, path: str) -> str:
        return self.ctl.place(doc.parse_path(path))

    # -- layout ------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        self.collector.hold()  # until the first analysis: start-up builds what the session keeps
        # The width classes before the children exist: set after mounting, each restyled the whole screen.
        self.apply_width(self.app.size.width)
        with Horizontal(id="main"):
            yield Outline(id="outline")
            with Vertical(id="right"):
                yield PartForm(id="form")
                yield Preview(id="preview")
        # The notes panel (F7) and the problems panel (F3) are mounted when first opened (open_panel):
        # lists with many styled parts, which the first screen does not show.
        yield Notice(id="notice")
        yield StatusBar(id="status")
        yield KeyLine()

    @property
    def form(self) -> PartForm:
        return self.query_one(PartForm)

    @property
    def notes_panel(self) -> NotesPanel:  # once opened (open_panel), as the problems panel
        return self.query_one(NotesPanel)

    @property
    def problems_panel(self) -> ProblemsPanel:
        return self.query_one(ProblemsPanel)

    def is_shown(self, kind: type[Widget]) -> bool:
        """True when the panel of that kind was opened and is showing."""
        found = self.query(kind)
        return bool(found) and found.first().display

    async def open_panel(self, kind: type[NotesPanel] | type[ProblemsPanel]) -> None:
        """Mount a panel, hidden, the first time it is opened: beside the form (notes) or under it (problems)."""
        async with self.panel_lock:  # F3 and the palette at once: one panel
            if not self.query(kind):
                panel = kind(id="notes-panel" if kind is NotesPanel else "problems")
                panel.display = False
                await (self.query_one("#main").mount(panel) if kind is NotesPanel else self.mount(panel, after="#main"))

    async def on_mount(self) -> None:
        self.query_one(Preview).display = False
        self.status.file = os.path.basename(self.shown)
        self.examples = own_examples(getattr(self.app, "config", None))
        if self.guided:
            self.ctl.guide_checks()
        # The screen first, the analysis right after it: the outline has no markers and the
        # status bar no counts for the moment it takes (the first one pays for importing the
        # model's validation and the house-style checks).
        self.outline.rebuild(self.parts, None)
        self.outline.go_to(self.current)
        await self.show_part(self.current)
        self.outline.focus()
        self.update_status()
        self.run_worker(self.first_analysis(), group="first-analysis")
        self.open_session()
        self.offer_recovery()
        if self.guided:
            self.notify(
                "Step 1 of 9: the event. Tab moves between fields, F8 goes to the next part, "
                "F2 to the next thing to do, F1 shows every key.",
                title="A new report",
                timeout=12,
            )

    def set_focus(self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False) -> None:
        """Every way of focusing (Tab, a click, F2, ``focus()``) comes here: a closed field opens, and its
        input takes the focus at once, so a key typed as a field is entered goes to its input."""
        if isinstance(widget, FieldBox) and not widget.is_open:
            if scroll_visible:
                widget.scroll_visible(animate=False)  # the field has a place on screen; its new input not yet
            widget = widget.open()
        super().set_focus(widget, scroll_visible, from_app_focus)

    def on_screen_resume(self, event: ScreenResume) -> None:
        """The first resume comes right after mounting styled every widget (restyling the whole screen again was
        a third of the first screen's CPU); later ones restyle, as Textual does. Runs before Screen's handler."""
        if not self.resumed_once:
            self.resumed_once = True
            event.refresh_styles = False

    def on_resize(self, event: Resize) -> None:
        self.apply_width(event.size.width)

    def apply_width(self, width: int) -> None:
        self.set_class(width >= WIDE, "-wide")
        self.set_class(width < 100, "-narrow")

    # -- the form --------------------------------------------------------------------------------------
    async def show_part(self, path: tuple) -> None:
        """Mount the form of one part (one at a time: focus handling slows with hundreds of inputs)."""
        self.show_seq += 1
        seq = self.show_seq
        async with self.show_lock:
            if seq != self.show_seq:
                return  # a newer request came in while waiting: it wins
            part = self.part_at(path) or self.part_at(("event",))
            if part is None:
                return
            self.take_edits()
            left = getattr(self.focused, "field_path", None)  # a field removed with its form sends no blur
            checked = left is not None and self.ctl.visited(left)
            self.ctl.current = part.path
            await self.form.show(self.form_content(part))
        if checked:
            self.refresh_analysis()
        self.form.show_problems(self.ctl.problems_of(self.current), self.ctl.humanise)
        self.update_person_notes()
        self.update_notes_panel()
        self.update_status()

    def form_content(self, part: doc.Part) -> FormContent:
        nxt = self.ctl.neighbour(part.path, 1)
        return FormContent(
            part=part,
            data=self.data,
            crumbs=self.crumbs(part.path),
            guide=self.ctl.guide_of(part),
            child_nouns=[noun for _key, noun in self.ctl.child_lists(part)],
            next_title=self.ctl.short_crumbs(nxt) if nxt is not None else None,
            review=self.ctl.review_text(),
            ids=self.ctl.person_candidates,
            examples=self.examples,
            blink=self.blink,
        )

    async def reshow(self) -> None:
        """Mount the current part's form again (after a change that alters what it shows)."""
        focused = getattr(self.focused, "field_path", None)
        await self.show_part(self.current)
        if focused is not None:
            box = next((b for b in self.form.boxes if b.field_path == focused), None)
            if box is not None:
                box.focus_input()

    def take_edits(self) -> None:
        """Write what the fields of the form being replaced hold (their messages may not have arrived)."""
        taken = False
        for box, value in self.form.edits():
            if self.ctl.set_value(box.field_path, self.meaning(box, value)):
                taken = True
                self.say_moved(box.field_path)
        if taken:
            self.changed()

    def meaning(self, box: FieldBox, value: Any, raw: Any = None) -> Any:
        """A field's value as data: in a person field, names of people in the registry stand for their ids."""
        if box.spec.kind not in ("person", "persons"):
            return value
        text = raw if isinstance(raw, str) else box.raw()
        return self.ctl.person_value(box.spec.kind, text if isinstance(text, str) else "", value)

    @on(FieldBox.Changed)
    def field_changed(self, event: FieldBox.Changed) -> None:
        event.stop()
        if not event.box.is_attached:
            return  # its form was replaced, and what it held was taken then (take_edits)
        event.box.committed = event.raw
        if not self.ctl.set_value(event.path, self.meaning(event.box, event.value, event.raw)):
            return
        self.say_moved(event.path)
        if event.box.spec.kind in ("person", "persons"):
            self.update_person_notes()
        self.changed()
        if event.path == ("meta", "status"):
            self.update_status()  # the status bar shows what the file holds, at once

    def changed(self, structure: bool = False) -> None:
        """Something in the data changed: mark unsaved, schedule the analysis and the autosave."""
        if not self.dirty:
            self.dirty = True
            self.update_status()
        self.last_change = time.monotonic()
        if structure or self.validate_delay <= 0:
            self.refresh_analysis()
        elif self.validate_timer is None:
            # One timer per burst of typing, not one per key: it re-arms itself until the pause.
            self.validate_timer = self.set_timer(self.validate_delay, self.analysis_when_quiet)
        if self.autosave_timer is None:
            self.autosave_deadline = time.monotonic() + self.autosave_seconds * AUTOSAVE_LATEST
            self.autosave_timer = self.set_timer(self.autosave_seconds, self.autosave_when_quiet)

    def analysis_when_quiet(self) -> None:
        quiet = time.monotonic() - self.last_change
        if quiet < self.validate_delay:
            self.validate_timer = self.set_timer(self.validate_delay - quiet, self.analysis_when_quiet)
            return
        self.refresh_analysis()

    def autosave_when_quiet(self) -> None:
        # Writing the recovery file of a long report takes longer than a key (serialising it,
        # fsync): done in the middle of a burst of typing it was the slowest key of all.
        now = time.monotonic()
        quiet = now - self.last_change
        if quiet < AUTOSAVE_QUIET and now < self.autosave_deadline:
            self.autosave_timer = self.set_timer(AUTOSAVE_QUIET - quiet, self.autosave_when_quiet)
            return
        self.autosave_timer = None
        self.autosave()

    # -- the analysis ------------------------------------------------------------------------------------
    async def first_analysis(self) -> None:
        painted = asyncio.Event()
        self.call_after_refresh(painted.set)
        await painted.wait()
        if self.analysis is None:  # nothing (a save, the preview) asked for one in the meantime
            self.refresh_analysis()
        self.collector.start()
        self.set_interval(1.0, self.collect_when_quiet)

    def collect_when_quiet(self) -> None:
        self.collector.tick(self.last_change)

    def on_unmount(self) -> None:
        self.collector.stop()
        if self.session is not None:
            self.session.close()

    def load_checks(self) -> None:
        if not self.checks_wanted:
            return
        self.checks_wanted = False
        self.run_checks = doc.load_checks()
        from ...style import StyleError, load_style

        try:
            self.style = load_style(self.path)
        except StyleError as exc:  # say so once; check against the defaults meanwhile
            self.style = None
            self.notify(f"House style not used: {exc}", severity="warning", timeout=10)

    def refresh_analysis(self) -> None:
        if self.validate_timer is not None:
            self.validate_timer.stop()
        self.validate_timer = None
        self.load_checks()
        shape_changed = self.ctl.analyse(self.run_checks, self.style)
        problems = self.analysis.problems if self.analysis else []
        outline = self.outline
        if shape_changed or self.ctl.paths_in_order() != outline.paths_in_order():
            outline.rebuild(self.parts, problems)
            outline.go_to(self.current)
        else:
            for top in self.parts:
                for p in top.walk():
                    node = outline.nodes_by_path.get(p.path)
                    if node is not None:
                        node.data = p
            outline.update_markers(problems)
        self.form.show_problems(self.ctl.problems_of(self.current), self.ctl.humanise)
        if self.is_shown(ProblemsPanel):
            self.problems_panel.show(self.ordered, self.where, self.ctl.humanise)
        self.form.show_review(self.ctl.review_text())
        self.withdraw_if_fixed()
        self.update_status()
        if self.query_one(Preview).display:
            self.call_later(self.update_preview)

    def withdraw_if_fixed(self) -> None:
        """A message about a problem goes when the problem does (no "the conclusion is empty" once it is written)."""
        about = self.notice.about
        if isinstance(about, doc.Problem) and not any(
            p.loc == about.loc and p.diag.message == about.diag.message for p in self.ordered
        ):
            self.notice.withdraw()

    def update_person_notes(self) -> None:
        self.form.show_person_notes(self.ctl.person_note, self.data)

    def update_status(self) -> None:
        st = self.status
        part = self.part_at(self.current)
        step = part.step if part else 1
        st.dirty = self.dirty
        st.step = f"step {step} of {len(doc.STEPS)} · {doc.STEPS[step - 1]}"
        st.part_words = doc.count_words(doc.get_at(self.data, self.current)) if part else 0
        a = self.analysis
        if a is not None:
            st.words, st.errors, st.todos, st.warnings = a.words, a.errors, a.todos, a.warnings
            st.analysed = True
        else:
            st.words = doc.count_words(self.data)
        status = doc.get_at(self.data, ("meta", "status"))
        st.status = str(status) if status else "draft (default)"  # what the file holds, and what that means
        st.refresh_text()

    # -- navigation -------------------------------------------------------------------------------------
    @on(Outline.NodeHighlighted)
    async def node_highlighted(self, event: Outline.NodeHighlighted) -> None:
        part = event.node.data
        if part is not None and part.path != self.current:
            await self.show_part(part.path)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        path = getattr(event.widget, "field_path", None)
        if path is not None and is_text_box(event.widget):
            self.last_text = cast("ProseArea", event.widget)
        if path is not None and len(path) == 3 and path[0] == "people":
            self.focused_value = (path[:2], doc.get_at(self.data, (*path[:2], "id")))  # whose id it was

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        """Leaving a person's name or id: the form shows the id the references now use."""
        path = getattr(event.widget, "field_path", None)
        if path is not None and self.ctl.visited(path):
            self.refresh_analysis()  # the guided check was read where it stood: its to-do goes now
        if path is not None and len(path) == 3 and path[0] == "people" and path[2] in ("id", "name"):
            self.take_edits()
            if self.current == path[:2] and self.focused_value is not None and self.ctl.moved is not None:
                self.call_later(self.reshow)

    def say_moved(self, path: tuple) -> None:
        """References followed a person's id (as it was typed): say from what to what."""
        new, self.ctl.moved = self.ctl.moved, None
        if new is None or len(path) != 3 or path[0] != "people":
            return
        self.changed(structure=True)
        before = self.focused_value[1] if self.focused_value and self.focused_value[0] == path[:2] else None
        if isinstance(before, str) and before != new:
            self.tell(f"'{before}' is now '{new}', everywhere in the report.")

    @on(Outline.NodeSelected)
    def node_selected(self, event: Outline.NodeSelected) -> None:
        event.stop()
        self.focus_first_field()

    def focus_first_field(self) -> None:
        self.form.focus_first()

    async def go_to(self, loc: tuple, focus_field: bool = True) -> None:
        """Show the part that holds ``loc`` and focus the field at (or above) ``loc``."""
        self.outline.go_to(loc)
        owner = self.ctl.owner(loc)
        if owner != self.current:
            await self.show_part(owner)
        if not focus_field:
            return
        best = self.form.box_for(loc)
        if best is not None:
            best.focus_input()
            best.scroll_visible(animate=False)
        else:
            self.focus_first_field()

    async def action_next_part(self) -> None:
        nxt = self.ctl.neighbour(self.current, 1)
        if nxt is None:
            self.notify("This is the last part: Review.", timeout=3)
            return
        await self.go_to(nxt, focus_field=False)
        self.outline.focus()

    async def action_previous_part(self) -> None:
        prv = self.ctl.neighbour(self.current, -1)
        if prv is None:
            return
        await self.go_to(prv, focus_field=False)
        self.outline.focus()

    def position(self) -> tuple:
        """Where the user is, as (part order, field index) for F2's "next"."""
        order = self.ctl.order.get(self.current, -1)
        path = getattr(self.focused, "field_path", None)
        return (order, self.ctl.field_index(self.current, path) if path is not None else -2)

    async def action_next_problem(self, delta: int = 1) -> None:
        if self.validate_timer is not None or self.analysis is None:
            self.refresh_analysis()
        target = self.ctl.next_problem(self.position(), delta)
        if target is None:
            self.notify("Nothing left to do: no errors, no to-dos.", timeout=4)
            return
        await self.go_to(target.loc)
        message = self.ctl.humanise(target.diag.full_message())
        self.tell(f"{target.marker} {self.where(target)}: {message}", timeout=6, about=target)

    async def action_previous_problem(self) -> None:
        await self.action_next_problem(-1)

    def action_focus_outline(self) -> None:
        if self.is_shown(ProblemsPanel) and self.problems_panel.has_focus:
            self.problems_panel.display = False
        self.outline.focus()

    async def action_toggle_problems(self) -> None:
        await self.open_panel(ProblemsPanel)
        panel = self.problems_panel
        if panel.display and panel.has_focus:
            panel.display = False
            self.outline.focus()
            return
        if self.validate_timer is not None or self.analysis is None:
            self.refresh_analysis()
        panel.show(self.ordered, self.where, self.ctl.humanise)
        panel.display = True
        panel.focus()

    @on(ProblemsPanel.OptionSelected, "#problems")
    async def problem_selected(self, event: ProblemsPanel.OptionSelected) -> None:
        event.stop()
        if event.option.id is None:
            return
        problem = self.problems_panel.problems[int(event.option.id)]
        await self.go_to(problem.loc)

    # -- the notes panel -------------------------------------------------------------------------------------
    def update_notes_panel(self) -> None:
        if self.is_shown(NotesPanel):
            self.notes_panel.show(self.data, self.current)

    async def action_toggle_notes_panel(self) -> None:
        """Show the panel and go to it; from the panel, hide it and go back to the text."""
        await self.open_panel(NotesPanel)
        panel = self.notes_panel
        if panel.display and panel.has_focus:
            panel.display = False
            self.back_to_text()
            return
        panel.display = True
        panel.show(self.data, self.current)
        panel.focus()

    def back_to_text(self) -> None:
        box = self.last_text
        if box is not None and box.is_attached:
            box.focus()
        else:
            self.outline.focus()

    def action_insert_note(self) -> None:
        """The highlighted note's text at the cursor of the last text box focused, and the note marked used there."""
        index = self.notes_panel.highlighted_note() if self.is_shown(NotesPanel) else None
        if index is None:
            self.tell("Open the notes panel (F7) and highlight a note to insert it.")
            return
        box = self.last_text
        if box is None or not box.is_attached:
            self.tell("Go to a text box first: the note goes in at its cursor.")
            return
        text = str(self.data["notes"][index].get("text", "")).strip()
        row, column = box.cursor_location
        line = box.document.get_line(row)
        before, after = line[:column], line[column:]
        # A space on either side where the note would run into a word.
        if before and not before[-1].isspace():
            text = " " + text
        if after and not after[0].isspace():
            text += " "
        box.insert(text)
        box.focus()
        self.take_edits()  # the text box's change, before the note says it was used there
        if mark_used(self.data, index, format_path(box.field_path)):
            self.changed()
        self.notes_panel.show(self.data, self.current)

    @on(NotesPanel.OptionSelected, "#notes-panel")
    def note_selected(self, event: NotesPanel.OptionSelected) -> None:
        event.stop()
        self.action_insert_note()

    # -- preview -------------------------------------------------------------------------------------------
    async def action_toggle_preview(self) -> None:
        preview = self.query_one(Preview)
        preview.display = not preview.display
        self.set_class(preview.display, "-previewing")
        if preview.display:
            await self.update_preview()

    async def update_preview(self) -> None:
        if self.validate_timer is not None or self.analysis is None:
            self.refresh_analysis()
        text = doc.preview_markdown(self.analysis.report if self.analysis else None, self.preview_layout)
        await self.query_one(Preview).show_markdown(text)

    def save(self, force: bool = False, then: Callable[[bool], Any] | None = None, drop_comments: bool = False) -> None:
        """Save what the fields hold, including an edit whose message has not arrived yet."""
        self.take_edits()
        super().save(force=force, then=then, drop_comments=drop_comments)

    def request_quit(self) -> None:
        self.take_edits()  # an edit on its way makes the report unsaved: quitting asks
        super().request_quit()

    # -- helpers for the app and the palette -----------------------------------------------------------------
    def focused_guide(self) -> str | None:
        spec = getattr(self.focused, "spec", None)
        if spec is not None:
            return f"{spec.title}: {spec.guide}"
        part = self.part_at(self.current)
        if part is not None:
            return f"{part.title}: {self.ctl.guide_of(part)}"
        return None

    def set_status_value(self, status: str) -> None:
        self.take_edits()
        doc.set_at(self.data, ("meta", "status"), status)
        self.changed(structure=True)
        if self.current == ("meta",):  # the form shows the status: mount it again
            self.call_later(self.reshow)
