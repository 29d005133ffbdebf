"""Snapshots of the editor at a fixed size, cursor blink off (pytest-textual-snapshot).

Update after a deliberate change with ``pytest tests/test_tui_snapshots.py --snapshot-update``
and look at the SVGs under ``tests/__snapshots__/`` before committing them. They
change when Textual is upgraded (the version is pinned below 9 in pyproject).
"""

from __future__ import annotations

import pytest
import textual

SIZE = (100, 32)
#: The Textual the snapshots were taken with; another draws differently (pin it in pyproject).
SNAPSHOT_TEXTUAL = "8.2.8"

pytestmark = pytest.mark.skipif(
    textual.__version__ != SNAPSHOT_TEXTUAL,
    reason=f"snapshots were taken with Textual {SNAPSHOT_TEXTUAL}, this is {textual.__version__}: retake them with --snapshot-update",
)


#: The fast tier keeps three pictures (the first screen, a new report at 80x24, a deep part with text at 80x24):
#: each of the others drives the editor somewhere first, and they run in the slow tier (.ci/run runs both).
SLOW = pytest.mark.slow


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("RAPPORTEUR_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("RAPPORTEUR_STATE_DIR", str(tmp_path / "state"))


def app_for(path):
    from rapporteur.tui.app import RapporteurApp

    # House-style findings are left out so these pictures change only when the editor does.
    return RapporteurApp(path, cursor_blink=False, checks=False)


async def _settle(pilot):
    """Messages, workers, then any scroll Textual animates when focus moves (a snapshot taken mid-scroll
    on a loaded machine came out one row off), then a repaint."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def test_main_screen_with_the_seed(snap_compare, seed_copy):
    assert snap_compare(app_for(seed_copy), terminal_size=SIZE, run_before=_settle)


@SLOW
def test_a_text_part_focused(snap_compare, seed_copy):
    async def run_before(pilot):
        await _settle(pilot)
        await pilot.app.editor.go_to(("remarks", 0, "text"))
        await _settle(pilot)

    assert snap_compare(app_for(seed_copy), terminal_size=SIZE, run_before=run_before)


@SLOW
def test_problems_panel(snap_compare, seed_copy):
    async def run_before(pilot):
        await _settle(pilot)
        ed = pilot.app.editor
        await ed.go_to(("sessions", 0, "presentations", 0, "speakers"))
        await _settle(pilot)
        await pilot.press("end", "backspace", "backspace")
        ed.refresh_analysis()
        await pilot.press("f3")
        await _settle(pilot)

    assert snap_compare(app_for(seed_copy), terminal_size=SIZE, run_before=run_before)


@SLOW
def test_preview(snap_compare, seed_copy):
    async def run_before(pilot):
        await _settle(pilot)
        await pilot.press("f4")
        await _settle(pilot)
        await pilot.pause(0.3)

    assert snap_compare(app_for(seed_copy), terminal_size=SIZE, run_before=run_before)


@SLOW
def test_help_screen(snap_compare, seed_copy):
    async def run_before(pilot):
        await _settle(pilot)
        await pilot.press("enter")  # into the first field, so the help shows its guide
        await _settle(pilot)
        await pilot.press("f1")
        await _settle(pilot)

    assert snap_compare(app_for(seed_copy), terminal_size=SIZE, run_before=run_before)


def test_new_talk_at_80x24(snap_compare, tmp_path):
    import datetime as dt

    from rapporteur import tomlwrite
    from rapporteur.skeletons import skeleton

    target = tmp_path / "new.toml"
    target.write_text(tomlwrite.dumps(skeleton("talk", today=dt.date(2026, 1, 5))), encoding="utf-8")
    assert snap_compare(app_for(target), terminal_size=(80, 24), run_before=_settle)


#: The tight screen in the fast tier; the wide one shows the same parts with room to spare (slow tier, CI).
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48", marks=pytest.mark.slow)]


@SLOW
@pytest.mark.parametrize("size", SIZES)
def test_focus_after_f8_and_tab_is_visible(snap_compare, seed_copy, size):
    """Issue 13.4: after F8 the first Tab lands on the part's first field, and the field stands out."""

    async def run_before(pilot):
        await _settle(pilot)
        await pilot.app.editor.go_to(("sessions", 0, "presentations", 0, "speakers"))
        await _settle(pilot)
        # F8, then Tab once the new form is laid out: pressed in one breath, Textual may find the field not
        # yet placed and scroll the form by a row (left as noticed in issue 13's note)
        await pilot.press("f8")
        await _settle(pilot)
        await pilot.press("tab")
        await _settle(pilot)

    assert snap_compare(app_for(seed_copy), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_a_deep_part_with_text(snap_compare, seed_copy, size):
    """Issue 13.10: the breadcrumb on one line, outline labels cut with "…", every line of the text shown."""

    async def run_before(pilot):
        await _settle(pilot)
        await pilot.app.editor.go_to(("remarks", 0, "text"))
        await _settle(pilot)

    assert snap_compare(app_for(seed_copy), terminal_size=size, run_before=run_before)


@SLOW
@pytest.mark.parametrize("size", SIZES)
def test_a_session_role_form(snap_compare, tmp_path, size):
    """Schema v2: a discussant of the three-day conference example, its role a select, its people by name,
    its qualifier and what the discussant said; the outline names each role by what it is."""
    import shutil
    from pathlib import Path

    path = tmp_path / "conference.toml"
    shutil.copy(Path(__file__).resolve().parent.parent / "examples" / "conference-three-day-international.toml", path)

    async def run_before(pilot):
        await _settle(pilot)
        await pilot.app.editor.go_to(("sessions", 0, "roles", 1, "role"))
        await _settle(pilot)

    assert snap_compare(app_for(path), terminal_size=size, run_before=run_before)


@SLOW
def test_notes_panel_at_80x24(snap_compare, tmp_path):
    """F7 on a presentation of the notes example: the speaker's notes beside the form, marked used."""
    import shutil
    from pathlib import Path

    path = tmp_path / "arctic.toml"
    shutil.copy(Path(__file__).resolve().parent.parent / "examples" / "talk-arctic-shipping-from-notes.toml", path)

    async def run_before(pilot):
        await _settle(pilot)
        await pilot.app.editor.go_to(("sessions", 0, "presentations", 0, "sections", 0, "text"))
        await _settle(pilot)
        await pilot.press("f7")
        await _settle(pilot)

    assert snap_compare(app_for(path), terminal_size=(80, 24), run_before=run_before)
