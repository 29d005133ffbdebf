"""Schema v2 in the editor (issue 17, "Done means"), driven by keys: session roles as items with a role
select and people typed by name, a person's participation, someone known only by office.

Each test moves to a part as the outline does, then presses only keys, and asserts what the user sees on
the screen or finds in the file; none sleeps.
"""

from __future__ import annotations

import asyncio
import functools
import inspect

import pytest

# The slow tier (.ci/run runs it): the role forms, each driven by keys from the outline to the saved file; test_tui_editor keeps the editor's
# everyday keys in the fast tier.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.usefixtures("editor_env"),
]

from conftest import settle  # noqa: E402

SIZE = (120, 40)


def make_app(path, **kw):
    from rapporteur.tui.app import RapporteurApp

    return RapporteurApp(path, cursor_blink=False, checks=False, validate_delay=0, **kw)


def outline_label(ed, path) -> str:
    return str(ed.outline.nodes_by_path[path].label)


def crumbs(ed, path) -> str:
    """Where the form says it is: "Sessions › Session 1 › Co-chair — Dr. X" (the outline cuts it short)."""
    return ed.ctl.crumbs(path)


async def add_role_after_the_first(pilot, choice_downs: int) -> tuple:
    """Ctrl+N on the session's first role adds a role after it; the role select is then set by keys."""
    ed = pilot.app.editor
    await ed.go_to(("sessions", 0, "roles", 0), focus_field=False)
    ed.outline.focus()
    await settle(pilot)
    await pilot.press("ctrl+n")
    await settle(pilot)
    new = ("sessions", 0, "roles", 1)
    assert ed.current == new
    await ed.go_to((*new, "role"))
    await settle(pilot)
    await pilot.press("enter", *["down"] * choice_downs, "enter")
    await settle(pilot)
    await pilot.press("tab")  # to People
    await settle(pilot)
    assert app_focused_path(pilot) == (*new, "people")
    return new


def app_focused_path(pilot) -> tuple | None:
    return getattr(pilot.app.focused, "field_path", None)


async def test_a_co_chair_is_added_to_a_session_by_name(seed_copy):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ed = app.editor
        assert ed.data["sessions"][0]["roles"] == [{"role": "moderator", "people": ["singh"]}]
        new = await add_role_after_the_first(pilot, 1)  # chair -> co-chair
        await pilot.press(*"Ajey Le")
        await settle(pilot)
        await pilot.press("enter")  # completion over names: Enter picks
        await settle(pilot)
        await pilot.press("tab")
        await settle(pilot)
        assert ed.data["sessions"][0]["roles"][1] == {"role": "co-chair", "people": ["lele"]}
        assert "Co-chair — Gp. Capt." in outline_label(ed, new)
        assert crumbs(ed, new).endswith("› Co-chair — Gp. Capt. (Dr.) Ajey Lele")
        assert ed.dirty


async def test_a_discussant_is_added_with_a_qualifier(seed_copy):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ed = app.editor
        new = await add_role_after_the_first(pilot, 6)  # chair ... presided-over, discussant
        await pilot.press(*"lele", "tab", "tab")  # an id is taken as it is; past Label to Qualifier
        await settle(pilot)
        assert app_focused_path(pilot) == (*new, "qualifier")
        await pilot.press(*"external", "tab")
        await settle(pilot)
        role = ed.data["sessions"][0]["roles"][1]
        assert role == {"role": "discussant", "people": ["lele"], "qualifier": "external"}
        assert "Discussant — Gp. Cap" in outline_label(ed, new)
        assert crumbs(ed, new).endswith("› Discussant — Gp. Capt. (Dr.) Ajey Lele")
        assert not [p for p in ed.ordered if p.kind == "error"]


async def test_a_speaker_is_set_to_join_by_video_link(seed_copy):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ed = app.editor
        await ed.go_to(("people", 0, "participation"))
        await settle(pilot)
        assert "participation" not in ed.data["people"][0]
        await pilot.press("enter", "down", "down", "enter")  # past the default entry and in-person
        await settle(pilot)
        assert ed.data["people"][0]["participation"] == "video-link"
        assert not [p for p in ed.ordered if p.kind == "error"]


