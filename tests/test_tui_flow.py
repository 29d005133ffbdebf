"""Issue 13, driven by keys: where focus goes, what select fields offer, what a newcomer sees.

Each test presses keys with pilot and asserts what the user would see on the screen or
find in the file; none sleeps (``pilot.pause()`` and the app's workers settle it).
"""

from __future__ import annotations

import pytest

# The slow tier (.ci/run runs it): issue 13's flows, each driving the editor through a journey by keys; test_tui_editor keeps the editor's
# everyday keys in the fast tier.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.usefixtures("editor_env"),
]

from conftest import run_async_tests, settle  # noqa: E402

SIZE = (100, 32)


def make_app(path, **kw):
    from rapporteur.tui.app import RapporteurApp

    return RapporteurApp(path, cursor_blink=False, checks=False, **kw)


def screen_text(app) -> str:
    """The screen as a person reads it: the text of the current screenshot, row by row."""
    import html
    import re

    svg = app.export_screenshot()
    rows: dict[float, list[tuple[float, str]]] = {}
    for m in re.finditer(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        rows.setdefault(float(m.group(2)), []).append((float(m.group(1)), html.unescape(m.group(3))))
    lines = []
    for y in sorted(rows):
        line = ""
        for x, t in sorted(rows[y]):
            line = line.ljust(round(x / 12.2)) + t  # Rich's SVG: 12.2 px a cell
        lines.append(line.replace("\xa0", " "))
    return "\n".join(lines)


def visible_field(app):
    """The focused widget when it is a field the user can see on the screen, else None."""
    from rapporteur.tui.widgets.fields import FieldBox

    w = app.focused
    if w is None or getattr(w, "field_path", None) is None:
        return None
    if not app.screen.find_widget(w).region.overlaps(app.screen.region):
        return None
    box = next((a for a in w.ancestors if isinstance(a, FieldBox)), None)
    return w if box is not None and box.has_pseudo_class("focus-within") else None


# -- 13.1 one structural error hides no to-do ------------------------------------------------------


async def test_one_bad_id_hides_no_todo_and_an_empty_part_is_never_ticked(seed_copy):
    text = seed_copy.read_text(encoding="utf-8").replace('status = "final"', 'status = "draft"')
    text = text.replace('speakers = ["prathibha"]', 'speakers = ["prathibha", "Nobody Here"]')
    seed_copy.write_text(text, encoding="utf-8")
    app = make_app(seed_copy)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        ed = app.editor
        await ed.go_to(("remarks", 0, "text"))
        await settle(pilot)
        app.focused.text = ""
        await pilot.press("escape", "f3")  # F3 runs the analysis now
        await settle(pilot)
        shown = screen_text(app)
        assert "✗1 ○1" in shown.splitlines()[-2]  # the status bar counts the error and the to-do
        assert "○1 Remarks" in shown and "✓ Remarks" not in shown  # the emptied part is not ticked
        assert "✗1 Sessions" in shown


# -- 13.3 person fields take names; ids come from names and renaming one follows it everywhere --------


def new_report(tmp_path, form: str):
    import datetime as dt

    from rapporteur import tomlwrite
    from rapporteur.skeletons import skeleton

    target = tmp_path / "new.toml"
    target.write_text(tomlwrite.dumps(skeleton(form, today=dt.date(2026, 1, 5))), encoding="utf-8")
    return target


async def test_names_not_ids(tmp_path):
    app = make_app(new_report(tmp_path, "panel-discussion"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ed = app.editor
        pres = ("sessions", 0, "presentations", 0)
        assert ed.data["sessions"][0]["presentations"][0]["speakers"] == ["panellist-1"]
        # naming a placeholder person gives them an id from the name, everywhere
        await ed.go_to(("people", 1, "name"))
        await settle(pilot)
        await pilot.press(*"Anita Rao", "tab")
        await settle(pilot)
        assert ed.data["people"][1]["id"] == "rao"
        assert ed.data["sessions"][0]["presentations"][0]["speakers"] == ["rao"]
        assert "'panellist-1' is now 'rao'" in ed.notice.text
        # a person field takes a name: completion over names, Enter picks, the data holds the id
        await ed.go_to((*pres, "speakers"))
        await settle(pilot)
        await pilot.press("ctrl+u", *"Anit")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused.value == "Anita Rao"
        assert ed.data["sessions"][0]["presentations"][0]["speakers"] == ["rao"]
        assert "→ Anita Rao" in screen_text(app)
        # renaming an id follows it into every reference
        await ed.go_to(("people", 1, "id"))
        await settle(pilot)
        await pilot.press("ctrl+u", *"anita-rao", "tab")
        await settle(pilot)
        assert ed.data["sessions"][0]["presentations"][0]["speakers"] == ["anita-rao"]
        assert "'rao' is now 'anita-rao'" in ed.notice.text


# -- 13.4 focus is always visible ------------------------------------------------------------------


@pytest.mark.parametrize("leave", ["f8", "escape"])
async def test_after_f8_or_esc_the_first_tab_lands_on_a_visible_field_and_typing_lands_in_it(seed_copy, leave):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ed = app.editor
        await ed.go_to(("sessions", 0, "presentations", 0, "speakers"))
        await settle(pilot)
        assert visible_field(app) is not None
        await pilot.press(leave)
        await settle(pilot)
        here = ed.current
        await pilot.press("tab")
        await settle(pilot)
        w = visible_field(app)
        assert w is not None, f"Tab after {leave} landed on {app.focused!r}"
        assert w.field_path[: len(here)] == here  # the first field of the part shown
        before = w.text if hasattr(w, "text") else w.value
        await pilot.press("end", "x")
        await settle(pilot)
        after = w.text if hasattr(w, "text") else w.value
        assert after != before and ed.dirty, "the typed key vanished"


async def test_entering_a_form_lands_on_its_first_field(seed_copy):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _ in range(3):  # down the outline: People, then the first person
            await pilot.press("down")
        await settle(pilot)
        part = app.editor.current
        await pilot.press("enter")
        await settle(pilot)
        w = visible_field(app)
        assert w is not None and w.field_path[: len(part)] == part
        first = app.editor.form.boxes[0].field_path if app.editor.form.boxes else None
        assert first is None or w.field_path == first


# -- 13.5 no blank "Select" choice ----------------------------------------------------------------


async def test_a_choice_left_out_says_which_default_applies_and_is_never_a_blank_select(seed_copy):
    text = seed_copy.read_text(encoding="utf-8")
    seed_copy.write_text(text.replace('status = "final"\n', ""), encoding="utf-8")
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ed = app.editor
        await ed.go_to(("meta", "status"))
        await settle(pilot)
        shown = screen_text(app)
        assert "default: draft" in shown and "Select" not in shown
        assert "draft (default)" in shown  # the status bar says the file holds no status
        await pilot.press("enter", "down", "enter")  # choose "draft" itself
        await settle(pilot)
        assert ed.data["meta"]["status"] == "draft" and ed.dirty
        assert "draft (default)" not in screen_text(app)
        await pilot.press("enter", "home", "enter")  # back up to the empty choice, at the top
        await settle(pilot)
        assert "status" not in ed.data["meta"]
        shown = screen_text(app)
        assert "default: draft" in shown and "draft (default)" in shown and "Select" not in shown


async def test_a_required_choice_has_no_empty_entry(seed_copy):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ed = app.editor
        await ed.go_to(("remarks", 0, "role"))
        await settle(pilot)
        before = ed.data["remarks"][0]["role"]
        await pilot.press("enter", "home", "enter")  # the top of the list
        await settle(pilot)
        role = ed.data["remarks"][0]["role"]
        assert role == "welcome" and role != before  # the first real choice: nothing blank above it
        assert "Select" not in screen_text(app) and "not set" not in screen_text(app)


# -- 13.6 one message at a time, withdrawn when no longer true, never over the focused field ---------


async def test_messages_come_one_at_a_time_and_go_when_fixed_never_over_the_field(seed_copy):
    app = make_app(seed_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ed = app.editor
        ed.set_status_value("draft")
        for loc in (("remarks", 0, "text"), ("implications", "text")):
            await ed.go_to(loc)
            await settle(pilot)
            app.focused.text = ""
        await pilot.press("escape", "home", "f3", "f3")  # F3 runs the analysis now; F3 again hides the panel
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        first = ed.notice.text
        assert app.focused.field_path == ("remarks", 0, "text") and first[:30] in screen_text(app)
        await pilot.press("f2")
        await settle(pilot)
        assert app.focused.field_path == ("implications", "text")
        shown = screen_text(app)
        assert ed.notice.text[:30] in shown and first[:30] not in shown  # one at a time: the first is gone
        assert not list(app.screen.query("Toast"))  # no stack of toasts
        focused, notice = app.focused.region, ed.notice.region
        assert not focused.overlaps(notice), "the message covers the field being written"
        await pilot.press(*"Written.")
        await pilot.press("f3")  # the analysis runs (F3 asks for it); the implications are no longer empty
        await settle(pilot)
        assert ed.notice.text == "" and not ed.notice.display
        assert "Written." in ed.data["implications"]["text"]


# -- 13.7 one outline order drives next/previous, the step, the hints, the help and the palette -----


async def test_f8_from_a_section_goes_to_the_next_section_and_the_hint_says_which(seed_copy):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ed = app.editor
        pres = ("sessions", 0, "presentations", 0)
        await ed.go_to((*pres, "sections", 0, "text"))
        await settle(pilot)
        shown = screen_text(app)
        assert f"Next: {ed.part_at(pres).title} › {ed.part_at((*pres, 'sections', 1)).title[:20]}" in shown
        await pilot.press("f8")
        await settle(pilot)
        assert ed.current == (*pres, "sections", 1)  # not up to the presentation
        await pilot.press("shift+f8", "shift+f8")
        await settle(pilot)
        assert ed.current == pres


async def test_the_lead_says_its_own_step_and_f1_on_a_section_describes_a_section(seed_copy):
    from rapporteur import model as m
    from rapporteur.tui.parts import ITEM_GUIDES, PART_GUIDES

    app = make_app(seed_copy)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        ed = app.editor
        await ed.go_to(("lead",), focus_field=False)
        await settle(pilot)
        shown = screen_text(app)
        assert "Step 3 of 9 · Lead and remarks" in shown and "Step 3 of 9 · Remarks" not in shown
        await ed.go_to(("sessions", 0, "presentations", 0, "sections", 0), focus_field=False)
        await settle(pilot)
        ed.outline.focus()
        await pilot.press("f1")
        await settle(pilot)
        help_text = screen_text(app)
        assert ITEM_GUIDES[m.Section.__name__][:40] in help_text
        assert PART_GUIDES["sessions"][:40] not in help_text


async def test_the_palette_goes_to_the_session_asked_for(seed_copy):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Session 1")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.editor.current == ("sessions", 0)


# -- 13.8 examples read as examples; a pre-filled date says it is one --------------------------------


async def test_examples_read_as_examples_and_a_prefilled_date_says_so(tmp_path, monkeypatch):
    import datetime as dt

    from rapporteur import tomlwrite
    from rapporteur.skeletons import skeleton

    config = tmp_path / "config.toml"
    config.write_text('[rapporteur]\nplace = "Pune"\n', encoding="utf-8")
    monkeypatch.setenv("RAPPORTEUR_CONFIG", str(config))
    target = tmp_path / "new.toml"
    target.write_text(tomlwrite.dumps(skeleton("talk", today=dt.date.today())), encoding="utf-8")
    app = make_app(target, guided=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        ed = app.editor
        await pilot.press("enter")  # into the event's form
        await settle(pilot)
        shown = screen_text(app)
        assert "e.g. China-Russia Relationship" in shown  # an example, said to be one
        await pilot.press("f2")
        await settle(pilot)
        assert app.focused.field_path == ("event", "date")
        assert "pre-filled with today's date" in screen_text(app)
        await pilot.press("f2")  # looked at: the to-do about the date is done
        await settle(pilot)
        assert not any(p.loc == ("event", "date") for p in ed.ordered)
        await ed.go_to(("rapporteur", "name"), focus_field=False)
        await settle(pilot)
        assert "e.g. Pune" in screen_text(app)  # the user's own place, not New Delhi


# -- 13.9 numbers that say what they count, places in words, every key in F1 -----------------------


async def test_word_counts_say_what_they_count_and_problems_name_places_in_words(seed_copy):
    import re

    text = seed_copy.read_text(encoding="utf-8")
    text = text.replace("[[people]]", '[[people]]\nid = "zed"\nname = "Zed Quill"\n\n[[people]]', 1)
    text = text.replace(
        '[[sessions.roles]]\nrole = "moderator"',
        '[[sessions.roles]]\nrole = "chair"\npeople = ["zed"]\n\n[[sessions.roles]]\nrole = "moderator"',
        1,
    )
    seed_copy.write_text(text, encoding="utf-8")
    from rapporteur.tui.app import RapporteurApp

    app = RapporteurApp(seed_copy, cursor_blink=False)  # with the house-style checks: their messages hold paths
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert re.search(r"\d+ words here, [\d,]+ in all", shown), shown.splitlines()[-2]
        await pilot.press("f3")
        await settle(pilot)
        shown = screen_text(app)
        assert "Zed Quill" in shown and "Sessions › Session 1 › Chair" in shown
        assert not re.search(r"[a-z_]+\[\d*\]", shown), re.findall(r"\S*[a-z_]+\[\d*\]\S*", shown)
        await pilot.press("escape", "f1")
        await settle(pilot)
        assert "Ctrl+U" in screen_text(app)


# -- 13.10 80x24 is a first-class size ---------------------------------------------------------------


async def test_at_80x24_nothing_is_cut_unsaid_wrapped_or_hidden(seed_copy):
    from rapporteur.tui.widgets.fields import ProseArea

    app = make_app(seed_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ed = app.editor
        await ed.go_to(("remarks", 0, "text"))
        await settle(pilot)
        crumbs = ed.form.query_one(".part-title")
        assert crumbs.region.height == 1  # the breadcrumb keeps to one line
        app.focused.text = " ".join(["The speaker said that the matter deserved attention."] * 8)  # ~9 lines here
        await pilot.press("f8", "shift+f8")  # away and back: the form is mounted again
        await settle(pilot)
        await ed.go_to(("remarks", 0, "text"))
        await settle(pilot)
        area = app.focused
        assert isinstance(area, ProseArea) and area.field_path == ("remarks", 0, "text")
        assert area.region.height == area.wrapped_document.height + 1  # every line shows, and one to type on
        shown = screen_text(app).splitlines()
        assert shown[-2].rstrip().endswith("│ final")  # the status bar keeps the report's status in view
        for line in shown[:-2]:  # outline labels: whole, or cut with a visible "…"
            label = line.split("▕")[0].rstrip()
            assert len(label) < 26 or label.endswith("…"), label
        await pilot.press("escape", "f4")
        await settle(pilot)
        assert "▕▏" not in screen_text(app)  # one line between the outline and the preview, not two


# -- the newcomer: a panel report from a blank skeleton to a final export, keys only ----------------

NAMES = iter(["Asha Rao", "Vikram Mehta", "Leela Iyer", "Arjun Das", "Meera Nair", "Kiran Bose"])


@pytest.mark.slow  # a long walk: about 400 keys, each analysed
async def test_a_newcomer_writes_a_panel_report_from_nothing_to_a_final_export_by_keys(tmp_path, cli):
    """Every step by key: F2 from to-do to to-do, typing what a writer types; the keys are counted."""
    import docx

    from rapporteur.tui.widgets.fields import FieldInput, PersonInput, ProseArea

    from conftest import run_cli, save_figures

    target = tmp_path / "panel.toml"
    code, _out, err = cli("new", str(target), "--form", "panel", "--no-edit")
    assert code == 0, err
    app = make_app(target, guided=True)
    keys = 0

    async def press(*typed: str) -> None:
        nonlocal keys
        keys += len(typed)
        await pilot.press(*typed)
        await settle(pilot)

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        ed = app.editor
        seen: list[tuple] = []
        for _ in range(60):
            await press("f2")
            if not ed.ordered:
                break
            w = app.focused
            path = getattr(w, "field_path", None)
            assert path is not None, f"F2 did not land on a field ({w!r})"
            assert seen.count(path) < 2, f"F2 came back to {path}: typing did not fix it"
            seen.append(path)
            if path == ("rapporteur", "person"):
                await press("tab", "tab")  # the writer is not in the registry: their own name below
                await press(*"Priya Sen")
            elif isinstance(w, PersonInput) or path[-1] == "date":
                continue  # a guided check: looked at, nothing to change
            elif isinstance(w, ProseArea):
                await press(*"The panel discussed maritime security.")
            elif isinstance(w, FieldInput):
                word = {"title": "Security in the Indian Ocean", "name": ""}.get(path[-1], "Something")
                if path[0] == "people" and path[-1] == "name":
                    word = next(NAMES)
                elif path == ("event", "organiser", "name"):
                    word = "Institute of Studies"
                await press(*word, "tab")
        assert ed.ordered == [], [(p.loc, p.diag.message) for p in ed.ordered]
        await press("ctrl+p")
        await press(*"status final")
        await press("enter")
        assert ed.data["meta"]["status"] == "final"
        await press("ctrl+s")
        await press("f5", "w")
        assert not ed.dirty
    res = run_cli("validate", "--final", str(target))
    assert res.returncode == 0, res.stdout + res.stderr
    out = target.with_suffix(".docx")
    assert out.exists()
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    chair = ed.data["people"][0]
    assert chair["id"] != "chair" and f"chaired by {chair['name']}" in text.replace("Ms. ", "").replace("Dr. ", "")
    assert "moderated by" not in text
    save_figures("tui_newcomer", {"keys": keys, "fields_visited": len(seen)})


run_async_tests(globals())  # no asyncio plugin: CI installs only the [test] extra
