"""The fast validator (committed core schema, no models) says exactly what the models say."""

from __future__ import annotations

import copy
import datetime as dt
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rapporteur import fastvalidate
from rapporteur.validate import check_completeness, check_structure, parse_report

from conftest import ROOT, data_paths, example_reports, examples
from strategies import reports


def test_committed_core_schema_is_not_stale():
    committed = (ROOT / "src" / "rapporteur" / "data" / fastvalidate.SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == fastvalidate.derive_text(), (
        'run: python -c "from rapporteur import fastvalidate as f; '
        "open('src/rapporteur/data/core-schema.json','w').write(f.derive_text())\""
    )


def same_verdict(data) -> None:
    full, _ = parse_report(data)
    fast = fastvalidate.parse(data)
    assert (full is None) == (fast is None), data
    if full is not None:
        assert check_structure(fast) == check_structure(full)
        assert check_completeness(fast) == check_completeness(full)


@pytest.mark.parametrize("path", example_reports(), ids=lambda p: p.name)
def test_examples(path):
    same_verdict(tomllib.loads(path.read_text(encoding="utf-8")))


@settings(max_examples=examples(80), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_valid_reports(report):
    same_verdict(report.model_dump(mode="python", exclude_none=True))


ODD_VALUES = [
    None,
    "",
    " ",
    "x",
    0,
    1,
    -1,
    1.0,
    True,
    False,
    dt.date(2024, 6, 24),
    dt.time(10, 0),
    dt.datetime(2024, 6, 24, 10),
    [],
    ["x"],
    [1],
    {},
    {"x": 1},
    "Prathibha",
    "2024-06-24",
]


@pytest.mark.slow  # every field of every example, each replaced by every odd value
@pytest.mark.parametrize("path", example_reports(), ids=lambda p: p.name)
def test_every_field_replaced_by_every_odd_value(path):
    """Systematic: each key and element of each example, replaced in turn by each odd value."""
    base = tomllib.loads(path.read_text(encoding="utf-8"))
    for at in [p for p in data_paths(base) if p]:
        for value in ODD_VALUES:
            mutated = copy.deepcopy(base)
            parent = mutated
            for part in at[:-1]:
                parent = parent[part]
            parent[at[-1]] = value
            same_verdict(mutated)


@settings(max_examples=examples(400), deadline=None)
@given(st.data())
def test_mutations_get_the_same_verdict(data):
    base = tomllib.loads(data.draw(st.sampled_from(example_reports())).read_text(encoding="utf-8"))
    paths = [p for p in data_paths(base) if p]
    mutated = copy.deepcopy(base)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        parent = mutated
        try:
            for part in path[:-1]:
                parent = parent[part]
            action = data.draw(st.sampled_from(["replace", "delete", "add"]))
            if action == "replace":
                parent[path[-1]] = data.draw(st.sampled_from(ODD_VALUES))
            elif action == "delete" and isinstance(parent, dict):
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent[data.draw(st.sampled_from(["extra", "titel", "by", "asker_description", "name", "person"]))] = (
                    data.draw(st.sampled_from(ODD_VALUES))
                )
        except (KeyError, IndexError, TypeError):
            continue
    same_verdict(mutated)


def test_validate_command_uses_the_fast_path_and_words_problems_the_same(cli, seed_copy):
    seed_copy.write_text(
        seed_copy.read_text(encoding="utf-8").replace('people = ["singh"]', 'peple = ["singh"]'), encoding="utf-8"
    )
    code, out, _ = cli("validate", str(seed_copy))
    assert code == 1 and "unknown key 'peple' (did you mean 'people'?)" in out


@pytest.mark.parametrize("path", example_reports(), ids=lambda p: p.name)
def test_a_broken_final_report_is_worded_the_same_on_both_paths(path):
    """Structure and completeness judged independently (issue 13.1): whichever path ran, the same problems."""
    from rapporteur.tomlio import Source
    from rapporteur.validate import validate_source

    base = tomllib.loads(path.read_text(encoding="utf-8"))
    for at in [p for p in data_paths(base) if p]:
        for value in ("Dr Singh",):  # a name typed where an id belongs, and every other kind of misfit
            mutated = copy.deepcopy(base)
            parent = mutated
            for part in at[:-1]:
                parent = parent[part]
            parent[at[-1]] = value
            source = Source(path.name, "", mutated, [])
            fast = validate_source(source, final=True, fast=True).diagnostics
            assert fast == validate_source(source, final=True, fast=False).diagnostics, at
