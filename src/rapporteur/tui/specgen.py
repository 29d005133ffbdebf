"""The editor's forms and outline read from the models, written to ``data/forms.json``.

The model (``rapporteur.model``) is the one owner of the report's vocabulary: field
titles and descriptions are the forms' titles and guides, ``examples[0]`` the
placeholder, ``PersonId`` marks a field that refers to a person, ``Text`` one that holds
prose, a list of models a list of items (an outline child). Only what the model cannot
say (which lists of text are written one per line) is written here.

The editor reads the result from the committed file (:mod:`.specs`), so its first screen
never imports pydantic or the models (~250 ms of a new process); a test fails when the
file is stale. Regenerate with ``python -m rapporteur.tui.specgen``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic.functional_validators import AfterValidator
from pydantic_core import PydanticUndefined

from .. import model as m
from ..introspect import is_model, layers, unwrap
from .fieldspec import FORMS_FILE, HIDDEN_PARTS, FieldSpec

#: Lists of text written one item per line (the model says only ``list[str]``, as for tags).
LINE_LIST_FIELDS = {(m.Conclusion, "takeaways"), (m.Discussion, "issues_raised")}
#: Written by rapporteur, never by hand.
HIDDEN_FIELDS = {(m.Meta, "schema_version")}


def models() -> list[type[BaseModel]]:
    """Every model of a report (by name: the editor knows a model by its class name)."""
    found: list[type[BaseModel]] = [
        c for c in vars(m).values() if isinstance(c, type) and issubclass(c, m.Model) and c is not m.Model
    ]
    names = [c.__name__ for c in found]
    assert len(set(names)) == len(names), "two models share a name"
    return found


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


def field_specs(cls: type[BaseModel], prefix: tuple = (), group: str | None = None) -> list[FieldSpec]:
    """The form fields of a part of model ``cls`` (sub-tables inlined, item lists left out)."""
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
        choices = tuple(typing.get_args(unwrap(info.annotation))) if kind == "choice" else ()
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
    return out


def _as_data(spec: FieldSpec) -> dict:
    """A field as the forms file holds it (what is empty or None left out)."""
    out: dict[str, Any] = {
        "rel": list(spec.rel),
        "title": spec.title,
        "guide": spec.guide,
        "placeholder": spec.placeholder,
        "kind": spec.kind,
        "required": spec.required,
    }
    if spec.choices:
        out["choices"] = list(spec.choices)
    if spec.group is not None:
        out["group"] = spec.group
    if spec.default is not None:
        out["default"] = spec.default
    return out


def item_lists() -> dict[tuple, type[BaseModel]]:
    """Every list of items in a report, by the keys that reach it, and its items' model."""
    return dict(_item_lists())


def _item_lists() -> list[tuple[tuple, type[BaseModel]]]:
    """Every list of items in a report, by the keys that reach it (``("sessions", "presentations")``)."""
    out: list[tuple[tuple, type[BaseModel]]] = []

    def walk(cls: type[BaseModel], keys: tuple, seen: tuple) -> None:
        for name, info in cls.model_fields.items():
            if not keys and name in HIDDEN_PARTS:
                continue
            item = item_model(info)
            if item is not None:
                out.append(((*keys, name), item))
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


def derive() -> dict:
    """Everything the editor's forms and outline need to know about the models, as JSON data."""
    fields = m.Report.model_fields
    parts = []
    for key, info in fields.items():
        sub = table_model(info)
        parts.append(
            {
                "key": key,
                "title": info.title or key,
                "model": sub.__name__ if sub is not None else None,
                "list": item_model(info) is not None,
                "required": info.is_required(),
            }
        )
    return {
        "about": "The editor's forms and outline, derived from rapporteur.model: python -m rapporteur.tui.specgen",
        "parts": parts,
        "item_lists": [{"keys": list(keys), "model": cls.__name__} for keys, cls in _item_lists()],
        "models": {cls.__name__: [_as_data(f) for f in field_specs(cls)] for cls in models()},
    }


def derive_text() -> str:
    return json.dumps(derive(), indent=1, ensure_ascii=False) + "\n"


def main() -> None:
    """Write ``data/forms.json`` next to the package's other data."""
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", FORMS_FILE)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(derive_text())
    print(path)


if __name__ == "__main__":
    main()
