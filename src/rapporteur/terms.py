"""The report's vocabulary, shared by the models, the exporters and the checks.

Kept apart from the pydantic models so that code which only *reads* a report
(the exporters, validate's fast path) works on validated data without
building the models: see :mod:`rapporteur.fastvalidate`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .view import PersonView, ReportView

#: Remarks given before the sessions; the others close the report.
OPENING_ROLES = ("welcome", "opening", "introductory", "keynote", "special")
CLOSING_ROLES = ("concluding", "vote-of-thanks")

ROLE_LABELS = {
    "welcome": "Welcome remarks",
    "opening": "Opening remarks",
    "introductory": "Introductory remarks",
    "keynote": "Keynote address",
    "special": "Special address",
    "concluding": "Concluding remarks",
    "vote-of-thanks": "Vote of thanks",
}


#: Month names, as dates are written ("24 June 2024") and read back by the date checks.
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def find_person(report: ReportView, person_id: str | None) -> PersonView | None:
    """The registry entry with this id (a model or a validated record), or None."""
    if not person_id:
        return None
    for p in report.people:
        if p.id == person_id:
            return p
    return None
