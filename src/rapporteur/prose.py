"""The prose of a report, in the order a reader meets it in the export.

The house-style rules, the name scanner (:mod:`rapporteur.names`) and the Chatham
House rule (:mod:`rapporteur.chatham`) read the same fields: they come from the one
walk over a report (:mod:`rapporteur.walk`) and are only put in reading order here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .terms import CLOSING_ROLES
from .vocabulary import vocabulary
from .walk import Loc, fields

if TYPE_CHECKING:
    from .view import ReportView

#: Kinds of prose: ``text`` (paragraphs), ``heading`` (section headings), ``item``
#: (issues raised, key takeaways), ``line`` (the attendance sentence), ``title``
#: (titles of the event, sessions, talks and addresses: quoted as given, so only
#: typography applies to them).
PROSE_KINDS = ("text", "heading", "item", "line")


@dataclass(frozen=True)
class Field:
    path: Loc
    text: str
    kind: str
    normalised: bool  # held as model.normalise_text made it (Text fields)
    order: int = 0

    @property
    def is_lead(self) -> bool:
        return self.path[:1] == ("lead",)


_ORDER_CACHE: dict[Loc, tuple[int, ...]] = {}


def order_key(path: Loc) -> tuple[int, ...]:
    """A key that sorts field paths in the report's own order (the models' field order)."""
    hit = _ORDER_CACHE.get(path)
    if hit is not None:
        return hit
    voc = vocabulary()
    model: str | None = voc.root
    out: list[int] = []
    for part in path:
        if isinstance(part, int):
            out.append(part)
            continue
        names = [s.name for s in voc.slots(model)] if model else []
        if part in names:
            out.append(names.index(part))
            model = voc.slots(model)[names.index(part)].model if model else None
        else:
            out.append(999)
            model = None
    if path == ("event", "attendance"):
        # the attendance sentence closes the lead paragraph
        out = [*order_key(("lead", "text")), 1]
    key = tuple(out)
    _ORDER_CACHE[path] = key
    return key


#: A discussion as the export prints it: introduction, issues raised (i), (ii) ..., questions, observations.
_DISCUSSION_ORDER = {"intro": 0, "issues_raised": 1, "questions": 2, "observations": 3}


def reading_key(report: ReportView, path: Loc) -> tuple[int, ...]:
    """The order a reader meets a field in the exported report: as :func:`order_key`, except
    that closing remarks (concluding, vote of thanks) come after the discussion, and a
    discussion's issues raised come before its questions."""
    i = path[1] if len(path) > 1 and path[0] == "remarks" else None
    if isinstance(i, int) and i < len(report.remarks) and report.remarks[i].role in CLOSING_ROLES:
        return order_key(("discussion",)) + (10**6,) + tuple(order_key(path)[1:])
    key = order_key(path)
    if "discussion" in path:
        at = len(path) - 1 - path[::-1].index("discussion")
        nxt = path[at + 1] if at + 1 < len(path) else None
        if isinstance(nxt, str) and nxt in _DISCUSSION_ORDER:
            key = key[: at + 1] + (_DISCUSSION_ORDER[nxt],) + key[at + 2 :]
    return key


def collect_fields(report: ReportView) -> list[Field]:
    """Every printed field a reader reads (prose and titles) with a value, in reading order."""
    raw = [leaf for leaf in fields(report) if leaf.printed and leaf.text and (leaf.prose or leaf.kind == "title")]
    raw.sort(key=lambda leaf: reading_key(report, leaf.path))
    return [Field(leaf.path, leaf.text or "", leaf.kind, leaf.kind == "text", i) for i, leaf in enumerate(raw)]
