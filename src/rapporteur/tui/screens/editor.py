"""The main screen: outline | form of the selected part (| preview), problems, status, footer.

Data flow, one way: a field's change message -> ``set_at(data, path, value)`` ->
(debounced) ``document.analyse(data)`` -> outline markers, field problems,
problems panel, status bar, preview. Save writes ``document.save_text(data)``
through ``tomlio.atomic_write``; autosave writes the recovery file.
"""

from __future__ import annotations

import asyncio
import copy
import gc
import os
import time
from typing import Any

from pydantic_core import PydanticUndefined
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Input, Select, Static, TextArea

from ... import recovery, tomlio
from ...model import ROLE_LABELS, Person
from .. import document as doc
from .. import keys
from ..widgets.fields import FieldBox, FieldInput, PersonInput, ProseArea
from ..widgets.outline import Outline
from ..widgets.panels import Preview, ProblemsPanel, StatusBar
from .dialogs import AddPerson, Ask

VALIDATE_DELAY = 0.35  # seconds of quiet before the analysis runs
AUTOSAVE_QUIET = 0.3  # an autosave waits for this much quiet, so it never lands between two keys ...
AUTOSAVE_LATEST = 3.0  # ... but never waits longer than this many autosave intervals in all
WIDE = 150  # columns from which the preview sits beside the form


def _default_of(cls, rel: tuple) -> Any:
    """The model's default for a field (shown in the form when the data leaves it out)."""
    target = cls
    for name in rel[:-1]:
        info = target.model_fields.get(name)
        if info is None:
            return None
        target = doc._unwrap(info.annotation)
        if not isinstance(target, type):
            return None
    info = getattr(target, "model_fields", {}).get(rel[-1])
    if info is None or info.default is PydanticUndefined or info.default is None:
        return None
    return info.default


_frozen = False
COLLECT_QUIET = 0.3  # garbage is collected at a pause in typing ...
COLLECT_LATEST = 5.0  # ... or after this many seconds of typing without one


def _freeze_startup_objects() -> None:
    """Keep what start-up built (Textual, the models, the first screen) out of every later collection.

    Once per process: the editor runs one app (tests run many, and must not pin each one's objects).
    """
    global _frozen
    if not _frozen:
        _frozen = True
        gc.collect()
        gc.freeze()


