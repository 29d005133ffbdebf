"""The editor's controller, without a terminal: the data, its outline, its problems in order, and edits.

The screen (``screens/editor.py``) is a thin shell over this: it turns keys and
widget messages into calls here and shows what comes back. Everything here can be
tested without Textual; nothing here knows about widgets, timers or the file.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Any

from .. import ids as ids_
from ..ids import ID_PATTERN, PLACEHOLDER_ID
from ..terms import HOSTS, ROLES
from . import document as doc
from .specs import person_keys

Path = tuple  # of str | int
_KIND_RANK = {"error": 0, "warning": 1, "todo": 2}
_PERSON_KEYS: set[str] = set()


def _person_keys() -> set[str]:
    if not _PERSON_KEYS:
        _PERSON_KEYS.update(person_keys())
    return _PERSON_KEYS


def _roles_of(holder: dict) -> list[tuple[int, str]]:
    """(index, role) of each role entry of an event or a session whose role the vocabulary knows."""
    roles = holder.get("roles")
    out = []
    for r, entry in enumerate(roles if isinstance(roles, list) else []):
        role = entry.get("role") if isinstance(entry, dict) else None
        if isinstance(role, str) and role in ROLES and role != "other":
            out.append((r, role))
    return out


#: A field path inside a message: at least one index or dot, so plain words are left alone.
_PATH = re.compile(r"\b[a-z_]+(?:\[\d*\]|\.[a-z_]+)+")


class Controller:
    """One report being edited: ``data`` is the truth; ``parts`` and ``ordered`` follow it."""

    def __init__(self, data: dict) -> None:
        self.data: dict = data
        self.current: Path = ("event",)
        self.analysis: doc.Analysis | None = None
        self.ordered: list[doc.Problem] = []
        self.parts: list[doc.Part] = []
        self.order: dict[Path, int] = {}
        self.to_check: dict[Path, str] = {}  # fields the guided path visits once (see guide_checks)
        self.refs_for: dict[int, tuple[dict, Any]] = {}  # a person's table -> the id references use
        self.auto_ids: dict[int, dict] = {}  # people whose id was derived from their name
        self.moved: str | None = None  # the id references last moved to (the screen says so)
        self.rebuild()

    def guide_checks(self) -> None:
        """On a new report's guided path, visit every field the lead is composed from, once.

        Filling names in People never showed the session's form, so a chair stood in the
        Moderator field and the lead said "moderated by" (issue 13.2). These to-dos go
        when the field is left after a visit (:meth:`visited`).
        """
        date = doc.get_at(self.data, ("event", "date"))
        if date == dt.date.today():
            self.to_check[("event", "date")] = (
                "pre-filled with today's date, when the report was created: is it the day of the event?"
            )
        event = self.data.get("event")
        event = event if isinstance(event, dict) else {}
        for r, role in _roles_of(event):  # the chief guest, the guest of honour, who presided
            self.to_check[("event", "roles", r, "people")] = (
                f"check who {ROLES[role].verb}: the lead says it from this role"
                if role != "presided-over"
                else 'check who presided over the event: the lead says "presided over by" from this role'
            )
        delegations = event.get("delegations")
        for d, entry in enumerate(delegations if isinstance(delegations, list) else []):
            if isinstance(entry, dict) and "leader" in entry:
                self.to_check[("event", "delegations", d, "leader")] = (
                    "check who led the delegation: the lead names the visitors from this entry"
                )
        sessions = self.data.get("sessions")
        for i, s in enumerate(sessions if isinstance(sessions, list) else []):
            if not isinstance(s, dict):
                continue
            for r, role in _roles_of(s):
                if role not in HOSTS:
                    continue
                verb = ROLES[role].by
                other = {
                    "chair": " (make the role moderator if that was theirs)",
                    "moderator": " (make the role chair if that was theirs)",
                }
                self.to_check[("sessions", i, "roles", r, "people")] = (
                    f'check who {verb.removesuffix(" by")} this session: the lead says "{verb}" from this role'
                    + other.get(role, "")
                )
            pres = s.get("presentations")
            for j, _p in enumerate(pres if isinstance(pres, list) else []):
                self.to_check[("sessions", i, "presentations", j, "speakers")] = (
                    "check who spoke: the lead names the speakers from this field"
                )

    def visited(self, path: Path) -> bool:
        """A field was left after being focused: its guided check is done. True when one was."""
        return self.to_check.pop(tuple(path), None) is not None

    # -- the outline ------------------------------------------------------------------------------
    def rebuild(self) -> bool:
        """Build the parts again from the data; True when the outline's shape (its paths) changed."""
        old = list(self.order)
        self.parts = doc.build_parts(self.data)
        paths = doc.paths_in_order(self.parts)
        self.order = {p: i for i, p in enumerate(paths)}
        return paths != old

    def paths_in_order(self) -> list[Path]:
        return list(self.order)

    def part_at(self, path: Path) -> doc.Part | None:
        for top in self.parts:
            for p in top.walk():
                if p.path == path:
                    return p
        return None

    def owner(self, loc: tuple) -> Path:
        """The outline part that shows ``loc``."""
        return doc.owner_of(self.order, loc)

    def neighbour(self, path: Path, delta: int) -> Path | None:
        """The part ``delta`` steps from ``path`` in outline order (None past either end)."""
        i = self.order.get(path)
        if i is None:
            return None
        order = self.paths_in_order()
        j = i + delta
        return order[j] if 0 <= j < len(order) else None

    def crumbs(self, path: Path) -> str:
        """The readable location of a part: "Sessions › Session 1 › Presentation 1"."""
        titles = []
        for i in range(1, len(path) + 1):
            p = self.part_at(path[:i])
            if p is not None:
                titles.append(p.title)
        return " › ".join(titles)

    def short_crumbs(self, path: Path) -> str:
        """A part named so it cannot be mistaken: "Presentation 1 › Section 2", not "Section 2" alone."""
        part = self.part_at(path)
        if part is None:
            return ""
        if part.kind != "item":
            return part.title
        parent = self.part_at(doc.parent_of(path))
        return f"{parent.title} › {part.title}" if parent is not None and parent.kind == "item" else part.title

    def guide_of(self, part: doc.Part) -> str:
        """The one-line guide of a part: the part's own for a top-level part, the item's for an item."""
        if len(part.path) > 1 and part.cls is not None:
            return doc.ITEM_GUIDES.get(part.cls, "")
        return doc.PART_GUIDES.get(part.top, "")

    def child_lists(self, part: doc.Part) -> list[tuple[tuple, str]]:
        """The item lists directly inside a part: (keys relative to the part, noun)."""
        if part.cls is None:
            return []
        kp = doc.keys_only(part.path)
        return [(key_path[len(kp) :], doc.item_noun(doc.ITEM_LISTS[key_path])) for key_path in doc.child_lists(kp)]

    def person_ids(self) -> list[str]:
        return doc.person_ids(self.data)

    # -- people by name (issue 13.3) ---------------------------------------------------------------------
    def person_names(self) -> list[tuple[str, str]]:
        """(name as written, id) of every named person, for completion and for typing names."""
        out = []
        for p in doc.people_of(self.data):
            pid, name = p.get("id"), doc.stripped(p.get("name")) or doc.stripped(p.get("designation"))
            if isinstance(pid, str) and name:  # someone known only by office is found by the office
                out.append((name, pid))
                label = doc.person_label(self.data, pid)
                if label != name:
                    out.append((label, pid))
        return out

    def person_candidates(self) -> list[str]:
        """What a person field completes: ids, then names as written."""
        return [*self.person_ids(), *(name for name, _pid in self.person_names())]

    def id_for_token(self, token: str) -> str:
        """A person field's token as an id: an id stays, a registry name becomes its person's id."""
        t = " ".join(token.split())
        if t in self.person_ids():
            return t
        low = t.lower()
        matches = {pid for name, pid in self.person_names() if name.lower() == low}
        return matches.pop() if len(matches) == 1 else token

    def person_value(self, kind: str, text: str, value: Any) -> Any:
        """What a person field's text means: names of people in the registry become their ids."""
        if kind == "person":
            return self.id_for_token(value) if isinstance(value, str) else value
        if kind == "persons":
            out: list[str] = []
            for token in re.split(r"[,;]", text):
                token = token.strip()
                if not token:
                    continue
                pid = self.id_for_token(token)
                out.extend([pid] if pid != token or " " not in token else token.split())
            return out or None
        return value

    def rename_person(self, old: str, new: str) -> int:
        """Point every reference to ``old`` at ``new``; how many were changed."""
        keys = _person_keys()
        count = 0

        def walk(node: Any) -> None:
            nonlocal count
            if isinstance(node, dict):
                for k, v in node.items():
                    if k in keys and v == old:
                        node[k] = new
                        count += 1
                    elif k in keys and isinstance(v, list):
                        for i, x in enumerate(v):
                            if x == old:
                                v[i] = new
                                count += 1
                    else:
                        walk(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v)

        for key, value in self.data.items():
            if key != "people":
                walk(value)
        return count

    def follow_person(self, path: Path, old: Any) -> None:
        """After a person's id or name changed: keep every reference pointing at them.

        Runs on every change, in order, so it holds however fast the keys come: references
        follow the id while it is a valid id that no one else has (a half-typed or taken id
        leaves them where they were, and the next valid one takes them on). A person whose
        id is a placeholder ("panellist-2") or was derived from their name gets an id
        derived from the name as it is typed.
        """
        person = doc.get_at(self.data, path[:2])
        if not isinstance(person, dict):
            return
        key = id(person)
        ref = self.refs_for.get(key, (person, old if path[2] == "id" else person.get("id")))[1]
        if path[2] in ("name", "designation"):
            pid = person.get("id")
            auto = key in self.auto_ids or (isinstance(pid, str) and PLACEHOLDER_ID.match(pid) is not None)
            name = doc.stripped(person.get("name"))
            office = doc.stripped(person.get("designation"))
            if not auto or not (name or office) or (path[2] == "designation" and name):
                return
            others = [x for x in self.person_ids() if x != pid]
            # someone known only by office takes an id from it ("Director General" -> director-general)
            person["id"] = ids_.id_for_name(name, others) if name else ids_.unique_id(office, others)
            self.auto_ids[key] = person
        else:
            self.auto_ids.pop(key, None)  # an id typed by hand is kept as typed
        new = person.get("id")
        taken = [p.get("id") for p in doc.people_of(self.data) if p is not person]
        if isinstance(new, str) and ID_PATTERN.match(new) and new not in taken and isinstance(ref, str):
            if ref != new:
                self.rename_person(ref, new)
                self.moved = new
            ref = new
        self.refs_for[key] = (person, ref)

    # -- values -------------------------------------------------------------------------------------
    def set_value(self, path: Path, value: Any) -> bool:
        """Write a field's value; False when it changes nothing (a missing field left empty is no change)."""
        old = doc.get_at(self.data, path, doc.MISSING)
        if old is doc.MISSING and value is None:
            return False
        if old == value and type(old) is type(value):
            return False
        doc.set_at(self.data, path, value)
        if len(path) == 3 and path[0] == "people" and path[2] in ("id", "name", "designation"):
            self.follow_person(path, None if old is doc.MISSING else old)
        return True

    # -- problems -----------------------------------------------------------------------------------
    def analyse(self, run_checks: doc.RunChecks | None, style: Any) -> bool:
        """Analyse the data and order its problems; True when the outline's shape changed."""
        self.analysis = doc.analyse(self.data, run_checks=run_checks, style=style)
        for path, message in self.to_check.items():
            if doc.get_at(self.data, path) is not None:
                diag = doc.Diagnostic("", message, "guided-check", severity="info", path=doc.format_path(path))
                self.analysis.problems.append(doc.Problem(diag, "todo", path))
        changed = self.rebuild()
        self.ordered = sorted(self.analysis.problems, key=self.problem_key)
        return changed

    def field_index(self, owner: Path, loc: tuple) -> int:
        """The position of the field that holds ``loc`` in its part's form (-1 for the part itself)."""
        part = self.part_at(owner)
        if part is None or part.cls is None:
            return -1
        rel = tuple(loc[len(owner) :])
        for i, spec in enumerate(doc.field_specs(part.cls)):
            if rel[: len(spec.rel)] == spec.rel:
                return i
        return -1

    def problem_key(self, p: doc.Problem) -> tuple:
        owner = self.owner(p.loc)
        return (self.order.get(owner, 10**6), self.field_index(owner, p.loc), _KIND_RANK[p.kind])

    def where(self, p: doc.Problem) -> str:
        """A problem's location in words: the part's breadcrumbs and the field's title."""
        return self.place(p.loc)

    def place(self, loc: tuple) -> str:
        """A location in words ("Sessions › Session 1 › Presentation 1 › Speakers"), never a field path."""
        owner = self.owner(loc)
        bits = [self.crumbs(owner)] if owner else ["File"]
        idx = self.field_index(owner, loc)
        part = self.part_at(owner)
        if idx >= 0 and part is not None and part.cls is not None:
            bits.append(doc.field_specs(part.cls)[idx].title)
        return " › ".join(bits)

    def humanise(self, text: str) -> str:
        """``text`` with every field path in it (``sessions[0].presentations[0]``) put in words."""

        def words(found: re.Match[str]) -> str:
            if "[]" in found.group(0):
                return self.any_item_field(found.group(0)) or found.group(0)
            loc = doc.parse_path(found.group(0))
            owner = self.owner(loc) if loc and (loc[0],) in self.order else ()
            if not owner or (loc != owner and self.field_index(owner, loc) < 0):
                return found.group(0)  # not a place in this report ("rapporteur.toml", "e.g.")
            return self.place(loc)

        return _PATH.sub(words, text)

    def any_item_field(self, path: str) -> str | None:
        """``sessions[].moderator`` in words: "the moderator of a session"."""
        keys = doc.keys_only(doc.parse_path(path.replace("[]", "")))
        for n in range(len(keys), 0, -1):
            cls = doc.ITEM_LISTS.get(keys[:n])
            if cls is None:
                continue
            rel = keys[n:]
            spec = next((s for s in doc.field_specs(cls) if s.rel == rel), None)
            noun = doc.item_noun(cls)
            return f"the {spec.title.lower()} of a {noun}" if spec is not None else f"a {noun}"
        return None

    def problems_of(self, path: Path) -> list[doc.Problem]:
        """The problems a part's form shows."""
        return [p for p in self.ordered if self.owner(p.loc) == path]

    def next_problem(self, position: tuple, delta: int) -> doc.Problem | None:
        """The problem after (or before) ``position`` = (part order, field index), wrapping around."""
        if not self.ordered:
            return None
        keys = [self.problem_key(p)[:2] for p in self.ordered]
        if delta > 0:
            return next((p for p, k in zip(self.ordered, keys, strict=True) if k > position), self.ordered[0])
        return next(
            (p for p, k in zip(reversed(self.ordered), reversed(keys), strict=True) if k < position), self.ordered[-1]
        )

    def review_text(self) -> str:
        """The review step's summary: words, errors, to-dos, house-style findings, and what is next."""
        a = self.analysis
        if a is None:
            return ""
        status = doc.get_at(self.data, ("meta", "status")) or "draft"
        lines = [f"The report has {a.words:,} words of prose.", ""]
        if a.errors:
            lines.append(
                f"✗ {a.errors} error{'s' if a.errors != 1 else ''} to fix (F3 lists them, F2 jumps to the next)."
            )
        if a.todos:
            lines.append(f"○ {a.todos} thing{'s' if a.todos != 1 else ''} still to write before it can be final.")
        if a.warnings:
            lines.append(f"! {a.warnings} house-style finding{'s' if a.warnings != 1 else ''}.")
        if not (a.errors or a.todos):
            lines.append(
                "✓ Complete."
                + (
                    " Set the status to final when it is approved."
                    if status != "final"
                    else " It passes `rapporteur validate --final`."
                )
            )
        return "\n".join(lines)

    def person_note(self, value: Any) -> str:
        """What a person field's ids stand for ("→ Dr. Anita Rao, Director"), or the ids known."""
        ids = value if isinstance(value, list) else [value] if value else []
        # the file may hold anything where an id or a name belongs: the form shows it, never fails on it
        people = {p["id"]: p for p in doc.people_of(self.data) if isinstance(p.get("id"), str)}
        notes = []
        for pid in ids:
            p = people.get(pid) if isinstance(pid, str) else None
            if p is None:
                notes.append(f"{pid}: not in the registry (Ctrl+N adds a person)")
                continue
            bits = [f"{doc.stripped(p.get('honorific'))} {doc.stripped(p.get('name')) or '(no name yet)'}".strip()]
            bits += [str(p[k]) for k in ("post_nominals", "designation", "affiliation") if p.get(k)]
            notes.append("→ " + ", ".join(bits))
        if not ids:
            known = ", ".join(people) if people else "none yet"
            return f"Known ids: {known}. Ctrl+N adds a person."
        return "\n".join(notes)

    # -- structure: each edit returns the path to show next ------------------------------------------
    def insert_item(self, list_path: Path, index: int, item: dict | None = None) -> Path | None:
        cls = doc.item_class(list_path)
        if cls is None:
            return None
        lst = doc.get_at(self.data, list_path)
        if not isinstance(lst, list):
            lst = []
            doc.set_at(self.data, list_path, lst)
        lst.insert(index, item if item is not None else doc.new_item(self.data, cls))
        return (*list_path, index)

    def add_target(self, part: doc.Part) -> tuple[Path, int] | None:
        """Where Ctrl+N in the outline adds an item: after an item, at the end of a list or of a part's first list."""
        if part.kind == "list":
            return part.path, len(doc.get_at(self.data, part.path) or [])
        if part.kind == "item":
            found = doc.list_path_of(part.path)
            return (found[0], found[1] + 1) if found else None
        lists = self.child_lists(part)
        if not lists:
            return None
        list_path = (*part.path, *lists[0][0])
        return list_path, len(doc.get_at(self.data, list_path) or [])

    def child_target(self, part: doc.Part, key_index: int) -> tuple[Path, int] | None:
        """Where the form's "Add ..." button number ``key_index`` adds an item."""
        if part.kind == "list":
            return part.path, len(doc.get_at(self.data, part.path) or [])
        lists = self.child_lists(part)
        if key_index >= len(lists):
            return None
        lp = (*part.path, *lists[key_index][0])
        return lp, len(doc.get_at(self.data, lp) or [])

    def add_part(self, key: str) -> Path:
        """Add an optional part (kept in report order); a part already there is only shown."""
        if isinstance(self.data.get(key), dict):
            return (key,)
        self.data[key] = doc.new_part(key, self.data)
        order = ["meta", *doc.TOP_PARTS[:-1]]
        self.data = {k: self.data[k] for k in sorted(self.data, key=lambda k: order.index(k) if k in order else 99)}
        return (key,)

    def removable(self, part: doc.Part) -> bool:
        return not (
            part.kind == "list" or (part.kind == "part" and part.top not in doc.OPTIONAL_PARTS) or not part.present
        )

    def remove(self, path: Path) -> Path:
        """Remove the item or optional part at ``path``; the path to show after it."""
        found = doc.list_path_of(path)
        if found is None:
            self.data.pop(path[0], None)
            return path
        list_path, i = found
        lst = doc.get_at(self.data, list_path)
        del lst[i]
        return doc.parent_of(path) if not lst else (*list_path, min(i, len(lst) - 1))

    def duplicate(self, part: doc.Part) -> tuple[Path, int, dict]:
        """A copy of an item to insert after it (a person's copy gets an id of its own)."""
        found = doc.list_path_of(part.path)
        assert found is not None
        item = copy.deepcopy(doc.get_at(self.data, part.path))
        if part.cls == "Person" and isinstance(item, dict):
            item["id"] = doc.unique_person_id(self.data, str(item.get("id") or "person"))
        return found[0], found[1] + 1, item

    def move(self, path: Path, delta: int) -> Path | None:
        """Swap an item with its neighbour; the item's new path, or None at either end."""
        found = doc.list_path_of(path)
        if found is None:
            return None
        list_path, i = found
        lst = doc.get_at(self.data, list_path)
        j = i + delta
        if not (0 <= j < len(lst)):
            return None
        lst[i], lst[j] = lst[j], lst[i]
        return (*list_path, j)

    def is_person(self, part: doc.Part) -> bool:
        return part.cls == "Person"
