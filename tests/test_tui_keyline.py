"""The key line at the bottom of the editor: the keys that work where the focus is, as the user reads them."""

from __future__ import annotations

import pytest

from conftest import run_async_tests, settle

pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning"), pytest.mark.usefixtures("editor_env")]

SIZE = (100, 32)


def make_app(path):
    from rapporteur.tui.app import RapporteurApp

    return RapporteurApp(path, cursor_blink=False, validate_delay=0, checks=False)


def line(app) -> str:
    """The bottom line as drawn."""
    from rapporteur.tui.widgets.keyline import KeyLine

    return app.editor.query_one(KeyLine).render().plain


async def test_the_line_shows_the_keys_of_the_focused_place(seed_copy):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = line(app)
        # the outline has the focus: its keys first, then the screen's, the palette on the right
        assert shown.startswith("^n Add del Remove f1 Help ^s Save f2 Next to-do")
        assert shown.rstrip().endswith("▏^p palette")
        assert len(shown) == SIZE[0]
        await pilot.press("tab")  # into the Event form: no adding or removing parts from a field
        await settle(pilot)
        shown = line(app)
        assert "Add" not in shown and "Remove" not in shown
        assert shown.startswith("f1 Help ^s Save")
        await pilot.press("shift+tab")  # back to the outline: its keys come back
        await settle(pilot)
        assert line(app).startswith("^n Add del Remove")


async def test_a_remapped_key_shows_its_new_key(seed_copy, remapped_keys):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = line(app)
        assert "f12 Save" in shown and "^s" not in shown
        assert "f6 Next to-do" in shown and shown.count("Next to-do") == 1  # one action, its first key


async def test_clicking_a_key_does_what_the_key_does_and_hovering_says_what_that_is(seed_copy):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        from rapporteur.tui.widgets.keyline import KeyLine
        from rapporteur.tui.widgets.panels import ProblemsPanel

        assert not app.editor.is_shown(ProblemsPanel)
        keyline = app.editor.query_one(KeyLine)
        f3 = line(app).index("f3 Problems")
        await pilot.hover(keyline, offset=(f3, 0))
        assert keyline.tooltip == "Show or hide the problems panel (Enter on a problem jumps to it)."
        await pilot.click(keyline, offset=(f3 + 4, 0))  # on the word, not the key
        await settle(pilot)
        assert app.editor.problems_panel.display


async def test_clicking_the_palette_key_on_the_right_opens_the_palette(seed_copy):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        from rapporteur.tui.widgets.keyline import KeyLine

        await pilot.click(app.editor.query_one(KeyLine), offset=(line(app).index("^p"), 0))
        await settle(pilot)
        from textual.command import CommandPalette

        assert isinstance(app.screen, CommandPalette)


run_async_tests(globals())  # no asyncio plugin: CI installs only the [test] extra
