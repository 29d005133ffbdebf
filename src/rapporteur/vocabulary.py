"""The vocabulary of a report: every part and field, with its title and kind, in one table.

The table is *derived* from the models (their field order, ``Field(title=...)`` and
annotations), so a part or field added to :mod:`rapporteur.model` is known here
without another edit. It is committed as ``data/vocabulary.json`` because validation
and export read reports without building the models (see :mod:`rapporteur.fastvalidate`):
loading a small table costs nothing, importing the models ~200 ms. A test fails when
the committed table is stale (``python -m rapporteur.vocabulary`` rewrites it).

Kinds of a leaf field:

* ``text``: prose (paragraphs, normalised by ``normalise_text``);
* ``title``: titles of the event, sessions, talks and addresses (quoted as given);
* ``heading``: a section's heading; ``line``: the attendance sentence;
* ``item``: one entry of a list of sentences (issues raised, key takeaways, tags);
* ``person``: a reference to a person's id; ``id``: a person's own id;
* ``value``: anything else (names, dates, choices, numbers).

A table field is ``part`` (one) or ``parts`` (a list of them).
"""

from __future__ import annotations

import functools
import json
import os
import typing
from dataclasses import dataclass
from typing import Any

VOCABULARY_FILE = "vocabulary.json"

#: Top-level parts that are never printed: what the file says about itself, and the
#: notes taken in the room. Their words are not the report's (not exported, not counted).
UNPRINTED = frozenset({"meta", "notes"})

#: Leaf kinds of prose a reader reads (titles are quoted as given, so not prose).
PROSE_KINDS = frozenset({"text", "heading", "item", "line"})

_KIND_BY_NAME = {"title": "title", "heading": "heading", "attendance": "line"}
#: Models every field of which is of one kind: the custom headings of a report's parts.
_KIND_BY_MODEL = {"Headings": "heading"}


@dataclass(frozen=True)
class Slot:
    """One field of one model: its key, title, kind and (for tables) the model it holds."""

    name: str
    title: str
    kind: str
    many: bool = False  # a list (of tables or of values)
    model: str | None = None  # for ``part``/``parts``
    required: bool = False


@dataclass(frozen=True, eq=False)  # hashed by identity: walks cache their plans per vocabulary
class Vocabulary:
    root: str
    models: dict[str, tuple[Slot, ...]]

    def slots(self, model: str) -> tuple[Slot, ...]:
        return self.models[model]

    def slot(self, model: str, name: str) -> Slot | None:
        for s in self.models.get(model, ()):
            if s.name == name:
                return s
        return None

    def model_at(self, path: tuple[str | int, ...]) -> str | None:
        """The model whose fields are at ``path`` (a table or list item), if any."""
        model: str | None = self.root
        for part in path:
            if isinstance(part, int):
                continue
            slot = self.slot(model, part) if model else None
            if slot is None or slot.model is None:
                return None
            model = slot.model
        return model

    def slot_at(self, path: tuple[str | int, ...]) -> Slot | None:
        """The field at ``path`` (list indices skipped)."""
        keys = [p for p in path if not isinstance(p, int)]
        if not keys:
            return None
        owner = self.model_at(tuple(keys[:-1]))
        return self.slot(owner, str(keys[-1])) if owner else None

    def title(self, path: tuple[str | int, ...]) -> str:
        """The title of the part or field at ``path`` ("Remarks", "Chair"); the key if unknown."""
        slot = self.slot_at(path)
        if slot is not None:
            return slot.title
        keys = [p for p in path if not isinstance(p, int)]
        return str(keys[-1]) if keys else ""

    def part_titles(self) -> dict[str, str]:
        """Top-level key -> title, in the report's order."""
        return {s.name: s.title for s in self.models[self.root]}


# -- deriving (development time; imports the models) -------------------------------------


def _leaf_kind(name: str, annotation: Any, info: Any) -> str:
    from .introspect import metadata
    from .model import PersonId
    from .normalise import normalise_text

    meta = metadata(annotation, info)
    person_pattern = typing.get_args(PersonId)[1].metadata[-1].pattern

    def patterns(items: list[Any]) -> list[str]:
        out = []
        for item in items:
            if getattr(item, "pattern", None):
                out.append(item.pattern)
            out.extend(patterns(list(getattr(item, "metadata", None) or [])))
        return out

    if person_pattern in patterns(meta):
        return "id" if name == "id" else "person"
    if any(getattr(item, "func", None) is normalise_text for item in meta):
        return "text"
    return _KIND_BY_NAME.get(name, "value")


def derive(root: Any = None) -> dict[str, Any]:
    """The vocabulary of ``root`` (the Report model) as JSON-able data."""
    from .introspect import is_list, is_model, item_type

    if root is None:
        from .model import Report

        root = Report
    models: dict[str, list[dict[str, Any]]] = {}
    todo = [root]
    while todo:
        cls = todo.pop(0)
        if cls.__name__ in models:
            continue
        slots = []
        for name, info in cls.model_fields.items():
            inner = item_type(info.annotation)
            many = is_list(info.annotation)
            slot: dict[str, Any] = {"name": name, "title": info.title or name, "many": many}
            if info.is_required():
                slot["required"] = True
            if is_model(inner):
                slot["kind"] = "parts" if many else "part"
                slot["model"] = inner.__name__
                todo.append(inner)
            else:
                kind = _KIND_BY_MODEL.get(cls.__name__) or _leaf_kind(name, info.annotation, info)
                slot["kind"] = "item" if many and kind == "value" else kind
            slots.append(slot)
        models[cls.__name__] = slots
    return {"root": root.__name__, "models": models}


def derive_text() -> str:
    return json.dumps(derive(), indent=1, ensure_ascii=False) + "\n"


def from_data(data: dict[str, Any]) -> Vocabulary:
    return Vocabulary(
        data["root"],
        {name: tuple(Slot(**s) for s in slots) for name, slots in data["models"].items()},
    )


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The committed vocabulary of :class:`~rapporteur.model.Report`."""
    try:
        with open(os.path.join(os.path.dirname(__file__), "data", VOCABULARY_FILE), encoding="utf-8") as fh:
            text = fh.read()
    except OSError:  # installed in a zip
        from importlib import resources

        text = resources.files("rapporteur").joinpath("data", VOCABULARY_FILE).read_text(encoding="utf-8")
    return from_data(json.loads(text))


if __name__ == "__main__":  # regenerate the committed table
    with open(os.path.join(os.path.dirname(__file__), "data", VOCABULARY_FILE), "w", encoding="utf-8") as out:
        out.write(derive_text())
