"""Notes from the editor (F6) and the editor keeping a report's notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from notes_support import load, ticking, write_programme

from conftest import run_async_tests

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAPPORTEUR_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("RAPPORTEUR_STATE_DIR", str(tmp_path / "state"))


async def test_f6_takes_notes_and_the_editor_comes_back_with_them(tmp_path: Path) -> None:
    from rapporteur.tui.app import RapporteurApp
    from rapporteur.tui.screens.editor import EditorScreen
    from rapporteur.tui.screens.notes import NotesScreen

    path = write_programme(tmp_path)
    app = RapporteurApp(path, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, NotesScreen)
        app.screen.session.clock = ticking()
        await pilot.press("f3")
        app.screen.input.insert_text_at_cursor("noted from the editor")
        await pilot.press("enter", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen) and app.is_running
        assert app.screen.data["notes"][0]["text"] == "noted from the editor"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+q")
    notes = load(path).notes
    assert [(n.speaker, n.text) for n in notes] == [("rao", "noted from the editor")]


async def test_the_editor_saves_a_report_without_losing_its_notes(tmp_path: Path) -> None:
    from rapporteur.notes.session import NotesSession
    from rapporteur.tui.app import RapporteurApp

    path = write_programme(tmp_path)
    s = NotesSession.open(str(path), clock=ticking())
    s.commit("a note the editor must keep")
    s.toggle_important()
    s.close()
    app = RapporteurApp(path, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        ed = app.editor
        await ed.go_to(("event", "venue"))
        await pilot.pause()
        await pilot.press("end", "x")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+q")
    text = path.read_text(encoding="utf-8")
    assert 'venue = "Auditorium, New Delhix"' in text
    notes = load(path).notes
    assert [(n.text, n.important) for n in notes] == [("a note the editor must keep", True)]


run_async_tests(globals())
