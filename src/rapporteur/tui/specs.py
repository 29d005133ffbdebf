"""What the forms show, read from the model: fields, their kinds, titles, guides and item lists.

The model (``rapporteur.model``) is the one owner of the report's vocabulary: field
titles and descriptions are the forms' titles and guides, ``examples[0]`` the
placeholder, ``PersonId`` marks a field that refers to a person, ``Text`` one that holds
prose, a list of models a list of items (an outline child). Only what the model cannot
say (which lists of text are written one per line, what an item is called) is written
here. No Textual: tested and benchmarked alone.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic.functional_validators import AfterValidator
from pydantic_core import PydanticUndefined

from .. import model as m
from ..introspect import is_model, layers, unwrap

Path = tuple  # of str | int


@dataclass(frozen=True)
class FieldSpec:
    """One editable field of a part: what the form shows and how text becomes data."""

    rel: tuple  # path relative to the part
    title: str
    guide: str
    placeholder: str
    kind: str  # str | int | prose | date | time | choice | bool | person | persons | tags | lines
    required: bool
    choices: tuple = ()
    group: str | None = None  # the inlined sub-table's title (Organiser)
    default: Any = None  # the model's default, shown when the data leaves the field out


def _is_person_ref(annotation: Any) -> bool:
    return any(layer == m.PersonId for layer in layers(annotation))


def _is_prose(info: FieldInfo) -> bool:
    """``Text`` fields (normalised prose): the validator sits on the field or inside its Optional."""
    metadata = list(info.metadata)
    for layer in layers(info.annotation):
        if typing.get_origin(layer) is typing.Annotated:
            metadata += list(getattr(layer, "__metadata__", ()))
    return any(isinstance(v, AfterValidator) and v.func is m.normalise_text for v in metadata)


def item_model(info: FieldInfo) -> type[BaseModel] | None:
    """The model of a list of items (``list[Session]``), or None."""
    ann = unwrap(info.annotation)
    if typing.get_origin(ann) is list:
        item = unwrap(typing.get_args(ann)[0])
        if is_model(item):
            return item
    return None


def table_model(info: FieldInfo) -> type[BaseModel] | None:
    """The model of a sub-table (``Organiser``, ``Discussion``), or None."""
    ann = unwrap(info.annotation)
    return ann if is_model(ann) else None


#: Lists of text written one item per line (the model says only ``list[str]``, as for tags).
LINE_LIST_FIELDS = {(m.Conclusion, "takeaways"), (m.Discussion, "issues_raised")}
#: Written by rapporteur, never by hand.
HIDDEN_FIELDS = {(m.Meta, "schema_version")}


def _placeholder(info: FieldInfo) -> str:
    ex = (info.examples or [None])[0]
    if ex is None or isinstance(ex, bool):
        return ""
    if isinstance(ex, list):
        return ", ".join(str(x) for x in ex)
    return str(ex)


def _default(info: FieldInfo) -> Any:
    if info.default is PydanticUndefined or info.default is None:
        return None
    return info.default


def _kind(cls: type[BaseModel], name: str, info: FieldInfo) -> str:
    ann = unwrap(info.annotation)
    origin = typing.get_origin(ann)
    if origin is list:
        if _is_person_ref(typing.get_args(ann)[0]):
            return "persons"
        return "lines" if (cls, name) in LINE_LIST_FIELDS else "tags"
    if _is_person_ref(info.annotation) and name != "id":
        return "person"
    if origin is typing.Literal:
        return "choice"
    if ann is bool:
        return "bool"
    if ann is int:
        return "int"
    if ann is dt.date:
        return "date"
    if ann is dt.time:
        return "time"
    return "prose" if _is_prose(info) else "str"


_SPEC_CACHE: dict[type, list[FieldSpec]] = {}


def field_specs(cls: type[BaseModel], prefix: tuple = (), group: str | None = None) -> list[FieldSpec]:
    """The form fields of a part of model ``cls`` (sub-tables inlined, item lists left out)."""
    if not prefix and cls in _SPEC_CACHE:
        return _SPEC_CACHE[cls]
    out: list[FieldSpec] = []
    for name, info in cls.model_fields.items():
        if (cls, name) in HIDDEN_FIELDS or item_model(info) is not None:
            continue  # item lists are outline children
        title = info.title or name
        sub = table_model(info)
        if sub is not None:
            out.extend(field_specs(sub, (*prefix, name), title))
            continue
        kind = _kind(cls, name, info)
        ann = unwrap(info.annotation)
        choices = tuple(typing.get_args(ann)) if kind == "choice" else ()
        out.append(
            FieldSpec(
                (*prefix, name),
                title,
                info.description or "",
                _placeholder(info),
                kind,
                info.is_required(),
                choices,
                group,
                _default(info),
            )
        )
    if not prefix:
        _SPEC_CACHE[cls] = out
    return out


def person_keys() -> set[str]:
    """The names of every field that refers to people (``by``, ``chair``, ``speakers`` ...)."""
    keys = set()
    for cls in {*ITEM_LISTS.values(), *(part_model(k) for k in m.Report.model_fields)}:
        if cls is None:
            continue
        for spec in field_specs(cls):
            if spec.kind in ("person", "persons"):
                keys.add(str(spec.rel[-1]))
    return keys


# -- item lists and titles, walked from the report's model -------------------------------------------


#: Parts of a report the editor's outline and forms leave out. Notes taken in the room are raw
#: material, hundreds of lines long: they are typed and corrected on the capture screen (F6,
#: `rapporteur notes`) and turned into parts by `rapporteur draft`, never edited as forms.
HIDDEN_PARTS: frozenset[str] = frozenset({"notes"})


def _item_lists() -> dict[tuple, type[BaseModel]]:
    """Every list of items in a report, by the keys that reach it (``("sessions", "presentations")``)."""
    out: dict[tuple, type[BaseModel]] = {}

    def walk(cls: type[BaseModel], keys: tuple, seen: tuple) -> None:
        for name, info in cls.model_fields.items():
            if not keys and name in HIDDEN_PARTS:
                continue
            item = item_model(info)
            if item is not None:
                out[(*keys, name)] = item
                if item not in seen:
                    walk(item, (*keys, name), (*seen, item))
                continue
            sub = table_model(info)
            if sub is not None and sub not in seen and keys:  # top-level tables are parts of their own
                walk(sub, (*keys, name), (*seen, sub))
            elif sub is not None and not keys:
                walk(sub, (name,), (sub,))

    walk(m.Report, (), (m.Report,))
    return out


ITEM_LISTS: dict[tuple, type[BaseModel]] = _item_lists()

#: What one item of each list is called ("Add presentation"): the model names lists, not items.
ITEM_NOUNS: dict[type[BaseModel], str] = {
    m.Person: "person",
    m.Remark: "remarks",
    m.Session: "session",
    m.Presentation: "presentation",
    m.Section: "section",
    m.Question: "question",
    m.Response: "response",
    m.Silence: "silenced finding",
    m.Partner: "partner",
    m.EventAppearance: "role",
    m.Appearance: "role",
    m.Delegation: "delegation",
}


def item_noun(cls: type[BaseModel]) -> str:
    return ITEM_NOUNS.get(cls) or re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()


#: The top-level parts in the outline: the report's fields in order, with meta (the review step) last.
TOP_PARTS: tuple[str, ...] = (*(k for k in m.Report.model_fields if k != "meta" and k not in HIDDEN_PARTS), "meta")
#: Parts that a report may leave out (Optional in the model).
OPTIONAL_PARTS: tuple[str, ...] = tuple(
    k for k, info in m.Report.model_fields.items() if not info.is_required() and item_model(info) is None
)
#: Parts that are lists of items.
LIST_PARTS: tuple[str, ...] = tuple(
    k for k, info in m.Report.model_fields.items() if item_model(info) is not None and k not in HIDDEN_PARTS
)
#: Part titles from the model; the file's metadata is the last step of the guided path, Review.
PART_TITLES: dict[str, str] = {
    k: ("Review" if k == "meta" else info.title or k) for k, info in m.Report.model_fields.items()
}


def part_model(key: str) -> type[BaseModel] | None:
    """The model of a top-level table part (None for a list part)."""
    info = m.Report.model_fields.get(key)
    return table_model(info) if info is not None else None


# -- text <-> data ----------------------------------------------------------------------------------

_TIME = re.compile(r"^\s*(\d{1,2}):?(\d{2})(?::(\d{2}))?\s*(?:hrs?|h)?\s*$", re.IGNORECASE)


def parse_value(kind: str, text: str, required: bool) -> Any:
    """What a form's text means as data. Unparseable text is kept as it is (validation says why)."""
    if kind in ("str", "person", "prose"):
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
    if kind == "int":  # an edition, a delegation's size: a number, or the text kept for validation to name
        s = text.strip()
        if not s:
            return None
        return int(s) if s.isdigit() else text
    if kind in ("persons", "tags"):
        items = [t.strip() for t in re.split(r"[,;]" if kind == "tags" else r"[,;\s]+", text) if t.strip()]
        return items or None
    if kind == "lines":
        items = [t.strip() for t in text.splitlines() if t.strip()]
        return items or None
    return text


def display_value(kind: str, value: Any) -> str:
    """The text a form shows for a value (the inverse of :func:`parse_value` for valid data)."""
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
