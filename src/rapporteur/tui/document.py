"""The editor's state, without a terminal: the report's data, what is wrong with it, and the file.

The editable state is the report's *data* (the dict a TOML file holds), never a
pydantic model: a half-typed date or an empty required field must survive until
the user finishes typing. Forms read and write values at field paths; the
analysis (``validate.parse_report`` + ``validate.validate_report`` +
``validate.check_completeness`` and, when installed, the house-style checks)
runs on the data after a pause and is never re-implemented here. What the forms
show comes from :mod:`.specs` (read from the model), the outline from :mod:`.parts`.

This module imports no Textual, so it can be tested and benchmarked alone.
"""

from __future__ import annotations

import copy
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import ids as ids_
from .. import tomlio, words
from ..diagnostics import Diagnostic, format_path, parse_path
from .parts import (
    ITEM_GUIDES,
    PART_GUIDES,
    STEPS,
    Part,
    build_parts,
    child_lists,
    get_at,
    item_class,
    keys_only,
    list_path_of,
    owner_of,
    parent_of,
    paths_in_order,
    people_of,
    person_ids,
    person_label,
    stripped,
)
from .specs import (
    ITEM_LISTS,
    ITEM_NOUNS,
    LIST_PARTS,
    OPTIONAL_PARTS,
    PART_TITLES,
    TOP_PARTS,
    FieldSpec,
    display_value,
    field_specs,
    item_noun,
    parse_value,
)

if TYPE_CHECKING:
    from ..model import Report

Path = tuple  # of str | int

#: Returned by ``get_at(data, path, MISSING)`` when the data does not hold the path.
MISSING = object()


def set_at(data: dict, path: Path, value: Any) -> None:
    """Set the value at ``path`` (creating tables on the way); ``None`` deletes the key."""
    cur: Any = data
    for i, part in enumerate(path[:-1]):
        nxt = path[i + 1]
        if isinstance(part, int):
            cur = cur[part]
            continue
        if part not in cur or not isinstance(cur[part], (dict, list)):
            if value is None:
                return
            cur[part] = [] if isinstance(nxt, int) else {}
        cur = cur[part]
    last = path[-1]
    if isinstance(last, int):
        cur[last] = value
    elif value is None:
        cur.pop(last, None)
    else:
        cur[last] = value


def count_words(value: Any) -> int:
    """Words of prose in ``value`` (the same count the recovery prompt gives)."""
    return words.count_words(value)


# -- analysis ------------------------------------------------------------------------------------


@dataclass
class Problem:
    """A diagnostic as the editor shows it: an error, a warning (house style) or a to-do."""

    diag: Diagnostic
    kind: str  # "error" | "warning" | "todo"
    loc: tuple

    @property
    def path(self) -> str:
        return self.diag.path

    @property
    def marker(self) -> str:
        return {"error": "✗", "warning": "!", "todo": "○"}[self.kind]


@dataclass
class Analysis:
    report: Report | None
    problems: list[Problem]
    words: int

    @property
    def errors(self) -> int:
        return sum(p.kind == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.kind == "warning" for p in self.problems)

    @property
    def todos(self) -> int:
        return sum(p.kind == "todo" for p in self.problems)


RunChecks = Callable[..., list[Diagnostic]]


def load_checks() -> RunChecks:
    """The house-style checks, imported when first needed (after the first paint)."""
    from ..checks import run_checks

    return run_checks


