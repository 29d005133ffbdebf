"""The editor driven as a user drives it: keys pressed with pilot, files checked on disk.

Bulk prose is set with ``.text`` (typing thousands of characters through pilot is
slow); behaviour (navigation, saving, guards, keymap) is always by key.
"""

from __future__ import annotations

import importlib.util
import os
import stat
import sys

import pytest

from conftest import run_cli

pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning"), pytest.mark.usefixtures("editor_env")]

from conftest import run_async_tests, settle  # noqa: E402

SIZE = (100, 32)


def make_app(path, **kw):
    """The editor without a blinking cursor, analysing at once instead of after a pause in typing."""
    from rapporteur.tui.app import RapporteurApp

    return RapporteurApp(path, cursor_blink=False, validate_delay=0, **kw)


async def until(pilot, condition, what: str, limit: float = 30.0):
    """Pause until ``condition()`` holds (a timer fired, a process returned): as short as it can be,
    never a bet on how fast a shared machine is; ``limit`` only ends a test that would hang."""
    for _ in range(int(limit / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    pytest.fail(f"gave up waiting for {what}")


async def focus_field(pilot, loc: tuple):
    """Go to a field the way a user would: F2 until it is focused (or the part via the outline)."""
    ed = pilot.app.editor
    await ed.go_to(loc)
    await settle(pilot)
    return pilot.app.focused


# -- a report from nothing ------------------------------------------------------------------------


@pytest.mark.slow  # a long walk through the editor
async def test_new_report_from_nothing_to_final_and_valid(tmp_path, cli):
    """`rapporteur new`, then F2 through every to-do typing as a writer would, mark final, save."""
    from rapporteur.tui.widgets.fields import FieldInput, ProseArea

    target = tmp_path / "report.toml"
    code, _out, err = cli("new", str(target), "--form", "talk", "--no-edit")
    assert code == 0, err
    app = make_app(target, guided=True, checks=False)  # completeness here; house style is tested elsewhere
    filled = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ed = app.editor
        assert ed.current == ("event",)
        assert "step 1 of 9" in ed.status.step
        ed.refresh_analysis()
        for _ in range(40):
            if not ed.ordered:
                break
            await pilot.press("f2")
            await settle(pilot)
            w = app.focused
            path = getattr(w, "field_path", None)
            assert path is not None, f"F2 did not land on a field (focused: {w!r})"
            if path == ("rapporteur", "person"):
                # "give person = an id, or name": the writer tabs past the id to the name
                await pilot.press("tab", "tab")
                await settle(pilot)
                w = app.focused
                path = w.field_path
            assert path not in filled, (
                f"F2 came back to {path}: typing did not fix it: {[p.diag.message for p in ed.ordered]}"
            )
            filled.append(path)
            if path[-1] in ("people", "speakers", "date"):  # a session role's people: who chaired or moderated
                continue  # a guided check (issue 13.2): the writer looks, the placeholder person is named in People
            if isinstance(w, ProseArea):
                w.text = (
                    f"Bulk prose for {'.'.join(map(str, path))}: the speaker noted that the matter deserved attention."
                )
            elif isinstance(w, FieldInput):
                word = {"title": "A Greater Alignment?", "name": "Asha Rao"}.get(path[-1], "Something")
                await pilot.press(*word)
            else:
                pytest.fail(f"unexpected widget for a to-do: {w!r}")
            await settle(pilot)  # the analysis runs at once (validate_delay=0)
        assert ed.ordered == [], [p.diag.message for p in ed.ordered]
        assert ("event", "title") in filled and ("people", 0, "name") in filled and ("rapporteur", "name") in filled
        assert ("sessions", 0, "roles", 0, "people") in filled  # the guided path shows whose role the lead prints
        # mark it final through the command palette, then save with the key
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"status final")
        await settle(pilot, 0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert ed.data["meta"]["status"] == "final"
        assert ed.dirty
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not ed.dirty
        if importlib.util.find_spec("rapporteur.export.api") is not None:
            await pilot.press("f5")
            await settle(pilot)
            await pilot.press("w")
            await settle(pilot)
    res = run_cli("validate", "--final", str(target))
    assert res.returncode == 0, res.stdout + res.stderr
    text = target.read_text(encoding="utf-8")
    assert 'status = "final"' in text and "Asha Rao" in text and "A Greater Alignment?" in text
    if importlib.util.find_spec("rapporteur.export.api") is not None:
        assert target.with_suffix(".docx").exists()


# -- never losing a word -------------------------------------------------------------------------


@pytest.mark.slow  # a long walk through the editor
async def test_half_typed_date_is_kept_and_saved(seed_copy):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        w = await focus_field(pilot, ("event", "date"))
        assert w.field_path == ("event", "date")
        w.value = ""
        await pilot.press(*"2024-06-")
        await settle(pilot)
        ed = app.editor
        assert ed.data["event"]["date"] == "2024-06-"
        assert any(p.path == "event.date" and p.kind == "error" for p in ed.ordered)
        # the field shows its problem beneath it, and navigation is not blocked
        await pilot.press("f8")
        await settle(pilot)
        assert ed.current != ("event",)
        await pilot.press("ctrl+s")
        await settle(pilot)
    text = seed_copy.read_text(encoding="utf-8")
    assert 'date = "2024-06-"' in text
    res = run_cli("validate", str(seed_copy))
    assert res.returncode == 1 and "event.date" in res.stdout


async def test_quit_with_unsaved_changes_asks(seed_copy):
    before = seed_copy.read_text(encoding="utf-8")
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_field(pilot, ("event", "title"))
        await pilot.press("end", *" (draft)")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert type(app.screen).__name__ == "Ask"
        await pilot.press("c")  # cancel: still editing
        await settle(pilot)
        assert app.is_running and app.screen is app.editor
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("d")  # quit without saving
        await settle(pilot)
    assert seed_copy.read_text(encoding="utf-8") == before


async def test_quit_save_and_quit(seed_copy):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_field(pilot, ("event", "title"))
        await pilot.press("end", *" (draft)")
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
    assert 'title = "China-Russia Relationship: A Greater Alignment? (draft)"' in seed_copy.read_text(encoding="utf-8")


async def test_clean_quit_does_not_ask(seed_copy):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not app.is_running


@pytest.mark.slow  # a long walk through the editor
async def test_external_change_asks_before_overwriting(seed_copy):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_field(pilot, ("event", "title"))
        await pilot.press("end", *" X")
        external = seed_copy.read_text(encoding="utf-8").replace("Monday Morning Meeting", "Tuesday Meeting")
        seed_copy.write_text(external, encoding="utf-8")
        os.utime(seed_copy, (1, 1))  # a different mtime whatever the clock's resolution
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "Ask"
        await pilot.press("c")
        await settle(pilot)
        assert seed_copy.read_text(encoding="utf-8") == external  # not overwritten
        assert app.editor.dirty
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("o")  # overwrite, knowingly
        await settle(pilot)
        assert not app.editor.dirty
    text = seed_copy.read_text(encoding="utf-8")
    assert "Alignment? X" in text and "Monday Morning Meeting" in text


async def test_a_broken_house_style_is_said_not_silently_ignored(seed_copy):
    (seed_copy.parent / "rapporteur.toml").write_text('[house]\nspelling = "klingon"\n', encoding="utf-8")
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        notes = list(app.editor.told)
        assert any("House style not used" in n and "rapporteur.toml" in n for n in notes), notes
        assert app.editor.analysis is not None  # the checks still ran, against the defaults


async def test_read_only_file_save_fails_and_keeps_the_text(seed_copy):
    os.chmod(seed_copy, 0o444)  # tests run as root: atomic_write refuses by permission bits
    before = seed_copy.read_text(encoding="utf-8")
    app = make_app(seed_copy)
    notes = []
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await focus_field(pilot, ("event", "title"))
        await pilot.press("end", *" kept")
        await pilot.press("ctrl+s")
        await settle(pilot)
        ed = app.editor
        notes = list(app.editor.told)
        assert ed.dirty
        assert ed.data["event"]["title"].endswith(" kept")
        assert "NOT SAVED" in ed.status.message
        from rapporteur import recovery

        assert recovery.recovery_path(seed_copy).exists()  # the text is safe outside the file
    assert seed_copy.read_text(encoding="utf-8") == before
    assert any("read-only" in n for n in notes), notes
    os.chmod(seed_copy, stat.S_IRUSR | stat.S_IWUSR)


async def test_autosave_then_recovery_offer_restores(seed_copy):
    from rapporteur import recovery

    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.editor.autosave_seconds = 0.2
        w = await focus_field(pilot, ("summary", "text"))
        w.text = w.text + "\n\nA paragraph typed and never saved."
        await until(pilot, recovery.recovery_path(seed_copy).exists, "the autosave")
        # a crash: the app goes without the quit guard
        app.exit()
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "Ask"
        message = str(app.screen._message)
        assert "Executive summary" in message and "+6 words" in message
        await pilot.press("r")
        await settle(pilot)
        assert "never saved" in app.editor.data["summary"]["text"]
        assert app.editor.dirty
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert "never saved" in seed_copy.read_text(encoding="utf-8")
    assert not recovery.recovery_path(seed_copy).exists()


async def test_recovery_discard(seed_copy):
    from rapporteur import recovery, tomlio

    data = tomlio.read_source(seed_copy).data
    data["summary"]["text"] = "Replaced."
    recovery.write(seed_copy, data)
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert not app.editor.dirty
        assert "Replaced." not in app.editor.data["summary"]["text"]
    assert not recovery.recovery_path(seed_copy).exists()


# -- keys, outline, problems ---------------------------------------------------------------------


async def test_keymap_from_config_remaps_by_binding_id(seed_copy, remapped_keys):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_field(pilot, ("event", "title"))
        await pilot.press("end", *" Z")
        await pilot.press("ctrl+s")  # no longer save
        await settle(pilot)
        assert app.editor.dirty
        await pilot.press("f12")
        await settle(pilot)
        assert not app.editor.dirty
        # the help screen shows the remapped key
        await pilot.press("f1")
        await settle(pilot)
        from rapporteur.tui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        assert app.screen._keymap["save"] == "f12"
    assert "Alignment? Z" in seed_copy.read_text(encoding="utf-8")


async def test_outline_markers_follow_errors_and_todos(seed_copy):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ed = app.editor
        outline = ed.outline
        assert not str(outline.nodes_by_path[("sessions",)].label).startswith("✗")
        w = await focus_field(pilot, ("sessions", 0, "presentations", 0, "speakers"))
        await pilot.press("end", "backspace", "backspace")  # "prathibha" -> "prathib": unknown person
        await settle(pilot)
        label = str(outline.nodes_by_path[("sessions",)].label)
        assert label.startswith("✗1"), label
        assert str(outline.nodes_by_path[("sessions", 0, "presentations", 0)].label).startswith("✗1")
        assert not str(outline.nodes_by_path[("event",)].label).startswith("✗")
        assert ed.status.errors == 1
        box = w.parent
        problem = box.query_one(".field-problem")
        assert "unknown person 'prathib'" in str(problem.render())
        # empty a text in a final report: an error; as a draft: a to-do
        t = await focus_field(pilot, ("summary", "text"))
        t.text = ""
        await settle(pilot)
        assert str(outline.nodes_by_path[("summary",)].label).startswith("✗")
        ed.set_status_value("draft")
        await settle(pilot)
        assert str(outline.nodes_by_path[("summary",)].label).startswith("○")


@pytest.mark.slow  # a long walk through the editor
async def test_problems_panel_enter_jumps_to_the_field(seed_copy):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_field(pilot, ("discussion", "questions", 1, "asker"))
        await pilot.press(*"nobody")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.press("home")  # outline back at the top
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        panel = app.editor.problems_panel
        assert panel.display and panel.has_focus
        paths = [p.path for p in panel.problems if p.kind == "error"]
        # asker and asker_description together, and the asker is nobody in the registry
        assert paths == ["discussion.questions[1]", "discussion.questions[1].asker"]
        index = next(i for i, p in enumerate(panel.problems) if p.kind == "error")
        for _ in range(index):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert app.editor.current == ("discussion", "questions", 1)
        assert getattr(app.focused, "field_path", None) is not None


@pytest.mark.slow  # a long walk through the editor
async def test_f2_walks_problems_in_report_order(seed_copy):
    app = make_app(seed_copy, checks=False)  # structure and to-dos only here; house style has its own tests
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ed = app.editor
        await pilot.press("f2")
        await settle(pilot)
        assert ed.ordered == []  # the seed is complete: nothing to jump to
        ed.set_status_value("draft")
        for loc in (("remarks", 0, "text"), ("implications", "text")):
            w = await focus_field(pilot, loc)
            w.text = ""
        await settle(pilot)
        await pilot.press("escape", "home")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert app.focused.field_path == ("remarks", 0, "text")
        await pilot.press("f2")
        await settle(pilot)
        assert app.focused.field_path == ("implications", "text")
        await pilot.press("f14")  # what a terminal sends for Shift+F2
        await settle(pilot)
        assert app.focused.field_path == ("remarks", 0, "text")


@pytest.mark.slow  # a long walk through the editor
async def test_outline_add_duplicate_move_remove(seed_copy):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ed = app.editor
        await ed.go_to(("people", 2), focus_field=False)
        ed.outline.focus()
        await settle(pilot)
        await pilot.press("ctrl+n")  # add a person after Lele
        await settle(pilot)
        assert len(ed.data["people"]) == 4 and ed.current == ("people", 3)
        ed.outline.focus()
        await pilot.press("delete")  # people are referred to elsewhere: always asks
        await settle(pilot)
        assert type(app.screen).__name__ == "Ask"
        await pilot.press("r")
        await settle(pilot)
        assert len(ed.data["people"]) == 3
        await ed.go_to(("discussion", "questions", 0), focus_field=False)
        ed.outline.focus()
        await pilot.press("ctrl+d")  # duplicate Q1
        await settle(pilot)
        assert len(ed.data["discussion"]["questions"]) == 4
        assert ed.current == ("discussion", "questions", 1)
        await pilot.press("ctrl+down")  # move the copy down
        await settle(pilot)
        assert ed.current == ("discussion", "questions", 2)
        assert ed.data["discussion"]["questions"][2]["asker"] == "lele"
        await pilot.press("delete")  # it has text: asks
        await settle(pilot)
        assert type(app.screen).__name__ == "Ask"
        await pilot.press("r")
        await settle(pilot)
        assert len(ed.data["discussion"]["questions"]) == 3
        assert [q.get("asker") for q in ed.data["discussion"]["questions"]] == ["lele", None, None]
        # the outline was rebuilt with the right labels
        assert str(ed.outline.nodes_by_path[("discussion", "questions", 2)].label).endswith("Another scholar")


@pytest.mark.slow  # a long walk through the editor
async def test_add_a_missing_part_and_a_person_from_a_person_field(seed_copy):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ed = app.editor
        await ed.go_to(("conclusion",), focus_field=False)
        ed.outline.focus()
        await settle(pilot)
        await pilot.press("ctrl+n")  # the part is absent: add it
        await settle(pilot)
        assert isinstance(ed.data.get("conclusion"), dict)
        await focus_field(pilot, ("sessions", 0, "presentations", 0, "speakers"))
        await pilot.press("end", *", Anil Kumar")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert type(app.screen).__name__ == "AddPerson"
        assert app.screen.query_one("#person-id").value == "kumar"
        await pilot.press(*"Dr.")
        for _ in range(7):  # through post-nominals ... centre to the id, which adds the person
            await pilot.press("enter")
        await settle(pilot)
        assert app.screen is ed
        assert ed.data["people"][-1] == {"id": "kumar", "honorific": "Dr.", "name": "Anil Kumar"}
        assert ed.data["sessions"][0]["presentations"][0]["speakers"] == ["prathibha", "kumar"]
        await settle(pilot)
        # the conclusion was added empty: in a final report, that is all there is left to do
        assert [p.diag.message for p in ed.ordered if p.kind != "warning"] == ["the conclusion is empty"]


async def test_person_field_completes_ids(seed_copy):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        w = await focus_field(pilot, ("remarks", 0, "by"))
        w.value = ""
        await pilot.press(*"si")
        await settle(pilot, 0.2)
        await pilot.press("right")  # accept the suggestion
        await settle(pilot)
        assert w.value == "singh"


async def test_external_editor_takes_the_text_back(seed_copy, tmp_path, monkeypatch):
    script = tmp_path / "fake-editor.py"
    script.write_text(
        "import sys\np = sys.argv[1]\nopen(p, 'a').write('\\nAdded in my editor.\\n')\n", encoding="utf-8"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_field(pilot, ("summary", "text"))
        await pilot.press("ctrl+o")
        await until(pilot, lambda: "Added in my editor." in app.editor.data["summary"]["text"], "the external editor")
        assert app.editor.data["summary"]["text"].rstrip().endswith("Added in my editor.")
        assert app.editor.dirty
        await pilot.press("ctrl+z")  # undoable like any edit
        await settle(pilot)
        assert "Added in my editor." not in app.editor.data["summary"]["text"]


@pytest.mark.slow  # a long walk through the editor
async def test_every_key_action_is_in_the_palette(seed_copy):
    from rapporteur.tui import keys as K
    from rapporteur.tui.commands import editor_commands

    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        names = [name for name, _help, _cb in editor_commands(app.editor)]
        helps = " ".join(h for _n, h, _cb in editor_commands(app.editor))
        for k in K.KEYS:
            assert k.help in helps, k.id
        assert "Export to Word (DOCX)" in names and "Export to Markdown" in names
        assert any(n.startswith("Go to: Discussion (Q&A) › Q2") for n in names)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"go to implications")
        await settle(pilot, 0.3)
        await pilot.press("enter")
        await settle(pilot, 0.3)
        assert app.editor.current == ("implications",)


@pytest.mark.slow  # a long walk through the editor
async def test_the_key_line_shows_keys_of_the_focused_widget(seed_copy):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        def shown() -> set[str]:
            return {b.binding.description for b in app.screen.active_bindings.values() if b.binding.show and b.enabled}

        assert "Add" in shown() and "$EDITOR" not in shown()  # the outline has the focus
        await focus_field(pilot, ("summary", "text"))
        assert "$EDITOR" in shown() and "Add" not in shown()
        await focus_field(pilot, ("remarks", 0, "by"))
        assert "New person" in shown() and "$EDITOR" not in shown()


@pytest.mark.slow  # a long walk through the editor
async def test_resizing_never_breaks_it(seed_copy):
    app = make_app(seed_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for size in ((160, 48), (60, 20), (80, 24), (200, 60)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            await pilot.press("f4")
            await settle(pilot)
            await pilot.press("f4")
            await settle(pilot)
        assert app.is_running


run_async_tests(globals())  # no asyncio plugin: CI installs only the [test] extra
