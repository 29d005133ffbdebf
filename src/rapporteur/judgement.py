"""Structure and completeness judged independently, part by part.

A report that does not fit the model (one person id typed as a name) used to be
judged on structure alone: every to-do disappeared behind one typo, so an editor's
outline showed empty parts as done and ``validate --final`` listed only the typo.

Here the broken values are set aside instead: an unknown key is dropped, a bad
optional value left out, a bad required value (or list item) replaced by a
placeholder of its type, until the rest fits the model. The rest is then judged for
completeness, and whatever that says *at or under a value that was set aside* is
dropped: the structural problem there is the one to fix, and what the placeholder
would say about it is not true of the file. The salvaged report itself is never
returned: nothing exports or saves it.

Only completeness is judged on the salvaged report, not cross-references: they
follow from the structural problem too often to be independent of it (a table
renamed ``[[speakers]]`` leaves every reference to its people unknown; a start time
set aside leaves an end time without one), and bad input gets one message.

:func:`rapporteur.validate.judge` gives a :class:`Judgement` of raw data (what the
editor holds); :func:`part_status` the verdict on each part of its outline.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from .diagnostics import Diagnostic, parse_path
from .introspect import Loc, field_info, item_type, placeholder

if TYPE_CHECKING:
    from . import model as m
    from .view import ReportView

#: Enough rounds for a table whose placeholder needs placeholders of its own.
MAX_ROUNDS = 8


def _clean_loc(loc: Iterable[Any]) -> Loc:
    return tuple(p for p in loc if not (isinstance(p, str) and p.startswith(("function-", "nullable"))))


def _set_aside(data: dict, err: dict) -> Loc | None:
    """Change ``data`` so that this error is gone; the loc changed, or None if it could not be."""
    loc = _clean_loc(err["loc"])
    if not loc:
        return None
    parent: Any = data
    try:
        for part in loc[:-1]:
            parent = parent[part]
    except (KeyError, IndexError, TypeError):
        return None
    key = loc[-1]
    if isinstance(key, int):
        info = field_info(loc)
        if not isinstance(parent, list) or info is None or not 0 <= key < len(parent):
            return None
        parent[key] = placeholder(item_type(info.annotation))
        return loc
    if not isinstance(parent, dict):
        return None
    info = field_info(loc)
    if err["type"] == "extra_forbidden" or info is None or not info.is_required():
        if key not in parent:
            return None
        del parent[key]
    else:
        parent[key] = placeholder(info.annotation)
    return loc


def _meant(loc: Loc) -> list[Loc]:
    """The field an unknown key was meant to be (``peple`` -> ``people``): what completeness says
    of it being absent follows from the typo (a role "names nobody" when its people are misspelt)."""
    import difflib

    from .introspect import model_at

    owner = model_at(loc)
    if owner is None or not isinstance(loc[-1], str):
        return []
    close = difflib.get_close_matches(loc[-1], list(owner.model_fields), n=1, cutoff=0.6)
    return [(*loc[:-1], close[0])] if close else []


def salvage(data: dict) -> tuple[m.Report | None, list[Loc]]:
    """The report with its broken values set aside, and where they were (None if it cannot fit)."""
    from pydantic import ValidationError

    from .model import Report

    try:
        work = copy.deepcopy(data)
    except RecursionError:  # nested far too deeply: the structural problem is all there is to say
        return None, []
    changed: list[Loc] = []
    for _ in range(MAX_ROUNDS):
        try:
            return Report.model_validate(work), changed
        except ValidationError as exc:
            progress = False
            for err in exc.errors(include_url=False):
                loc = _set_aside(work, dict(err))
                if loc is not None:
                    progress = True
                    changed.append(loc)
                    if err["type"] == "extra_forbidden":
                        changed.extend(_meant(loc))
            if not progress:
                return None, changed
        except RecursionError:
            return None, changed
    return None, changed


def _under(loc: Loc, prefix: Loc) -> bool:
    return loc[: len(prefix)] == prefix


def independent(diags: list[Diagnostic], set_aside: list[Loc]) -> list[Diagnostic]:
    """The completeness problems of a salvaged report that are true of the file itself."""
    return [d for d in diags if not any(_under(d.loc or parse_path(d.path), at) for at in set_aside)]


# -- per-part verdicts (the editor's outline) ----------------------------------------------------

State = Literal["error", "todo", "complete"]


@dataclasses.dataclass(frozen=True)
class Verdict:
    """What is wrong with one part: structural errors, and to-dos a final report may not have."""

    errors: int = 0
    todos: int = 0

    @property
    def state(self) -> State:
        if self.errors:
            return "error"
        return "todo" if self.todos else "complete"


@dataclasses.dataclass
class Judgement:
    """Structure and completeness of one report, kept apart. ``report`` is set only when the
    data fits the model as it is (a salvaged report is never handed out)."""

    report: ReportView | None
    structure: list[Diagnostic]
    completeness: list[Diagnostic]
    #: Every part of the data judged (tables and list items), in the report's order.
    parts: list[Loc] = dataclasses.field(default_factory=list)

    def at(self, path: Loc) -> Verdict:
        """The verdict on the part at ``path`` and everything under it."""

        def count(diags: list[Diagnostic]) -> int:
            return sum(_under(d.loc or parse_path(d.path), path) for d in diags)

        return Verdict(count(self.structure), count(self.completeness))


def part_status(judgement: Judgement, paths: Iterable[Loc] | None = None) -> dict[Loc, Verdict]:
    """Each part's verdict: an error anywhere in it, else a to-do anywhere in it, else complete.

    ``paths`` defaults to every part of the data judged. An empty part is never complete:
    completeness reports it ("this text is empty", "this session has no presentation").
    """
    return {tuple(p): judgement.at(tuple(p)) for p in (judgement.parts if paths is None else paths)}
