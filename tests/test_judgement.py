"""Structure and completeness are judged independently: one typo never hides the to-dos (issue 13.1)."""

from __future__ import annotations

import copy
import json
import tomllib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rapporteur.judgement import part_status
from rapporteur.tomlio import Source
from rapporteur.validate import judge, validate_source

from conftest import data_paths, example_reports, examples

SKELETON = """\
[meta]
schema_version = 2
status = "draft"

[event]
title = "Maritime Security"
form = "panel-discussion"
date = 2024-06-24

[event.organiser]
name = "MP-IDSA"

[[people]]
id = "singh"
name = "Rahul Singh"

[summary]
text = ""

[[remarks]]
role = "welcome"
by = "Dr Singh"
text = "The Director General welcomed the panel."

[[sessions]]
title = "Session I"

[conclusion]
"""


def _problems(cli, path, *flags):
    code, out, _ = cli("validate", "--format", "json", *flags, str(path))
    return code, {(p["path"], p["type"]) for p in json.loads(out)["problems"]}


def test_final_lists_the_bad_id_and_every_missing_part(cli, tmp_path):
    f = tmp_path / "panel.toml"
    f.write_text(SKELETON, encoding="utf-8")
    code, problems = _problems(cli, f, "--final")
    assert code == 1
    assert ("remarks[0].by", "value") in problems  # the bad id
    assert {
        ("summary.text", "incomplete"),
        ("sessions[0].presentations", "incomplete"),
        ("conclusion", "incomplete"),
        ("rapporteur", "incomplete"),
    } <= problems
    # nothing is said twice about the bad id ("nobody gave these remarks" is not true of the file)
    assert [p for p in problems if p[0] == "remarks[0].by"] == [("remarks[0].by", "value")]


def test_a_draft_gets_one_message_for_one_typo(cli, tmp_path):
    """Completeness is for final reports; what follows from the typo (a reference to a
    renamed table, an end time without its start) is not said again."""
    f = tmp_path / "panel.toml"
    f.write_text(SKELETON, encoding="utf-8")
    code, problems = _problems(cli, f)
    assert code == 1 and problems == {("remarks[0].by", "value")}
    f.write_text(SKELETON.replace("[[people]]", "[[speakers]]"), encoding="utf-8")
    _, problems = _problems(cli, f, "--final")
    assert ("speakers", "unknown-key") in problems and not any(kind == "reference" for _, kind in problems)


def test_a_broken_registry_entry_does_not_make_every_reference_unknown(cli, tmp_path):
    f = tmp_path / "panel.toml"
    f.write_text(SKELETON.replace('name = "Rahul Singh"', "name = 42"), encoding="utf-8")
    _, problems = _problems(cli, f)
    assert ("people[0].name", "type") in problems
    assert not any(kind == "reference" for _, kind in problems)


def test_an_empty_part_is_never_complete_when_another_part_is_broken():
    data = tomllib.loads(SKELETON)
    j = judge(data)
    assert j.report is None  # the data does not fit the model: nothing may export it
    status = part_status(j, [("remarks", 0), ("summary",), ("conclusion",), ("sessions", 0), ("event",)])
    assert status[("remarks", 0)].state == "error"
    assert status[("summary",)].state == "todo"
    assert status[("conclusion",)].state == "todo"
    assert status[("sessions", 0)].state == "todo"
    assert status[("event",)].state == "complete"
    # by default, every part of the data: each table and list item
    everything = part_status(j)
    assert ("sessions", 0) in everything and ("event", "organiser") in everything
    assert everything[("summary",)].state == "todo" and everything[("remarks", 0)].state == "error"


def test_a_valid_report_is_judged_on_both_counts():
    data = tomllib.loads(SKELETON.replace('by = "Dr Singh"', 'by = "singh"'))
    j = judge(data)
    assert j.report is not None and not j.structure
    assert part_status(j, [("summary",)])[("summary",)].state == "todo"


ODD = [None, "", "Dr Singh", 0, True, [], {}, {"x": 1}, "2024-06-24"]


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_fast_path_words_a_broken_final_report_as_the_models_do(data):
    base = tomllib.loads(data.draw(st.sampled_from(example_reports())).read_text(encoding="utf-8"))
    mutated = copy.deepcopy(base)
    paths = [p for p in data_paths(base) if p]
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        parent = mutated
        try:
            for part in path[:-1]:
                parent = parent[part]
            parent[path[-1]] = data.draw(st.sampled_from(ODD))
        except (KeyError, IndexError, TypeError):
            continue
    source = Source("r.toml", "", mutated, [])
    fast = validate_source(source, final=True, fast=True).diagnostics
    full = validate_source(source, final=True, fast=False).diagnostics
    assert fast == full
