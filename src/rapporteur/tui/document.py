"""The editor's state, without a terminal: the report's data, its parts and what is wrong.

The editable state is the report's *data* (the dict a TOML file holds), never a
pydantic model: a half-typed date or an empty required field must survive until
the user finishes typing. Forms read and write values at field paths; the
analysis (``validate.parse_report`` + ``validate.validate_report`` +
``validate.check_completeness`` and, when installed, the house-style checks)
runs on the data after a pause and is never re-implemented here.

This module imports no Textual, so it can be tested and benchmarked alone.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import os
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from .. import ids as ids_
from .. import model as m
from .. import recovery, tomlio, validate
from ..diagnostics import Diagnostic, format_path, parse_path

Path = tuple  # of str | int

# -- the guided path ------------------------------------------------------------------------------

STEPS = ("Event", "People", "Remarks", "Presentations", "Q&A", "Implications", "Conclusion", "Rapporteur", "Review")
STEP_OF_PART = {
    "event": 1,
    "people": 2,
    "lead": 3,
    "summary": 3,
    "remarks": 3,
    "sessions": 4,
    "discussion": 5,
    "implications": 6,
    "conclusion": 7,
    "rapporteur": 8,
    "meta": 9,
}
#: Top-level parts in the outline, in report order (meta is the review step, last).
TOP_PARTS = (
    "event",
    "people",
    "lead",
    "summary",
    "remarks",
    "sessions",
    "discussion",
    "implications",
    "conclusion",
    "rapporteur",
    "meta",
)
OPTIONAL_PARTS = ("lead", "summary", "discussion", "implications", "conclusion", "rapporteur")
LIST_PARTS = ("people", "remarks", "sessions")

PART_TITLES = {
    "event": "Event",
    "people": "People",
    "lead": "Lead",
    "summary": "Executive summary",
    "remarks": "Remarks",
    "sessions": "Sessions",
    "discussion": "Discussion (Q&A)",
    "implications": "Implications",
    "conclusion": "Conclusion",
    "rapporteur": "Rapporteur",
    "meta": "Review",
}

PART_GUIDES = {
    "event": "What, when, where and by whom the event was held: the lead paragraph is composed from these.",
    "people": "Everyone named in the report, written once; other parts refer to them by id. Ctrl+N adds a person.",
    "lead": "The opening paragraph: who spoke on what, when, moderated by whom, and who attended.",
    "summary": "What the event was about and the speaker's main line of argument, in a paragraph or two.",
    "remarks": "Welcome, opening, introductory, keynote, concluding remarks and the vote of thanks, by role.",
    "sessions": "A talk is one session with one presentation; panels have several presentations; conferences several sessions.",
    "discussion": "The Q&A: how it began, each question with its answers, and what was observed. Unattributed formats list the issues raised.",
    "implications": "What the discussion means for India, or for whichever country or audience the report serves.",
    "conclusion": "The report's closing paragraph and key takeaways.",
    "rapporteur": 'Who prepared the report: the closing "Report prepared by ..." line.',
    "meta": "Status, tags and notes. A draft may be incomplete; marking the report final makes every to-do an error.",
}

#: (model, field) pairs that hold a person id, or a list of them.
PERSON_FIELDS = {
    (m.Remark, "by"),
    (m.Session, "chair"),
    (m.Session, "moderator"),
    (m.Question, "asker"),
    (m.Response, "by"),
    (m.Rapporteur, "person"),
}
PERSON_LIST_FIELDS = {(m.Presentation, "speakers"), (m.Event, "attendees")}
PROSE_FIELDS = {"text", "intro", "observations", "notes", "introduction"}
LINE_LIST_FIELDS = {(m.Conclusion, "takeaways"), (m.Discussion, "issues_raised")}
HIDDEN_FIELDS = {(m.Meta, "schema_version")}

#: Lists of items that are parts of their own (outline children), by the key that holds them.
ITEM_LISTS = {
    ("people",): m.Person,
    ("remarks",): m.Remark,
    ("sessions",): m.Session,
    ("sessions", "presentations"): m.Presentation,
    ("sessions", "presentations", "sections"): m.Section,
    ("discussion", "questions"): m.Question,
    ("discussion", "questions", "responses"): m.Response,
    ("sessions", "discussion", "questions"): m.Question,
    ("sessions", "discussion", "questions", "responses"): m.Response,
    ("meta", "silence"): m.Silence,
}
ITEM_NOUNS = {
    m.Person: "person",
    m.Remark: "remarks",
    m.Session: "session",
    m.Presentation: "presentation",
    m.Section: "section",
    m.Question: "question",
    m.Response: "response",
    m.Silence: "silenced finding",
}


def keys_only(path: Path) -> tuple:
    return tuple(p for p in path if not isinstance(p, int))


# -- field specs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldSpec:
    """One editable field of a part: what the form shows and how text becomes data."""

    rel: tuple  # path relative to the part
    title: str
    guide: str
    placeholder: str
    kind: str  # str | prose | date | time | choice | bool | person | persons | tags | lines
    required: bool
    choices: tuple = ()
    group: str | None = None  # the inlined sub-table's title (Organiser)


def _unwrap(annotation):
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _placeholder(info) -> str:
    ex = (info.examples or [None])[0]
    if ex is None:
        return ""
    if isinstance(ex, list):
        return ", ".join(str(x) for x in ex)
    if isinstance(ex, bool):
        return ""
    return str(ex)


_SPEC_CACHE: dict[type, list[FieldSpec]] = {}


def field_specs(cls: type[BaseModel], prefix: tuple = (), group: str | None = None) -> list[FieldSpec]:
    """The form fields of a part of model ``cls`` (sub-tables inlined, item lists left out)."""
    if not prefix and cls in _SPEC_CACHE:
        return _SPEC_CACHE[cls]
    out: list[FieldSpec] = []
    for name, info in cls.model_fields.items():
        if (cls, name) in HIDDEN_FIELDS:
            continue
        ann = _unwrap(info.annotation)
        origin = typing.get_origin(ann)
        required = info.is_required()
        title = info.title or name
        guide = info.description or ""
        ph = _placeholder(info)
        rel = (*prefix, name)
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            out.extend(field_specs(ann, rel, title))
            continue
        if origin is list:
            item = _unwrap(typing.get_args(ann)[0])
            if isinstance(item, type) and issubclass(item, BaseModel):
                continue  # item parts: outline children
            if (cls, name) in PERSON_LIST_FIELDS:
                kind = "persons"
            elif (cls, name) in LINE_LIST_FIELDS:
                kind = "lines"
            else:
                kind = "tags"
            out.append(FieldSpec(rel, title, guide, ph, kind, required, group=group))
            continue
        if (cls, name) in PERSON_FIELDS:
            kind = "person"
        elif origin is typing.Literal:
            out.append(FieldSpec(rel, title, guide, ph, "choice", required, tuple(typing.get_args(ann)), group))
            continue
        elif ann is bool:
            kind = "bool"
        elif ann is dt.date:
            kind = "date"
        elif ann is dt.time:
            kind = "time"
        elif name in PROSE_FIELDS:
            kind = "prose"
        else:
            kind = "str"
        out.append(FieldSpec(rel, title, guide, ph, kind, required, group=group))
    if not prefix:
        _SPEC_CACHE[cls] = out
    return out


# -- data access ---------------------------------------------------------------------------------

_MISSING = object()


def get_at(data: Any, path: Path, default: Any = None) -> Any:
    cur = data
    for part in path:
        if isinstance(part, int):
            if not isinstance(cur, list) or not -len(cur) <= part < len(cur):
                return default
            cur = cur[part]
        else:
            if not isinstance(cur, dict) or part not in cur:
                return default
            cur = cur[part]
    return cur


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


_TIME = re.compile(r"^\s*(\d{1,2}):?(\d{2})(?::(\d{2}))?\s*(?:hrs?|h)?\s*$", re.I)


def parse_value(kind: str, text: str, required: bool) -> Any:
    """What a form's text means as data. Unparseable text is kept as it is (validation says why)."""
    if kind in ("str", "person"):
        return text if (text.strip() or required) else None
    if kind == "prose":
        return text if (text.strip() or required) else None
    if kind == "date":
        s = text.strip()
        if not s:
            return "" if required else None
        try:
            return dt.date.fromisoformat(s)
        except ValueError:
            return text
    if kind == "time":
        s = text.strip()
        if not s:
            return None
        mt = _TIME.match(s)
        if mt:
            try:
                return dt.time(int(mt.group(1)), int(mt.group(2)), int(mt.group(3) or 0))
            except ValueError:
                pass
        return text
    if kind in ("persons", "tags"):
        items = [t.strip() for t in re.split(r"[,;]" if kind == "tags" else r"[,;\s]+", text) if t.strip()]
        return items or None
    if kind == "lines":
        items = [t.strip() for t in text.splitlines() if t.strip()]
        return items or None
    return text


