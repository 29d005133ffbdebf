"""The editor's notes panel (F7): the notes of the part in focus, inserted by a key and marked used."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from conftest import run_async_tests

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
#: F7 and an inserted note stay in the fast tier; the panel driven further by keys (F9 from the text, following
#: the focus) is the slow tier's (.ci/run runs it).
SLOW = pytest.mark.slow

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "talk-arctic-shipping-from-notes.toml"
SECTION_TEXT = ("sessions", 0, "presentations", 0, "sections", 0, "text")
UNUSED = "A route that opens for part of the year"  # a note of the speaker's the test leaves unused


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAPPORTEUR_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("RAPPORTEUR_STATE_DIR", str(tmp_path / "state"))


def notes_copy(tmp_path: Path) -> Path:
    """The example with one of the speaker's notes not used yet."""
    path = tmp_path / "arctic.toml"
    shutil.copy(EXAMPLE, path)
    text = path.read_text(encoding="utf-8")
    at = text.index(f'text = "{UNUSED}"')
    start = text.index("used_in = ", at)
    end = text.index("\n", start)
    path.write_text(text[:start] + "used_in = []" + text[end:], encoding="utf-8")
    return path


@asynccontextmanager
async def opened(tmp_path: Path, size: tuple[int, int] = (100, 32)) -> AsyncIterator[tuple[Any, Any, Any]]:
    """The editor on :func:`notes_copy`, first screen painted: (app, pilot, the report's editor)."""
    from rapporteur.tui.app import RapporteurApp

    path = notes_copy(tmp_path)
    app = RapporteurApp(path, cursor_blink=False, checks=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.editor is not None
        yield app, pilot, app.editor


def lines(panel: object) -> list[str]:
    return [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]  # type: ignore[attr-defined]


async def test_the_panel_shows_the_speakers_notes_and_inserts_one(tmp_path: Path) -> None:
    from rapporteur.tui.widgets.fields import ProseArea
    from rapporteur.tui.widgets.notes_panel import NotesPanel

    async with opened(tmp_path, (120, 40)) as (app, pilot, ed):
        assert not app.screen.query(NotesPanel)  # not even mounted until asked for
        await ed.go_to(("sessions", 0, "presentations", 0), focus_field=False)  # the presentation, in the outline
        await pilot.pause()
        assert ed.current == ("sessions", 0, "presentations", 0)
        await pilot.press("down")  # the outline: its first section
        await pilot.pause()
        assert ed.current == ("sessions", 0, "presentations", 0, "sections", 0)
        await pilot.press("enter")  # into the section's first field (its heading) ...
        for _ in range(6):  # ... and Tab on to its text
            if getattr(app.focused, "field_path", None) == SECTION_TEXT:
                break
            await pilot.press("tab")
        await pilot.pause()
        box = app.focused
        assert isinstance(box, ProseArea) and box.field_path == SECTION_TEXT
        before = box.text  # the cursor at its start

        await pilot.press("f7")
        await pilot.pause()
        panel = app.screen.query_one(NotesPanel)
        assert panel.display and panel.has_focus
        shown = lines(panel)
        assert shown and all("halvorsen" in line for line in shown)  # the speaker's notes, none of the chair's
        assert not any("Wednesday Seminar" in line for line in shown)
        target = next(i for i, line in enumerate(shown) if UNUSED in line)
        assert shown[target].startswith("·")  # unused
        assert all(line.startswith("✓") for i, line in enumerate(shown) if i != target)

        for _ in range(target - (panel.highlighted or 0)):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()

        assert app.focused is box  # back in the text, to go on writing
        assert box.text == f"{UNUSED} {before}"  # at the cursor, a space before the words it met
        assert lines(panel)[target].startswith("✓")  # the mark flipped
        assert "text" in ed.data["sessions"][0]["presentations"][0]["sections"][0]
        assert UNUSED in ed.data["sessions"][0]["presentations"][0]["sections"][0]["text"]

        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+q")

    saved = (tmp_path / "arctic.toml").read_text(encoding="utf-8")
    assert 'used_in = ["sessions[0].presentations[0].sections[0].text"]' in saved.split(f'text = "{UNUSED}"')[1][:200]


@SLOW
async def test_f9_from_the_text_inserts_the_highlighted_note_and_stays_in_the_text(tmp_path: Path) -> None:
    from rapporteur.tui.widgets.fields import ProseArea

    async with opened(tmp_path, (120, 40)) as (app, pilot, ed):
        await ed.go_to(("conclusion", "text"))
        await pilot.pause()
        box = app.focused
        assert isinstance(box, ProseArea)
        await pilot.press("f7")  # the panel, highlighted on its first note
        await pilot.press("escape")  # back to the outline ...
        await ed.go_to(("conclusion", "text"))  # ... and into the text again
        await pilot.pause()
        assert app.focused is box
        index = ed.notes_panel.highlighted_note()
        assert index is not None
        wanted = ed.data["notes"][index]["text"]
        await pilot.press("f9")
        await pilot.pause()
        assert app.focused is box and box.text.startswith(wanted)
        assert "conclusion.text" in ed.data["notes"][index]["used_in"] and ed.dirty


@SLOW
async def test_f9_without_the_panel_says_how(tmp_path: Path) -> None:
    async with opened(tmp_path) as (_app, pilot, ed):
        await pilot.press("f9")
        await pilot.pause()
        assert "notes panel (F7)" in ed.notice.text
        assert not ed.dirty


@SLOW
async def test_the_panel_follows_the_part_in_focus(tmp_path: Path) -> None:
    from rapporteur.tui.widgets.notes_panel import NotesPanel

    async with opened(tmp_path) as (app, pilot, ed):
        ed.data["notes"][0]["important"] = True  # as if marked so while taking notes
        await pilot.press("f7")
        await pilot.pause()
        panel = app.screen.query_one(NotesPanel)
        everything = lines(panel)
        assert everything[0].startswith("✓!") and everything[1].startswith("✓ ")  # used; important or not
        assert len(everything) == len(ed.data["notes"])  # the event's part: every note
        await ed.go_to(("conclusion",), focus_field=False)
        await pilot.pause()
        conclusion = lines(panel)
        assert conclusion and len(conclusion) < len(everything)
        assert "takeaways" in str(panel.border_title)
        await pilot.press("f7")  # from the panel: hidden again
        await pilot.pause()
        assert not panel.display


run_async_tests(globals())
