"""One vocabulary, one walk: every field of every part, seen once, with its title; one view of a report."""

from __future__ import annotations

import tomllib
import typing

import pytest
from pydantic import Field

from rapporteur import fastvalidate, view, walk
from rapporteur import model as m
from rapporteur import vocabulary as vocab
from rapporteur.introspect import is_list, is_model, item_type, placeholder
from rapporteur.validate import check_completeness, parse_report

from conftest import ROOT, example_reports


def test_committed_vocabulary_is_not_stale():
    committed = (ROOT / "src" / "rapporteur" / "data" / vocab.VOCABULARY_FILE).read_text(encoding="utf-8")
    assert committed == vocab.derive_text(), "run: python -m rapporteur.vocabulary"


def _filled(cls) -> dict:
    """Every field of ``cls`` given a value, every list one item: a fully filled report."""
    out = {}
    for name, info in cls.model_fields.items():
        inner = item_type(info.annotation)
        value = _filled(inner) if is_model(inner) else placeholder(inner)
        if name == "asker_description" or (cls is m.Rapporteur and name == "name"):
            continue  # one of two alternatives (asker / person)
        out[name] = [value] if is_list(info.annotation) else value
    return out


def _leaf_paths(value, at=()):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaf_paths(v, (*at, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaf_paths(v, (*at, i))
    else:
        yield at


def test_every_leaf_field_of_a_full_report_is_yielded_once_with_a_title():
    data = _filled(m.Report)
    report = m.Report.model_validate(data)
    leaves = list(walk.fields(report))
    paths = [leaf.path for leaf in leaves]
    assert len(paths) == len(set(paths)), "a field was yielded twice"
    assert set(paths) == set(_leaf_paths(data))
    assert all(leaf.title and leaf.kind for leaf in leaves)
    # the same walk over the fast path's records, and over the raw data the editor holds
    assert [(x.path, x.value) for x in walk.fields(fastvalidate.parse(data))] == [(x.path, x.value) for x in leaves]
    assert [x.path for x in walk.fields(data)] == paths


def test_titles_come_from_the_models():
    voc = vocab.vocabulary()
    assert voc.title(("sessions", 0, "roles", 0, "role")) == "Role"
    assert voc.title(("discussion",)) == m.Report.model_fields["discussion"].title
    assert voc.part_titles() == {k: f.title for k, f in m.Report.model_fields.items()}


def test_kinds():
    voc = vocab.vocabulary()

    def kind(*path: str | int) -> str:
        return voc.slot_at(path).kind

    assert kind("remarks", 0, "by") == "person" and kind("sessions", 0, "presentations", 0, "speakers") == "person"
    assert kind("people", 0, "id") == "id"
    assert kind("summary", "text") == "text" and kind("discussion", "intro") == "text"
    assert kind("event", "title") == "title" and kind("conclusion", "takeaways") == "item"
    assert kind("event", "date") == "value"


class Extended(m.Report):
    epilogue: m.Summary | None = Field(None, title="Epilogue", description="A part added later.")


def test_a_new_optional_part_added_to_the_model_is_seen(monkeypatch):
    extended = vocab.from_data(vocab.derive(Extended))
    monkeypatch.setattr(walk, "vocabulary", lambda: extended)
    data = tomllib.loads(example_reports()[0].read_text(encoding="utf-8"))
    data["epilogue"] = {"text": ""}
    report = Extended.model_validate(data)
    (leaf,) = [x for x in walk.fields(report) if x.path[0] == "epilogue"]
    assert (leaf.path, leaf.kind, leaf.title) == (("epilogue", "text"), "text", "Executive summary")
    assert any(p.path == ("epilogue",) and p.title == "Epilogue" for p in walk.parts(report))
    # completeness sees it without being told: an empty new part is a to-do
    assert ("epilogue", "text") in {d.loc for d in check_completeness(report)}


def test_unprinted_parts_are_not_prose():
    data = tomllib.loads(example_reports()[0].read_text(encoding="utf-8"))
    data["meta"]["notes"] = "private words"
    report, _ = parse_report(data)
    notes = [x for x in walk.fields(report) if x.path == ("meta", "notes")]
    assert notes and not notes[0].printed and not notes[0].prose
    assert ("meta", "notes") not in dict(walk.texts(report))
    assert walk.prose_words(data) == walk.prose_words(report)


def test_half_typed_data_is_walked_without_error():
    data = {"event": {"date": "2024-06", "organiser": "x", "attendees": "singh"}, "remarks": [{"text": 3}, "x"]}
    paths = [x.path for x in walk.fields(data)]
    assert ("event", "date") in paths and ("remarks", 0, "text") in paths


def test_word_count_of_a_part():
    data = {"remarks": [{"role": "welcome", "text": "One two - three."}], "meta": {"notes": "not counted"}}
    assert walk.prose_words(data) == 3
    assert walk.prose_words(data["remarks"], ("remarks",)) == 3
    assert walk.prose_words(data["remarks"][0], ("remarks", 0)) == 3


@pytest.mark.parametrize("name", sorted(vocab.vocabulary().models))
def test_the_view_has_every_field_of_the_model(name):
    """``ReportView`` and friends state what both the models and the fast records hold."""
    protocol = getattr(view, f"{name}View")
    fields = [n for n, v in vars(protocol).items() if isinstance(v, property)]
    assert fields == [s.name for s in vocab.vocabulary().slots(name)]
    hints = typing.get_type_hints(getattr(m, name))
    for slot in vocab.vocabulary().slots(name):
        got = typing.get_type_hints(getattr(protocol, slot.name).fget)["return"]
        assert is_list(hints[slot.name]) == (typing.get_origin(got) is typing.get_origin(typing.Sequence[int]))
