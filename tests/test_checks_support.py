"""Helpers for the house-style check tests: small reports built from prose, and running one rule.

(No tests here; the name keeps it with the other check test modules.)
"""

from __future__ import annotations

import copy

from rapporteur.checks import run_checks
from rapporteur.diagnostics import parse_path
from rapporteur.model import Report
from rapporteur.style import HouseStyle

PEOPLE = [
    {
        "id": "prathibha",
        "honorific": "Dr.",
        "name": "M.S. Prathibha",
        "designation": "Associate Fellow",
        "affiliation": "MP-IDSA",
    },
    {
        "id": "singh",
        "honorific": "Dr.",
        "name": "Prashant Kumar Singh",
        "designation": "Research Fellow",
        "affiliation": "MP-IDSA",
    },
    {
        "id": "lele",
        "honorific": "Gp. Capt. (Dr.)",
        "name": "Ajey Lele",
        "designation": "Deputy Director General",
        "affiliation": "MP-IDSA",
    },
]

EVENT = {
    "title": "China-Russia Relationship: A Greater Alignment?",
    "series": "Monday Morning Meeting",
    "form": "talk",
    "date": __import__("datetime").date(2024, 6, 24),
    "organiser": {"name": "Manohar Parrikar Institute for Defence Studies and Analyses", "short_name": "MP-IDSA"},
}


def make(
    *sections: str,
    lead: str | None = None,
    summary: str | None = None,
    remarks: list[dict] | None = None,
    questions: list[dict] | None = None,
    discussion: dict | None = None,
    people: list[dict] | None = None,
    event: dict | None = None,
    moderator: str | None = "singh",
    chair: str | None = None,
    speakers: list[str] | None = None,
    silence: list[dict] | None = None,
    extra: dict | None = None,
) -> Report:
    """A talk: optional lead and summary, one session whose presentation has ``sections``."""
    data: dict = {
        "meta": {"schema_version": 2, "status": "draft"},
        "event": {**copy.deepcopy(EVENT), **(event or {})},
        "people": copy.deepcopy(PEOPLE if people is None else people),
    }
    if silence:
        data["meta"]["silence"] = silence
    if lead is not None:
        data["lead"] = {"text": lead}
    if summary is not None:
        data["summary"] = {"text": summary}
    if remarks:
        data["remarks"] = remarks
    if sections:
        session: dict = {
            "presentations": [
                {
                    "speakers": ["prathibha"] if speakers is None else speakers,
                    "sections": [{"text": t} for t in sections],
                }
            ]
        }
        roles = [{"role": role, "people": [pid]} for role, pid in (("chair", chair), ("moderator", moderator)) if pid]
        if roles:  # as a version 1 file's chair and moderator read: chair first
            session["roles"] = roles
        data["sessions"] = [session]
    if questions is not None or discussion is not None:
        data["discussion"] = {**(discussion or {}), **({"questions": questions} if questions is not None else {})}
    if extra:
        data.update(extra)
    return Report.model_validate(data)


def check(report: Report, select, style: HouseStyle | None = None, **kw):
    """Diagnostics of the selected rules (no positions in a file: ``line``/``col`` are inside the field)."""
    return run_checks(report, style=style, select=[select] if isinstance(select, str) else select, **kw)


def codes(diags) -> list[str]:
    return [d.code for d in diags]


def _value(report: Report, path: str):
    value = report
    for part in parse_path(path):
        value = value[part] if isinstance(part, int) else getattr(value, part)
    return value


def _offset(text: str, line: int, col: int) -> int:
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    return starts[line - 1] + col - 1


def flagged(report: Report, diags) -> list[str]:
    """The words each finding points at (field-relative positions, as the editor gets them)."""
    out = []
    for d in diags:
        text = _value(report, d.path)
        a = _offset(text, d.line, d.col)
        b = _offset(text, d.end_line, d.end_col)
        out.append(text[a:b])
    return out
