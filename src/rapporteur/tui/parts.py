"""The outline of a report: its parts (tables, lists of items, items), their titles and order.

One order drives the outline, next/previous part, the guided path's steps and the
problem order: :func:`build_parts` walks the data in report order, and
:func:`paths_in_order` lists it. No Textual.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..terms import ROLE_LABELS, ROLES
from .specs import ITEM_LISTS, LIST_PARTS, PART_TITLES, TOP_PARTS, item_noun, part_model

Path = tuple  # of str | int

# -- the guided path ------------------------------------------------------------------------------

STEPS = (
    "Event",
    "People",
    "Lead and remarks",
    "Presentations",
    "Q&A",
    "Implications",
    "Conclusion",
    "Rapporteur",
    "Review",
)
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
    "attendance": 7,
    "headings": 8,
    "rapporteur": 8,
    "meta": 9,
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
    "attendance": "Who attended, and the delegations' members: a section of its own, or the narrative's last paragraph.",
    "headings": "Headings for the report's parts, where the organisation's own differ from the house style's.",
    "rapporteur": 'Who prepared the report: the closing "Report prepared by ..." line.',
    "meta": "Status, tags and notes. A draft may be incomplete; marking the report final makes every to-do an error.",
}


#: The one-line guide of an item part, by model name: what one item holds.
ITEM_GUIDES = {
    "Person": "A person named in the report: honorific, name and post-nominals are separate, so names print correctly everywhere.",
    "Remark": "Remarks by role (welcome, introductory, keynote, concluding, vote of thanks), in reported speech.",
    "Session": "A session: its title and chair or moderator. Its presentations are below it in the outline.",
    "Presentation": "A talk within the session: who presented, and the themes (sections) in the order they were taken up.",
    "Section": "One theme of the presentation, in reported speech. Headings show only in the sectioned layout.",
    "Question": 'A question in reported speech: name the asker (an id) or describe them ("One of the scholars"). Answers go below it.',
    "Response": "An answer, in reported speech; leave By empty when unattributed.",
    "Silence": "A house-style finding accepted for this report, with the reason kept.",
    "Appearance": "Who chaired, co-chaired, moderated or presided over the session, or answered it as discussant: the lead and the session's opening say it from this role.",
    "EventAppearance": "Who was the Chief Guest or Guest of Honour, or presided over the event as a whole: the lead says it from this role.",
    "Partner": "Another institution that organised the event with the organiser, or supported it.",
    "Delegation": "A visiting delegation or team, or one side of a dialogue: who they came from, how many, who led them.",
}


def keys_only(path: Path) -> tuple:
    """The keys of a path without its indices: ``("sessions", 0, "presentations")`` -> ``("sessions", "presentations")``."""
    return tuple(p for p in path if not isinstance(p, int))


def get_at(data: Any, path: Path, default: Any = None) -> Any:
    """The value at ``path``, or ``default`` when the data does not reach it (of whatever shape the file holds)."""
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


# -- parts (the outline) --------------------------------------------------------------------------


@dataclass
class Part:
    """A node of the outline: a table of the report, a list of items, or one item."""

    path: Path
    kind: str  # "part" (a table), "list" (a list header), "item"
    cls: str | None  # the model of a table or an item, by name ("Session"); None for a list
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


def person_ids(data: dict) -> list[str]:
    """The registry's ids, in order (entries without a text id left out)."""
    return [p["id"] for p in people_of(data) if isinstance(p.get("id"), str)]


def person_label(data: dict, pid: Any) -> str:
    """How a person id reads: "Dr. Anita Rao"; someone known only by office by the office ("Director
    General"); the id itself when the registry has neither for it."""
    if not isinstance(pid, str) or not pid:
        return ""
    for p in people_of(data):
        if p.get("id") == pid:
            name = stripped(p.get("name"))
            hon = stripped(p.get("honorific"))
            return f"{hon} {name}".strip() if name else stripped(p.get("designation")) or pid
    return pid


def stripped(value: Any) -> str:
    """A text value, stripped; anything else (a file may hold a list where a name belongs) as ""."""
    return value.strip() if isinstance(value, str) else ""


