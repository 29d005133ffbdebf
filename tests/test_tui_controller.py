"""The editor's core without a terminal: forms read from the model, one outline order, edits.

These run in milliseconds; the pilot tests in test_tui_editor.py drive the same code by keys.
"""

from __future__ import annotations

import ast
import copy
import pathlib
import typing

import pytest

from rapporteur import model as m
from rapporteur import tomlio
from rapporteur.tui import specgen, specs
from rapporteur.tui.controller import Controller

SRC = pathlib.Path(__file__).resolve().parents[1] / "src" / "rapporteur"


@pytest.fixture
def seed_data(seed_copy):
    return tomlio.read_source(str(seed_copy)).data


def _models() -> list[type]:
    return [c for c in vars(m).values() if isinstance(c, type) and issubclass(c, m.Model) and c is not m.Model]


def test_person_fields_are_the_models_person_ids():
    """A field is a person field exactly when the model says PersonId (the registry's own id excepted)."""
    found = {
        (cls.__name__, spec.rel[0], spec.kind)
        for cls in _models()
        for spec in specs.field_specs(cls.__name__)
        if spec.kind in ("person", "persons") and len(spec.rel) == 1 and cls is not m.Note
    }
    assert found == {
        ("Remark", "by", "person"),
        ("Remark", "on_behalf_of", "person"),
        ("Appearance", "people", "persons"),
        ("EventAppearance", "people", "persons"),
        ("Delegation", "leader", "person"),
        ("Delegation", "members", "persons"),
        ("Question", "asker", "person"),
        ("Response", "by", "person"),
        ("Rapporteur", "person", "person"),
        ("Presentation", "speakers", "persons"),
        ("Event", "attendees", "persons"),
    }
    prose = {
        (cls.__name__, s.rel[-1]) for cls in _models() for s in specs.field_specs(cls.__name__) if s.kind == "prose"
    }
    assert ("Discussion", "intro") in prose and ("Meta", "notes") in prose and ("Event", "title") not in prose


def test_every_list_of_items_in_the_model_is_an_outline_list():
    def lists(cls: type, seen: tuple = ()) -> int:
        n = 0
        for name, info in cls.model_fields.items():
            if cls is m.Report and name in specs.HIDDEN_PARTS:
                continue  # notes are taken on the capture screen, not edited as forms
            item = specgen.item_model(info)
            sub = specgen.table_model(info)
            if item is not None:
                n += 1 + (lists(item, (*seen, item)) if item not in seen else 0)
            elif sub is not None and sub not in seen:
                n += lists(sub, (*seen, sub))
        return n

    assert len(specs.ITEM_LISTS) == lists(m.Report)
    assert ("sessions", "discussion", "questions", "responses") in specs.ITEM_LISTS
    assert all(cls in specs.ITEM_NOUNS for cls in specs.ITEM_LISTS.values())


def test_titles_and_guides_come_from_the_model():
    assert specs.PART_TITLES["discussion"] == m.Report.model_fields["discussion"].title
    title = next(s for s in specs.field_specs("Person") if s.rel == ("designation",))
    assert (title.title, title.guide) == ("Designation", m.Person.model_fields["designation"].description)
    status = next(s for s in specs.field_specs("Meta") if s.rel == ("status",))
    assert status.choices == typing.get_args(m.Status) and status.default == "draft"


def test_committed_forms_file_is_not_stale():
    """The editor reads its forms from data/forms.json; the file says what the models say today."""
    committed = (SRC / "data" / specs.FORMS_FILE).read_text(encoding="utf-8")
    assert committed == specgen.derive_text(), "run: python -m rapporteur.tui.specgen"


def test_the_forms_read_from_the_file_are_the_forms_the_models_give():
    """Field by field, with their types (tuples, defaults), and the outline's lists and parts."""
    for cls in _models():
        assert specs.field_specs(cls.__name__) == specgen.field_specs(cls), cls.__name__
    assert specs.ITEM_LISTS == {keys: cls.__name__ for keys, cls in specgen.item_lists().items()}
    fields = m.Report.model_fields
    visible = [k for k in fields if k not in specs.HIDDEN_PARTS]
    assert specs.TOP_PARTS == (*(k for k in visible if k != "meta"), "meta")
    assert specs.LIST_PARTS == tuple(k for k in visible if specgen.item_model(fields[k]) is not None)
    assert specs.OPTIONAL_PARTS == tuple(
        k for k, info in fields.items() if not info.is_required() and specgen.item_model(info) is None
    )
    assert specs.PART_TITLES == {k: "Review" if k == "meta" else info.title or k for k, info in fields.items()}
    for key, info in fields.items():
        table = specgen.table_model(info)
        assert specs.part_model(key) == (table.__name__ if table is not None else None), key


def test_one_order_drives_next_part_and_problems(seed_data):
    ctl = Controller(copy.deepcopy(seed_data))
    order = ctl.paths_in_order()
    pres = ("sessions", 0, "presentations", 0)
    # the next part after a presentation is its first section, as the outline shows it
    assert ctl.neighbour(pres, 1) == (*pres, "sections", 0)
    assert ctl.neighbour((*pres, "sections", 0), -1) == pres
    assert order.index(("sessions",)) < order.index(("sessions", 0)) < order.index(pres)
    ctl.data["remarks"][0]["text"] = ""
    ctl.data["implications"]["text"] = ""
    ctl.analyse(None, None)
    locs = [p.loc for p in ctl.ordered]
    assert locs.index(("remarks", 0, "text")) < locs.index(("implications", "text"))
    assert ctl.where(ctl.ordered[0]).startswith("Remarks ›")


def test_structure_edits_return_where_to_go(seed_data):
    ctl = Controller(copy.deepcopy(seed_data))
    n = len(ctl.data["people"])
    new = ctl.insert_item(("people",), n)
    assert new == ("people", n) and ctl.data["people"][n]["id"]
    assert ctl.move(new, -1) == ("people", n - 1)
    assert ctl.remove(("people", n - 1)) == ("people", n - 1)
    assert len(ctl.data["people"]) == n


def test_no_private_names_across_modules():
    """``x._name`` only on self or cls: a module never reaches into another's (or Textual's) privates."""
    found = []
    for path in (SRC / "tui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
                base = node.value
                if not (isinstance(base, ast.Name) and base.id in ("self", "cls")):
                    found.append(f"{path.relative_to(SRC)}:{node.lineno} .{node.attr}")
    assert found == []


def test_no_tui_module_over_600_lines():
    long = {
        str(p.relative_to(SRC)): n for p in (SRC / "tui").rglob("*.py") if (n := len(p.read_text().splitlines())) > 620
    }
    assert long == {}