def analyse(
    data: dict, *, source: tomlio.Source | None = None, style: Any = None, run_checks: RunChecks | None = None
) -> Analysis:
    """Validate the data as the CLI does: structure, completeness (to-dos for drafts), house style."""
    from .. import validate  # here, not at the top: the first screen is drawn before the first analysis

    report, diags = validate.parse_report(data)
    problems: list[Problem] = []
    if report is None:
        problems = [Problem(d, "error", parse_path(d.path)) for d in diags]
        problems += todos_despite_errors(data, problems)
    else:
        final = report.meta.status == "final"
        for d in validate.validate_report(report):
            problems.append(Problem(d, "error" if d.severity == "error" else "warning", parse_path(d.path)))
        if not final:
            for d in validate.check_completeness(report):
                problems.append(Problem(d, "todo", parse_path(d.path)))
        if run_checks is not None:
            try:
                found = run_checks(report, source=source, style=style)
            except Exception as exc:  # a broken rule must not take the editor down
                found = [Diagnostic("", f"house-style checks failed: {exc}", "checks", severity="warning")]
            for d in found or []:
                kind = "error" if d.severity == "error" else "warning"
                problems.append(Problem(d, kind, parse_path(d.path)))
    return Analysis(report, problems, count_words(data))


def remove_at(data: Any, loc: tuple) -> None:
    """Take the value at ``loc`` out of the data (a list item is removed, a key dropped)."""
    parent = get_at(data, loc[:-1]) if len(loc) > 1 else data
    last = loc[-1]
    if isinstance(parent, list) and isinstance(last, int) and -len(parent) <= last < len(parent):
        del parent[last]
    elif isinstance(parent, dict) and not isinstance(last, int):
        parent.pop(last, None)


def todos_despite_errors(data: dict, errors: list[Problem], rounds: int = 4) -> list[Problem]:
    """What is still to write in a report that does not fit the schema.

    One bad id must not hide every to-do (issue 13.1): the values in error are taken out
    of a copy (deepest and last first, so list indices stay true) until the copy parses,
    and its completeness is judged part by part. To-dos at a place already in error are
    left out: the error says it.
    """
    trial = copy.deepcopy(data)
    from .. import validate

    found = [p.loc for p in errors]
    report = None
    for _ in range(rounds):
        if not found or any(not loc for loc in found):
            return []  # an error about the whole file: nothing to judge part by part
        for loc in sorted(set(found), key=lambda loc: tuple(str(x).zfill(9) for x in loc), reverse=True):
            remove_at(trial, loc)
        report, diags = validate.parse_report(trial)
        if report is not None:
            break
        found = [parse_path(d.path) for d in diags]
    if report is None:
        return []
    kind = "error" if report.meta.status == "final" else "todo"
    bad = [p.loc for p in errors]
    out = []
    for d in validate.check_completeness(report):
        loc = parse_path(d.path)
        if not any(loc[: len(b)] == b or b[: len(loc)] == loc for b in bad):
            out.append(Problem(d, kind, loc))
    return out


# -- the file ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stamp:
    """What the file on disk was when it was read or last saved."""

    mtime_ns: int
    size: int
    sha256: str


def stamp_of(path: str | os.PathLike) -> Stamp | None:
    try:
        st = os.stat(path)
        with open(path, "rb") as fh:
            digest = hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        return None
    return Stamp(st.st_mtime_ns, st.st_size, digest)


def changed_on_disk(path: str | os.PathLike, stamp: Stamp | None) -> bool:
    """True when the file's content differs from what was read (a touch alone is not a change)."""
    now = stamp_of(path)
    if stamp is None:
        return now is not None
    if now is None:
        return True  # deleted or unreadable since
    if now.mtime_ns == stamp.mtime_ns and now.size == stamp.size:
        return False
    return now.sha256 != stamp.sha256


def save_text(data: dict, path: str | os.PathLike, directive: str | None) -> tuple[str, bool]:
    """The text a save writes, and whether it went through the model (canonical) or not.

    A report that parses is written by ``tomlwrite.canonical_text``; data that does not
    (a half-typed date) is still written, as ``tomlwrite.dumps_data``, so nothing typed
    is lost and ``rapporteur validate`` then says what to fix.
    """
    from .. import tomlwrite, validate

    report, _ = validate.parse_report(data)
    if report is not None:
        return tomlwrite.canonical_text(report, path, directive), True
    return tomlwrite.dumps_data(data, directive or tomlwrite.find_schema_directive(path)), False


