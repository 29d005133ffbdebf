"""What every rule reads: one run's report, style and enabled rules, and facts computed once;
and what a rule reports.

Rules never touch the file. They report a :class:`Finding`: a field path and, for
text, character offsets into the field's text *as the model holds it* (normalised:
stripped, one final newline). :mod:`rapporteur.checks` turns those into diagnostics
with the file's line and column. The prose in reading order comes from
:mod:`rapporteur.prose`, the people named in it from :mod:`rapporteur.names`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..names import Mentions, scan
from ..prose import PROSE_KINDS, Field, collect_fields, order_key, reading_key
from ..style import HouseStyle
from ..walk import Loc, discussions, person_refs

if TYPE_CHECKING:
    from ..view import DiscussionView, ReportView

__all__ = ["PROSE_KINDS", "Context", "Field", "Finding", "order_key", "reading_key", "sentence_initial"]


@dataclass
class Finding:
    rule: str
    path: Loc
    message: str
    hint: str | None = None
    start: int | None = None  # offset in the field's text, when the finding is about words in it
    end: int | None = None


class Context:
    """One run of the checks over one report: shared, lazily computed facts."""

    def __init__(self, report: ReportView, style: HouseStyle, enabled: frozenset[str]) -> None:
        self.report = report
        self.style = style
        self.enabled = enabled
        self.fields = collect_fields(report)

    def on(self, *rule_ids: str) -> bool:
        return any(r in self.enabled for r in rule_ids)

    @cached_property
    def prose(self) -> list[Field]:
        """Fields a reader reads as prose (titles excluded)."""
        return [f for f in self.fields if f.kind in PROSE_KINDS]

    @cached_property
    def has_lead_text(self) -> bool:
        return self.report.lead is not None and bool(self.report.lead.text.strip())

    @cached_property
    def person_refs(self) -> list[tuple[Loc, str]]:
        return list(person_refs(self.report))

    @cached_property
    def mentions(self) -> Mentions:
        return scan(self.report, self.prose, self.style.organisation_names)

    @cached_property
    def discussions(self) -> list[tuple[Loc, DiscussionView]]:
        return discussions(self.report)


_SENTENCE_END = re.compile(r"[.!?:;]\s*$")


def sentence_initial(text: str, start: int) -> bool:
    """Whether ``start`` begins a sentence (or paragraph): the start of the text, or after . ! ? : ;"""
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0\"'“‘*([":
        i -= 1
    if i < 0 or text[i] == "\n":
        return True
    return text[i] in ".!?:;"