class EditorScreen(Screen):
    # Help and Save first: the footer lists the screen's keys in this order.
    BINDINGS = [b for b in keys.bindings("global") if b.id in ("help", "save")] + keys.bindings("editor")

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
        super().__init__()
        self.path = os.path.abspath(path)
        self.shown = source.path
        self.source = source
        self.data: dict = source.data if source.data is not None else {}
        self.directive = source.schema_directive
        self.stamp = doc.stamp_of(self.path)
        self.dirty = False
        self.guided = guided
        self.blink = blink
        self.autosave_seconds = autosave_seconds
        self.validate_delay = validate_delay
        self.preview_layout = layout
        self.current: tuple = ("event",)
        self.parts: list[doc.Part] = []
        self.analysis: doc.Analysis | None = None
        self.ordered: list[doc.Problem] = []
        self._validate_timer = None
        self._autosave_timer = None
        self._autosave_deadline = 0.0
        self._autosave_failed = False
        # The house-style checks (their import compiles many patterns) and the house style are
        # loaded by the first analysis, which runs after the first paint.
        self._checks_wanted = checks
        self._run_checks = None
        self._style = None
        self.last_saved_at: float | None = None
        self.session: recovery.Session | None = None  # this editor's autosave and lease, from on_mount
        self._show_seq = 0
        self._last_change = 0.0
        self._show_lock = asyncio.Lock()

    # -- layout ------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield Outline(id="outline")
            with Vertical(id="right"):
                yield VerticalScroll(id="form")
                yield Preview(id="preview")
        yield ProblemsPanel(id="problems")
        yield StatusBar(id="status")
        yield Footer(compact=True)

    @property
    def outline(self) -> Outline:
        return self.query_one(Outline)

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    @property
    def problems_panel(self) -> ProblemsPanel:
        return self.query_one(ProblemsPanel)

    async def on_mount(self) -> None:
        self.query_one("#preview").display = False
        self.problems_panel.display = False
        self.status.file = os.path.basename(self.shown)
        self.parts = doc.build_parts(self.data)
        # The screen first, the analysis right after it: the outline has no markers and the
        # status bar no counts for the moment it takes (the first one pays for importing the
        # model's validation and the house-style checks).
        self.outline.rebuild(self.parts, None)
        self.outline.go_to(self.current)
        await self.show_part(self.current)
        self.outline.focus()
        self._apply_width(self.size.width)
        self._update_status()
        self.run_worker(self._first_analysis(), group="first-analysis")
        self._open_session()
        self._offer_recovery()
        if self.guided:
            self.notify(
                "Step 1 of 9: the event. Tab moves between fields, F8 goes to the next part, "
                "F2 to the next thing to do, F1 shows every key.",
                title="A new report",
                timeout=12,
            )

    def on_resize(self, event) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width >= WIDE, "-wide")
        self.set_class(width < 100, "-narrow")

    # -- parts and the form --------------------------------------------------------------------------
    def part_at(self, path: tuple) -> doc.Part | None:
        for top in self.parts:
            for p in top.walk():
                if p.path == path:
                    return p
        return None

    def _ids(self) -> list[str]:
        return [p.get("id") for p in doc.people_of(self.data) if isinstance(p.get("id"), str)]

    async def show_part(self, path: tuple) -> None:
        """Mount the form of one part (one at a time: focus handling slows with hundreds of inputs)."""
        self._show_seq += 1
        seq = self._show_seq
        async with self._show_lock:
            if seq != self._show_seq:
                return  # a newer request came in while waiting: it wins
            part = self.part_at(path) or self.part_at(("event",))
            if part is None:
                return
            self.current = part.path
            form = self.query_one("#form", VerticalScroll)
            with self.app.batch_update():
                await form.remove_children()
                await form.mount_all(self._form_widgets(part))
            form.scroll_home(animate=False)
        self._update_form_problems()
        self._update_person_notes()
        self._update_status()

    async def reshow(self) -> None:
        """Mount the current part's form again (after a change that alters what it shows)."""
        focused = getattr(self.focused, "field_path", None)
        await self.show_part(self.current)
        if focused is not None:
            for box in self.query(FieldBox):
                if box.field_path == focused:
                    box.input.focus()

    def _form_widgets(self, part: doc.Part) -> list:
        out: list = []
        step = part.step
        crumbs = self._crumbs(part.path)
        out.append(Static(crumbs, classes="part-title", markup=False))
        out.append(
            Static(f"Step {step} of {len(doc.STEPS)} · {doc.STEPS[step - 1]}", classes="part-step", markup=False)
        )
        guide = (
            doc.PART_GUIDES.get(part.top, "")
            if len(part.path) == 1
            else (
                part.cls.__doc__ or ""
                if part.cls and part.cls.__doc__ and "Field" not in (part.cls.__doc__ or "")
                else ""
            )
        )
        if len(part.path) > 1 and part.cls is not None:
            guide = _ITEM_GUIDES.get(part.cls.__name__, "")
        specs = doc.field_specs(part.cls) if part.cls is not None and part.present and part.kind != "list" else []
        if guide and not (len(specs) == 1 or (specs and specs[0].guide == guide)):
            out.append(Static(guide, classes="part-guide", markup=False))
        out.append(Static("", id="part-problems", markup=False))
        if not part.present:
            what = "This part is not in the report."
            if part.top == "lead":
                what += " Without it, the lead paragraph is composed from the event details; add it to write your own."
            out.append(Static(what, classes="part-absent", markup=False))
            out.append(Button(f"Add {part.title}", id="add-part", compact=True))
        elif part.kind == "list":
            noun = doc.ITEM_NOUNS[doc.ITEM_LISTS[part.path]]
            if part.children:
                listing = "\n".join(f"  {i + 1}. {c.title}" for i, c in enumerate(part.children[:40]))
                if len(part.children) > 40:
                    listing += f"\n  … and {len(part.children) - 40} more"
                out.append(Static(listing, classes="part-listing", markup=False))
            else:
                out.append(Static(f"No {noun} yet.", classes="part-absent", markup=False))
            out.append(Button(f"Add {noun}", id="add-child-0", compact=True))
        else:
            for spec in doc.field_specs(part.cls):
                fpath = (*part.path, *spec.rel)
                value = doc.get_at(self.data, fpath)
                out.append(
                    FieldBox(
                        spec, fpath, value, ids=self._ids, blink=self.blink, default=_default_of(part.cls, spec.rel)
                    )
                )
            for i, (key, noun) in enumerate(self._child_lists(part)):
                out.append(Button(f"Add {noun}", id=f"add-child-{i}", compact=True))
            if part.path == ("meta",):
                out.append(Static(self._review_text(), id="review", classes="part-listing", markup=False))
        nxt = self._neighbour(part.path, 1)
        if nxt is not None:
            target = self.part_at(nxt)
            out.append(Static(f"Next: {target.title if target else ''} — F8", classes="part-next", markup=False))
        return out

    def _child_lists(self, part: doc.Part) -> list[tuple[str, str]]:
        """The item lists directly inside a part: (key, noun)."""
        if part.cls is None:
            return []
        kp = doc.keys_only(part.path)
        return [(key_path[len(kp) :], doc.ITEM_NOUNS[doc.ITEM_LISTS[key_path]]) for key_path in doc.child_lists(kp)]

    def _crumbs(self, path: tuple) -> str:
        titles = []
        for i in range(1, len(path) + 1):
            p = self.part_at(path[:i])
            if p is not None:
                titles.append(p.title)
        return " › ".join(titles)

    def _review_text(self) -> str:
        a = self.analysis
        if a is None:
            return ""
        status = doc.get_at(self.data, ("meta", "status")) or "draft"
        lines = [f"The report has {a.words:,} words of prose.", ""]
        if a.errors:
            lines.append(
                f"✗ {a.errors} error{'s' if a.errors != 1 else ''} to fix (F3 lists them, F2 jumps to the next)."
            )
        if a.todos:
            lines.append(f"○ {a.todos} thing{'s' if a.todos != 1 else ''} still to write before it can be final.")
        if a.warnings:
            lines.append(f"! {a.warnings} house-style finding{'s' if a.warnings != 1 else ''}.")
        if not (a.errors or a.todos):
            lines.append(
                "✓ Complete."
                + (
                    " Set the status to final when it is approved."
                    if status != "final"
                    else " It passes `rapporteur validate --final`."
                )
            )
        return "\n".join(lines)

    # -- field changes ---------------------------------------------------------------------------------
    def _value_from(self, widget) -> Any:
        kind = widget.kind
        if kind == "choice":
            v = widget.value
            return None if v is Select.NULL or v is Select.BLANK else v
        if kind == "bool":
            return bool(widget.value)
        raw = widget.text if isinstance(widget, TextArea) else widget.value
        return doc.parse_value(kind, raw, widget.required)

    def _field_changed(self, widget) -> None:
        path = getattr(widget, "field_path", None)
        if path is None:
            return
        shown = getattr(widget, "shown_value", None)
        if shown is not None:
            # A field reports its text once when it is mounted. That is the file's value as
            # shown, not an edit: taking it back as data would quietly turn title = 42 into
            # "42", or a list into text, and hide the problem the file has (found by the corpus).
            widget.shown_value = None
            if (widget.text if isinstance(widget, TextArea) else widget.value) == shown:
                return
        value = self._value_from(widget)
        old = doc.get_at(self.data, path, doc._MISSING)
        if old is doc._MISSING and value is None:
            return
        if old == value and type(old) is type(value):
            return
        doc.set_at(self.data, path, value)
        if widget.kind in ("person", "persons"):
            self._update_person_notes()
        self.changed()

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, FieldInput):
            self._field_changed(event.input)

    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        if isinstance(event.text_area, ProseArea):
            self._field_changed(event.text_area)

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        self._field_changed(event.select)

    @on(Checkbox.Changed)
    def _checkbox_changed(self, event: Checkbox.Changed) -> None:
        self._field_changed(event.checkbox)

    def changed(self, structure: bool = False) -> None:
        """Something in the data changed: mark unsaved, schedule the analysis and the autosave."""
        if not self.dirty:
            self.dirty = True
            self._update_status()
        self._last_change = time.monotonic()
        if structure or self.validate_delay <= 0:
            self.refresh_analysis()
        elif self._validate_timer is None:
            # One timer per burst of typing, not one per key: it re-arms itself until the pause.
            self._validate_timer = self.set_timer(self.validate_delay, self._analysis_when_quiet)
        if self._autosave_timer is None:
            self._autosave_deadline = time.monotonic() + self.autosave_seconds * AUTOSAVE_LATEST
            self._autosave_timer = self.set_timer(self.autosave_seconds, self._autosave_when_quiet)

    def _analysis_when_quiet(self) -> None:
        quiet = time.monotonic() - self._last_change
        if quiet < self.validate_delay:
            self._validate_timer = self.set_timer(self.validate_delay - quiet, self._analysis_when_quiet)
            return
        self.refresh_analysis()

    def _autosave_when_quiet(self) -> None:
        # Writing the recovery file of a long report takes longer than a key (serialising it,
        # fsync): done in the middle of a burst of typing it was the slowest key of all.
        now = time.monotonic()
        quiet = now - self._last_change
        if quiet < AUTOSAVE_QUIET and now < self._autosave_deadline:
            self._autosave_timer = self.set_timer(AUTOSAVE_QUIET - quiet, self._autosave_when_quiet)
            return
        self._autosave_timer = None
        self.autosave()

    def autosave(self) -> None:
        """Write the recovery file now (the timer calls it at a pause in typing)."""
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        self._autosave_timer = None
        if not self.dirty:
            return
        if self.session is None or self.session.disabled:
            return  # said once when the editor opened
        try:
            self.session.write(self.data, self.directive)
            if self._autosave_failed and self.status.message == "autosave failed":
                self.status.message = ""
                self._update_status()
            self._autosave_failed = False
        except Exception as exc:  # never let autosave take the editor down
            if not self._autosave_failed:
                self.notify(f"Autosave failed: {exc}", severity="error", timeout=10)
                self.status.message = "autosave failed"
                self._update_status()
            self._autosave_failed = True

    # -- the analysis ------------------------------------------------------------------------------------
    async def _first_analysis(self) -> None:
        painted = asyncio.Event()
        self.call_after_refresh(painted.set)
        await painted.wait()
        if self.analysis is None:  # nothing (a save, the preview) asked for one in the meantime
            self.refresh_analysis()
        # Garbage collection at pauses, not between two keys: a full collection walks every
        # object of the process (50 ms here), and came every hundred keys or so while typing.
        _freeze_startup_objects()
        gc.disable()
        self._last_collect = time.monotonic()
        self.set_interval(1.0, self._collect_when_quiet)

    def _collect_when_quiet(self) -> None:
        if gc.isenabled():
            return
        now = time.monotonic()
        if gc.get_count()[0] > 1000 and (
            now - self._last_change >= COLLECT_QUIET or now - self._last_collect >= COLLECT_LATEST
        ):
            gc.collect()
            self._last_collect = now

    def on_unmount(self) -> None:
        gc.enable()  # whatever comes after the editor collects as usual
        if self.session is not None:
            self.session.close()

    def _load_checks(self) -> None:
        if not self._checks_wanted:
            return
        self._checks_wanted = False
        self._run_checks = doc._load_checks()
        from ...style import StyleError, load_style

        try:
            self._style = load_style(self.path)
        except StyleError as exc:  # say so once; check against the defaults meanwhile
            self._style = None
            self.notify(f"House style not used: {exc}", severity="warning", timeout=10)

    def refresh_analysis(self) -> None:
        if self._validate_timer is not None:
            self._validate_timer.stop()
        self._validate_timer = None
        self._load_checks()
        self.analysis = doc.analyse(self.data, run_checks=self._run_checks, style=self._style)
        parts = doc.build_parts(self.data)
        new_paths = [p.path for top in parts for p in top.walk()]
        outline = self.outline
        self.parts = parts
        if new_paths != outline.paths_in_order():
            outline.rebuild(parts, self.analysis.problems)
            outline.go_to(self.current)
        else:
            for top in parts:
                for p in top.walk():
                    node = outline.nodes_by_path.get(p.path)
                    if node is not None:
                        node.data = p
            outline.update_markers(self.analysis.problems)
        self._order_problems()
        self._update_form_problems()
        if self.problems_panel.display:
            self.problems_panel.show(self.ordered, self.where)
        review = self.query("#review")
        if review:
            review.first(Static).update(self._review_text())
        self._update_status()
        if self.query_one("#preview").display:
            self.call_later(self.update_preview)

    def _field_index(self, owner: tuple, loc: tuple) -> int:
        part = self.outline.nodes_by_path.get(owner)
        if part is None or part.data is None or part.data.cls is None:
            return -1
        rel = tuple(loc[len(owner) :])
        for i, spec in enumerate(doc.field_specs(part.data.cls)):
            if rel[: len(spec.rel)] == spec.rel:
                return i
        return -1

    def _problem_key(self, p: doc.Problem) -> tuple:
        owner = self.outline.owner(p.loc)
        return (
            self.outline.order.get(owner, 10**6),
            self._field_index(owner, p.loc),
            {"error": 0, "warning": 1, "todo": 2}[p.kind],
        )

    def _order_problems(self) -> None:
        probs = self.analysis.problems if self.analysis else []
        self.ordered = sorted(probs, key=self._problem_key)

    def where(self, p: doc.Problem) -> str:
        owner = self.outline.owner(p.loc)
        bits = [self._crumbs(owner)] if owner else ["File"]
        idx = self._field_index(owner, p.loc)
        node = self.outline.nodes_by_path.get(owner)
        if idx >= 0 and node is not None and node.data.cls is not None:
            spec = doc.field_specs(node.data.cls)[idx]
            bits.append(spec.title)
        return " › ".join(bits)

    def _update_form_problems(self) -> None:
        probs = [p for p in self.ordered if self.outline.owner(p.loc) == self.current]
        boxes = list(self.query(FieldBox))
        used: set[int] = set()
        for box in boxes:
            mine = [p for p in probs if tuple(p.loc[: len(box.field_path)]) == box.field_path]
            used.update(id(p) for p in mine)
            if mine:
                first = mine[0]
                more = f" (+{len(mine) - 1} more)" if len(mine) > 1 else ""
                text = (
                    f"{first.marker} {first.diag.message}" + (f" — {first.diag.hint}" if first.diag.hint else "") + more
                )
                box.set_problem(text, first.kind)
            else:
                box.set_problem("")
        rest = [p for p in probs if id(p) not in used]
        part_box = self.query("#part-problems")
        if part_box:
            box = part_box.first(Static)
            box.update(
                "\n".join(f"{p.marker} {p.diag.message}" + (f" — {p.diag.hint}" if p.diag.hint else "") for p in rest)
            )
            box.display = bool(rest)
            box.set_class(any(p.kind == "error" for p in rest), "-error")

    def _person_note(self, kind: str, value: Any) -> str:
        ids = value if isinstance(value, list) else [value] if value else []
        # the file may hold anything where an id or a name belongs: the form shows it, never fails on it
        people = {p["id"]: p for p in doc.people_of(self.data) if isinstance(p.get("id"), str)}
        notes = []
        for pid in ids:
            p = people.get(pid) if isinstance(pid, str) else None
            if p is None:
                notes.append(f"{pid}: not in the registry (Ctrl+N adds a person)")
                continue
            bits = [f"{doc._stripped(p.get('honorific'))} {doc._stripped(p.get('name')) or '(no name yet)'}".strip()]
            bits += [str(p[k]) for k in ("post_nominals", "designation", "affiliation") if p.get(k)]
            notes.append("→ " + ", ".join(bits))
        if not ids:
            known = ", ".join(people) if people else "none yet"
            return f"Known ids: {known}. Ctrl+N adds a person."
        return "\n".join(notes)

    def _update_person_notes(self) -> None:
        for box in self.query(FieldBox):
            if box.spec.kind in ("person", "persons"):
                box.set_note(self._person_note(box.spec.kind, doc.get_at(self.data, box.field_path)))

    def _update_status(self) -> None:
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
        st.status = str(doc.get_at(self.data, ("meta", "status")) or "draft")
        st.refresh_text()

    # -- navigation -------------------------------------------------------------------------------------
    @on(Outline.NodeHighlighted)
    async def _node_highlighted(self, event: Outline.NodeHighlighted) -> None:
        part = event.node.data
        if part is not None and part.path != self.current:
            await self.show_part(part.path)

    @on(Outline.NodeSelected)
    def _node_selected(self, event: Outline.NodeSelected) -> None:
        event.stop()
        self.focus_first_field()

    def focus_first_field(self) -> None:
        form = self.query_one("#form")
        for w in form.query("Input, TextArea, Select, Checkbox, Button"):
            if w.focusable:
                w.focus()
                return

    def _neighbour(self, path: tuple, delta: int) -> tuple | None:
        order = self.outline.paths_in_order()
        if path not in order:
            return None
        i = order.index(path) + delta
        return order[i] if 0 <= i < len(order) else None

    async def go_to(self, loc: tuple, focus_field: bool = True) -> None:
        """Show the part that holds ``loc`` and focus the field at (or above) ``loc``."""
        self.outline.go_to(loc)
        owner = self.outline.owner(loc)
        if owner != self.current:
            await self.show_part(owner)
        if not focus_field:
            return
        best = None
        for box in self.query(FieldBox):
            if tuple(loc[: len(box.field_path)]) == box.field_path:
                if best is None or len(box.field_path) > len(best.field_path):
                    best = box
        if best is not None:
            best.input.focus()
            best.scroll_visible(animate=False)
        else:
            self.focus_first_field()

    async def action_next_part(self) -> None:
        nxt = self._neighbour(self.current, 1)
        if nxt is None:
            self.notify("This is the last part: Review.", timeout=3)
            return
        await self.go_to(nxt, focus_field=False)
        self.outline.focus()

    async def action_previous_part(self) -> None:
        prv = self._neighbour(self.current, -1)
        if prv is None:
            return
        await self.go_to(prv, focus_field=False)
        self.outline.focus()

    def _position_key(self) -> tuple:
        order = self.outline.order.get(self.current, -1)
        focused = self.focused
        idx = -2
        path = getattr(focused, "field_path", None)
        if path is not None:
            idx = self._field_index(self.current, path)
        return (order, idx)

    async def action_next_problem(self, delta: int = 1) -> None:
        if self._validate_timer is not None or self.analysis is None:
            self.refresh_analysis()
        if not self.ordered:
            self.notify("Nothing left to do: no errors, no to-dos.", timeout=4)
            return
        here = self._position_key()
        keys_ = [self._problem_key(p)[:2] for p in self.ordered]
        if delta > 0:
            target = next((p for p, k in zip(self.ordered, keys_) if k > here), self.ordered[0])
        else:
            target = next((p for p, k in zip(reversed(self.ordered), reversed(keys_)) if k < here), self.ordered[-1])
        await self.go_to(target.loc)
        self.notify(f"{target.marker} {target.diag.full_message()}", timeout=4)

    async def action_previous_problem(self) -> None:
        await self.action_next_problem(-1)

    def action_focus_outline(self) -> None:
        if self.problems_panel.has_focus and self.problems_panel.display:
            self.problems_panel.display = False
        self.outline.focus()

    def action_toggle_problems(self) -> None:
        panel = self.problems_panel
        if panel.display and panel.has_focus:
            panel.display = False
            self.outline.focus()
            return
        if self._validate_timer is not None or self.analysis is None:
            self.refresh_analysis()
        panel.show(self.ordered, self.where)
        panel.display = True
        panel.focus()

    @on(ProblemsPanel.OptionSelected)
    async def _problem_selected(self, event: ProblemsPanel.OptionSelected) -> None:
        event.stop()
        if event.option.id is None:
            return
        problem = self.problems_panel.problems[int(event.option.id)]
        await self.go_to(problem.loc)

    # -- preview -------------------------------------------------------------------------------------------
    async def action_toggle_preview(self) -> None:
        preview = self.query_one("#preview")
        preview.display = not preview.display
        self.set_class(preview.display, "-previewing")
        if preview.display:
            await self.update_preview()

    async def update_preview(self) -> None:
        if self._validate_timer is not None or self.analysis is None:
            self.refresh_analysis()
        text = preview_markdown(self.analysis.report if self.analysis else None, self.preview_layout)
        await self.query_one(Preview).show_markdown(text)

    # -- structure: add, remove, duplicate, move --------------------------------------------------------
    async def _after_structure(self, focus: tuple | None) -> None:
        self.changed(structure=True)
        if focus is not None:
            self.outline.go_to(focus)
            await self.show_part(self.outline.owner(focus))

    def add_item(self) -> None:
        self.run_worker(self._add_item(), exclusive=True, group="structure")

    async def _add_item(self) -> None:
        part = self.part_at(self.current)
        if part is None:
            return
        if not part.present:
            await self.add_part(part.top)
            return
        if part.kind == "list":
            list_path, index = part.path, len(doc.get_at(self.data, part.path) or [])
        elif part.kind == "item":
            list_path, index = doc.list_path_of(part.path)
            index += 1
        else:
            lists = self._child_lists(part)
            if not lists:
                self.notify(f"{part.title} holds no list of items; move to an item or list to add one.", timeout=4)
                return
            list_path = (*part.path, *lists[0][0])
            index = len(doc.get_at(self.data, list_path) or [])
        await self.insert_item(list_path, index)

    async def insert_item(self, list_path: tuple, index: int, item: dict | None = None) -> tuple:
        cls = doc.item_class(list_path)
        if cls is None:
            return self.current
        lst = doc.get_at(self.data, list_path)
        if not isinstance(lst, list):
            lst = []
            doc.set_at(self.data, list_path, lst)
        lst.insert(index, item if item is not None else doc.new_item(self.data, cls))
        new = (*list_path, index)
        await self._after_structure(new)
        return new

    async def add_child(self, key_index: int) -> None:
        part = self.part_at(self.current)
        if part is None:
            return
        if part.kind == "list":
            await self.insert_item(part.path, len(doc.get_at(self.data, part.path) or []))
            return
        lists = self._child_lists(part)
        if key_index < len(lists):
            lp = (*part.path, *lists[key_index][0])
            await self.insert_item(lp, len(doc.get_at(self.data, lp) or []))

    async def add_part(self, key: str) -> None:
        if isinstance(self.data.get(key), dict):
            await self.go_to((key,), focus_field=False)
            return
        self.data[key] = doc.new_part(key, self.data)
        order = list(doc.TOP_PARTS[:-1])
        order.insert(0, "meta")
        self.data = {k: self.data[k] for k in sorted(self.data, key=lambda k: order.index(k) if k in order else 99)}
        await self._after_structure((key,))

    def remove_item(self) -> None:
        part = self.part_at(self.current)
        if part is None:
            return
        if part.kind == "list" or (part.kind == "part" and part.top not in doc.OPTIONAL_PARTS) or not part.present:
            self.notify(f"{part.title} cannot be removed; select an item in it to remove that.", timeout=4)
            return
        value = doc.get_at(self.data, part.path)
        words = doc.count_words(value)
        path = part.path

        async def do(answer: str | None) -> None:
            if answer != "remove":
                return
            if part.kind == "item":
                list_path, i = doc.list_path_of(path)
                lst = doc.get_at(self.data, list_path)
                del lst[i]
                if not lst:
                    focus = doc.parent_of(path)
                else:
                    focus = (*list_path, min(i, len(lst) - 1))
            else:
                self.data.pop(path[0], None)
                focus = path
            await self._after_structure(focus)
            self.notify(f"Removed {part.title}.", timeout=3)

        if words or part.kind == "part" or part.cls is Person:
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
        list_path, i = doc.list_path_of(part.path)
        item = copy.deepcopy(doc.get_at(self.data, part.path))
        if part.cls is Person and isinstance(item, dict):
            item["id"] = doc.unique_person_id(self.data, str(item.get("id") or "person"))
        self.run_worker(self.insert_item(list_path, i + 1, item), exclusive=True, group="structure")

    def move_item(self, delta: int) -> None:
        part = self.part_at(self.current)
        if part is None or part.kind != "item":
            return
        list_path, i = doc.list_path_of(part.path)
        lst = doc.get_at(self.data, list_path)
        j = i + delta
        if not (0 <= j < len(lst)):
            return
        lst[i], lst[j] = lst[j], lst[i]
        self.run_worker(self._after_structure((*list_path, j)), exclusive=True, group="structure")

    @on(Button.Pressed)
    async def _button(self, event: Button.Pressed) -> None:
        bid = event.button.id or ""
        if bid == "add-part":
            event.stop()
            await self.add_part(self.current[0])
        elif bid.startswith("add-child-"):
            event.stop()
            await self.add_child(int(bid.rsplit("-", 1)[1]))

    # -- people ------------------------------------------------------------------------------------------
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
                    if items and (items[-1] == typed or items[-1] not in self._ids()):
                        items[-1] = person["id"]
                    else:
                        items.append(person["id"])
                    widget.value = ", ".join(items)
                else:
                    widget.value = person["id"]
                widget.focus()
            self.changed(structure=True)
            self._update_person_notes()
            self.notify(f"Added {person.get('name')} as '{person['id']}'.", timeout=3)

        self.app.push_screen(AddPerson(lambda name: doc.person_id_for(self.data, name), typed), done)

    # -- saving ---------------------------------------------------------------------------------------------
    def action_save(self) -> None:
        self.save()

    def action_help(self) -> None:
        self.app.action_help()

    def save(self, force: bool = False, then=None, drop_comments: bool = False) -> None:
        """Save; asks first if the file changed on disk since it was read, or if comments of the
        file would be lost (``tomlio.plan_save`` keeps those it can). ``then(saved: bool)``."""
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
        plan = tomlio.plan_save(text, self.source)  # the file's comments and line endings kept
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
            tomlio.atomic_write(self.path, text, self.shown)
        except tomlio.ReportIOError as exc:
            self.autosave()
            self.status.message = "NOT SAVED"
            self._update_status()
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
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
            self._autosave_timer = None
        self._discard_autosave()
        self.status.message = f"saved {time.strftime('%H:%M:%S')}"
        self._update_status()
        bom_note = ""
        if tomlio.drops_bom(was):  # said once, never silently
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
            self._discard_autosave()
            self.app.exit()
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.save(then=lambda ok: self.app.exit() if ok else None)
            elif choice == "discard":
                self._discard_autosave()
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
    def _open_session(self) -> None:
        """Claim this report for autosave; say once if autosave is off or the report is open elsewhere."""
        self.session = recovery.Session.open(self.path)
        if self.session.disabled:
            self.status.message = "autosave off"
            self._update_status()
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

    def _discard_autosave(self) -> None:
        if self.session is not None:
            self.session.discard()

    def _offer_recovery(self) -> None:
        """Offer each autosave left by an editor that is no longer running, newest first."""
        if self.session is None:
            return
        self._offer_next(self.session.pending(self.data), 0)

    def _offer_next(self, found: list[recovery.Recovery], index: int) -> None:
        if index >= len(found) or self.session is None:
            return
        rec = found[index]
        session = self.session
        diff = recovery.differences(self.data, rec.data)
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
            self._offer_next(found, index + 1)

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
                detail = "".join(f"\n• {d.path or d.location()}: {d.message}" for d in diags[:3])
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

    # -- helpers for the app and the palette -----------------------------------------------------------------
    def focused_guide(self) -> str | None:
        w = self.focused
        spec = getattr(w, "spec", None)
        if spec is not None:
            return f"{spec.title}: {spec.guide}"
        part = self.part_at(self.current)
        if part is not None:
            return f"{part.title}: {doc.PART_GUIDES.get(part.top, '')}"
        return None

    def set_status_value(self, status: str) -> None:
        doc.set_at(self.data, ("meta", "status"), status)
        self.changed(structure=True)
        if self.current == ("meta",):  # the form shows the status: mount it again
            self.call_later(self.reshow)


