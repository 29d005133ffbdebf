"""The Chatham House Rule, decided once: which words of a report under the Rule name somebody.

``rapporteur check`` (rule ``consistency-chatham-house``) and the export (its
notices) used to judge this twice, with different matching, scope and severity.
There is one verdict now, and both report it:

* **who may be named:** nobody, in any printed prose of the body (paragraphs,
  headings, issues raised, takeaways, the attendance line); the lead may say who
  took part, as long as nothing said is attributed to them. Who asked or answered
  is kept in the file but never printed under the Rule (the export writes "a
  participant"), so structured fields are not namings; the prose is printed as
  written, so it is;
* **what names somebody:** a registered person's name (with or without honorific,
  initials allowed) or an honorific before any name, as :mod:`rapporteur.names`
  finds them;
* **with what severity:** the rule's (:data:`rapporteur.rules.RULES`, an error
  unless a house's ``[house.severity]`` says otherwise).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .rules import RULES

if TYPE_CHECKING:
    from .names import Mentions
    from .view import ReportView
    from .walk import Loc

RULE = "consistency-chatham-house"
SEVERITY = RULES[RULE].severity
HINT = "describe without names ('one participant', 'a speaker'), or set event.chatham_house = false"


@dataclass(frozen=True)
class Naming:
    """Words at ``start:end`` of the field at ``path`` that name somebody."""

    path: Loc
    start: int
    end: int
    text: str

    @property
    def message(self) -> str:
        return f"'{self.text}' is named in a report under the Chatham House Rule"


def namings(report: ReportView, mentions: Mentions) -> list[Naming]:
    """Every naming the Rule forbids, in reading order (none if the report is not under it)."""
    if not report.event.chatham_house:
        return []
    found = mentions.found + [u for u in mentions.unregistered if u.atoms]
    return [Naming(mt.field.path, mt.start, mt.end, mt.text) for mt in found if not mt.field.is_lead]


def find_namings(report: ReportView, organisation_names: Iterable[str] = ()) -> list[Naming]:
    """:func:`namings`, scanning the report's prose for people first (what the export calls)."""
    if not report.event.chatham_house:
        return []
    from .names import scan
    from .prose import PROSE_KINDS, collect_fields

    prose = [f for f in collect_fields(report) if f.kind in PROSE_KINDS]
    return namings(report, scan(report, prose, organisation_names))
