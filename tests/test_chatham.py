"""One Chatham House rule: the export and `rapporteur check` give one verdict on one report."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from test_checks_support import make

from rapporteur.checks import run_checks
from rapporteur.export.document import build
from rapporteur.model import Report

from conftest import example_reports, examples
from strategies import reports

RULE = "consistency-chatham-house"


def verdicts(report: Report) -> tuple[set, set]:
    """(what the check says, what the export says): path, message and severity of each naming."""
    checked = {(d.path, d.message, d.severity) for d in run_checks(report, select=[RULE])}
    exported = {(w.path, w.message, w.severity) for w in build(report).warnings if w.code == RULE}
    return checked, exported


def under_the_rule(report: Report) -> Report:
    return report.model_copy(update={"event": report.event.model_copy(update={"chatham_house": True})})


HANDWRITTEN = [
    make(
        "Dr. Prathibha argued that ties grew. Dr. Rajiv Sharma disagreed.",
        lead="Dr. M.S. Prathibha attended the round table.",
        questions=[{"asker": "lele", "text": "Gp. Capt. (Dr.) Ajey Lele asked about Taiwan."}],
        event={"chatham_house": True},
    ),
    make("One speaker argued that ties grew.", event={"chatham_house": True}),
    make("Prathibha noted that M.S. Prathibha had written on it.", event={"chatham_house": True}),
    make(
        "A speaker noted the trend.",
        discussion={"issues_raised": ["Singh's point on the Arctic"], "observations": "Ajey Lele closed."},
        event={"chatham_house": True},
    ),
    make("Dr. M.S. Prathibha argued.", event={"chatham_house": False}),
]


@pytest.mark.parametrize("report", HANDWRITTEN, ids=range(len(HANDWRITTEN)))
def test_check_and_export_agree_on_handwritten_reports(report):
    checked, exported = verdicts(report)
    assert checked == exported


def test_the_verdict_itself():
    checked, _ = verdicts(HANDWRITTEN[0])
    named = sorted(message for _, message, _ in checked)
    assert named == [
        "'Dr. Prathibha' is named in a report under the Chatham House Rule",
        "'Dr. Rajiv Sharma' is named in a report under the Chatham House Rule",
        "'Gp. Capt. (Dr.) Ajey Lele' is named in a report under the Chatham House Rule",
    ]  # the lead may say who took part
    assert {severity for *_, severity in checked} == {"error"}
    assert verdicts(HANDWRITTEN[1]) == (set(), set())
    assert verdicts(HANDWRITTEN[4]) == (set(), set())  # not under the Rule


@pytest.mark.parametrize("path", example_reports(), ids=lambda p: p.name)
def test_check_and_export_agree_on_the_examples_under_the_rule(path):
    report = under_the_rule(Report.model_validate(tomllib.loads(path.read_text(encoding="utf-8"))))
    checked, exported = verdicts(report)
    assert checked == exported
    if "chatham" not in path.name:
        assert checked, "the named examples name people: the rule must see them"


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_check_and_export_agree_on_generated_reports(report):
    checked, exported = verdicts(under_the_rule(report))
    assert checked == exported