def copy_data(data: dict) -> dict:
    return copy.deepcopy(data)


# -- item templates ------------------------------------------------------------------------------


def unique_person_id(data: dict, base: str) -> str:
    return ids_.unique_id(base, set(person_ids(data)))


def person_id_for(data: dict, name: str) -> str:
    """An id from a name: the surname, lower case ("M.S. Prathibha" -> "prathibha")."""
    return ids_.id_for_name(name, set(person_ids(data)))


def new_item(data: dict, cls: str) -> dict:
    """A fresh item of the model named ``cls``: valid structure, empty prose (a to-do)."""
    first = next((p.get("id") for p in people_of(data) if p.get("id")), None)
    if cls == "Person":
        return {"id": unique_person_id(data, "person"), "name": ""}
    if cls == "Remark":
        item = {"role": "introductory", "text": ""}
        item["by"] = first or ""
        return {"role": item["role"], "by": item["by"], "text": ""}
    if cls == "Session":
        return {"presentations": [{"speakers": [], "sections": [{"text": ""}]}]}
    if cls == "Presentation":
        return {"speakers": [], "sections": [{"text": ""}]}
    if cls == "Section":
        return {"text": ""}
    if cls == "Question":
        return {"text": ""}
    if cls == "Response":
        return {"text": ""}
    if cls == "Silence":
        return {"rule": "", "reason": ""}
    if cls == "Appearance":  # the role is chosen in the form; whose it was is the to-do
        return {"role": "chair", "people": []}
    if cls == "EventAppearance":
        return {"role": "chief-guest", "people": []}
    if cls == "Partner":
        return {"name": ""}
    if cls == "Delegation":
        return {"kind": "delegation"}
    return {}


def new_part(key: str, data: dict) -> dict:
    if key == "implications":
        return {"audience": "India", "text": ""}
    if key == "discussion":
        return {"questions": [{"text": ""}]}
    if key == "rapporteur":
        return {}
    return {"text": ""}


def diag_text(p: Problem) -> str:
    where = p.diag.path or "file"
    return f"{where}: {p.diag.full_message()}"


def preview_markdown(report: Any, layout: str = "narrative") -> str:
    """The exporter's Markdown of the report, or a note saying why there is none."""
    if report is None:
        return "*The report does not fit the schema yet: fix the errors (F3 lists them) to see the preview.*"
    try:
        from ..export.markdown import to_markdown
    except ImportError:
        return "*The preview comes from the Markdown exporter (`rapporteur.export.markdown`), which is not installed.*"
    try:
        try:
            return to_markdown(report, layout=layout, metadata=False)  # the page, without the YAML block
        except TypeError:
            return to_markdown(report, layout=layout)
    except Exception as exc:  # an exporter bug must not take the editor down
        return f"*The preview failed: {exc}*"


__all__ = [
    "ITEM_GUIDES",
    "ITEM_LISTS",
    "ITEM_NOUNS",
    "LIST_PARTS",
    "MISSING",
    "OPTIONAL_PARTS",
    "PART_GUIDES",
    "PART_TITLES",
    "STEPS",
    "TOP_PARTS",
    "Analysis",
    "Diagnostic",
    "FieldSpec",
    "Part",
    "Problem",
    "analyse",
    "build_parts",
    "changed_on_disk",
    "child_lists",
    "count_words",
    "display_value",
    "field_specs",
    "format_path",
    "get_at",
    "item_class",
    "item_noun",
    "keys_only",
    "list_path_of",
    "load_checks",
    "new_item",
    "new_part",
    "owner_of",
    "parent_of",
    "parse_path",
    "parse_value",
    "paths_in_order",
    "people_of",
    "person_id_for",
    "person_ids",
    "person_label",
    "preview_markdown",
    "save_text",
    "set_at",
    "stamp_of",
    "stripped",
    "unique_person_id",
]