def _short(text: Any, width: int = 40) -> str:
    if not isinstance(text, str):
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def item_title(data: dict, path: Path, cls: str, item: Any) -> str:
    idx = path[-1] + 1 if isinstance(path[-1], int) else 0
    if not isinstance(item, dict):
        return f"{item_noun(cls)} {idx}"
    if cls == "Person":
        name = stripped(item.get("name"))
        hon = stripped(item.get("honorific"))
        if name:
            return f"{hon} {name}".strip()
        office = _short(item.get("designation"), 30)  # known only by office: "Director General"
        return office or f"({stripped(item.get('id')) or 'new person'})"
    if cls == "Remark":
        role = stripped(item.get("role"))
        role = ROLE_LABELS.get(role, role or "Remarks")
        who = person_label(data, item.get("by"))
        return f"{role}" + (f" — {who}" if who else "")
    if cls == "Session":
        title = _short(item.get("title"), 30)
        return title or f"Session {idx}"
    if cls == "Presentation":
        speakers = item.get("speakers")
        who = ", ".join(person_label(data, s) for s in (speakers if isinstance(speakers, list) else []) if s)
        title = _short(item.get("title"), 24)
        return (title or f"Presentation {idx}") + (f" — {who}" if who else "")
    if cls == "Section":
        head = _short(item.get("heading"), 34)
        return head or f"Section {idx}" + (f": {_short(item.get('text'), 24)}" if stripped(item.get("text")) else "")
    if cls == "Question":
        who = person_label(data, item.get("asker")) or _short(item.get("asker_description"), 20)
        return f"Q{idx}" + (f" {who}" if who else f" {_short(item.get('text'), 28)}")
    if cls == "Response":
        who = person_label(data, item.get("by"))
        return f"Answer {idx}" + (f" — {who}" if who else "")
    if cls == "Silence":
        return f"Silenced: {stripped(item.get('rule')) or '?'}"
    if cls in ("Appearance", "EventAppearance"):  # "Chair — Dr. X", "Special Guest — Y"
        role = stripped(item.get("role"))
        words = ROLES.get(role) if isinstance(role, str) else None
        label = _short(item.get("label"), 24) or (words.label if words and role != "other" else f"Role {idx}")
        people = item.get("people")
        who = ", ".join(person_label(data, x) for x in (people if isinstance(people, list) else []) if x)
        return label + (f" — {who}" if who else "")
    if cls == "Partner":
        return _short(item.get("short_name") or item.get("name"), 30) or f"Partner {idx}"
    if cls == "Delegation":
        where = _short(item.get("organisation") or item.get("country"), 30)
        return f"Delegation {idx}" + (f" — {where}" if where else "")
    return f"{item_noun(cls)} {idx}"


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
            cls = part_model(key)
            present = isinstance(value, dict)
            part = Part((key,), "part", cls, title, present=present)
            if present:
                for sub_key in child_lists((key,)):
                    items(part, sub_key, sub_key, get_at(value, sub_key[1:]))
        out.append(part)
    return out


def paths_in_order(parts: list[Part]) -> list[Path]:
    """Every node's path in outline order (the order of next/previous part and of problems)."""
    return [p.path for top in parts for p in top.walk()]


def owner_of(paths: Any, loc: tuple) -> tuple:
    """The deepest node among ``paths`` whose path is a prefix of ``loc`` (the part that shows it)."""
    loc = tuple(loc)
    while loc and loc not in paths:
        loc = loc[:-1]
    if not loc:
        return ("meta",) if ("meta",) in paths else ()
    return loc


def list_path_of(path: Path) -> tuple[Path, int] | None:
    """For an item path, the list that holds it and its index."""
    if path and isinstance(path[-1], int):
        return path[:-1], path[-1]
    return None


def item_class(list_path: Path) -> str | None:
    return ITEM_LISTS.get(keys_only(list_path))


def parent_of(path: Path) -> Path:
    """The outline parent of a node path (an item's parent part)."""
    if not path:
        return ()
    if isinstance(path[-1], int):
        lp = path[:-1]
        return lp if len(lp) == 1 else lp[:-1]
    return path[:-1]