_ITEM_GUIDES = {
    "Person": "A person named in the report: honorific, name and post-nominals are separate, so names print correctly everywhere.",
    "Remark": "Remarks by role (welcome, introductory, keynote, concluding, vote of thanks), in reported speech.",
    "Session": "A session: its title and chair or moderator. Its presentations are below it in the outline.",
    "Presentation": "A talk within the session: who presented, and the themes (sections) in the order they were taken up.",
    "Section": "One theme of the presentation, in reported speech. Headings show only in the sectioned layout.",
    "Question": 'A question in reported speech: name the asker (an id) or describe them ("One of the scholars"). Answers go below it.',
    "Response": "An answer, in reported speech; leave By empty when unattributed.",
    "Silence": "A house-style finding accepted for this report, with the reason kept.",
}


def preview_markdown(report, layout: str = "narrative") -> str:
    """The exporter's Markdown of the report, or a note saying why there is none."""
    if report is None:
        return "*The report does not fit the schema yet: fix the errors (F3 lists them) to see the preview.*"
    try:
        from ...export.markdown import to_markdown
    except ImportError:
        return "*The preview comes from the Markdown exporter (`rapporteur.export.markdown`), which is not installed.*"
    try:
        try:
            return to_markdown(report, layout=layout, metadata=False)  # the page, without the YAML block
        except TypeError:
            return to_markdown(report, layout=layout)
    except Exception as exc:  # an exporter bug must not take the editor down
        return f"*The preview failed: {exc}*"


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role)