def display_value(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == "time" and isinstance(value, dt.time):
        return value.strftime("%H:%M") if not value.second else value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if kind in ("persons", "tags") and isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if kind == "lines" and isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if kind == "prose" and isinstance(value, str):
        return value[:-1] if value.endswith("\n") and not value.endswith("\n\n") else value
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


_WORD = re.compile(r"\S+")
PROSE_WORD_KEYS = ("text", "intro", "observations", "introduction")


def child_lists(key_path: tuple) -> list[tuple]:
    """The item lists directly under a part whose keys are ``key_path``.

    A list counts when it is one key down (``sessions`` -> ``presentations``) or two,
    through a sub-table (``sessions`` -> ``discussion`` -> ``questions``).
    """
    out = []
    n = len(key_path)
    for kp in ITEM_LISTS:
        if kp[:n] != key_path or len(kp) == n:
            continue
        if len(kp) == n + 1 or (len(kp) == n + 2 and (*kp[: n + 1],) not in ITEM_LISTS):
            out.append(kp)
    return out


def count_words(value: Any) -> int:
    """Words of prose in ``value`` (the same count the recovery prompt gives)."""
    return recovery.count_words(value)


# -- parts (the outline) --------------------------------------------------------------------------


@dataclass
class Part:
    """A node of the outline: a table of the report, a list of items, or one item."""

    path: Path
    kind: str  # "part" (a table), "list" (a list header), "item"
    cls: type[BaseModel] | None
    title: str
    present: bool = True
    children: list[Part] = field(default_factory=list)

    @property
    def top(self) -> str:
        return str(self.path[0])

    @property
    def step(self) -> int:
        return STEP_OF_PART.get(self.top, 9)

    def walk(self) -> Iterator[Part]:
        yield self
        for c in self.children:
            yield from c.walk()


def people_of(data: dict) -> list[dict]:
    """The registry's entries that are tables (a file may hold anything under people = ...)."""
    people = data.get("people")
    return [p for p in people if isinstance(p, dict)] if isinstance(people, list) else []


def _person_label(data: dict, pid: Any) -> str:
    if not isinstance(pid, str) or not pid:
        return ""
    for p in people_of(data):
        if p.get("id") == pid:
            name = _stripped(p.get("name"))
            hon = _stripped(p.get("honorific"))
            return f"{hon} {name}".strip() if name else pid
    return pid


def _stripped(value: Any) -> str:
    """A text value, stripped; anything else (a file may hold a list where a name belongs) as ""."""
    return value.strip() if isinstance(value, str) else ""


def _short(text: Any, width: int = 40) -> str:
    if not isinstance(text, str):
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def item_title(data: dict, path: Path, cls: type[BaseModel], item: Any) -> str:
    idx = path[-1] + 1 if isinstance(path[-1], int) else 0
    if not isinstance(item, dict):
        return f"{ITEM_NOUNS.get(cls, 'item')} {idx}"
    if cls is m.Person:
        name = _stripped(item.get("name"))
        hon = _stripped(item.get("honorific"))
        return f"{hon} {name}".strip() if name else f"({_stripped(item.get('id')) or 'new person'})"
    if cls is m.Remark:
        role = _stripped(item.get("role"))
        role = m.ROLE_LABELS.get(role, role or "Remarks")
        who = _person_label(data, item.get("by"))
        return f"{role}" + (f" — {who}" if who else "")
    if cls is m.Session:
        title = _short(item.get("title"), 30)
        return title or f"Session {idx}"
    if cls is m.Presentation:
        speakers = item.get("speakers")
        who = ", ".join(_person_label(data, s) for s in (speakers if isinstance(speakers, list) else []) if s)
        title = _short(item.get("title"), 24)
        return (title or f"Presentation {idx}") + (f" — {who}" if who else "")
    if cls is m.Section:
        head = _short(item.get("heading"), 34)
        return head or f"Section {idx}" + (f": {_short(item.get('text'), 24)}" if _stripped(item.get("text")) else "")
    if cls is m.Question:
        who = _person_label(data, item.get("asker")) or _short(item.get("asker_description"), 20)
        return f"Q{idx}" + (f" {who}" if who else f" {_short(item.get('text'), 28)}")
    if cls is m.Response:
        who = _person_label(data, item.get("by"))
        return f"Answer {idx}" + (f" — {who}" if who else "")
    if cls is m.Silence:
        return f"Silenced: {_stripped(item.get('rule')) or '?'}"
    return f"{ITEM_NOUNS.get(cls, 'item')} {idx}"


def build_parts(data: dict) -> list[Part]:
    """The outline of ``data``: top-level parts in report order, with their items."""
    out: list[Part] = []

    def items(parent: Part, key_path: tuple, container_path: Path, lst: Any) -> None:
        cls = ITEM_LISTS[key_path]
        if not isinstance(lst, list):
            return
        for i, item in enumerate(lst):
            p = (*container_path, i)
            node = Part(p, "item", cls, item_title(data, p, cls, item))
            parent.children.append(node)
            if isinstance(item, dict):
                for sub_key in child_lists(key_path):
                    rel = sub_key[len(key_path) :]
                    items(node, sub_key, (*p, *rel), get_at(item, rel))

    for key in TOP_PARTS:
        title = PART_TITLES[key]
        value = data.get(key)
        if key in LIST_PARTS:
            part = Part((key,), "list", None, title, present=True)
            items(part, (key,), (key,), value)
        else:
            cls = _unwrap(m.Report.model_fields[key].annotation)
            present = isinstance(value, dict)
            part = Part((key,), "part", cls, title, present=present)
            if present:
                for sub_key in child_lists((key,)):
                    items(part, sub_key, sub_key, get_at(value, sub_key[1:]))
        out.append(part)
    return out


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
    report: m.Report | None
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


def _load_checks():
    """The house-style checks, imported when first needed (after the first paint)."""
    from ..checks import run_checks

    return run_checks


def analyse(data: dict, *, source: tomlio.Source | None = None, style: Any = None, run_checks: Any = None) -> Analysis:
    """Validate the data as the CLI does: structure, completeness (to-dos for drafts), house style."""
    report, diags = validate.parse_report(data)
    problems: list[Problem] = []
    if report is None:
        problems = [Problem(d, "error", parse_path(d.path)) for d in diags]
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

    A report that parses is written by ``tomlio.canonical_text``; data that does not
    (a half-typed date) is still written, as ``tomlio.dumps_data``, so nothing typed
    is lost and ``rapporteur validate`` then says what to fix.
    """
    report, _ = validate.parse_report(data)
    if report is not None:
        return tomlio.canonical_text(report, path, directive), True
    return tomlio.dumps_data(data, directive or tomlio.find_schema_directive(path)), False


def copy_data(data: dict) -> dict:
    return copy.deepcopy(data)


# -- item templates ------------------------------------------------------------------------------


def unique_person_id(data: dict, base: str) -> str:
    ids = {p.get("id") for p in people_of(data) if isinstance(p.get("id"), str)}
    return ids_.unique_id(base, ids)


def person_id_for(data: dict, name: str) -> str:
    """An id from a name: the surname, lower case ("M.S. Prathibha" -> "prathibha")."""
    ids = {p.get("id") for p in people_of(data) if isinstance(p.get("id"), str)}
    return ids_.id_for_name(name, ids)


def new_item(data: dict, cls: type[BaseModel]) -> dict:
    """A fresh item of ``cls``: valid structure, empty prose (a to-do)."""
    first = next((p.get("id") for p in people_of(data) if p.get("id")), None)
    if cls is m.Person:
        return {"id": unique_person_id(data, "person"), "name": ""}
    if cls is m.Remark:
        item = {"role": "introductory", "text": ""}
        item["by"] = first or ""
        return {"role": item["role"], "by": item["by"], "text": ""}
    if cls is m.Session:
        return {"presentations": [{"speakers": [], "sections": [{"text": ""}]}]}
    if cls is m.Presentation:
        return {"speakers": [], "sections": [{"text": ""}]}
    if cls is m.Section:
        return {"text": ""}
    if cls is m.Question:
        return {"text": ""}
    if cls is m.Response:
        return {"text": ""}
    if cls is m.Silence:
        return {"rule": "", "reason": ""}
    return {}


def new_part(key: str, data: dict) -> dict:
    if key == "implications":
        return {"audience": "India", "text": ""}
    if key == "discussion":
        return {"questions": [{"text": ""}]}
    if key == "rapporteur":
        return {}
    return {"text": ""}


def list_path_of(path: Path) -> tuple[Path, int] | None:
    """For an item path, the list that holds it and its index."""
    if path and isinstance(path[-1], int):
        return path[:-1], path[-1]
    return None


def item_class(list_path: Path) -> type[BaseModel] | None:
    return ITEM_LISTS.get(keys_only(list_path))


def parent_of(path: Path) -> Path:
    """The outline parent of a node path (an item's parent part)."""
    if not path:
        return ()
    if isinstance(path[-1], int):
        lp = path[:-1]
        return lp if len(lp) == 1 else lp[:-1]
    return path[:-1]


def diag_text(p: Problem) -> str:
    where = p.diag.path or "file"
    return f"{where}: {p.diag.full_message()}"


__all__ = [
    "Analysis",
    "FieldSpec",
    "Part",
    "Problem",
    "STEPS",
    "analyse",
    "build_parts",
    "field_specs",
    "format_path",
    "get_at",
    "set_at",
]