async def test_someone_known_only_by_office_is_accepted_and_found_by_the_office(seed_copy):
    app = make_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ed = app.editor
        await ed.go_to(("people", 2), focus_field=False)
        ed.outline.focus()
        await settle(pilot)
        await pilot.press("ctrl+n")  # a new person after the last
        await settle(pilot)
        person = ("people", 3)
        assert ed.current == person
        await ed.go_to((*person, "designation"))
        await settle(pilot)
        await pilot.press(*"Director General", "tab")
        await settle(pilot)
        entry = ed.data["people"][3]
        assert entry["designation"] == "Director General" and not entry.get("name")
        assert entry["id"] == "director-general"  # the id comes from the office when there is no name
        assert outline_label(ed, person).endswith("Director General")
        # no name and a designation: nothing to fix about this person
        assert not [p for p in ed.ordered if p.loc[:2] == person], [p.diag.message for p in ed.ordered]
        # a person field takes the office as it takes a name
        await ed.go_to(("remarks", 0, "by"))
        await settle(pilot)
        await pilot.press("ctrl+u", *"Director Gen")
        await settle(pilot)
        await pilot.press("enter", "tab")
        await settle(pilot)
        assert ed.data["remarks"][0]["by"] == "director-general"


# -- without a terminal: what the forms offer and where the guided path stops ----------------------


def test_the_forms_offer_the_new_fields_and_roles_and_numbers_are_numbers():
    from rapporteur import model as m
    from rapporteur.tui.specs import field_specs, parse_value

    kinds = {
        (cls.__name__, ".".join(s.rel)): s
        for cls in (m.Event, m.Appearance, m.Delegation, m.Person)
        for s in field_specs(cls.__name__)
    }
    role = kinds[("Appearance", "role")]
    assert role.kind == "choice" and {"co-chair", "discussant", "presided-over"} <= set(role.choices)
    assert kinds[("Appearance", "people")].kind == "persons"  # completed by name, like speakers
    assert kinds[("Person", "participation")].choices == ("in-person", "video-link", "recorded-message", "absent")
    assert {"end_date", "form_label", "organiser.place", "edition", "lead_verb"} <= {
        k for c, k in kinds if c == "Event"
    }
    assert kinds[("Event", "edition")].kind == kinds[("Delegation", "size")].kind == "int"
    assert parse_value("int", " 23 ", False) == 23 and parse_value("int", "", False) is None
    assert parse_value("int", "tenth", False) == "tenth"  # kept as typed: validation says why it is wrong


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("conference", {("event", "roles", 0, "people"): "was the Chief Guest"}),
        ("panel-discussion", {("sessions", 0, "roles", 0, "people"): '"chaired by"'}),
        (
            "delegation-interaction",
            {
                ("event", "delegations", 0, "leader"): "led the delegation",
                ("sessions", 0, "roles", 0, "people"): '"presided over by"',
            },
        ),
    ],
)
def test_the_guided_path_stops_at_the_roles_the_lead_is_composed_from(form, expected):
    import datetime as dt

    from rapporteur.skeletons import skeleton_data
    from rapporteur.tui.controller import Controller

    ctl = Controller(skeleton_data(form, today=dt.date(2026, 1, 5)))
    ctl.guide_checks()
    for path, words in expected.items():
        assert words in ctl.to_check[path]
    # and each is a part of the outline the guided path (Next) walks through
    assert all(ctl.owner(path) in ctl.order for path in expected)


def test_new_items_of_the_new_lists_are_valid_drafts():
    from rapporteur import model as m
    from rapporteur.tui import document as doc

    for cls in (m.Appearance, m.EventAppearance, m.Partner, m.Delegation):
        cls.model_validate(doc.new_item({}, cls.__name__))


# -- run the async tests without an asyncio plugin (CI installs only the [test] extra) ---------------


def _sync(fn):
    @functools.wraps(fn)
    def run(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return run


for _name, _fn in list(globals().items()):
    if _name.startswith("test_") and inspect.iscoroutinefunction(_fn):
        globals()[_name] = _sync(_fn)
