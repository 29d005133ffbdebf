"""Fields drawn closed until focused: the form looks the same, and no key or value is lost on the way in.

A form's fields are drawn by one widget each (title, value, lines) until the user enters one; then
its input is mounted and takes the focus in the same step (issue 13.11: the first screen within
1.5x a minimal Textual app). These tests hold what a user would notice if that went wrong: a
field that shows something else than its input would, keys typed as a field opens going
elsewhere, a file marked unsaved by merely looking at a form.
"""

from __future__ import annotations

import pytest
from textual import events

from conftest import run_async_tests, settle

pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning"), pytest.mark.usefixtures("editor_env")]

SIZE = (100, 32)


def make_app(path, **kw):
    from rapporteur.tui.app import RapporteurApp

    return RapporteurApp(path, cursor_blink=False, validate_delay=0, checks=False, **kw)


def box_at(app, path: tuple):
    return next(b for b in app.editor.form.boxes if b.field_path == path)


def drawn(box) -> str:
    """What a closed field shows, line by line, at its width."""
    return "\n".join(line.plain.rstrip() for line in box.closed_lines(box.content_size.width))


def key(name: str) -> events.Key:
    return events.Key(name, " " if name == "space" else name)


async def test_the_first_screen_draws_fields_without_inputs(seed_copy):
    """The Event form shows every value (and examples as examples) with no input mounted yet."""
    from textual.widgets import Input, Select, TextArea

    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        form = app.editor.form
        assert not form.query(Input) and not form.query(Select) and not form.query(TextArea)
        title = drawn(box_at(app, ("event", "title")))
        assert title.splitlines()[0].startswith("Title *  The title of the talk")
        assert title.splitlines()[-1] == "China-Russia Relationship: A Greater Alignment?"
        assert drawn(box_at(app, ("event", "form"))).splitlines()[-1] == "talk" + " " * 34 + "▼"
        assert drawn(box_at(app, ("event", "end_date"))).splitlines()[-1] == "e.g. 2024-06-26"
        # the whole first screen is a few dozen widgets (it was 91 with an input per field)
        assert sum(1 for _ in app.editor.walk_children()) <= 45


async def test_tab_opens_a_field_and_typing_goes_into_it(seed_copy):
    from rapporteur.tui.widgets.fields import FieldBox, FieldInput

    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        await settle(pilot)
        focused = app.focused
        assert isinstance(focused, FieldInput) and focused.field_path == ("event", "title")
        await pilot.press("end", "!")
        await settle(pilot)
        assert app.editor.data["event"]["title"] == "China-Russia Relationship: A Greater Alignment?!"
        assert app.editor.dirty
        # a closed field is never the focused widget: Tab lands in the next field's input
        for _ in range(5):
            await pilot.press("tab")
            await settle(pilot)
            assert not isinstance(app.focused, FieldBox)
            assert getattr(app.focused, "field_path", None) is not None


async def test_keys_sent_the_moment_a_field_opens_reach_its_input(seed_copy):
    """Focus goes to the input in the same step as the field opens, before it is even mounted: keys
    already on their way (a fast typist, a paste of keys) are not lost and not reordered."""
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        box = box_at(app, ("event", "series"))
        app.editor.set_focus(box)  # what Tab, a click or F2 do
        for name in ("space", "a", "b", "c"):
            app.post_message(key(name))
        await settle(pilot)
        assert app.focused is box.input
        assert app.editor.data["event"]["series"] == "Monday Morning Meeting abc"


@pytest.mark.slow  # a walk through two whole forms (~6 s)
async def test_entering_every_field_without_typing_changes_nothing(seed_copy):
    """Looking is not editing: tabbing through a form with text, dates, a choice and a tick box, and
    through a role form with a text box, leaves the report as it was and the file saved."""
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = repr(app.editor.data)
        for part in (("event",), ("sessions", 0, "roles", 0)):
            await app.editor.go_to(part)
            await settle(pilot)
            for _ in range(len(app.editor.form.boxes) + 2):
                await pilot.press("tab")
                await settle(pilot)
        assert repr(app.editor.data) == before
        assert not app.editor.dirty


async def test_tab_to_a_field_below_the_fold_shows_its_input(seed_copy):
    """At 80x24 most of the Event form is below the fold: each field Tab enters is scrolled into view,
    its input whole inside the form (typing into a half-hidden field would be typing blind)."""
    app = make_app(seed_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        form = app.editor.form
        seen = 0
        for _ in range(12):
            await pilot.press("tab")
            await settle(pilot)
            focused = app.focused
            if getattr(focused, "field_path", None) is None:
                continue
            seen += 1
            assert form.region.contains_region(focused.region), (focused.field_path, focused.region, form.region)
        assert seen >= 10 and form.scroll_y > 0


async def test_a_click_opens_the_field_under_it(seed_copy):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        box = box_at(app, ("event", "date"))
        await pilot.click(box, offset=(3, box.size.height - 1))
        await settle(pilot)
        assert getattr(app.focused, "field_path", None) == ("event", "date")
        assert app.focused.value == "2024-06-24"


async def test_a_closed_field_shows_its_problem_and_who_an_id_stands_for(seed_copy):
    """The lines under a field are drawn by the closed field as the open one mounts them."""
    import tomllib

    text = seed_copy.read_text(encoding="utf-8").replace('speakers = ["prathibha"]', 'speakers = ["prathib"]', 1)
    assert tomllib.loads(text) and text != seed_copy.read_text(encoding="utf-8")
    seed_copy.write_text(text, encoding="utf-8")
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.editor.go_to(("sessions", 0, "presentations", 0), focus_field=False)
        await settle(pilot)
        box = box_at(app, ("sessions", 0, "presentations", 0, "speakers"))
        assert not box.is_open
        shown = drawn(box)
        assert "prathib: not in the registry" in shown
        assert "✗ unknown person 'prathib'" in shown
        await app.editor.go_to(("sessions", 0, "roles", 0), focus_field=False)
        await settle(pilot)
        people = drawn(box_at(app, ("sessions", 0, "roles", 0, "people")))
        assert "→ Dr. Prashant Kumar Singh" in people


async def test_no_collection_while_the_first_screen_is_built_and_collection_back_after(seed_copy):
    """Start-up builds what the session keeps: automatic garbage collection waits (it cost the first
    screen 30-80 ms here), the editor then collects at pauses in typing, and gives automatic
    collection back when it closes (whatever runs after it collects as usual)."""
    import gc

    assert gc.isenabled()
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        assert not gc.isenabled()  # held from the editor screen's compose, before any analysis ran
        await settle(pilot)
        assert app.editor.analysis is not None and not gc.isenabled()
    assert gc.isenabled()


run_async_tests(globals())  # no asyncio plugin: CI installs only the [test] extra
